package medline

import (
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// Map turns the tag occurrences of one record into a bib.Record:
//
//	PMID               the PMID, and the record's SourceID
//	OWN                the database: "PubMed" for NLM and its partners (PIP, KIE, NASA, HMD, ...), "ERIC" for ERIC
//	TI, BTI, CTI, TT   title (TI, several joined; BTI for a whole book), book title of a chapter (BTI), series (CTI);
//	                   a TI in brackets is the English translation of a title in another language: the
//	                   brackets are dropped and it is also the TranslatedTitle, with TT (the title as
//	                   written in its language) the OriginalTitle; "[Not Available]" gives way to TT
//	FAU/AU, CN         authors in order: FAU with its AU (AU alone when there is no FAU, "Byng R" read as
//	                   family name and initials; "et al." dropped), CN a group author (Literal) in its place
//	FED/ED             editors, paired the same way
//	AD                 an affiliation of the author, group or editor before it (each AD one affiliation);
//	                   an AD before any author is the record's
//	AUID               the ORCID of the person before it ("ORCID: 0000-...", also as a URL), stored bare
//	IR/FIR, IRAD       investigators, who are not authors: not kept (they stay in Raw)
//	JT, TA             journal and its abbreviation (TA stands for the journal when JT is absent); for
//	                   ERIC records that are not journal articles, JT is the publisher
//	IS, ISSN           ISSNs with their print, electronic or linking kind
//	VI, IP, PG         volume, issue, pages (an abbreviated range "466-75" is expanded)
//	DP, DEP, PHST      date: DP in any form ("2016 Jan 15", "2016 Jan-Feb", "2010 Spring", "2000 Dec
//	                   23-30", "2013 06 10", ERIC's "Article 10 2019"), kept as written in Raw when it is a
//	                   range or says more than year, month and day; DEP, then the PHST publication dates,
//	                   when DP has no year
//	LID, AID           "[doi]" DOIs (also "doi:" and doi.org URLs), "[pii]", "[pmc]", "[bookaccession]";
//	                   other URLs (ERIC) are URLs; the LID of an article without pages (its electronic
//	                   location, "e0212345") is its article number
//	PMC                the PMCID
//	MH                 MeSH headings: "*" marks a major topic, "/" its qualifiers, one keyword per qualifier
//	OT, OTO            keywords: author keywords, or index terms when OTO names an indexer other than
//	                   NOTNLM (and ERIC's thesaurus descriptors)
//	PT                 publication types, which with BTI/TI give the record's type (journal article,
//	                   book, chapter, conference paper, report, thesis, ...); a lone PT that is a
//	                   type in words, as the writer gives it ("Document"), is that type
//	LA, AB, GN         language (the first), abstract (several AB joined), notes
//	PB, PL, EN, ISBN   publisher, place (for books and reports; for journals PL is the journal's country),
//	                   edition, ISBNs
//	OID                ERIC's accession number (EJ…/ED…): identifier "eric", and the SourceID
//	SO                 for ERIC, volume, issue, pages and article number when their tags are absent
//	                   ("v10 n1 p1-10 2000", "v9 Article 10 2019"); its "doi: " when no other tag has a DOI
//
// OAB/OABL (abstracts in other languages), CI, COIS, GR, RN, PST, STAT and
// the processing dates are not mapped; they stay in the record's Raw text.
func Map(fields []Field) *bib.Record { return mapFields(fields, false) }

// mapFields is Map; trusted says whether the fields' plain flags were set
// by the reader (else every value is cleaned).
func mapFields(fields []Field, trusted bool) *bib.Record {
	return mapWith(fields, trusted, &buffers{})
}

// buffers are lists that the mapping of a record fills and reads back at
// once, kept by a Reader from record to record so that they are made once.
// The record keeps none of them.
type buffers struct {
	keywords []bib.Keyword // the keywords of one MeSH heading
	found    []string      // the ISSNs or DOIs found in one value
}

// mapWith is mapFields with the buffers to use.
func mapWith(fields []Field, trusted bool, buf *buffers) *bib.Record {
	m := mapper{rec: &bib.Record{}, cur: -1, trusted: trusted, fields: fields, buf: buf}
	// Size the lists from the tags, and find the owner, which decides how
	// some tags read, wherever it is.
	var people, keywords, affs, ids, issns, pts int
	for i := range fields {
		switch fields[i].Tag {
		case "FAU", "CN":
			people++
		case "MH":
			// a keyword per qualifier ("Anxiety/therapy/diagnosis")
			keywords += max(1, strings.Count(fields[i].Value, "/"))
		case "OT":
			keywords++
		case "AD":
			affs++
		case "PMID", "LID", "AID", "PMC", "OID", "ISBN":
			ids++
		case "IS", "ISSN":
			issns++
		case "PT":
			pts++
		case "OWN":
			if m.owner == "" {
				m.owner = m.text(&fields[i])
				m.eric = strings.EqualFold(m.owner, "ERIC")
			}
		}
	}
	if people > 0 {
		m.rec.Authors = make([]bib.Person, 0, people)
	}
	if keywords > 0 {
		m.rec.Keywords = make([]bib.Keyword, 0, keywords)
	}
	if affs > 0 {
		m.affs = make([]string, 0, affs)
	}
	if ids > 0 {
		m.rec.Identifiers = make([]bib.Identifier, 0, ids)
	}
	if issns > 0 {
		m.rec.ISSNs = make([]bib.ISSN, 0, issns)
	}
	if pts > 0 {
		m.rec.PublicationTypes = make([]string, 0, pts)
	}
	for i := range fields {
		m.field(&fields[i])
	}
	m.finish()
	// Lists made ahead for tags that turned out empty are no lists.
	if len(m.rec.Identifiers) == 0 {
		m.rec.Identifiers = nil
	}
	if len(m.rec.ISSNs) == 0 {
		m.rec.ISSNs = nil
	}
	if len(m.rec.PublicationTypes) == 0 {
		m.rec.PublicationTypes = nil
	}
	return m.rec
}

// Roles of the people in a record.
const (
	roleNone = iota
	roleAuthor
	roleEditor
	roleInvestigator
)

// How the current person was first named.
const (
	fromFull  = iota // FAU, FED, FIR
	fromShort        // AU, ED, IR
	fromGroup        // CN
)

type mapper struct {
	rec     *bib.Record
	trusted bool   // the fields' plain flags can be believed
	owner   string // OWN
	eric    bool   // OWN is ERIC

	// The person the next AD or AUID belongs to.
	role      int
	cur       int    // index in the role's list, -1 for none
	curFrom   int    // fromFull, fromShort or fromGroup
	curPaired bool   // the other form of the name has been read
	curShort  string // the short form, for a person named by it

	oto string // the OTO in force

	fields []Field
	buf    *buffers

	title, bookTitle, collTitle, translit, abstract joined
	journal, abbrev                                 string
	pg, so, dp, dep, pb, pl, en                     string
	dpLine                                          int
	articleNumber                                   string // from LID, for articles without pages
	ericID                                          string
	doiFound                                        bool

	affs     []string // the affiliations of the record's people, one after the other
	affStart int      // where the current person's begin in affs
}

// joined collects the values of a tag that may repeat, joined by spaces.
type joined struct{ s string }

func (j *joined) add(v string) {
	switch {
	case v == "":
	case j.s == "":
		j.s = v
	default:
		j.s += " " + v
	}
}

func (m *mapper) field(f *Field) {
	rec := m.rec
	switch f.Tag {
	case "FAU", "AU", "AD", "AUID", "CN", "FED", "ED", "FIR", "IR", "IRAD":
	default:
		m.role, m.cur = roleNone, -1 // an AD after other tags is the record's
	}
	switch f.Tag {
	case "PMID":
		if s := m.text(f); s != "" && !rec.AddPMID(s) {
			rec.Warn(f.Line, "PMID "+quote(s)+" is not a PubMed id")
		}
	case "TI":
		m.title.add(m.text(f))
	case "BTI":
		m.bookTitle.add(m.text(f))
	case "CTI":
		m.collTitle.add(m.text(f))
	case "TT":
		m.translit.add(m.text(f))
	case "AB":
		m.abstract.add(m.text(f))
	case "FAU", "FED", "FIR":
		m.fullName(f, roleOf(f.Tag))
	case "AU", "ED", "IR":
		m.shortName(f, roleOf(f.Tag))
	case "CN":
		if s := m.text(f); s != "" {
			rec.Authors = append(rec.Authors, bib.Person{Literal: s})
			m.role, m.cur, m.curFrom = roleAuthor, len(rec.Authors)-1, fromGroup
		}
	case "AD":
		m.affiliation(m.text(f))
	case "IRAD":
		// an investigator's affiliation
	case "AUID":
		m.orcid(f)
	case "JT":
		if m.journal == "" {
			m.journal = m.text(f)
		}
	case "TA":
		if m.abbrev == "" {
			m.abbrev = m.text(f)
		}
	case "IS", "ISSN":
		m.issns(m.text(f))
	case "ISBN":
		for _, s := range bib.FindISBNs(trimLabel(m.text(f), "ISBN")) {
			rec.AddIdentifier(bib.ISBN, s)
		}
	case "VI":
		setFirst(&rec.Volume, m.text(f))
	case "IP":
		setFirst(&rec.Issue, m.text(f))
	case "PG":
		setFirst(&m.pg, m.text(f))
	case "DP":
		if m.dp == "" {
			m.dp, m.dpLine = m.text(f), f.Line
		}
	case "DEP":
		setFirst(&m.dep, m.text(f))
	case "LID", "AID":
		m.locationID(f)
	case "PMC":
		if s := m.text(f); s != "" && !rec.AddPMCID(s) {
			rec.Warn(f.Line, "PMC "+quote(s)+" is not a PubMed Central id")
		}
	case "MH":
		if v := m.text(f); strings.IndexByte(v, '/') < 0 && strings.IndexByte(v, '*') < 0 {
			m.keyword(f, v, bib.VocabMeSH) // a descriptor alone
			break
		}
		m.buf.keywords = bib.AppendMeSH(m.buf.keywords[:0], f.Value)
		for _, k := range m.buf.keywords {
			k.Term = strings.TrimLeft(k.Term, "* ") // "**Term"
			k.Qualifier = strings.TrimLeft(k.Qualifier, "* ")
			if !hasAlnum(k.Term) {
				continue // stray marks: "*/*"
			}
			if !hasAlnum(k.Qualifier) {
				k.Qualifier = ""
			}
			rec.AddKeyword(k)
		}
	case "OTO":
		m.oto = strings.ToUpper(m.text(f))
	case "OT":
		vocab := bib.VocabAuthor
		if m.oto != "" && m.oto != "NOTNLM" || m.oto == "" && m.eric {
			vocab = bib.VocabIndex
		}
		m.keyword(f, m.text(f), vocab)
	case "PT":
		if s := m.text(f); s != "" {
			rec.PublicationTypes = append(rec.PublicationTypes, s)
		}
	case "LA":
		setFirst(&rec.Language, m.text(f))
	case "PB":
		setFirst(&m.pb, m.text(f))
	case "PL":
		setFirst(&m.pl, m.text(f))
	case "EN":
		setFirst(&m.en, m.text(f))
	case "GN":
		if s := m.text(f); s != "" {
			rec.Notes = append(rec.Notes, s)
		}
	case "OID":
		if s := m.text(f); isERICID(s) {
			rec.AddIdentifier("eric", s)
			if m.ericID == "" {
				m.ericID = s
			}
		}
	case "SO":
		setFirst(&m.so, m.text(f))
	}
}

func roleOf(tag string) int {
	switch tag {
	case "FAU", "AU":
		return roleAuthor
	case "FED", "ED":
		return roleEditor
	}
	return roleInvestigator
}

// people returns the list of a role (nil for investigators, who are not
// kept).
func (m *mapper) people(role int) *[]bib.Person {
	switch role {
	case roleAuthor:
		return &m.rec.Authors
	case roleEditor:
		return &m.rec.Editors
	}
	return nil
}

// fullName reads FAU, FED or FIR: a new person, unless it is the full
// form of the person just named by a short form (files that write AU
// before FAU).
func (m *mapper) fullName(f *Field, role int) {
	s := m.text(f)
	p := tidy(parseFullName(s))
	list := m.people(role)
	if m.role == role && m.cur >= 0 && m.curFrom == fromShort && !m.curPaired && list != nil && sameFamily(p, m.curShort) {
		q := &(*list)[m.cur]
		p.Affiliations, p.ORCID = q.Affiliations, q.ORCID
		*q = p
		m.curPaired = true
		return
	}
	m.role, m.cur, m.curFrom, m.curPaired = role, -1, fromFull, false
	if p.IsZero() || list == nil {
		return
	}
	*list = append(*list, p)
	m.cur = len(*list) - 1
}

// shortName reads AU, ED or IR: the short form of the person just named
// by FAU (nothing new), or a person of its own.
func (m *mapper) shortName(f *Field, role int) {
	s := m.text(f)
	list := m.people(role)
	if m.role == role && m.curFrom == fromFull && !m.curPaired && (list == nil || m.cur >= 0 && sameFamily((*list)[m.cur], s)) {
		m.curPaired = true
		return
	}
	m.role, m.cur, m.curFrom, m.curPaired, m.curShort = role, -1, fromShort, false, s
	p := tidy(parseShortName(s))
	if p.IsZero() || list == nil {
		return
	}
	*list = append(*list, p)
	m.cur = len(*list) - 1
}

// current returns the person the next AD or AUID belongs to, or nil.
func (m *mapper) current() *bib.Person {
	list := m.people(m.role)
	if list == nil || m.cur < 0 {
		return nil
	}
	return &(*list)[m.cur]
}

func (m *mapper) affiliation(a string) {
	if a == "" {
		return
	}
	switch p := m.current(); {
	case p != nil:
		if len(p.Affiliations) == 0 {
			m.affStart = len(m.affs)
		}
		for _, x := range p.Affiliations {
			if x == a {
				return
			}
		}
		// The people's affiliations share one array; each person's slice
		// is capped so that an append of its own never reaches the next.
		m.affs = append(m.affs, a)
		p.Affiliations = m.affs[m.affStart:len(m.affs):len(m.affs)]
	case m.role == roleNone:
		m.rec.AddAffiliation(a)
	}
}

func (m *mapper) orcid(f *Field) {
	s := m.text(f)
	if !strings.Contains(strings.ToLower(s), "orcid") && (strings.IndexByte(s, ':') >= 0 || !looksLikeORCID(s)) {
		return // another kind of author id ("ISNI: ...")
	}
	p := m.current()
	if p == nil || p.ORCID != "" {
		return
	}
	id, ok := bib.FindORCID(s)
	switch {
	case ok:
		p.ORCID = id
	case id != "":
		m.rec.Warn(f.Line, "ORCID "+id+" has a wrong check digit; not kept")
	default:
		m.rec.Warn(f.Line, "no ORCID in "+quote(s))
	}
}

// locationID reads LID and AID: "value [type]", or a bare DOI or URL.
func (m *mapper) locationID(f *Field) {
	rec := m.rec
	value, kind := splitIDType(m.text(f))
	if value == "" {
		return
	}
	switch kind {
	case "doi":
		if m.addDOI(value) {
			m.doiFound = true
		} else {
			rec.Warn(f.Line, "no DOI in "+quote(value))
		}
	case "pii":
		if f.Tag == "LID" && m.articleNumber == "" && isArticleNumber(value) {
			m.articleNumber = value // a PII only if the record has no pages (see finish)
			return
		}
		rec.AddIdentifier(bib.PII, value)
	case "pmc", "pmcid":
		rec.AddPMCID(value)
	case "pmid", "pubmed":
		rec.AddPMID(value)
	case "bookaccession":
		rec.AddIdentifier("bookshelf", value)
	case "":
		switch {
		case m.addDOI(value):
			m.doiFound = true
		case isURL(value):
			rec.AddURL(value)
		case f.Tag == "LID" && m.articleNumber == "" && isArticleNumber(value):
			m.articleNumber = value
		}
	}
}

// finish settles what depends on the whole record: titles, type,
// container, date, pages.
func (m *mapper) finish() {
	rec := m.rec
	title, bookTitle, original := m.title.s, m.bookTitle.s, m.translit.s
	if t, translated := unbracket(title); translated {
		if isNotAvailable(t) {
			t = ""
		}
		title, rec.TranslatedTitle = t, t
	}
	rec.OriginalTitle = original

	rec.SetPages(m.pg)
	switch {
	case m.articleNumber == "":
	case m.pg == "":
		rec.ArticleNumber = m.articleNumber
	default:
		rec.AddIdentifier(bib.PII, m.articleNumber)
	}
	if m.eric {
		ericSource(rec, m.so)
	}

	rec.Type = recordType(rec.PublicationTypes, m.eric, m.ericID, title != "", bookTitle != "",
		m.journal != "" || m.abbrev != "" || len(rec.ISSNs) > 0 || rec.Volume != "")
	if rec.Type == "book" && title == "" {
		title = bookTitle
	}
	switch {
	case m.eric && rec.Type != "article-journal":
		// ERIC names the publisher or institution of a document in JT.
		rec.Publisher = m.journal
	case rec.Type == "book":
	case rec.Type == "chapter" || bookTitle != "" && m.journal == "":
		rec.Container = bookTitle
	default:
		rec.Container = m.journal
		if rec.Container == "" {
			rec.Container = m.abbrev
		}
	}
	if title == "" {
		title = original
	}
	rec.Title = title
	rec.Series = m.collTitle.s
	rec.ContainerAbbrev = m.abbrev
	if m.pb != "" {
		rec.Publisher = m.pb
	}
	if !isPeriodical(rec.Type) {
		rec.Place = m.pl
	}
	rec.Edition = m.en
	rec.Abstract = m.abstract.s

	if !m.doiFound {
		// PubMed's SO ends "doi: 10.1016/j.wem.2022.07.008."
		if i := strings.Index(m.so, "doi: "); i >= 0 {
			m.findDOIs(m.so[i:])
			for _, d := range m.buf.found {
				rec.AddIdentifier(bib.DOI, d)
			}
		}
	}
	if rec.Type == "thesis" && m.eric {
		if u := thesisInstitution(m.so); u != "" {
			rec.Publisher = u
		}
	}

	rec.Date = parseDP(m.dp)
	if rec.Date.Year == 0 {
		if d := bib.ParseDate(m.dep); d.Year != 0 {
			rec.Date = d
		} else if d := historyDate(m.fields); d.Year != 0 {
			rec.Date = d
		} else if m.dp != "" {
			rec.Warn(m.dpLine, "no year in DP "+quote(m.dp))
		}
	}

	rec.Database = database(m.owner, rec.Identifier(bib.PMID) != "")
	rec.SourceID = rec.Identifier(bib.PMID)
	if rec.SourceID == "" {
		rec.SourceID = m.ericID
	}
	if pts := rec.PublicationTypes; len(pts) == 1 && wordsType(pts[0]) == rec.Type {
		// the type in words, as the writer gives it, and no publication
		// type, unless it is all the record has
		if rec.PublicationTypes = nil; unusable(rec) {
			rec.PublicationTypes = pts
		}
	}
}

// clean collapses white space and puts the text in NFC.
func clean(s string) string { return bib.NFC(bib.CleanText(s)) }

// text returns the value of a field, cleaned.
func (m *mapper) text(f *Field) string {
	if m.trusted && f.plain {
		return f.Value
	}
	return clean(f.Value)
}

// keyword adds a keyword whose term is the text of f. A value the reader
// found clean is not cleaned again.
func (m *mapper) keyword(f *Field, term, vocab string) {
	k := bib.Keyword{Term: term, Vocabulary: vocab}
	if m.trusted && f.plain {
		m.rec.AddCleanKeyword(k)
		return
	}
	m.rec.AddKeyword(k)
}

// setFirst sets *dst to s unless it already has a value.
func setFirst(dst *string, s string) {
	if *dst == "" {
		*dst = s
	}
}

func quote(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return "\"" + s + "\""
}

// trimLabel removes a leading "LABEL-", "LABEL:" or "LABEL " (ERIC writes
// "ISBN-978-..." and "ISSN-1234-5678").
func trimLabel(s, label string) string {
	if len(s) > len(label) && strings.EqualFold(s[:len(label)], label) {
		switch s[len(label)] {
		case '-', ':', ' ':
			return strings.TrimSpace(s[len(label)+1:])
		}
	}
	return s
}

// findDOIs sets m.buf.found to the DOIs of s, as bib.FindDOIs finds them.
func (m *mapper) findDOIs(s string) {
	found := bib.AppendDOIs(m.buf.found[:0], s)
	if found == nil {
		found = m.buf.found[:0] // no DOI, and the buffer is kept
	}
	m.buf.found = found
}

// addDOI is rec.AddDOI: it adds the first DOI of s and reports whether s
// held one.
func (m *mapper) addDOI(s string) bool {
	m.findDOIs(s)
	if len(m.buf.found) == 0 {
		return false
	}
	m.rec.AddIdentifier(bib.DOI, m.buf.found[0])
	return true
}

// issns adds the ISSNs of an IS value ("1471-2105 (Electronic)") or of
// ERIC's ISSN value ("ISSN-1234-4567", "EISSN-2375-5636").
func (m *mapper) issns(s string) {
	rec := m.rec
	var kind string
	switch {
	case strings.HasSuffix(s, " (Print)"):
		kind = bib.ISSNPrint
	case strings.HasSuffix(s, " (Electronic)"):
		kind = bib.ISSNElectronic
	case strings.HasSuffix(s, " (Linking)"):
		kind = bib.ISSNLinking
	default:
		kind = bib.ISSNKind(s)
	}
	if kind == "" && len(s) > 5 && strings.EqualFold(s[:5], "ISSN-") {
		kind = bib.ISSNPrint // ERIC's label for the print ISSN, beside EISSN
	}
	m.buf.found = bib.AppendISSNs(m.buf.found[:0], s)
	for _, v := range m.buf.found {
		rec.AddISSN(v, kind)
	}
}

// splitIDType splits "10.1000/x [doi]" into its value and its lower-case
// type; a value without a bracketed type has type "".
func splitIDType(s string) (value, kind string) {
	if strings.HasSuffix(s, "]") {
		if i := strings.LastIndexByte(s, '['); i >= 0 {
			return strings.TrimSpace(s[:i]), strings.ToLower(strings.TrimSpace(s[i+1 : len(s)-1]))
		}
	}
	return s, ""
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) && !strings.ContainsAny(s, " \t")
}

// isArticleNumber reports whether an electronic location reads as an
// article number ("e0212345", "102345", "CD001234") rather than a
// publisher item identifier such as "S1080-6032(22)00139-9".
func isArticleNumber(s string) bool {
	if s == "" || len(s) > 16 || strings.ContainsAny(s, "()/ ") {
		return false
	}
	digits, letters := 0, 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case isDigit(c):
			digits++
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			if digits > 0 {
				return false // letters after digits: an identifier, not a number
			}
			letters++
		case c == '.' || c == '-':
			if digits == 0 {
				return false
			}
		default:
			return false
		}
	}
	return digits > 0 && letters <= 3
}

func isERICID(s string) bool {
	if len(s) < 3 || (s[:2] != "EJ" && s[:2] != "ED") {
		return false
	}
	for i := 2; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// unbracket removes the brackets MEDLINE puts around an English title
// translated from another language: "[Lichtenberg figures]." →
// "Lichtenberg figures." It reports whether there were such brackets.
func unbracket(t string) (string, bool) {
	if len(t) < 3 || t[0] != '[' {
		return t, false
	}
	end := strings.TrimRight(t, ". ")
	if !strings.HasSuffix(end, "]") {
		return t, false
	}
	inner := end[1 : len(end)-1]
	depth := 0
	for i := 0; i < len(inner); i++ {
		switch inner[i] {
		case '[':
			depth++
		case ']':
			if depth == 0 {
				return t, false // "[A] and [B]": two groups, not one bracketed title
			}
			depth--
		}
	}
	inner = strings.TrimSpace(inner)
	if strings.HasSuffix(inner, ".") {
		// no space before the full stop, as when the stop stood outside
		// the brackets ("[Title ]." is read "Title.")
		inner = strings.TrimRight(inner[:len(inner)-1], " ") + "."
	}
	if len(end) < len(t) && !strings.HasSuffix(inner, ".") && !strings.HasSuffix(inner, "?") && !strings.HasSuffix(inner, "!") {
		inner += "."
	}
	return inner, true
}

func isNotAvailable(t string) bool {
	return strings.EqualFold(strings.TrimRight(t, ". "), "Not Available")
}

// recordType reads the CSL type from the publication types, the titles and
// whether the record names a journal.
func recordType(pts []string, eric bool, ericID string, hasTitle, hasBookTitle, hasJournal bool) string {
	if eric {
		return ericType(pts, ericID, hasJournal)
	}
	if len(pts) == 1 {
		if t := wordsType(pts[0]); t != "" {
			return t
		}
	}
	best := ""
	rank := 0
	for _, pt := range pts {
		t, r := pubMedType(pt)
		if r > rank {
			best, rank = t, r
		}
	}
	switch {
	case best == "book" && hasTitle && hasBookTitle:
		return "chapter"
	case best != "":
		return best
	case hasBookTitle && hasTitle:
		return "chapter"
	case hasBookTitle:
		return "book"
	case hasJournal:
		return "article-journal"
	}
	for _, pt := range pts {
		if strings.EqualFold(pt, "Journal Article") {
			return "article-journal"
		}
	}
	if len(pts) > 0 {
		return "article"
	}
	return "document" // nothing says what it is
}

// wordsType returns the CSL type a PT names in words ("Document",
// "Motion picture", "Article magazine"), as the writer gives the type of a
// work MEDLINE has no publication type for, or "".
func wordsType(pt string) string {
	if len(pt) < 3 || len(pt) > 30 {
		return ""
	}
	for i, t := range wordTypes {
		if len(t) == len(pt) && strings.EqualFold(wordTypeWords[i], pt) {
			return t
		}
	}
	return ""
}

// wordTypeWords are the wordTypes in words, as typeWords writes them.
var wordTypeWords = func() []string {
	out := make([]string, len(wordTypes))
	for i, t := range wordTypes {
		out[i] = typeWords(t)
	}
	return out
}()

// wordTypes are the CSL types that no MEDLINE publication type gives and
// whose words are no publication type either (as "Review" and "Interview"
// are).
var wordTypes = []string{"article-magazine", "entry", "entry-dictionary", "entry-encyclopedia", "figure", "graphic",
	"manuscript", "motion_picture", "musical_score", "pamphlet", "personal_communication", "post", "post-weblog",
	"review-book", "song", "speech", "treaty", "webpage", "broadcast", "bill", "collection", "event", "hearing",
	"performance", "regulation", "software", "standard", "classic", "document"}

// pubMedTypes are the MEDLINE publication types that say what form a work
// has, with their CSL types and ranks: the types that say most win.
var pubMedTypes = []struct {
	pt, csl string
	rank    int
}{
	{"Book Chapter", "chapter", 9},
	{"Book", "book", 8},
	{"Books", "book", 8},
	{"Academic Dissertation", "thesis", 7},
	{"Dissertation", "thesis", 7},
	{"Thesis", "thesis", 7},
	{"Congress", "paper-conference", 6},
	{"Congresses", "paper-conference", 6},
	{"Clinical Conference", "paper-conference", 6},
	{"Consensus Development Conference", "paper-conference", 6},
	{"Consensus Development Conference, NIH", "paper-conference", 6},
	{"Technical Report", "report", 5},
	{"Preprint", "article", 5},
	{"Dataset", "dataset", 5},
	{"Newspaper Article", "article-newspaper", 5},
	{"Legal Case", "legal_case", 5},
	{"Legislation", "legislation", 5},
	{"Patent", "patent", 5},
	{"Webcast", "webpage", 4},
	{"Journal Article", "article-journal", 1},
}

// pubMedType maps a MEDLINE publication type onto a CSL type and its rank
// (0 for the types that say nothing of the form: "Review", "Editorial").
func pubMedType(pt string) (string, int) {
	for _, t := range pubMedTypes {
		if len(t.pt) == len(pt) && strings.EqualFold(t.pt, pt) {
			return t.csl, t.rank
		}
	}
	return "", 0
}

// ericType maps ERIC's publication types ("Journal Articles", "Reports -
// Research", "Books", "Dissertations/Theses - Doctoral Dissertations", ...)
// onto a CSL type. ERIC documents (ED numbers) that are none of these are
// reports.
func ericType(pts []string, ericID string, hasJournal bool) string {
	has := func(prefix string) bool {
		for _, pt := range pts {
			if len(pt) >= len(prefix) && strings.EqualFold(pt[:len(prefix)], prefix) {
				return true
			}
		}
		return false
	}
	switch {
	case has("Journal Articles"):
		return "article-journal"
	case has("Dissertations/Theses"):
		return "thesis"
	case has("Books"), has("Collected Works"):
		return "book"
	case has("Speeches/Meeting Papers"):
		return "paper-conference"
	case has("Numerical/Quantitative Data"):
		return "dataset"
	case has("Legal/Legislative"):
		return "legislation"
	case strings.HasPrefix(ericID, "EJ"):
		return "article-journal"
	case len(pts) > 0 || strings.HasPrefix(ericID, "ED"):
		return "report"
	case hasJournal:
		return "article-journal"
	}
	return "document"
}

func isPeriodical(t string) bool {
	switch t {
	case "article-journal", "article-magazine", "article-newspaper", "article", "paper-conference", "review", "review-book":
		return true
	}
	return false
}

// database names the database of a record from its OWN: the owners that
// contribute to PubMed give "PubMed", ERIC gives "ERIC", any other owner
// is kept as written. A record with no OWN but a PMID is PubMed's.
func database(own string, hasPMID bool) string {
	switch strings.ToUpper(own) {
	case "":
		if hasPMID {
			return "PubMed"
		}
		return ""
	case "NLM", "PIP", "KIE", "NASA", "HMD", "HSR", "PUBMED", "MEDLINE", "NOTNLM", "NCBI", "PMC":
		return "PubMed"
	case "ERIC":
		return "ERIC"
	}
	return own
}

// ericSource fills volume, issue, pages and article number from ERIC's SO
// ("v10 n1 p1-10 2000", "v9 Article 10 2019") where their tags are absent.
func ericSource(rec *bib.Record, so string) {
	toks := strings.Fields(so)
	for i, t := range toks {
		switch {
		case len(t) > 1 && t[0] == 'v' && isDigit(t[1]):
			if rec.Volume == "" {
				rec.Volume = t[1:]
			}
		case len(t) > 1 && t[0] == 'n' && isDigit(t[1]):
			if rec.Issue == "" {
				rec.Issue = t[1:]
			}
		case len(t) > 1 && t[0] == 'p' && isDigit(t[1]):
			if rec.FirstPage == "" && rec.LastPage == "" {
				rec.SetPages(t[1:])
			}
		case t == "Article" && i+2 < len(toks) && isArticleNumber(toks[i+1]) && rec.ArticleNumber == "" && rec.FirstPage == "":
			rec.ArticleNumber = toks[i+1]
		}
	}
}

// thesisInstitution reads the university from ERIC's SO of a thesis:
// "Ph.D. Dissertation, Drexel University".
func thesisInstitution(so string) string {
	low := strings.ToLower(so)
	for _, w := range []string{"dissertation, ", "thesis, "} {
		if i := strings.Index(low, w); i >= 0 {
			return strings.TrimSpace(strings.TrimRight(so[i+len(w):], ". "))
		}
	}
	return ""
}

// parseDP reads a DP value. All-number dates ("2013 06 10", "2010 06") are
// year, month and day; the rest is bib.ParseDate's. Raw keeps the value
// when it is not plain "YYYY", "YYYY Mon" or "YYYY Mon D".
func parseDP(s string) bib.Date {
	if s == "" {
		return bib.Date{}
	}
	if d, ok := plainDate(s); ok {
		return d
	}
	toks := strings.Fields(s)
	var d bib.Date
	if numericDate(toks) {
		d.Year = bib.ExtractYear(toks[0])
		if len(toks) > 1 {
			if n := dayNumber(toks[1]); n <= 12 {
				d.Month = n
			}
			if len(toks) > 2 && d.Month != 0 {
				d.Day = dayNumber(toks[2])
			}
		}
	} else {
		d = bib.ParseDate(s)
	}
	if d.Raw == "" && !plainDP(toks, d) {
		d.Raw = s
	}
	return d
}

// plainDate reads the usual DP forms, "2016", "2016 Jan" and "2016 Jan
// 15", without allocating.
func plainDate(s string) (bib.Date, bool) {
	var d bib.Date
	if len(s) < 4 || len(s) > 4 && s[4] != ' ' {
		return d, false
	}
	for i := 0; i < 4; i++ {
		if !isDigit(s[i]) {
			return d, false
		}
	}
	d.Year = int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	if d.Year < 1500 || d.Year > 2099 {
		return bib.Date{}, false
	}
	if len(s) == 4 {
		return d, true
	}
	if len(s) < 8 || len(s) > 8 && s[8] != ' ' {
		return bib.Date{}, false
	}
	if d.Month = monthOf(s[5:8]); d.Month == 0 {
		return bib.Date{}, false
	}
	if len(s) == 8 {
		return d, true
	}
	if d.Day = dayNumber(s[9:]); d.Day == 0 {
		return bib.Date{}, false
	}
	return d, true
}

// monthOf returns 1-12 for a month as MEDLINE abbreviates it ("Jan"), or 0.
func monthOf(t string) int {
	for i := 1; i < len(monthAbbrev); i++ {
		if t == monthAbbrev[i] {
			return i
		}
	}
	return 0
}

func numericDate(toks []string) bool {
	if len(toks) < 2 || len(toks) > 3 || len(toks[0]) != 4 {
		return false
	}
	for _, t := range toks {
		for i := 0; i < len(t); i++ {
			if !isDigit(t[i]) {
				return false
			}
		}
	}
	return true
}

func dayNumber(t string) int {
	n := 0
	for i := 0; i < len(t); i++ {
		if !isDigit(t[i]) || i >= 2 {
			return 0
		}
		n = n*10 + int(t[i]-'0')
	}
	if n < 1 || n > 31 {
		return 0
	}
	return n
}

// plainDP reports whether the DP tokens say no more than the parsed date.
func plainDP(toks []string, d bib.Date) bool {
	if d.Year == 0 || len(toks) == 0 || len(toks) > 3 || len(toks[0]) != 4 {
		return false
	}
	if len(toks) >= 2 && (d.Month == 0 || monthOf(toks[1]) != d.Month) {
		return false
	}
	if len(toks) == 3 && d.Day == 0 {
		return false
	}
	return true
}

// historyDate returns the first publication date of the PHST fields
// ("2006/01/10 [epublish]", "2005/12/23 [aheadofprint]", "... [ppublish]").
func historyDate(fields []Field) bib.Date {
	for _, f := range fields {
		if f.Tag != "PHST" {
			continue
		}
		value, kind := splitIDType(clean(f.Value))
		switch kind {
		case "epublish", "ppublish", "aheadofprint":
			if i := strings.IndexByte(value, ' '); i > 0 {
				value = value[:i] // the time
			}
			d := bib.ParseDate(value)
			d.Raw = ""
			if d.Year != 0 {
				return d
			}
		}
	}
	return bib.Date{}
}
