package bibtex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/bib"
)

// Names splits a BibTeX name list (the LaTeX source of an author or editor
// field) into people, the way BibTeX does:
//
//   - names are separated by "and" (any case) standing alone between
//     white space at brace depth 0; "{and}" and "Barnes {and} Noble" are not
//     separators;
//   - "and others" at the end (also "et al.") means the list is not
//     complete: etAl is set and no person called "others" is made;
//   - each name is "First von Last", "von Last, First" or
//     "von Last, Jr, First"; the von part is the run of words that start
//     with a lower-case letter (a word that starts with a brace group is
//     not lower case, so "{von Helmholtz}" stays in the family name),
//     except the "y", "e" or "i" that joins two family names ("José
//     Ortega y Gasset", "Sousa e Silva, Ana"), which BibTeX would take
//     for one and so split the family name;
//   - a name that is one brace group ("{World Health Organization}",
//     "{[Anonymous]}") is a group or corporate name: Literal;
//   - biblatex's extended form "family=Smith, given=John, prefix=van" is
//     read part by part;
//   - a name written "Family Initials" with no comma ("Byng RJ"), as some
//     converters from MEDLINE write it, is read family first;
//   - a name in Chinese, Japanese or Korean script with no comma ("義久
//     智樹", as CiNii and Japanese societies write it) is family name first;
//   - "Last, First, Jr" (a suffix last, as Zotero writes it) is read as
//     meant, and a group written without braces ("PARTNERS2 Study Group")
//     is a Literal when bib.ParseName sees a group in it.
//
// Every part is turned into plain text with Text.
func Names(s string) (people []bib.Person, etAl bool) {
	var room [16]string // on the stack: most lists are shorter
	list := splitAnd(room[:0], s)
	people = make([]bib.Person, 0, len(list))
	for _, raw := range list {
		raw = strings.TrimSpace(raw)
		if raw == "" {
			continue
		}
		if isOthers(raw) {
			etAl = true
			continue
		}
		p := Name(raw)
		if p.IsZero() {
			continue
		}
		people = append(people, p)
	}
	return people, etAl
}

func isOthers(s string) bool {
	if len(s) > 16 || strings.IndexByte(s, ',') >= 0 {
		return false
	}
	s = strings.Trim(strings.TrimSpace(s), "{}")
	return bib.IsEtAl(s)
}

// splitAnd splits a name list on " and " at brace depth 0, appending the
// names to out.
func splitAnd(out []string, s string) []string {
	first := len(out)
	depth := 0
	start := 0
	for i := 0; i < len(s); i++ {
		if !andStop[s[i]] {
			continue // most bytes, looked up faster than switched on
		}
		switch c := s[i]; c {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case ' ', '\t', '\n', '\r', '~':
			if depth != 0 || i+4 >= len(s) {
				continue
			}
			if (s[i+1]|0x20) == 'a' && (s[i+2]|0x20) == 'n' && (s[i+3]|0x20) == 'd' && isSpace(s[i+4]) {
				out = append(out, s[start:i])
				start = i + 4
				i += 3
			}
		}
	}
	out = append(out, s[start:])
	// "and" at the very start or end of the list ("A and", "and B")
	names := out[first:]
	for i, p := range names {
		if i != 0 && i != len(names)-1 {
			continue
		}
		t := strings.TrimSpace(p)
		if i == 0 && len(t) >= 4 && strings.EqualFold(t[:4], "and ") {
			names[i] = t[4:]
		}
		if i == len(names)-1 && len(t) >= 4 && strings.EqualFold(t[len(t)-4:], " and") {
			names[i] = t[:len(t)-4]
		}
	}
	return out
}

// andStop are the bytes splitAnd looks at.
var andStop = func() (t [256]bool) {
	for _, c := range "\\{} \t\n\r~" {
		t[c] = true
	}
	return t
}()

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~' }

// Name parses one BibTeX name (LaTeX source) into a person.
func Name(raw string) bib.Person {
	raw = strings.TrimSpace(strings.Trim(strings.TrimSpace(raw), ","))
	if strings.Contains(raw, "--") {
		raw = strings.ReplaceAll(raw, "--", "-") // "Yi--Ching": a hyphen, not a dash
	}
	if raw == "" {
		return bib.Person{}
	}
	if isWholeGroup(raw) {
		inner := strings.TrimSpace(raw[1 : len(raw)-1])
		if isWholeGroup(inner) { // {{World Health Organization}}
			inner = inner[1 : len(inner)-1]
		}
		return bib.Person{Literal: Text(inner)}
	}
	if p, ok := simpleName(raw); ok {
		return p
	}
	parts := splitTop(raw, ',')
	if p, ok := extendedName(parts); ok {
		return p
	}
	var first, von, last, jr []string
	switch len(parts) {
	case 1:
		words := words(parts[0])
		if len(words) == 0 {
			return bib.Person{}
		}
		if fam, given, ok := familyInitials(words); ok {
			return bib.Person{Family: Text(strings.Join(fam, " ")), Given: Text(strings.Join(given, " ")), Raw: Text(raw)}
		}
		if len(words) > 1 && bib.AllCJK(words) {
			// "義久 智樹", "홍 길동": family name first, as Chinese,
			// Japanese and Korean names are written
			return bib.Person{Family: words[0], Given: strings.Join(words[1:], " "), Raw: Text(raw)}
		}
		if len(words) > 1 && strings.IndexByte(raw, '{') < 0 {
			// a group written without braces: "PARTNERS2 Study Group"
			if g := bib.ParseName(Text(raw)); g.Literal != "" {
				return bib.Person{Literal: g.Literal}
			}
		}
		// First von Last: von starts at the first lower-case word that
		// is not the last word, and ends at the last such word.
		lastIdx := len(words) - 1
		vs, ve, conj := -1, -1, -1
		for i := 0; i < lastIdx; i++ {
			switch {
			case joinsNames(words, i):
				if conj < 0 {
					conj = i
				}
			case isLowerWord(words[i]):
				if vs < 0 {
					vs = i
				}
				ve = i
			}
		}
		switch {
		case vs < 0 && conj >= 2:
			// "José Ortega y Gasset": the family name is the two joined
			first, last = words[:conj-1], words[conj-1:]
		case vs < 0:
			first, last = words[:lastIdx], words[lastIdx:]
		default:
			first, von, last = words[:vs], words[vs:ve+1], words[ve+1:]
		}
	default:
		w := words(parts[0])
		// von Last: von is the leading run ending at the last lower-case
		// word that leaves at least one word for Last.
		ve := -1
		for i := 0; i < len(w)-1; i++ {
			if isLowerWord(w[i]) && !joinsNames(w, i) {
				ve = i
			}
		}
		if ve >= 0 {
			von, last = w[:ve+1], w[ve+1:]
		} else {
			last = w
		}
		switch {
		case len(parts) == 2:
			first = words(parts[1])
		case looksLikeSuffix(Text(parts[2])) && !looksLikeSuffix(Text(parts[1])):
			// "Last, First, Jr" as Zotero and others write it
			first, jr = words(parts[1]), words(parts[2])
		default:
			jr = words(parts[1])
			first = words(strings.Join(parts[2:], ", "))
		}
	}
	p := bib.Person{
		Family:   Text(strings.Join(last, " ")),
		Given:    Text(strings.Join(first, " ")),
		Particle: Text(strings.Join(von, " ")),
		Suffix:   Text(strings.Join(jr, " ")),
	}
	if p.Family == "" && p.Particle != "" {
		p.Family, p.Particle = p.Particle, ""
	}
	if p.Family == "" && p.Given != "" {
		// "{}, First" or a lone first name
		p.Family, p.Given = p.Given, ""
	}
	if p.Suffix != "" && p.Given == "" && !looksLikeSuffix(p.Suffix) {
		// "Last, First, " read as a suffix
		p.Given, p.Suffix = p.Suffix, ""
	}
	if len(jr) > 0 && len(parts) == 3 && looksLikeSuffix(Text(parts[1])) {
		p.Raw = Text(raw) // "von Last, Jr, First" is not how String writes it
	}
	return p
}

// joinsNames reports whether words[i] is the "y", "e" or "i" that joins
// the two family names of a Spanish, Portuguese or Catalan name ("Ortega
// y Gasset", "Sousa e Silva"): a lower-case word that BibTeX would take
// for a von part, but that belongs to the family name.
func joinsNames(words []string, i int) bool {
	switch words[i] {
	case "y", "e", "i":
	default:
		return false
	}
	return i > 0 && i+1 < len(words) && !isLowerWord(words[i-1]) && !isLowerWord(words[i+1])
}

// simpleName reads the most common form quickly: "Last, First" with no
// braces, commands or von part.
func simpleName(raw string) (bib.Person, bool) {
	i := -1
	for j := 0; j < len(raw); j++ {
		if !simpleStop[raw[j]] {
			continue
		}
		switch raw[j] {
		case '{', '}', '\\', '=', '~':
			return bib.Person{}, false
		case ',':
			if i >= 0 {
				return bib.Person{}, false // a second comma: "von Last, Jr, First"
			}
			i = j
		}
	}
	if i <= 0 {
		return bib.Person{}, false
	}
	last := raw[:i]
	// any word of the last part that starts in lower case could be von
	for j := 0; j < len(last); j++ {
		if (j == 0 || last[j-1] == ' ') && (last[j] >= 'a' && last[j] <= 'z' || last[j] >= 0x80) {
			return bib.Person{}, false
		}
	}
	p := bib.Person{Family: Text(strings.TrimSpace(last)), Given: Text(strings.TrimSpace(raw[i+1:]))}
	if p.Family == "" {
		return bib.Person{}, false
	}
	return p, true
}

// simpleStop are the bytes simpleName looks at.
var simpleStop = func() (t [256]bool) {
	for _, c := range "{}\\=~," {
		t[c] = true
	}
	return t
}()

func looksLikeSuffix(s string) bool {
	switch strings.ToLower(strings.Trim(s, ". ")) {
	case "jr", "sr", "ii", "iii", "iv", "v", "2nd", "3rd", "4th", "jun", "sen":
		return true
	}
	return false
}

// extendedName reads biblatex's "family=..., given=..." name form.
func extendedName(parts []string) (bib.Person, bool) {
	var p bib.Person
	found := false
	for _, part := range parts {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return bib.Person{}, false
		}
		v = strings.TrimSpace(v)
		if isWholeGroup(v) {
			v = v[1 : len(v)-1]
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "family", "last":
			p.Family = Text(v)
		case "given", "first":
			p.Given = Text(v)
		case "prefix", "von":
			p.Particle = Text(v)
		case "suffix", "jr":
			p.Suffix = Text(v)
		case "useprefix", "id", "uniquename", "hash", "username", "sortingnamekeytemplatename", "gender":
			// options, not name parts
		default:
			return bib.Person{}, false
		}
		found = true
	}
	return p, found && (p.Family != "" || p.Given != "")
}

// familyInitials recognises "Byng RJ" and "Byng R.J." (family name, then
// initials in capitals): BibTeX would read the initials as the family name.
func familyInitials(words []string) (family, given []string, ok bool) {
	if len(words) < 2 {
		return nil, nil, false
	}
	last := words[len(words)-1]
	if !isInitials(last) || isInitials(words[0]) || strings.ContainsAny(words[0], "0123456789{\\") {
		return nil, nil, false
	}
	// "Ludwig van Beethoven" has no initials; "John Smith J" is rare enough.
	if strings.Contains(last, ".") && len(words) > 2 {
		return nil, nil, false
	}
	return words[:len(words)-1], words[len(words)-1:], true
}

// isInitials reports whether w is one to three capitals without dots
// ("RJ") or capitals each followed by a dot ("R.J.").
func isInitials(w string) bool {
	letters := 0
	dots := 0
	for _, r := range w {
		switch {
		case r == '.':
			dots++
		case r == '-':
		case unicode.IsUpper(r):
			letters++
		default:
			return false
		}
	}
	if letters == 0 || letters > 3 {
		return false
	}
	return dots == 0 || dots == letters
}

// isWholeGroup reports whether s is one brace group: "{...}".
func isWholeGroup(s string) bool {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return false
	}
	return closingBrace(s) == len(s)-1
}

// splitTop splits s on sep at brace depth 0 and trims the parts.
func splitTop(s string, sep byte) []string {
	var out []string
	depth := 0
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			if depth > 0 {
				depth--
			}
		case sep:
			if depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}

// words splits a name part into words at white space and ~ at brace depth
// 0.
func words(s string) []string {
	var out []string
	depth := 0
	start := -1
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			if start < 0 {
				start = i
			}
			i++
			continue
		case c == '{':
			depth++
		case c == '}':
			if depth > 0 {
				depth--
			}
		case depth == 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '~'):
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// isLowerWord reports whether a word belongs to the von part: its first
// letter at brace depth 0 is lower case. A brace group at the start makes
// the word caseless (not von), unless it is a special character such as
// {\"u}, whose letter counts.
func isLowerWord(w string) bool {
	depth := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c == '{':
			if depth == 0 && i+1 < len(w) && w[i+1] == '\\' {
				// special character: the case of its letter decides
				inner, _ := group(w, i)
				t := Text("{" + inner + "}")
				for _, r := range t {
					if unicode.IsLetter(r) {
						return unicode.IsLower(r)
					}
				}
				return false
			}
			depth++
		case c == '}':
			if depth > 0 {
				depth--
			}
		case depth > 0:
		case c == '\\':
			// a control sequence at depth 0: \"u, \v{s}, \o
			t := Text(w[i:])
			for _, r := range t {
				if unicode.IsLetter(r) {
					return unicode.IsLower(r)
				}
			}
			return false
		default:
			r, _ := utf8.DecodeRuneInString(w[i:])
			if unicode.IsLetter(r) {
				return unicode.IsLower(r)
			}
			if r >= utf8.RuneSelf {
				_, n := utf8.DecodeRuneInString(w[i:])
				i += n - 1
			}
		}
	}
	return false
}

// closingBrace returns the index of the '}' that closes the first brace
// group of s, skipping escaped braces, or -1 when it is not closed.
func closingBrace(s string) int {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
