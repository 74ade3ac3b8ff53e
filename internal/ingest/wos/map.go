package wos

import (
	"html"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/bib"
)

// tagIndex finds the fields of a two-character tag without a map. A
// Reader keeps one from record to record, with lists that the mapping of
// a record fills and drops, so that these are made once; a record keeps
// none of them.
type tagIndex struct {
	fields []field
	first  [26 * 36]int32 // 1 + index of the first field with the tag, 0 for none
	next   []int32        // 1 + index of the next field with the same tag

	lists []string // the lists that items and split returned, one after the other
	found []string // the DOIs or ISSNs found in one value
	match matcher  // the record's authors, to tie addresses and ORCIDs to
	affs  authorAffs

	// The addresses of a C1 value, the parts of one of them, and the
	// authors they name.
	addrs, segs  []string
	who, pending []int
}

func tagSlot(tag string) int {
	if len(tag) != 2 || !isUpper(tag[0]) {
		return -1
	}
	c := tag[1]
	switch {
	case isUpper(c):
		return int(tag[0]-'A')*36 + int(c-'A')
	case isDigit(c):
		return int(tag[0]-'A')*36 + 26 + int(c-'0')
	}
	return -1
}

func (x *tagIndex) build(fields []field) {
	x.fields = fields
	clear(x.first[:])
	x.next = slices.Grow(x.next[:0], len(fields))[:len(fields)]
	x.lists = x.lists[:0]
	for i := len(fields) - 1; i >= 0; i-- {
		x.next[i] = 0
		if k := tagSlot(fields[i].tag); k >= 0 {
			x.next[i] = x.first[k]
			x.first[k] = int32(i + 1)
		}
	}
}

// each calls fn for every field with the tag, in order.
func (x *tagIndex) each(tag string, fn func(f field)) {
	k := tagSlot(tag)
	if k < 0 {
		return
	}
	for i := x.first[k]; i != 0; i = x.next[i-1] {
		fn(x.fields[i-1])
	}
}

// count returns the number of lines of the fields with the tag.
func (x *tagIndex) count(tag string) int {
	n := 0
	x.each(tag, func(f field) { n += 1 + strings.Count(f.value, "\n") })
	return n
}

func (x *tagIndex) has(tag string) bool {
	k := tagSlot(tag)
	return k >= 0 && x.first[k] != 0
}

// text returns the cleaned text of the first field with the tag that has
// one.
func (x *tagIndex) text(tag string) string {
	k := tagSlot(tag)
	if k < 0 {
		return ""
	}
	for i := x.first[k]; i != 0; i = x.next[i-1] {
		if s := clean(x.fields[i-1].value); s != "" {
			return s
		}
	}
	return ""
}

// items returns the items of a list tag: one per line (continuation lines
// of the tagged form) and per ";" (the tab-delimited form), nil when the
// record has no such tag. The list is valid until the next record; it is
// capped, so that appending to it never reaches the next list.
func (x *tagIndex) items(tag string) []string {
	start := len(x.lists)
	none := true
	x.each(tag, func(f field) {
		none = false
		x.lists = appendItems(x.lists, f.value, true)
	})
	if none {
		return nil
	}
	return x.lists[start:len(x.lists):len(x.lists)]
}

// split is splitText, returning a list valid until the next record.
func (x *tagIndex) split(v string) []string {
	start := len(x.lists)
	x.lists = appendItems(x.lists, v, false)
	return x.lists[start:len(x.lists):len(x.lists)]
}

// findDOIs returns the DOIs of s, as bib.FindDOIs finds them, in a list
// valid until the next call.
func (x *tagIndex) findDOIs(s string) []string {
	if found := bib.AppendDOIs(x.found[:0], s); found != nil {
		x.found = found
		return found
	}
	return nil
}

// findISSNs returns the ISSNs of s, as bib.FindISSNs finds them, in a
// list valid until the next call.
func (x *tagIndex) findISSNs(s string) []string {
	x.found = bib.AppendISSNs(x.found[:0], s)
	return x.found
}

// appendItems appends the items of v separated by ";" and, when lines is
// set, by line breaks (else a line break is a space).
func appendItems(out []string, v string, lines bool) []string {
	for v != "" {
		var part string
		var i int
		if lines {
			// The item ends at the end of its line or at a ";" in it.
			line := v
			if j := strings.IndexByte(v, '\n'); j >= 0 {
				line = v[:j]
			}
			i = strings.IndexByte(line, ';')
			if i < 0 && len(line) < len(v) {
				i = len(line)
			}
		} else {
			i = strings.IndexByte(v, ';')
		}
		if i >= 0 {
			part, v = v[:i], v[i+1:]
		} else {
			part, v = v, ""
		}
		if part = clean(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// splitText splits a text tag's value (lines joined) on ";".
func splitText(v string) []string {
	return appendItems(nil, v, false)
}

// joinPlainLines joins the lines of a wrapped value with single spaces
// when every line is plain (see isPlain); ok is false otherwise.
func joinPlainLines(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for s != "" {
		var l string
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			l, s = s[:i], s[i+1:]
		} else {
			l, s = s, ""
		}
		l = trimSpace(l)
		if l == "" {
			continue
		}
		if !isPlain(l) {
			return "", false
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l)
	}
	return b.String(), true
}

// trimSpace trims ASCII white space without allocating.
func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
		i++
	}
	for j > i && (s[j-1] == ' ' || s[j-1] == '\t' || s[j-1] == '\n' || s[j-1] == '\r') {
		j--
	}
	return s[i:j]
}

// isPlain reports whether s is printable ASCII without doubled spaces or
// an ampersand: text that cleaning leaves as it is. It looks at sixteen
// bytes at a time, and at the last eight bytes of a string of eight or
// more in one word, which may overlap bytes already seen.
func isPlain(s string) bool {
	if len(s) < 8 {
		prevSpace := false
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c < 0x20 || c >= 0x80 || c == ' ' && prevSpace || c == '&' {
				return false
			}
			prevSpace = c == ' '
		}
		return true
	}
	last := load64(s[len(s)-8:])
	var prev uint64 // the high bit of the lowest byte set when the byte before the words is a space
	for t := s; ; t = t[16:] {
		if len(t) < 16 {
			if len(t) >= 8 && !plainWord(load64(t), prev) {
				return false
			}
			break
		}
		x0, x1 := load64(t), load64(t[8:])
		if !plainWord(x0, prev) || !plainWord(x1, spaceBytes(x0)>>56) {
			return false
		}
		prev = spaceBytes(x1) >> 56
	}
	// The last word holds every pair of bytes that the words before it
	// did not.
	return plainWord(last, 0) && strings.IndexByte(s, '&') < 0
}

// plainWord reports whether the eight bytes of x are printable ASCII with
// no two spaces together; prev has the high bit of its lowest byte set
// when the byte before x is a space.
func plainWord(x, prev uint64) bool {
	if x&hiBits != 0 || hasLess(x, 0x20) {
		return false
	}
	sp := spaceBytes(x)
	return sp&(sp<<8|prev) == 0
}

// spaceBytes returns x, printable ASCII, with the high bit set of each
// byte that is a space and every other bit clear.
func spaceBytes(x uint64) uint64 { return zeroBytes(x ^ 0x2020202020202020) }

// load64 returns the first eight bytes of s as a little-endian word, in
// one load.
func load64(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

const (
	loBits = 0x0101010101010101
	hiBits = 0x8080808080808080
)

// hasLess reports whether a byte of x is less than n (n <= 128). The
// lowest such byte borrows, and sets its high bit, which it has clear;
// no byte borrows unless a byte below it is less than n.
func hasLess(x, n uint64) bool { return (x-loBits*n)&^x&hiBits != 0 }

// zeroBytes returns x with the high bit set in each byte of x that is
// zero, and every other bit clear (each byte of x below 0x80).
func zeroBytes(x uint64) uint64 { return ^((x + 0x7f7f7f7f7f7f7f7f) | x | 0x7f7f7f7f7f7f7f7f) }

// clean collapses white space, decodes HTML entities (rare, but some
// exports carry them) and returns the text in NFC.
func clean(s string) string {
	s = trimSpace(s)
	if isPlain(s) {
		return s
	}
	if strings.IndexByte(s, '\n') >= 0 {
		if j, ok := joinPlainLines(s); ok {
			return j
		}
	}
	if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = bib.UnescapeEntities(joinSplitEntities(s))
	}
	return bib.NFC(bib.CleanText(s))
}

// joinSplitEntities closes the space Web of Science puts after the "&" of
// a character reference in some abstracts ("p & lt; 0.05", "& #8211;"),
// and the one before it too where it split a word ("Schr & ouml;dinger",
// "Szeg & odblac;-type"), so that the reference is decoded; an "&" before
// words that make no reference ("Johnson & Johnson; ...") is left as it is.
func joinSplitEntities(s string) string {
	if !strings.Contains(s, "& ") {
		return s
	}
	var b strings.Builder
	rest := s
	for {
		i := strings.Index(rest, "& ")
		if i < 0 {
			break
		}
		j := i + 2
		k := j
		for k < len(rest) && k-j < 32 && (isASCIIAlnum(rest[k]) || k == j && rest[k] == '#') {
			k++
		}
		if k > j && k < len(rest) && rest[k] == ';' {
			ref := "&" + rest[j:k+1]
			if u := html.UnescapeString(ref); u != ref {
				if b.Len() == 0 {
					b.Grow(len(s))
				}
				// a letter of a word split around its reference
				// ("Schr & ouml;dinger") loses the space before too
				pre := rest[:i]
				if r, _ := utf8.DecodeRuneInString(u); unicode.IsLetter(r) && strings.HasSuffix(pre, " ") {
					if p, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(pre, " ")); unicode.IsLetter(p) {
						pre = strings.TrimSuffix(pre, " ")
					}
				}
				b.WriteString(pre)
				b.WriteString(ref)
				rest = rest[k+1:]
				continue
			}
		}
		b.WriteString(rest[:j])
		rest = rest[j:]
	}
	if b.Len() == 0 {
		return s
	}
	b.WriteString(rest)
	return b.String()
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// mapRecord turns the fields of one record into a bib.Record.
func (x *tagIndex) mapRecord(fields []field) *bib.Record {
	rec := &bib.Record{}
	x.build(fields)
	// Room for the identifiers and ISSNs the tags hold, as most records
	// have them.
	ids := 0
	for _, t := range [...]string{"UT", "DI", "DL", "D2", "PM", "BN"} {
		if x.has(t) {
			ids++
		}
	}
	if ids > 0 {
		rec.Identifiers = make([]bib.Identifier, 0, ids)
	}
	if x.has("SN") || x.has("EI") {
		rec.ISSNs = make([]bib.ISSN, 0, 2)
	}

	ut := x.text("UT")
	coll := collectionOf(ut)
	rec.Database = coll.name
	rec.SourceID = ut
	if rec.SourceID == "" {
		rec.SourceID = x.text("AN")
	}
	identifiersFromUT(rec, ut)

	pt := strings.ToUpper(x.text("PT"))
	var dts []string
	x.each("DT", func(f field) { dts = appendItems(dts, f.value, false) })
	rec.PublicationTypes = dts

	rec.Title = bib.StripMarkup(x.text("TI"))
	source := bib.StripMarkup(x.text("SO"))
	rec.Type = recordType(pt, dts, rec.Title, source)

	people(rec, x)

	switch rec.Type {
	case "book":
		if !sameText(source, rec.Title) {
			rec.Container = source // a book in a larger work
		}
	default:
		rec.Container = source
		if rec.Container == "" && rec.Type == "paper-conference" {
			rec.Container = bib.StripMarkup(x.text("CT"))
		}
	}
	rec.ContainerAbbrev = x.text("JI")
	if rec.ContainerAbbrev == "" {
		rec.ContainerAbbrev = x.text("J9")
	}
	if se := x.text("SE"); se != "" {
		rec.Series = se
		if bs := x.text("BS"); bs != "" {
			rec.Series += ": " + bs
		}
	}

	rec.Date = pubDate(x.text("PD"), x.text("PY"), x.text("EA"))
	rec.Volume = x.text("VL")
	pages(rec, x)
	rec.Publisher = x.text("PU")
	if rec.Type == "patent" {
		// Derwent's PN is the patent number (several are ";"-joined, the
		// first being the one the record is for), AE the assignee.
		rec.Issue = issue(x.text("IS"), "", x.text("SU"))
		if pn, _, _ := strings.Cut(x.text("PN"), ";"); pn != "" {
			rec.ArticleNumber = strings.TrimSpace(pn)
		}
		if rec.Publisher == "" {
			rec.Publisher = x.text("AE")
		}
	} else {
		rec.Issue = issue(x.text("IS"), x.text("PN"), x.text("SU"))
	}
	rec.Place = x.text("PI")
	rec.Language = x.text("LA")
	x.each("AB", func(f field) {
		if rec.Abstract == "" {
			rec.Abstract = bib.StripMarkup(abstract(f.value))
		}
	})

	identifiers(rec, x, coll)
	keywords(rec, x, coll)
	notes(rec, x)
	// Lists made ahead for tags that turned out empty are no lists.
	if len(rec.Identifiers) == 0 {
		rec.Identifiers = nil
	}
	if len(rec.ISSNs) == 0 {
		rec.ISSNs = nil
	}
	return rec
}

// sameText reports whether two titles are the same but for case and
// punctuation.
func sameText(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return strings.EqualFold(a, b) || bib.Key(a) == bib.Key(b)
}

// recordType decides the CSL type from PT and the DT items.
func recordType(pt string, dts []string, title, source string) string {
	has := func(words ...string) bool {
		for _, d := range dts {
			for _, w := range words {
				if len(d) == len(w) && strings.EqualFold(d, w) {
					return true
				}
			}
		}
		return false
	}
	switch {
	case pt == "P" || has("patent"):
		return "patent"
	case has("book review"):
		return "review-book"
	case has("dissertation", "thesis", "dissertation/thesis"):
		return "thesis"
	case has("data set", "data study", "dataset", "repository"):
		return "dataset"
	case has("software"):
		return "software"
	}
	switch pt {
	case "B", "S", "C":
		switch {
		case has("proceedings paper", "conference paper", "meeting paper", "conference proceeding"):
			return "paper-conference"
		case has("book chapter", "chapter"):
			return "chapter"
		case has("book", "edited book"):
			return "book"
		case pt == "C":
			return "paper-conference" // the conference proceedings citation index
		case pt == "S":
			return "article-journal" // a serial such as an annual review or lecture notes volume
		case source == "" || sameText(source, title):
			return "book"
		default:
			return "chapter"
		}
	}
	switch {
	case has("proceedings paper", "conference paper", "meeting paper") && !has("article", "review"):
		return "paper-conference"
	case has("book chapter", "chapter") && pt == "":
		return "chapter"
	case has("book") && pt == "":
		return "book"
	}
	return "article-journal"
}

// issue writes an issue with its part (PN) and supplement the way MEDLINE
// does ("4 Pt 1", "3 Suppl 1"), so that both compare equal; a long
// supplement text is kept only when there is no issue.
func issue(is, pn, su string) string {
	if pn != "" {
		if isUpperOrDigit(pn[0]) && len(pn) <= 4 {
			pn = "Pt " + pn
		}
		if is == "" {
			is = pn
		} else {
			is += " " + pn
		}
	}
	if su == "" {
		return is
	}
	short := len(su) <= 4
	for i := 0; i < len(su) && short; i++ {
		short = isUpperOrDigit(su[i]) || su[i] >= 'a' && su[i] <= 'z'
	}
	if !short {
		if is == "" {
			return su
		}
		return is
	}
	s := "Suppl"
	if su != "S" {
		s += " " + su
	}
	if is == "" {
		return s
	}
	return is + " " + s
}

// pages fills the page range and the article number.
func pages(rec *bib.Record, x *tagIndex) {
	bp, ep := x.text("BP"), x.text("EP")
	ar := x.text("AR")
	for _, p := range []string{"UNSP ", "ARTN "} {
		if len(ar) > len(p) && strings.EqualFold(ar[:len(p)], p) {
			ar = strings.TrimSpace(ar[len(p):])
		}
	}
	rec.ArticleNumber = ar
	if bp == "" && ep == "" {
		if ps := x.text("PS"); ps != "" {
			rec.SetPages(ps)
		} else if ar != "" {
			rec.FirstPage = ar
		}
		return
	}
	first, last := bib.ParsePages(bp)
	if ep == "&" || ep == "+" {
		// the work goes on at pages further on ("BP 369", "EP &"): its
		// last page is not known, and "&" is none
		ep = ""
	}
	if ep != "" {
		e, _ := bib.ParsePages(ep)
		if e != "" {
			last = e
		}
		if first != "" && last != "" && bib.AllDigits(first) && bib.AllDigits(last) && len(last) < len(first) {
			_, last = bib.ParsePages(first + "-" + last)
		}
	}
	rec.FirstPage, rec.LastPage = first, last
}

// pubDate reads the publication date from PY (the year), PD (month, day
// or season, sometimes with a year) and, when neither has a year, the
// early-access date EA.
func pubDate(pd, py, ea string) bib.Date {
	year := bib.ExtractYear(py)
	d := parsePD(pd)
	switch {
	case year == 0:
	case d.Year == 0:
		d.Year = year
	case d.Year != year:
		// PD of another year: its month is not the month of PY.
		d = bib.Date{Year: year}
	}
	if d.Year == 0 && ea != "" {
		e := parsePD(ea)
		if e.Year != 0 {
			d = bib.Date{Year: e.Year, Month: e.Month, Day: e.Day, Season: d.Season}
		}
	}
	if d.Year == 0 && d.Month == 0 && d.Season == "" {
		return bib.Date{Raw: d.Raw}
	}
	return d
}

// parsePD reads a PD value; "04 2006" (month number, year) is read here,
// every other form by bib.ParseDate.
func parsePD(s string) bib.Date {
	if s == "" {
		return bib.Date{}
	}
	if len(s) == 3 {
		if m := bib.MonthNumber(s); m != 0 {
			return bib.Date{Month: m} // "APR", the common case
		}
	}
	if len(s) == 7 && isDigit(s[0]) && isDigit(s[1]) && s[2] == ' ' {
		if y := bib.ExtractYear(s[3:]); y != 0 {
			if m := bib.MonthNumber(s[:2]); m != 0 {
				return bib.Date{Year: y, Month: m}
			}
		}
	}
	return bib.ParseDate(s)
}

// abstract joins the lines of an abstract. An export that writes each
// paragraph on a line of its own (no line near the usual wrap width)
// writes the headings of a structured abstract on lines of their own too:
// such a heading is joined with ": " ("Background: Leprosy is ...").
func abstract(v string) string {
	if strings.IndexByte(v, '\n') < 0 {
		return clean(v)
	}
	lines := strings.Split(v, "\n")
	long := false
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
		if len(lines[i]) > 100 {
			long = true
		}
	}
	if !long {
		return clean(v)
	}
	var b strings.Builder
	b.Grow(len(v))
	for i, l := range lines {
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l)
		if i+1 < len(lines) && isHeading(l) {
			b.WriteByte(':')
		}
	}
	return clean(b.String())
}

// isHeading reports whether a line of an abstract is a section heading:
// short, capitalized, without final punctuation.
func isHeading(l string) bool {
	if len(l) == 0 || len(l) > 40 || !isUpper(l[0]) {
		return false
	}
	switch l[len(l)-1] {
	case '.', ':', ';', ',', '?', '!', ')', ']':
		return false
	}
	return strings.Count(l, " ") <= 4
}

// identifiers fills DOIs, PMID, ISSNs and ISBNs.
func identifiers(rec *bib.Record, x *tagIndex, coll collection) {
	x.each("DI", func(f field) {
		for _, d := range x.findDOIs(f.value) {
			rec.AddIdentifier(bib.DOI, d)
		}
	})
	if rec.Identifier(bib.DOI) == "" {
		x.each("DL", func(f field) {
			for _, d := range x.findDOIs(f.value) {
				rec.AddIdentifier(bib.DOI, d)
			}
		})
	}
	if rec.Identifier(bib.DOI) == "" && rec.Type == "book" {
		x.each("D2", func(f field) { rec.AddDOI(f.value) })
	}
	if rec.Identifier(bib.DOI) == "" && !coll.core {
		// In Inspec the ID tag lists identifiers, the DOI among them.
		x.each("ID", func(f field) {
			if isIdentifierList(f.value) {
				for _, d := range x.findDOIs(f.value) {
					rec.AddIdentifier(bib.DOI, d)
				}
			}
		})
	}
	x.each("PM", func(f field) { rec.AddPMID(clean(f.value)) })
	x.each("SN", func(f field) {
		found := false
		for _, s := range x.findISSNs(f.value) {
			rec.AddISSN(s, bib.ISSNPrint)
			found = true
		}
		if !found {
			for _, i := range bib.FindISBNs(f.value) {
				rec.AddIdentifier(bib.ISBN, i)
			}
		}
	})
	x.each("EI", func(f field) {
		for _, s := range x.findISSNs(f.value) {
			rec.AddISSN(s, bib.ISSNElectronic)
		}
	})
	x.each("BN", func(f field) {
		for _, i := range bib.FindISBNs(f.value) {
			rec.AddIdentifier(bib.ISBN, i)
		}
	})
}

// isIdentifierList reports whether an ID value is Inspec's list of
// identifiers ("0003-6951/2006/89(4)/041103-1(3)/$23.00],[...],[10.1063/...]")
// rather than terms.
func isIdentifierList(v string) bool {
	return strings.Contains(v, "],[") || strings.Contains(v, "/$")
}

// keywords fills author keywords, Keywords Plus, indexer terms and MeSH.
func keywords(rec *bib.Record, x *tagIndex, coll collection) {
	de := bib.VocabAuthor
	if !coll.core {
		de = bib.VocabIndex
	}
	n := 0
	for _, t := range [...]string{"DE", "ID"} {
		x.each(t, func(f field) { n += 1 + strings.Count(f.value, ";") })
	}
	if n > 0 {
		rec.Keywords = make([]bib.Keyword, 0, n) // as many as there are terms, most often
	}
	x.each("DE", func(f field) {
		if coll.prefix == "INSPEC" && strings.Contains(f.value, "/ ") {
			for _, k := range inspecTerms(f.value) {
				rec.AddKeyword(bib.Keyword{Term: k, Vocabulary: de})
			}
			return
		}
		if strings.IndexByte(f.value, '[') >= 0 && strings.Contains(f.value, " / ") {
			for _, k := range descriptors(f.value) {
				rec.AddKeyword(bib.Keyword{Term: k, Vocabulary: de})
			}
			return
		}
		for _, k := range x.split(f.value) {
			rec.AddKeyword(bib.Keyword{Term: k, Vocabulary: de})
		}
	})
	x.each("ID", func(f field) {
		if !coll.core && isIdentifierList(f.value) {
			return
		}
		vocab := bib.VocabKeywordsPlus
		if !coll.core {
			vocab = bib.VocabIndex
		}
		for _, k := range x.split(f.value) {
			rec.AddKeyword(bib.Keyword{Term: k, Vocabulary: vocab})
		}
	})
	if !coll.core {
		// Organism descriptors of CAB Abstracts and Zoological Record.
		x.each("OR", func(f field) {
			for _, k := range appendItems(nil, f.value, true) {
				rec.AddKeyword(bib.Keyword{Term: strings.TrimRight(k, ". "), Vocabulary: bib.VocabIndex})
			}
		})
	}
	if coll.prefix == "BIOSIS" || coll.prefix == "BCI" {
		// BIOSIS's major concepts and miscellaneous descriptors (MC is
		// something else, manual codes, in Derwent's records).
		for _, t := range [...]string{"MC", "MI"} {
			x.each(t, func(f field) {
				for _, k := range x.split(f.value) {
					rec.AddKeyword(bib.Keyword{Term: k, Vocabulary: bib.VocabIndex})
				}
			})
		}
	}
	x.each("MH", func(f field) {
		for _, k := range meshHeadings(f.value) {
			for _, m := range bib.ParseMeSHAll(k) {
				rec.AddKeyword(m)
			}
		}
	})
}

// meshHeadings splits an MH value into headings written as MEDLINE writes
// them ("Birds/growth & development/physiology"). The MEDLINE records of
// the Web of Science platform separate the headings with ". " and give a
// heading's qualifiers after " / ", separated by ";" ("Animals. *Birds /
// growth & development; physiology. *Fires"); a value in MEDLINE's own
// form is separated by ";" ("Obesity, Morbid/*surgery; Humans").
func meshHeadings(v string) []string {
	v = clean(v)
	if !strings.Contains(v, " / ") && (strings.IndexByte(v, '/') >= 0 || headingEnd(v) == len(v)) {
		return splitText(v)
	}
	var out []string
	for v != "" {
		i := headingEnd(v)
		h := strings.TrimSpace(strings.TrimRight(v[:i], ". "))
		v = strings.TrimLeft(v[i:], ". ")
		desc, quals, ok := strings.Cut(h, " / ")
		if !ok {
			if h != "" {
				out = append(out, h)
			}
			continue
		}
		parts := []string{strings.TrimSpace(desc)}
		for _, q := range strings.Split(quals, ";") {
			if q = strings.TrimSpace(q); q != "" {
				parts = append(parts, q)
			}
		}
		out = append(out, strings.Join(parts, "/"))
	}
	return out
}

// headingEnd returns the offset of the ". " that ends the first heading of
// v, or len(v). The full stop of "St." in a descriptor ("Encephalitis, St.
// Louis") ends no heading.
func headingEnd(v string) int {
	for from := 0; ; {
		j := strings.Index(v[from:], ". ")
		if j < 0 {
			return len(v)
		}
		j += from
		if !strings.HasSuffix(v[:j], " St") && v[:j] != "St" {
			return j
		}
		from = j + 2
	}
}

// inspecTerms reads Inspec's DE, sections separated by "/ ": treatment,
// controlled terms, uncontrolled terms, classification codes, numerical
// data, chemical indexing. The terms of the second and third sections are
// returned. Inspec's markup for sub- and superscripts ("BaB/sub 2/O/sub
// 4/", "He/sup +/ implantation") is not a separator.
func inspecTerms(v string) []string {
	v = clean(v)
	var sections []string
	from := 0
	for i := 0; i < len(v); i++ {
		if v[i] != '/' {
			continue
		}
		if strings.HasPrefix(v[i:], "/sub ") || strings.HasPrefix(v[i:], "/sup ") {
			if j := strings.IndexByte(v[i+5:], '/'); j >= 0 {
				i += 5 + j // the closing slash of the markup
				continue
			}
		}
		if i+1 == len(v) || v[i+1] == ' ' {
			sections = append(sections, v[from:i])
			from = i + 1
		}
	}
	sections = append(sections, v[from:])
	if len(sections) < 3 {
		return splitText(v)
	}
	return append(splitText(sections[1]), splitText(sections[2])...)
}

// descriptors splits Zoological Record's structured descriptors: organism
// names, then bracketed groups of "concept / narrower term / detail"
// ("Picoides arcticus [Breeding site / Nest site selection / ] [Fire / / ]").
func descriptors(v string) []string {
	v = clean(v)
	var out []string
	add := func(s string) {
		for _, p := range strings.Split(s, ";") {
			if p = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(p), ".")); p != "" {
				out = append(out, p)
			}
		}
	}
	for v != "" {
		i := strings.IndexByte(v, '[')
		if i < 0 {
			add(v)
			break
		}
		add(v[:i])
		j := strings.IndexByte(v[i:], ']')
		if j < 0 {
			add(strings.ReplaceAll(v[i+1:], " / ", ";"))
			break
		}
		add(strings.ReplaceAll(v[i+1:i+j], "/", ";"))
		v = v[i+j+1:]
	}
	return out
}

// notes records the conference and a chapter's book DOI.
func notes(rec *bib.Record, x *tagIndex) {
	var conf []string
	for _, t := range []string{"CT", "CY", "CL"} {
		if s := x.text(t); s != "" {
			conf = append(conf, s)
		}
	}
	if len(conf) > 0 {
		rec.Notes = append(rec.Notes, "Conference: "+strings.Join(conf, "; "))
	}
	if rec.Type != "book" {
		if d := bib.NormalizeDOI(x.text("D2")); d != "" && d != rec.Identifier(bib.DOI) {
			rec.Notes = append(rec.Notes, "Book DOI: "+d)
		}
	}
}

// collection is the Web of Science collection a record comes from, named
// by the prefix of its UT.
type collection struct {
	prefix string // "WOS", "CABI", ... ("" when there is no UT)
	name   string // the database name for Record.Database
	core   bool   // the Core Collection (or unknown): DE are author keywords, ID Keywords Plus
}

var collections = map[string]collection{
	"WOS":     {"WOS", "Web of Science", true},
	"ISI":     {"WOS", "Web of Science", true},
	"CABI":    {"CABI", "CAB Abstracts", false},
	"INSPEC":  {"INSPEC", "Inspec", false},
	"ZOOREC":  {"ZOOREC", "Zoological Record", false},
	"MEDLINE": {"MEDLINE", "MEDLINE", false},
	"BCI":     {"BCI", "BIOSIS Citation Index", false},
	"BIOSIS":  {"BIOSIS", "BIOSIS Previews", false},
	"FSTA":    {"FSTA", "FSTA", false},
	"DIIDW":   {"DIIDW", "Derwent Innovations Index", false},
	"KJD":     {"KJD", "KCI-Korean Journal Database", true},
	"SCIELO":  {"SCIELO", "SciELO Citation Index", true},
	"RSCI":    {"RSCI", "Russian Science Citation Index", true},
	"CSCD":    {"CSCD", "Chinese Science Citation Database", true},
	"DRCI":    {"DRCI", "Data Citation Index", true},
	"CCC":     {"CCC", "Current Contents Connect", true},
	"PPRN":    {"PPRN", "Preprint Citation Index", true},
	"PQDT":    {"PQDT", "ProQuest Dissertations & Theses", false},
	"GRANTS":  {"GRANTS", "Grants Index", true},
}

func collectionOf(ut string) collection {
	i := strings.IndexByte(ut, ':')
	if i <= 0 {
		return collection{name: "Web of Science", core: true}
	}
	p := strings.ToUpper(strings.TrimSpace(ut[:i]))
	if c, ok := collections[p]; ok {
		return c
	}
	return collection{prefix: p, name: "Web of Science", core: true}
}

// identifiersFromUT adds the accession number: a bib.WOS identifier
// "WOS:000238592600006" for the Core Collection ("ISI:" is its old
// prefix), a PMID for MEDLINE, and an identifier named after the
// collection for the others ("cabi" "19982209000").
func identifiersFromUT(rec *bib.Record, ut string) {
	i := strings.IndexByte(ut, ':')
	if i <= 0 {
		return
	}
	p := strings.ToUpper(strings.TrimSpace(ut[:i]))
	id := strings.TrimSpace(ut[i+1:])
	if id == "" {
		return
	}
	switch p {
	case "WOS", "ISI":
		id = strings.ToUpper(id)
		if ut[:i] == "WOS" && ut[i+1:] == id {
			rec.AddIdentifier(bib.WOS, ut) // written as it is kept, the common case
			break
		}
		rec.AddIdentifier(bib.WOS, "WOS:"+id)
	case "MEDLINE":
		rec.AddPMID(id)
	default:
		rec.AddIdentifier(strings.ToLower(p), id)
	}
}
