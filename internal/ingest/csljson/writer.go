package csljson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// Item is one CSL-JSON item as bibdb writes it. Fields bibdb knows that
// CSL has no variable for (affiliations, every identifier, keyword
// vocabularies) go in "custom", the CSL 1.0.2 extension object, where
// bibdb's reader finds them again.
type Item struct {
	ID                  string          `json:"id"`
	Type                string          `json:"type"`
	Title               string          `json:"title,omitempty"`
	TitleShort          string          `json:"title-short,omitempty"`
	OriginalTitle       string          `json:"original-title,omitempty"`
	Author              []Name          `json:"author,omitempty"`
	Editor              []Name          `json:"editor,omitempty"`
	Translator          []Name          `json:"translator,omitempty"`
	Issued              *DateVar        `json:"issued,omitempty"`
	ContainerTitle      string          `json:"container-title,omitempty"`
	ContainerTitleShort string          `json:"container-title-short,omitempty"`
	CollectionTitle     string          `json:"collection-title,omitempty"`
	Volume              string          `json:"volume,omitempty"`
	Issue               string          `json:"issue,omitempty"`
	Page                string          `json:"page,omitempty"`
	Number              string          `json:"number,omitempty"`
	Edition             string          `json:"edition,omitempty"`
	CollectionNumber    string          `json:"collection-number,omitempty"`
	NumberOfPages       string          `json:"number-of-pages,omitempty"`
	Version             string          `json:"version,omitempty"`
	EventPlace          string          `json:"event-place,omitempty"`
	Accessed            *DateVar        `json:"accessed,omitempty"`
	Publisher           string          `json:"publisher,omitempty"`
	PublisherPlace      string          `json:"publisher-place,omitempty"`
	DOI                 string          `json:"DOI,omitempty"`
	PMID                string          `json:"PMID,omitempty"`
	PMCID               string          `json:"PMCID,omitempty"`
	ISSN                string          `json:"ISSN,omitempty"`
	ISBN                string          `json:"ISBN,omitempty"`
	URL                 string          `json:"URL,omitempty"`
	Abstract            string          `json:"abstract,omitempty"`
	Keyword             string          `json:"keyword,omitempty"`
	Language            string          `json:"language,omitempty"`
	Genre               string          `json:"genre,omitempty"`
	Note                string          `json:"note,omitempty"`
	Source              string          `json:"source,omitempty"`
	Custom              *Custom         `json:"custom,omitempty"`
	Extra               json.RawMessage `json:"-"`
}

// Name is a CSL name variable.
type Name struct {
	Family              string `json:"family,omitempty"`
	Given               string `json:"given,omitempty"`
	Suffix              string `json:"suffix,omitempty"`
	NonDroppingParticle string `json:"non-dropping-particle,omitempty"`
	DroppingParticle    string `json:"dropping-particle,omitempty"`
	Literal             string `json:"literal,omitempty"`
}

// DateVar is a CSL date variable.
type DateVar struct {
	DateParts [][]any `json:"date-parts,omitempty"`
	Season    any     `json:"season,omitempty"`
	Raw       string  `json:"raw,omitempty"`
	Literal   string  `json:"literal,omitempty"`
}

// Custom carries what CSL has no variable for.
type Custom struct {
	Affiliations       []string         `json:"affiliations,omitempty"`
	AuthorAffiliations [][]string       `json:"author-affiliations,omitempty"`
	AuthorORCIDs       []string         `json:"author-orcids,omitempty"`
	Identifiers        []bib.Identifier `json:"identifiers,omitempty"`
	ISSNs              []bib.ISSN       `json:"issns,omitempty"`
	Keywords           []bib.Keyword    `json:"keywords,omitempty"`
	PublicationTypes   []string         `json:"publication-types,omitempty"`
	URLs               []string         `json:"urls,omitempty"`
	TranslatedTitle    string           `json:"translated-title,omitempty"`
	Database           string           `json:"database,omitempty"`
	Season             string           `json:"season,omitempty"`
	DateRaw            string           `json:"date-raw,omitempty"`
	Notes              []string         `json:"notes,omitempty"`
	// The first and last page, when "page" cannot say them: a last page
	// equal to the first, or a last page alone.
	FirstPage string `json:"first-page,omitempty"`
	LastPage  string `json:"last-page,omitempty"`
}

// Writer writes records as one CSL-JSON array.
type Writer struct {
	buf   bytes.Buffer // the item being written
	w     *bufio.Writer
	n     int
	err   error
	Plain bool // leave out the "custom" object
}

// NewWriter returns a Writer writing to w. Call Close to end the array.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w)} }

// Write writes one record as an item of the array.
func (w *Writer) Write(rec *bib.Record) error {
	if w.err != nil {
		return w.err
	}
	item := FromRecord(rec)
	if w.Plain {
		item.Custom = nil
	}
	w.buf.Reset()
	enc := json.NewEncoder(&w.buf)
	enc.SetEscapeHTML(false) // "p < 0.05" stays readable
	err := enc.Encode(item)
	b := bytes.TrimSuffix(w.buf.Bytes(), []byte("\n"))
	if err != nil {
		return err
	}
	if w.n == 0 {
		w.w.WriteString("[\n")
	} else {
		w.w.WriteString(",\n")
	}
	w.n++
	_, w.err = w.w.Write(b)
	return w.err
}

// Close ends the array (an empty one when nothing was written) and flushes.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.n == 0 {
		w.w.WriteString("[")
	}
	w.w.WriteString("\n]\n")
	return w.w.Flush()
}

// partsOf are a date's year, month and day, as far as they are known.
func partsOf(d bib.Date) []any {
	parts := []any{d.Year}
	if d.Month != 0 {
		parts = append(parts, d.Month)
		if d.Day != 0 {
			parts = append(parts, d.Day)
		}
	}
	return parts
}

// dateVar is a date as CSL writes it: date-parts, or the text of a date
// without a year; nil for no date.
func dateVar(d bib.Date) *DateVar {
	if d.Year == 0 && d.Raw == "" {
		return nil
	}
	v := &DateVar{}
	if d.Year != 0 {
		v.DateParts = [][]any{partsOf(d)}
		if end := d.End(); end.Year != 0 {
			v.DateParts = append(v.DateParts, partsOf(end)) // a range: "2010 Sep-Oct"
		}
	} else {
		v.Raw = d.Raw
	}
	if d.Season != "" {
		v.Season = d.Season
	}
	return v
}

// FromRecord maps a record onto a CSL-JSON item.
func FromRecord(rec *bib.Record) Item {
	it := Item{
		ID:                  rec.SourceID,
		Type:                rec.Type,
		Title:               rec.Title,
		TitleShort:          rec.ShortTitle,
		OriginalTitle:       rec.OriginalTitle,
		ContainerTitle:      rec.Container,
		ContainerTitleShort: rec.ContainerAbbrev,
		CollectionTitle:     rec.Series,
		Volume:              rec.Volume,
		Issue:               rec.Issue,
		Page:                rec.Pages(),
		Number:              rec.ArticleNumber,
		Edition:             rec.Edition,
		CollectionNumber:    rec.CollectionNumber,
		NumberOfPages:       rec.NumberOfPages,
		Version:             rec.Version,
		EventPlace:          rec.EventPlace,
		Accessed:            dateVar(rec.Accessed),
		Issued:              dateVar(rec.Date),
		Publisher:           rec.Publisher,
		PublisherPlace:      rec.Place,
		DOI:                 rec.Identifier(bib.DOI),
		PMID:                rec.Identifier(bib.PMID),
		PMCID:               rec.Identifier(bib.PMCID),
		ISBN:                strings.Join(rec.IdentifierValues(bib.ISBN), ", "),
		Abstract:            rec.Abstract,
		Language:            rec.Language,
		Source:              rec.Database,
	}
	if it.ID == "" {
		it.ID = "r" + itoa(rec.Position)
	}
	if it.Type == "" {
		it.Type = "article"
	}
	for _, p := range rec.Authors {
		it.Author = append(it.Author, nameOf(p))
	}
	for _, p := range rec.Editors {
		it.Editor = append(it.Editor, nameOf(p))
	}
	for _, p := range rec.Translators {
		it.Translator = append(it.Translator, nameOf(p))
	}
	var issns []string
	for _, s := range rec.ISSNs {
		issns = append(issns, s.Value)
	}
	it.ISSN = strings.Join(issns, ", ")
	if len(rec.URLs) > 0 {
		it.URL = rec.URLs[0]
	}
	var kws []string
	seen := map[string]bool{}
	for _, k := range rec.Keywords {
		if !seen[k.Term] {
			seen[k.Term] = true
			kws = append(kws, k.Term)
		}
	}
	it.Keyword = strings.Join(kws, "; ")
	if len(rec.PublicationTypes) > 0 {
		it.Genre = rec.PublicationTypes[0]
	}
	it.Note = strings.Join(rec.Notes, "\n")

	c := &Custom{
		Affiliations:     rec.Affiliations,
		ISSNs:            rec.ISSNs,
		Keywords:         rec.Keywords,
		PublicationTypes: rec.PublicationTypes,
		TranslatedTitle:  rec.TranslatedTitle,
		Database:         rec.Database,
		Season:           rec.Date.Season,
		DateRaw:          rec.Date.Raw,
		Notes:            rec.Notes,
	}
	if len(rec.URLs) > 1 {
		c.URLs = rec.URLs
	}
	if first, last := bib.ParsePages(it.Page); first != rec.FirstPage || last != rec.LastPage {
		c.FirstPage, c.LastPage = rec.FirstPage, rec.LastPage
	}
	hasAff, hasORCID := false, false
	for _, p := range rec.Authors {
		hasAff = hasAff || len(p.Affiliations) > 0
		hasORCID = hasORCID || p.ORCID != ""
	}
	if hasAff || hasORCID {
		for _, p := range rec.Authors {
			if hasAff {
				c.AuthorAffiliations = append(c.AuthorAffiliations, p.Affiliations)
			}
			if hasORCID {
				c.AuthorORCIDs = append(c.AuthorORCIDs, p.ORCID)
			}
		}
	}
	for _, id := range rec.Identifiers {
		if id.Scheme == bib.DOI && id.Value == it.DOI || id.Scheme == bib.PMID && id.Value == it.PMID || id.Scheme == bib.PMCID && id.Value == it.PMCID {
			continue
		}
		if id.Scheme == bib.ISBN {
			continue
		}
		c.Identifiers = append(c.Identifiers, id)
	}
	if c.Affiliations != nil || c.AuthorAffiliations != nil || c.AuthorORCIDs != nil || c.Identifiers != nil || c.ISSNs != nil || c.Keywords != nil ||
		c.PublicationTypes != nil || c.URLs != nil || c.TranslatedTitle != "" || c.Database != "" || c.Season != "" || c.DateRaw != "" || c.Notes != nil ||
		c.FirstPage != "" || c.LastPage != "" {
		it.Custom = c
	}
	return it
}

func nameOf(p bib.Person) Name {
	if p.Literal != "" {
		return Name{Literal: p.Literal}
	}
	if p.ParticleDrops {
		return Name{Family: p.Family, Given: p.Given, Suffix: p.Suffix, DroppingParticle: p.Particle}
	}
	return Name{Family: p.Family, Given: p.Given, Suffix: p.Suffix, NonDroppingParticle: p.Particle}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
