package medline

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// lineWidth is how many characters of a value go on one line before it
// wraps onto a continuation line, as PubMed wraps them.
const lineWidth = 80

// Writer writes records in the MEDLINE tagged format as PubMed exports it:
// each tag left-justified in four columns and followed by "- ", long values
// wrapped at spaces onto continuation lines indented by six spaces, PMID
// first, the authors in order as FAU/AU pairs (CN for a group) each
// followed by its AUID and AD lines, and a blank line between records.
// Lines end in LF; no byte-order mark is written.
//
// What a record holds is written under the tags Map reads it from, so that
// a record written and read back keeps its fields: the journal in JT/TA,
// ISSNs in IS with (Print), (Electronic) or (Linking), DP, LID/AID with
// [doi] and [pii], MH with "*" and qualifiers, OT after an OTO naming the
// keywords' owner (NOTNLM for author keywords), PT (a type such as
// "Book Chapter" or "Congress" is added when the record's own types would
// not give its type back; a work of a type MEDLINE has none for, holding
// nothing only MEDLINE has, gets its type in words, "Document" or "Motion
// picture", so that it is told from RIS), BTI/CTI for books, and an
// English title translated from another language in brackets with the
// original in TT.
type Writer struct {
	w    *bufio.Writer
	n    int  // records written
	tags int  // lines written for the current record
	own  bool // a tag only MEDLINE has written for the current record
	err  error
}

// NewWriter returns a Writer writing to w. Call Close to flush.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w)} }

// Close flushes what is buffered. It does not close the underlying writer.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	w.err = w.w.Flush()
	return w.err
}

// Write writes one record.
func (w *Writer) Write(rec *bib.Record) error {
	if w.err != nil {
		return w.err
	}
	if w.n > 0 {
		w.w.WriteByte('\n')
	}
	w.n++
	w.tags = 0
	w.own = false
	eric := database(rec.Database, false) == "ERIC"
	periodical := isPeriodical(rec.Type)

	w.tag("PMID", rec.Identifier(bib.PMID))
	w.tag("OWN", owner(rec.Database))
	for _, s := range rec.ISSNs {
		w.tag("IS", s.Value+issnSuffix(s.Kind))
	}
	w.tag("VI", rec.Volume)
	w.tag("IP", rec.Issue)
	dp := dpString(rec.Date)
	w.tag("DP", dp)
	w.titles(rec)
	pages := rec.FirstPage
	if rec.LastPage != "" {
		pages += "-" + rec.LastPage // also "7-7", as the record has it
	}
	w.tag("PG", pages)
	dois := rec.IdentifierValues(bib.DOI)
	if len(dois) > 0 {
		w.tag("LID", dois[0]+" [doi]")
	}
	if rec.ArticleNumber != "" && rec.FirstPage == "" && rec.LastPage == "" && (periodical || rec.Type == "") {
		// an article's number, as PubMed gives it; the number of a
		// report, a patent or an episode is no electronic location, and
		// would read back as a publisher item identifier
		w.tag("LID", rec.ArticleNumber+" [pii]")
	}
	w.tag("AB", rec.Abstract)
	for _, a := range rec.Affiliations {
		w.tag("AD", a)
	}
	for _, p := range rec.Editors {
		w.person(p, "FED", "ED")
	}
	for _, p := range rec.Authors {
		w.person(p, "FAU", "AU")
	}
	w.tag("LA", rec.Language)
	for _, pt := range w.pubTypes(rec, eric) {
		w.tag("PT", pt)
	}
	if !periodical {
		w.tag("PL", rec.Place)
	}
	w.tag("TA", rec.ContainerAbbrev)
	if rec.Type != "book" && rec.Type != "chapter" {
		w.tag("JT", rec.Container) // a book's container is in BTI
	}
	w.tag("PB", rec.Publisher)
	w.tag("EN", rec.Edition)
	for _, v := range rec.IdentifierValues(bib.ISBN) {
		w.tag("ISBN", v)
	}
	w.keywords(rec, eric)
	for _, n := range rec.Notes {
		w.tag("GN", n)
	}
	w.tag("PMC", rec.Identifier(bib.PMCID))
	for _, v := range rec.IdentifierValues("eric") {
		w.tag("OID", v)
	}
	for _, d := range dois {
		w.tag("AID", d+" [doi]")
	}
	for _, v := range rec.IdentifierValues(bib.PII) {
		w.tag("AID", v+" [pii]")
	}
	if ids := rec.IdentifierValues(bib.PMID); len(ids) > 1 {
		for _, v := range ids[1:] {
			w.tag("AID", v+" [pmid]")
		}
	}
	if ids := rec.IdentifierValues(bib.PMCID); len(ids) > 1 {
		for _, v := range ids[1:] {
			w.tag("AID", v+" [pmc]")
		}
	}
	for _, v := range rec.IdentifierValues("bookshelf") {
		w.tag("AID", v+" [bookaccession]")
	}
	for _, u := range rec.URLs {
		w.tag("AID", u)
	}
	if periodical && !eric {
		w.tag("SO", source(rec, dp, dois))
	}
	if !w.own && (w.tags == 0 || wordsType(typeWords(rec.Type)) == rec.Type) {
		// A record with nothing MEDLINE holds but a type MEDLINE has no
		// publication type for: a record of no lines would vanish, and
		// one of lines RIS has too ("TI  - ", "AB  - ") would not be told
		// from RIS. Its type in words is what MEDLINE always has, a PT.
		w.tag("PT", typeWords(rec.Type))
	}
	return w.err
}

// medlineOnly are the tags the writer writes that RIS has not, which tell
// a file as MEDLINE.
var medlineOnly = map[string]bool{"PMID": true, "OWN": true, "VI": true, "IP": true, "DP": true, "PG": true,
	"LID": true, "FAU": true, "PT": true, "TA": true, "JT": true, "OT": true, "AID": true, "MH": true, "SO": true,
	"AUID": true, "PL": true}

// typeWords writes a CSL type as words: "article-magazine" → "Article
// magazine". The reader takes such a PT back as the type (see wordsType).
func typeWords(typ string) string {
	if typ == "" {
		typ = "article"
	}
	b := []byte(typ)
	for i, c := range b {
		if c == '-' || c == '_' {
			b[i] = ' '
		}
	}
	if c := b[0]; c >= 'a' && c <= 'z' {
		b[0] = c - 'a' + 'A'
	}
	return string(b)
}

// titles writes TI, BTI, CTI and TT.
func (w *Writer) titles(rec *bib.Record) {
	switch {
	case rec.Type == "book" && rec.TranslatedTitle == "":
		w.tag("BTI", rec.Title)
		w.tag("TT", rec.OriginalTitle)
	case rec.TranslatedTitle != "":
		w.tag("TI", bracket(rec.TranslatedTitle))
		if rec.OriginalTitle != "" {
			w.tag("TT", rec.OriginalTitle)
		} else if rec.Title != rec.TranslatedTitle {
			w.tag("TT", rec.Title)
		}
	case rec.Title == rec.OriginalTitle:
		w.tag("TT", rec.OriginalTitle) // a title in its own language only
	default:
		w.tag("TI", rec.Title)
		w.tag("TT", rec.OriginalTitle)
	}
	if rec.Type == "chapter" {
		w.tag("BTI", rec.Container)
	}
	w.tag("CTI", rec.Series)
}

// bracket writes an English title translated from another language as
// MEDLINE does: "[Title]." for "Title.".
func bracket(t string) string {
	if strings.HasSuffix(t, ".") {
		return "[" + strings.TrimSuffix(t, ".") + "]."
	}
	return "[" + t + "]"
}

// person writes one author or editor: CN for a group, else the full and
// short names, the ORCID and the affiliations.
func (w *Writer) person(p bib.Person, full, short string) {
	if p.Literal != "" {
		if full == "FAU" {
			w.tag("CN", p.Literal)
		} else {
			w.tag(full, p.Literal)
		}
	} else {
		fam := p.FamilyName()
		f := fam
		switch {
		case p.Given != "" && p.Suffix != "":
			f += ", " + p.Given + " " + p.Suffix
		case p.Given != "" || p.Suffix != "":
			f += ", " + p.Given + p.Suffix
		}
		s := fam
		if in := bib.Initials(p.Given); in != "" {
			s += " " + in
		}
		if p.Suffix != "" {
			s += " " + p.Suffix
		}
		w.tag(full, f)
		w.tag(short, s)
	}
	if p.ORCID != "" {
		w.tag("AUID", "ORCID: "+p.ORCID)
	}
	for _, a := range p.Affiliations {
		w.tag("AD", a)
	}
}

// pubTypes returns the record's publication types, with the MEDLINE type
// of its CSL type added when they would not give the type back.
func (w *Writer) pubTypes(rec *bib.Record, eric bool) []string {
	pts := rec.PublicationTypes
	want := ptFor(rec.Type, eric)
	if want == "" {
		return pts
	}
	hasJournal := rec.Container != "" || rec.ContainerAbbrev != "" || len(rec.ISSNs) > 0 || rec.Volume != ""
	ericID := rec.Identifier("eric")
	// What the reader will see: the title in TI or BTI (see titles).
	inBTI := rec.Type == "book" && rec.TranslatedTitle == ""
	hasTitle := !inBTI && (rec.Title != "" || rec.TranslatedTitle != "")
	hasBookTitle := inBTI && rec.Title != "" || rec.Type == "chapter" && rec.Container != ""
	if recordType(pts, eric, ericID, hasTitle, hasBookTitle, hasJournal) == rec.Type {
		return pts
	}
	for _, pt := range pts {
		if strings.EqualFold(pt, want) {
			return pts
		}
	}
	return append(append([]string(nil), pts...), want)
}

// ptFor returns the publication type that gives a CSL type.
func ptFor(typ string, eric bool) string {
	if eric {
		switch typ {
		case "article-journal":
			return "Journal Articles"
		case "thesis":
			return "Dissertations/Theses"
		case "book":
			return "Books"
		case "paper-conference":
			return "Speeches/Meeting Papers"
		case "dataset":
			return "Numerical/Quantitative Data"
		case "report":
			return "Reports - General"
		}
		return ""
	}
	switch typ {
	case "article-journal":
		return "Journal Article"
	case "book":
		return "Book"
	case "chapter":
		return "Book Chapter"
	case "paper-conference":
		return "Congress"
	case "report":
		return "Technical Report"
	case "thesis":
		return "Academic Dissertation"
	case "dataset":
		return "Dataset"
	case "article-newspaper":
		return "Newspaper Article"
	case "legal_case":
		return "Legal Case"
	case "legislation":
		return "Legislation"
	case "patent":
		return "Patent"
	case "article":
		return "Preprint"
	}
	return ""
}

// keywords writes MeSH headings as MH (the qualifiers of one descriptor
// on one line) and the other keywords as OT after the OTO of their owner.
func (w *Writer) keywords(rec *bib.Record, eric bool) {
	ks := rec.Keywords
	for i := 0; i < len(ks); i++ {
		k := ks[i]
		if k.Vocabulary != bib.VocabMeSH {
			continue
		}
		if k.Qualifier == "" {
			if k.Major {
				w.tag("MH", "*"+k.Term)
			} else {
				w.tag("MH", k.Term)
			}
			continue
		}
		var b strings.Builder
		b.WriteString(k.Term)
		for {
			b.WriteByte('/')
			if k.Major {
				b.WriteByte('*')
			}
			b.WriteString(k.Qualifier)
			if i+1 >= len(ks) || ks[i+1].Vocabulary != bib.VocabMeSH || ks[i+1].Term != k.Term || ks[i+1].Qualifier == "" {
				break
			}
			i++
			k = ks[i]
		}
		w.tag("MH", b.String())
	}
	// ERIC's descriptors are OT lines with no OTO before them.
	group := func(oto string, index bool) {
		first := true
		for _, k := range ks {
			if k.Vocabulary == bib.VocabMeSH || (k.Vocabulary == bib.VocabAuthor) == index {
				continue
			}
			if first && oto != "" {
				w.tag("OTO", oto)
			}
			first = false
			w.tag("OT", k.Term)
		}
	}
	if eric {
		group("", true)
		group("NOTNLM", false)
	} else {
		group("NOTNLM", false)
		group("NLM", true)
	}
}

// tag writes one tag line, wrapping a long value onto continuation lines.
// Empty values are not written.
func (w *Writer) tag(tag, value string) {
	value = bib.CleanText(value)
	if value == "" || w.err != nil {
		return
	}
	w.tags++
	if !w.own && medlineOnly[tag] {
		w.own = true
	}
	w.w.WriteString(tag)
	for i := len(tag); i < 4; i++ {
		w.w.WriteByte(' ')
	}
	w.w.WriteString("- ")
	for len(value) > lineWidth {
		// Never after a word that ends in a hyphen ("pre- and post-"): the
		// reader takes a line ending so for a hyphenated word broken in two.
		cut := strings.LastIndexByte(value[:lineWidth+1], ' ')
		for cut > 0 && hyphenBefore(value, cut) {
			cut = strings.LastIndexByte(value[:cut], ' ')
		}
		if cut <= 0 {
			// One word longer than a line: never break inside it, as the
			// reader joins lines with a space.
			cut = strings.IndexByte(value, ' ')
			for cut > 0 && hyphenBefore(value, cut) {
				next := strings.IndexByte(value[cut+1:], ' ')
				if next < 0 {
					cut = -1
					break
				}
				cut += 1 + next
			}
			if cut < 0 {
				break
			}
		}
		w.w.WriteString(value[:cut])
		w.w.WriteString("\n      ")
		value = value[cut+1:]
	}
	w.w.WriteString(value)
	_, w.err = w.w.WriteString("\n")
}

// hyphenBefore reports whether the space at value[i] follows a letter and
// a hyphen.
func hyphenBefore(value string, i int) bool {
	return i >= 2 && value[i-1] == '-' && isLetter(value[i-2])
}

func issnSuffix(kind string) string {
	switch kind {
	case bib.ISSNPrint:
		return " (Print)"
	case bib.ISSNElectronic:
		return " (Electronic)"
	case bib.ISSNLinking:
		return " (Linking)"
	}
	return ""
}

// owner returns the OWN of a database: NLM for PubMed.
func owner(db string) string {
	if database(db, false) == "PubMed" {
		return "NLM"
	}
	return db
}

var monthAbbrev = [...]string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// dpString writes a date as DP: the date as written when it was a MEDLINE
// date that reads back the same, else "2016 Jan 15", "2016 Jan", "2010
// Spring" or "2016".
func dpString(d bib.Date) string {
	if d.Raw != "" {
		if p := parseDP(d.Raw); p.Year == d.Year && p.Month == d.Month && p.Day == d.Day && p.Season == d.Season && medlineDate(d.Raw) {
			return d.Raw
		}
	}
	if d.Year == 0 {
		return d.Raw
	}
	s := strconv.Itoa(d.Year)
	if d.Season != "" && d.Month != 0 {
		s += " " + d.Season // before the month, where it reads back
	}
	switch {
	case d.Month >= 1 && d.Month <= 12:
		s += " " + monthAbbrev[d.Month]
		if d.Day > 0 {
			s += " " + strconv.Itoa(d.Day)
		}
	case d.Season != "":
		s += " " + d.Season
	}
	return s
}

// medlineDate reports whether a date as written has DP's shape: a year,
// then a space and the rest.
func medlineDate(s string) bool {
	if len(s) < 4 || len(s) > 4 && s[4] != ' ' {
		return false
	}
	for i := 0; i < 4; i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// source writes SO as PubMed does: "Br J Psychiatry. 2023 Jun;222(6):246-256.
// doi: 10.1192/bjp.2023.28."
func source(rec *bib.Record, dp string, dois []string) string {
	j := rec.ContainerAbbrev
	if j == "" {
		j = rec.Container
	}
	if j == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(strings.TrimSuffix(j, "."))
	b.WriteString(".")
	if dp != "" {
		b.WriteString(" ")
		b.WriteString(dp)
	}
	if rec.Volume != "" {
		b.WriteString(";")
		b.WriteString(rec.Volume)
	}
	if rec.Issue != "" {
		b.WriteString("(" + rec.Issue + ")")
	}
	pages := rec.Pages()
	if pages == "" {
		pages = rec.ArticleNumber
	}
	if pages != "" {
		b.WriteString(":")
		b.WriteString(pages)
	}
	b.WriteString(".")
	if len(dois) > 0 {
		b.WriteString(" doi: " + dois[0] + ".")
	}
	return b.String()
}
