package ris

import (
	"iter"
	"net/url"
	"slices"
	"strings"
	"unicode"

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
	// Names some exporters (NASA ADS's ProCite and RefMan flavours) write
	// in place of the codes.
	"JOURNAL": "article-journal", "THESIS/DISSERTATION": "thesis", "THESIS": "thesis", "REPORT": "report",
	"CONFERENCE": "paper-conference", "BOOK, WHOLE": "book", "BOOK, SECTION": "chapter", "BOOK CHAPTER": "chapter",
}

// CSLType returns the CSL type for a RIS reference type, "article" when
// the type is unknown.
func CSLType(ty string) string {
	if t, ok := types[strings.ToUpper(bib.TrimSpace(ty))]; ok {
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
//	A2, ED (A3)        editors (series editors for A3 on books are not kept as editors; the
//	                   cited authors Ovid's PsycINFO lists in A2 are no editors)
//	PY, Y1, DA         date: the year from PY, else Y1, else DA; month and day from any that agrees
//	Y2                 the access date; one before 1991 is no access date but the date of
//	                   publication, whose month it gives ("Y2  - 1983-03//", Ovid's ERIC)
//	JF, T2, JO, BT     full container title: JF, then T2 (for journals, chapters, papers), then JO or BT
//	JA, J2, JO, J1     journal abbreviation
//	VL (VO), IS (CP, M1), C7, SP/EP (SE)   volume, issue, article number, pages (SP "ix + 246": the number of pages)
//	DO                 DOIs (several, URLs, "doi:"); when DO has none, M3, U1–U5, UR, L2, LK and N1 are searched
//	AN, U1, UR, C2     PMID (AN when the database is PubMed/MEDLINE; "[pmid]"; "PM:"), PMCID (C2)
//	AN                 Web of Science ("WOS:..."), Scopus ("2-s2.0-...") and arXiv ("arXiv:...") ids
//	SN                 ISSNs (with print/electronic kinds) or ISBNs
//	AB, N2             abstract
//	KW                 keywords, split on ";" and line breaks
//	AD                 record-level affiliations; a single AD is split on ";"; PsycNET's,
//	                   each led by its author's name ("Kobori, Osamu: Chiba University"), are
//	                   that author's
//	M2                 without AD, Ovid MEDLINE's addresses, one per author ("White, Julian. Dept ...")
//	M1                 Embase.com's addresses, each led by its authors' names ("(Wang K.; Liu D.,
//	                   liu@example.cn) Department of ..."), are those authors'; the same list in
//	                   IS (Covidence) is no issue
//	LA, PB, CY/PP, ET, T3, UR, N1, M3   language, publisher, place, edition, series, URLs, notes (their HTML
//	                   tags dropped), types of work
//	DB, DP             the database the record came from (EBSCOhost's code in DB, "egh", with the DP that names
//	                   EBSCOhost: "EBSCOhost egh")
//	ID, AN             the record's own id
func Map(fields []Field) *bib.Record {
	var m mapper
	return m.record(fields)
}

// mapper maps records as Map does, keeping its working memory from one
// record to the next: a Reader maps every record with one mapper.
type mapper struct {
	byTag   tagIndex
	cleaned []string // cleaned values of records too long for the stack
	done    []bool
}

// recordRoom is a record with room for the identifiers and ISSNs most
// records have (a DOI and a PMID; a print and an electronic ISSN), made in
// one allocation rather than three. The record is never copied out of it.
type recordRoom struct {
	rec   bib.Record
	ids   [2]bib.Identifier
	issns [2]bib.ISSN
}

func (m *mapper) record(fields []Field) *bib.Record {
	room := new(recordRoom)
	rec := &room.rec
	rec.Identifiers, rec.ISSNs = room.ids[:0], room.issns[:0] // see identifiers
	// Index the fields by tag once; clean each value at most once.
	byTag := &m.byTag
	byTag.build(fields)
	// Most records have fewer than 64 fields: their cleaned values live on
	// the stack.
	var cleanedBuf [64]string
	var doneBuf [64]bool
	cleaned, done := cleanedBuf[:], doneBuf[:]
	if len(fields) > len(cleanedBuf) {
		m.cleaned, m.done = slices.Grow(m.cleaned[:0], len(fields))[:len(fields)], slices.Grow(m.done[:0], len(fields))[:len(fields)]
		clear(m.done)
		cleaned, done = m.cleaned, m.done
		// the values are substrings of the record's text, which the
		// mapper does not keep once the record is made
		defer clear(m.cleaned)
	}
	value := func(i int) string {
		if !done[i] {
			cleaned[i] = fields[i].cleaned()
			done[i] = true
		}
		return cleaned[i]
	}
	first := func(tags ...string) string {
		for _, t := range tags {
			for i := range byTag.all(t) {
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
	nAU, nA1 := byTag.count("AU"), byTag.count("A1")
	hasAU := nAU > 0
	if nAU+nA1 > 0 {
		rec.Authors = make([]bib.Person, 0, nAU+nA1)
	}
	for i := range fields {
		f := &fields[i]
		switch f.Tag {
		case "AU", "A1":
			if bib.HasEditorMark(f.Value) || editorRole(f.Value) {
				// ProQuest lists a book's editors among its authors:
				// "Takada, Mitsuo eds"; ERIC's name them "Hern, Matt, Ed."
				rec.Editors = appendNames(rec.Editors, f)
				continue
			}
			if f.Tag == "AU" || !hasAU {
				rec.Authors = appendNames(rec.Authors, f)
				continue
			}
			for _, p := range appendNames(nil, f) {
				if !containsPerson(rec.Authors, p) {
					rec.Authors = append(rec.Authors, p)
				}
			}
		case "A2", "ED":
			if v := f.cleaned(); !familyNamesOnly(v) && !citedAuthors(v) {
				rec.Editors = appendNames(rec.Editors, f)
			}
		case "A4":
			rec.Translators = appendNames(rec.Translators, f) // RIS's translator (or "subsidiary author")
		case "A3":
			if !isBook {
				rec.Editors = appendNames(rec.Editors, f)
			}
		}
	}

	if len(rec.Authors) > 0 && len(rec.Editors) > 0 && lastAUPlural(byTag) {
		// "AU - Asano, Kota", "AU - Takada, Mitsuo eds": the plural
		// mark after the last name is for the whole list
		rec.Editors = append(rec.Authors, rec.Editors...)
		rec.Authors = nil
	}

	// Date.
	rec.Date = date(byTag)

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
		if bt := first("BT"); rec.Series == "" && bt != "" && bt != rec.Container {
			// ScienceDirect's chapters: "T2 - Methods in Protein Design",
			// "BT - Methods in Enzymology", the series
			rec.Series = bt
		}
	default:
		rec.Container = first("JF", "T2", "JO", "JA", "J2", "BT")
		rec.Series = first("T3")
	}

	rec.ContainerAbbrev = first("JA", "J2", "JO", "J1", "JI", "J9") // JI and J9: Web of Science's RIS
	if rec.ContainerAbbrev == rec.Container && first("JA", "J2", "J1") == "" && first("JF", "T2") != "" {
		// JO repeating the full title is not an abbreviation
		rec.ContainerAbbrev = ""
	}
	var volIssue string
	rec.Volume, volIssue = volume(first("VL", "VO"))
	if rec.Volume != "" && strings.Contains(rec.Container, ", ") {
		// NASA ADS puts the whole citation in JO: "The Astrophysical
		// Journal, Volume 533, Issue 1, pp. L25-L28.", "Research Journal
		// of Physics, vol. 1, issue 1, pp. 35-41"
		for _, v := range [...]string{", Volume ", ", vol. "} {
			if strings.Contains(rec.Container, v+rec.Volume+",") {
				rec.Container, _, _ = strings.Cut(rec.Container, v+rec.Volume+",")
				rec.ContainerAbbrev, _, _ = strings.Cut(rec.ContainerAbbrev, v+rec.Volume+",")
			}
		}
	}

	rec.Issue = first("IS", "CP")
	if strings.HasPrefix(rec.Issue, "(") && len(embaseGroups(rec.Issue)) > 0 {
		// Embase's authors' addresses, which Covidence writes in IS:
		// "(Boisvert C.) Brigham Young University, ...(Curtice B.) ..."
		rec.Issue = ""
	}
	if journalCodes(rec.Issue) && ovidDatabase(byTag) == "Ovid MEDLINE" {
		// Ovid's MEDLINE records ahead of print hold the journal's NLM id
		// and subset codes in IS: "eag, 7805975", "101676033"
		rec.Issue = ""
	}
	if rec.Issue == "" {
		rec.Issue = volIssue
	}
	if rec.Issue == "" && (tyu == "JOUR" || tyu == "MGZN") {
		// (but not Ovid's NLM journal id there: 101264945)
		if m1 := first("M1"); m1 != "" && len(m1) < 12 && !(bib.AllDigits(m1) && len(m1) >= 6) && !journalCodes(m1) {
			rec.Issue = m1
		}
	}
	rec.ArticleNumber = first("C7")
	pages(rec, byTag)
	if (isBook || tyu == "THES") && rec.LastPage == "" && rec.FirstPage != "" && byTag.firstCleaned("EP") == "" {
		// a book's or thesis's SP is its number of pages: "414", "xvi, 414"
		rec.NumberOfPages, rec.FirstPage = first("SP"), ""
	}
	rec.Edition = first("ET")
	if (tyu == "JOUR" || tyu == "EJOUR") && isDate(rec.Edition) {
		// EndNote's "Epub Date" of an article: 20180327, 2012/11/20; the
		// date of a record that gives no other
		if rec.Date.Year == 0 {
			rec.Date = bib.ParseDate(rec.Edition)
		}
		rec.Edition = ""
	}
	if y2 := first("Y2"); y2 != "" {
		switch d := bib.ParseDate(y2); {
		case d.Year >= firstAccessYear:
			rec.Accessed = d // RIS's access date
		case d.Year != 0 && d.Year == rec.Date.Year && rec.Date.Month == 0:
			// no access date, but the date of publication, as the
			// older RIS's "secondary date" (Ovid's ERIC: "Y2  - 1983-03//")
			rec.Date.Month, rec.Date.Day = d.Month, d.Day
		}
	}
	rec.Publisher = first("PB", "PU") // PU: Web of Science's RIS
	rec.Place = first("CY", "PP")
	rec.Language = first("LA")
	rec.Abstract = abstract(byTag, value)

	identifiers(rec, byTag, tyu, isBook || isPart)

	if n := byTag.count("KW"); n > 0 {
		rec.Keywords = make([]bib.Keyword, 0, n)
	}
	for i := range byTag.all("KW") {
		if commaList(fields[i].Value) {
			// IEEE Computer Society: "Proteins,Linear programming,Amino acids"
			for _, k := range strings.Split(fields[i].Value, ",") {
				if k = clean(k); k != "" {
					rec.AddCleanKeyword(bib.Keyword{Term: k, Vocabulary: bib.VocabAuthor})
				}
			}
			continue
		}
		if slashList(fields[i].Value) {
			for _, k := range strings.Split(strings.Join(strings.Fields(fields[i].Value), " "), "/ ") {
				if k = clean(strings.TrimSuffix(bib.TrimSpace(k), "/")); k != "" {
					rec.AddCleanKeyword(bib.Keyword{Term: k, Vocabulary: bib.VocabAuthor})
				}
			}
			continue
		}
		eachItem(&fields[i], true, func(k string) {
			if bib.IsMeSHHeading(k) {
				var buf [4]bib.Keyword
				for _, m := range bib.AppendMeSH(buf[:0], k) {
					rec.AddCleanKeyword(m) // AppendMeSH cleans
				}
				return
			}
			if k[0] == '*' {
				k = bib.TrimSpace(strings.TrimLeft(k, "*")) // EndNote's star on a PubMed record's keywords
			}
			rec.AddCleanKeyword(bib.Keyword{Term: k, Vocabulary: bib.VocabAuthor}) // eachItem cleans
		})
	}
	affiliations(rec, byTag)
	embaseAddresses(rec, byTag)
	for i := range byTag.all("UR") {
		v := fields[i].Value
		if j := strings.Index(v, "<Go to ISI>://"); j >= 0 {
			// EndNote's link to a Web of Science record: "<Go to
			// ISI>://WOS:000298449100001" names its accession number.
			ut := v[j+len("<Go to ISI>://"):]
			if k := strings.IndexAny(ut, " ;\n"); k >= 0 {
				ut = ut[:k]
			}
			if bib.HasPrefixFold(ut, "wos:") && len(ut) > 4 {
				rec.AddIdentifier(bib.WOS, "WOS:"+strings.ToUpper(ut[4:]))
			}
			v = v[:j] + v[j+len("<Go to ISI>://")+len(ut):]
		}
		for _, u := range strings.FieldsFunc(v, func(r rune) bool { return r == ';' || r == '\n' || r == ' ' }) {
			if len(u) < len(v) && !strings.ContainsAny(u, ".:/\\") {
				continue // a word between links: Publish or Perish's "https://a and https://b"
			}
			rec.AddURL(u)
		}
	}
	for i := range byTag.all("N1") {
		s := value(i)
		if strings.IndexByte(s, '<') >= 0 {
			// Zotero writes its notes as HTML: "<p>Publisher: Elsevier</p>"
			s = bib.StripMarkup(s)
		}
		if s != "" && s != rec.Title {
			rec.Notes = append(rec.Notes, s)
		}
	}
	for i := range byTag.all("M3") {
		if s := value(i); s != "" && bib.NormalizeDOI(s) == "" {
			rec.PublicationTypes = append(rec.PublicationTypes, s)
		}
	}
	rec.Database = first("DB", "DP")
	switch {
	case rec.Database == "":
		rec.Database = ovidDatabase(byTag)
	case bib.ContainsFold(rec.Database, "medline") && isEmbaseRecord(byTag):
		// Embase.com says "DB  - Medline" of the MEDLINE records it
		// holds, but the search was of Embase.
		rec.Database = "Embase"
	case isServiceCode(rec.Database) && bib.ContainsFold(first("DP"), "ebsco"):
		// EBSCOhost names its database by a short code ("DB  - egh",
		// "DP  - EBSCOhost"), which alone says nothing of EBSCO
		rec.Database = "EBSCOhost " + rec.Database
	}
	rec.SourceID = first("ID")
	if rec.SourceID == "" {
		rec.SourceID = first("AN")
	} else if strings.HasPrefix(rec.SourceID, "10.") && rec.Identifier(bib.DOI) == "" {
		// Springer's RIS names a record by its DOI and may give no DO
		if d := bib.NormalizeDOI(rec.SourceID); d != "" {
			rec.AddIdentifier(bib.DOI, d)
		}
	}
	// Titles and abstracts may carry markup (<i>, <sup>; the JATS or PubMed
	// XML of a Lens abstract): its text is kept, the tags are not.
	if strings.IndexByte(rec.Title, '<') >= 0 {
		rec.Title = bib.CleanText(bib.StripTags(rec.Title))
	}
	if strings.IndexByte(rec.Abstract, '<') >= 0 {
		rec.Abstract = bib.CleanText(bib.StripTags(rec.Abstract))
	}
	return rec
}

// abstract returns the abstract: the AB values, or the first N2. EBSCO
// repeats AB for the abstract in each language the article gives, then
// for its copyright notice ("Copyright of Global Change Biology is the
// property of ..."); the abstracts are all kept, joined by a space as
// values are single-spaced throughout bibdb, and the notice is not.
func abstract(byTag *tagIndex, value func(int) string) string {
	var first string
	var b strings.Builder
	for i := range byTag.all("AB") {
		s := value(i)
		if strings.HasPrefix(s, "Copyright of ") || !byTag.fields[i].plain && strings.Contains(byTag.fields[i].Value, "\nCopyright of ") {
			// EBSCO's notice, in an AB of its own or on a line of the
			// abstract's (found by the line break before it, which is
			// rare and quick to look for)
			s = bib.DropCopyrightNotice(s)
		}
		if s == "" || s == first {
			continue
		}
		if first == "" {
			first = s
			continue
		}
		if b.Len() == 0 {
			b.WriteString(first)
		}
		b.WriteByte(' ')
		b.WriteString(s)
	}
	if b.Len() > 0 {
		return b.String()
	}
	if first != "" {
		return first
	}
	for i := range byTag.all("N2") {
		if s := value(i); s != "" {
			return s
		}
	}
	return ""
}

// clean decodes HTML entities and collapses white space.
func clean(s string) string {
	if bib.IsPlain(s) && strings.IndexByte(s, '&') < 0 {
		return s // ASCII with single spaces: the common case
	}
	if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = bib.UnescapeEntities(s)
	}
	return bib.NFC(bib.CleanText(s))
}

// cleaned returns the field's value as clean would, without looking at it
// again when the reader found it plain.
func (f *Field) cleaned() string {
	if f.plain {
		if strings.IndexByte(f.Value, '&') < 0 {
			return f.Value
		}
	}
	return clean(f.Value)
}

// appendNames parses one AU-like value, appending its names to dst;
// several names joined by ";" are split.
func appendNames(dst []bib.Person, f *Field) []bib.Person {
	if strings.IndexByte(f.Value, ';') < 0 && (f.plain || strings.IndexByte(f.Value, '\n') < 0) {
		v := f.cleaned()
		if i := strings.IndexByte(v, ','); i > 0 && strings.IndexByte(v[:i], ' ') > 0 {
			if names, ok := commaSeparatedNames(v); ok {
				// Ovid's CENTRAL: "Achterbergh RCA, van der Helm JJ, de Vries HJC"
				for _, n := range names {
					if p := parseName(n); !p.IsZero() {
						dst = append(dst, p)
					}
				}
				return dst
			}
		}
		if p := parseName(v); !p.IsZero() {
			dst = append(dst, p)
		}
		return dst
	}
	eachItem(f, true, func(part string) {
		if p := parseName(part); !p.IsZero() {
			dst = append(dst, p)
		}
	})
	return dst
}

// parseName is bib.ParseName, less the given name "null" or "undefined"
// that a program writes for one it lacks (Mendeley's "van den Hoven,
// null").
func parseName(v string) bib.Person {
	p := bib.ParseName(v)
	if p.Given == "null" || p.Given == "undefined" {
		p.Given = ""
		p.Raw = ""
	}
	return p
}

// commaSeparatedNames splits a value that lists several names written
// family name first with initials after it, separated by commas
// ("Achterbergh RCA, van der Helm JJ, de Vries HJC"). A single name in
// the "Family, Given" form has a part without initials, so it is not split.
func commaSeparatedNames(v string) ([]string, bool) {
	// Checked part by part before anything is allocated: nearly every
	// value is one "Family, Given" name, whose first part fails.
	n := 0
	for rest := v; ; n++ {
		part, after, more := strings.Cut(rest, ", ")
		i := strings.LastIndexByte(part, ' ')
		if i <= 0 || !capitalInitials(part[i+1:]) {
			return nil, false
		}
		if !more {
			break
		}
		rest = after
	}
	if n == 0 {
		return nil, false // one name
	}
	return strings.Split(v, ", "), true
}

// familyNamesOnly reports whether v is a list of more than three single
// words separated by commas ("Attride-Stirling, Baral, Braun, Campbell"):
// no name of one person, but what Ovid's PsycINFO writes in A2, the
// family names of the authors the record cites.
func familyNamesOnly(v string) bool {
	if strings.Count(v, ", ") < 3 {
		return false
	}
	for _, p := range strings.Split(v, ", ") {
		if p == "" || strings.IndexByte(p, ' ') >= 0 || strings.IndexByte(p, '.') >= 0 {
			return false
		}
	}
	return true
}

// citedAuthors reports whether v is the list of the authors of the works
// a record cites, as Ovid's PsycINFO writes it in A2 with their initials:
// "Achenbach, T., Rescorla, L., Achenbach, Bischof, N.L., ..., et al.,
// Christensen". More than three parts separated by commas, one of them
// "et al." or repeated (each reference's first author is named again
// after its list), are no editor's name.
func citedAuthors(v string) bool {
	if strings.Count(v, ", ") < 3 {
		return false
	}
	parts := strings.Split(v, ", ")
	for i, p := range parts {
		if bib.IsEtAl(p) || slices.Contains(parts[:i], p) {
			return true
		}
	}
	return false
}

// capitalInitials reports whether t is one to four capital letters.
func capitalInitials(t string) bool {
	if len(t) == 0 || len(t) > 4 {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < 'A' || t[i] > 'Z' {
			return false
		}
	}
	return true
}

func containsPerson(ps []bib.Person, p bib.Person) bool {
	for _, x := range ps {
		if x.Family == p.Family && x.Given == p.Given && x.Particle == p.Particle && x.Suffix == p.Suffix && x.Literal == p.Literal {
			return true
		}
	}
	return false
}

// eachItem calls fn with each cleaned, non-empty part of a field's value
// split on ";" and, when lines is set, on line breaks.
func eachItem(f *Field, lines bool, fn func(string)) {
	v := f.Value
	for v != "" {
		var i int
		if f.plain || !lines {
			// no line breaks in a plain value
			if i = strings.IndexByte(v, ';'); i < 0 {
				i = len(v)
			}
		} else {
			for i < len(v) && v[i] != ';' && v[i] != '\n' && v[i] != '\r' {
				i++
			}
		}
		part := v[:i]
		if f.plain {
			// A part of a plain value is plain once the single space
			// around it is gone.
			part = strings.TrimPrefix(strings.TrimSuffix(part, " "), " ")
			if strings.IndexByte(part, '&') >= 0 {
				part = clean(part)
			}
		} else {
			part = clean(part)
		}
		if part != "" {
			fn(part)
		}
		if i == len(v) {
			break
		}
		v = v[i+1:]
	}
}

func date(byTag *tagIndex) bib.Date {
	// The dates of PY, then DA, then Y1 (the old tag RIS replaced by PY
	// and DA), in file order within each.
	type dated struct {
		rank int
		date bib.Date
	}
	var buf [6]dated
	all := buf[:0]
	for rank, tag := range [3]string{"PY", "DA", "Y1"} {
		for i := range byTag.all(tag) {
			all = append(all, dated{rank, bib.ParseDate(byTag.fields[i].cleaned())})
		}
	}
	var d bib.Date
	for rank := range 3 {
		for _, x := range all {
			if x.rank == rank && d.Year == 0 && x.date.Year != 0 {
				d = d.Merge(x.date)
			}
		}
	}
	for rank := range 3 {
		for _, x := range all {
			if x.rank != rank {
				continue
			}
			if x := x.date; x.Year == 0 || x.Year == d.Year {
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

func pages(rec *bib.Record, byTag *tagIndex) {
	sp, ep, se := byTag.firstCleaned("SP"), byTag.firstCleaned("EP"), byTag.firstCleaned("SE")
	if strings.EqualFold(sp, "No") && strings.EqualFold(ep, "Specified") || bib.ContainsFold(sp, "pagination") {
		return // PsycINFO's "No Pagination Specified", split at its spaces by Ovid
	}
	if sp == "" && ep == "" {
		sp = se
	}
	if ep == "" && pageCount(sp) {
		// CAB Abstracts' pagination of a whole book or report: "ix + 246"
		rec.NumberOfPages = sp
		return
	}
	first, last := bib.ParsePages(sp)
	if ep != "" {
		e, _ := bib.ParsePages(ep)
		if last == "" || e != "" {
			last = e
		}
		if first != "" && last != "" && bib.AllDigits(first) && bib.AllDigits(last) && len(last) < len(first) {
			_, last = bib.ParsePages(first + "-" + last)
		}
	}
	rec.FirstPage, rec.LastPage = first, last
}

// pageCount reports whether SP counts the pages of a book or report in
// parts joined by "+", the front matter's in roman numerals and the
// text's in digits ("ix + 246", "xxiv + 852"), rather than naming the
// pages an article is on.
func pageCount(sp string) bool {
	if strings.IndexByte(sp, '+') <= 0 {
		return false
	}
	for part := range strings.SplitSeq(sp, "+") {
		part = bib.TrimSpace(part)
		if part == "" || !bib.AllDigits(part) && strings.Trim(strings.ToLower(part), "ivxlcdm") != "" {
			return false
		}
	}
	return true
}

// identifiers fills DOIs, PMID, PMCID, ISSNs and ISBNs.
func identifiers(rec *bib.Record, byTag *tagIndex, ty string, isBookish bool) {
	fields := byTag.fields
	// Room for the identifiers the fields usually give (one each) is made
	// at once instead of growing one at a time; none found, none is kept.
	if n := byTag.count("DO") + byTag.count("AN") + byTag.count("C2"); n > cap(rec.Identifiers) {
		rec.Identifiers = make([]bib.Identifier, 0, n)
	}
	if n := byTag.count("SN"); n > cap(rec.ISSNs) {
		rec.ISSNs = make([]bib.ISSN, 0, n)
	}
	defer func() {
		if len(rec.Identifiers) == 0 {
			rec.Identifiers = nil
		}
		if len(rec.ISSNs) == 0 {
			rec.ISSNs = nil
		}
	}()
	found := false
	var buf [2]string
	for i := range byTag.all("DO") {
		f := &fields[i]
		for _, d := range bib.AppendDOIs(buf[:0], f.Value) {
			rec.AddIdentifier(bib.DOI, d)
			found = true
		}
		if !found {
			if s := f.cleaned(); strings.HasPrefix(strings.ToUpper(s), "ARTN") {
				rec.ArticleNumber = bib.TrimSpace(s[4:])
			}
		}
	}
	// DOIs hidden in other fields, searched only when DO has none, one
	// group of fields after the other.
	var groups uint
	if !found {
		for i := range fields {
			if g := doiGroup(fields[i].Tag); g >= 0 {
				groups |= 1 << g
			}
		}
	}
	for g := 0; groups>>g != 0 && !found; g++ {
		if groups&(1<<g) == 0 {
			continue
		}
		for i := range fields {
			f := &fields[i]
			if doiGroup(f.Tag) != g {
				continue
			}
			for _, d := range bib.AppendDOIs(buf[:0], f.Value) {
				if f.Tag == "N1" && !strings.Contains(strings.ToLower(f.Value), "doi") && bib.CleanText(f.Value) != d {
					continue // a DOI quoted in a note is not the record's own unless the note says so
				}
				rec.AddIdentifier(bib.DOI, d)
				found = true
			}
		}
	}

	// The database an AN belongs to, found when there is an AN.
	var db namedDatabase
	for i := range fields {
		f := &fields[i]
		switch f.Tag {
		case "PMID", "AN", "U1", "U2", "U3", "U4", "U5", "M2", "N1", "UR", "L2", "C2", "C3", "C5":
		case "SN":
			sn(rec, f.Value, isBookish)
			continue
		default:
			continue
		}
		val := f.cleaned()
		switch f.Tag {
		case "PMID":
			rec.AddPMID(val)
		case "AN":
			if accessionNumbers(rec, val) {
				// "PMID: 123", and Cochrane's "PUBMED 123,EMBASE 456"
			} else if bib.HasPrefixFold(val, "wos:") && len(val) > 4 {
				rec.AddIdentifier(bib.WOS, "WOS:"+strings.ToUpper(bib.TrimSpace(val[4:]))) // Web of Science's RIS
			} else if strings.HasPrefix(val, "2-s2.0-") && len(val) > 7 {
				rec.AddIdentifier(bib.EID, val) // a Scopus EID, as bibdb writes it
			} else if bib.HasPrefixFold(val, "arxiv:") && len(val) > 6 && !strings.ContainsAny(val, " \t") {
				rec.AddIdentifier(bib.ArXiv, val[6:]) // an arXiv id, as bibdb writes it
			} else if scheme, v, ok := bib.ParseWoSAccession(val); ok {
				rec.AddIdentifier(scheme, v) // another Web of Science collection's "ZOOREC:ZOOR15512082826"
			} else if db.read(byTag); db.pubMed && len(val) <= 8 {
				rec.AddPMID(val)
			} else if db.embase && val != "" {
				rec.AddIdentifier("embase", embaseNumber(val))
			}
		case "C3":
			accessionNumbers(rec, val) // Cochrane CENTRAL: "PUBMED 34176716,EMBASE 2013267276"
		case "C5":
			// Embase.com writes a record's PubMed id in C5, its own
			// accession number ("L643223053") in U2.
			if bib.AllDigits(val) && isEmbaseRecord(byTag) {
				rec.AddPMID(val)
			}
		case "U1", "U2", "U3", "U4", "U5", "M2", "N1":
			if bib.ContainsFold(val, "[pmid]") || bib.HasPrefixFold(val, "pmid") {
				rec.AddPMID(val)
			}
			if bib.ContainsFold(val, "[pmcid]") || bib.HasPrefixFold(val, "pmcid") {
				low := strings.ToLower(val)
				rec.AddPMCID(strings.TrimPrefix(strings.TrimPrefix(low, "pmcid:"), "pmcid"))
			}
			if f.Tag == "U2" && isEmbaseLNumber(val) {
				rec.AddIdentifier("embase", embaseNumber(val))
			}
		case "UR", "L2":
			for _, u := range strings.Fields(val) {
				lu := strings.ToLower(u)
				if strings.HasPrefix(lu, "pm:") {
					rec.AddPMID(u[3:])
				} else if strings.Contains(lu, "pubmed.ncbi.nlm.nih.gov/") || strings.Contains(lu, "ncbi.nlm.nih.gov/pubmed/") {
					rec.AddPMID(u)
				} else if strings.Contains(lu, "ovid") {
					ovidLink(rec, u)
				}
			}
		case "C2":
			// PMCID in EndNote's journal articles; Scopus writes the
			// PubMed id there.
			if bib.HasPrefixFold(val, "pmc") {
				rec.AddPMCID(val)
			} else if db.read(byTag); db.scopus && bib.AllDigits(val) {
				rec.AddPMID(val)
			} else if ty == "JOUR" || ty == "" {
				rec.AddPMCID(val)
			}
		}
	}
}

// firstAccessYear is the first year a record can have been read online:
// a Y2 of an earlier year is no access date.
const firstAccessYear = 1991

// isServiceCode reports whether a DB value is the short code a service
// gives a database ("egh", "a9h", "psyh", "cmedm"): two to six lower-case
// letters and digits.
func isServiceCode(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// namedDatabase is what a record's DB and DP fields say of the database
// it came from, read when first needed.
type namedDatabase struct {
	done, pubMed, embase, scopus bool
}

func (d *namedDatabase) read(byTag *tagIndex) {
	if d.done {
		return
	}
	for _, v := range [2]string{byTag.firstValue("DB"), byTag.firstValue("DP")} {
		d.pubMed = d.pubMed || bib.ContainsFold(v, "pubmed") || bib.ContainsFold(v, "medline") || bib.ContainsFold(v, "nlm")
		d.embase = d.embase || bib.ContainsFold(v, "embase")
		d.scopus = d.scopus || bib.ContainsFold(v, "scopus")
	}
	d.done = true
}

// accessionNumbers adds the identifiers of an accession-number field that
// names its databases: "PMID: 123", "PUBMED 123", "MEDLINE 123", "EMBASE
// 456", or several of them separated by commas, as Cochrane CENTRAL
// writes them. It reports whether the whole value was such a list.
func accessionNumbers(rec *bib.Record, val string) bool {
	if val == "" {
		return false
	}
	switch val[0] | 0x20 {
	case 'p', 'm', 'e':
	default:
		return false // most accession numbers: digits, "CN-", "WOS:"
	}
	if !bib.HasPrefixFold(val, "pmid") && !bib.HasPrefixFold(val, "pubmed ") && !bib.HasPrefixFold(val, "medline ") && !bib.HasPrefixFold(val, "embase ") {
		return false
	}
	if strings.IndexByte(val, ',') < 0 && !bib.HasPrefixFold(val, "embase ") {
		addPMID(rec, val) // one: "PMID: 123", "PUBMED 123"
		return true
	}
	for rest := val; rest != ""; {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		part = bib.TrimSpace(part)
		switch {
		case bib.HasPrefixFold(part, "embase "):
			if n := embaseNumber(bib.TrimSpace(part[len("embase "):])); n != "" {
				rec.AddIdentifier("embase", n)
			}
		case bib.HasPrefixFold(part, "pmid"), bib.HasPrefixFold(part, "pubmed "), bib.HasPrefixFold(part, "medline "):
			rec.AddPMID(part)
		}
	}
	return true
}

// addPMID is rec.AddPMID, which for the usual "PMID: 12345678" takes the
// number as it is instead of looking at a lower-case copy of the value.
func addPMID(rec *bib.Record, val string) {
	if d, ok := plainPMID(val); ok {
		rec.AddIdentifier(bib.PMID, d)
		return
	}
	rec.AddPMID(val)
}

// plainPMID returns the number of a value "PMID:" (in any case) followed
// by a PMID that bib.NormalizePMID returns unchanged: one to nine digits,
// the first not 0, with nothing but white space around them.
func plainPMID(val string) (string, bool) {
	if !bib.HasPrefixFold(val, "pmid:") {
		return "", false
	}
	d := bib.TrimSpace(val[len("pmid:"):])
	if len(d) == 0 || len(d) > 9 || d[0] == '0' || !bib.AllDigits(d) {
		return "", false
	}
	return d, true
}

// isEmbaseLNumber reports whether s is an Embase accession number as
// Embase.com writes it: "L" and digits.
func isEmbaseLNumber(s string) bool {
	return len(s) > 1 && (s[0] == 'L' || s[0] == 'l') && bib.AllDigits(s[1:])
}

// embaseNumber is an Embase accession number without the "L" Embase.com
// puts before it and Ovid and Cochrane do not.
func embaseNumber(s string) string {
	if isEmbaseLNumber(s) {
		return s[1:]
	}
	return s
}

// isEmbaseRecord reports whether a record comes from Embase.com: its own
// accession number in U2, or a link to its page there.
func isEmbaseRecord(byTag *tagIndex) bool {
	for i := range byTag.all("U2") {
		if isEmbaseLNumber(bib.TrimSpace(byTag.fields[i].Value)) {
			return true
		}
	}
	for i := range byTag.all("UR") {
		if bib.ContainsFold(byTag.fields[i].Value, "embase.com") {
			return true
		}
	}
	return false
}

// ovidLink adds the accession number of an Ovid link
// ("ovidweb.cgi?T=JS&PAGE=reference&D=medl&NEWS=N&AN=32274665"): in Ovid
// MEDLINE's segments (medl, medc, mesz, prem, ...) it is the PMID, in
// Embase's (emed, emez, emexa, ...) the Embase accession number.
func ovidLink(rec *bib.Record, link string) {
	segment, an := ovidQuery(link)
	if an == "" || !bib.AllDigits(an) {
		return
	}
	switch ovidSegment(segment) {
	case "Ovid MEDLINE":
		rec.AddPMID(an)
	case "Embase":
		rec.AddIdentifier("embase", an)
	}
}

// ovidQuery returns the database segment (D) and accession number (AN) of
// an Ovid link, in lower case and as written.
func ovidQuery(link string) (segment, an string) {
	u, err := url.Parse(link)
	if err != nil {
		return "", ""
	}
	for k, v := range u.Query() {
		switch strings.ToLower(k) {
		case "d":
			segment = strings.ToLower(v[0])
		case "an":
			an = bib.TrimSpace(v[0])
		}
	}
	return segment, an
}

// ovidSegment names the database of an Ovid segment: medl, medc, mesz,
// prem, medp are MEDLINE's; emed21, emez, emexa Embase's; psyc16
// PsycINFO's; eric ERIC's; cctr and coch Cochrane's.
func ovidSegment(segment string) string {
	switch {
	case strings.HasPrefix(segment, "med") || strings.HasPrefix(segment, "prem") || segment == "mesz":
		return "Ovid MEDLINE"
	case strings.HasPrefix(segment, "em") || strings.HasPrefix(segment, "oem"):
		return "Embase"
	case strings.HasPrefix(segment, "psyc"):
		return "PsycINFO"
	case strings.HasPrefix(segment, "eric"):
		return "ERIC"
	case strings.HasPrefix(segment, "cctr") || strings.HasPrefix(segment, "coch") || strings.HasPrefix(segment, "clcmr"):
		return "Cochrane Library"
	}
	return ""
}

// journalCodes reports whether v is a list of NLM journal ids ("7805975",
// "101676033") and three-character subset codes ("eag", "du5") with at
// least one id, as Ovid's MEDLINE writes in IS or M1.
func journalCodes(v string) bool {
	ids := 0
	for v != "" {
		var code string
		code, v, _ = strings.Cut(v, ",")
		code = bib.TrimSpace(code)
		switch {
		case len(code) >= 7 && len(code) <= 10 && bib.AllDigits(strings.TrimSuffix(code, "R")):
			ids++
		case len(code) == 3 && code != strings.ToUpper(code) && isLowerAlnum(code):
		default:
			return false
		}
	}
	return ids > 0
}

func isLowerAlnum(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// ovidDatabase names the database of a record by the segment of its Ovid
// link, or "".
func ovidDatabase(byTag *tagIndex) string {
	for _, tag := range [2]string{"L2", "UR"} {
		for i := range byTag.all(tag) {
			if !strings.Contains(byTag.fields[i].Value, "ovid") {
				continue
			}
			for _, u := range strings.Fields(byTag.fields[i].Value) {
				if strings.Contains(u, "ovid") { // ovidsp.ovid.com: hosts are in lower case
					if seg, _ := ovidQuery(u); seg != "" {
						if name := ovidSegment(seg); name != "" {
							return name
						}
					}
				}
			}
		}
	}
	return ""
}

func sn(rec *bib.Record, value string, isBookish bool) {
	for value != "" {
		i := 0
		for i < len(value) && value[i] != ';' && value[i] != '\n' && value[i] != ',' {
			i++
		}
		p := value[:i]
		value = value[min(i+1, len(value)):]
		if p == "" {
			continue
		}
		isbns := bib.FindISBNs(p)
		for _, i := range isbns {
			rec.AddIdentifier(bib.ISBN, i)
		}
		if len(isbns) > 0 && isBookish {
			continue
		}
		for p != "" {
			// "1879-0291 (Electronic) 0141-1136 (Linking)": each ISSN
			// with the kind after it
			part := p
			if j := strings.IndexByte(p, ')'); j >= 0 && j < len(p)-1 {
				part, p = p[:j+1], p[j+1:]
			} else {
				p = ""
			}
			kind := bib.ISSNKind(part)
			var buf [2]string
			for _, s := range bib.AppendISSNs(buf[:0], part) {
				rec.AddISSN(s, kind)
			}
		}
	}
}

// editorRole reports whether a name ends with an editor's role after a
// comma of its own, as ERIC writes an edited book's editors: "Hern, Matt,
// Ed.", "Smith, Anna, Eds". ("Smith, Ed" is a given name.)
func editorRole(v string) bool {
	v = strings.TrimRight(v, " ")
	if n := len(v); n < 8 || v[n-1] != 'd' && v[n-1] != '.' && v[n-1] != 's' {
		return false
	}
	i := strings.LastIndexByte(v, ',')
	if i <= 0 || strings.IndexByte(v[:i], ',') < 0 {
		return false
	}
	switch bib.TrimSpace(v[i+1:]) {
	case "Ed", "Ed.", "Eds", "Eds.", "ed", "ed.", "eds", "eds.":
		return true
	}
	return false
}

// lastAUPlural reports whether the last AU name ends with a plural
// editor's mark ("eds", "(eds.)").
func lastAUPlural(byTag *tagIndex) bool {
	last := -1
	for i := range byTag.all("AU") {
		last = i
	}
	if last < 0 || !bib.HasEditorMark(byTag.fields[last].Value) {
		return false
	}
	v := strings.TrimRight(byTag.fields[last].Value, " .)")
	return strings.HasSuffix(strings.ToLower(v), "eds")
}

// volume returns a volume without the word ScienceDirect writes before
// it ("Volume 523") or the "v." of library catalogues and AGRIS ("v. 40",
// "v. v. 176"), and the issue such a catalogue writes after the volume
// ("v. 7 issue 4", "v. 12 no. 3"), or "".
func volume(v string) (vol, issue string) {
	for _, p := range [...]string{"Volume ", "Vol. ", "Vol "} {
		if len(v) > len(p) && bib.HasPrefixFold(v, p) && bib.AllDigits(v[len(p):]) {
			return v[len(p):], ""
		}
	}
	w := v
	for len(w) > 2 && (w[0] == 'v' || w[0] == 'V') && w[1] == '.' {
		w = strings.TrimLeft(w[2:], " ")
	}
	if len(w) == len(v) {
		return v, ""
	}
	num, rest, _ := strings.Cut(w, " ")
	if !bib.AllDigits(num) {
		return v, ""
	}
	rest = bib.TrimSpace(rest)
	if rest == "" {
		return num, ""
	}
	for _, p := range [...]string{"issue ", "no. ", "no "} {
		if len(rest) > len(p) && bib.HasPrefixFold(rest, p) {
			if is := bib.TrimSpace(rest[len(p):]); len(is) <= 10 && !strings.ContainsAny(is, " ,;") {
				return num, is
			}
		}
	}
	return v, ""
}

// isDate reports whether an ET value is a date, as EndNote's journal
// articles hold their Epub Date there: "20180327", "2012/11/20".
func isDate(s string) bool {
	if len(s) == 8 && bib.AllDigits(s) {
		return true
	}
	if len(s) < 8 || len(s) > 10 || !bib.AllDigits(s[:4]) || s[4] != '/' && s[4] != '-' {
		return false
	}
	return bib.ParseDate(s).Month != 0
}

// commaList reports whether a KW value is a list of keywords joined by
// commas without spaces ("Proteins,Linear programming,Amino acids"): at
// least three parts, each with two letters or more, which a chemical name
// ("1,2,3-trichloropropane", "N,N-dimethylformamide") does not have.
func commaList(v string) bool {
	if strings.IndexByte(v, ',') < 0 || strings.Count(v, ",") < 2 || strings.Contains(v, ", ") || strings.ContainsAny(v, ";\n") {
		return false
	}
	for part := range strings.SplitSeq(v, ",") {
		letters := 0
		for _, r := range part {
			if unicode.IsLetter(r) {
				letters++
			}
		}
		if letters < 2 {
			return false
		}
	}
	return true
}

// slashList reports whether a KW value is a list of keywords separated by
// "/ " (NASA ADS's ProCite export, wrapped over lines: "GALAXY: HALO/
// GALAXY: STRUCTURE/ ISM: BUBBLES/"), rather than one keyword with a
// slash in it ("HIV/AIDS").
func slashList(v string) bool {
	if strings.IndexByte(v, '/') < 0 || strings.IndexByte(v, ';') >= 0 {
		return false
	}
	n := strings.Count(v, "/ ") + strings.Count(v, "/\n") + strings.Count(v, "/\r")
	return n >= 2 || n == 1 && strings.HasSuffix(bib.TrimSpace(v), "/")
}

// doiGroup returns the rank of a field searched for a DOI when DO has
// none, -1 for the fields never searched.
func doiGroup(tag string) int {
	switch tag {
	case "M3":
		return 0
	case "U1", "U2", "U3", "U4", "U5", "DI":
		return 1
	case "UR", "L2", "LK", "L3", "L1":
		return 2
	case "N1", "M1", "M2":
		return 3
	}
	return -1
}

// firstValue returns the value of the first field with the tag, as written.
func (x *tagIndex) firstValue(tag string) string {
	for i := range x.all(tag) {
		return x.fields[i].Value
	}
	return ""
}

// firstCleaned returns the first cleaned value of the tag that is not
// empty.
func (x *tagIndex) firstCleaned(tag string) string {
	for i := range x.all(tag) {
		if v := x.fields[i].cleaned(); v != "" {
			return v
		}
	}
	return ""
}

// affiliations: repeated AD tags are one affiliation each; a single AD
// holding several (EndNote's one Author Address field) is split on ";".
// Ovid's M2 holds its authors' addresses when AD is absent.
func affiliations(rec *bib.Record, byTag *tagIndex) {
	n := byTag.count("AD")
	if n == 0 {
		ovidAddresses(rec, byTag)
		return
	}
	if namedAddresses(rec, byTag) {
		return
	}
	if n > 1 {
		rec.Affiliations = slices.Grow(rec.Affiliations, n)
	}
	for i := range byTag.all("AD") {
		if n == 1 {
			eachItem(&byTag.fields[i], true, func(a string) {
				if !bib.IsAuthorHeading(a, rec.Authors) { // Web of Science's reprint author, kept by EndNote
					rec.AddCleanAffiliation(trimAffiliation(a)) // eachItem cleans; trimming keeps it so
				}
			})
			continue
		}
		if a := byTag.fields[i].cleaned(); !bib.IsAuthorHeading(a, rec.Authors) {
			rec.AddCleanAffiliation(trimAffiliation(a))
		}
	}
}

// namedAddresses gives the authors the addresses APA's PsycNET writes in
// AD, each led by its author's name as AU gives it and a colon:
// "Kobori, Osamu: Centre for Forensic Mental Health, Chiba University".
// The AD fields are taken so when the first is; an AD that names no
// author is the record's. It reports whether it took them.
func namedAddresses(rec *bib.Record, byTag *tagIndex) bool {
	if len(rec.Authors) == 0 {
		return false
	}
	matched := false
	for i := range byTag.all("AD") {
		v := byTag.fields[i].cleaned()
		if !matched {
			if strings.IndexByte(v, ':') < 0 || authorBefore(v, rec.Authors, ':') < 0 {
				return false
			}
			matched = true
		}
		if j := authorBefore(v, rec.Authors, ':'); j >= 0 {
			p := &rec.Authors[j]
			a, _ := afterName(v, p, ':')
			if a = trimAffiliation(a); a != "" && !slices.Contains(p.Affiliations, a) {
				p.Affiliations = append(p.Affiliations, a)
			}
			continue
		}
		if !bib.IsAuthorHeading(v, rec.Authors) {
			rec.AddCleanAffiliation(trimAffiliation(v))
		}
	}
	return matched
}

// authorBefore returns the index of the author whose name begins v,
// followed by the separator and a space, or -1.
func authorBefore(v string, authors []bib.Person, sep byte) int {
	for j := range authors {
		if _, ok := afterName(v, &authors[j], sep); ok {
			return j
		}
	}
	return -1
}

// ovidAddresses gives the authors the addresses Ovid's MEDLINE RIS writes
// in M2, one field per author led by the name as A1 gives it: "White,
// Julian. Toxinology Dept., ..., Australia.". An M2 that begins with no
// author's name is no address.
func ovidAddresses(rec *bib.Record, byTag *tagIndex) {
	for i := range byTag.all("M2") {
		v := byTag.fields[i].cleaned()
		for j := range rec.Authors {
			p := &rec.Authors[j]
			if a, ok := afterName(v, p, '.'); ok {
				if a = trimAffiliation(a); a != "" && !slices.Contains(p.Affiliations, a) {
					p.Affiliations = append(p.Affiliations, a)
				}
				break
			}
		}
	}
}

// embaseGroup is one address of Embase's list: the names of the authors
// it is theirs, as Embase writes them ("Wang K."), and the address.
type embaseGroup struct {
	names   []string
	address string
}

// embaseGroups reads Embase's authors' addresses, each led by the names of
// its authors in parentheses, with an author's e-mail address after the
// name: "(Wang K.; Liu D., liudan@example.cn) Department of ..., China".
// Several may follow one another in one value, as Covidence joins them:
// "(Kang Z.) Tongji Hospital, Wuhan, China(Luo Z.) Kunming ...". It
// returns nil when v is no such list.
func embaseGroups(v string) []embaseGroup {
	var out []embaseGroup
	for v != "" {
		if v[0] != '(' {
			return nil
		}
		end := strings.IndexByte(v, ')')
		if end < 0 {
			return nil
		}
		var g embaseGroup
		for part := range strings.SplitSeq(v[1:end], ";") {
			name, _, _ := strings.Cut(part, ",") // the e-mail address after it
			name = bib.TrimSpace(name)
			if i := strings.LastIndexByte(name, ' '); i <= 0 || !embaseInitials(name[i+1:]) {
				return nil
			}
			g.names = append(g.names, name)
		}
		rest := v[end+1:]
		next := nextEmbaseGroup(rest)
		g.address = trimAffiliation(rest[:next])
		if g.address == "" {
			return nil
		}
		out = append(out, g)
		v = rest[next:]
	}
	return out
}

// nextEmbaseGroup returns where the next group of names begins in s, a
// "(" followed by a name with initials and a ";", "," or ")", or len(s).
func nextEmbaseGroup(s string) int {
	for i := 1; i < len(s); i++ {
		if s[i] != '(' {
			continue
		}
		end := strings.IndexByte(s[i:], ')')
		if end < 0 {
			break
		}
		name, _, _ := strings.Cut(s[i+1:i+end], ";")
		name, _, _ = strings.Cut(name, ",")
		if j := strings.LastIndexByte(name, ' '); j > 0 && embaseInitials(name[j+1:]) && name[0] >= 'A' {
			return i
		}
	}
	return len(s)
}

// embaseInitials reports whether t is a person's initials as Embase
// writes them: capitals each with its full stop ("K.", "M.E.", "N.-E.").
func embaseInitials(t string) bool {
	if len(t) < 2 || len(t) > 16 || t[len(t)-1] != '.' {
		return false
	}
	letters := 0
	for _, r := range t {
		switch {
		case r == '.' || r == '-':
		case unicode.IsUpper(r):
			letters++
		default:
			return false
		}
	}
	return letters > 0
}

// embaseAddresses gives the authors the addresses Embase.com writes in M1,
// each led by the names of its authors in parentheses (see embaseGroups).
func embaseAddresses(rec *bib.Record, byTag *tagIndex) {
	if len(rec.Authors) == 0 || byTag.count("M1") == 0 || !isEmbaseRecord(byTag) {
		return
	}
	for i := range byTag.all("M1") {
		for _, g := range embaseGroups(byTag.fields[i].cleaned()) {
			for _, name := range g.names {
				for j := range rec.Authors {
					p := &rec.Authors[j]
					if p.Given != "" && p.FamilyName()+" "+strings.ReplaceAll(p.Given, " ", "") == name {
						if !slices.Contains(p.Affiliations, g.address) {
							p.Affiliations = append(p.Affiliations, g.address)
						}
						break
					}
				}
			}
		}
	}
}

// afterName returns what follows the person's name, as a name is written
// in a tag ("White, Julian", "Weinstein, Scott A"), and the separator and
// a space at the start of v: a full stop, which a name ending in one
// need not repeat (Ovid's "White, Julian. Dept ..."), or a colon, after
// a full stop of the name's own or none (PsycNET's "Ewing, Donna L.:
// University of Sussex").
func afterName(v string, p *bib.Person, sep byte) (string, bool) {
	if p.Given == "" {
		return "", false
	}
	for _, name := range [...]string{p.Raw, p.FamilyName() + ", " + p.Given} {
		if name == "" || !strings.HasPrefix(v, name) {
			continue
		}
		rest := strings.TrimPrefix(v[len(name):], ".")
		if sep != '.' {
			if rest == "" || rest[0] != sep {
				continue
			}
			rest = rest[1:]
		}
		if rest != "" && rest[0] == ' ' {
			if rest = bib.TrimSpace(rest); rest != "" {
				return rest, true
			}
		}
	}
	return "", false
}

// trimAffiliation drops the "and " that joins two addresses of one author
// and a final full stop, so that the same institution written twice is one.
func trimAffiliation(a string) string {
	a = bib.TrimSpace(a)
	if len(a) > 4 && strings.EqualFold(a[:4], "and ") {
		a = bib.TrimSpace(a[4:])
	}
	a = bib.TrimRightASCII(a, ". ")
	return a
}

// tagIndex finds the fields of a tag without a map: two-character tags
// index a fixed table (the rare longer tags are looked up by scanning).
type tagIndex struct {
	fields []Field
	first  [26 * 36]int16 // 1 + index of the first field with the tag, 0 for none
	next   []int16        // 1 + index of the next field with the same tag
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

// build indexes fields, reusing the memory of the index's last record.
func (x *tagIndex) build(fields []Field) {
	x.fields = fields
	x.first = [len(x.first)]int16{}
	x.next = slices.Grow(x.next[:0], len(fields))[:len(fields)]
	if len(fields) > 32000 {
		clear(x.next[32000:])
		fields = fields[:32000]
	}
	for i := len(fields) - 1; i >= 0; i-- {
		x.next[i] = 0
		if k := tagSlot(fields[i].Tag); k >= 0 {
			x.next[i] = x.first[k]
			x.first[k] = int16(i + 1)
		}
	}
}

// all yields the indexes of the fields with the tag, in order.
func (x *tagIndex) all(tag string) iter.Seq[int] {
	return func(yield func(int) bool) {
		k := tagSlot(tag)
		if k < 0 {
			for i, f := range x.fields {
				if f.Tag == tag && !yield(i) {
					return
				}
			}
			return
		}
		for i := x.first[k]; i != 0; i = x.next[i-1] {
			if !yield(int(i - 1)) {
				return
			}
		}
	}
}

// count returns the number of fields with the tag.
func (x *tagIndex) count(tag string) int {
	k := tagSlot(tag)
	if k < 0 {
		n := 0
		for range x.all(tag) {
			n++
		}
		return n
	}
	n := 0
	for i := x.first[k]; i != 0; i = x.next[i-1] {
		n++
	}
	return n
}
