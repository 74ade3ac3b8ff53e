package csvtable

import (
	"iter"
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
	out := make([]string, 0, strings.Count(v, listSeparator(v, d))+1)
	for p := range listItems(v, d) {
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// listItems yields the parts of a list cell that splitList returns,
// without making a slice of them. (It is small enough to be inlined, so
// that its function need not be allocated.)
func listItems(v string, d dialect) iter.Seq[string] {
	return func(yield func(string) bool) { yieldItems(v, listSeparator(v, d), yield) }
}

// yieldItems yields the parts of v between separators, trimmed, but for
// empty ones.
func yieldItems(v, sep string, yield func(string) bool) {
	for p := range strings.SplitSeq(v, sep) {
		if p = strings.TrimSpace(p); p != "" && !yield(p) {
			return
		}
	}
}

// listSeparator returns the separator of a list cell (see splitList).
func listSeparator(v string, d dialect) string {
	if d == generic && !strings.Contains(v, ";") && strings.Contains(v, "|") {
		return "|"
	}
	return ";"
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

// appendKeywords appends the terms of a keyword cell to out: the parts
// of a list cell (see splitList), and in tables that are neither Scopus's
// nor bibdb's, when the cell has neither ";" nor "|", the parts between
// commas outside parentheses ("article, cyst (diagnosis, surgery)").
func appendKeywords(out []string, v string, d dialect) []string {
	if d != generic || strings.ContainsAny(v, ";|") {
		for p := range listItems(v, d) {
			out = append(out, p)
		}
		return out
	}
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
	if strings.ContainsAny(v, ";|") {
		out := make([]bib.Person, 0, strings.Count(v, listSeparator(v, generic))+1)
		for p := range listItems(v, generic) {
			out = appendNames(out, p, d)
		}
		return out
	}
	if people, ok := andSeparatedNames(v, d); ok {
		return people
	}
	parts := strings.Split(v, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if d != scopus || familyInitialsPairs(parts) {
		parts = pairNames(parts)
	}
	out := make([]bib.Person, 0, len(parts))
	for _, p := range parts {
		out = appendNames(out, p, d)
	}
	return out
}

// andSeparatedNames reads a cell that joins its names by " and ", as
// BibTeX does and Rayyan writes them ("Yang, Z. and Jiang, B. and Xu,
// J."): each part one name with one comma, family name first. It reports
// false for any other cell.
func andSeparatedNames(v string, d dialect) ([]bib.Person, bool) {
	if !strings.Contains(v, " and ") {
		return nil, false
	}
	n := 0
	for part := range strings.SplitSeq(v, " and ") {
		if strings.Count(part, ",") != 1 || strings.TrimSpace(part) == "" {
			return nil, false
		}
		n++
	}
	out := make([]bib.Person, 0, n)
	for part := range strings.SplitSeq(v, " and ") {
		out = appendNames(out, strings.TrimSpace(part), d)
	}
	return out, true
}

// appendNames appends the people of one part of a names cell: none for a
// placeholder, more than one for names run together.
func appendNames(out []bib.Person, p string, d dialect) []bib.Person {
	if cellValue(p) == "" {
		return out // "[No author name available]"
	}
	for p != "" {
		var q string
		q, p = cutRunTogether(p)
		person := bib.ParseName(q)
		if d == scopus {
			person = scopusFamilyFirst(person, q)
		}
		if !person.IsZero() {
			out = append(out, suffixAfterFamily(person))
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

// cutRunTogether cuts the first name off names that an old Scopus export
// ran together: "Fischer M.M.Nijkamp P." → "Fischer M.M.", "Nijkamp P.".
// The rest is empty when p is one name.
func cutRunTogether(p string) (name, rest string) {
	for i := 1; i+2 < len(p); i++ {
		if p[i] != '.' || !isUpperASCII(p[i+1]) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(p[i+2:])
		if !unicode.IsLower(r) || !isUpperASCII(p[i-1]) {
			continue
		}
		return p[:i+1], p[i+1:]
	}
	return p, ""
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
	var b strings.Builder
	b.Grow(len(v))
	from := 0 // where the text not written yet begins
	for i := 0; ; {
		k := strings.IndexByte(v[i:], '(')
		if k < 0 {
			break
		}
		i += k
		j := i + 1
		for j < len(v) && v[j] >= '0' && v[j] <= '9' {
			j++
		}
		if j > i+1 && j < len(v) && v[j] == ')' {
			// An id goes with the spaces before it. (What is written
			// never ends in a space, so only those of v[from:i] count.)
			b.WriteString(strings.TrimRight(v[from:i], " "))
			from = j + 1
		}
		i = j
	}
	b.WriteString(v[from:])
	return b.String()
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
// to an author in order (the next author of that name), and appends them
// to out.
func nameLines(out []line, authors []bib.Person, v string) []line {
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
			for j := from; j < len(authors); j++ {
				if n, ok := namePrefix(l, authors[j]); ok && len(l) > n+1 && l[n] == ':' {
					idx, value = j, strings.TrimSpace(l[n+1:])
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

// namePrefix reports whether s begins with the person's name as
// bib.Person.String writes it ("Family, Given", "van Beethoven, Ludwig,
// Jr." or the literal name), and how long the name is, without making it.
func namePrefix(s string, p bib.Person) (n int, ok bool) {
	if p.Literal != "" {
		return len(p.Literal), strings.HasPrefix(s, p.Literal)
	}
	rest, ok := s, true
	cut := func(prefix string) {
		if ok = ok && strings.HasPrefix(rest, prefix); ok {
			rest = rest[len(prefix):]
		}
	}
	if p.Particle != "" {
		cut(p.Particle)
		cut(" ")
	}
	cut(p.Family)
	if p.Given != "" {
		cut(", ")
		cut(p.Given)
	}
	if p.Suffix != "" {
		cut(", ")
		cut(p.Suffix)
	}
	if !ok {
		return 0, false
	}
	return len(s) - len(rest), true
}

// addAffiliationLines adds the value of each line to the affiliations of
// the author it names, or to the record's. The authors' affiliations share
// one array when the lines name them in order, as bibdb writes them: a
// slice for each author would cost an allocation each.
func addAffiliationLines(rec *bib.Record, lines []line) {
	n, last, inOrder := 0, -1, true
	for _, l := range lines {
		if l.author < 0 {
			rec.AddAffiliation(l.value)
			continue
		}
		n++
		inOrder = inOrder && l.author >= last
		last = l.author
	}
	if n == 0 {
		return
	}
	if !inOrder {
		for _, l := range lines {
			if l.author >= 0 {
				a := &rec.Authors[l.author]
				a.Affiliations = append(a.Affiliations, l.value)
			}
		}
		return
	}
	all := make([]string, 0, n)
	from, cur := 0, -1
	for _, l := range lines {
		if l.author < 0 {
			continue
		}
		if l.author != cur {
			if cur >= 0 {
				addAffiliations(&rec.Authors[cur], all[from:len(all):len(all)])
			}
			from, cur = len(all), l.author
		}
		all = append(all, l.value)
	}
	addAffiliations(&rec.Authors[cur], all[from:len(all):len(all)])
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
func linkScopusAffiliations(rec *bib.Record, authorsCell, v string, known *affiliationList) {
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
	for e := range strings.SplitSeq(v, ";") {
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
	// The authors' affiliations share one array: a slice for each author
	// would cost an allocation each.
	all := make([]string, 0, len(texts)+len(known.list))
	var buf [8]string
	for i, t := range texts {
		from := len(all)
		for _, a := range splitAffiliations(buf[:0], t, known) {
			if a = clean(a); a != "" {
				all = append(all, a)
			}
		}
		addAffiliations(&rec.Authors[i], all[from:len(all):len(all)])
	}
}

// addAffiliations adds affiliations to an author's: as they are when the
// author has none (they are not appended to, having no room).
func addAffiliations(p *bib.Person, affs []string) {
	switch {
	case len(affs) == 0:
	case p.Affiliations == nil:
		p.Affiliations = affs
	default:
		p.Affiliations = append(p.Affiliations, affs...)
	}
}

// matchEntry finds the author an "Authors with affiliations" entry begins
// with, trying the expected next author first, and returns the author's
// index and the text after the name.
func matchEntry(e string, short []string, next int) (int, string) {
	// Old exports write the name with a comma: "Yagai, T., Sophia
	// University". commaKey is the key of such a name, once needed.
	first, rest, comma := strings.Cut(e, ",")
	second, aff, hasAff := strings.Cut(rest, ",")
	commaKey, keyed := "", false
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
		if !comma {
			return "", false
		}
		if !keyed {
			commaKey, keyed = bib.Key(first+" "+second), true
		}
		if commaKey == bib.Key(n) {
			if hasAff {
				return strings.TrimSpace(aff), true
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

// affiliationList is a record's list of affiliations, which
// splitAffiliations matches an author's affiliations against.
type affiliationList struct {
	list   []string
	pieces [][]string // each affiliation split at ", ", once needed
}

// split returns each affiliation split at ", ".
func (l *affiliationList) split() [][]string {
	if l.pieces == nil {
		l.pieces = make([][]string, len(l.list))
		for i, k := range l.list {
			l.pieces[i] = strings.Split(k, ", ")
		}
	}
	return l.pieces
}

// splitAffiliations splits the text of one author's affiliations into the
// affiliations of the record's list it is made of, and appends them to
// out: the pieces between ", " are matched against the known
// affiliations, longest first, and pieces that match none stay together
// as one affiliation.
func splitAffiliations(out []string, text string, known *affiliationList) []string {
	if text == "" {
		return out
	}
	if len(known.list) < 2 {
		return append(out, text)
	}
	for _, k := range known.list {
		if k == text {
			return append(out, text)
		}
	}
	pieces := strings.Split(text, ", ")
	n := len(pieces)
	knownPieces := known.split()
	// best[i]: most pieces from i on covered by known affiliations; take[i]:
	// how many pieces the affiliation starting at i takes (0: an unknown piece).
	best := make([]int, 2*(n+1))
	best, take := best[:n+1], best[n+1:]
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
		return append(out, text)
	}
	// The affiliations are runs of pieces, so pieces of text: at is where
	// piece i begins, unknown where the run of unknown pieces before it
	// does (-1: none).
	at, unknown := 0, -1
	for i := 0; i < n; {
		if take[i] == 0 {
			if unknown < 0 {
				unknown = at
			}
			at += len(pieces[i]) + len(", ")
			i++
			continue
		}
		if unknown >= 0 {
			out = append(out, text[unknown:at-len(", ")])
			unknown = -1
		}
		end := at
		for _, p := range pieces[i : i+take[i]] {
			end += len(p) + len(", ")
		}
		out = append(out, text[at:end-len(", ")])
		at = end
		i += take[i]
	}
	if unknown >= 0 {
		out = append(out, text[unknown:])
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
		for a := range listItems(addr, scopus) {
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
