package csvtable

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/bib"
)

// splitList splits a list cell: on ";" in Scopus and bibdb tables; in
// others on ";" when the cell has one, else on "|" (OpenAlex). Parts are
// trimmed and empty parts dropped.
func splitList(v string, d dialect) []string {
	if v == "" {
		return nil
	}
	sep := ";"
	if d == generic && !strings.Contains(v, ";") && strings.Contains(v, "|") {
		sep = "|"
	}
	var out []string
	for _, p := range strings.Split(v, sep) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// splitAligned splits a cell that lists one value per author (OpenAlex's
// "|"-separated columns, IEEE's ";"-separated affiliations), keeping the
// empty values so that the others stay with their authors.
func splitAligned(v string) []string {
	sep := ";"
	if !strings.Contains(v, ";") && strings.Contains(v, "|") {
		sep = "|"
	}
	parts := strings.Split(v, sep)
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// splitKeywords splits a keyword cell: like splitList, and in tables that
// are neither Scopus's nor bibdb's also on commas outside parentheses when
// the cell has neither ";" nor "|" ("article, cyst (diagnosis, surgery)").
func splitKeywords(v string, d dialect) []string {
	if d != generic || strings.ContainsAny(v, ";|") {
		return splitList(v, d)
	}
	var out []string
	depth, start := 0, 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) {
			switch v[i] {
			case '(', '[':
				depth++
				continue
			case ')', ']':
				if depth > 0 {
					depth--
				}
				continue
			case ',':
				if depth > 0 {
					continue
				}
			default:
				continue
			}
		}
		if p := strings.TrimSpace(v[start:i]); p != "" {
			out = append(out, p)
		}
		start = i + 1
	}
	return out
}

// names reads an author or editor cell. Names are separated by ";" (or
// "|"); a cell without either is separated by ","; then, outside Scopus
// tables (whose names are always "Family I."), a family name standing
// alone is joined with the given names after it: "Cole, Lynette K." is one
// person, "Smith, J., Jones, K." two. Scopus names run together
// ("Fischer M.M.Nijkamp P.") are split.
func names(v string, d dialect) []bib.Person {
	if v == "" {
		return nil
	}
	var parts []string
	if strings.ContainsAny(v, ";|") {
		parts = splitList(v, generic)
	} else {
		parts = strings.Split(v, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		if d != scopus || familyInitialsPairs(parts) {
			parts = pairNames(parts)
		}
	}
	out := make([]bib.Person, 0, len(parts))
	for _, p := range parts {
		if cellValue(p) == "" {
			continue // "[No author name available]"
		}
		for _, q := range splitRunTogether(p) {
			person := bib.ParseName(q)
			if d == scopus {
				person = scopusFamilyFirst(person, q)
			}
			if !person.IsZero() {
				out = append(out, suffixAfterFamily(person))
			}
		}
	}
	return out
}

// scopusFamilyFirst reads a name of Scopus's Authors column that has no
// initials ("Janko Wolfgang", where Scopus knew no initials) family name
// first, as Scopus writes every name there; ParseName reads two words
// without a comma given name first.
func scopusFamilyFirst(p bib.Person, written string) bib.Person {
	if p.Literal != "" || p.Given == "" || strings.IndexByte(written, ',') >= 0 {
		return p
	}
	words := strings.Fields(written)
	if len(words) != 2 || p.Family != words[1] || p.Given != words[0] {
		return p
	}
	return bib.Person{Family: words[0], Given: words[1], Affiliations: p.Affiliations, ORCID: p.ORCID}
}

// familyInitialsPairs reports whether a comma-separated list alternates
// family names and initials, as Scopus wrote its Authors column until
// about 2019 ("Nelson, T.O., Dunlosky, J."); since then a comma ends a
// whole name ("Nelson T.O., Dunlosky J.").
func familyInitialsPairs(parts []string) bool {
	if len(parts)%2 != 0 {
		return false
	}
	for i, p := range parts {
		if isInitialsOnly(p) != (i%2 == 1) {
			return false
		}
	}
	return true
}

// suffixAfterFamily moves a suffix that Scopus writes after the family
// name ("Weaver III, C.A.", "Nunamaker Jr., J.F.") to Suffix.
func suffixAfterFamily(p bib.Person) bib.Person {
	if p.Suffix != "" || p.Literal != "" {
		return p
	}
	if i := strings.LastIndexByte(p.Family, ' '); i > 0 && bib.IsNameSuffix(p.Family[i+1:]) {
		if p.Raw == "" {
			p.Raw = p.String()
		}
		p.Family, p.Suffix = p.Family[:i], p.Family[i+1:]
	}
	return p
}

// pairNames joins "Family" and "Given" halves of a comma-separated list.
func pairNames(parts []string) []string {
	if len(parts) < 2 {
		return parts
	}
	// Every part one word, and an even number of them: "Smith, John, Jones, Mary".
	allWords := len(parts)%2 == 0
	for _, p := range parts {
		allWords = allWords && (isFamilyAlone(p) || isInitialsOnly(p))
	}
	out := make([]string, 0, len(parts))
	for i := 0; i < len(parts); i++ {
		p := parts[i]
		if i+1 < len(parts) && (allWords && i%2 == 0 || isFamilyAlone(p) && parts[i+1] != "" && !isFamilyAlone(parts[i+1]) || isInitialsOnly(parts[i+1])) {
			out = append(out, p+", "+parts[i+1])
			i++
			continue
		}
		out = append(out, p)
	}
	return out
}

// isFamilyAlone reports whether a part is one word, maybe after particles
// ("Smith", "van der Berg").
func isFamilyAlone(p string) bool {
	toks := strings.Fields(p)
	if len(toks) == 0 {
		return false
	}
	for _, t := range toks[:len(toks)-1] {
		switch strings.ToLower(t) {
		case "van", "von", "de", "der", "den", "da", "di", "del", "della", "des", "du", "dos", "das", "la", "le", "ter", "ten", "zu":
		default:
			return false
		}
	}
	last := toks[len(toks)-1]
	return !isInitialsOnly(last) && !strings.HasSuffix(last, ".")
}

// isInitialsOnly reports whether a part is only initials: "J.", "J.K.", "JK".
func isInitialsOnly(p string) bool {
	p = strings.TrimSpace(p)
	if p == "" || len(p) > 12 {
		return false
	}
	letters := 0
	for _, r := range p {
		switch {
		case r == '.' || r == '-' || r == ' ':
		case unicode.IsUpper(r):
			letters++
		default:
			return false
		}
	}
	return letters > 0 && letters <= 4
}

// splitRunTogether splits names that an old Scopus export ran together:
// "Fischer M.M.Nijkamp P." → "Fischer M.M.", "Nijkamp P.".
func splitRunTogether(p string) []string {
	var out []string
	start := 0
	for i := 1; i+2 < len(p); i++ {
		if p[i] != '.' || !isUpperASCII(p[i+1]) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(p[i+2:])
		if !unicode.IsLower(r) || i-1 < 0 || !isUpperASCII(p[i-1]) {
			continue
		}
		out = append(out, p[start:i+1])
		start = i + 1
	}
	if start == 0 {
		return []string{p}
	}
	return append(out, p[start:])
}

func isUpperASCII(c byte) bool { return c >= 'A' && c <= 'Z' }

// joinedNamePrefixes begin family names that have a capital inside them
// (MacArthur, VanDyke, FitzGerald): a capital after one of them goes on
// the same name. Mc, De, Di, Le, La and O' are here for completeness: a
// split needs two lower-case letters before the capital, which they do
// not have (McDonald, DeWitt, DiCaprio, LeBlanc, LaRue, O'Neil).
var joinedNamePrefixes = map[string]bool{
	"Mc": true, "Mac": true, "De": true, "Di": true, "Le": true, "La": true,
	"Van": true, "Von": true, "Fitz": true, "O'": true,
}

// shortFamilyNames are family names of two letters, frequent in Chinese
// and Korean names, that end a name although they have only one
// lower-case letter: "Wei LiJun Wang" is "Wei Li" and "Jun Wang".
var shortFamilyNames = map[string]bool{
	"Li": true, "Xu": true, "Wu": true, "Yu": true, "Lu": true, "Hu": true, "He": true, "Ma": true,
	"Qi": true, "Su": true, "Ye": true, "Fu": true, "Gu": true, "Oh": true,
}

// splitJoinedNames splits a cell that runs names together with nothing
// between them, as SpringerLink's CSV does: "John M. CarrollBlaine
// HoffmanKyungsik Han" → "John M. Carroll", "Blaine Hoffman", "Kyungsik
// Han". A new name begins at a capital that directly follows a lower-case
// letter, when
//
//   - the capital starts a word: a lower-case letter follows it;
//   - the name before it has at least two words ("MaryAnn Jones" stays
//     one name), and its last word ends in two lower-case letters ("Mc",
//     "De" and "Le" do not end one) or is one of shortFamilyNames;
//   - that last word (or the part of it after a hyphen) is none of
//     joinedNamePrefixes ("Ana MacArthur" stays one name).
//
// It is a guess: a name with a capital inside a later word ("Anna Mary
// JoAnn Smith") is split wrongly, and a name that ends in capitals or in
// a family name of two letters that is not listed is not split. The cell
// is returned as it is when no split is found.
func splitJoinedNames(v string) []string {
	var out []string
	start, word := 0, 0 // where the current name and its current word begin
	spaced := false     // the current name has more than one word
	var prev, prev2 rune
	for i, r := range v {
		switch {
		case r == ' ' || r == '-':
			spaced = spaced || r == ' ' && strings.TrimSpace(v[start:i]) != ""
			word = i + 1
		case unicode.IsUpper(r) && unicode.IsLower(prev) && spaced:
			next, _ := utf8.DecodeRuneInString(v[i+utf8.RuneLen(r):])
			last := v[word:i]
			if unicode.IsLower(next) && (unicode.IsLower(prev2) && !joinedNamePrefixes[last] || shortFamilyNames[last]) {
				out = append(out, strings.TrimSpace(v[start:i]))
				start, word, spaced = i, i, false
			}
		}
		prev2, prev = prev, r
	}
	if out == nil {
		return []string{v}
	}
	return append(out, strings.TrimSpace(v[start:]))
}

// stripScopusIDs removes the Scopus author ids of an "Author full names"
// cell: "Liu, Fengyuan (60410297700); Li, Chunyun (58862216200)".
func stripScopusIDs(v string) string {
	if strings.IndexByte(v, '(') < 0 {
		return v
	}
	b := make([]byte, 0, len(v))
	for i := 0; i < len(v); i++ {
		if v[i] == '(' {
			j := i + 1
			for j < len(v) && v[j] >= '0' && v[j] <= '9' {
				j++
			}
			if j > i+1 && j < len(v) && v[j] == ')' {
				for len(b) > 0 && b[len(b)-1] == ' ' {
					b = b[:len(b)-1]
				}
				i = j
				continue
			}
		}
		b = append(b, v[i])
	}
	return string(b)
}

// bibdbNames reads bibdb's author cell: "Family, Given; Family, Given",
// with group names that would not read back as one in braces.
func bibdbNames(v string) []bib.Person {
	if v == "" {
		return nil
	}
	out := make([]bib.Person, 0, strings.Count(v, ";")+1)
	depth, start := 0, 0
	for i := 0; i <= len(v); i++ {
		if i < len(v) {
			switch v[i] {
			case '{':
				depth++
				continue
			case '}':
				if depth > 0 {
					depth--
				}
				continue
			case ';':
				if depth > 0 {
					continue
				}
			default:
				continue
			}
		}
		part := strings.TrimSpace(v[start:i])
		start = i + 1
		if part == "" {
			continue
		}
		if strings.HasPrefix(part, "{") && strings.HasSuffix(part, "}") {
			out = append(out, bib.Person{Literal: part[1 : len(part)-1]})
			continue
		}
		if p := bib.ParseName(part); !p.IsZero() {
			out = append(out, p)
		}
	}
	return out
}

// line is one "Name: value" line of a bibdb cell, with the index of the
// author it names (-1 when it names none).
type line struct {
	author int
	value  string
}

// nameLines reads a bibdb cell of "Name: value" lines, matching each name
// to an author in order (the next author of that name).
func nameLines(authors []bib.Person, v string) []line {
	out := make([]line, 0, strings.Count(v, "\n")+1)
	names := make([]string, len(authors))
	for i, a := range authors {
		names[i] = a.String()
	}
	next := 0
	for len(v) > 0 {
		l := v
		if i := strings.IndexByte(v, '\n'); i >= 0 {
			l, v = v[:i], v[i+1:]
		} else {
			v = ""
		}
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		idx, value := -1, l
		for _, from := range [2]int{next, 0} {
			for j := from; j < len(names); j++ {
				n := names[j]
				if len(l) > len(n)+1 && strings.HasPrefix(l, n) && l[len(n)] == ':' {
					idx, value = j, strings.TrimSpace(l[len(n)+1:])
					break
				}
			}
			if idx >= 0 {
				break
			}
		}
		if idx >= 0 {
			next = idx
		} else if _, rest, ok := strings.Cut(l, ": "); ok {
			value = rest
		}
		if value != "" {
			out = append(out, line{author: idx, value: value})
		}
	}
	return out
}

// alignAffiliations reads a cell of affiliations that lists one per author
// (IEEE Xplore's "Author Affiliations", OpenAlex institutions); when the
// counts differ, the affiliations are record-level.
func alignAffiliations(rec *bib.Record, v string) {
	parts := splitAligned(v)
	if len(parts) == len(rec.Authors) && !strings.Contains(v, "\n") {
		for i, p := range parts {
			if a := clean(p); a != "" {
				rec.Authors[i].Affiliations = append(rec.Authors[i].Affiliations, a)
			}
		}
		return
	}
	for _, p := range parts {
		rec.AddAffiliation(clean(p))
	}
}

// linkScopusAffiliations reads Scopus's "Authors with affiliations":
// entries separated by ";", each the author's name as in the Authors
// column ("Liu F." or, in old exports, "Yagai, T.") and the author's
// affiliations. An entry that names no author continues the one before.
// The affiliations of one author, run together with ", ", are told apart
// with the record's list of affiliations.
func linkScopusAffiliations(rec *bib.Record, authorsCell, v string, known []string) {
	short := splitList(authorsCell, scopus)
	if len(short) <= 1 && strings.Count(authorsCell, ",") > 0 && !strings.Contains(authorsCell, ";") {
		short = strings.Split(authorsCell, ",")
		for i := range short {
			short[i] = strings.TrimSpace(short[i])
		}
	}
	if len(short) != len(rec.Authors) {
		short = nil
		for _, p := range rec.Authors {
			short = append(short, p.FamilyName()+" "+p.Given)
		}
	}
	texts := make([]string, len(rec.Authors))
	cur, next := -1, 0
	for _, e := range strings.Split(v, ";") {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		idx, aff := matchEntry(e, short, next)
		if idx >= 0 {
			cur, next = idx, idx+1
			texts[cur] = aff
			continue
		}
		if cur >= 0 {
			if texts[cur] != "" {
				texts[cur] += "; "
			}
			texts[cur] += e
		} else {
			rec.AddAffiliation(e)
		}
	}
	for i, t := range texts {
		for _, a := range splitAffiliations(t, known) {
			if a = clean(a); a != "" {
				rec.Authors[i].Affiliations = append(rec.Authors[i].Affiliations, a)
			}
		}
	}
}

// matchEntry finds the author an "Authors with affiliations" entry begins
// with, trying the expected next author first, and returns the author's
// index and the text after the name.
func matchEntry(e string, short []string, next int) (int, string) {
	try := func(j int) (string, bool) {
		n := short[j]
		if n == "" {
			return "", false
		}
		if e == n {
			return "", true
		}
		if strings.HasPrefix(e, n) && strings.HasPrefix(e[len(n):], ",") {
			return strings.TrimSpace(e[len(n)+1:]), true
		}
		// Old exports write the name with a comma: "Yagai, T., Sophia University".
		parts := strings.SplitN(e, ",", 3)
		if len(parts) >= 2 && bib.Key(parts[0]+" "+parts[1]) == bib.Key(n) {
			if len(parts) == 3 {
				return strings.TrimSpace(parts[2]), true
			}
			return "", true
		}
		return "", false
	}
	for j := next; j < len(short) && j < next+3; j++ {
		if aff, ok := try(j); ok {
			return j, aff
		}
	}
	for j := range short {
		if aff, ok := try(j); ok {
			return j, aff
		}
	}
	return -1, ""
}

// splitAffiliations splits the text of one author's affiliations into the
// affiliations of the record's list it is made of: the pieces between
// ", " are matched against the known affiliations, longest first, and
// pieces that match none stay together as one affiliation.
func splitAffiliations(text string, known []string) []string {
	if text == "" {
		return nil
	}
	if len(known) < 2 {
		return []string{text}
	}
	for _, k := range known {
		if k == text {
			return []string{text}
		}
	}
	pieces := strings.Split(text, ", ")
	n := len(pieces)
	knownPieces := make([][]string, 0, len(known))
	for _, k := range known {
		knownPieces = append(knownPieces, strings.Split(k, ", "))
	}
	// best[i]: most pieces from i on covered by known affiliations; next[i]:
	// how many pieces the affiliation starting at i takes (0: an unknown piece).
	best := make([]int, n+1)
	take := make([]int, n+1)
	for i := n - 1; i >= 0; i-- {
		best[i], take[i] = best[i+1], 0
		for _, kp := range knownPieces {
			if len(kp) > n-i || !equalPieces(pieces[i:i+len(kp)], kp) {
				continue
			}
			if c := best[i+len(kp)] + len(kp); c > best[i] || c == best[i] && take[i] > 0 && len(kp) > take[i] {
				best[i], take[i] = c, len(kp)
			}
		}
	}
	if best[0] == 0 {
		return []string{text}
	}
	var out []string
	var unknown []string
	for i := 0; i < n; {
		if take[i] == 0 {
			unknown = append(unknown, pieces[i])
			i++
			continue
		}
		if len(unknown) > 0 {
			out = append(out, strings.Join(unknown, ", "))
			unknown = nil
		}
		out = append(out, strings.Join(pieces[i:i+take[i]], ", "))
		i += take[i]
	}
	if len(unknown) > 0 {
		out = append(out, strings.Join(unknown, ", "))
	}
	return out
}

func equalPieces(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// linkGroupedAffiliations reads Web of Science's addresses, "[Smith, J;
// Doe, A] Univ X, Dept Y; [Roe, R] Univ Z": each address is added to the
// authors named before it, and to the record.
func linkGroupedAffiliations(rec *bib.Record, v string) {
	keys := make([]string, len(rec.Authors))
	for i, p := range rec.Authors {
		keys[i] = bib.Key(p.String())
	}
	for len(v) > 0 {
		v = strings.TrimLeft(v, "; ")
		var group string
		if strings.HasPrefix(v, "[") {
			end := strings.IndexByte(v, ']')
			if end < 0 {
				break
			}
			group, v = v[1:end], v[end+1:]
		}
		addr := v
		if i := strings.Index(v, "; ["); i >= 0 {
			addr, v = v[:i], v[i+1:]
		} else {
			v = ""
		}
		for _, a := range splitList(addr, scopus) {
			a = clean(a)
			rec.AddAffiliation(a)
			for _, n := range strings.Split(group, ";") {
				k := bib.Key(n)
				for i := range rec.Authors {
					if k != "" && keys[i] == k {
						rec.Authors[i].Affiliations = append(rec.Authors[i].Affiliations, a)
						break
					}
				}
			}
		}
	}
}
