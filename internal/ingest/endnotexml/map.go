package endnotexml

import (
	"slices"
	"strconv"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/wordbits"
)

// Map turns the fields of one EndNote reference, from its XML or its tagged
// export, into a bib.Record. What a field means depends on the reference
// type, as it does in EndNote:
//
//	ref-type (%0)        the CSL type, by name (see CSLType), else by EndNote's number; with neither,
//	                     guessed from the fields (a journal → article, a secondary title → chapter,
//	                     a publisher or ISBN → book)
//	author (%A)          authors ("Family, Given", "Family GI", "G. Family"; a name ending in a
//	                     comma is a group, as EndNote writes corporate authors, and so is one of
//	                     several words with a digit and no comma, "ISO 17281:2002"); for an
//	                     Edited Book the editors
//	secondary-author (%E) editors (tertiary authors, %Y, are series editors, translators or a
//	                     thesis's advisors: left out, as bib.Record has no place for them, but
//	                     see tertiary-title)
//	auth-address (%+)    record-level affiliations, split on line breaks and ";"
//	title (%T), short-title (%!), translated-title (%Q), orig-pub (%()
//	                     title, short, translated and original title, without the tags of rich
//	                     text ("<i>", "<sup>"); other text in angle brackets is kept
//	full-title (%J), secondary-title (%B)
//	                     the container: the journal, book, proceedings or web site; for books and
//	                     reports the secondary title is the series, for theses it is left out
//	tertiary-title (%S)  the series; for a conference paper or proceedings with no conference
//	                     named (no %B or %J), the proceedings, and the tertiary authors (%Y)
//	                     their editors when there are no others, as bibutils writes them
//	abbr-1, alt-title (%O), alt-periodical
//	                     the journal abbreviation
//	volume (%V), number (%N), issue, pages (%P)
//	                     volume, issue (number is a report's, patent's or thesis's number), pages;
//	                     a thesis's volume that names a degree ("PhD thesis") is a type of work
//	                     (for books and theses only a range: a single number is their number of
//	                     pages, which bib.Record has no place for)
//	custom7 (%])         the article number of a journal article
//	dates/year (%D), pub-dates/date (%8)
//	                     the date; for a journal article without one, the year of the epub date
//	                     (edition, %7); access-date (%[) is never a publication date
//	access-date (%[)     when the work was read online (accessed)
//	edition, publisher, pub-location (%7, %I, %C)
//	                     (a thesis with no publisher whose journal names a university, as CNKI
//	                     writes it, has that university as its publisher)
//	isbn (%@)            ISBNs and ISSNs (with their print/electronic kinds); a patent's or
//	                     report's number when it holds neither
//	electronic-resource-num (%R)
//	                     DOIs; without one, DOIs in URLs and in notes that say "doi"
//	accession-num (%M)   the PMID when the record came from PubMed or MEDLINE (remote-database-name
//	                     or -provider says so) or, from no named database, when it is a number of up
//	                     to eight digits other than the record's own number (its rec-number, or
//	                     its position in the file: see MapAt) or one a PubMed link in the record
//	                     names; "WOS:"/"ISI:" ids, Scopus EIDs; otherwise an identifier named
//	                     after the database (ProQuest's for any of its databases)
//	custom2 (%2)         the PMCID of a journal article; a "PMC…" value in any custom field too
//	keyword (%K)         keywords, split on line breaks and ";"; MeSH headings ("Neoplasms/*therapy")
//	                     as MeSH, the rest as author keywords
//	url (%U), pdf-url (%>) URLs (PubMed and Web of Science links also give the PMID or WoS id);
//	                     links to local files are left out, and a DOI alone is the DOI; so is a
//	                     link alone in auth-address, as converters from BibTeX write a url there
//	abstract (%X), notes (%Z), research-notes (%<), language (%G), work-type (%9)
//	remote-database-name (%~), remote-database-provider (%W)
//	                     the database the record came from
//	rec-number           the record's own id (else the accession number)
//
// Map does not set the provenance fields (Format, Position, Line, Raw).
func Map(fields []Field) *bib.Record { return MapAt(fields, 0) }

// MapAt is Map for the record at a 1-based position in its file: an
// accession number from no named database that equals the position is the
// record's number in the file, as its rec-number would be, not a PMID.
func MapAt(fields []Field, position int) *bib.Record {
	var m mapper
	return m.mapAt(fields, nil, position)
}

// mapAt is MapAt with the mapper's index, whose room a Reader keeps from
// one record to the next: made afresh for each, it was three allocations
// of every record (the compiler cannot keep it on the stack, as the
// cleaned values it holds end up in the record).
//
// clean, when not nil, says of each field whether its value is known to be
// clean already (see cleanASCII), as the parser found.
func (m *mapper) mapAt(fields []Field, clean []bool, position int) *bib.Record {
	m.fields, m.position, m.degree = fields, position, ""
	n := len(fields)
	if cap(m.next) < n {
		c := max(n, 64) // room for a usual record of up to 64 fields
		m.next, m.cleaned, m.done = make([]int32, c), make([]string, c), make([]bool, c)
	}
	m.next, m.cleaned, m.done = m.next[:n], m.cleaned[:n], m.done[:n]
	m.index()
	for i, ok := range clean {
		if ok {
			m.cleaned[i], m.done[i] = fields[i].Value, true
		}
	}
	rec := &bib.Record{}

	rt, known := lookupType(m.first(RefType), m.first(RefTypeNumber))
	if !known {
		if name := m.first(RefType); name != "" {
			rec.Warn(0, "unknown reference type "+quote(name)+"; the type is guessed from the fields")
		}
		rt = m.guessType()
	}
	rec.Type = rt.csl
	c := rt.class

	m.titles(rec)
	m.people(rec, c)
	inPeriodical := m.container(rec, c)
	m.numbers(rec, c, inPeriodical)
	rec.Date = m.date(rec.Type)
	if d := bib.ParseDate(m.first(AccessDate)); d.Year != 0 {
		rec.Accessed = d
	}
	m.text(rec)
	m.identifiers(rec, c)
	m.urls(rec)
	rec.Database = firstOf(m.first(RemoteDatabaseName), m.first(RemoteDatabaseProvider))
	rec.SourceID = firstOf(m.first(RecNumber), m.first(AccessionNum))
	return rec
}

// titles sets the title, short, translated and original titles.
func (m *mapper) titles(rec *bib.Record) {
	rec.Title = bib.StripMarkup(m.first(Title))
	rec.ShortTitle = bib.StripMarkup(m.first(ShortTitle))
	rec.TranslatedTitle = bib.StripMarkup(m.first(TranslatedTitle))
	rec.OriginalTitle = bib.StripMarkup(m.first(OrigPub))
	if rec.Title == "" {
		rec.Title = firstOf(rec.ShortTitle, rec.TranslatedTitle)
	}
	if rec.ShortTitle == rec.Title {
		rec.ShortTitle = ""
	}
}

// people sets the authors, editors and record-level affiliations.
func (m *mapper) people(rec *bib.Record, c class) {
	if c == classEditedBook {
		rec.Editors = m.names(Author)
		if len(rec.Editors) == 0 {
			rec.Editors = m.names(SecondaryAuthor)
		}
	} else {
		rec.Authors = m.names(Author)
		rec.Editors = m.names(SecondaryAuthor)
	}
	for i := m.head[AuthAddress]; i >= 0; i = m.next[i] {
		v := m.fields[i].Value
		if rec.Affiliations == nil {
			rec.Affiliations = make([]string, 0, 1+strings.Count(v, "\n"))
		}
		eachPart(v, true, func(a string) {
			// a link is no address (see urls): converters from BibTeX
			// write its url there
			if !isLink(a) && !bib.IsAuthorHeading(a, rec.Authors) {
				rec.AddAffiliation(trimAffiliation(a))
			}
		})
	}
	if len(rec.Affiliations) == 0 {
		rec.Affiliations = nil // only links
	}
}

// container sets the container, its abbreviation and the series. It
// reports whether a book or report is published in a periodical (EndNote
// writes a <periodical> for it), whose number is then an issue.
func (m *mapper) container(rec *bib.Record, c class) (inPeriodical bool) {
	periodical := bib.StripMarkup(m.first(Periodical))
	secondary := bib.StripMarkup(m.first(SecondaryTitle))
	tertiary := bib.StripMarkup(m.first(TertiaryTitle))
	switch c {
	case classBook, classEditedBook, classReport:
		rec.Container = periodical
		inPeriodical = periodical != ""
		rec.Series = firstOf(secondary, tertiary)
		if rec.Series == rec.Container {
			rec.Series = ""
		}
	case classThesis:
		rec.Container = periodical
		rec.Series = tertiary
	case classConference:
		rec.Container = firstOf(periodical, secondary)
		rec.Series = tertiary
		if rec.Container == "" && tertiary != "" {
			// bibutils (the ACL Anthology's export) writes a paper's
			// proceedings as %S and their editors as %Y, with no %B or
			// %E: a series with no conference named is the proceedings.
			rec.Container, rec.Series = tertiary, ""
			if len(rec.Editors) == 0 {
				rec.Editors = m.names(TertiaryAuthor)
			}
		}
	default:
		rec.Container = firstOf(periodical, secondary)
		rec.Series = tertiary
	}
	if rec.Container == rec.Title && c != classArticle {
		rec.Container = ""
	}
	if rec.Container != "" && (c == classArticle || c == classGeneric || periodical != "") {
		// An abbreviation may be the title itself ("BMJ Open", "Ecology").
		rec.ContainerAbbrev = firstOf(m.first(PeriodicalAbbr), m.firstIf(AltTitle, c == classArticle), m.first(AltPeriodicalAbbr), m.first(AltPeriodical))
	}
	return inPeriodical
}

// numbers sets the volume, issue, pages, article number, edition,
// publisher and place.
func (m *mapper) numbers(rec *bib.Record, c class, inPeriodical bool) {
	rec.Volume = m.first(Volume)
	if c == classThesis && isDegree(rec.Volume) {
		// EndNote's thesis calls the volume field "Degree": "PhD thesis"
		m.degree, rec.Volume = rec.Volume, ""
	}
	switch {
	case c == classReport || c == classPatent || c == classThesis:
		// A report's or patent's number; a thesis's document number
		// (ProQuest's), which is no issue either.
		rec.ArticleNumber = m.first(Number)
		rec.Issue = m.first(Issue)
	case c == classChapter || ((c == classBook || c == classEditedBook) && !inPeriodical):
		// number is the series number, issue the number of volumes
		rec.CollectionNumber = m.first(Number)
	default:
		rec.Issue = firstOf(m.first(Issue), m.first(Number))
	}
	pages := m.first(Pages)
	if (c == classBook || c == classEditedBook || c == classThesis) && !inPeriodical && !strings.ContainsAny(pages, "-‐‑–—") {
		rec.NumberOfPages = pages // the number of pages ("xii, 327 p."), not a range
		pages = ""
	}
	rec.SetPages(pages)
	if c == classArticle {
		if rec.FirstPage == "" {
			rec.SetPages(m.first(Section)) // EndNote's "Start Page"
		}
		if n := m.first(Custom7); n != "" && len(n) <= 40 {
			rec.ArticleNumber = n
		}
	}
	if rec.Type != "article-journal" {
		rec.Edition = m.first(Edition) // a journal article's is its epub date
	}
	rec.Publisher = m.first(Publisher)
	rec.Place = m.first(PubLocation)
	if c == classThesis && rec.Publisher == "" && isInstitution(rec.Container) {
		// CNKI writes a thesis's university as its journal (%J 南昌大学)
		rec.Publisher, rec.Container = rec.Container, ""
	}
}

// isInstitution reports whether a name is a university's or an
// institute's ("南昌大学", "University of Leeds", "Institut Pasteur").
func isInstitution(name string) bool {
	if name == "" {
		return false
	}
	for _, w := range [...]string{"大学", "大學", "学院", "學院", "研究院", "研究所"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	l := strings.ToLower(name)
	for _, w := range [...]string{"universit", "college", "institut", "school", "école", "hochschule"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// isDegree reports whether a thesis's volume names its degree ("PhD
// thesis", "Ph.D.", "Master's", "MSc") rather than a volume number.
func isDegree(v string) bool {
	if v == "" || bib.AllDigits(v) {
		return false
	}
	l := strings.ToLower(v)
	for _, w := range [...]string{"thesis", "dissertation", "phd", "ph.d", "ph. d", "doctor", "master", "msc", "m.sc", "mphil", "m.phil", "dphil", "d.phil", "bachelor", "diploma", "habilitation", "m.a.", "m.s."} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// text sets the abstract, language, notes, types of work and keywords.
func (m *mapper) text(rec *bib.Record) {
	rec.Abstract = m.joined(Abstract, " ")
	rec.Language = m.joined(Language, "; ")
	for _, n := range []FieldName{Notes, ResearchNotes} {
		for i := m.head[n]; i >= 0; i = m.next[i] {
			if s := m.value(i); s != "" && s != rec.Title {
				rec.Notes = append(rec.Notes, s)
			}
		}
	}
	for i := m.head[WorkType]; i >= 0; i = m.next[i] {
		eachPart(m.fields[i].Value, true, func(t string) { rec.PublicationTypes = append(rec.PublicationTypes, t) })
	}
	if m.degree != "" && !slices.ContainsFunc(rec.PublicationTypes, func(t string) bool { return strings.EqualFold(t, m.degree) }) {
		rec.PublicationTypes = append(rec.PublicationTypes, m.degree)
	}
	if n := m.count(Keyword); n > 0 {
		rec.Keywords = make([]bib.Keyword, 0, n)
		for i := m.head[Keyword]; i >= 0; i = m.next[i] {
			eachPart(m.fields[i].Value, true, func(k string) { addKeyword(rec, k) })
		}
	}
}

// urls adds the links, leaving out those to local files.
func (m *mapper) urls(rec *bib.Record) {
	for i := m.head[URL]; i >= 0; i = m.next[i] {
		eachPart(m.fields[i].Value, false, func(u string) {
			// a Web of Science id (see accession) and a bare DOI (see
			// identifiers) are no links
			if !strings.HasPrefix(u, "<Go to ISI>://") && !isBareDOI(u) {
				rec.AddURL(u)
			}
		})
	}
	for i := m.head[AuthAddress]; i >= 0; i = m.next[i] {
		eachPart(m.fields[i].Value, true, func(a string) {
			if isLink(a) {
				rec.AddURL(a)
			}
		})
	}
	for i := m.head[PDFURL]; i >= 0; i = m.next[i] {
		eachPart(m.fields[i].Value, false, func(u string) {
			if isRemoteURL(u) {
				rec.AddURL(u)
			}
		})
	}
}

// mapper indexes the fields of one reference by name and cleans each value
// once.
type mapper struct {
	fields  []Field
	head    [numFieldNames]int32 // index of the first field with the name, -1 for none
	tail    [numFieldNames]int32
	next    []int32 // index of the next field with the same name, -1 at the end
	cleaned []string
	done    []bool

	position int    // the record's place in its file, 0 when unknown
	degree   string // a thesis's degree, which EndNote keeps in its volume field
}

// index links the fields of each name.
func (m *mapper) index() {
	for i := range m.head {
		m.head[i], m.tail[i] = -1, -1
	}
	for i, f := range m.fields {
		n := f.Name
		if n >= numFieldNames {
			n = Other
		}
		m.next[i], m.done[i] = -1, false
		if m.tail[n] < 0 {
			m.head[n] = int32(i)
		} else {
			m.next[m.tail[n]] = int32(i)
		}
		m.tail[n] = int32(i)
	}
}

// value returns field i cleaned: HTML entities decoded, white space
// collapsed, NFC.
func (m *mapper) value(i int32) string {
	if !m.done[i] {
		m.cleaned[i], m.done[i] = clean(m.fields[i].Value), true
	}
	return m.cleaned[i]
}

// first returns the first non-empty cleaned value of the field.
func (m *mapper) first(n FieldName) string {
	for i := m.head[n]; i >= 0; i = m.next[i] {
		if s := m.value(i); s != "" {
			return s
		}
	}
	return ""
}

func (m *mapper) firstIf(n FieldName, ok bool) string {
	if !ok {
		return ""
	}
	return m.first(n)
}

func (m *mapper) has(n FieldName) bool { return m.first(n) != "" }

// count returns how many fields have the name.
func (m *mapper) count(n FieldName) int {
	c := 0
	for i := m.head[n]; i >= 0; i = m.next[i] {
		c++
	}
	return c
}

// joined returns the cleaned values of the field joined by sep.
func (m *mapper) joined(n FieldName, sep string) string {
	var out string
	for i := m.head[n]; i >= 0; i = m.next[i] {
		if s := m.value(i); s != "" {
			if out != "" {
				out += sep
			}
			out += s
		}
	}
	return out
}

// guessType decides the type of a reference that does not name a known one.
func (m *mapper) guessType() refType {
	switch {
	case m.has(Periodical):
		return refTypes["journal article"]
	case m.has(SecondaryTitle) && (m.has(Volume) || m.has(Number) || m.has(Issue)) && !m.has(Publisher):
		return refTypes["journal article"]
	case m.has(SecondaryTitle):
		return refTypes["book section"]
	case m.has(Publisher) || m.has(ISBN):
		return refTypes["book"]
	}
	return refTypes["generic"]
}

// names parses the names of one role. A value holding several names
// joined by ";" or line breaks is split.
func (m *mapper) names(n FieldName) []bib.Person {
	count := m.count(n)
	if count == 0 {
		return nil
	}
	out := make([]bib.Person, 0, count)
	for i := m.head[n]; i >= 0; i = m.next[i] {
		if v := m.fields[i].Value; strings.IndexByte(v, ';') >= 0 || strings.IndexByte(v, '\n') >= 0 {
			eachPart(v, true, func(part string) {
				if p, ok := person(part); ok {
					out = append(out, p)
				}
			})
			continue
		}
		if p, ok := person(m.value(i)); ok {
			out = append(out, p)
		}
	}
	return out
}

// person parses one name. EndNote marks a corporate author with a trailing
// comma ("World Health Organization,"); such a name is kept whole. So is a
// name of several words without a comma that has a digit in it, a standard
// or a company written as its author ("ISO 17281:2002", "3M Company"):
// no person's name is "ISO" and "17281:2002".
func person(s string) (bib.Person, bool) {
	t := strings.TrimSpace(s)
	if strings.HasSuffix(t, ",") {
		if lit := strings.TrimSpace(strings.TrimRight(t, ", ")); lit != "" && !bib.IsEtAl(lit) {
			return bib.Person{Literal: lit}, true
		}
		return bib.Person{}, false
	}
	if strings.IndexByte(t, ',') < 0 && strings.IndexByte(t, ' ') > 0 && strings.ContainsAny(t, "0123456789") {
		return bib.Person{Literal: bib.CleanText(t)}, true
	}
	p := bib.ParseName(s)
	return p, !p.IsZero()
}

// date reads the year and the publication date; for a journal article
// without either, the epub date EndNote keeps in its edition field.
func (m *mapper) date(cslType string) bib.Date {
	var d bib.Date
	if y := m.first(Year); y != "" {
		d = bib.ParseDate(y)
		if d.Year == 0 && d.Raw == "" {
			d.Raw = y // "in press", "n.d."
		}
	}
	for i := m.head[PubDate]; i >= 0; i = m.next[i] {
		p := bib.ParseDate(m.value(i))
		if n, ok := integer(m.value(i)); ok && n >= 1 && n <= 12 {
			p = bib.Date{Month: n} // a month by its number
		}
		switch {
		case d.Year == 0 && p.Year != 0:
			raw := d.Raw
			d = p.Merge(d)
			if d.Raw == "" {
				d.Raw = raw
			}
		case p.Year == 0 || p.Year == d.Year:
			p.Year = d.Year
			d = d.Merge(p)
			if d.Raw == "" && p.Raw != "" {
				d.Raw = p.Raw // "20-23 Nov 2019"
			}
		}
	}
	if d.Year == 0 && cslType == "article-journal" {
		if e := bib.ParseDate(m.first(Edition)); e.Year != 0 {
			d = bib.Date{Year: e.Year, Month: e.Month, Day: e.Day}
		}
	}
	if d.Year == 0 {
		d.Month, d.Day = 0, 0
	}
	return d
}

// integer returns the number s is, as strconv.Atoi reads it, without
// making an error for the text ("Jan 15") that is no number.
func integer(s string) (int, bool) {
	digits := s
	if digits != "" && (digits[0] == '+' || digits[0] == '-') {
		digits = digits[1:]
	}
	if digits == "" || !bib.AllDigits(digits) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// addKeyword adds a keyword, as a MeSH heading when it is written as one.
func addKeyword(rec *bib.Record, k string) {
	if bib.IsMeSHHeading(k) {
		var room [4]bib.Keyword
		for _, kw := range bib.AppendMeSH(room[:0], k) {
			rec.AddKeyword(kw)
		}
		return
	}
	// (without the star EndNote puts before a PubMed record's keywords)
	rec.AddKeyword(bib.Keyword{Term: strings.TrimSpace(strings.TrimLeft(k, "*")), Vocabulary: bib.VocabAuthor})
}

// identifiers fills DOIs, PMIDs, PMCIDs, ISBNs, ISSNs and accession numbers.
func (m *mapper) identifiers(rec *bib.Record, c class) {
	for i := m.head[ElectronicResourceNum]; i >= 0; i = m.next[i] {
		v := m.value(i)
		var room [2]string
		dois := bib.AppendDOIs(room[:0], v)
		for _, d := range dois {
			rec.AddIdentifier(bib.DOI, d)
		}
		if len(dois) == 0 && len(v) > 4 && strings.EqualFold(v[:4], "artn") && rec.ArticleNumber == "" {
			rec.ArticleNumber = strings.TrimSpace(v[4:])
		}
	}
	if rec.Identifier(bib.DOI) == "" {
		// DOIs written elsewhere: in links (a DOI alone in the URL
		// field too, as converters from BibTeX write it), and in notes
		// that say so.
		for _, n := range []FieldName{URL, PDFURL, AuthAddress, Notes, ResearchNotes} {
			for i := m.head[n]; i >= 0; i = m.next[i] {
				v := m.fields[i].Value
				if n == URL && isBareDOI(strings.TrimSpace(v)) {
					rec.AddDOI(v)
					continue
				}
				// (an address that is no link, usually long, is passed
				// over before it is searched)
				if n == AuthAddress && !isLink(strings.TrimSpace(v)) || indexFold(v, "doi") < 0 {
					continue
				}
				for _, d := range bib.FindDOIs(v) {
					rec.AddIdentifier(bib.DOI, d)
				}
			}
		}
	}

	if m.head[AccessionNum] >= 0 {
		dbName, provider := m.first(RemoteDatabaseName), m.first(RemoteDatabaseProvider)
		// From no named database, the record's own number (its
		// rec-number, or its place in the file) is no PMID, unless a link
		// to PubMed in the record says it is: a library may number its
		// records by their PMIDs.
		var own, at string
		if dbName == "" && provider == "" {
			own = strings.TrimSpace(m.first(RecNumber))
			if m.position > 0 {
				at = strconv.Itoa(m.position)
			}
		}
		for i := m.head[AccessionNum]; i >= 0; i = m.next[i] {
			eachPart(m.fields[i].Value, true, func(v string) {
				switch v = strings.TrimSpace(v); {
				case v != own && v != at:
					accession(rec, v, dbName, provider)
				case m.namedByPubMedLink(v):
					rec.AddPMID(v)
				}
			})
		}
	}
	for _, n := range []FieldName{URL, PDFURL} {
		for i := m.head[n]; i >= 0; i = m.next[i] {
			eachPart(m.fields[i].Value, false, func(u string) { linkIdentifiers(rec, u) })
		}
	}

	if c == classArticle {
		for i := m.head[Custom2]; i >= 0; i = m.next[i] {
			rec.AddPMCID(m.value(i))
		}
	}
	for _, n := range []FieldName{Custom1, Custom2, Custom3, Custom4, Custom5, Custom6, Custom7, Other, Notes, Label} {
		for i := m.head[n]; i >= 0; i = m.next[i] {
			if v := m.value(i); isPMCID(v) {
				rec.AddPMCID(v)
			}
		}
	}

	bookish := c == classBook || c == classEditedBook || c == classChapter || c == classConference
	for i := m.head[ISBN]; i >= 0; i = m.next[i] {
		found := false
		for rest := m.fields[i].Value; rest != ""; {
			part := rest
			if k := strings.IndexAny(rest, "\n;,"); k >= 0 {
				part, rest = rest[:k], rest[k+1:]
			} else {
				rest = ""
			}
			isbns := bib.FindISBNs(part)
			for _, v := range isbns {
				rec.AddIdentifier(bib.ISBN, v)
				found = true
			}
			if len(isbns) > 0 && bookish {
				continue
			}
			eachISSN(part, func(value, kind string) {
				rec.AddISSN(value, kind)
				found = true
			})
		}
		if !found && (c == classPatent || c == classReport) && rec.ArticleNumber == "" {
			rec.ArticleNumber = m.value(i)
		}
	}
}

// accession files one accession number by what it is and the database the
// record names.
func accession(rec *bib.Record, v, dbName, provider string) {
	v = strings.TrimSpace(v)
	if v == "" {
		return
	}
	up := strings.ToUpper(v)
	switch {
	case strings.HasPrefix(up, "WOS:") || strings.HasPrefix(up, "ISI:"):
		if id := strings.TrimSpace(v[4:]); id != "" {
			rec.AddIdentifier(bib.WOS, "WOS:"+strings.ToUpper(id))
		}
		return
	case strings.HasPrefix(up, "PMID") || strings.HasPrefix(up, "MEDLINE:"):
		rec.AddPMID(strings.TrimPrefix(strings.TrimPrefix(up, "MEDLINE:"), "PMID:"))
		return
	case strings.HasPrefix(up, "2-S2.0-"):
		rec.AddIdentifier(bib.EID, strings.ToLower(v[:7])+v[7:])
		return
	case strings.HasPrefix(up, "EMBASE:"):
		rec.AddIdentifier("embase", strings.TrimSpace(v[7:]))
		return
	}
	switch {
	case fromPubMed(dbName) || fromPubMed(provider):
		if !rec.AddPMID(v) && dbName != "" {
			rec.AddIdentifier(bib.DatabaseScheme(dbName), v)
		}
	case dbName != "" || provider != "":
		if dbName == "" {
			return // a provider without a database (EBSCOhost, Ovid) does not say whose number it is
		}
		rec.AddIdentifier(bib.DatabaseScheme(dbName), v)
	case len(v) <= 8 && bib.AllDigits(v):
		rec.AddPMID(v) // Mendeley and Zotero write the PMID without naming PubMed
	}
}

// fromPubMed reports whether a database or provider name is PubMed's.
func fromPubMed(name string) bool {
	return indexFold(name, "pubmed") >= 0 || indexFold(name, "medline") >= 0 || indexFold(name, "nlm") >= 0 || indexFold(name, "ncbi") >= 0
}

// linkIdentifiers takes the PMID from a PubMed link and the Web of Science
// id from EndNote's "<Go to ISI>://" links.
func linkIdentifiers(rec *bib.Record, u string) {
	switch {
	case indexFold(u, "pubmed.ncbi.nlm.nih.gov/") >= 0 || indexFold(u, "ncbi.nlm.nih.gov/pubmed/") >= 0:
		t := strings.TrimRight(u, "/")
		rec.AddPMID(t[strings.LastIndexByte(t, '/')+1:])
	case indexFold(u, "list_uids=") >= 0:
		rec.AddPMID(entrezPMID(u))
	case hasPrefixFold(u, "<go to isi>://"):
		id := strings.TrimSpace(u[len("<go to isi>://"):])
		up := strings.ToUpper(id)
		if strings.HasPrefix(up, "WOS:") || strings.HasPrefix(up, "ISI:") {
			id = id[4:]
		}
		if id != "" && !strings.ContainsAny(id, " /") {
			rec.AddIdentifier(bib.WOS, "WOS:"+strings.ToUpper(id))
		}
	}
}

// entrezPMID returns the PMID of a link to PubMed as Entrez wrote it before
// PubMed had its own address ("www.ncbi.nlm.nih.gov/entrez/query.fcgi?
// cmd=Retrieve&db=PubMed&dopt=Citation&list_uids=12345678"), or "".
func entrezPMID(u string) string {
	i := indexFold(u, "list_uids=")
	if i < 0 || indexFold(u, "db=pubmed") < 0 {
		return ""
	}
	id := u[i+len("list_uids="):]
	if k := strings.IndexFunc(id, func(c rune) bool { return c < '0' || c > '9' }); k >= 0 {
		id = id[:k]
	}
	return id
}

// namedByPubMedLink reports whether a link to PubMed anywhere in the
// record (its URL fields, or an element the reader does not know, where
// some exports put their links) names id as the PMID.
func (m *mapper) namedByPubMedLink(id string) bool {
	if id == "" || !bib.AllDigits(id) {
		return false
	}
	for _, n := range [...]FieldName{URL, PDFURL, Other} {
		for i := m.head[n]; i >= 0; i = m.next[i] {
			v := m.fields[i].Value
			if indexFold(v, "pubmed") < 0 {
				continue
			}
			for _, marker := range [...]string{"pubmed.ncbi.nlm.nih.gov/", "ncbi.nlm.nih.gov/pubmed/", "list_uids="} {
				for rest := v; ; {
					k := indexFold(rest, marker)
					if k < 0 {
						break
					}
					rest = rest[k+len(marker):]
					if strings.HasPrefix(rest, id) && (len(rest) == len(id) || rest[len(id)] < '0' || rest[len(id)] > '9') {
						return true
					}
				}
			}
		}
	}
	return false
}

// eachISSN calls fn with each ISSN in s and the kind written beside it,
// read from the text between it and the next ("1532-1827 (Electronic)
// 0007-0920 (Linking)").
func eachISSN(s string, fn func(value, kind string)) {
	var room [4]string
	vals := bib.AppendISSNs(room[:0], s)
	if len(vals) <= 1 {
		if len(vals) == 1 {
			fn(vals[0], bib.ISSNKind(s))
		}
		return
	}
	var atRoom [4]int
	at := atRoom[:0]
	from := 0
	for _, v := range vals {
		j := strings.Index(s[from:], v)
		if j < 0 {
			j = strings.Index(s[from:], strings.Replace(v, "-", "", 1))
		}
		if j < 0 {
			at = append(at, -1)
			continue
		}
		at = append(at, from+j)
		from += j + 1
	}
	for k, v := range vals {
		if at[k] < 0 {
			fn(v, "")
			continue
		}
		end := len(s)
		for n := k + 1; n < len(vals); n++ {
			if at[n] > at[k] {
				end = at[n]
				break
			}
		}
		fn(v, bib.ISSNKind(s[at[k]:end]))
	}
}

func isPMCID(v string) bool {
	if len(v) < 4 || len(v) > 14 || !strings.EqualFold(v[:3], "pmc") {
		return false
	}
	return bib.AllDigits(v[3:])
}

// isLink reports whether s is a link and nothing else.
func isLink(s string) bool {
	return isRemoteURL(s) && !strings.ContainsAny(s, " \t\n")
}

// isBareDOI reports whether s is a DOI alone, with no link or "doi:"
// before it ("10.21105/joss.01686").
func isBareDOI(s string) bool {
	return strings.HasPrefix(s, "10.") && strings.IndexByte(s, '/') > 3 && !strings.ContainsAny(s, " \t\n")
}

func isRemoteURL(u string) bool {
	return hasPrefixFold(u, "http://") || hasPrefixFold(u, "https://") || hasPrefixFold(u, "ftp://")
}

// hasPrefixFold reports whether s begins with prefix, ignoring ASCII case;
// prefix is lower case.
func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if c := s[i]; c != prefix[i] && c|0x20 != prefix[i] {
			return false
		}
	}
	return true
}

// indexFold returns the index of the lower-case ASCII word in s, ignoring
// case, or -1.
func indexFold(s, word string) int {
	for i := 0; i+len(word) <= len(s); i++ {
		if c := s[i]; (c == word[0] || c|0x20 == word[0]) && hasPrefixFold(s[i:], word) {
			return i
		}
	}
	return -1
}

// clean decodes HTML entities left in the text (exports that escape twice),
// collapses white space and returns NFC.
func clean(s string) string {
	if cleanASCII(s) {
		return s
	}
	if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = bib.UnescapeEntities(s)
	}
	return bib.NFC(bib.CleanText(s))
}

// cleanASCII reports whether s is printable ASCII without an "&", without
// white space at its ends and without two spaces in a row: text clean
// already, the usual case.
func cleanASCII[T string | []byte](s T) bool {
	n := len(s)
	if n == 0 || s[0] == ' ' || s[n-1] == ' ' {
		return n == 0
	}
	if n < 8 {
		for i := 0; i < n; i++ {
			c := s[i]
			if c < ' ' || c >= 0x7f || c == '&' || (c == ' ' && s[i-1] == ' ') {
				return false
			}
		}
		return true
	}
	// Sixteen bytes a step, s cut as it goes so that the loads need no
	// bounds checks. prev has the high bit of its low byte set when the
	// byte before the step is a space.
	rest := s
	var prev uint64
	for len(rest) >= 16 {
		w0, w1 := wordbits.Load64(rest), wordbits.Load64(rest[8:])
		rest = rest[16:]
		if unclean(w0)|unclean(w1) != 0 {
			return false
		}
		sp0, sp1 := spaces(w0), spaces(w1)
		// two spaces in a row: in a word, or across into one
		if (sp0<<8|prev)&sp0|(sp1<<8|sp0>>56)&sp1 != 0 {
			return false
		}
		prev = sp1 >> 56
	}
	if len(rest) >= 8 {
		w := wordbits.Load64(rest)
		rest = rest[8:]
		if sp := spaces(w); unclean(w) != 0 || (sp<<8|prev)&sp != 0 {
			return false
		}
	}
	if len(rest) > 0 {
		// The last eight bytes, read again in part: they hold the byte
		// before the ones left, so two spaces across are in the word, and
		// no byte loop is needed.
		w := wordbits.Load64(s[n-8:])
		if sp := spaces(w); unclean(w) != 0 || sp&(sp<<8) != 0 {
			return false
		}
	}
	return true
}

// unclean returns a word with the high bit set of some byte of w when any
// is below 0x20, 0x7f or above, or "&"; zero when none is. A word with no
// byte from 0x80 up is tested for the others at once, as none of the sums
// then carries into the next byte.
func unclean(w uint64) uint64 {
	return (w | (w - lo*0x20) | (w + lo) | ^((w ^ lo*'&') + lo*0x7f)) & hi
}

// spaces returns a word with the high bit set of each byte of w that is a
// space, and no other bit, when w holds no byte from 0x80 up.
func spaces(w uint64) uint64 {
	return ^((w ^ lo*' ') + lo*0x7f) & hi
}

const (
	lo = 0x0101010101010101
	hi = 0x8080808080808080
)

// eachPart calls fn with every cleaned, non-empty part of a value split on
// line breaks and, when semicolons is set, on ";".
func eachPart(v string, semicolons bool, fn func(string)) {
	for v != "" {
		i := strings.IndexByte(v, '\n')
		if semicolons {
			if j := strings.IndexByte(v, ';'); j >= 0 && (i < 0 || j < i) {
				i = j
			}
		}
		part := v
		if i >= 0 {
			part, v = v[:i], v[i+1:]
		} else {
			v = ""
		}
		if part = clean(part); part != "" {
			fn(part)
		}
	}
}

// trimAffiliation drops the "and " that joins two addresses and a final
// full stop, so that the same institution written twice is one.
func trimAffiliation(a string) string {
	if len(a) > 4 && strings.EqualFold(a[:4], "and ") {
		a = strings.TrimSpace(a[4:])
	}
	return strings.TrimRight(a, ". ")
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

func quote(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return `"` + s + `"`
}
