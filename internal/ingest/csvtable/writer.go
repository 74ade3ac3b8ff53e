package csvtable

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// Columns are the columns Writer writes, in order (see the package
// documentation for what each holds).
var Columns = []string{
	"id", "type", "title", "short_title", "translated_title", "original_title",
	"authors", "author_affiliations", "author_orcids", "editors", "translators", "affiliations",
	"year", "date", "date_as_written", "journal", "journal_abbrev", "series", "series_number", "volume", "issue",
	"first_page", "last_page", "article_number", "number_of_pages", "edition", "version", "publisher", "place",
	"event_place", "accessed",
	"doi", "pmid", "pmcid", "isbn", "issn", "other_identifiers",
	"abstract", "author_keywords", "mesh_headings", "index_keywords", "keywords_plus", "other_keywords",
	"publication_types", "language", "url", "database", "notes",
}

// Writer writes records as bibdb's CSV table: a header row, then one row
// per record.
type Writer struct {
	BOM  bool // begin with a UTF-8 byte-order mark
	CRLF bool // end lines with CRLF instead of LF

	dst     io.Writer
	csv     *csv.Writer
	row     []string
	started bool
	err     error
}

// NewWriter returns a Writer writing to w. Call Close to flush.
func NewWriter(w io.Writer) *Writer {
	return &Writer{dst: w, row: make([]string, len(Columns))}
}

// Write writes one record as a row (and the header before the first).
func (w *Writer) Write(rec *bib.Record) error {
	if w.err != nil {
		return w.err
	}
	if !w.started {
		w.started = true
		if w.BOM {
			if _, err := io.WriteString(w.dst, "\ufeff"); err != nil {
				w.err = fmt.Errorf("csv: %w", err)
				return w.err
			}
		}
		w.csv = csv.NewWriter(w.dst)
		w.csv.UseCRLF = w.CRLF
		if err := w.csv.Write(Columns); err != nil {
			w.err = fmt.Errorf("csv: %w", err)
			return w.err
		}
	}
	fillRow(w.row, rec)
	if err := w.csv.Write(w.row); err != nil {
		w.err = fmt.Errorf("csv: %w", err)
	}
	return w.err
}

// Close writes the header if no record was written, and flushes.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if !w.started {
		w.started = true
		w.csv = csv.NewWriter(w.dst)
		w.csv.UseCRLF = w.CRLF
		if err := w.csv.Write(Columns); err != nil {
			return fmt.Errorf("csv: %w", err)
		}
	}
	w.csv.Flush()
	if err := w.csv.Error(); err != nil {
		w.err = fmt.Errorf("csv: %w", err)
	}
	return w.err
}

// fillRow writes the cells of a record into row, in the order of Columns.
func fillRow(row []string, rec *bib.Record) {
	var other []string
	for _, id := range rec.Identifiers {
		switch id.Scheme {
		case bib.DOI, bib.PMID, bib.PMCID, bib.ISBN:
		default:
			other = append(other, id.Scheme+":"+id.Value)
		}
	}
	year := ""
	if rec.Date.Year != 0 {
		year = strconv.Itoa(rec.Date.Year)
	}
	kw := keywordCells(rec.Keywords)
	cells := [...]string{
		rec.SourceID, rec.Type, rec.Title, rec.ShortTitle, rec.TranslatedTitle, rec.OriginalTitle,
		personList(rec.Authors), authorLines(rec.Authors, false), authorLines(rec.Authors, true),
		personList(rec.Editors), personList(rec.Translators), strings.Join(rec.Affiliations, "\n"),
		year, formatDate(rec.Date), dateAsWritten(rec.Date), rec.Container, rec.ContainerAbbrev, rec.Series, rec.CollectionNumber,
		rec.Volume, rec.Issue, rec.FirstPage, rec.LastPage, rec.ArticleNumber, rec.NumberOfPages, rec.Edition, rec.Version,
		rec.Publisher, rec.Place, rec.EventPlace, accessedCell(rec.Accessed),
		strings.Join(rec.IdentifierValues(bib.DOI), "; "), strings.Join(rec.IdentifierValues(bib.PMID), "; "),
		strings.Join(rec.IdentifierValues(bib.PMCID), "; "), strings.Join(rec.IdentifierValues(bib.ISBN), "; "),
		issnCell(rec.ISSNs), strings.Join(other, "; "),
		rec.Abstract, kw[0], kw[1], kw[2], kw[3], kw[4],
		strings.Join(rec.PublicationTypes, "; "), rec.Language, strings.Join(rec.URLs, "; "), rec.Database,
		strings.Join(rec.Notes, "\n"),
	}
	copy(row, cells[:])
}

// personList writes names as "Family, Given; Family, Given". A group name
// that bib.ParseName would not read back as the same group is put in
// braces.
func personList(ps []bib.Person) string {
	switch len(ps) {
	case 0:
		return ""
	case 1:
		return personName(ps[0])
	}
	var b strings.Builder
	for i, p := range ps {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(personName(p))
	}
	return b.String()
}

func personName(p bib.Person) string {
	s := p.String()
	if p.Literal != "" && (strings.ContainsAny(s, ";{}") || bib.ParseName(s).Literal != p.Literal) {
		return "{" + s + "}"
	}
	return s
}

// authorLines writes one "Name: value" line per author and affiliation (or
// per author with an ORCID).
func authorLines(ps []bib.Person, orcids bool) string {
	var b strings.Builder
	for _, p := range ps {
		if orcids {
			if p.ORCID != "" {
				writeLine(&b, p.String(), p.ORCID)
			}
			continue
		}
		for _, a := range p.Affiliations {
			writeLine(&b, p.String(), a)
		}
	}
	return b.String()
}

func writeLine(b *strings.Builder, name, value string) {
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(name)
	b.WriteString(": ")
	b.WriteString(value)
}

// formatDate writes the date when it says more than the year:
// "2023-06-01", "2023-06", "2023 Spring"; or the date as written when there
// is no year.
func formatDate(d bib.Date) string {
	if d.Year == 0 {
		return d.Raw
	}
	if d.Month == 0 && d.Season == "" {
		return ""
	}
	s := d.String()
	if d.Season != "" {
		s += " " + d.Season
	}
	return s
}

// accessedCell writes the date a web page was seen as the date column
// does, the year too: "2023-06-19".
func accessedCell(d bib.Date) string {
	if d.Year == 0 || d.Month != 0 || d.Season != "" {
		return formatDate(d)
	}
	return d.String()
}

// dateAsWritten returns the date as written, when it is kept and the date
// column does not already say it.
func dateAsWritten(d bib.Date) string {
	if d.Year == 0 {
		return "" // the date column holds it
	}
	return d.Raw
}

var issnKinds = map[string]string{bib.ISSNPrint: " (Print)", bib.ISSNElectronic: " (Electronic)", bib.ISSNLinking: " (Linking)"}

func issnCell(issns []bib.ISSN) string {
	var parts []string
	for _, s := range issns {
		parts = append(parts, s.Value+issnKinds[s.Kind])
	}
	return strings.Join(parts, "; ")
}

// keywordCells writes the keywords by vocabulary: author keywords, MeSH,
// index terms, Keywords Plus and the others as "vocabulary: term".
func keywordCells(ks []bib.Keyword) [5]string {
	var cells [5][]string
	for _, k := range ks {
		switch {
		case k.Vocabulary == bib.VocabMeSH:
			cells[1] = append(cells[1], meshHeading(k))
		case k.Qualifier != "" || k.Major || k.UI != "":
			cells[4] = append(cells[4], formatOtherKeyword(k))
		case k.Vocabulary == bib.VocabAuthor:
			cells[0] = append(cells[0], k.Term)
		case k.Vocabulary == bib.VocabIndex:
			cells[2] = append(cells[2], k.Term)
		case k.Vocabulary == bib.VocabKeywordsPlus:
			cells[3] = append(cells[3], k.Term)
		default:
			cells[4] = append(cells[4], formatOtherKeyword(k))
		}
	}
	var out [5]string
	for i, c := range cells {
		out[i] = strings.Join(c, "; ")
	}
	return out
}

// formatOtherKeyword writes a keyword of the other_keywords column:
// "vocabulary: term", then "{major}", "{qualifier: ...}" and "{ui: ...}"
// where they apply.
func formatOtherKeyword(k bib.Keyword) string {
	s := k.Vocabulary + ": " + k.Term
	if k.Major {
		s += " {major}"
	}
	if k.Qualifier != "" {
		s += " {qualifier: " + k.Qualifier + "}"
	}
	if k.UI != "" {
		s += " {ui: " + k.UI + "}"
	}
	return s
}

// meshHeading writes a MeSH keyword as MEDLINE does: "*Humans",
// "Neoplasms/*therapy", with its descriptor id in brackets after it.
func meshHeading(k bib.Keyword) string {
	var b strings.Builder
	if k.Major && k.Qualifier == "" {
		b.WriteByte('*')
	}
	b.WriteString(k.Term)
	if k.Qualifier != "" {
		b.WriteByte('/')
		if k.Major {
			b.WriteByte('*')
		}
		b.WriteString(k.Qualifier)
	}
	if k.UI != "" {
		b.WriteString(" [")
		b.WriteString(k.UI)
		b.WriteByte(']')
	}
	return b.String()
}
