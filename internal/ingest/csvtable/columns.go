package csvtable

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/bib"
)

// field is what a column holds.
type field int

const (
	fNone field = iota
	fID
	fType    // a type of work as a code: CSL type, Zotero item type, OpenAlex type
	fDocType // a type of work as a label ("Conference Paper"): also kept as a publication type
	fTitle
	fShortTitle
	fTranslatedTitle
	fOriginalTitle
	fAuthors
	fAuthorFullNames
	fAuthorIDs
	fAuthorsWithAffiliations // Scopus: "Liu F., Dept..., China; ..."
	fAuthorAffiliations      // bibdb: "Name: affiliation" lines; IEEE: aligned with the authors
	fAuthorORCIDs
	fEditors
	fTranslators
	fAffiliations
	fCorrespondence
	fYear
	fMonth // a month apart from the year (Covidence's "Published Month", Rayyan's "month")
	fDay   // a day apart from the year and month (Rayyan's "day")
	fDate
	fDateRaw // bibdb: the date as written
	fJournal
	fJournalAbbrev
	fSeries
	fSeriesNumber
	fVolume
	fIssue
	fArticleNumber
	fFirstPage
	fLastPage
	fPages
	fPageCount // EBSCO: the last page is the first plus the count, less one
	fNumberOfPages
	fEdition
	fVersion
	fPublisher
	fPlace
	fEventPlace
	fAccessed
	fDOI
	fPMID
	fPMCID
	fISBN
	fEID
	fCODEN
	fOtherIDs
	fAbstract
	fLanguage
	fPublicationTypes
	fPublicationStage
	fSource   // Scopus "Source" (the database) or Embase "Source" (a citation); Cochrane's is the journal
	fCitation // PubMed's "Citation": journal, date, volume(issue):pages, as MEDLINE's SO
	fDatabase
	fNotes
	fExtra // Zotero "Extra": "PMID: 123" and the like
	fConference
	fConferenceDate
	fConferenceLocation
	numFields

	// Fields that may come from several columns, each with its own detail.
	fKeywords // detail: the vocabulary
	fISSN     // detail: the ISSN kind
	fURL
	fIdentifier // detail: the scheme
)

// alias names a column: the header, normalized by columnKey, the field it
// holds and a detail for the multi-column fields.
type alias struct {
	key    string
	field  field
	detail string
}

// aliases are the column names the reader knows, for each field in order
// of preference: when a table has two columns for one single-valued field,
// the one named earlier here is read, and the other when it is empty.
var aliases = []alias{
	{"id", fID, ""}, {"workid", fID, ""}, {"key", fID, ""}, {"eid", fEID, ""}, {"lensid", fID, ""},
	{"utuniquewosid", fIdentifier, bib.WOS}, {"ut", fIdentifier, bib.WOS}, {"accessionnumber", fID, ""},
	{"citationkey", fID, ""}, {"recordid", fID, ""}, {"centralid", fID, ""}, {"cochranereviewid", fID, ""},
	{"idsopenalex", fID, ""}, {"covidence", fID, ""},

	{"documenttype", fDocType, ""}, {"publicationtype", fDocType, ""}, {"contenttype", fDocType, ""},
	{"type", fType, ""}, {"itemtype", fType, ""}, {"referencetype", fType, ""},
	{"documentidentifier", fType, ""}, {"category", fType, ""}, {"doctype", fDocType, ""},

	{"title", fTitle, ""}, {"documenttitle", fTitle, ""}, {"articletitle", fTitle, ""}, {"itemtitle", fTitle, ""},
	{"displayname", fTitle, ""}, {"titles", fTitle, ""}, {"ti", fTitle, ""},
	{"shorttitle", fShortTitle, ""}, {"translatedtitle", fTranslatedTitle, ""},
	{"originaltitle", fOriginalTitle, ""},

	{"authors", fAuthors, ""}, {"author", fAuthors, ""}, {"authornames", fAuthors, ""},
	{"authorshipsauthordisplayname", fAuthors, ""}, {"au", fAuthors, ""}, {"authorshipsrawauthorname", fAuthors, ""},
	{"authorfullnames", fAuthorFullNames, ""}, {"af", fAuthorFullNames, ""},
	{"authorsid", fAuthorIDs, ""}, {"authorids", fAuthorIDs, ""},
	{"authorswithaffiliations", fAuthorsWithAffiliations, ""},
	{"authoraffiliations", fAuthorAffiliations, ""}, {"authorshipsinstitutionsdisplayname", fAuthorAffiliations, ""},
	{"authororcids", fAuthorORCIDs, ""}, {"authorshipsauthororcid", fAuthorORCIDs, ""},
	{"editors", fEditors, ""}, {"editor", fEditors, ""}, {"translators", fTranslators, ""},
	{"affiliations", fAffiliations, ""}, {"addresses", fAffiliations, ""}, {"affiliation", fAffiliations, ""},
	{"correspondenceaddress", fCorrespondence, ""}, {"reprintaddresses", fCorrespondence, ""},

	{"year", fYear, ""}, {"publicationyear", fYear, ""}, {"publishedyear", fYear, ""}, {"py", fYear, ""},
	{"month", fMonth, ""}, {"publishedmonth", fMonth, ""}, {"publicationmonth", fMonth, ""}, {"day", fDay, ""},
	{"date", fDate, ""}, {"dateaswritten", fDateRaw, ""}, {"publicationdate", fDate, ""}, {"datepublished", fDate, ""}, {"coverdate", fDate, ""},

	{"sourcetitle", fJournal, ""}, {"journal", fJournal, ""}, {"publicationtitle", fJournal, ""},
	{"journalbook", fJournal, ""}, {"journaltitle", fJournal, ""}, {"publication", fJournal, ""},
	{"primarylocationsourcedisplayname", fJournal, ""}, {"secondarytitle", fJournal, ""}, {"so", fJournal, ""},
	{"journalabbrev", fJournalAbbrev, ""}, {"abbreviatedsourcetitle", fJournalAbbrev, ""},
	{"journalabbreviation", fJournalAbbrev, ""}, {"journalisoabbreviation", fJournalAbbrev, ""},
	{"isoabbreviation", fJournalAbbrev, ""}, {"ji", fJournalAbbrev, ""},
	{"series", fSeries, ""}, {"seriestitle", fSeries, ""}, {"bookseriestitle", fSeries, ""},
	{"seriesnumber", fSeriesNumber, ""},
	{"volume", fVolume, ""}, {"journalvolume", fVolume, ""}, {"vl", fVolume, ""}, {"bibliovolume", fVolume, ""},
	{"issue", fIssue, ""}, {"issuenumber", fIssue, ""}, {"journalissue", fIssue, ""}, {"is", fIssue, ""},
	{"biblioissue", fIssue, ""},
	{"articlenumber", fArticleNumber, ""}, {"artno", fArticleNumber, ""},
	{"firstpage", fFirstPage, ""}, {"pagestart", fFirstPage, ""}, {"startpage", fFirstPage, ""}, {"bp", fFirstPage, ""},
	{"bibliofirstpage", fFirstPage, ""},
	{"lastpage", fLastPage, ""}, {"pageend", fLastPage, ""}, {"endpage", fLastPage, ""}, {"ep", fLastPage, ""},
	{"bibliolastpage", fLastPage, ""},
	{"pages", fPages, ""}, {"page", fPages, ""}, {"pagecount", fPageCount, ""},
	{"numberofpages", fNumberOfPages, ""},
	{"edition", fEdition, ""}, {"version", fVersion, ""},
	{"publisher", fPublisher, ""}, {"primarylocationsourcehostorganizationname", fPublisher, ""},
	{"place", fPlace, ""}, {"publisherplace", fPlace, ""}, {"publishercity", fPlace, ""},
	{"eventplace", fEventPlace, ""}, {"accessed", fAccessed, ""},

	{"doi", fDOI, ""}, {"itemdoi", fDOI, ""}, {"di", fDOI, ""}, {"idsdoi", fDOI, ""},
	{"pmid", fPMID, ""}, {"pubmedid", fPMID, ""}, {"idspmid", fPMID, ""}, {"pm", fPMID, ""},
	{"pmcid", fPMCID, ""}, {"idspmcid", fPMCID, ""},
	{"isbn", fISBN, ""}, {"isbns", fISBN, ""},
	{"issn", fISSN, ""}, {"issns", fISSN, ""}, {"sn", fISSN, ""},
	{"eissn", fISSN, bib.ISSNElectronic}, {"ei", fISSN, bib.ISSNElectronic},
	{"printissn", fISSN, bib.ISSNPrint}, {"pissn", fISSN, bib.ISSNPrint},
	{"issnl", fISSN, bib.ISSNLinking}, {"linkingissn", fISSN, bib.ISSNLinking},
	{"primarylocationsourceissnl", fISSN, bib.ISSNLinking}, {"primarylocationsourceissn", fISSN, ""},
	{"coden", fCODEN, ""},
	{"embaseid", fIdentifier, "embase"}, // Cochrane: "EMBASE 643589775"
	{"otheridentifiers", fOtherIDs, ""},

	{"abstract", fAbstract, ""}, {"abstractnote", fAbstract, ""}, {"ab", fAbstract, ""},
	{"language", fLanguage, ""}, {"languageoforiginaldocument", fLanguage, ""}, {"la", fLanguage, ""},
	{"publicationtypes", fPublicationTypes, ""}, {"publicationstage", fPublicationStage, ""},

	{"authorkeywords", fKeywords, bib.VocabAuthor}, {"keywords", fKeywords, bib.VocabAuthor},
	{"de", fKeywords, bib.VocabAuthor}, {"manualtags", fKeywords, bib.VocabAuthor},
	{"automatictags", fKeywords, bib.VocabIndex},
	{"indexkeywords", fKeywords, bib.VocabIndex}, {"indexterms", fKeywords, bib.VocabIndex},
	{"ieeeterms", fKeywords, bib.VocabIndex}, {"inspeccontrolledterms", fKeywords, bib.VocabIndex},
	{"inspecnoncontrolledterms", fKeywords, bib.VocabIndex},
	{"emtreedrugindexterms", fKeywords, bib.VocabIndex}, {"emtreemedicalindexterms", fKeywords, bib.VocabIndex},
	{"emtreedrugindextermsmajorfocus", fKeywords, bib.VocabIndex},
	{"emtreemedicalindextermsmajorfocus", fKeywords, bib.VocabIndex},
	{"keywordsplus", fKeywords, bib.VocabKeywordsPlus}, {"id", fKeywords, bib.VocabKeywordsPlus},
	{"meshterms", fKeywords, bib.VocabMeSH}, {"meshheadings", fKeywords, bib.VocabMeSH}, {"mesh", fKeywords, bib.VocabMeSH},
	{"otherkeywords", fKeywords, "*"},                  // "vocabulary: term"
	{"subjects", fKeywords, bib.VocabIndex},            // EBSCO's subject terms
	{"keywordsdisplayname", fKeywords, bib.VocabIndex}, // OpenAlex's keywords, given by OpenAlex

	{"url", fURL, ""}, {"link", fURL, ""}, {"links", fURL, ""}, {"pdflink", fURL, ""}, {"externalurl", fURL, ""},
	{"sourceurls", fURL, ""}, {"plink", fURL, ""}, {"primarylocationlandingpageurl", fURL, ""},

	{"source", fSource, ""}, {"citation", fCitation, ""}, {"database", fDatabase, ""}, {"databasename", fDatabase, ""}, {"librarycatalog", fDatabase, ""},
	{"notes", fNotes, ""}, {"note", fNotes, ""}, {"extra", fExtra, ""},
	{"conferencename", fConference, ""}, {"conferencedate", fConferenceDate, ""},
	{"conferencelocation", fConferenceLocation, ""},
}

// aliasIndex maps a normalized header to the indexes of its aliases. The
// key "id" is both the id column of most tables and the Keywords Plus
// column of Web of Science's tagged headers; the tagged meaning is used
// only when the header is made of tags (see resolve).
var aliasIndex = func() map[string][]int {
	m := map[string][]int{}
	for i, a := range aliases {
		m[a.key] = append(m[a.key], i)
	}
	return m
}()

// columnKey normalizes a header name: letters and digits only, lower case.
// "Author(s) ID" → "authorsid", "source_title" → "sourcetitle".
func columnKey(s string) string { return string(appendColumnKey(make([]byte, 0, len(s)), s)) }

// appendColumnKey appends the columnKey of s to dst.
func appendColumnKey(dst []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			dst = append(dst, byte(r))
		case r >= 'A' && r <= 'Z':
			dst = append(dst, byte(r+('a'-'A')))
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

// dialect tells how list cells are written.
type dialect int

const (
	generic dialect = iota // lists separated by ";", else "|" or ","
	scopus                 // Scopus: lists separated by ";"
	bibdb                  // bibdb's writer: see the package documentation
)

// exporter is the service a table is recognised as coming from by its
// header, where that changes what a column means or how a cell is read
// (the list style is the dialect's).
type exporter int

const (
	otherExport    exporter = iota // none of those below
	cochraneExport                 // Cochrane Library: "CENTRAL ID" or "Cochrane Review ID", "Cochrane Review Group Code"
	openAlexExport                 // OpenAlex: "authorships.author.display_name", "ids.openalex", "primary_location.*"
	ebscoExport                    // EBSCOhost: "PLink", the record's permalink
	springerExport                 // SpringerLink: "Item Title", "Item DOI" and "Content Type"
	pubMedExport                   // PubMed's CSV: "PMID", "Citation", "First Author", "NIHMS ID"
)

// recognise tells the exporter of a table from its columns (normalized
// by columnKey).
func recognise(keys map[string]bool) exporter {
	switch {
	case keys["centralid"] || keys["cochranereviewid"] || keys["cochranereviewgroupcode"]:
		return cochraneExport
	case keys["authorshipsauthordisplayname"] || keys["idsopenalex"] || keys["primarylocationsourcedisplayname"]:
		return openAlexExport
	case keys["plink"]:
		return ebscoExport
	case keys["itemtitle"] && keys["itemdoi"] && keys["contenttype"]:
		return springerExport
	case keys["pmid"] && keys["citation"] && keys["firstauthor"]:
		return pubMedExport
	}
	return otherExport
}

// exportKeys rename, for one exporter, the columns whose names mean
// something else there than in the other tables: Cochrane's "Source" is
// the journal ("Trials"), the database being in "Database Name", where
// Scopus's "Source" is the database and Embase's a citation.
var exportKeys = map[exporter]map[string]string{
	cochraneExport: {"source": "journal"},
}

// bibdbColumns are header names only bibdb's writer uses, exactly as it
// writes them; three or more of them make a table bibdb's own.
var bibdbColumns = map[string]bool{
	"journal_abbrev": true, "author_affiliations": true, "author_orcids": true, "first_page": true,
	"last_page": true, "article_number": true, "other_identifiers": true, "publication_types": true,
	"author_keywords": true, "mesh_headings": true, "index_keywords": true, "keywords_plus": true,
	"other_keywords": true, "short_title": true, "translated_title": true, "original_title": true, "date_as_written": true,
	"series_number": true, "number_of_pages": true, "event_place": true,
}

// column is one resolved column of a table.
type column struct {
	index  int
	field  field
	detail string
	key    string // the header, normalized by columnKey
}

// table is a header resolved into fields.
type table struct {
	header  []string
	dialect dialect
	export  exporter
	single  [numFields][]int // columns of each single-valued field, the preferred first
	multi   []column         // columns of the multi-valued fields, in header order
	keys    map[string]bool
}

// resolve maps the header's columns onto fields.
func resolve(header []string) *table {
	t := &table{header: header, keys: map[string]bool{}}
	var rank [numFields][]int
	own, tagged := 0, 0
	keys := make([]string, len(header))
	for i, h := range header {
		keys[i] = columnKey(h)
		t.keys[keys[i]] = true
		h = strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))
		if bibdbColumns[h] {
			own++
		}
		if len(h) == 2 && h[0] >= 'A' && h[0] <= 'Z' && (h[1] >= 'A' && h[1] <= 'Z' || h[1] >= '0' && h[1] <= '9') {
			tagged++
		}
	}
	t.export = recognise(t.keys)
	renames := exportKeys[t.export]
	for i, k := range keys {
		if to, ok := renames[k]; ok {
			k = to
		}
		for _, ai := range aliasIndex[k] {
			a := aliases[ai]
			if k == "id" && (a.field == fKeywords) != (tagged >= 5) {
				continue // "ID" is Keywords Plus among Web of Science tags, an id column elsewhere
			}
			if a.field > numFields {
				t.multi = append(t.multi, column{index: i, field: a.field, detail: a.detail, key: keys[i]})
				break
			}
			// insert in order of preference
			j := len(rank[a.field])
			for j > 0 && rank[a.field][j-1] > ai {
				j--
			}
			rank[a.field] = append(rank[a.field][:j], append([]int{ai}, rank[a.field][j:]...)...)
			t.single[a.field] = append(t.single[a.field][:j], append([]int{i}, t.single[a.field][j:]...)...)
			break
		}
	}
	switch {
	case own >= 3:
		t.dialect = bibdb
	case t.keys["eid"] || t.keys["abbreviatedsourcetitle"] || t.keys["sourcetitle"] && t.keys["authorswithaffiliations"]:
		t.dialect = scopus
	}
	return t
}

// titleNames are the title columns a table is refused for lacking, as the
// error message names them.
const titleNames = `"Title" (or "Document Title", "Article Title", "Item Title", "display_name")`

// hasTitle reports whether the table has a title column.
func (t *table) hasTitle() bool { return len(t.single[fTitle]) > 0 }

// mayBeHeader is a quick test that a row could be a header: its cell in
// the title column is short and is itself a known column name.
func (t *table) mayBeHeader(cells []string) bool {
	if !t.hasTitle() {
		return false
	}
	ti := t.single[fTitle][0]
	if ti >= len(cells) || len(cells[ti]) > 40 {
		return false
	}
	var buf [64]byte
	_, ok := aliasIndex[string(appendColumnKey(buf[:0], cells[ti]))]
	return ok
}

// isHeader reports whether a row repeats the header names (a second table
// appended to the first).
func (t *table) isHeader(cells []string) bool {
	if !t.hasTitle() {
		return false
	}
	ti := t.single[fTitle][0]
	if ti >= len(cells) || columnKey(cells[ti]) != columnKey(t.header[ti]) {
		return false
	}
	same := 0
	for i, c := range cells {
		if i < len(t.header) && columnKey(c) == columnKey(t.header[i]) {
			same++
		}
	}
	return same*2 > len(t.header)
}

// looksLikeHeader reports whether a row names at least a title column and
// two other known columns, has no cell that begins with a digit (as a
// year, a DOI or a page does) and no more than one empty cell between two
// that are not: a new header that differs from the current one. (A row of
// data whose title is "Title" and whose other cells are "Publisher" and
// "Abstract", as a test record has them, leaves the cells it has no value
// for empty.)
func looksLikeHeader(cells []string) bool {
	title, known := false, 0
	gaps, empty, named := 0, 0, false
	for _, c := range cells {
		if c = strings.TrimSpace(c); c != "" && c[0] >= '0' && c[0] <= '9' {
			return false
		}
		if c == "" {
			empty++
			continue
		}
		if named {
			gaps += empty
		}
		named, empty = true, 0
		if gaps > 1 {
			return false
		}
		k := columnKey(c)
		for _, ai := range aliasIndex[k] {
			if aliases[ai].field == fTitle {
				title = true
			} else {
				known++
			}
			break
		}
	}
	return title && known >= 2
}
