package ovid

import (
	"slices"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// A field's meaning. Ovid's databases share most tags, but not all: UI is
// the PMID in Ovid MEDLINE and the database's own number elsewhere, MH is
// MeSH in MEDLINE, Emtree in Embase and the Thesaurus of Psychological
// Index Terms in PsycInfo, and ED is an editor in a book's record but the
// entry date in MEDLINE's.
type meaning uint8

const (
	other meaning = iota
	database
	uniqueID     // UI
	accession    // AN
	pmid         // PM
	pmcid        // PMC
	doi          // DO, DI
	author       // AU: "Behan L.", "Zhang, Weijia 1,2,+"
	authorFull   // FA: "Byng, Richard"
	authorID     // AI: "Clemente, Ana; ORCID: https://orcid.org/0000-0002-0460-6793"
	editor       // ED
	institution  // IN
	title        // TI
	origTitle    // OT
	source       // SO: the whole citation
	journal      // JN
	journalAbbr  // JA
	volume       // VO
	issue        // IP
	pages        // PG
	year         // YR
	pubDate      // DP
	abstract     // AB
	heading      // MH
	keyword      // KW: the authors'
	descriptor   // DE, ID: the indexers'
	pubType      // PT
	docType      // DT, ST: a type, when it names one
	language     // LG
	issn         // IS
	issnOnline   // IT, ES
	isbn         // IB
	publisher    // PB, PU: "Routledge; US"
	place        // PL
	bookTitle    // BT
	edition      // EN
	link         // XL, UR, OU
	patentNumber // PN: a patent's ("US 6818228", BIOSIS)
	assignee     // PA: a patent's
	meaningCount // the number of meanings
)

// tagMeanings gives the meaning of each short tag.
var tagMeanings = map[string]meaning{
	"DB": database, "UI": uniqueID, "AN": accession, "PM": pmid, "PMID": pmid, "PMC": pmcid,
	"DO": doi, "DI": doi, "AU": author, "FA": authorFull, "AF": authorFull, "AI": authorID, "ED": editor,
	"IN": institution, "TI": title, "OT": origTitle, "SO": source, "JN": journal, "JT": journal,
	"JA": journalAbbr, "TA": journalAbbr, "VO": volume, "VI": volume, "VL": volume, "IP": issue,
	"PG": pages, "YR": year, "DP": pubDate, "AB": abstract, "MH": heading, "KW": keyword, "KF": keyword,
	"DE": descriptor, "ID": descriptor, "PT": pubType, "DT": docType, "ST": docType, "LG": language,
	"IS": issn, "IT": issnOnline, "ES": issnOnline, "IB": isbn, "PB": publisher, "PU": publisher,
	"PL": place, "BT": bookTitle, "EN": edition, "XL": link, "UR": link, "OU": link, "IU": link,
	"PN": patentNumber, "PA": assignee,
}

// labelTags gives the short tag of each long label, in lower case.
var labelTags = map[string]string{
	"database": "DB", "unique identifier": "UI", "accession number": "AN",
	"pubmed identifier": "PM", "pubmed id": "PM", "medline pmid": "PM", "pmid": "PM",
	"pubmed central identifier": "PMC", "pmcid": "PMC",
	"digital object identifier": "DO", "doi number": "DO", "doi": "DO",
	"author": "AU", "authors": "AU", "authors full name": "FA", "author full name": "FA",
	"editor": "ED", "editors": "ED", "institution": "IN", "title": "TI", "original title": "OT",
	"source": "SO", "journal name": "JN", "full journal name": "JN", "journal": "JN",
	"journal abbreviation": "JA", "abbreviated journal title": "JA",
	"volume": "VO", "issue": "IP", "issue/part": "IP", "page": "PG", "pages": "PG", "pagination": "PG",
	"year of publication": "YR", "date of publication": "DP", "publication date": "DP",
	"abstract": "AB", "mesh subject headings": "MH", "subject headings": "MH", "emtree heading": "MH",
	"keyword heading": "KW", "author keywords": "KW", "keywords": "KW",
	"identifiers": "ID", "descriptors": "DE",
	"publication type": "PT", "document type": "DT", "status": "ST", "language": "LG",
	"issn": "IS", "issn print": "IS", "print issn": "IS", "issn electronic": "IT", "electronic issn": "IT",
	"isbn": "IB", "publisher": "PB", "place of publication": "PL", "book title": "BT", "edition": "EN",
	"patent number": "PN", "patent assignee": "PA",
	"link to the ovid full text or citation": "XL", "url": "UR",
	"score": "SC", // the relevance of a record to the search, as stars
}

// IsLabel reports whether line is one of the long labels of Ovid's
// export ("Accession Number", "Authors", "Source", ...).
func IsLabel(line string) bool {
	_, ok := labelTags[strings.ToLower(bib.TrimSpace(line))]
	return ok
}

// labelTag returns the short tag of a long label, or the label itself.
func labelTag(label string) string {
	if t, ok := labelTags[strings.ToLower(label)]; ok {
		return t
	}
	return label
}

// databaseKind is what Map needs to know of the database a record names.
type databaseKind uint8

const (
	otherDB databaseKind = iota
	medlineDB
	embaseDB
	psycDB
)

func kindOf(db string) databaseKind {
	switch {
	case bib.ContainsFold(db, "embase"):
		return embaseDB
	case bib.ContainsFold(db, "medline") || bib.ContainsFold(db, "pubmed"):
		return medlineDB
	case bib.ContainsFold(db, "psyc"):
		return psycDB
	}
	return otherDB
}

// twoLetterMeanings is tagMeanings for the tags of two capitals, most of
// them, indexed by their letters.
var twoLetterMeanings = func() (t [26 * 26]meaning) {
	for tag, m := range tagMeanings {
		if isTwoCapitals(tag) {
			t[int(tag[0]-'A')*26+int(tag[1]-'A')] = m
		}
	}
	return t
}()

func isTwoCapitals(tag string) bool {
	return len(tag) == 2 && tag[0] >= 'A' && tag[0] <= 'Z' && tag[1] >= 'A' && tag[1] <= 'Z'
}

// meaningOf is the meaning of a tag.
func meaningOf(tag string) meaning {
	if isTwoCapitals(tag) {
		return twoLetterMeanings[int(tag[0]-'A')*26+int(tag[1]-'A')]
	}
	return tagMeanings[tag]
}

// scratch holds the arrays Map works in. A Reader keeps one from record
// to record, so that they are made once: no record refers to them.
type scratch struct {
	meanings       []meaning
	indexes        []int    // of the fields, by meaning
	values         []string // those all returns
	headings, mesh []string
	short, full    []string // the authors' names
	marks          [][]string
	addresses      []affiliation // of an IN value
	folded         []byte        // the authors' names folded
	foldedEnds     []int

	// the database the last record named, as most files hold records of
	// one, and its kind
	database     string
	databaseKind databaseKind
}

// byMeaning sets by to the indexes of the fields of each meaning, in
// order: sorted by counting, all in one array. by is the caller's, so
// that it is not copied on return, and empty.
func (s *scratch) byMeaning(fields []Field, by *[meaningCount][]int) {
	const skip = meaningCount
	var count [meaningCount]int
	meanings := slices.Grow(s.meanings[:0], len(fields))[:len(fields)]
	s.meanings = meanings
	for i := range fields {
		f := &fields[i]
		m := meaningOf(f.Tag)
		if m == editor && bib.AllDigits(bib.TrimSpace(f.Value)) {
			m = skip // MEDLINE's entry date
		} else {
			count[m]++
		}
		meanings[i] = m
	}
	all := slices.Grow(s.indexes[:0], len(fields))
	s.indexes = all
	at := 0
	for m, n := range count {
		if n > 0 { // most meanings have no field: their slice stays nil
			by[m] = all[at : at : at+n]
			at += n
		}
	}
	for i, m := range meanings {
		if m != skip {
			by[m] = append(by[m], i)
		}
	}
}

// Map builds a record from the fields of an Ovid record. Where Ovid gives
// the parts of a citation in fields of their own (JN, VO, IP, PG, DP, as
// MEDLINE and PsycInfo do) they are used; the rest is read from the
// citation in SO, whose form differs between databases (see parseSource).
func Map(fields []Field) *bib.Record {
	var s scratch
	return s.mapFields(fields)
}

// mapFields is Map, working in s.
func (s *scratch) mapFields(fields []Field) *bib.Record {
	r := new(recordRoom)
	rec := &r.rec
	var by [meaningCount][]int
	s.byMeaning(fields, &by)
	first := func(m meaning) string {
		for _, i := range by[m] {
			v := fields[i].Value
			if !fields[i].plain {
				v = bib.CleanText(v)
			}
			if v != "" {
				return v
			}
		}
		return ""
	}
	// The values all returns are cut from one array, each slice with no
	// room after it; each meaning is asked for once, so there are no more
	// of them than fields.
	values := slices.Grow(s.values[:0], len(fields))
	s.values = values
	all := func(m meaning) []string {
		if len(by[m]) == 0 {
			return nil
		}
		from := len(values)
		for _, i := range by[m] {
			if v := trimmed(fields[i]); v != "" {
				values = append(values, v)
			}
		}
		return values[from:len(values):len(values)]
	}

	// allPlain reports whether every value of a meaning is plain.
	allPlain := func(m meaning) bool {
		for _, i := range by[m] {
			if !fields[i].plain {
				return false
			}
		}
		return true
	}

	db := first(database)
	rec.Database = db
	if db == "" {
		rec.Database = "Ovid"
	}
	if db != s.database {
		s.database, s.databaseKind = db, kindOf(db)
	}
	dbKind := s.databaseKind

	// about as many identifiers as fields that give them: one array
	rec.Identifiers = roomIn(r.identifiers[:], len(by[uniqueID])+len(by[accession])+len(by[pmid])+len(by[pmcid])+len(by[doi])+len(by[isbn]))
	identifiers(rec, db, dbKind, first(uniqueID), first(accession))
	for _, v := range all(pmid) {
		rec.AddPMID(v)
	}
	for _, v := range all(pmcid) {
		rec.AddPMCID(v)
	}
	for _, v := range all(doi) {
		var buf [2]string
		for _, d := range bib.AppendDOIs(buf[:0], v) {
			rec.AddDOI(d)
		}
	}
	for _, v := range all(isbn) {
		for _, n := range bib.FindISBNs(v) {
			rec.AddIdentifier(bib.ISBN, n)
		}
	}
	rec.ISSNs = roomIn(r.issns[:], len(by[issn])+len(by[issnOnline])) // most give one each
	for _, v := range all(issn) {
		issns(rec, v, "")
	}
	for _, v := range all(issnOnline) {
		issns(rec, v, bib.ISSNElectronic)
	}

	s.people(rec, all(author), all(authorFull), all(institution), allPlain(institution))
	for _, i := range by[authorID] {
		orcids(rec, fields[i])
	}
	for _, v := range all(editor) {
		for _, name := range splitNames(nil, v) {
			if p := parseName(name); !p.IsZero() {
				rec.Editors = append(rec.Editors, p)
			}
		}
	}

	rec.Title, rec.TranslatedTitle = titleOf(first(title))
	rec.OriginalTitle = first(origTitle)
	if rec.Title == "" {
		rec.Title = rec.OriginalTitle
	}
	rec.Abstract = bib.DropCopyrightNotice(first(abstract))
	rec.Language = strings.TrimRight(first(language), ". ")

	rec.PublicationTypes = roomIn(r.types[:], len(by[pubType])+len(by[docType]))
	for _, v := range all(pubType) {
		addPubType(rec, v)
	}
	for _, v := range all(docType) {
		if typeOf(v) != "" {
			addPubType(rec, v)
		}
	}
	if len(rec.PublicationTypes) == 0 {
		rec.PublicationTypes = nil // none added, as when there is no room made
	}
	headings, mesh := splitHeadings(s.headings[:0], s.mesh[:0], fields, by[heading], dbKind)
	s.headings, s.mesh = headings, mesh
	keywords(rec, headings, mesh, all(keyword), all(descriptor))

	so := first(source)
	c := parseSource(so)
	rec.Container = firstOf(first(journal), c.journal)
	rec.ContainerAbbrev = first(journalAbbr)
	rec.Volume = firstOf(first(volume), c.volume)
	rec.Issue = firstOf(first(issue), c.issue)
	if pg := first(pages); pg != "" && !noPages(pg) {
		rec.SetPages(pg)
	} else if c.pages != "" {
		rec.SetPages(c.pages)
	}
	rec.ArticleNumber = c.articleNumber
	rec.Date = c.parseDate(first(pubDate))
	if y := bib.ExtractYear(first(year)); y != 0 && rec.Date.Year != y {
		if rec.Date.Year == 0 || c.date.Year == y {
			rec.Date = bib.Date{Year: y}
		}
	}
	if rec.Date.Year == 0 || rec.Date.Month == 0 && c.date.Year == rec.Date.Year {
		if c.date.Year != 0 {
			rec.Date = c.date
		}
	}

	rec.Publisher, rec.Place = publisherPlace(firstOf(first(publisher), c.publisher))
	rec.Place = firstOf(first(place), c.place, rec.Place) // a city before PsycInfo's country
	rec.Edition = first(edition)
	rec.NumberOfPages = c.numberOfPages
	for _, e := range c.editors {
		if p := parseName(e); !p.IsZero() && len(by[editor]) == 0 {
			rec.Editors = append(rec.Editors, p)
		}
	}
	for _, v := range all(link) {
		for _, u := range strings.Fields(v) {
			if strings.Contains(u, "://") && !isResolverLink(u) {
				rec.AddURL(u)
			}
		}
	}

	rec.Type = recordType(rec.PublicationTypes, so, first(bookTitle), c)
	switch rec.Type {
	case "chapter":
		if bt := first(bookTitle); bt != "" {
			rec.Container = bookContainer(bt)
		} else if c.book != "" {
			rec.Container = c.book
		}
		rec.Series = c.series
	case "book", "thesis":
		if first(journal) == "" {
			rec.Container = "" // what SO or BT say of a book is its own title and imprint
		}
	case "patent":
		// BIOSIS: the number and the assignee; SO is the gazette that
		// announced the patent
		rec.ArticleNumber = firstOf(first(patentNumber), rec.ArticleNumber)
		rec.Publisher = firstOf(rec.Publisher, first(assignee))
	}
	return rec
}

// identifiers files the record's unique identifier and accession number
// by the database that gave them.
func identifiers(rec *bib.Record, db string, kind databaseKind, ui, an string) {
	an = accessionNumber(an)
	rec.SourceID = firstOf(ui, an)
	for _, id := range [2]string{ui, an} {
		switch {
		case id == "":
		case kind == medlineDB && bib.AllDigits(id):
			rec.AddPMID(id)
		case kind == embaseDB:
			rec.AddIdentifier("embase", strings.TrimPrefix(id, "L"))
		case strings.HasPrefix(id, "CN-"):
			rec.AddIdentifier("central", id)
		case db != "":
			rec.AddIdentifier(scheme(db), id)
		}
	}
}

// accessionNumber takes off what PsycInfo writes before its accession
// number ("Peer Reviewed Journal: 2015-33942-012.") and the full stop
// Journals@Ovid puts after it.
func accessionNumber(an string) string {
	if i := strings.LastIndex(an, ": "); i >= 0 {
		an = an[i+2:]
	}
	return strings.TrimRight(bib.TrimSpace(an), ".")
}

// scheme names the identifier scheme of a database's own numbers (see
// bib.DatabaseScheme), without Ovid's span of years ("APA PsycInfo <1806
// to November Week 3 2026>").
func scheme(db string) string {
	if i := strings.IndexByte(db, '<'); i > 0 {
		db = db[:i]
	}
	return bib.DatabaseScheme(db)
}

// issns adds the ISSNs of one value: "0098-1133 (ISSN print)", "1234-5678
// (Electronic)", or several, with kind as the kind of those not marked.
func issns(rec *bib.Record, v, kind string) {
	var buf [2]string
	found := bib.AppendISSNs(buf[:0], v)
	for i, s := range found {
		k := kind
		if len(found) == 1 {
			if w := bib.ISSNKind(v); w != "" {
				k = w
			}
		} else if j := strings.Index(v, s); j >= 0 {
			rest := v[j+len(s):]
			if i+1 < len(found) {
				if e := strings.Index(rest, found[i+1]); e >= 0 {
					rest = rest[:e]
				}
			}
			if w := bib.ISSNKind(rest); w != "" {
				k = w
			}
		}
		rec.AddISSN(s, k)
	}
}

// titleOf reads a title: without the section Journals@Ovid and PsycInfo
// put after it ("... Breast Cancer.  [Miscellaneous]", "... depression.
// [References]."), without the quotation marks around a whole title, and,
// written in brackets as MEDLINE writes an English translation of a title
// in another language, as that translation.
func titleOf(t string) (title, translated string) {
	t = bib.TrimSpace(t)
	if i := strings.LastIndexByte(t, '['); i > 0 {
		tail := strings.TrimRight(t[i:], ". ")
		head := strings.TrimRight(t[:i], " ")
		if strings.HasSuffix(tail, "]") && isSection(tail[1:len(tail)-1]) && strings.IndexByte(".?!", head[len(head)-1]) >= 0 {
			t = head
		}
	}
	if len(t) > 2 && t[0] == '"' {
		if end := strings.TrimRight(t, ". "); len(end) > 2 && strings.HasSuffix(end, "\"") && strings.Count(end, "\"") == 2 {
			t = end[1:len(end)-1] + t[len(end):]
		}
	}
	if len(t) > 2 && t[0] == '[' {
		end := strings.TrimRight(t, ". ")
		if strings.HasSuffix(end, "]") && strings.Count(end, "[") == 1 && strings.Count(end, "]") == 1 {
			inner := bib.TrimSpace(end[1 : len(end)-1])
			return inner, inner
		}
	}
	return t, ""
}

// isSection reports whether the words in brackets after a title name the
// kind or section of the article ("Article", "Miscellaneous Article",
// "References", "Review", "Editorial"): one to four words of letters.
func isSection(s string) bool {
	words := strings.Fields(s)
	if len(words) == 0 || len(words) > 4 {
		return false
	}
	for _, w := range words {
		for i := 0; i < len(w); i++ {
			c := w[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-' || c == '&' || c == ',') {
				return false
			}
		}
	}
	return words[0][0] >= 'A' && words[0][0] <= 'Z'
}

// keywords adds the subject headings (MeSH in MEDLINE, Emtree in Embase,
// the database's thesaurus elsewhere; "*" marks a major one), the
// authors' keywords ("BCRP;  chemoresistance") and the indexers' terms.
func keywords(rec *bib.Record, headings, mesh, kws, descs []string) {
	n := 0 // about as many terms as lines and separators
	for _, vs := range [][]string{headings, mesh, kws, descs} {
		for _, v := range vs {
			n += 1 + strings.Count(v, "\n") + strings.Count(v, ";") + strings.Count(v, ",")
		}
	}
	rec.Keywords = room[bib.Keyword](n)
	// The arrays of lines and of a heading's terms are made once, not for
	// each value: clearing them took longer than cutting most values.
	var (
		buf  [32]string
		kbuf [4]bib.Keyword // a heading's, one per qualifier
	)
	for _, v := range headings {
		for _, h := range lines(buf[:0], v) {
			major := strings.HasPrefix(h, "*")
			if t := bib.CleanText(strings.TrimLeft(h, "* ")); t != "" {
				rec.AddKeyword(bib.Keyword{Term: t, Vocabulary: bib.VocabIndex, Major: major})
			}
		}
	}
	for _, v := range mesh {
		for _, h := range lines(buf[:0], v) {
			for _, k := range bib.AppendMeSH(kbuf[:0], h) {
				rec.AddKeyword(k)
			}
		}
	}
	var terms [16]string
	for _, v := range kws {
		for _, k := range splitTerms(terms[:0], v) {
			rec.AddCleanKeyword(bib.Keyword{Term: k, Vocabulary: bib.VocabAuthor})
		}
	}
	for _, v := range descs {
		for _, k := range splitTerms(terms[:0], v) {
			rec.AddCleanKeyword(bib.Keyword{Term: k, Vocabulary: bib.VocabIndex})
		}
	}
}

// splitHeadings parts the values of MH fields into the database's own
// index terms and MeSH headings: MH is MeSH in MEDLINE, and in APA
// PsycInfo the MH fields after the classification (CC) hold the MeSH
// headings of a record that MEDLINE indexes too, those before it
// PsycInfo's own terms. The values are appended to headings and mesh.
func splitHeadings(headings, mesh []string, fields []Field, at []int, kind databaseKind) ([]string, []string) {
	meshFrom := len(fields)
	switch kind {
	case medlineDB:
		meshFrom = 0
	case psycDB:
		for i, f := range fields {
			if f.Tag == "CC" {
				meshFrom = i
				break
			}
		}
	}
	for _, i := range at {
		v := trimmed(fields[i])
		switch {
		case v == "":
		case i >= meshFrom:
			mesh = append(mesh, v)
		default:
			headings = append(headings, v)
		}
	}
	return headings, mesh
}

// lines returns the non-blank lines of v, trimmed, appended to buf.
func lines(buf []string, v string) []string {
	for v != "" {
		line, rest, _ := cutByte(v, '\n')
		if line = bib.TrimSpace(line); line != "" {
			buf = append(buf, line)
		}
		v = rest
	}
	return buf
}

// cutByte is strings.Cut for a separator of one byte, without the
// dispatch on the separator's length strings.Cut makes at every call.
func cutByte(s string, sep byte) (before, after string, found bool) {
	if i := strings.IndexByte(s, sep); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// splitTerms splits a list of terms into lines, and each line on
// semicolons or, with none, on commas ("Legitimacy crisis, Pakistan"),
// takes off a final full stop, and appends the terms to out.
func splitTerms(out []string, v string) []string {
	var buf [8]string
	for _, line := range lines(buf[:0], v) {
		sep := byte(';')
		if strings.IndexByte(line, ';') < 0 {
			sep = ','
		}
		for more := true; more; {
			var t string
			t, line, more = cutByte(line, sep)
			if t = bib.TrimSpace(strings.TrimSuffix(bib.TrimSpace(t), ".")); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// addPubType adds a publication type as written, without its full stop
// and what Journals@Ovid writes after a colon ("Review:  PDF Only.").
func addPubType(rec *bib.Record, v string) {
	v = bib.TrimSpace(v)
	if i := strings.Index(v, ":"); i > 0 {
		v = v[:i]
	}
	v = strings.TrimRight(v, ". ")
	for _, p := range rec.PublicationTypes {
		if strings.EqualFold(p, v) {
			return
		}
	}
	if v != "" {
		rec.PublicationTypes = append(rec.PublicationTypes, v)
	}
}

// typeOf returns the CSL type a publication or document type names, or "".
func typeOf(v string) string {
	v = strings.TrimRight(bib.TrimSpace(v), ". ")
	// ASCII, as types are, is put in lower case in an array on the stack,
	// and a short one made a string there too, as l does not escape
	var buf [64]byte
	var l string
	if b, ok := appendLowerASCII(buf[:0], v); ok {
		l = string(b)
	} else {
		l = strings.ToLower(v)
	}
	if i := strings.IndexByte(l, ':'); i > 0 {
		l = bib.TrimSpace(l[:i])
	}
	switch {
	case strings.Contains(l, "chapter"):
		return "chapter"
	case strings.Contains(l, "dissertation") || strings.Contains(l, "thesis"):
		return "thesis"
	case l == "patent":
		return "patent"
	case strings.Contains(l, "report") && !strings.Contains(l, "case report"):
		return "report"
	case strings.Contains(l, "conference") || strings.Contains(l, "meeting") || strings.Contains(l, "congress") || strings.Contains(l, "proceedings"):
		return "paper-conference"
	case strings.Contains(l, "book") || l == "monograph":
		return "book"
	case strings.Contains(l, "newspaper"):
		return "article-newspaper"
	case strings.Contains(l, "journal") || strings.Contains(l, "article") || l == "review" || l == "editorial" ||
		l == "letter" || l == "note" || l == "erratum" || l == "short survey" || l == "comment" || l == "case report":
		return "article-journal"
	}
	return ""
}

// recordType decides the CSL type: from the publication and document
// types, the most specific first (PsycInfo calls a chapter "Book",
// "Edited Book" and "Chapter"), a meeting paper in a journal being a
// journal article; without one, from the citation.
func recordType(types []string, so, bt string, c citation) string {
	found := map[string]bool{}
	for _, t := range types {
		found[typeOf(t)] = true
	}
	for _, t := range [...]string{"chapter", "thesis", "patent", "report"} {
		if found[t] {
			return t
		}
	}
	switch {
	case found["paper-conference"] && !found["article-journal"]:
		return "paper-conference"
	case found["article-journal"]:
		return "article-journal"
	case found["book"]:
		return "book"
	case found["article-newspaper"]:
		return "article-newspaper"
	case c.book != "":
		return "chapter"
	case c.numberOfPages != "":
		return "book"
	case so == "" && bt != "":
		return "book"
	}
	return "article-journal"
}

// bookContainer is the title of a book as BT gives it, without the imprint
// after it ("Key to the herpetofauna of Fiji. University of the South
// Pacific, ... Suva. 2006: Unpaginated."): up to the first full stop.
func bookContainer(bt string) string {
	if i := strings.Index(bt, ". "); i > 0 {
		return bt[:i]
	}
	return strings.TrimRight(bt, ". ")
}

// publisherPlace splits "Cambridge University Press; United Kingdom" into
// the publisher and its place.
func publisherPlace(s string) (publisher, place string) {
	if p, pl, ok := strings.Cut(s, ";"); ok {
		return bib.TrimSpace(p), bib.TrimSpace(pl)
	}
	return bib.TrimSpace(s), ""
}

// isResolverLink reports whether a link is an OpenURL to the library
// resolver of whoever exported the record ("...sfx?sid=OVID:medline&id=
// pmid:..."), which says nothing of the work beyond the other fields.
func isResolverLink(u string) bool {
	return strings.Contains(u, "sid=OVID") || strings.Contains(u, "sid=Ovid") || bib.ContainsFold(u, "/sfx") || bib.ContainsFold(u, "openurl")
}

// noPages reports whether a page field says there are none ("No
// Pagination Specified", "no pagination", "Unpaginated").
func noPages(s string) bool {
	return bib.ContainsFold(s, "pagination") || bib.ContainsFold(s, "unpaginated")
}

// appendLowerASCII appends s in lower case to b, and reports whether s
// was ASCII, for which that is strings.ToLower(s).
func appendLowerASCII(b []byte, s string) ([]byte, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return b, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b, true
}

// trimmed is the field's value without the space around it, which a
// plain value has none of.
func trimmed(f Field) string {
	if f.plain {
		return f.Value
	}
	return bib.TrimSpace(f.Value)
}

// recordRoom is a record with room for the few identifiers, ISSNs and
// publication types most records have, made in one allocation: its lists
// are cut from these arrays when they fit (see roomIn). The record is
// never copied out of it.
type recordRoom struct {
	rec         bib.Record
	identifiers [3]bib.Identifier
	issns       [2]bib.ISSN
	types       [1]string
}

// roomIn is room, cut from array when n elements fit in it.
func roomIn[E any](array []E, n int) []E {
	if n == 0 || n > len(array) {
		return room[E](n)
	}
	return array[:0]
}

// room returns an empty slice with room for n elements, or nil for none,
// for a new record's lists. It is made rather than grown from nil with
// slices.Grow, which clears the new array a second time and, while the
// garbage collector marks, goes through its write barriers to do so.
func room[E any](n int) []E {
	if n == 0 {
		return nil
	}
	return make([]E, 0, n)
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
