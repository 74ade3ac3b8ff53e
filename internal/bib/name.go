package bib

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseName parses one personal or group name as exports write it:
//
//	"Byng, Richard"        family, given
//	"Byng, R.J."           family, initials
//	"Roach, Mack, III"     family, given, suffix
//	"Byng RJ", "Liu R."    family, then initials (MEDLINE AU, Embase, Scopus)
//	"R. Byng", "R.J. Byng" initials, then family (IEEE, the flattened seed)
//	"Richard Byng"         given, then family
//	"PARTNERS2 Study Group" a group: Literal
//
// The name as written is kept in Raw when the parsed form differs from it.
// An empty or "et al." name returns the zero Person.
func ParseName(s string) Person {
	s = CleanText(s)
	if isCorporateComma(s) {
		return Person{Literal: TrimSpace(strings.TrimSuffix(s, ","))}
	}
	if t := TrimASCII(s, ",; "); len(t) != len(s) {
		s = CleanText(t)
	}
	if s == "" || IsEtAl(s) {
		return Person{}
	}
	p := parseName(s)
	if !p.writtenAs(s) {
		p.Raw = s
	}
	return p
}

// isCorporateComma reports whether s is a name of several words followed
// by a comma and nothing else, the way EndNote keeps a corporate author
// whole ("Cochrane Collaboration,"): nothing is to be split off it. A last
// word of initials ("Smith J,") makes it a person's name.
func isCorporateComma(s string) bool {
	if !strings.HasSuffix(s, ",") || strings.Count(s, ",") != 1 {
		return false
	}
	words := strings.Fields(s[:len(s)-1])
	return len(words) >= 2 && !isInitials(words[len(words)-1])
}

func parseName(s string) Person {
	if i := strings.IndexByte(s, ','); i >= 0 {
		family := TrimSpace(s[:i])
		rest := TrimSpace(s[i+1:])
		if family == "" {
			return Person{Literal: rest}
		}
		if family == "." || family == "-" {
			return parseName(rest) // NASA ADS's "., S. N. Agbo": no family name before the comma
		}
		if rest == "" {
			return Person{Family: family}
		}
		if looksLikeGroup(family) {
			return Person{Literal: s}
		}
		if strings.IndexByte(family, ' ') > 0 && strings.IndexByte(rest, ' ') < 0 && groupWords[lowerWord(rest)] {
			// EndNote's "Wellcome Trust Case Control, Consortium": a group
			// name cut at its last word
			return Person{Literal: family + " " + rest}
		}
		p := Person{Family: family, Given: rest}
		if j := strings.IndexByte(rest, ','); j >= 0 {
			a, b := TrimSpace(rest[:j]), TrimSpace(rest[j+1:])
			switch {
			case len(b) == 1 && b[0] >= 'A' && b[0] <= 'Z' && a != "":
				// Web of Science's "Fedotovich, G., V" and "Dimarogonas,
				// Dimos, V": a last initial after a stray comma, not the
				// suffix V
				p.Given = a + " " + b + "."
			case isSuffix(b):
				p.Given, p.Suffix = a, b
			case isSuffix(a): // BibTeX "von Last, Jr, First"
				p.Given, p.Suffix = b, a
			case isDegreeOrRole(b): // ProQuest's "Higa, Darrel H, PhD", ERIC's "Hern, Matt, Ed"
				p.Given = a
			}
		} else if isSuffix(rest) && !isRomanInitials(rest) {
			// "Smith, Jr": but "Petrov, IV" is Petrov with initials I. V.
			p.Given, p.Suffix = "", rest
		} else {
			p.Given = trimGivenEnd(rest)
		}
		if k := trailingParticles(p.Given); k > 0 {
			// "Wesenbeeck, B. K. van" (AGRIS, CAB Abstracts, Zotero's
			// RIS): a particle of the family name, which "B. K. van
			// Wesenbeeck" writes before it
			p.Particle, p.ParticleDrops = p.Given[k:], true
			p.Given = strings.TrimRight(p.Given[:k], " ")
		}
		return p
	}
	if looksLikeGroup(s) {
		return Person{Literal: s}
	}
	toks := strings.Fields(s)
	if len(toks) == 1 {
		return Person{Family: s}
	}
	if AllCJK(toks) {
		// Chinese, Japanese and Korean names are written family name
		// first: "義久 智樹", "홍 길동"
		return Person{Family: toks[0], Given: strings.Join(toks[1:], " ")}
	}
	var suffix string
	if len(toks) > 2 && isSuffix(toks[len(toks)-1]) {
		suffix = toks[len(toks)-1]
		toks = toks[:len(toks)-1]
	}
	// Family name then initials: "Byng R", "Liu R.", "van der Berg JA",
	// "Salim H. M." (every trailing initial belongs to the given name),
	// and "LI Y", a short family name in capitals before an initial: the
	// first word reads as initials only when it carries a full stop.
	// Four initials ("Tseng RMWW") count only after a word in mixed case.
	if last := toks[len(toks)-1]; (isInitials(last) || isFourInitials(last) && hasLower(toks[0])) &&
		(!isInitials(toks[0]) || !strings.Contains(toks[0], ".") && len(toks) == 2 && !strings.Contains(last, ".")) {
		k := len(toks) - 1
		for k > 1 && isInitials(toks[k-1]) {
			k--
		}
		family := toks[:k]
		if suffix == "" && len(family) > 1 && IsNameSuffix(family[len(family)-1]) {
			// "Smith Jr A": a suffix after the family name, read as
			// "Smith Jr, A" is
			suffix = family[len(family)-1]
			family = family[:len(family)-1]
		}
		return Person{Family: strings.Join(family, " "), Given: strings.Join(toks[k:], " "), Suffix: suffix}
	}
	// Initials then family name: "R. Byng", "R.J. Byng", "A. -M. Smith".
	n := 0
	for n < len(toks)-1 && isInitials(toks[n]) {
		n++
	}
	if n == 0 {
		// Given names then family name, with any particles kept in the
		// family name: "Ludwig van Beethoven", "David De Roure".
		n = len(toks) - 1
		for n > 1 && isParticle(strings.ToLower(toks[n-1])) {
			n--
		}
	}
	return Person{Family: strings.Join(toks[n:], " "), Given: strings.Join(toks[:n], " "), Suffix: suffix}
}

// trimGivenEnd removes from given names what catalogues and databases
// write after them: an editor's mark ("Takada, Mitsuo eds", as ProQuest
// writes the editors of a book among its authors) and the full stop that
// ends a library catalogue's heading ("Mittelbach, Frank."). The full stop
// after an initial ("Knuth, Donald E.") stays.
// trailingParticles returns the offset of the particles in lower case
// ("van", "de", "van der") that end a given name after at least one word
// of it, or 0.
func trailingParticles(given string) int {
	k := len(given)
	for {
		i := strings.LastIndexByte(given[:k], ' ')
		if i <= 0 {
			break
		}
		w := given[i+1 : k]
		if !isParticle(w) || !europeanParticle(w) { // the map has the particles in lower case only
			break
		}
		k = i
	}
	if k == len(given) {
		return 0
	}
	return k + 1
}

// europeanParticle reports whether a particle is one that exports move
// after the given name ("van", "de", "da"), not "al", "bin" or "St.",
// which stay where they are written.
func europeanParticle(w string) bool {
	switch w {
	case "al", "el", "bin", "ibn", "st.":
		return false
	}
	return true
}

func trimGivenEnd(given string) string {
	if n := len(given); n < 4 || !maybeMarkEnd(given[n-1]) {
		return given // most given names: no mark, no full stop after a word
	}
	i := strings.LastIndexByte(given, ' ')
	if i > 0 && IsEditorMark(given[i+1:]) {
		given = strings.TrimRight(given[:i], " ,")
		i = strings.LastIndexByte(given, ' ')
	}
	last := given[i+1:]
	if n := len(last); n >= 4 && last[n-1] == '.' && strings.IndexByte(last[:n-1], '.') < 0 && hasLower(last) && isLetters(last[:n-1]) {
		given = given[:len(given)-1]
	}
	return given
}

// isLetters reports whether s holds only letters.
func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// maybeMarkEnd reports whether c may end an editor's mark or a full
// stop: the quick test before either is looked for.
func maybeMarkEnd(c byte) bool { return c == '.' || c == 'd' || c == 's' || c == ')' }

// IsEditorMark reports whether t, the last word of a name, marks its
// bearer as an editor: "ed", "eds", "(ed.)", "(Eds.)". "Ed" and "Ed."
// are left alone: they may be a given name.
func IsEditorMark(t string) bool {
	if len(t) < 2 || len(t) > 9 || t[0] != 'e' && t[0] != 'E' && t[0] != '(' {
		return false
	}
	switch t {
	case "ed", "eds", "ed.", "eds.", "Eds", "Eds.", "(ed)", "(eds)", "(ed.)", "(eds.)", "(Ed)", "(Eds)", "(Ed.)", "(Eds.)", "(editor)", "(editors)":
		return true
	}
	return false
}

// HasEditorMark reports whether a name as written ends with an editor's
// mark (see IsEditorMark).
func HasEditorMark(name string) bool {
	name = strings.TrimRight(name, " ")
	if n := len(name); n < 4 || !maybeMarkEnd(name[n-1]) {
		return false
	}
	i := strings.LastIndexByte(name, ' ')
	return i > 0 && IsEditorMark(name[i+1:])
}

// IsEtAl reports whether s stands for omitted authors ("et al.", "others").
func IsEtAl(s string) bool {
	s = TrimSpace(s)
	if len(s) > 12 || s == "" {
		return false
	}
	switch s[0] { // what every form starts with: a quick no for names
	case 'e', 'E', 'o', 'O', 'a', 'A', '[', '(', '.', "…"[0]:
	default:
		return false
	}
	s = TrimSpace(TrimASCII(s, "[]()"))
	for _, form := range []string{"et al", "et al.", "et. al.", "et al..", "others", "and others", "et alii", "...", "…"} {
		if strings.EqualFold(s, form) {
			return true
		}
	}
	return false
}

// isInitials reports whether a token is one to three initials: "R", "RJ",
// "R.", "R.J.", "R.-J.", "J-P".
func isInitials(t string) bool {
	letters := 0
	dots := 0
	for _, r := range t {
		switch {
		case r == '.':
			dots++
		case r == '-' || r == '‐':
		case unicode.IsUpper(r):
			letters++
		default:
			return false
		}
	}
	if letters == 0 || letters > 3 {
		return false
	}
	// A lone capital word like "LI" (a family name in capitals) is
	// ambiguous; two or three capitals without dots count as initials only
	// at the end of a name (checked by the caller's position rules).
	return letters == 1 || dots > 0 || letters <= 3
}

// isFourInitials reports whether t is four capital letters.
func isFourInitials(t string) bool {
	if len(t) != 4 {
		return false
	}
	for i := 0; i < 4; i++ {
		if t[i] < 'A' || t[i] > 'Z' {
			return false
		}
	}
	return true
}

func hasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// IsNameSuffix reports whether t is a suffix written as MEDLINE writes
// one ("Jr", "3rd", "III"), in that case: the suffixes recognised after a
// family name ("Smith Jr A"; Scopus's "Weaver III, C.A."), where a word in
// another case is more likely part of the name.
func IsNameSuffix(t string) bool {
	switch t {
	case "Jr", "Jr.", "Sr", "Sr.", "2nd", "3rd", "4th", "II", "III", "IV":
		return true
	}
	return false
}

var suffixes = map[string]bool{"jr": true, "jr.": true, "sr": true, "sr.": true, "ii": true, "iii": true, "iv": true, "2nd": true, "3rd": true}

// isRomanInitials reports whether a suffix-like word could be initials
// written in capitals ("II", "IV").
func isRomanInitials(t string) bool {
	t = TrimSpace(t)
	return t == "II" || t == "III" || t == "IV" || t == "JR" || t == "SR"
}

// degreesAndRoles are what some databases write after a name's given
// names: a degree ("PhD", "MD") or the person's role ("Ed" for an
// editor). They are no part of the name. (Folded: lower case, no dots.)
var degreesAndRoles = map[string]bool{"phd": true, "md": true, "msc": true, "ms": true, "ma": true, "ba": true, "bsc": true,
	"rn": true, "mph": true, "dphil": true, "drph": true, "mbbs": true, "frcp": true, "frcs": true, "facp": true,
	"ed": true, "eds": true, "editor": true, "editors": true, "comp": true, "trans": true}

func isDegreeOrRole(t string) bool {
	t = TrimSpace(t)
	if len(t) > 8 {
		return false
	}
	var buf [8]byte
	b := buf[:0]
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '.' || c == '(' || c == ')':
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		default:
			b = append(b, c)
		}
	}
	return degreesAndRoles[string(b)]
}

// IsSuffix reports whether t is a name suffix in any case: "jr", "JR.", "iii".
func IsSuffix(t string) bool { return isSuffix(t) }

func isSuffix(t string) bool {
	t = TrimSpace(t)
	if len(t) > 4 {
		return false
	}
	var buf [4]byte
	return suffixes[string(appendLowerASCII(buf[:0], t))]
}

var particles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "di": true, "del": true, "della": true, "des": true, "du": true, "dos": true, "das": true, "la": true, "le": true, "ter": true, "ten": true, "zu": true, "al": true, "el": true, "bin": true, "ibn": true, "st.": true}

func isParticle(t string) bool { return particles[t] }

// groupWords mark a name as a group or organisation rather than a person.
var groupWords = map[string]bool{
	"group": true, "groups": true, "consortium": true, "collaboration": true, "collaborative": true, "collaborators": true,
	"committee": true, "society": true, "association": true, "organization": true, "organisation": true,
	"institute": true, "investigators": true, "team": true, "network": true, "council": true, "study": true,
	"trial": true, "trialists": true, "working": true, "foundation": true, "university": true, "department": true,
	"agency": true, "office": true, "centre": true, "center": true, "centers": true, "board": true, "panel": true,
	"force": true, "federation": true, "alliance": true, "programme": true, "program": true, "ministry": true,
	"commission": true, "academy": true, "college": true, "service": true, "services": true, "authors": true,
	"writing": true, "anonymous": true, "national": true, "international": true, "&": true, "of": true, "for": true, "and": true,
}

func looksLikeGroup(s string) bool {
	if strings.IndexByte(s, ' ') < 0 {
		return len(s) >= 9 && len(s) <= 13 && strings.EqualFold(TrimASCII(s, "[]"), "anonymous")
	}
	toks := 0
	hits, strong := 0, 0
	startsThe := len(s) > 4 && strings.EqualFold(s[:4], "the ")
	for rest := s; rest != ""; {
		var t string
		if i := strings.IndexByte(rest, ' '); i >= 0 {
			t, rest = rest[:i], rest[i+1:]
		} else {
			t, rest = rest, ""
		}
		if t == "" {
			continue
		}
		toks++
		w := lowerWord(TrimASCII(t, ".,;:()[]"))
		if groupWords[w] {
			hits++
			if w != "of" && w != "for" && w != "and" && w != "&" {
				strong++
			}
		}
	}
	// "Smith and Jones" is two people badly joined, not a group; require a
	// real group word, not only a connective.
	return strong > 0 && (hits >= 2 || toks >= 3 || startsThe)
}

// lowerWord lower-cases a short ASCII word without allocating when it is
// already lower case; other words are returned lower-cased normally.
func lowerWord(t string) string {
	for i := 0; i < len(t); i++ {
		if c := t[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(t)
		}
	}
	return t
}

var initialsPunct = strings.NewReplacer(".", "", " ", "", "-", "", "‐", "")

// Initials returns the initials of a given name in capitals without dots:
// "Richard John" → "RJ", "R.J." → "RJ", "Jean-Pierre" → "JP", "FM" → "FM".
func Initials(given string) string {
	given = TrimSpace(given)
	if given == "" {
		return ""
	}
	compact := initialsPunct.Replace(given)
	if n := utf8.RuneCountInString(compact); n > 0 && n <= 3 && isAllUpper(compact) {
		return compact
	}
	var b strings.Builder
	start := true
	for _, r := range given {
		if r == ' ' || r == '.' || r == '-' || r == '‐' {
			start = true
			continue
		}
		if start && unicode.IsLetter(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
		start = false
	}
	return b.String()
}

func isAllUpper(s string) bool {
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return s != ""
}

// writtenAs reports whether s is the name as String would write it, without
// building that string.
func (p Person) writtenAs(s string) bool {
	if p.Literal != "" {
		return s == p.Literal
	}
	if p.Particle != "" || p.Suffix != "" {
		return p.String() == s
	}
	if p.Given == "" {
		return s == p.Family
	}
	return len(s) == len(p.Family)+2+len(p.Given) && s[:len(p.Family)] == p.Family &&
		s[len(p.Family):len(p.Family)+2] == ", " && s[len(p.Family)+2:] == p.Given
}

// IsAuthorHeading reports whether a line of an address field is not an
// address but the name of one of the authors, as Web of Science writes the
// reprint author before the addresses ("Pascualahuir, Jl" above "Univ
// Valencia, ...") and EndNote keeps it there: a family name of the record,
// a comma and initials.
func IsAuthorHeading(line string, authors []Person) bool {
	i := strings.IndexByte(line, ',')
	if i < 2 || len(line)-i > 12 || len(authors) == 0 {
		return false // an address, not a name and initials
	}
	family, initials := TrimSpace(line[:i]), line[i+1:]
	if strings.IndexByte(initials, ',') >= 0 {
		return false
	}
	initials = TrimSpace(initials)
	letters := 0
	for _, r := range initials {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r == '.' || r == ' ' || r == '-':
		default:
			return false
		}
	}
	if letters == 0 || letters > 4 {
		return false
	}
	for _, a := range authors {
		if a.Family != "" && strings.EqualFold(Fold(a.Family), Fold(family)) {
			return true
		}
	}
	return false
}

// AllCJK reports whether every word is written in Chinese, Japanese or
// Korean script alone (Han, Hiragana, Katakana, Hangul), the scripts
// whose names are written family name first.
func AllCJK(words []string) bool {
	for _, w := range words {
		if w == "" {
			return false
		}
		for _, r := range w {
			if r < 0x1100 || !(unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || r == 0x30FC || r == 0x30FB) {
				return false
			}
		}
	}
	return len(words) > 0
}
