package medline

import (
	"strings"
	"unicode"

	"github.com/bibdb/bibdb/internal/bib"
)

// parseFullName reads a FAU, FED or FIR value: "Byng, Richard",
// "Higgins, Julian Pt", "Roach, Mack 3rd". A suffix that MEDLINE writes at
// the end of the given names is moved to Suffix. A name without a comma
// has no given name: it is all family name ("Abu Bakar").
func parseFullName(s string) bib.Person {
	if p, ok := plainFullName(s); ok {
		return p
	}
	if strings.IndexByte(s, ',') < 0 {
		if p := bib.ParseName(s); p.Literal != "" || p.IsZero() || p.Given == "" {
			return p // a group, "et al.", or one word
		}
		return bib.Person{Family: s}
	}
	return bib.ParseName(s) // tidy moves the suffix
}

// plainFullName reads the form nearly every FAU has, "Family, Given" with
// a family name of one word, as bib.ParseName does but without its general
// parsing (TestPlainFullName holds the two together). It reports false for
// any other form.
func plainFullName(s string) (bib.Person, bool) {
	i := strings.IndexByte(s, ',')
	if i <= 0 || i+2 >= len(s) || s[i+1] != ' ' {
		return bib.Person{}, false
	}
	family, given := s[:i], s[i+2:]
	for i := 0; i < len(family); i++ {
		switch family[i] {
		case ' ', ';', '[', ']':
			return bib.Person{}, false // a group, a name in brackets
		}
	}
	for i := 0; i < len(given); i++ {
		switch given[i] {
		case ',', ';':
			return bib.Person{}, false // more parts
		}
	}
	if len(family) == len("anonymous") && strings.EqualFold(family, "anonymous") {
		return bib.Person{}, false
	}
	if len(given) <= 4 {
		switch strings.ToLower(given) {
		case "jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd":
			return bib.Person{}, false // a suffix, not a given name
		}
	}
	return bib.Person{Family: family, Given: given}, true
}

// parseShortName reads an AU, ED or IR value, which MEDLINE writes as the
// family name, then the initials without dots, then any suffix: "Byng R",
// "van der Berg JA", "Smith JA Jr", "LI Y". ERIC writes "Family, Given"
// there instead, which is read as such.
func parseShortName(s string) bib.Person {
	if strings.IndexByte(s, ',') >= 0 {
		return bib.ParseName(s)
	}
	toks := strings.Fields(s)
	suffix := ""
	if len(toks) >= 3 && isNameSuffix(toks[len(toks)-1]) {
		suffix = toks[len(toks)-1]
		toks = toks[:len(toks)-1]
	}
	if n := len(toks); n >= 2 && isInitialsToken(toks[n-1]) { // never "et al."
		family := toks[:n-1]
		if suffix == "" && len(family) > 1 && isNameSuffix(family[len(family)-1]) {
			// "Smith Jr A", as bib.ParseName reads "Smith Jr, A"
			suffix, family = family[len(family)-1], family[:len(family)-1]
		}
		return bib.Person{Family: strings.Join(family, " "), Given: toks[n-1], Suffix: suffix, Raw: s}
	}
	return bib.ParseName(s)
}

// tidy moves a suffix written at the end of the given names ("Roach,
// Mack 3rd") to Suffix, tidies the parts (see tidyPart), and drops a part
// that holds no letter or digit (what is left of "Smith, ,"); a name that
// is all punctuation is no name.
func tidy(p bib.Person) bib.Person {
	p.Family = tidyPart(p.Family)
	p.Given = tidyPart(p.Given)
	if p.Suffix == "" && p.Literal == "" {
		// (in any case: a short name's suffix is found so by
		// bib.ParseName, and written back at the end of the given names)
		if i := strings.LastIndexByte(p.Given, ' '); i > 0 && (isNameSuffix(p.Given[i+1:]) || bib.IsSuffix(p.Given[i+1:])) {
			if p.Raw == "" {
				p.Raw = p.String()
			}
			p.Given, p.Suffix = strings.TrimSpace(p.Given[:i]), p.Given[i+1:]
		}
	}
	if p.Given != "" && !hasAlnum(p.Given) {
		p.Given = ""
	}
	if p.Suffix != "" && !hasAlnum(p.Suffix) {
		p.Suffix = ""
	}
	if !hasAlnum(p.Family) {
		p.Family = ""
	}
	if p.Family == "" && p.Literal == "" && p.Given != "" {
		p.Family, p.Given = p.Given, "" // a single name
	}
	if p.Family == "" && !hasAlnum(p.Literal) {
		return bib.Person{} // punctuation only: no name
	}
	return p
}

// tidyPart trims the commas and semicolons around a name part and turns
// those inside it, which MEDLINE cannot write there, into spaces.
func tidyPart(s string) string {
	i, j := 0, len(s)
	for i < j && (s[i] == ',' || s[i] == ';' || s[i] == ' ') {
		i++
	}
	for j > i && (s[j-1] == ',' || s[j-1] == ';' || s[j-1] == ' ') {
		j--
	}
	s = s[i:j]
	if strings.IndexByte(s, ',') >= 0 {
		s = bib.CleanText(strings.ReplaceAll(s, ",", " "))
	}
	return s
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// isInitialsToken reports whether t is one to four capital letters: the
// initials of a MEDLINE short name.
func isInitialsToken(t string) bool {
	n := 0
	for _, r := range t {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 1 && n <= 4
}

func isNameSuffix(t string) bool { return bib.IsNameSuffix(t) }

// sameFamily reports whether a short name begins with the family name of
// p: "Byng R" and "Byng, Richard" name the same person.
func sameFamily(p bib.Person, short string) bool {
	fam := p.FamilyName()
	if p.Literal != "" {
		if i := strings.IndexByte(fam, ','); i > 0 {
			fam = fam[:i] // "Example Study Group, A" read as a group
		}
	}
	if fam == "" || short == "" {
		return false
	}
	if len(short) >= len(fam) && short[:len(fam)] == fam {
		return true
	}
	return strings.HasPrefix(bib.Fold(short), bib.Fold(fam))
}

func looksLikeORCID(s string) bool {
	id, _ := bib.FindORCID(s)
	return id != ""
}
