package ovid

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/bib"
)

// people adds the authors and their affiliations. Ovid writes the names
// as each database has them: "Byng R" with "Byng, Richard" in FA
// (MEDLINE), "Behan L." (Embase), "Kobori, Osamu" (PsycInfo), "Zhang,
// Weijia 1,2,+" and "Lefkowitz, Rafael Y. MD, MPH 1" with the marks of
// their addresses and their degrees (Journals@Ovid), "Walsdorf, Neill B.
// [Inventor, Reprint Author]" (BIOSIS). The full names are used when FA
// has one for each author. Each database ties addresses to authors its
// own way too (see institutions). inPlain says that the values in in are
// plain (see bib.IsPlain).
func (s *scratch) people(rec *bib.Record, au, fa, in []string, inPlain bool) {
	short, full := s.short[:0], s.full[:0]
	for _, v := range au {
		short = splitNames(short, v)
	}
	for _, v := range fa {
		full = splitNames(full, v)
	}
	s.short, s.full = short, full
	useFull := len(full) > 0 && (len(full) == len(short) || len(short) == 0)
	names := short
	if len(short) == 0 {
		names = full
	}
	rec.Authors = room[bib.Person](len(names))
	marks := slices.Grow(s.marks[:0], len(names))
	for i, n := range names {
		name, mk, isEditor := cleanAuthor(n)
		if useFull {
			name, _, _ = cleanAuthor(full[i])
		}
		p := parseName(name)
		if p.IsZero() {
			continue
		}
		if isEditor {
			rec.Editors = append(rec.Editors, p)
			continue
		}
		rec.Authors = append(rec.Authors, p)
		marks = append(marks, mk)
	}
	s.marks = marks
	if len(in) == 0 {
		return
	}
	var (
		folded   foldedNames // the authors' names, folded when an address names one
		isFolded bool
		last     int         // the author given the last address by name
		editors  foldedNames // the editors' names, to match a name against, folded when needed
		foldedEd bool
	)
	// An author is given one first address at most: no more are needed
	// than authors.
	pool := affiliationPool{firsts: make([]string, 0, min(nameCount(in), len(rec.Authors))), plain: inPlain}
	for _, v := range in {
		s.addresses = institutions(s.addresses[:0], v)
		for _, a := range s.addresses {
			if (a.name != "" || len(a.names) > 0) && !isFolded {
				folded, isFolded = foldNames(s.folded, s.foldedEnds, rec.Authors), true
				s.folded, s.foldedEnds = folded.text, folded.ends
			}
			if !pool.assign(rec, folded, marks, a, &last) {
				if a.name != "" && !foldedEd {
					editors, foldedEd = foldNames(nil, nil, rec.Editors), true
				}
				if a.name != "" && named(editors, a.name, new(int)) < 0 {
					a.text = a.line // no author or editor of that name: the name was part of the address
				}
				rec.AddCleanAffiliation(a.text) // an editor's address is the work's
			}
		}
	}
}

// nameCount is about the number of names in values: one per line or
// semicolon.
func nameCount(values []string) int {
	n := 0
	for _, v := range values {
		n += 1 + strings.Count(v, "\n") + strings.Count(v, ";")
	}
	return n
}

// parseName parses a cleaned name; a name in capitals keeps them.
func parseName(s string) bib.Person {
	s = bib.TrimSpace(s)
	// "AHMED, Mughees.": a full stop after a whole name, not an initial
	if strings.HasSuffix(s, ".") {
		last := s[strings.LastIndexAny(s, " ,")+1 : len(s)-1]
		if len(last) >= 3 && strings.ToUpper(last) != last {
			s = s[:len(s)-1]
		}
	}
	return bib.ParseName(s)
}

// splitNames splits a value of names: one per line, and in the long
// layout several on a line, separated by semicolons outside brackets ("Kohler, Lars 1;
// Leuschner, Christoph 1"). A part that is only degrees ("Bunkers, Sandra
// Schmidt RN; PhD; FAAN 1") belongs to the name before it. The names are
// appended to out.
func splitNames(out []string, v string) []string {
	start := len(out)
	var buf [8]string
	for _, line := range lines(buf[:0], v) {
		for first := true; line != ""; first = false {
			part, rest := cutName(line)
			line = rest
			if part = bib.TrimSpace(part); part == "" {
				continue
			}
			if !first && len(out) > start && onlyDegrees(part) {
				out[len(out)-1] += " " + part
				continue
			}
			out = append(out, part)
		}
	}
	return out
}

// cutName cuts a line of names at the first semicolon outside brackets:
// one inside them is part of a name's roles and address ("Gaertner,
// Alfred L. [Author, Reprint Author; E-mail: agaertner@genecor.com]", as
// BIOSIS writes them).
func cutName(line string) (name, rest string) {
	i := strings.IndexByte(line, ';')
	if i < 0 {
		return line, "" // one name, as most lines hold
	}
	if strings.IndexByte(line[:i], '[') < 0 {
		return line[:i], line[i+1:] // no bracket before the semicolon
	}
	name, rest, _ = bib.CutOutsideBrackets(line, ';')
	return name, rest
}

// onlyDegrees reports whether every word of s is a degree or a mark.
func onlyDegrees(s string) bool {
	n := 0
	for _, w := range strings.Fields(s) {
		if !isDegree(w) && !isMark(w) {
			return false
		}
		n++
	}
	return n > 0
}

// cleanAuthor takes off a name what Ovid writes after it: a role in
// brackets ("[Inventor, Reprint Author]", "[Ed]", which makes it an
// editor), degrees ("Ph.D., FACSM", "MD, MPH") and the marks that tie
// it to its addresses ("1,2,+", "*"), which it returns.
func cleanAuthor(s string) (name string, marks []string, isEditor bool) {
	s = bib.TrimSpace(s)
	if last := s[strings.LastIndexByte(s, ' ')+1:]; strings.IndexByte(s, '[') < 0 && !isMark(last) && !isDegree(last) {
		return s, nil, false // nothing after the name: most names
	}
	if i := strings.IndexByte(s, '['); i > 0 {
		role := s[i:]
		isEditor = strings.Contains(role, "[Ed") || strings.Contains(role, "Editor")
		s = bib.TrimSpace(s[:i])
	}
	words := strings.Fields(s)
	for len(words) > 1 && isMark(words[len(words)-1]) {
		for _, m := range strings.Split(words[len(words)-1], ",") {
			if m != "" {
				marks = append(marks, m)
			}
		}
		words = words[:len(words)-1]
	}
	// Degrees come after the given names: never the first word after the
	// comma, which may be initials that look like one ("Smith, M.D.").
	if comma := commaWord(words); comma >= 0 {
		for i := comma + 2; i < len(words); i++ {
			if isDegree(words[i]) {
				words = words[:i]
				break
			}
		}
	}
	name = strings.TrimRight(strings.Join(words, " "), ", ")
	return name, marks, isEditor
}

// commaWord returns the index of the word that ends with the first comma
// (the family name), or -1.
func commaWord(words []string) int {
	for i, w := range words {
		if strings.HasSuffix(w, ",") {
			return i
		}
	}
	return -1
}

// isMark reports whether a word is a mark that ties an author to an
// address: digits, "*", "+", "†", and several of them joined by commas.
func isMark(w string) bool {
	w = strings.Trim(w, ",")
	if w == "" {
		return false
	}
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9', r == ',', r == '*', r == '+', r == '#', r == '\u2020', r == '\u2021', r == '\u00a7', r == '\u00b6':
		default:
			return false
		}
	}
	return true
}

// degrees are the academic and professional letters Journals@Ovid writes
// after names, as written, without full stops.
var degrees = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range strings.Fields(`PhD MD MPH MSPH DrPH RN BSN MSN DNP APRN NP FNP CNM CRNA FAAN FACSM FACS FACP
		FACC FAHA FESC FRCP FRCPC FRCS FRCSC FRCOG FRACP FRANZCP MRCP MRCPsych FRCPsych MBBS MBChB MB ChB BS BSc
		MS MSc MA BA MBA MHS MHA MSW LCSW PsyD EdD ScD DSc DPhil MPhil PharmD RPh DDS DMD DVM OTR OTR/L DPT PT
		ATC CSCS RD RDN LD JD LLB LLM CPA CHES MSCE MMed MCh PA PA-C CCC-SLP`) {
		m[d] = true
	}
	return m
}()

// trimRightSeparators is strings.TrimRight(s, ",;"), without the set of
// bytes strings.TrimRight makes at every call for a cutset of two.
func trimRightSeparators(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ',' || s[len(s)-1] == ';') {
		s = s[:len(s)-1]
	}
	return s
}

// degreeCapitals is the fewest capitals a degree has: two ("PhD", "MSc").
var degreeCapitals = func() int {
	fewest := -1
	for d := range degrees {
		if n := capitals(d); fewest < 0 || n < fewest {
			fewest = n
		}
	}
	return fewest
}()

// capitals counts the capitals A to Z in s.
func capitals(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			n++
		}
	}
	return n
}

// isDegree reports whether a word is a degree: "PhD", "Ph.D.", "MD,".
func isDegree(w string) bool {
	w = trimRightSeparators(w)
	if len(w) < 2 || !(w[0] >= 'A' && w[0] <= 'Z') {
		return false // every degree begins with a capital
	}
	if capitals(w) < degreeCapitals {
		return false // most given and family names, told without a lookup
	}
	if degrees[w] {
		return true
	}
	if strings.IndexByte(w, '.') < 0 {
		return false
	}
	var buf [16]byte // longer than any degree
	d := buf[:0]
	for i := 0; i < len(w); i++ {
		if w[i] != '.' {
			if len(d) == len(buf) {
				return false
			}
			d = append(d, w[i])
		}
	}
	return len(d) > 1 && degrees[string(d)]
}

// affiliation is one address, with what ties it to its authors: the
// marks of "(1)Cancer Research Institute", the family names of "(Behan,
// Rubbo, Lucas) NIHR Southampton", or the name of "Kobori, Osamu: Chiba
// University".
type affiliation struct {
	line  string // as written
	text  string
	marks []string
	names []string
	name  string
}

// institutions splits an IN value into its addresses: one per line, and
// on one line at each mark in parentheses ("(1)Institute A, China, (2)
// Institute B"; "From the (*)Department of Surgery ...; (+)Department of
// Surgery ..."), and appends them to out.
func institutions(out []affiliation, v string) []affiliation {
	var buf, parts [8]string
	for _, line := range lines(buf[:0], v) {
		for _, part := range splitAtMarks(parts[:0], strings.TrimPrefix(line, "From the ")) {
			part = strings.TrimPrefix(part, "and ")
			a := affiliation{line: part, text: part}
			if n := symbolMark(part); n > 0 {
				// "*Department of Pathology": a mark with no parentheses
				a.marks = []string{part[:n]}
				a.text = part[n:]
			} else if strings.HasPrefix(part, "(") {
				if end := strings.IndexByte(part, ')'); end > 1 {
					inside := part[1:end]
					switch {
					case isMark(inside) || len(inside) == 1:
						a.marks = strings.Split(inside, ",")
						a.text = bib.TrimSpace(part[end+1:])
					case isNameList(inside):
						for _, n := range strings.Split(inside, ",") {
							a.names = append(a.names, bib.TrimSpace(n))
						}
						a.text = bib.TrimSpace(part[end+1:])
					}
				}
			} else if i := nameEnd(part); i > 0 {
				a.name = part[:i]
				a.text = bib.TrimSpace(part[i+2:])
			}
			a.text = trimRightSeparators(bib.TrimSpace(strings.TrimPrefix(a.text, "From the ")))
			if a.text != "" {
				out = append(out, a)
			}
		}
	}
	return out
}

// symbolMark returns the length of the mark symbols an address begins
// with when a capital follows them ("*Department", "+Institute"), or 0.
func symbolMark(s string) int {
	n := 0
	for n < len(s) && (s[n] == '*' || s[n] == '+' || s[n] == '#') {
		n++
	}
	if n == 0 || n >= len(s) || s[n] < 'A' || s[n] > 'Z' {
		return 0
	}
	return n
}

// nameEnd returns where the name before an address ends, in PsycInfo's
// "Kobori, Osamu: Chiba University" and MEDLINE's "Byng, Richard.
// Community and Primary Care Research Group", or -1: a name is a family
// name, a comma and at most four more words.
func nameEnd(s string) int {
	i, starts := -1, 0
	commas, comma := 0, -1 // the name's commas, and where its first ", " is
	simple := true         // the name is printable ASCII
	for j := 0; j+1 < len(s) && i < 0; j++ {
		switch c := s[j]; {
		case (c == ':' || c == '.' && j > 0) && s[j+1] == ' ':
			i = j
		case c == ' ' && s[j+1] > ' ' && s[j+1] < 0x7f:
			// a word begins: past five more, the name would be too long
			if starts++; starts > 5 {
				return -1
			}
		case c == ',':
			if commas++; comma < 0 && s[j+1] == ' ' {
				comma = j
			}
		case c < ' ' || c >= 0x7f:
			simple = false
		}
	}
	if i <= 0 || comma <= 0 || commas > 1 {
		return -1
	}
	// The words of a name of printable ASCII are those the loop saw
	// begin after a space (the last of them, after a space before the
	// full stop or colon, not in the name), and the first: they need not
	// be counted again.
	n := starts
	if s[0] != ' ' {
		n++
	}
	if s[i-1] == ' ' {
		n--
	}
	if !simple {
		n = words(s[:i])
	}
	if n > 5 {
		return -1
	}
	return i
}

// words counts the words of s, as strings.Fields would split it.
func words(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); {
		var space bool
		if c := s[i]; c < utf8.RuneSelf {
			space = asciiSpace(c) // as unicode.IsSpace says of ASCII
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// splitAtMarks splits a line before each mark in parentheses that
// follows a comma or semicolon, and appends the parts to out.
func splitAtMarks(out []string, line string) []string {
	if strings.IndexByte(line, '(') < 0 && strings.IndexByte(line, '*') < 0 && strings.IndexByte(line, '+') < 0 && strings.IndexByte(line, '#') < 0 {
		return append(out, line) // no byte a mark begins with, as in most addresses
	}
	return splitAtEachMark(out, line)
}

// splitAtEachMark is splitAtMarks, looking at each word.
func splitAtEachMark(out []string, line string) []string {
	from := 0
	for i := 1; i < len(line); i++ {
		if line[i-1] != ' ' {
			continue
		}
		if line[i] != '(' {
			if symbolMark(line[i:]) > 0 {
				before := strings.TrimSuffix(strings.TrimRight(line[from:i], " "), " and")
				if strings.HasSuffix(before, ";") {
					out = append(out, strings.TrimRight(before, ",;"))
					from = i
				}
			}
			continue
		}
		end := strings.IndexByte(line[i:], ')')
		if end < 2 || !isMark(line[i+1:i+end]) && end != 2 {
			continue
		}
		before := strings.TrimRight(line[from:i], " ")
		if strings.HasSuffix(before, ",") || strings.HasSuffix(before, ";") {
			out = append(out, strings.TrimRight(before, ",;"))
			from = i
		}
	}
	return append(out, line[from:])
}

// isNameList reports whether s is a list of family names: words that begin
// with a capital, separated by commas.
func isNameList(s string) bool {
	for _, n := range strings.Split(s, ",") {
		n = bib.TrimSpace(n)
		if n == "" || len(strings.Fields(n)) > 3 || !(n[0] >= 'A' && n[0] <= 'Z' || n[0] >= 0x80) {
			return false
		}
	}
	return true
}

// affiliationPool holds the first address given to each author, all in
// one array: most authors have one. Each is handed out as a slice with no
// room after it, so that an author given a second address gets an array
// of its own rather than writing over the next author's.
type affiliationPool struct {
	firsts []string
	plain  bool // the addresses are cut from plain values
}

// give gives author i the address text unless it has it.
func (pool *affiliationPool) give(rec *bib.Record, i int, text string) {
	p := &rec.Authors[i]
	for _, x := range p.Affiliations {
		if x == text {
			return
		}
	}
	// Cut from a plain value, an address with no space at either end is
	// plain too, which CleanText would return as it is.
	if !pool.plain || text == "" || text[0] == ' ' || text[len(text)-1] == ' ' {
		text = bib.CleanText(text)
	}
	if n := len(pool.firsts); len(p.Affiliations) == 0 && n < cap(pool.firsts) {
		pool.firsts = append(pool.firsts, text)
		p.Affiliations = pool.firsts[n : n+1 : n+1]
		return
	}
	p.Affiliations = append(p.Affiliations, text)
}

// assign gives an address to the authors it names, and reports whether
// it named any. folded holds the authors' names folded when the address
// names any; last is the author the last address given by name went to.
func (pool *affiliationPool) assign(rec *bib.Record, folded foldedNames, marks [][]string, a affiliation, last *int) bool {
	done := false
	switch {
	case len(a.marks) > 0:
		for i := range rec.Authors {
			if i < len(marks) && shares(marks[i], a.marks) {
				pool.give(rec, i, a.text)
				done = true
			}
		}
	case len(a.names) > 0:
		var buf [64]byte
		for _, n := range a.names {
			n := bib.AppendFold(buf[:0], n)
			for i := range folded.count() {
				if string(folded.family(i)) == string(n) {
					pool.give(rec, i, a.text)
					done = true
				}
			}
		}
	case a.name != "":
		if i := named(folded, a.name, last); i >= 0 {
			pool.give(rec, i, a.text)
			done = true
		}
	}
	return done
}

// named returns the author of a name written "Family, Given": the author
// of that name, or else the only one of that family name and initial
// (authors of one name, one after the other, as the addresses come in the
// authors' order); or -1. last is the author named before, and becomes
// the one found.
func named(authors foldedNames, name string, last *int) int {
	family, given, _ := cutByte(name, ',')
	var fbuf, gbuf [64]byte
	fam, giv := bib.AppendFold(fbuf[:0], bib.TrimSpace(family)), appendGiven(gbuf[:0], bib.TrimSpace(given))
	// Addresses mostly come in the authors' order: the author named last,
	// or the next, is the first of the name from there on, which the
	// loop below would choose too.
	for i := *last; i <= *last+1 && i < authors.count(); i++ {
		if string(authors.family(i)) == string(fam) && string(authors.given(i)) == string(giv) {
			*last = i
			return i
		}
	}
	found, exact := -1, -1
	for i := range authors.count() {
		f, g := authors.family(i), authors.given(i)
		if string(f) != string(fam) || len(g) > 0 && len(giv) > 0 && g[0] != giv[0] {
			continue
		}
		if string(g) == string(giv) {
			if exact < 0 || exact < *last && i >= *last {
				exact = i
			}
			continue
		}
		if found == -1 {
			found = i
		} else {
			found = -2 // two alike: neither
		}
	}
	if exact >= 0 {
		found = exact
	}
	if found >= 0 {
		*last = found
		return found
	}
	return -1
}

// orcids gives the authors the ORCID iDs of an AI field, a line for each
// ("Clemente, Ana; ORCID: https://orcid.org/0000-0002-0460-6793"), as
// APA PsycInfo writes them. An iD with a wrong check digit, or for a name
// that is no author's, is left out with a warning.
func orcids(rec *bib.Record, f Field) {
	var folded foldedNames
	isFolded := false
	last := 0
	var buf [8]string
	for _, line := range lines(buf[:0], f.Value) {
		name, rest, _ := strings.Cut(line, ";")
		id, ok := bib.FindORCID(rest)
		switch {
		case id == "":
			continue // another kind of id
		case !ok:
			rec.Warn(f.Line, "ORCID "+id+" of "+bib.TrimSpace(name)+" has a wrong check digit; not kept")
			continue
		}
		if !isFolded {
			folded, isFolded = foldNames(nil, nil, rec.Authors), true
		}
		if i := named(folded, name, &last); i >= 0 {
			if rec.Authors[i].ORCID == "" {
				rec.Authors[i].ORCID = id
			}
		} else {
			rec.Warn(f.Line, "ORCID "+id+" names "+bib.TrimSpace(name)+", who is not an author; not kept")
		}
	}
}

func shares(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// foldedNames are the names of authors folded (see bib.Fold), their
// family names for matching and their given names without full stops
// (see appendGiven), all in one buffer.
type foldedNames struct {
	text []byte
	ends []int // where each author's family name ends in text, then its given names
}

// foldNames folds the names of authors into the arrays of text and ends,
// from their start.
func foldNames(text []byte, ends []int, authors []bib.Person) foldedNames {
	text, ends = text[:0], ends[:0]
	for _, p := range authors {
		text = bib.AppendFold(text, p.FamilyName())
		ends = append(ends, len(text))
		text = appendGiven(text, p.Given)
		ends = append(ends, len(text))
	}
	return foldedNames{text: text, ends: ends}
}

// count is the number of authors.
func (f foldedNames) count() int { return len(f.ends) / 2 }

// family is the folded family name of author i.
func (f foldedNames) family(i int) []byte {
	from := 0
	if i > 0 {
		from = f.ends[2*i-1]
	}
	return f.text[from:f.ends[2*i]]
}

// given is the folded given names of author i.
func (f foldedNames) given(i int) []byte { return f.text[f.ends[2*i]:f.ends[2*i+1]] }

// appendGiven appends given names folded, without their full stops:
// "Marcus T." is "Marcus T".
func appendGiven(b []byte, s string) []byte {
	from := len(b)
	b = bib.AppendFold(b, s)
	out := b[:from]
	for _, c := range b[from:] {
		if c != '.' {
			out = append(out, c)
		}
	}
	return out
}
