package bibtex

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/bib"
)

// types maps BibTeX and biblatex entry types onto CSL types.
var types = map[string]string{
	"article": "article-journal", "suppperiodical": "article-journal",
	"book": "book", "mvbook": "book", "booklet": "book", "collection": "book", "mvcollection": "book",
	"proceedings": "book", "mvproceedings": "book", "reference": "book", "mvreference": "book",
	"inbook": "chapter", "bookinbook": "chapter", "suppbook": "chapter", "incollection": "chapter",
	"suppcollection": "chapter", "inreference": "entry-encyclopedia", "inproceedings": "paper-conference",
	"conference": "paper-conference", "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
	"techreport": "report", "report": "report", "manual": "report", "misc": "document", "unpublished": "manuscript",
	"online": "webpage", "electronic": "webpage", "www": "webpage", "webpage": "webpage", "patent": "patent",
	"periodical": "periodical", "dataset": "dataset", "data": "dataset", "software": "software",
	"softwareversion": "software", "softwaremodule": "software", "codefragment": "software", "audio": "song",
	"music": "song", "video": "motion_picture", "movie": "motion_picture", "image": "graphic", "artwork": "graphic",
	"legislation": "legislation", "legal": "legislation", "legmaterial": "legislation", "jurisdiction": "legal_case",
	"legadminmaterial": "regulation", "standard": "standard", "presentation": "speech", "talk": "speech",
	"letter": "personal_communication", "review": "review", "performance": "performance", "map": "map",
	"commentary": "article", "preprint": "article", "hardware": "document", "nameonly": "document",
	"article-journal": "article-journal", "journal": "periodical", "newspaper": "article-newspaper",
	"magazine": "article-magazine", "interview": "interview", "manuscript": "manuscript", "booksection": "chapter",
	"chapter": "chapter", "dictionary": "book", "encyclopedia": "book",
	// Mendeley's own types
	"book_section": "chapter", "web_page": "webpage",
}

// parts are the entry types that are a part of a larger work named by
// booktitle.
var parts = map[string]bool{
	"inbook": true, "bookinbook": true, "suppbook": true, "incollection": true, "suppcollection": true,
	"inreference": true, "inproceedings": true, "conference": true, "booksection": true, "chapter": true,
	"book_section": true,
}

// unpublishedTypes are the entry types of works that are in no periodical
// unless a journal says so: their number is no issue.
var unpublishedTypes = map[string]bool{
	"misc": true, "online": true, "electronic": true, "www": true, "webpage": true, "unpublished": true,
	"preprint": true, "manuscript": true,
}

// containers are the entry types a part can inherit its container from.
var containers = map[string]bool{
	"book": true, "mvbook": true, "collection": true, "mvcollection": true, "proceedings": true,
	"mvproceedings": true, "reference": true, "mvreference": true, "periodical": true, "journal": true,
}

// CSLType returns the CSL type of an entry type; @misc and an unknown
// type are "document" (Map refines @misc by what the entry holds).
func CSLType(entryType string) string {
	if t, ok := types[strings.ToLower(entryType)]; ok {
		return t
	}
	return "document"
}

// Map turns an entry into a bib.Record. Values are turned from LaTeX into
// Unicode with Text (names with Names); verbatim fields (url, doi, eprint)
// only lose their braces, \url{...} and escapes.
//
//	entry type        Type (see CSLType); @article with entrysubtype magazine or newspaper is one;
//	                  Scopus's @book of type "Book chapter" is a chapter;
//	                  @misc (and an unknown type) is a preprint (article) with an arXiv id, an
//	                  article-journal with a journal and a volume, issue, pages or ISSN, a webpage
//	                  when a link is all it has, else a document
//	title, subtitle   Title ("Title: Subtitle"); booktitle for a @book without title;
//	                  shorttitle, origtitle, translatedtitle: ShortTitle, OriginalTitle, TranslatedTitle
//	author, editor    Authors, Editors; "and others" adds no one (the record gets a warning)
//	journaltitle, journal (+ journalsubtitle)   Container; fjournal is the full title when given,
//	                  and journal then its abbreviation
//	shortjournal, journal-iso, journalabbrev, abbrev_source_title, ...   ContainerAbbrev
//	booktitle (+ booksubtitle)   Container of a part (@inproceedings, @incollection, @inbook, ...)
//	series, volume    Series, Volume
//	number, issue     Issue (number first); for reports, patents, standards and legal texts
//	                  number is the ArticleNumber, and so it is for a @misc, @online or
//	                  @unpublished in no journal and for an arXiv id ("arXiv:2402.08052")
//	pages             FirstPage, LastPage ("1--10", "2609 – 2625", "466-75", "e0815")
//	eid, art_number, articleno   ArticleNumber
//	date              Date (biblatex: "2023-06-01", ranges "2023/2024" keep the start and Raw),
//	                  else year, month (jan, "June", 6, "NOV-DEC"), day
//	edition, publisher, address/location/city   Edition, Publisher (else school, institution or
//	                  organization), Place (city is Mendeley's)
//	doi               DOI identifiers (also URLs and SICI DOIs with <>); a DOI only in url,
//	                  howpublished or note is taken from there
//	pmid, pmcid, eprint with eprinttype pubmed, pmc, arxiv or doi, archiveprefix arXiv   PMID,
//	                  PMCID, arXiv identifiers; "PMID: n" in a note
//	issn, eissn, isbn   ISSNs (with the kinds written beside them), ISBNs
//	unique-id (WOS:..., several joined by ';'; another collection's ZOOREC:..., CABI:...: theirs),
//	                  a WOS: key, scopus-eid, a Scopus link with eid=, pii   WOS, EID, PII
//	coden             CODEN identifiers (several split on ',' or ';')
//	abstract          Abstract
//	keywords          author keywords (Scopus: index terms when author_keywords is there too),
//	                  split on ';', or on ',' when there is no ';'; author_keywords,
//	                  mendeley-tags: author; keywords-plus: Keywords Plus; index-keywords: index;
//	                  mesh: MeSH headings ("*Major", "Term/Qualifier")
//	affiliations, affiliation   Affiliations split on ';'; a Web of Science list (one
//	                  "Names, Address" per line) gives each author theirs
//	language, langid, hyphenation   Language
//	url, howpublished, link, bdsk-url-N   URLs (howpublished that is no link is a note)
//	note, addendum, annote, annotation   Notes
//	type, document_type   PublicationTypes (split on ';')
//	source, database  Database (source only when it names a database, as Scopus writes it);
//	                  a WoS identifier says Web of Science
func Map(e *Entry) *bib.Record {
	rec := &bib.Record{SourceID: e.Key}
	get := e.Get
	text := func(names ...string) string {
		for _, n := range names {
			if t := e.text(n); t != "" {
				return t
			}
		}
		return ""
	}
	typ := e.Type
	rec.Type = CSLType(typ)
	switch strings.ToLower(Text(get("entrysubtype"))) {
	case "magazine":
		if typ == "article" {
			rec.Type = "article-magazine"
		}
	case "newspaper":
		if typ == "article" {
			rec.Type = "article-newspaper"
		}
	}

	// Titles.
	rec.Title = joinTitle(text("title"), text("subtitle"))
	isPart := parts[typ]
	if rec.Title == "" && !isPart {
		rec.Title = joinTitle(text("booktitle"), text("booksubtitle"))
	}
	if rec.Title == "" {
		rec.Title = text("maintitle", "shorttitle")
	}
	// HTML a digital library left in the text, escaped as entities that
	// the LaTeX step decodes (ACM: &lt;italic&gt;T5&lt;/italic&gt;).
	rec.Title = bib.StripMarkup(rec.Title)
	rec.ShortTitle = text("shorttitle")
	if rec.ShortTitle == rec.Title {
		rec.ShortTitle = ""
	}
	rec.OriginalTitle = text("origtitle")
	rec.TranslatedTitle = text("translatedtitle", "title_en", "englishtitle")

	// People.
	var etAl bool
	if v := get("author"); v != "" {
		rec.Authors, etAl = Names(v)
	}
	if v := get("editor"); v != "" {
		rec.Editors, _ = Names(v)
	}
	if v := get("translator"); v != "" {
		rec.Translators, _ = Names(v)
	}
	if etAl {
		rec.Warn(e.Line, "author list ends in \"and others\": it is not complete")
	}

	// Container.
	full := joinTitle(text("journaltitle", "journal", "fjournal", "journalfull", "journal-full"), text("journalsubtitle"))
	if j := adsJournal(full); j != "" {
		full = j // NASA ADS's "\apj"
	}
	abbrev := text("shortjournal", "journal-iso", "journalabbrev", "journal-abbrev", "journal_abbrev",
		"abbrev_source_title", "journalabbreviation", "iso-abbrev", "jabbrev", "abbrevjournal")
	if fj := text("fjournal", "journalfull", "journal-full"); fj != "" && get("journaltitle") == "" {
		if j := text("journal"); j != "" && j != fj && abbrev == "" {
			abbrev = j
		}
		full = fj
	}
	book := joinTitle(text("booktitle"), text("booksubtitle"))
	switch {
	case isPart:
		rec.Container = firstOf(book, full, text("maintitle"))
	case rec.Type == "book" || rec.Type == "thesis" || rec.Type == "report":
		if book != rec.Title {
			rec.Container = firstOf(full, book)
		} else {
			rec.Container = full
		}
		if rec.Container == rec.Title {
			rec.Container = ""
		}
	default:
		rec.Container = firstOf(full, book, text("eventtitle"))
	}
	if rec.Container == "" && isPart {
		rec.Container = text("maintitle")
	}
	rec.ContainerAbbrev = abbrev
	rec.Series = text("series")

	// Volume, issue, pages.
	rec.Volume = text("volume")
	number := text("number")
	issue := text("issue")
	switch {
	case rec.Type == "report" || rec.Type == "patent" || rec.Type == "standard" || rec.Type == "legislation" ||
		rec.Type == "legal_case" || rec.Type == "regulation":
		rec.ArticleNumber = number
		rec.Issue = issue
	case number != "" && (indexArXiv(number) >= 0 || unpublishedTypes[typ] && full == ""):
		// the number of a work that is in no periodical: Zotero writes a
		// preprint's archive id there ("arXiv:2402.08052")
		rec.ArticleNumber = number
		rec.Issue = issue
	case number != "" && rec.Series != "" && rec.Type != "article-journal" && rec.Type != "article-magazine" && rec.Type != "article-newspaper":
		rec.CollectionNumber = number // a book's number in its series
		rec.Issue = issue
	case number != "":
		rec.Issue = number
	default:
		rec.Issue = issue
	}
	if rn := text("reportnumber"); rn != "" && rec.ArticleNumber == "" && rec.Type != "article-journal" && !isPart {
		rec.ArticleNumber = rn // INSPIRE's number of a report or note: "ATL-PHYS-PUB-2022-017"
	}
	if p := get("pages"); isPageRange(p) {
		// "1804--1809", as most exports write pages: ParsePages reads
		// them as it reads their Text, "1804–1809", which need not be
		// made
		rec.SetPages(p)
	} else if p := text("pages", "page"); p != "" {
		rec.SetPages(p)
	}
	if n := text("eid", "art_number", "articleno", "article-number", "article_number", "articlenumber"); n != "" && rec.ArticleNumber == "" {
		rec.ArticleNumber = n
	}
	rec.Edition = text("edition")
	rec.NumberOfPages = text("pagetotal", "numpages")
	rec.Version = text("version")
	rec.EventPlace = text("venue")
	if v := text("urldate", "accessed", "lastchecked"); v != "" {
		if rec.Accessed = isoDate(v); rec.Accessed.Year == 0 {
			rec.Accessed = bib.ParseDate(v)
		}
	} else if rec.Accessed = accessedIn(text("year")); rec.Accessed.Year != 0 && rec.Date.Raw == text("year") {
		rec.Date.Raw = "" // the year and the access date, each in its place
	}

	// Date.
	rec.Date = entryDate(e)

	// Publisher.
	rec.Publisher = text("publisher")
	if rec.Publisher == "" {
		switch rec.Type {
		case "thesis":
			rec.Publisher = text("school", "institution")
		case "report":
			rec.Publisher = text("institution", "organization", "school")
		default:
			rec.Publisher = text("organization", "institution", "school")
		}
	}
	rec.Place = text("address", "location", "city") // Mendeley writes the place in city

	// Identifiers.
	identifiers(rec, e)

	// Abstract, keywords, affiliations, language.
	rec.Abstract = bib.StripMarkup(text("abstract"))
	keywords(rec, e)
	for _, name := range []string{"affiliations", "affiliation", "institution-affiliation"} {
		if i := e.find(name); i >= 0 {
			affiliations(rec, &e.Fields[i])
		}
	}
	rec.Language = text("language", "langid", "hyphenation") // hyphenation: langid's name before biblatex 1.0

	// Links, notes, types, database.
	for _, f := range e.Fields {
		switch {
		case f.Name == "url" || f.Name == "howpublished" || f.Name == "link" || f.Name == "ee" ||
			strings.HasPrefix(f.Name, "bdsk-url-"):
			if u := findURL(f.Value); u != "" {
				rec.AddURL(u)
			} else if f.Name == "howpublished" {
				rec.Notes = append(rec.Notes, Text(f.Value))
			}
		}
	}
	for _, name := range []string{"note", "addendum", "annote", "annotation"} {
		if v := text(name); v != "" {
			rec.Notes = append(rec.Notes, v)
		}
	}
	for _, name := range []string{"type", "document_type", "type-of-work"} {
		t := text(name)
		if t == "" {
			continue
		}
		for t != "" {
			v, rest, _ := strings.Cut(t, ";")
			if v = strings.TrimSpace(v); v != "" {
				rec.PublicationTypes = append(rec.PublicationTypes, v)
			}
			t = rest
		}
	}
	if len(rec.PublicationTypes) == 0 {
		// the kind of thesis the entry type names, as CSL's genre
		switch strings.ToLower(e.Type) {
		case "phdthesis":
			rec.PublicationTypes = []string{"PhD thesis"}
		case "mastersthesis":
			rec.PublicationTypes = []string{"Master's thesis"}
		}
	}
	if rec.Type == "book" && typ == "book" {
		// Scopus exports a chapter as @book, the book's title in journal,
		// and says what it is in type (document_type in older exports)
		for _, t := range rec.PublicationTypes {
			if strings.EqualFold(t, "Book chapter") {
				rec.Type = "chapter"
			}
		}
	}
	if rec.Type == "document" {
		rec.Type = miscType(rec)
	}
	if src := text("source"); src != "" && isDatabaseName(src) {
		rec.Database = src
	}
	if db := text("database"); db != "" {
		rec.Database = db
	}
	if rec.Database == "" && rec.Identifier(bib.WOS) != "" {
		rec.Database = "Web of Science"
	}
	return rec
}

// isPageRange reports whether s is two numbers joined by "--".
func isPageRange(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && strings.HasPrefix(s[i:], "--") && bib.AllDigits(s[i+2:])
}

// miscType tells what a @misc (or unknown) entry is from what it holds: a
// preprint (an arXiv id), a journal article (a journal), a web page (a
// web address and nothing that says where else it was published), or a
// document.
func miscType(rec *bib.Record) string {
	switch {
	case rec.Identifier(bib.ArXiv) != "":
		return "article"
	case rec.Container != "" && (rec.Volume != "" || rec.Issue != "" || rec.FirstPage != "" || len(rec.ISSNs) > 0):
		return "article-journal"
	case rec.Container == "" && rec.Publisher == "" && len(rec.URLs) > 0 && rec.Identifier(bib.DOI) == "" &&
		rec.Identifier(bib.ISBN) == "":
		return "webpage"
	}
	return "document"
}

// joinTitle joins a title and its subtitle with a colon.
func joinTitle(title, sub string) string {
	switch {
	case sub == "":
		return title
	case title == "":
		return sub
	}
	if strings.ContainsAny(title[len(title)-1:], ":?!.") {
		return title + " " + sub
	}
	return title + ": " + sub
}

func firstOf(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// isDatabaseName reports whether a "source" field names a database (Scopus
// writes "Scopus") rather than, as biblatex uses it, something else.
func isDatabaseName(s string) bool {
	for _, d := range databaseNames {
		if strings.EqualFold(s, d) {
			return true
		}
	}
	return false
}

var databaseNames = []string{"Scopus", "Web of Science", "WoS", "PubMed", "MEDLINE", "Embase", "dblp", "EBSCO",
	"ProQuest", "Google Scholar", "Crossref", "Europe PMC", "IEEE Xplore", "ACM Digital Library", "JSTOR",
	"PsycINFO", "CINAHL", "OpenAlex", "Dimensions", "Lens", "Cochrane Library"}

// entryDate reads the publication date: biblatex's date (ISO 8601, with
// ranges "2023/2024" and "2023-06/2023-07"), else year, month and day.
func entryDate(e *Entry) bib.Date {
	if v := e.Get("date"); v != "" {
		if d := isoDate(Text(v)); d.Year != 0 {
			return d
		}
	}
	y := e.text("year")
	var d bib.Date
	if len(y) == 4 && bib.AllDigits(y) {
		d.Year, _ = strconv.Atoi(y)
		if d.Year < 1000 {
			d = bib.Date{Raw: y}
		}
	} else if len(y) > 6 && bib.AllDigits(y[:4]) && (y[4] == ' ' && (y[5] == '(' || y[5] == '[') || y[4] == '(' || y[4] == '[') {
		// "2009 (accessed July 26, 2016)", "2015 [Online; accessed
		// 12-May-2020]": the year; the date after it is the access's
		d.Year, _ = strconv.Atoi(y[:4])
	} else if y != "" {
		d = bib.ParseDate(y)
		if d.Year == 0 {
			d.Raw = y
		}
	}
	if m := e.text("month"); m != "" {
		month, season := monthOf(m)
		if d.Month == 0 && month != 0 {
			d.Month = month
			d.Day = 0
		}
		if d.Season == "" {
			d.Season = season
		}
		if n := dayOf(e.text("day")); n != 0 && d.Month != 0 {
			d.Day = n
		} else if month != 0 && d.Day == 0 && strings.ContainsAny(m, "0123456789") {
			// "month = {Jun 12}" or "12 Jun"
			if x := bib.ParseDate(m + " " + strconv.Itoa(max(d.Year, 2000))); x.Month == month {
				d.Day = x.Day
			}
		}
		if strings.ContainsAny(m, "-–/") && d.Raw == "" && d.Year != 0 {
			d.Raw = y + " " + m
		}
	}
	if d.Year == 0 {
		if v := e.Get("date"); v != "" {
			d = isoDate(Text(v))
			if d.Year == 0 {
				d.Raw = Text(v)
			}
		}
	}
	if d.Year == 0 && d.Raw == "" {
		if v := Text(e.Get("issued")); v != "" {
			d = bib.ParseDate(v)
		}
	}
	return d
}

// accessedIn returns the access date a year field holds after the year:
// "2009 (accessed July 26, 2016)", "2015 [Online; accessed 12-May-2020]".
func accessedIn(year string) bib.Date {
	i := strings.Index(strings.ToLower(year), "accessed")
	if i < 0 {
		return bib.Date{}
	}
	d := bib.ParseDate(strings.Trim(year[i+len("accessed"):], " :)]"))
	if d.Year == 0 || d.Month == 0 {
		return bib.Date{}
	}
	return d
}

// monthOf reads a month field: "jun" (after macro expansion "June"), "6",
// "{June}", "NOV-DEC" (the first month), "Spring".
func monthOf(m string) (int, string) {
	if len(m) >= 3 && isLetter(m[0]) {
		if n, ok := monthNumber(m); ok {
			return n, ""
		}
	}
	if n := bib.MonthNumber(m); n != 0 {
		return n, ""
	}
	d := bib.ParseDate(m)
	return d.Month, d.Season
}

// monthNumbers are the month names as the month macros expand.
// Names in German, French and Spanish are read too: a month field holds a
// month, so "Mai" and "Mars" are no words of a title there.
var monthNumbers = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "mai": 5, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
	"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "juin": 6, "juillet": 7, "août": 8, "aout": 8,
	"septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
	"septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12}

// monthNumber looks a month name up in monthNumbers, in lower case. A
// short ASCII name is lower-cased on the stack rather than copied.
func monthNumber(m string) (int, bool) {
	var room [16]byte
	if len(m) > len(room) {
		n, ok := monthNumbers[strings.ToLower(m)]
		return n, ok
	}
	low := room[:len(m)]
	for i := 0; i < len(m); i++ {
		c := m[i]
		switch {
		case c >= utf8.RuneSelf:
			n, ok := monthNumbers[strings.ToLower(m)]
			return n, ok
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		low[i] = c
	}
	n, ok := monthNumbers[string(low)]
	return n, ok
}

// dayOf reads a day field, or returns 0.
func dayOf(s string) int {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 2 || !bib.AllDigits(s) {
		return 0
	}
	n, _ := strconv.Atoi(s)
	if n < 1 || n > 31 {
		return 0
	}
	return n
}

// isoDate reads a biblatex date: "2023", "2023-06", "2023-06-01",
// "2023-06-01T10:00:00", ranges "2023/2024" and "2023-06-01/2023-06-03"
// (the start, with Raw), open ranges "2023/..", EDTF seasons "2023-21"
// (spring) and qualifiers "2023?", "2023~".
func isoDate(s string) bib.Date {
	s = strings.TrimSpace(s)
	if s == "" {
		return bib.Date{}
	}
	start, _, isRange := strings.Cut(s, "/")
	start = strings.TrimRight(strings.TrimSpace(start), "?~%")
	var d bib.Date
	if len(start) == 7 && start[4] == '-' && start[5] == '2' && start[6] >= '1' && start[6] <= '4' {
		d = bib.ParseDate(start[:4])
		d.Season = [...]string{"Spring", "Summer", "Autumn", "Winter"}[start[6]-'1']
		d.Raw = s
		return d
	}
	d = bib.ParseDate(start)
	if d.Year == 0 && start == "" && isRange {
		// "../2023": an open start
		d = bib.ParseDate(strings.TrimLeft(s, "./"))
	}
	if isRange && d.Year != 0 {
		d.Raw = s
	}
	return d
}

// identifiers adds every identifier the entry holds.
func identifiers(rec *bib.Record, e *Entry) {
	get := e.Get
	n := 0
	for i := range e.Fields {
		switch e.Fields[i].Name {
		case "doi", "eprint", "arxivid", "arxiv", "arxiv_id", "pmid", "pubmed", "pubmedid", "pubmed_id", "pubmed-id",
			"pmcid", "pmc", "isbn", "unique-id", "wos", "isi", "wos-id", "ut", "scopus-eid", "scopus_eid", "scopuseid", "pii", "coden":
			n++ // a field that most often holds one identifier
		}
	}
	if n > 0 {
		rec.Identifiers = make([]bib.Identifier, 0, n)
	}
	addDOIField(rec, Verbatim(get("doi")))
	eprintType := strings.ToLower(Verbatim(firstOf(get("eprinttype"), get("archiveprefix"), get("eprintclass"))))
	eprint := Verbatim(get("eprint"))
	switch eprintType {
	case "pubmed", "pmid", "medline":
		rec.AddPMID(eprint)
	case "pmc", "pmcid", "pubmedcentral":
		rec.AddPMCID(eprint)
	case "arxiv":
		addArXiv(rec, eprint)
	case "doi":
		rec.AddDOI(eprint)
	}
	if eprint != "" && eprintType == "" {
		if strings.HasPrefix(strings.ToLower(eprint), "arxiv:") {
			addArXiv(rec, eprint)
		} else if d := bib.NormalizeDOI(eprint); d != "" {
			rec.AddDOI(d)
		}
	}
	for _, n := range []string{"arxivid", "arxiv", "arxiv_id"} {
		if v := get(n); v != "" {
			addArXiv(rec, Verbatim(v))
		}
	}
	if rec.Identifier(bib.ArXiv) == "" {
		// Google Scholar: journal = {arXiv preprint arXiv:2101.00001}
		for _, n := range []string{"journal", "note", "howpublished"} {
			if id := arXivIn(get(n)); id != "" {
				rec.AddIdentifier(bib.ArXiv, id)
				break
			}
		}
	}
	for _, n := range []string{"pmid", "pubmed", "pubmedid", "pubmed_id", "pubmed-id"} {
		if v := get(n); v != "" {
			rec.AddPMID(Verbatim(v))
		}
	}
	for _, n := range []string{"pmcid", "pmc"} {
		if v := get(n); v != "" {
			rec.AddPMCID(Verbatim(v))
		}
	}
	if rec.Identifier(bib.DOI) == "" {
		// a DOI only in a link or a note
		for _, n := range []string{"url", "howpublished", "note", "link", "ee", "bdsk-url-1", "annote"} {
			if v := get(n); v != "" && strings.Contains(v, "10.") {
				for _, d := range bib.FindDOIs(Verbatim(v)) {
					rec.AddDOI(d)
				}
			}
		}
	}
	if rec.Identifier(bib.PMID) == "" {
		if v := get("note"); v != "" {
			if i := strings.Index(strings.ToUpper(v), "PMID"); i >= 0 {
				rec.AddPMID(firstNumber(v[i+4:]))
			}
		}
	}
	for _, v := range bib.FindISBNs(Verbatim(get("isbn"))) {
		rec.AddIdentifier(bib.ISBN, v)
	}
	issns(rec, Verbatim(get("issn")), "")
	issns(rec, Verbatim(get("eissn")), bib.ISSNElectronic)
	issns(rec, Verbatim(get("pissn")), bib.ISSNPrint)
	for _, n := range []string{"unique-id", "wos", "isi", "wos-id", "ut"} {
		v := get(n)
		if v == "" {
			continue // an empty value holds no number
		}
		// one number, or several joined by ';' as the writer joins them
		for v := range strings.SplitSeq(Verbatim(v), ";") {
			v = strings.TrimSpace(v)
			up := strings.ToUpper(v)
			if strings.HasPrefix(up, "WOS:") || strings.HasPrefix(up, "ISI:") {
				rec.AddIdentifier(bib.WOS, "WOS:"+strings.TrimSpace(up[4:]))
			} else if scheme, id, ok := bib.ParseWoSAccession(v); ok {
				rec.AddIdentifier(scheme, id)
			}
		}
	}
	if k := strings.ToUpper(rec.SourceID); rec.Identifier(bib.WOS) == "" && (strings.HasPrefix(k, "WOS:") || strings.HasPrefix(k, "ISI:")) && len(k) > 10 {
		rec.AddIdentifier(bib.WOS, "WOS:"+k[4:])
	}
	for _, n := range []string{"scopus-eid", "scopus_eid", "scopuseid"} {
		if v := strings.TrimSpace(Verbatim(get(n))); strings.HasPrefix(v, "2-s2.0-") {
			rec.AddIdentifier(bib.EID, v)
		}
	}
	if v := strings.TrimSpace(Verbatim(get("pii"))); v != "" {
		rec.AddIdentifier(bib.PII, v)
	}
	for v := range strings.FieldsFuncSeq(Verbatim(get("coden")), func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		rec.AddIdentifier("coden", v)
	}
	if u := get("url"); strings.Contains(u, "scopus.com") {
		if i := strings.Index(u, "eid="); i >= 0 {
			v := u[i+4:]
			if j := strings.IndexAny(v, "&#} "); j >= 0 {
				v = v[:j]
			}
			if strings.HasPrefix(v, "2-s2.0-") {
				rec.AddIdentifier(bib.EID, v)
			}
		}
	}
	if len(rec.Identifiers) == 0 {
		rec.Identifiers = nil // made for none
	}
}

// addDOIField adds the DOIs of a doi field. A field that holds nothing but
// a DOI is taken whole, so that the angle brackets of the DOIs made from
// SICIs ("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0")
// are kept; anything else is searched with bib.FindDOIs.
func addDOIField(rec *bib.Record, v string) {
	for tok := range strings.FieldsSeq(v) {
		if strings.IndexByte(tok, '<') < 0 {
			addDOIs(rec, tok) // no SICI: spares the lower-case copy
			continue
		}
		low := strings.ToLower(tok)
		for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
			if strings.HasPrefix(low, p) {
				low = low[len(p):]
				break
			}
		}
		low = strings.TrimRight(low, ".,;")
		if strings.HasPrefix(low, "10.") && strings.Contains(low, "/") && strings.Contains(low, "<") &&
			!strings.Contains(low, "%") && bib.NormalizeDOI(low) != "" {
			rec.AddIdentifier(bib.DOI, low)
			continue
		}
		addDOIs(rec, tok)
	}
}

// addDOIs adds the DOIs bib.FindDOIs finds in s, finding them in room on
// the stack.
func addDOIs(rec *bib.Record, s string) {
	var room [2]string
	for _, d := range bib.AppendDOIs(room[:0], s) {
		rec.AddIdentifier(bib.DOI, d)
	}
}

func addArXiv(rec *bib.Record, s string) {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	for _, p := range []string{"https://arxiv.org/abs/", "http://arxiv.org/abs/", "arxiv:"} {
		if strings.HasPrefix(low, p) {
			s = s[len(p):]
			break
		}
	}
	if s != "" && !strings.ContainsAny(s, " \t") {
		rec.AddIdentifier(bib.ArXiv, s)
	}
}

// arXivIn returns the arXiv id written as "arXiv:2101.00001" (or
// "arXiv:2101.00001v2", "arXiv:hep-th/9901001") in s, or "".
func arXivIn(s string) string {
	i := indexArXiv(s)
	if i < 0 {
		return ""
	}
	t := strings.TrimSpace(s[i+len("arxiv:"):])
	j := 0
	for j < len(t) && (t[j] >= '0' && t[j] <= '9' || isLetter(t[j]) || t[j] == '.' || t[j] == '/' || t[j] == '-') {
		j++
	}
	id := strings.TrimRight(t[:j], ".")
	if dot := strings.IndexByte(id, '.'); dot == 4 && bib.AllDigits(id[:4]) && len(id) >= 9 || strings.Contains(id, "/") {
		return id
	}
	return ""
}

// indexArXiv returns strings.Index(strings.ToLower(s), "arxiv:") without
// the lower-case copy for ASCII text, where it is the first "arxiv:" in any
// case. (Lower-casing other text may change its length, so that the index
// in the copy is not one in s: such text is searched as before.)
func indexArXiv(s string) int {
	colon := strings.IndexByte(s, ':')
	if colon < 0 {
		return -1 // and none in the lower-case copy
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return strings.Index(strings.ToLower(s), "arxiv:")
		}
	}
	for colon >= 0 {
		if colon >= 5 && strings.EqualFold(s[colon-5:colon], "arxiv") {
			return colon - 5
		}
		next := strings.IndexByte(s[colon+1:], ':')
		if next < 0 {
			break
		}
		colon += 1 + next
	}
	return -1
}

// firstNumber returns the first run of digits in s.
func firstNumber(s string) string {
	i := strings.IndexAny(s, "0123456789")
	if i < 0 {
		return ""
	}
	j := i
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		j++
	}
	return s[i:j]
}

// issns adds the ISSNs written in v, with the kind written beside each
// ("1234-5678 (Print)") or the given one.
func issns(rec *bib.Record, v, kind string) {
	if v == "" {
		return
	}
	// Found first, so that the record's list is made once at its size.
	var room [4]bib.ISSN
	found := room[:0]
	for v != "" {
		seg := v
		if i := strings.IndexAny(v, ",;\n"); i >= 0 {
			seg, v = v[:i], v[i+1:]
		} else {
			v = ""
		}
		k := kind
		if k == "" && (strings.IndexByte(seg, '(') >= 0 || strings.Contains(seg, "ISSN")) {
			k = bib.ISSNKind(seg)
		}
		var segRoom [4]string
		for _, s := range bib.AppendISSNs(segRoom[:0], seg) {
			found = append(found, bib.ISSN{Value: s, Kind: k})
		}
	}
	if rec.ISSNs == nil && len(found) > 0 {
		rec.ISSNs = make([]bib.ISSN, 0, len(found))
	}
	for _, s := range found {
		rec.AddISSN(s.Value, s.Kind)
	}
}

// keywords adds the keyword fields: keywords (author keywords, or, in a
// Scopus export that has author_keywords too, index terms), author_keywords,
// keywords-plus (Web of Science), mesh, and mendeley-tags.
func keywords(rec *bib.Record, e *Entry) {
	scopusIndex := e.Get("author_keywords") != ""
	n := 0
	for _, f := range e.Fields {
		if f.Name == "mesh" || strings.IndexByte(f.Name, 'k') >= 0 && strings.Contains(f.Name, "keyword") {
			n += 1 + strings.Count(f.Value, ";") + strings.Count(f.Value, ",")
		}
	}
	if n > 0 {
		rec.Keywords = make([]bib.Keyword, 0, n)
	}
	// Room on the stack for the terms of a field and the keywords of a
	// MeSH heading, which are copied into the record.
	var termRoom [32]string
	var meshRoom [8]bib.Keyword
	for _, f := range e.Fields {
		var vocab string
		switch f.Name {
		case "keywords", "keyword":
			vocab = bib.VocabAuthor
			if scopusIndex {
				vocab = bib.VocabIndex
			}
		case "author_keywords", "author-keywords", "authorkeywords", "mendeley-tags", "tags":
			vocab = bib.VocabAuthor
		case "keywords-plus", "keywordsplus", "keywords_plus":
			vocab = bib.VocabKeywordsPlus
		case "index-keywords", "index_keywords", "indexkeywords":
			vocab = bib.VocabIndex
		case "mesh", "mesh-headings", "mesh_terms", "meshheadings":
			for _, t := range splitList(termRoom[:0], f.text()) {
				if !strings.ContainsAny(t, "/*") {
					rec.AddKeyword(bib.Keyword{Term: t, Vocabulary: bib.VocabMeSH})
					continue
				}
				for _, k := range bib.AppendMeSH(meshRoom[:0], t) {
					rec.AddKeyword(k)
				}
			}
			continue
		default:
			continue
		}
		for _, t := range splitList(termRoom[:0], f.text()) {
			rec.AddKeyword(bib.Keyword{Term: strings.TrimSpace(t), Vocabulary: vocab})
		}
	}
}

// splitList splits a keyword list on ';' (or line breaks), or on ','
// when there is no ';' (full-width ；， and 、 count too), and appends the
// terms, trimmed, to out.
func splitList(out []string, s string) []string {
	semi := strings.IndexByte(s, ';') >= 0
	wide := false
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			wide = true
			break
		}
	}
	if wide {
		if strings.Contains(s, "；") {
			semi = true
		}
		if semi {
			s = strings.ReplaceAll(s, "；", ";")
		} else {
			s = strings.NewReplacer("，", ",", "、", ",").Replace(s)
		}
	}
	sep := byte(',')
	if semi {
		sep = ';'
	}
	if strings.IndexByte(s, '\n') < 0 {
		// One line, as most lists are: the separators are found with
		// IndexByte rather than byte by byte.
		for {
			i := strings.IndexByte(s, sep)
			if i < 0 {
				break
			}
			if t := strings.TrimSpace(s[:i]); t != "" {
				out = append(out, t)
			}
			s = s[i+1:]
		}
		if t := strings.TrimSpace(s); t != "" {
			out = append(out, t)
		}
		return out
	}
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != sep && s[i] != '\n' {
			continue
		}
		if t := strings.TrimSpace(s[start:i]); t != "" {
			out = append(out, t)
		}
		start = i + 1
	}
	return out
}

// affiliations adds the affiliations of an affiliation(s) field. A Web of
// Science list has one address per line, "Family, Given; Family, Given,
// Address": the address goes to each of those authors (and to the record
// when the names are not all found among them); a reprint address marked
// "(Corresponding Author)" is used only when there is no other. Other
// exports join record-level affiliations with ';'.
func affiliations(rec *bib.Record, f *Field) {
	v := f.Value
	if v == "" {
		return
	}
	if strings.Contains(v, "\n") && looksLikeWoS(rec, v) {
		var addrs, reprint []string
		for _, l := range strings.Split(v, "\n") {
			l = Text(l)
			switch {
			case l == "":
			case strings.Contains(l, "(Corresponding Author)") || strings.Contains(l, "(Reprint Author)"):
				reprint = append(reprint, l)
			default:
				addrs = append(addrs, l)
			}
		}
		if len(addrs) == 0 {
			addrs = reprint
		}
		for _, a := range addrs {
			wosAffiliation(rec, a)
		}
		return
	}
	t := f.text()
	if rec.Affiliations == nil && t != "" {
		rec.Affiliations = make([]string, 0, 1+strings.Count(t, ";"))
	}
	for t != "" {
		a, rest, _ := strings.Cut(t, ";")
		rec.AddAffiliation(strings.TrimSpace(a))
		t = rest
	}
	if len(rec.Affiliations) == 0 {
		rec.Affiliations = nil // made for none
	}
}

// looksLikeWoS reports whether an affiliation field is Web of Science's:
// lines of "Family, Given; Family, Given, Institution, ...". Its first line
// is a reprint address ("Family, G (Corresponding Author), ...") or begins
// with the name of one of the authors; one affiliation that other exports
// wrap over lines ("Sunnybrook Health Sciences Centre, 2075 Bayview Ave.,
// Toronto,\n ON, Canada") has commas enough but names no author.
func looksLikeWoS(rec *bib.Record, v string) bool {
	first, _, _ := strings.Cut(strings.TrimSpace(v), "\n")
	if strings.Count(first, ",") < 2 {
		return false
	}
	if strings.Contains(first, "(Corresponding Author)") || strings.Contains(first, "(Reprint Author)") {
		return true
	}
	name, _, _ := strings.Cut(first, ";")
	family, rest, ok := strings.Cut(name, ",")
	if !ok {
		return false
	}
	given, _, _ := strings.Cut(rest, ",")
	return findAuthor(rec.Authors, Text(family+","+given)) >= 0
}

// wosAffiliation reads one Web of Science address line: "Byng, Richard;
// Frost, Sue, Univ Plymouth, Plymouth, England." gives "Univ Plymouth,
// Plymouth, England." to Byng and Frost; a reprint address "Byng, R
// (Corresponding Author), Univ ..." gives what follows the marker to the
// record.
func wosAffiliation(rec *bib.Record, a string) {
	for _, m := range []string{"(Corresponding Author),", "(Reprint Author),"} {
		if i := strings.Index(a, m); i >= 0 {
			rec.AddAffiliation(a[i+len(m):])
			return
		}
	}
	segs := strings.Split(a, "; ")
	last := strings.SplitN(segs[len(segs)-1], ", ", 3)
	if len(last) < 3 {
		rec.AddAffiliation(a)
		return
	}
	names := append(segs[:len(segs)-1:len(segs)-1], last[0]+", "+last[1])
	addr := strings.TrimSpace(last[2])
	var who []int
	for _, n := range names {
		i := findAuthor(rec.Authors, n)
		if i < 0 {
			rec.AddAffiliation(addr)
			return
		}
		who = append(who, i)
	}
	for _, i := range who {
		p := &rec.Authors[i]
		dup := false
		for _, x := range p.Affiliations {
			dup = dup || x == addr
		}
		if !dup && addr != "" {
			p.Affiliations = append(p.Affiliations, addr)
		}
	}
}

// findAuthor returns the index of the author written "Family, Given" in
// an address list, or -1.
func findAuthor(authors []bib.Person, name string) int {
	fam, given, _ := strings.Cut(name, ",")
	fam = bib.Key(fam)
	given = bib.Initials(strings.TrimSpace(given))
	for i, p := range authors {
		if bib.Key(p.FamilyName()) == fam && (given == "" || strings.HasPrefix(bib.Initials(p.Given), given[:1])) {
			return i
		}
	}
	return -1
}

// findURL returns the web address in a url or howpublished value: from
// its first "http://", "https://" or "ftp://" (or a leading "www.") to the
// first white space.
func findURL(v string) string {
	t := Verbatim(v)
	start := -1
	for _, scheme := range []string{"http://", "https://", "ftp://"} {
		if i := strings.Index(t, scheme); i >= 0 && (start < 0 || i < start) {
			start = i
		}
	}
	switch {
	case start >= 0:
		t = t[start:]
	case strings.HasPrefix(t, "www."):
		t = "http://" + t
	default:
		return ""
	}
	if j := strings.IndexAny(t, " \t\n"); j >= 0 {
		t = t[:j]
	}
	return t
}
