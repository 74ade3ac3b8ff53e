package csvtable

import (
	"iter"
	"strconv"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// mapper turns one row into a record.
type mapper struct {
	t     *table
	cells []string
	rec   *bib.Record
}

// record maps a row onto a bib.Record.
func (t *table) record(cells []string) *bib.Record {
	m := &mapper{t: t, cells: cells, rec: &bib.Record{}}
	m.typ()
	m.titles()
	m.language()
	m.people()
	m.date()
	m.container()
	m.identifiers()
	m.subjects()
	m.rest()
	return m.rec
}

// get returns the first non-empty cell of a single-valued field, trimmed,
// with "NA"-style empties removed.
func (m *mapper) get(f field) string {
	for _, i := range m.t.single[f] {
		if i < len(m.cells) {
			if v := m.value(m.cells[i]); v != "" {
				return v
			}
		}
	}
	return ""
}

// value is cellValue, except in bibdb's own tables, whose cells are what
// bibdb wrote (trimmed).
func (m *mapper) value(cell string) string {
	if m.t.dialect == bibdb {
		return strings.TrimSpace(cell)
	}
	return cellValue(cell)
}

// text returns a single-valued field as clean text.
func (m *mapper) text(f field) string { return clean(m.get(f)) }

// markup returns text with markup removed, except in bibdb's own tables,
// whose text was cleaned when it was first read and is taken as it is.
func (m *mapper) markup(s string) string {
	if m.t.dialect == bibdb {
		return clean(s)
	}
	return cleanMarkup(s)
}

// cellValue trims a cell, takes the text out of Excel's formula for text
// that must stay text ('="19326203"', as EBSCO writes ISSNs and dates),
// and empties the placeholders exports write for nothing: "NA", "N/A",
// "#N/A" and Scopus's "[No abstract available]".
func cellValue(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 3 && s[0] == '=' && s[1] == '"' && s[len(s)-1] == '"' {
		s = strings.TrimSpace(s[2 : len(s)-1])
	}
	if len(s) <= 4 {
		switch s {
		case "NA", "N/A", "n/a", "#N/A":
			return ""
		}
	}
	if s != "" && s[0] == '[' && strings.HasPrefix(s, "[No ") && strings.HasSuffix(s, " available]") {
		return ""
	}
	return s
}

// clean collapses white space and normalizes to NFC.
func clean(s string) string {
	if bib.IsPlain(s) {
		return s
	}
	return bib.NFC(bib.CleanText(s))
}

// cleanMarkup also removes markup ("<inf>2</inf>", "<i>") and decodes HTML
// entities. Text with a "<" but none of the markup tags ("dose <5 mg") is
// kept as it is.
func cleanMarkup(s string) string {
	if strings.IndexByte(s, '<') >= 0 && hasMarkup(s) {
		s = bib.StripTags(s)
	}
	if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = bib.UnescapeEntities(s)
		if strings.IndexByte(s, '<') >= 0 && hasMarkup(s) {
			s = bib.StripTags(s) // markup that was escaped
		}
	}
	return clean(s)
}

// markupTags are the tags that make text markup: Scopus's "<inf>" and
// "<sup>", HTML that exporters let through, JATS and MathML.
var markupTags = []string{"<inf>", "<sup>", "<sub>", "<i>", "<b>", "<u>", "<em>", "<strong>", "<sc>", "<span", "<p>",
	"<br", "<div", "<a ", "<jats:", "<mml:", "<math", "<scp>", "<italic>", "<bold>"}

// hasMarkup reports whether s holds one of markupTags (in any case).
func hasMarkup(s string) bool {
	low := strings.ToLower(s)
	for _, t := range markupTags {
		if strings.Contains(low, t) {
			return true
		}
	}
	return false
}

func (m *mapper) typ() {
	rec := m.rec
	code, label := m.get(fType), m.get(fDocType)
	if label != "" {
		rec.PublicationTypes = append(rec.PublicationTypes, clean(label))
	}
	if m.t.dialect == bibdb && (code == "" || isCSLType(code)) {
		rec.Type = code
		return
	}
	rec.Type = workType(code, label)
	if code == "" && label == "" && m.t.export == cochraneExport && m.get(fJournal) != "" {
		// Cochrane's list of reviews has no type column: each row is a
		// review in the Cochrane Database of Systematic Reviews.
		rec.Type = "article-journal"
	}
}

func (m *mapper) titles() {
	rec := m.rec
	rec.Title = m.markup(m.get(fTitle))
	rec.ShortTitle = m.markup(m.get(fShortTitle))
	rec.TranslatedTitle = m.markup(m.get(fTranslatedTitle))
	rec.OriginalTitle = m.markup(m.get(fOriginalTitle))
}

func (m *mapper) language() {
	rec := m.rec
	rec.Language = m.text(fLanguage)
	if m.t.dialect != bibdb && rec.OriginalTitle == "" && (rec.Language != "" && !onlyEnglish(rec.Language) ||
		m.t.dialect == scopus && strings.Contains(rec.Title, "; [")) {
		// (Scopus's own form, "; [", also where it gives the language
		// as English alone: the article is in both)
		rec.Title, rec.OriginalTitle = splitOriginalTitle(rec.Title)
	}
}

// onlyEnglish reports whether a language cell names English alone.
func onlyEnglish(lang string) bool {
	for l := range strings.FieldsFuncSeq(lang, func(r rune) bool { return r == ';' || r == ',' || r == '|' }) {
		switch strings.ToLower(strings.TrimSpace(l)) {
		case "english", "en", "eng":
		default:
			return false
		}
	}
	return true
}

// splitOriginalTitle splits Scopus's "English title; [Original title]" (or
// "English title. [Original title]").
func splitOriginalTitle(t string) (title, original string) {
	if !strings.HasSuffix(t, "]") {
		return t, ""
	}
	i := strings.LastIndex(t, "[")
	if i <= 0 || strings.Contains(t[i+1:len(t)-1], "[") {
		return t, ""
	}
	head := strings.TrimRight(t[:i], " ")
	if !strings.HasSuffix(head, ";") && !strings.HasSuffix(head, ".") {
		return t, ""
	}
	orig := strings.TrimSpace(t[i+1 : len(t)-1])
	if len(strings.Fields(orig)) < 2 {
		return t, ""
	}
	head = strings.TrimSuffix(strings.TrimSuffix(head, ";"), ".")
	return strings.TrimSpace(head), orig
}

func (m *mapper) people() {
	rec := m.rec
	d := m.t.dialect
	switch {
	case d == bibdb:
		rec.Authors = bibdbNames(m.get(fAuthors))
		rec.Editors = bibdbNames(m.get(fEditors))
		rec.Translators = bibdbNames(m.get(fTranslators))
	case d == scopus:
		rec.Authors = m.scopusAuthors()
		rec.Editors = names(m.get(fEditors), scopus)
	default:
		full := m.get(fAuthorFullNames)
		switch {
		case full != "":
			rec.Authors = names(stripScopusIDs(full), d)
		case m.t.export == springerExport:
			rec.Authors = m.springerAuthors()
		default:
			rec.Authors = names(m.get(fAuthors), d)
		}
		rec.Editors = names(m.get(fEditors), d)
		rec.Translators = names(m.get(fTranslators), d)
	}

	var affiliations []string // the Affiliations cell split, once needed
	if v := m.get(fAuthorsWithAffiliations); v != "" {
		affiliations = splitList(m.get(fAffiliations), scopus)
		linkScopusAffiliations(rec, m.get(fAuthors), v, &affiliationList{list: affiliations})
	}
	var lines [16]line
	if v := m.get(fAuthorAffiliations); v != "" {
		if d == bibdb {
			addAffiliationLines(rec, nameLines(lines[:0], rec.Authors, v))
		} else {
			alignAffiliations(rec, v)
		}
	}
	if v := m.get(fAuthorORCIDs); v != "" {
		if d == bibdb {
			for _, l := range nameLines(lines[:0], rec.Authors, v) {
				if l.author >= 0 {
					rec.Authors[l.author].ORCID = l.value
				}
			}
		} else if ids := splitAligned(v); len(ids) == len(rec.Authors) {
			for i, id := range ids {
				if id, ok := bib.FindORCID(id); ok {
					rec.Authors[i].ORCID = id
				}
			}
		}
	}
	if v := m.get(fAffiliations); v != "" {
		if d == bibdb {
			for a := range strings.SplitSeq(v, "\n") {
				rec.AddAffiliation(a)
			}
		} else if strings.HasPrefix(v, "[") {
			linkGroupedAffiliations(rec, v)
		} else {
			if affiliations == nil {
				affiliations = splitList(v, scopus)
			}
			addRecordAffiliations(rec, affiliations)
		}
	}
	if v := m.text(fCorrespondence); v != "" {
		rec.Notes = append(rec.Notes, "Correspondence address: "+v)
	}
	if v := m.get(fAuthorIDs); v != "" && d == scopus && len(rec.Authors) > 0 {
		ids := 0
		for range listItems(strings.TrimSuffix(v, ";"), scopus) {
			ids++
		}
		if ids != len(rec.Authors) {
			rec.Warn(0, "Author(s) ID lists "+strconv.Itoa(ids)+" ids for "+strconv.Itoa(len(rec.Authors))+" authors")
		}
	}
}

// addRecordAffiliations adds affiliations to the record's, making room for
// them at once rather than growing the slice one by one.
func addRecordAffiliations(rec *bib.Record, affiliations []string) {
	room := rec.Affiliations == nil
	if room {
		rec.Affiliations = make([]string, 0, len(affiliations))
	}
	for _, a := range affiliations {
		rec.AddAffiliation(a)
	}
	if room && len(rec.Affiliations) == 0 {
		rec.Affiliations = nil // none added: as without the room
	}
}

// springerAuthors reads SpringerLink's Authors cell, which runs the names
// together with nothing between them ("Sonia RoyoAna Yetano"). They are
// split where one name seems to end and the next to begin (see
// splitJoinedNames); as that is a guess, the record says so in a
// warning. A cell that does separate its names is read as any other.
func (m *mapper) springerAuthors() []bib.Person {
	v := m.get(fAuthors)
	if strings.ContainsAny(v, ";,|") {
		return names(v, m.t.dialect)
	}
	parts := splitJoinedNames(v)
	if len(parts) < 2 {
		return names(v, m.t.dialect)
	}
	joined := strings.Join(parts, "; ")
	m.rec.Warn(0, "the Authors cell runs "+strconv.Itoa(len(parts))+" names together; split where a lower-case letter meets a capital (a guess): "+strconv.Quote(joined))
	return names(joined, m.t.dialect)
}

// scopusAuthors reads Authors and Author full names: the full names, with
// their Scopus ids removed, are used when they list as many people as
// Authors (or Authors is empty).
func (m *mapper) scopusAuthors() []bib.Person {
	shortCell, fullCell := m.get(fAuthors), m.get(fAuthorFullNames)
	if fullCell == "" {
		return names(shortCell, scopus)
	}
	full := scopusFullNames(stripScopusIDs(fullCell))
	if shortCell == "" || strings.Count(fullCell, ";") == strings.Count(shortCell, ";") {
		return full
	}
	return names(shortCell, scopus)
}

// scopusFullNames reads Scopus's "Author full names" cell, its ids
// removed: names written "Family, Given" and separated by ";". A cell of
// one name has no ";", and its comma parts one name, never two people.
func scopusFullNames(v string) []bib.Person {
	if strings.IndexByte(v, ';') >= 0 {
		return names(v, scopus)
	}
	if v = strings.TrimSpace(v); v == "" {
		return nil
	}
	return appendNames(nil, v, scopus)
}

func (m *mapper) date() {
	rec := m.rec
	year, date := m.get(fYear), m.get(fDate)
	if m.t.export == ebscoExport {
		date = ebscoDate(date)
	}
	if m.t.dialect == bibdb {
		rec.Date = parseTableDate(date)
		if y, err := strconv.Atoi(year); err == nil {
			rec.Date.Year = y
		}
		if raw := clean(m.get(fDateRaw)); raw != "" {
			rec.Date.Raw = raw
		}
		return
	}
	d := bib.ParseDate(date)
	if year != "" {
		y := bib.ParseDate(year)
		if y.Year == 0 {
			y.Year = bib.ExtractYear(year)
		}
		if y.Year != 0 {
			d = y.Merge(d)
		}
	}
	if d.Year != 0 && d.Month == 0 {
		// the month and day in columns of their own (Covidence, Rayyan)
		if mo := bib.MonthNumber(strings.TrimSpace(m.get(fMonth))); mo > 0 {
			d.Month = mo
			if day, err := strconv.Atoi(strings.TrimSpace(m.get(fDay))); err == nil && day >= 1 && day <= 31 {
				d.Day = day
			}
		}
	}
	rec.Date = d
}

func (m *mapper) container() {
	rec := m.rec
	rec.Container = m.markup(m.get(fJournal))
	rec.ContainerAbbrev = clean(m.get(fJournalAbbrev))
	rec.Series = clean(m.get(fSeries))
	rec.Volume = clean(m.get(fVolume))
	rec.Issue = clean(m.get(fIssue))
	rec.ArticleNumber = clean(m.get(fArticleNumber))
	first, last := clean(m.get(fFirstPage)), clean(m.get(fLastPage))
	switch {
	case m.t.dialect == bibdb:
		rec.FirstPage, rec.LastPage = first, last
	case first == "" && last == "":
		rec.SetPages(m.get(fPages))
	default:
		rec.FirstPage, rec.LastPage = first, last
		if bib.AllDigits(first) && bib.AllDigits(last) && len(last) < len(first) {
			_, rec.LastPage = bib.ParsePages(first + "-" + last)
		}
	}
	if m.t.export == ebscoExport && rec.LastPage == "" && bib.AllDigits(rec.FirstPage) {
		// EBSCO gives the first page and the number of pages; its RIS
		// has the last page as the first plus the count, less one.
		first, err1 := strconv.Atoi(rec.FirstPage)
		n, err2 := strconv.Atoi(m.get(fPageCount))
		if err1 == nil && err2 == nil && n > 0 && n < 100000 {
			rec.LastPage = strconv.Itoa(first + n - 1)
		}
	}
	rec.Edition = clean(m.get(fEdition))
	rec.Publisher = clean(m.get(fPublisher))
	rec.Place = clean(m.get(fPlace))
	rec.CollectionNumber = clean(m.get(fSeriesNumber))
	rec.NumberOfPages = clean(m.get(fNumberOfPages))
	rec.Version = clean(m.get(fVersion))
	rec.EventPlace = clean(m.get(fEventPlace))
	if v := clean(m.get(fAccessed)); v != "" {
		rec.Accessed = parseTableDate(v)
	}
	if m.t.dialect != bibdb && rec.Container != "" && strings.EqualFold(rec.Container, rec.Title) && rec.Type == "book" {
		rec.Container = "" // a Scopus book is its own source
	}
}

func (m *mapper) identifiers() {
	rec := m.rec
	// Room for the few identifiers and ISSNs most records have: growing
	// the slices one element at a time costs more. (The room is given
	// back when none is found.)
	idRoom, issnRoom := rec.Identifiers == nil, rec.ISSNs == nil
	if idRoom {
		rec.Identifiers = make([]bib.Identifier, 0, 4)
	}
	if issnRoom {
		rec.ISSNs = make([]bib.ISSN, 0, 2)
	}
	var buf [4]string
	for _, d := range bib.AppendDOIs(buf[:0], m.get(fDOI)) {
		rec.AddIdentifier(bib.DOI, d)
	}
	for p := range splitIDs(m.get(fPMID)) {
		rec.AddPMID(p)
	}
	for p := range splitIDs(m.get(fPMCID)) {
		rec.AddPMCID(p)
	}
	for _, v := range bib.FindISBNs(m.get(fISBN)) {
		rec.AddIdentifier(bib.ISBN, v)
	}
	if v := m.get(fEID); v != "" {
		rec.AddIdentifier(bib.EID, v)
	}
	if v := m.get(fCODEN); v != "" {
		rec.AddIdentifier("coden", v)
	}
	if v := m.get(fOtherIDs); v != "" {
		for p := range strings.SplitSeq(v, ";") {
			scheme, value, ok := strings.Cut(strings.TrimSpace(p), ":")
			if ok && scheme != "" && strings.TrimSpace(value) != "" {
				rec.AddIdentifier(strings.TrimSpace(scheme), strings.TrimSpace(value))
			}
		}
	}
	for _, c := range m.t.multi {
		if c.index >= len(m.cells) {
			continue
		}
		v := m.value(m.cells[c.index])
		if v == "" {
			continue
		}
		switch c.field {
		case fISSN:
			issns(rec, v, c.detail)
		case fIdentifier:
			for p := range splitIDs(v) {
				if strings.EqualFold(p, c.detail) {
					continue // Cochrane names the database before the number: "EMBASE 643589775"
				}
				if c.detail == "embase" && len(p) > 1 && (p[0] == 'L' || p[0] == 'l') && bib.AllDigits(p[1:]) {
					p = p[1:] // Embase.com's "L643589775"; Ovid and Cochrane write no "L"
				}
				rec.AddIdentifier(c.detail, p)
			}
		case fURL:
			if m.t.dialect == bibdb {
				for u := range strings.SplitSeq(v, "; ") {
					rec.AddURL(u)
				}
				continue
			}
			for u := range strings.FieldsFuncSeq(v, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '|' }) {
				rec.AddURL(strings.TrimRight(u, ";,"))
			}
		}
	}
	if idRoom && len(rec.Identifiers) == 0 {
		rec.Identifiers = nil
	}
	if issnRoom && len(rec.ISSNs) == 0 {
		rec.ISSNs = nil
	}
	rec.SourceID = m.get(fID)
	for _, scheme := range []string{bib.EID, bib.WOS} {
		if rec.SourceID == "" {
			rec.SourceID = rec.Identifier(scheme)
		}
	}
}

// splitIDs splits a cell of identifiers on ";", "|", "," and white space.
func splitIDs(v string) iter.Seq[string] {
	return strings.FieldsFuncSeq(v, func(r rune) bool { return r == ';' || r == '|' || r == ',' || r == ' ' || r == '\n' })
}

// issns adds the ISSNs of a cell; a kind is read from the words beside each
// one ("0007-1250 (Print)") unless the column says it.
func issns(rec *bib.Record, v, kind string) {
	var buf [4]string
	for part := range strings.FieldsFuncSeq(v, func(r rune) bool { return r == ';' || r == ',' || r == '|' || r == '\n' }) {
		found := bib.AppendISSNs(buf[:0], part)
		k := kind
		if k == "" && len(found) == 1 {
			k = bib.ISSNKind(part)
		}
		for _, s := range found {
			rec.AddISSN(s, k)
		}
	}
}

func (m *mapper) subjects() {
	rec := m.rec
	n := 0
	for _, c := range m.t.multi {
		if c.field == fKeywords && c.index < len(m.cells) && m.cells[c.index] != "" {
			n += strings.Count(m.cells[c.index], ";") + 1
		}
	}
	rec.Keywords = make([]bib.Keyword, 0, n)
	for _, c := range m.t.multi {
		if c.field != fKeywords || c.index >= len(m.cells) {
			continue
		}
		v := m.value(m.cells[c.index])
		if v == "" {
			continue
		}
		major := strings.HasSuffix(c.key, "majorfocus")
		switch {
		case m.t.dialect == bibdb && c.detail == bib.VocabMeSH:
			for term := range listItems(v, bibdb) {
				addMeSH(rec, term)
			}
		case c.detail == "*":
			for term := range listItems(v, bibdb) {
				rec.Keywords = append(rec.Keywords, otherKeyword(term))
			}
		case m.t.dialect == bibdb:
			for term := range listItems(v, bibdb) {
				rec.Keywords = append(rec.Keywords, bib.Keyword{Term: clean(term), Vocabulary: c.detail})
			}
		default:
			d := m.t.dialect
			if m.t.export == ebscoExport {
				d = scopus // terms separated by ";" only: a subject may hold a comma ("DISEASES, Chronic")
			}
			// Zotero's tags and Cochrane's keywords mix MeSH headings
			// ("*Literacy", "Conduct Disorder [*prevention & control]")
			// with free terms, as the RIS of the same records does.
			mixed := c.detail == bib.VocabAuthor && (c.key == "manualtags" || m.t.export == cochraneExport)
			var buf [4]bib.Keyword
			var terms [16]string
			for _, term := range appendKeywords(terms[:0], v, d) {
				term = cleanMarkup(term)
				switch {
				case c.detail == bib.VocabMeSH || mixed && bib.IsMeSHHeading(term):
					for _, k := range bib.AppendMeSH(buf[:0], term) {
						rec.AddKeyword(k)
					}
				default:
					rec.AddKeyword(bib.Keyword{Term: term, Vocabulary: c.detail, Major: major})
				}
			}
		}
	}
}

// otherKeyword reads an entry of bibdb's other_keywords column:
// "vocabulary: term {major} {qualifier: ...} {ui: ...}".
func otherKeyword(s string) bib.Keyword {
	var k bib.Keyword
	vocab, term, ok := strings.Cut(s, ": ")
	if !ok {
		vocab, term = "", s
	}
	k.Vocabulary = strings.TrimSpace(vocab)
	for strings.HasSuffix(term, "}") {
		i := strings.LastIndex(term, " {")
		if i < 0 {
			break
		}
		attr := term[i+2 : len(term)-1]
		switch name, val, _ := strings.Cut(attr, ": "); name {
		case "major":
			k.Major = true
		case "qualifier":
			k.Qualifier = val
		case "ui":
			k.UI = val
		default:
			return bib.Keyword{Term: clean(term), Vocabulary: k.Vocabulary}
		}
		term = term[:i]
	}
	k.Term = clean(term)
	return k
}

// addMeSH adds a heading as bibdb writes it: "Neoplasms/*therapy [D009369]".
func addMeSH(rec *bib.Record, s string) {
	ui := ""
	if strings.HasSuffix(s, "]") {
		if i := strings.LastIndex(s, " ["); i > 0 {
			ui = s[i+2 : len(s)-1]
			s = s[:i]
		}
	}
	n := len(rec.Keywords)
	rec.Keywords = bib.AppendMeSH(rec.Keywords, s)
	for i := n; i < len(rec.Keywords); i++ {
		rec.Keywords[i].UI = ui
	}
}

func (m *mapper) rest() {
	rec := m.rec
	rec.Abstract = m.markup(m.get(fAbstract))
	if m.t.export == ebscoExport {
		rec.Abstract = bib.DropCopyrightNotice(rec.Abstract)
	}
	if v := m.get(fPublicationTypes); v != "" {
		for t := range listItems(v, m.t.dialect) {
			rec.PublicationTypes = append(rec.PublicationTypes, clean(t))
		}
	}
	if v := m.text(fPublicationStage); v != "" && !strings.EqualFold(v, "final") {
		rec.PublicationTypes = append(rec.PublicationTypes, v)
	}
	if m.t.export == pubMedExport {
		pubMedCitation(rec, m.text(fCitation))
	}
	if v := m.text(fSource); v != "" {
		if isDatabaseName(v) {
			rec.Database = v
		} else if !parseCitation(rec, v) {
			rec.Notes = append(rec.Notes, "Source: "+v)
		}
	}
	if v := m.text(fDatabase); v != "" {
		rec.Database = v
	}
	if rec.Database == "" {
		switch m.t.export {
		case cochraneExport:
			rec.Database = "Cochrane Library"
		case openAlexExport:
			rec.Database = "OpenAlex"
		case springerExport:
			rec.Database = "SpringerLink"
		case pubMedExport:
			rec.Database = "PubMed"
		case ebscoExport:
			rec.Database = ebscoDatabase(rec.URLs)
		}
	}
	if v := m.get(fNotes); v != "" {
		if m.t.dialect == bibdb {
			for n := range strings.SplitSeq(v, "\n") {
				if n = clean(n); n != "" {
					rec.Notes = append(rec.Notes, n)
				}
			}
		} else {
			rec.Notes = append(rec.Notes, clean(v))
		}
	}
	if v := m.get(fExtra); v != "" {
		if rest := extraIDs(rec, v); rest != "" {
			rec.Notes = append(rec.Notes, rest)
		}
	}
	var buf [3]string
	conf := buf[:0]
	for _, f := range []field{fConference, fConferenceLocation, fConferenceDate} {
		if v := m.text(f); v != "" {
			conf = append(conf, v)
		}
	}
	if len(conf) > 0 {
		rec.Notes = append(rec.Notes, "Conference: "+strings.Join(conf, ", "))
	}
}

// ebscoDatabase returns the short name EBSCOhost gives the database of a
// record, from the "db" parameter of its permalink
// ("https://search.ebscohost.com/login.aspx?direct=true&db=aph&AN=176404503"):
// "aph", as EBSCO's RIS writes it in DB, which bibdb reports under the
// database's name (Academic Search Premier; rzh and ccm are CINAHL, psyh
// PsycINFO, mdc and cmedm MEDLINE).
func ebscoDatabase(urls []string) string {
	for _, u := range urls {
		_, query, ok := strings.Cut(u, "?")
		if !ok {
			continue
		}
		for query != "" {
			var kv string
			kv, query, _ = strings.Cut(query, "&")
			if k, v, _ := strings.Cut(kv, "="); strings.EqualFold(k, "db") && v != "" {
				return v
			}
		}
	}
	return ""
}

// ebscoDate rewrites EBSCO's publication dates into forms bib.ParseDate
// reads: "4/3/2024" is month, day and year, as in the United States
// (EBSCO's RIS of the same record has "2024/04/03/"), and "Jun2023" or
// "Spring2021" want a space before the year.
func ebscoDate(s string) string {
	if mo, rest, ok := strings.Cut(s, "/"); ok {
		day, year, ok := strings.Cut(rest, "/")
		m, err1 := strconv.Atoi(mo)
		d, err2 := strconv.Atoi(day)
		if !ok || err1 != nil || err2 != nil || len(year) != 4 || !bib.AllDigits(year) || m < 1 || m > 12 || d < 1 || d > 31 {
			return s
		}
		return year + "-" + twoDigits(m) + "-" + twoDigits(d)
	}
	if i := len(s) - 4; i > 0 && bib.AllDigits(s[i:]) && (s[i-1] >= 'a' && s[i-1] <= 'z' || s[i-1] >= 'A' && s[i-1] <= 'Z') {
		return s[:i] + " " + s[i:]
	}
	return s
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// isDatabaseName reports whether a Source cell names a database ("Scopus",
// "Embase") rather than citing the journal (Embase's "Cancer (2004) 102:4
// (253-258)").
func isDatabaseName(v string) bool {
	return len(v) <= 40 && !strings.ContainsAny(v, "0123456789():")
}

// parseCitation reads Embase's Source cell, "Journal (2014) 3:3 (152-160).
// Date of Publication: 1 Jul 2014", filling what the row does not have.
// pubMedCitation fills the volume, issue and pages of a record of PubMed's
// CSV from its Citation cell, written as MEDLINE writes SO: "Health Soc
// Care Community. 2022 Nov;30(6):e6067-e6079. doi: 10.1111/hsc.14044.
// Epub 2022 Oct 1." A citation without ";" (an article ahead of print)
// gives nothing.
func pubMedCitation(rec *bib.Record, v string) {
	_, after, ok := strings.Cut(v, ";")
	if !ok {
		return
	}
	if i := strings.Index(after, ". "); i >= 0 {
		after = after[:i]
	}
	after = strings.TrimSuffix(strings.TrimSpace(after), ".")
	volIssue, pages, _ := strings.Cut(after, ":")
	vol, issue := volIssue, ""
	if i := strings.IndexByte(volIssue, '('); i >= 0 && strings.HasSuffix(volIssue, ")") {
		vol, issue = volIssue[:i], volIssue[i+1:len(volIssue)-1]
	}
	fillCitation(rec, vol, issue, pages)
}

// fillCitation sets the volume, issue and pages a citation gives, where
// the record has none.
func fillCitation(rec *bib.Record, volume, issue, pages string) {
	if rec.Volume == "" {
		rec.Volume = strings.TrimSpace(volume)
	}
	if rec.Issue == "" {
		rec.Issue = strings.TrimSpace(issue)
	}
	if rec.FirstPage == "" && pages != "" {
		rec.SetPages(pages)
	}
}

func parseCitation(rec *bib.Record, v string) bool {
	open := strings.Index(v, " (")
	if open <= 0 || len(v) < open+7 || v[open+6] != ')' || bib.ExtractYear(v[open+2:open+6]) == 0 {
		return false
	}
	journal := v[:open]
	year := bib.ExtractYear(v[open+2 : open+6])
	rest := strings.TrimSpace(v[open+7:])
	var dateText string
	if i := strings.Index(rest, "Date of Publication:"); i >= 0 {
		dateText = strings.TrimSpace(rest[i+len("Date of Publication:"):])
		rest = strings.TrimSpace(rest[:i])
	}
	rest = strings.TrimSuffix(rest, ".")
	var pages string
	if i := strings.Index(rest, "("); i >= 0 && strings.HasSuffix(rest, ")") {
		pages = rest[i+1 : len(rest)-1]
		rest = strings.TrimSpace(rest[:i])
	}
	vol, iss, _ := strings.Cut(rest, ":")
	if rec.Container == "" {
		rec.Container = journal
	}
	fillCitation(rec, vol, iss, pages)
	if rec.Date.Year == 0 {
		d := bib.ParseDate(dateText)
		if d.Year != year {
			d = bib.Date{Year: year}
		}
		rec.Date = d
	}
	return true
}

// extraIDs takes the identifiers out of a Zotero "Extra" cell ("PMID:
// 35319117 PMCID: PMC9151451", "DOI: 10...") and returns what is left.
func extraIDs(rec *bib.Record, v string) string {
	fields := strings.Fields(v)
	var rest []string
	for i := 0; i < len(fields); i++ {
		key := strings.ToUpper(strings.TrimSuffix(fields[i], ":"))
		if strings.HasSuffix(fields[i], ":") && i+1 < len(fields) {
			val := fields[i+1]
			switch key {
			case "PMID":
				if rec.AddPMID(val) {
					i++
					continue
				}
			case "PMCID":
				if rec.AddPMCID(val) {
					i++
					continue
				}
			case "DOI":
				if rec.AddDOI(val) {
					i++
					continue
				}
			}
		}
		rest = append(rest, fields[i])
	}
	return strings.Join(rest, " ")
}

// parseTableDate reads the date column bibdb writes: "2023-06-01",
// "2023-06", "2023", any of them followed by a season ("2023 Spring"), or
// a date as written when no year is known.
func parseTableDate(s string) bib.Date {
	s = strings.TrimSpace(s)
	if s == "" {
		return bib.Date{}
	}
	var d bib.Date
	iso, season, _ := strings.Cut(s, " ")
	year, monthDay, hasMonth := strings.Cut(iso, "-")
	month, day, hasDay := strings.Cut(monthDay, "-")
	y, err := strconv.Atoi(year)
	if err != nil || strings.Contains(day, "-") || len(year) != 4 {
		d = bib.ParseDate(s)
		d.Raw = s
		return d
	}
	d.Year = y
	if hasMonth {
		d.Month, _ = strconv.Atoi(month)
	}
	if hasDay {
		d.Day, _ = strconv.Atoi(day)
	}
	d.Season = season
	return d
}
