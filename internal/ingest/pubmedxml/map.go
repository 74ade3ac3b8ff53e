package pubmedxml

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// mapper turns one parsed record element into a bib.Record. A Reader
// keeps one and resets it for every record.
type mapper struct {
	d   *doc
	t   *textDecoder
	rec *bib.Record

	pmid        string // MedlineCitation/PMID (of the highest Version) or BookDocument/PMID
	pmidVersion int
	otherPMIDs  []string // PMIDs that disagree with it (ArticleIdList, other versions)

	journalTitle, isoAbbrev, medlineTA string
	pubDate, articleDate               bib.Date
	vernacular                         string
	languages                          []string
	langBuf                            [4]string

	// affs backs the Affiliations of the record's authors: one array per
	// record rather than one per author. Each author's slice is capped, so
	// appending to it never writes into the next author's.
	affs []string

	// Books.
	bookTitle                string
	bookAuthors, docAuthors  []bib.Person
	editors                  []bib.Person
	beginDate, contribDate   bib.Date
	hasArticleTitle, isBookD bool
}

// mapRecord maps the element tree in d (its root a record element) onto a
// new record.
func (m *mapper) mapRecord(d *doc, t *textDecoder) *bib.Record {
	*m = mapper{d: d, t: t, rec: &bib.Record{Database: "PubMed", Identifiers: make([]bib.Identifier, 0, 4)}}
	m.languages = m.langBuf[:0]
	root := int32(0)
	switch d.nodes[root].name {
	case elemArticle:
		m.rec.Type = "article-journal"
		for c := d.nodes[root].first; c >= 0; c = d.nodes[c].next {
			switch d.nodes[c].name {
			case "MedlineCitation":
				m.citation(c)
			case "PubmedData":
				m.pubmedData(c)
			}
		}
	case elemCitation:
		m.rec.Type = "article-journal"
		m.citation(root)
	case elemBookArticle:
		for c := d.nodes[root].first; c >= 0; c = d.nodes[c].next {
			switch d.nodes[c].name {
			case "BookDocument":
				m.bookDocument(c)
			case "PubmedBookData":
				m.pubmedData(c)
			}
		}
	case elemBookDoc:
		m.bookDocument(root)
	}
	m.finish()
	rec := m.rec
	*m = mapper{}
	return rec
}

// citation maps MedlineCitation.
func (m *mapper) citation(n int32) {
	d := m.d
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		switch d.nodes[c].name {
		case "PMID":
			m.setPMID(c)
		case "Article":
			m.article(c)
		case "MedlineJournalInfo":
			m.medlineTA = m.t.text(d, d.child(c, "MedlineTA"))
			if l := d.child(c, "ISSNLinking"); l >= 0 {
				m.addISSN(l, m.t.text(d, l), bib.ISSNLinking)
			}
		case "MeshHeadingList":
			m.rec.Keywords = slices.Grow(m.rec.Keywords, 2*d.count(c, "MeshHeading"))
			for h := d.nodes[c].first; h >= 0; h = d.nodes[h].next {
				if d.nodes[h].name == "MeshHeading" {
					m.meshHeading(h)
				}
			}
		case "KeywordList":
			m.keywordList(c)
		case "OtherID":
			// Older records carry their PMCID here: "PMC1234567 [Available on 2012-09-01]".
			if strings.EqualFold(d.attr(c, "Source"), "NLM") {
				if f := strings.Fields(m.t.text(d, c)); len(f) > 0 && strings.HasPrefix(strings.ToUpper(f[0]), "PMC") {
					m.rec.AddPMCID(f[0])
				}
			}
		case "GeneralNote":
			if s := m.t.text(d, c); s != "" {
				m.rec.Notes = append(m.rec.Notes, s)
			}
		}
	}
}

// setPMID takes a PMID element; of several, the highest Version wins.
func (m *mapper) setPMID(n int32) {
	p := bib.NormalizePMID(m.t.text(m.d, n))
	if p == "" {
		if s := m.t.text(m.d, n); s != "" {
			m.warn(n, fmt.Sprintf("PMID %q is not a PubMed id", s))
		}
		return
	}
	v := 0
	if a := m.d.attr(n, "Version"); a != "" {
		v, _ = strconv.Atoi(a)
	}
	switch {
	case m.pmid == "":
		m.pmid, m.pmidVersion = p, v
	case p == m.pmid:
	case v > m.pmidVersion:
		m.otherPMIDs = append(m.otherPMIDs, m.pmid)
		m.pmid, m.pmidVersion = p, v
	default:
		m.otherPMIDs = append(m.otherPMIDs, p)
	}
}

// article maps MedlineCitation/Article.
func (m *mapper) article(n int32) {
	d := m.d
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		switch d.nodes[c].name {
		case "Journal":
			m.journal(c)
		case "ArticleTitle":
			m.rec.Title = m.title(c)
		case "VernacularTitle":
			m.vernacular = m.t.text(d, c)
		case "Pagination":
			m.pagination(c)
		case "ELocationID":
			m.elocation(c)
		case "Abstract":
			m.rec.Abstract = m.abstract(c)
		case "AuthorList":
			ps := m.authorList(c)
			if strings.EqualFold(d.attr(c, "Type"), "editors") {
				m.rec.Editors = appendPersons(m.rec.Editors, ps)
			} else {
				m.rec.Authors = appendPersons(m.rec.Authors, ps)
			}
		case "Language":
			m.language(c)
		case "PublicationTypeList":
			m.rec.PublicationTypes = slices.Grow(m.rec.PublicationTypes, d.count(c, "PublicationType"))
			for p := d.nodes[c].first; p >= 0; p = d.nodes[p].next {
				if d.nodes[p].name == "PublicationType" {
					m.publicationType(p)
				}
			}
		case "ArticleDate":
			if m.articleDate.Year == 0 || strings.EqualFold(d.attr(c, "DateType"), "Electronic") {
				if dt := m.date(c); dt.Year != 0 {
					m.articleDate = dt
				}
			}
		case "Affiliation":
			// Records from before 2014 have one Affiliation for the whole
			// article (in fact its first author's). The file does not tie
			// it to an author, so it is kept at the record level.
			m.rec.AddAffiliation(m.t.text(d, c))
		}
	}
}

// title reads ArticleTitle. The placeholders NLM writes for a title it does
// not have ("[Not Available].", "[In Process Citation]") are no title:
// they would make unrelated records look alike.
func (m *mapper) title(n int32) string {
	s := m.t.text(m.d, n)
	if len(s) > 0 && s[0] == '[' {
		switch strings.ToLower(strings.TrimRight(s, ". ")) {
		case "[not available]", "[in process citation]":
			m.warn(n, fmt.Sprintf("ArticleTitle %q is a placeholder, not a title", s))
			return ""
		}
	}
	return s
}

// journal maps Article/Journal.
func (m *mapper) journal(n int32) {
	d := m.d
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		switch d.nodes[c].name {
		case "ISSN":
			m.addISSN(c, m.t.text(d, c), issnKind(d.attr(c, "IssnType")))
		case "JournalIssue":
			for i := d.nodes[c].first; i >= 0; i = d.nodes[i].next {
				switch d.nodes[i].name {
				case "Volume":
					m.rec.Volume = m.t.text(d, i)
				case "Issue":
					m.rec.Issue = m.t.text(d, i)
				case "PubDate":
					m.pubDate = m.date(i)
				}
			}
		case "Title":
			m.journalTitle = m.t.text(d, c)
		case "ISOAbbreviation":
			m.isoAbbrev = m.t.text(d, c)
		}
	}
}

// issnKind reads IssnType, "Print" or "Electronic" per the DTD.
func issnKind(t string) string {
	switch t {
	case "Print":
		return bib.ISSNPrint
	case "Electronic":
		return bib.ISSNElectronic
	}
	return bib.ISSNKind(t)
}

func (m *mapper) addISSN(n int32, s, kind string) {
	if s == "" {
		return
	}
	v := bib.NormalizeISSN(s)
	if v == "" {
		m.warn(n, fmt.Sprintf("ISSN %q is not an ISSN; not kept", s))
		return
	}
	m.rec.AddISSN(v, kind)
}

// date reads a PubDate, ArticleDate or book date: Year with Month (a number
// or a name) and Day, or with Season; or MedlineDate, free text such as
// "1998 Dec-1999 Jan" or "2000 Spring".
func (m *mapper) date(n int32) bib.Date {
	d := m.d
	var year, month, day, season, medline string
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		switch d.nodes[c].name {
		case "Year":
			year = m.t.text(d, c)
		case "Month":
			month = m.t.text(d, c)
		case "Day":
			day = m.t.text(d, c)
		case "Season":
			season = m.t.text(d, c)
		case "MedlineDate":
			medline = m.t.text(d, c)
		}
	}
	if year == "" {
		if medline != "" {
			return bib.ParseDate(medline)
		}
		// A date with no Year: whatever text it has.
		return bib.ParseDate(strings.TrimSpace(month + " " + season))
	}
	dt := bib.Date{Year: bib.ExtractYear(year)}
	if dt.Year == 0 || len(year) != 4 {
		// Not a plain year: read the parts as a written date.
		return bib.ParseDate(strings.TrimSpace(strings.Join([]string{year, month, day, season}, " ")))
	}
	if month != "" {
		dt.Month = monthNumber(month)
		if dt.Month == 0 {
			// "Jan-Feb", "Summer" written as a month.
			o := bib.ParseDate(year + " " + month)
			o.Year = dt.Year
			return o
		}
		if day != "" {
			if n, err := strconv.Atoi(day); err == nil && n >= 1 && n <= 31 {
				dt.Day = n
			}
		}
	}
	if season != "" {
		s := bib.ParseDate(year + " " + season)
		dt.Season, dt.Raw = s.Season, s.Raw
		if dt.Season == "" {
			dt.Raw = year + " " + season
		}
	}
	return dt
}

// pubmedMonths are the month abbreviations the DTD prescribes.
var pubmedMonths = map[string]int{"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
	"Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12}

// monthNumber reads Month: "01" to "12" or "Jan" to "Dec" as the DTD says,
// anything else as bib.MonthNumber does.
func monthNumber(s string) int {
	if len(s) == 2 && s[0] >= '0' && s[0] <= '1' && s[1] >= '0' && s[1] <= '9' {
		if n := int(s[0]-'0')*10 + int(s[1]-'0'); n >= 1 && n <= 12 {
			return n
		}
	}
	if n, ok := pubmedMonths[s]; ok {
		return n
	}
	return bib.MonthNumber(s)
}

// pagination reads StartPage/EndPage and MedlinePgn ("466-75", "e0815",
// "1-10; discussion 11-2"); the explicit pages win, MedlinePgn fills in.
func (m *mapper) pagination(n int32) {
	d := m.d
	start := m.t.text(d, d.child(n, "StartPage"))
	end := m.t.text(d, d.child(n, "EndPage"))
	pgn := m.t.text(d, d.child(n, "MedlinePgn"))
	switch {
	case start != "" && end != "" && len(end) < len(start):
		m.rec.SetPages(start + "-" + end) // an abbreviated EndPage: 1234-45
	case start != "":
		m.rec.FirstPage, m.rec.LastPage = start, end
	}
	if pgn != "" {
		first, last := bib.ParsePages(pgn)
		if m.rec.FirstPage == "" {
			m.rec.FirstPage = first
		}
		if m.rec.LastPage == "" && (first == m.rec.FirstPage || start == "") {
			m.rec.LastPage = last
		}
	}
}

// elocation reads ELocationID: a DOI or a publisher item identifier.
func (m *mapper) elocation(n int32) {
	v := m.t.text(m.d, n)
	if v == "" {
		return
	}
	kind := strings.ToLower(m.d.attr(n, "EIdType"))
	if strings.EqualFold(m.d.attr(n, "ValidYN"), "N") {
		m.warn(n, fmt.Sprintf("ELocationID %s %q is marked not valid; not kept", kind, v))
		return
	}
	switch kind {
	case "doi":
		if !m.rec.AddDOI(v) {
			m.warn(n, fmt.Sprintf("ELocationID doi %q holds no DOI", v))
		}
	case "pii":
		m.rec.AddIdentifier(bib.PII, v)
	case "":
		m.rec.AddDOI(v)
	default:
		m.rec.AddIdentifier(kind, v)
	}
}

// abstract joins the AbstractText parts of Abstract, each structured part
// after its label: "BACKGROUND: ... METHODS: ...". CopyrightInformation is
// not part of the abstract.
func (m *mapper) abstract(n int32) string {
	d := m.d
	var first string
	var b strings.Builder
	parts := 0
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		if d.nodes[c].name != "AbstractText" {
			continue
		}
		s := m.t.text(d, c)
		if s == "" {
			continue
		}
		label := bib.CleanText(d.attr(c, "Label"))
		if strings.HasPrefix(s, label) {
			label = "" // already written in the text
		}
		switch parts {
		case 0:
			first = s
			if label != "" {
				first = label + ": " + s
			}
		case 1:
			b.WriteString(first)
			fallthrough
		default:
			b.WriteByte(' ')
			if label != "" {
				b.WriteString(label)
				b.WriteString(": ")
			}
			b.WriteString(s)
		}
		parts++
	}
	if parts <= 1 {
		return first
	}
	return b.String()
}

// authorList reads the Author elements of an AuthorList in order. Names NLM
// marks invalid (ValidYN="N", a misspelling kept beside its correction) are
// left out.
func (m *mapper) authorList(n int32) []bib.Person {
	d := m.d
	out := make([]bib.Person, 0, d.count(n, "Author"))
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		if d.nodes[c].name != "Author" || strings.EqualFold(d.attr(c, "ValidYN"), "N") {
			continue
		}
		if p := m.author(c); !p.IsZero() {
			out = append(out, p)
		}
	}
	return out
}

// appendPersons appends ps to list, without copying when list is empty.
func appendPersons(list, ps []bib.Person) []bib.Person {
	if len(list) == 0 {
		return ps
	}
	return append(list, ps...)
}

// author reads one Author: LastName, ForeName (FirstName and MiddleName in
// old files), Initials, Suffix, or CollectiveName for a group; ORCID
// identifiers; one Affiliation per AffiliationInfo.
func (m *mapper) author(n int32) bib.Person {
	d := m.d
	var p bib.Person
	var initials, first, middle string
	affStart := len(m.affs)
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		switch d.nodes[c].name {
		case "LastName":
			p.Family = m.t.text(d, c)
		case "ForeName":
			p.Given = m.t.text(d, c)
		case "FirstName":
			first = m.t.text(d, c)
		case "MiddleName":
			middle = m.t.text(d, c)
		case "Initials":
			initials = m.t.text(d, c)
		case "Suffix":
			p.Suffix = m.t.text(d, c)
		case "CollectiveName":
			p.Literal = m.t.text(d, c)
		case "Identifier":
			if strings.EqualFold(d.attr(c, "Source"), "ORCID") {
				v := m.t.text(d, c)
				switch o, ok := bib.FindORCID(v); {
				case ok:
					p.ORCID = o
				case o != "":
					m.warn(c, "ORCID "+o+" has a wrong check digit; not kept")
				case v != "":
					m.warn(c, fmt.Sprintf("ORCID %q is not an ORCID iD; not kept", v))
				}
			}
		case "AffiliationInfo":
			m.addAffiliation(affStart, m.t.text(d, d.child(c, "Affiliation")))
		case "Affiliation":
			m.addAffiliation(affStart, m.t.text(d, c))
		}
	}
	if len(m.affs) > affStart {
		p.Affiliations = m.affs[affStart:len(m.affs):len(m.affs)]
	}
	if p.Given == "" && (first != "" || middle != "") {
		p.Given = strings.TrimSpace(first + " " + middle)
	}
	if p.Given == "" {
		p.Given = initials
	}
	if p.Literal != "" && p.Family != "" {
		// Both a group and a person: keep the person, the group as written.
		p.Raw = p.Literal
		p.Literal = ""
	}
	return p
}

// warn adds a warning about element n, at its line.
func (m *mapper) warn(n int32, msg string) {
	m.rec.Warn(m.d.lineAt(m.d.nodes[n].start), msg)
}

// addAffiliation adds a to the affiliations of the author whose list
// starts at m.affs[start], unless it is there already.
func (m *mapper) addAffiliation(start int, a string) {
	if a == "" {
		return
	}
	for _, x := range m.affs[start:] {
		if x == a {
			return
		}
	}
	m.affs = append(m.affs, a)
}

// meshHeading reads one MeshHeading: a descriptor with its UI and major
// flag, and its qualifiers, one keyword per qualifier. A major qualifier
// makes only that keyword major; a major descriptor makes all of them
// major.
func (m *mapper) meshHeading(n int32) {
	d := m.d
	desc := d.child(n, "DescriptorName")
	term := m.t.text(d, desc)
	if term == "" {
		return
	}
	ui := d.attr(desc, "UI")
	major := isYes(d.attr(desc, "MajorTopicYN"))
	quals := 0
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		if d.nodes[c].name != "QualifierName" {
			continue
		}
		q := m.t.text(d, c)
		if q == "" {
			continue
		}
		quals++
		m.rec.AddKeyword(bib.Keyword{Term: term, Vocabulary: bib.VocabMeSH, Qualifier: q, Major: major || isYes(d.attr(c, "MajorTopicYN")), UI: ui})
	}
	if quals == 0 {
		m.rec.AddKeyword(bib.Keyword{Term: term, Vocabulary: bib.VocabMeSH, Major: major, UI: ui})
	}
}

// keywordList reads a KeywordList. Keywords the authors gave (Owner
// NOTNLM, or no owner) are author keywords; those of NLM, NASA, KIE, PIP
// and HHS indexers are index terms.
func (m *mapper) keywordList(n int32) {
	d := m.d
	vocab := bib.VocabAuthor
	switch strings.ToUpper(d.attr(n, "Owner")) {
	case "", "NOTNLM":
	default:
		vocab = bib.VocabIndex
	}
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		if d.nodes[c].name == "Keyword" {
			m.rec.AddKeyword(bib.Keyword{Term: m.t.text(d, c), Vocabulary: vocab, Major: isYes(d.attr(c, "MajorTopicYN"))})
		}
	}
}

func isYes(s string) bool { return s == "Y" || s == "y" }

func (m *mapper) language(n int32) {
	if l := m.t.text(m.d, n); l != "" {
		for _, x := range m.languages {
			if x == l {
				return
			}
		}
		m.languages = append(m.languages, l)
	}
}

func (m *mapper) publicationType(n int32) {
	if s := m.t.text(m.d, n); s != "" {
		for _, x := range m.rec.PublicationTypes {
			if x == s {
				return
			}
		}
		m.rec.PublicationTypes = append(m.rec.PublicationTypes, s)
	}
}

// pubmedData maps PubmedData or PubmedBookData: the ArticleIdList of the
// record itself (not those of its references).
func (m *mapper) pubmedData(n int32) {
	if l := m.d.child(n, "ArticleIdList"); l >= 0 {
		m.articleIDs(l)
	}
}

// articleIDs reads an ArticleIdList: pubmed, doi, pmc, pii, mid (NIH
// manuscript id), bookaccession, and any other IdType under its own name.
func (m *mapper) articleIDs(n int32) {
	d := m.d
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		if d.nodes[c].name != "ArticleId" {
			continue
		}
		v := m.t.text(d, c)
		if v == "" {
			continue
		}
		switch kind := strings.ToLower(d.attr(c, "IdType")); kind {
		case "pubmed":
			p := bib.NormalizePMID(v)
			switch {
			case p == "":
				m.warn(c, fmt.Sprintf("ArticleId pubmed %q is not a PubMed id", v))
			case m.pmid == "":
				m.pmid = p
			case p != m.pmid:
				m.otherPMIDs = append(m.otherPMIDs, p)
			}
		case "doi":
			if !m.rec.AddDOI(v) {
				m.warn(c, fmt.Sprintf("ArticleId doi %q holds no DOI", v))
			}
		case "pmc", "pmcid":
			if !m.rec.AddPMCID(v) {
				m.warn(c, fmt.Sprintf("ArticleId pmc %q is not a PMCID", v))
			}
		case "pii":
			m.rec.AddIdentifier(bib.PII, v)
		case "url":
			m.rec.AddURL(v)
		case "":
			m.rec.AddIdentifier("articleid", v)
		default:
			m.rec.AddIdentifier(kind, v)
		}
	}
}

// bookDocument maps PubmedBookArticle/BookDocument: a whole book, or a
// chapter (a BookDocument with its own ArticleTitle) of the Book it names.
func (m *mapper) bookDocument(n int32) {
	d := m.d
	m.isBookD = true
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		switch d.nodes[c].name {
		case "PMID":
			m.setPMID(c)
		case "ArticleIdList":
			m.articleIDs(c)
		case "Book":
			m.book(c)
		case "ArticleTitle":
			m.rec.Title = m.title(c)
			m.hasArticleTitle = m.rec.Title != ""
		case "VernacularTitle":
			m.vernacular = m.t.text(d, c)
		case "Pagination":
			m.pagination(c)
		case "ELocationID":
			m.elocation(c)
		case "Language":
			m.language(c)
		case "AuthorList":
			ps := m.authorList(c)
			if strings.EqualFold(d.attr(c, "Type"), "editors") {
				m.editors = append(m.editors, ps...)
			} else {
				m.docAuthors = append(m.docAuthors, ps...)
			}
		case "PublicationType":
			m.publicationType(c)
		case "Abstract":
			m.rec.Abstract = m.abstract(c)
		case "KeywordList":
			m.keywordList(c)
		case "ContributionDate":
			m.contribDate = m.date(c)
		}
	}
}

// book maps BookDocument/Book.
func (m *mapper) book(n int32) {
	d := m.d
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		switch d.nodes[c].name {
		case "Publisher":
			m.rec.Publisher = m.t.text(d, d.child(c, "PublisherName"))
			m.rec.Place = m.t.text(d, d.child(c, "PublisherLocation"))
		case "BookTitle":
			m.bookTitle = m.t.text(d, c)
		case "PubDate":
			m.pubDate = m.date(c)
		case "BeginningDate":
			m.beginDate = m.date(c)
		case "AuthorList":
			ps := m.authorList(c)
			if strings.EqualFold(d.attr(c, "Type"), "editors") {
				m.editors = append(m.editors, ps...)
			} else {
				m.bookAuthors = append(m.bookAuthors, ps...)
			}
		case "Volume":
			m.rec.Volume = m.t.text(d, c)
		case "Edition":
			m.rec.Edition = m.t.text(d, c)
		case "CollectionTitle":
			m.rec.Series = m.t.text(d, c)
		case "Isbn":
			v := m.t.text(d, c)
			isbns := bib.FindISBNs(v)
			if len(isbns) == 0 && v != "" {
				m.warn(c, fmt.Sprintf("Isbn %q is not an ISBN; not kept", v))
			}
			for _, i := range isbns {
				m.rec.AddIdentifier(bib.ISBN, i)
			}
		case "ELocationID":
			m.elocation(c)
		case "ReportNumber":
			m.rec.ArticleNumber = m.t.text(d, c)
		}
	}
}

// articleNumberPII reports whether a pii is an article number: "e" and
// digits.
func articleNumberPII(pii string) bool {
	return len(pii) > 1 && len(pii) < 12 && (pii[0] == 'e' || pii[0] == 'E') && bib.AllDigits(pii[1:])
}

// finish settles what depends on more than one element.
func (m *mapper) finish() {
	r := m.rec
	if m.isBookD {
		if m.hasArticleTitle {
			r.Type = "chapter"
			r.Container = m.bookTitle
			r.Authors = m.docAuthors
			if len(r.Authors) == 0 {
				r.Authors = m.bookAuthors
			}
		} else {
			r.Type = "book"
			r.Title = m.bookTitle
			r.Authors = append(m.bookAuthors, m.docAuthors...)
		}
		r.Editors = m.editors
		if m.pubDate.Year == 0 {
			m.pubDate = m.beginDate
		}
		if m.pubDate.Year == 0 {
			m.pubDate = m.contribDate
		}
	} else {
		if r.FirstPage == "" && r.ArticleNumber == "" {
			// eLife and PLOS give no pages, only the article number as
			// the ELocationID pii: "e42692" (not a publisher's internal
			// id such as "S0140-6736(20)30183-5")
			for _, pii := range r.IdentifierValues(bib.PII) {
				if articleNumberPII(pii) {
					r.ArticleNumber = pii
					break
				}
			}
		}
		r.Container = m.journalTitle
		r.ContainerAbbrev = m.isoAbbrev
		if r.ContainerAbbrev == "" {
			r.ContainerAbbrev = m.medlineTA
		}
		if r.Container == "" {
			r.Container = r.ContainerAbbrev
		}
	}
	r.Date = m.pubDate
	if r.Date.Year == 0 && m.articleDate.Year != 0 {
		r.Date = m.articleDate
	}
	if m.vernacular != "" && m.vernacular != r.Title {
		if r.Title == "" {
			r.Title = m.vernacular
		}
		r.OriginalTitle = m.vernacular
		if r.OriginalTitle == r.Title {
			r.OriginalTitle = ""
		}
	}
	if len(m.languages) > 0 {
		r.Language = m.languages[0]
	}
	if m.pmid != "" {
		r.SourceID = m.pmid
		// The record's own PMID first: CSL and RIS writers take the first.
		r.Identifiers = append(r.Identifiers, bib.Identifier{})
		copy(r.Identifiers[1:], r.Identifiers)
		r.Identifiers[0] = bib.Identifier{Scheme: bib.PMID, Value: m.pmid}
	}
	seen := map[string]bool{}
	for _, p := range m.otherPMIDs {
		if p != m.pmid && !seen[p] {
			seen[p] = true
			r.Warn(m.d.line, fmt.Sprintf("PMID %s also given; %s kept", p, m.pmid))
		}
	}
	if len(m.t.unknown) > 0 {
		r.Warn(m.d.line, "unknown entity "+strings.Join(m.t.unknown, ", ")+" kept as written")
	}
}
