package ris

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// risTypes maps CSL types back onto RIS reference types.
var risTypes = map[string]string{
	"article-journal": "JOUR", "article": "GEN", "article-magazine": "MGZN", "article-newspaper": "NEWS",
	"book": "BOOK", "chapter": "CHAP", "paper-conference": "CPAPER", "thesis": "THES", "report": "RPRT",
	"webpage": "ELEC", "post-weblog": "BLOG", "dataset": "DATA", "patent": "PAT", "software": "COMP",
	"manuscript": "UNPB", "standard": "STAND", "bill": "BILL", "legal_case": "CASE", "legislation": "STAT",
	"hearing": "HEAR", "map": "MAP", "entry-dictionary": "DICT", "entry-encyclopedia": "ENCYC",
	"personal_communication": "PCOMM", "motion_picture": "VIDEO", "song": "SOUND", "musical_score": "MUSIC",
	"graphic": "ART", "speech": "SLIDE", "pamphlet": "PAMP", "classic": "CLSWK", "figure": "FIGURE", "interview": "INTV",
	"review": "JOUR", "review-book": "JOUR",
}

// Writer writes records as RIS: one tag per value, one AU per author, tags
// in the usual EndNote order, "ER  - " and a blank line after each record,
// no byte-order mark. Lines end in LF, or CRLF when CRLF is set.
type Writer struct {
	CRLF bool
	w    *bufio.Writer
	err  error
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{w: bufio.NewWriter(w)} }

// SetCRLF makes the writer end lines with CRLF, as the RIS specification
// asks and some Windows tools expect.
func (w *Writer) SetCRLF(on bool) { w.CRLF = on }

func (w *Writer) tag(tag, value string) {
	value = bib.CleanText(value)
	if value == "" || w.err != nil {
		return
	}
	w.w.WriteString(tag)
	w.w.WriteString("  - ")
	w.w.WriteString(value)
	if w.CRLF {
		w.w.WriteByte('\r')
	}
	_, w.err = w.w.WriteString("\n")
}

// Write writes one record.
func (w *Writer) Write(rec *bib.Record) error {
	ty := risTypes[rec.Type]
	if ty == "" {
		ty = "GEN"
	}
	w.tag("TY", ty)
	w.tag("ID", rec.SourceID)
	w.tag("TI", rec.Title)
	w.tag("ST", rec.ShortTitle)
	w.tag("TT", rec.TranslatedTitle)
	w.tag("OP", rec.OriginalTitle)
	for _, p := range rec.Authors {
		w.tag("AU", risName(p))
	}
	for _, p := range rec.Editors {
		w.tag("A2", risName(p))
	}
	for _, p := range rec.Translators {
		w.tag("A4", risName(p))
	}
	if rec.Date.Year != 0 {
		w.tag("PY", strconv.Itoa(rec.Date.Year))
		if rec.Date.Month != 0 || rec.Date.Season != "" {
			da := strconv.Itoa(rec.Date.Year) + "/"
			if rec.Date.Month != 0 {
				da += fmt.Sprintf("%02d", rec.Date.Month)
			}
			da += "/"
			if rec.Date.Day != 0 {
				da += fmt.Sprintf("%02d", rec.Date.Day)
			}
			da += "/" + rec.Date.Season
			w.tag("DA", da)
		}
	}
	switch ty {
	case "BOOK":
		w.tag("BT", rec.Container)
		w.tag("T3", rec.Series)
	default:
		w.tag("T2", rec.Container)
		w.tag("T3", rec.Series)
	}
	w.tag("J2", rec.ContainerAbbrev)
	w.tag("VL", rec.Volume)
	w.tag("IS", rec.Issue)
	if rec.FirstPage == "" && rec.LastPage == "" && (rec.Type == "book" || rec.Type == "thesis" || pageCount(rec.NumberOfPages)) {
		// RIS's number of pages of a book or thesis, and a count that
		// reads back as one whatever the type ("ix + 246")
		w.tag("SP", rec.NumberOfPages)
	}
	w.tag("SP", rec.FirstPage)
	w.tag("EP", rec.LastPage)
	w.tag("C7", rec.ArticleNumber)
	w.tag("ET", rec.Edition)
	if d := rec.Accessed; d.Year != 0 {
		w.tag("Y2", strings.ReplaceAll(d.String(), "-", "/"))
	}
	w.tag("PB", rec.Publisher)
	w.tag("CY", rec.Place)
	for _, s := range rec.ISSNs {
		v := s.Value
		switch s.Kind {
		case bib.ISSNPrint:
			v += " (Print)"
		case bib.ISSNElectronic:
			v += " (Electronic)"
		case bib.ISSNLinking:
			v += " (Linking)"
		}
		w.tag("SN", v)
	}
	for _, v := range rec.IdentifierValues(bib.ISBN) {
		w.tag("SN", v)
	}
	for _, v := range rec.IdentifierValues(bib.DOI) {
		w.tag("DO", v)
	}
	if pmid := rec.Identifier(bib.PMID); pmid != "" {
		w.tag("AN", "PMID: "+pmid) // explicit, so no database name is needed to tell it from other accession numbers
	}
	for _, v := range rec.IdentifierValues("embase") {
		w.tag("AN", "EMBASE "+v) // as Cochrane CENTRAL writes it
	}
	for _, v := range rec.IdentifierValues(bib.WOS) {
		w.tag("AN", v) // "WOS:000298449100001", as Web of Science writes it
	}
	for _, v := range rec.IdentifierValues(bib.EID) {
		w.tag("AN", v) // Scopus's "2-s2.0-85153000001", which no other number looks like
	}
	for _, v := range rec.IdentifierValues(bib.ArXiv) {
		// "arXiv:2101.00001", as arXiv cites its papers: RIS has no tag
		// for the id, and Zotero and EndNote keep an AN as it is written
		w.tag("AN", "arXiv:"+v)
	}
	for _, id := range rec.Identifiers {
		// the number of a record of Zoological Record, CAB Abstracts,
		// Inspec, ... as Web of Science writes it ("ZOOREC:ZOOR15512082826")
		w.tag("AN", bib.WoSAccession(id))
	}
	w.tag("C2", rec.Identifier(bib.PMCID))
	w.tag("LA", rec.Language)
	w.tag("AB", rec.Abstract)
	seen := map[string]bool{}
	for _, k := range rec.Keywords {
		v := k.Term
		if k.Vocabulary == bib.VocabMeSH {
			if k.Major && k.Qualifier == "" {
				v = "*" + v
			}
			if k.Qualifier != "" {
				q := k.Qualifier
				if k.Major {
					q = "*" + q
				}
				v += "/" + q
			}
		}
		if !seen[v] {
			seen[v] = true
			w.tag("KW", v)
		}
	}
	affs := map[string]bool{}
	for _, a := range rec.Affiliations {
		if !affs[a] {
			affs[a] = true
			w.tag("AD", a)
		}
	}
	for _, p := range rec.Authors {
		for _, a := range p.Affiliations {
			if !affs[a] {
				affs[a] = true
				w.tag("AD", a)
			}
		}
	}
	for _, u := range rec.URLs {
		w.tag("UR", u)
	}
	for _, t := range rec.PublicationTypes {
		w.tag("M3", t)
	}
	for _, n := range rec.Notes {
		w.tag("N1", n)
	}
	w.tag("DB", rec.Database)
	if w.err != nil {
		return w.err
	}
	if w.CRLF {
		_, w.err = w.w.WriteString("ER  - \r\n\r\n")
	} else {
		_, w.err = w.w.WriteString("ER  - \n\n")
	}
	return w.err
}

// Close flushes what is buffered.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	return w.w.Flush()
}

// risName writes a person as RIS has it: "Family, Given, Suffix", and a
// group or corporate name followed by a comma, as EndNote writes one to
// keep it whole, when the reader would otherwise take it for a person's.
func risName(p bib.Person) string {
	if p.Literal != "" && !strings.Contains(p.Literal, ",") {
		if q := bib.ParseName(p.Literal); q.Literal == "" {
			return p.Literal + ","
		}
	}
	return p.String()
}
