package ris

import (
	"html"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// types maps RIS reference types onto CSL types.
var types = map[string]string{
	"JOUR": "article-journal", "JFULL": "article-journal", "EJOUR": "article-journal", "ABST": "article-journal",
	"INPR": "article-journal", "SER": "article-journal", "MGZN": "article-magazine", "NEWS": "article-newspaper",
	"BOOK": "book", "EBOOK": "book", "EDBOOK": "book", "CHAP": "chapter", "ECHAP": "chapter",
	"CONF": "paper-conference", "CPAPER": "paper-conference", "THES": "thesis", "RPRT": "report",
	"GOVDOC": "report", "ELEC": "webpage", "WEB": "webpage", "ICOMM": "webpage", "BLOG": "post-weblog",
	"DATA": "dataset", "DBASE": "dataset", "AGGR": "dataset", "PAT": "patent", "COMP": "software",
	"UNPB": "manuscript", "MANSCPT": "manuscript", "GEN": "article", "STAND": "standard", "BILL": "bill",
	"CASE": "legal_case", "STAT": "legislation", "LEGAL": "legislation", "HEAR": "hearing", "MAP": "map",
	"DICT": "entry-dictionary", "ENCYC": "entry-encyclopedia", "PCOMM": "personal_communication",
	"ADVS": "motion_picture", "VIDEO": "motion_picture", "MPCT": "motion_picture", "SOUND": "song", "MUSIC": "musical_score",
	"ART": "graphic", "SLIDE": "speech", "PAMP": "pamphlet", "CLSWK": "classic", "CTLG": "book", "CHART": "figure",
	"FIGURE": "figure", "EQUA": "article", "INTV": "interview", "MULTI": "webpage",
}

// CSLType returns the CSL type for a RIS reference type, "article" when
// the type is unknown.
func CSLType(ty string) string {
	if t, ok := types[strings.ToUpper(strings.TrimSpace(ty))]; ok {
		return t
	}
	return "article"
}

// Map turns the tag occurrences of one record into a bib.Record:
//
//	TY                 type (see CSLType)
//	TI, T1, CT, BT     title, in that order of preference (BT is the book's title for books)
//	ST, TT, OP         short, translated and original title
//	AU, A1             authors, in order ("Family, Given", "Family GI", "R. Byng", several in one value split on ";")
//	A2, ED (A3)        editors (series editors for A3 on books are not kept as editors)
//	PY, Y1, DA         date: the year from PY, else Y1, else DA; month and day from any that agrees
//	JF, T2, JO, BT     full container title: JF, then T2 (for journals, chapters, papers), then JO or BT
//	JA, J2, JO, J1     journal abbreviation
//	VL (VO), IS (CP, M1), C7, SP/EP (SE)   volume, issue, article number, pages
//	DO                 DOIs (several, URLs, "doi:"); when DO has none, M3, U1–U5, UR, L2, LK and N1 are searched
//	AN, U1, UR, C2     PMID (AN when the database is PubMed/MEDLINE; "[pmid]"; "PM:"), PMCID (C2)
//	SN                 ISSNs (with print/electronic kinds) or ISBNs
//	AB, N2             abstract
//	KW                 keywords, split on ";" and line breaks
//	AD (C1, M2)        record-level affiliations; a single AD is split on ";"
//	LA, PB, CY/PP, ET, T3, UR, N1, M3   language, publisher, place, edition, series, URLs, notes, types of work
//	DB, DP             the database the record came from
//	ID, AN             the record's own id
func Map(fields []Field) *bib.Record {
	rec := &bib.Record{}
	// Index the fields by tag once; clean each value at most once.
	var byTag tagIndex
	byTag.build(fields)
	cleaned := make([]string, len(fields))
	done := make([]bool, len(fields))
	value := func(i int) string {
		if !done[i] {
			cleaned[i], done[i] = clean(fields[i].Value), true
		}
		return cleaned[i]
	}
	v := func(tag string) []Field {
		var out []Field
		for _, i := range byTag.get(tag) {
			out = append(out, fields[i])
		}
		return out
	}
	first := func(tags ...string) string {
		for _, t := range tags {
			for _, i := range byTag.get(t) {
				if s := value(i); s != "" {
					return s
				}
			}
		}
		return ""
	}

	ty := first("TY")
	rec.Type = CSLType(ty)
	tyu := strings.ToUpper(ty)
	isBook := tyu == "BOOK" || tyu == "EBOOK" || tyu == "EDBOOK"
	isPart := tyu == "CHAP" || tyu == "ECHAP" || tyu == "CONF" || tyu == "CPAPER"

	rec.Title = first("TI", "T1", "CT")
	if rec.Title == "" && isBook {
		rec.Title = first("BT")
	}
	rec.ShortTitle = first("ST")
	if rec.ShortTitle == rec.Title {
		rec.ShortTitle = ""
	}
	rec.TranslatedTitle = first("TT")
	rec.OriginalTitle = first("OP")
	if rec.Title == "" {
		rec.Title = first("ST", "TT", "BT")
	}

	// People: AU and A1 are both primary authors, kept in file order. A
	// file that repeats its AU names as A1 does not get them twice.
	hasAU := len(byTag.get("AU")) > 0
	for _, f := range fields {
		switch f.Tag {
		case "AU":
			rec.Authors = append(rec.Authors, names(f.Value)...)
		case "A1":
			for _, p := range names(f.Value) {
				if !hasAU || !containsPerson(rec.Authors, p) {
					rec.Authors = append(rec.Authors, p)
				}
			}
		case "A2", "ED":
			rec.Editors = append(rec.Editors, names(f.Value)...)
		case "A3":
			if !isBook {
				rec.Editors = append(rec.Editors, names(f.Value)...)
			}
		}
	}

	// Date.
	rec.Date = date(fields)

	// Container.
	switch {
	case isBook:
		rec.Container = first("BT", "JF")
		rec.Series = first("T2", "T3")
		if rec.Container == rec.Title {
			rec.Container = ""
		}
	case isPart:
		rec.Container = first("T2", "BT", "JF", "JO")
		rec.Series = first("T3")
	default:
		rec.Container = first("JF", "T2", "JO", "JA", "J2", "BT")
		rec.Series = first("T3")
	}
	rec.ContainerAbbrev = first("JA", "J2", "JO", "J1")
	if rec.ContainerAbbrev == rec.Container && first("JA", "J2", "J1") == "" && first("JF", "T2") != "" {
		// JO repeating the full title is not an abbreviation
		rec.ContainerAbbrev = ""
	}

	rec.Volume = first("VL", "VO")
	rec.Issue = first("IS", "CP")
	if rec.Issue == "" && (tyu == "JOUR" || tyu == "MGZN") {
		if m1 := first("M1"); m1 != "" && len(m1) < 12 {
			rec.Issue = m1
		}
	}
	rec.ArticleNumber = first("C7")
	pages(rec, fields)
	rec.Edition = first("ET")
	rec.Publisher = first("PB")
	rec.Place = first("CY", "PP")
	rec.Language = first("LA")
	rec.Abstract = first("AB", "N2")

	identifiers(rec, fields, tyu, isBook || isPart)

	for _, f := range v("KW") {
		for _, k := range splitList(f.Value, true) {
			if bib.IsMeSHHeading(k) {
				for _, m := range bib.ParseMeSHAll(k) {
					rec.AddKeyword(m)
				}
				continue
			}
			rec.AddKeyword(bib.Keyword{Term: k, Vocabulary: bib.VocabAuthor})
		}
	}
	affiliations(rec, fields)
	for _, f := range v("UR") {
		for _, u := range strings.FieldsFunc(f.Value, func(r rune) bool { return r == ';' || r == '\n' || r == ' ' }) {
			rec.AddURL(u)
		}
	}
	for _, f := range v("N1") {
		if s := clean(f.Value); s != "" && s != rec.Title {
			rec.Notes = append(rec.Notes, s)
		}
	}
	for _, f := range v("M3") {
		if s := clean(f.Value); s != "" && bib.NormalizeDOI(s) == "" {
			rec.PublicationTypes = append(rec.PublicationTypes, s)
		}
	}
	rec.Database = first("DB", "DP")
	rec.SourceID = first("ID")
	if rec.SourceID == "" {
		rec.SourceID = first("AN")
	}
	// Titles and abstracts may carry markup (<i>, <sup>; the JATS or PubMed
	// XML of a Lens abstract): its text is kept, the tags are not.
	rec.Title = bib.CleanText(bib.StripTags(rec.Title))
	rec.Abstract = bib.CleanText(bib.StripTags(rec.Abstract))
	return rec
}

// clean decodes HTML entities and collapses white space.
func clean(s string) string {
	if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = html.UnescapeString(s)
	}
	return bib.NFC(bib.CleanText(s))
}

// names parses one AU-like value; several names joined by ";" are split.
func names(v string) []bib.Person {
	if strings.IndexByte(v, ';') < 0 && strings.IndexByte(v, '\n') < 0 {
		if p := bib.ParseName(clean(v)); !p.IsZero() {
			return []bib.Person{p}
		}
		return nil
	}
	var out []bib.Person
	for _, part := range splitList(v, true) {
		if p := bib.ParseName(part); !p.IsZero() {
			out = append(out, p)
		}
	}
	return out
}

func containsPerson(ps []bib.Person, p bib.Person) bool {
	for _, x := range ps {
		if x.String() == p.String() {
			return true
		}
	}
	return false
}

// splitList splits a value on ";" and, when lines is set, on line breaks.
func splitList(v string, lines bool) []string {
	f := func(r rune) bool { return r == ';' || (lines && (r == '\n' || r == '\r')) }
	var out []string
	for _, p := range strings.FieldsFunc(v, f) {
		if p = clean(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func date(fields []Field) bib.Date {
	var py, y1, da []bib.Date
	for _, f := range fields {
		switch f.Tag {
		case "PY":
			py = append(py, bib.ParseDate(clean(f.Value)))
		case "Y1":
			y1 = append(y1, bib.ParseDate(clean(f.Value)))
		case "DA":
			da = append(da, bib.ParseDate(clean(f.Value)))
		}
	}
	var d bib.Date
	for _, group := range [][]bib.Date{py, y1, da} {
		for _, x := range group {
			if d.Year == 0 && x.Year != 0 {
				d = d.Merge(x)
			}
		}
	}
	for _, group := range [][]bib.Date{py, y1, da} {
		for _, x := range group {
			if x.Year == 0 || x.Year == d.Year {
				if x.Year == 0 && d.Year != 0 {
					x.Year = d.Year
				}
				d = d.Merge(x)
			}
		}
	}
	if d.Year == 0 {
		d.Month, d.Day = 0, 0
		if d.Raw == "" {
			d = bib.Date{}
		}
	}
	return d
}

func pages(rec *bib.Record, fields []Field) {
	var sp, ep, se string
	for _, f := range fields {
		switch f.Tag {
		case "SP":
			if sp == "" {
				sp = clean(f.Value)
			}
		case "EP":
			if ep == "" {
				ep = clean(f.Value)
			}
		case "SE":
			if se == "" {
				se = clean(f.Value)
			}
		}
	}
	if sp == "" && ep == "" {
		sp = se
	}
	first, last := bib.ParsePages(sp)
	if ep != "" {
		e, _ := bib.ParsePages(ep)
		if last == "" || e != "" {
			last = e
		}
		if first != "" && last != "" && allDigits(first) && allDigits(last) && len(last) < len(first) {
			_, last = bib.ParsePages(first + "-" + last)
		}
	}
	rec.FirstPage, rec.LastPage = first, last
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// identifiers fills DOIs, PMID, PMCID, ISSNs and ISBNs.
func identifiers(rec *bib.Record, fields []Field, ty string, isBookish bool) {
	found := false
	for _, f := range fields {
		if f.Tag == "DO" {
			for _, d := range bib.FindDOIs(f.Value) {
				rec.AddIdentifier(bib.DOI, d)
				found = true
			}
			if !found {
				if s := clean(f.Value); strings.HasPrefix(strings.ToUpper(s), "ARTN") {
					rec.ArticleNumber = strings.TrimSpace(s[4:])
				}
			}
		}
	}
	// DOIs hidden in other fields, searched only when DO has none.
	for _, tags := range [][]string{{"M3"}, {"U1", "U2", "U3", "U4", "U5", "DI"}, {"UR", "L2", "LK", "L3", "L1"}, {"N1", "M1", "M2"}} {
		if found {
			break
		}
		for _, f := range fields {
			if !in(f.Tag, tags) {
				continue
			}
			for _, d := range bib.FindDOIs(f.Value) {
				if f.Tag == "N1" && !strings.Contains(strings.ToLower(f.Value), "doi") && bib.CleanText(f.Value) != d {
					continue // a DOI quoted in a note is not the record's own unless the note says so
				}
				rec.AddIdentifier(bib.DOI, d)
				found = true
			}
		}
	}

	db := strings.ToLower(firstValue(fields, "DB") + " " + firstValue(fields, "DP"))
	fromPubMed := strings.Contains(db, "pubmed") || strings.Contains(db, "medline") || strings.Contains(db, "nlm")
	for _, f := range fields {
		switch f.Tag {
		case "PMID", "AN", "U1", "U2", "U3", "U4", "U5", "M2", "N1", "UR", "C2":
		case "SN":
			sn(rec, f.Value, isBookish)
			continue
		default:
			continue
		}
		val := clean(f.Value)
		switch f.Tag {
		case "PMID":
			rec.AddPMID(val)
		case "AN":
			if strings.HasPrefix(strings.ToUpper(val), "PMID") {
				rec.AddPMID(val)
			} else if fromPubMed && len(val) <= 8 {
				rec.AddPMID(val)
			} else if strings.Contains(db, "embase") && val != "" {
				rec.AddIdentifier("embase", val)
			}
		case "U1", "U2", "U3", "U4", "U5", "M2", "N1":
			low := strings.ToLower(val)
			if strings.Contains(low, "[pmid]") || strings.HasPrefix(low, "pmid") {
				rec.AddPMID(val)
			}
			if strings.Contains(low, "[pmcid]") || strings.HasPrefix(low, "pmcid") {
				rec.AddPMCID(strings.TrimPrefix(strings.TrimPrefix(low, "pmcid:"), "pmcid"))
			}
		case "UR":
			for _, u := range strings.Fields(val) {
				lu := strings.ToLower(u)
				if strings.HasPrefix(lu, "pm:") {
					rec.AddPMID(u[3:])
				} else if strings.Contains(lu, "pubmed.ncbi.nlm.nih.gov/") || strings.Contains(lu, "ncbi.nlm.nih.gov/pubmed/") {
					rec.AddPMID(u)
				}
			}
		case "C2":
			if ty == "JOUR" || ty == "" {
				rec.AddPMCID(val)
			}
		}
	}
}

func sn(rec *bib.Record, value string, isBookish bool) {
	parts := strings.FieldsFunc(value, func(r rune) bool { return r == ';' || r == '\n' || r == ',' })
	if len(parts) == 0 {
		return
	}
	for _, p := range parts {
		isbns := bib.FindISBNs(p)
		for _, i := range isbns {
			rec.AddIdentifier(bib.ISBN, i)
		}
		if len(isbns) > 0 && isBookish {
			continue
		}
		kind := bib.ISSNKind(p)
		for _, s := range bib.FindISSNs(p) {
			rec.AddISSN(s, kind)
		}
	}
}

func firstValue(fields []Field, tag string) string {
	for _, f := range fields {
		if f.Tag == tag {
			return f.Value
		}
	}
	return ""
}

func in(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// affiliations: repeated AD tags are one affiliation each; a single AD
// holding several (EndNote's one Author Address field) is split on ";".
// Ovid's M2 and Embase's C1 hold addresses when AD is absent.
func affiliations(rec *bib.Record, fields []Field) {
	var ad []Field
	for _, f := range fields {
		if f.Tag == "AD" {
			ad = append(ad, f)
		}
	}
	if len(ad) == 0 {
		return
	}
	if len(ad) == 1 {
		for _, a := range splitList(ad[0].Value, true) {
			rec.AddAffiliation(trimAffiliation(a))
		}
		return
	}
	for _, f := range ad {
		rec.AddAffiliation(trimAffiliation(clean(f.Value)))
	}
}

// trimAffiliation drops the "and " that joins two addresses of one author
// and a final full stop, so that the same institution written twice is one.
func trimAffiliation(a string) string {
	a = strings.TrimSpace(a)
	if len(a) > 4 && strings.EqualFold(a[:4], "and ") {
		a = strings.TrimSpace(a[4:])
	}
	a = strings.TrimRight(a, ". ")
	return a
}

// tagIndex finds the fields of a tag without a map: two-character tags
// index a fixed table (the rare longer tags are looked up by scanning).
type tagIndex struct {
	fields []Field
	first  [26 * 36]int16 // 1 + index of the first field with the tag, 0 for none
	next   []int16        // 1 + index of the next field with the same tag
	buf    []int
}

func tagSlot(tag string) int {
	if len(tag) != 2 || tag[0] < 'A' || tag[0] > 'Z' {
		return -1
	}
	c := tag[1]
	switch {
	case c >= 'A' && c <= 'Z':
		return int(tag[0]-'A')*36 + int(c-'A')
	case c >= '0' && c <= '9':
		return int(tag[0]-'A')*36 + 26 + int(c-'0')
	}
	return -1
}

func (x *tagIndex) build(fields []Field) {
	x.fields = fields
	x.next = make([]int16, len(fields))
	if len(fields) > 32000 {
		fields = fields[:32000]
	}
	for i := len(fields) - 1; i >= 0; i-- {
		if k := tagSlot(fields[i].Tag); k >= 0 {
			x.next[i] = x.first[k]
			x.first[k] = int16(i + 1)
		}
	}
}

// get returns the indexes of the fields with the tag, in order. The slice
// is valid until the next call.
func (x *tagIndex) get(tag string) []int {
	x.buf = x.buf[:0]
	k := tagSlot(tag)
	if k < 0 {
		for i, f := range x.fields {
			if f.Tag == tag {
				x.buf = append(x.buf, i)
			}
		}
		return x.buf
	}
	for i := x.first[k]; i != 0; i = x.next[i-1] {
		x.buf = append(x.buf, int(i-1))
	}
	return x.buf
}
