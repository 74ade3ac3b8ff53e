// Package pubmedxml reads PubMed XML, as NLM's PubMed DTD describes it:
// what NCBI's E-utilities return (efetch db=pubmed retmode=xml), what the
// legacy PubMed site saved as XML, the MEDLINE/PubMed baseline and update
// files (.xml.gz, decompressed by the caller), and what tools built on
// them write.
//
// # What the reader accepts
//
// A record is one PubmedArticle or PubmedBookArticle element, wherever it
// stands: inside a PubmedArticleSet (the usual file), alone without a set,
// or in several sets one after another (files joined with cat). The
// MedlineCitation and BookDocument elements of the older MEDLINE citation
// sets and book document sets are records too when they stand outside any
// record. DeleteCitation and DeleteDocument (the PMIDs an update file
// withdraws) are skipped and counted in Warnings.
//
// Around the records the reader skips the XML declaration (its encoding is
// ignored: the text reaches the reader already decoded to UTF-8), a
// byte-order mark, a DOCTYPE (general entities declared in its internal
// subset are used), comments, processing instructions, the start and end
// tags of any enclosing element, and white space. Other text outside the
// records is skipped and reported by Warnings. Line breaks may be LF, CRLF
// or bare CR, or missing altogether (a whole file on one line).
//
// The reader never holds the whole file. It parses each record element
// straight from its input buffer with a small parser of its own, which
// also finds where the element ends, and holds that one element. Text may
// carry the five XML entities, character references, HTML named entities
// (&nbsp;, &eacute;, &ndash; ...) and CDATA sections. Two things XML does
// not allow are taken rather than cost the record: an entity nobody
// declared is kept as written, and control characters are removed from
// the text; either gives a warning on the record.
//
// # Errors
//
// A record element that is not well-formed XML (an end tag that does not
// match its start tag, an unquoted attribute, a stray '<', a comment or
// tag left open, a markup declaration) is returned as a *bib.ParseError
// naming the line and column (counted in bytes) of the fault, and the next
// Read goes on with the next record. A record whose end tag is missing is
// reported at its start line when the next record's start tag shows where
// it must have ended. When the input ends inside a record (a truncated
// download), or inside a comment or declaration between records, that
// error is the last thing Read returns before io.EOF. Input with no record
// at all whose root element is not a PubMed set (an HTML error page,
// another XML format, plain text) is one *bib.ParseError.
//
// # Mapping
//
// Each record gets Format "pubmedxml", Position (1-based, counting bad
// records), Line (of its start tag), SourceID (its PMID), Database
// "PubMed" and Raw (the element's text as it stood in the file). Text is
// cleaned: inline markup (<i>, <b>, <sup>, <sub>, <u>, MathML, and markup
// escaped as &lt;i&gt;) reduced to its full text, MathML annotations left
// out, an underlined "<", ">" or "+" read as the "≤", "≥" or "±" it stands
// for, white space collapsed, NFC.
//
//	MedlineCitation/PMID          SourceID and the first PMID identifier (of several, the highest Version; an
//	                              ArticleIdList PMID that differs gives a warning)
//	Article/ArticleTitle          Title; NLM's placeholders "[Not Available]." and "[In Process Citation]" are no
//	                              title; with no title, VernacularTitle is the Title
//	Article/VernacularTitle       OriginalTitle
//	AuthorList/Author             Authors in order: LastName, ForeName (FirstName MiddleName in old files; else
//	                              Initials), Suffix; CollectiveName as a Literal person in its place;
//	                              Identifier[@Source=ORCID] in the bare 0000-0000-0000-0000 form; every
//	                              AffiliationInfo/Affiliation on that person. Names marked ValidYN="N" are left
//	                              out; an AuthorList of Type "editors" gives Editors. InvestigatorList and
//	                              PersonalNameSubjectList are not authors
//	Article/Affiliation           (before 2014) a record-level affiliation
//	Journal/Title                 Container (the full title; ISOAbbreviation when there is none)
//	ISOAbbreviation, MedlineTA    ContainerAbbrev (ISOAbbreviation, else MedlineJournalInfo/MedlineTA)
//	Journal/ISSN, ISSNLinking     ISSNs of kind print or electronic (IssnType), linking
//	JournalIssue/Volume, Issue    Volume, Issue
//	JournalIssue/PubDate          Date: Year, Month (number or name), Day, Season; MedlineDate ("1998 Dec-1999
//	                              Jan", "2000 Spring") kept as written in Date.Raw; Article/ArticleDate (the
//	                              electronic one first) when PubDate has no year
//	Pagination                    FirstPage, LastPage from StartPage/EndPage, else MedlinePgn ("466-75" is
//	                              expanded to 466-475)
//	ELocationID@EIdType           DOI, PII; ones marked ValidYN="N" are left out with a warning
//	PubmedData/ArticleIdList      pubmed, doi, pmc (PMCID), pii, mid (NIH manuscript id), bookaccession, url
//	                              (URLs), any other IdType under its own name. The ids in ReferenceList and
//	                              CommentsCorrections belong to other articles and are not taken
//	OtherID@Source=NLM            a PMCID, in older records
//	Abstract/AbstractText         Abstract; structured parts joined as "LABEL: text LABEL: text". OtherAbstract
//	                              and CopyrightInformation are not the abstract
//	MeshHeadingList               MeSH Keywords: one per QualifierName (one for a descriptor without), with
//	                              the descriptor's UI; MajorTopicYN on the descriptor makes every keyword of
//	                              the heading major, on a qualifier only its own
//	KeywordList                   Keywords: author keywords (Owner NOTNLM or none), index terms (NLM, NASA,
//	                              KIE, PIP, HHS)
//	PublicationTypeList           PublicationTypes
//	Language                      Language (the first of several)
//	GeneralNote                   Notes
//
// A PubmedBookArticle is a "book" (Title from Book/BookTitle) or, when its
// BookDocument has an ArticleTitle, a "chapter" whose Container is the
// BookTitle. Book/AuthorList and BookDocument/AuthorList give Authors (a
// chapter's own, else the book's) and Editors by their Type; Publisher
// gives Publisher and Place, Isbn ISBN identifiers, CollectionTitle
// Series, Edition and Volume theirs, ReportNumber ArticleNumber;
// Book/PubDate (else BeginningDate, else ContributionDate) the Date.
package pubmedxml

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// Reader reads records from PubMed XML text.
type Reader struct {
	sc       *scanner
	doc      doc
	text     textDecoder
	mapper   mapper
	position int  // record elements met so far, bad ones included
	done     bool // no more records: an error that ends the input was returned
}

// NewReader returns a Reader reading PubMed XML text (UTF-8) from r.
func NewReader(r io.Reader) *Reader {
	rd := &Reader{}
	rd.sc = newScanner(r, &rd.doc)
	return rd
}

// Read returns the next record. A record that cannot be used is returned
// as a *bib.ParseError naming its line; the next call goes on with the
// record after it. At the end of the input Read returns io.EOF.
func (r *Reader) Read() (*bib.Record, error) {
	if r.done {
		return nil, io.EOF
	}
	c, err := r.sc.next()
	if err == io.EOF {
		r.done = true
		if r.sc.records == 0 && r.sc.deleted == 0 {
			if r.sc.root != "" && !isPubMedSet(r.sc.root) {
				return nil, bib.Errorf(1, "no PubmedArticle or PubmedBookArticle element: the root element is <%s>, which is not PubMed XML", r.sc.root)
			}
			if r.sc.root == "" && r.sc.junk > 0 {
				return nil, bib.Errorf(r.sc.junkLine, "no PubmedArticle or PubmedBookArticle element: the input is text, not PubMed XML")
			}
		}
		return nil, io.EOF
	}
	if err != nil {
		r.done = true
		return nil, fmt.Errorf("read PubMed XML at line %d: %w", r.sc.line, err)
	}
	if c.name != "" {
		r.position++
	}
	if c.err != nil {
		if c.stop {
			r.done = true
		}
		what := "PubMed XML"
		if c.name != "" {
			what = fmt.Sprintf("PubMed XML record %d%s", r.position, pmidHint(c.text))
		}
		line, col := c.line, c.col
		var se *syntaxError
		if errors.As(c.err, &se) {
			line, col = r.offsetPosition(c, se.off)
		}
		return nil, &bib.ParseError{Line: line, Column: col, Err: fmt.Errorf("%s: %w", what, c.err)}
	}
	r.text.entities = r.sc.entities
	r.text.unknown = r.text.unknown[:0]
	r.text.controls = 0
	rec := r.mapper.mapRecord(&r.doc, &r.text)
	rec.Format = "pubmedxml"
	rec.Position = r.position
	rec.Line = c.line
	rec.Raw = c.text
	switch {
	case r.doc.nodes[0].first < 0:
		rec.Warn(c.line, fmt.Sprintf("<%s> is empty", c.name))
	case rec.Title == "":
		rec.Warn(c.line, "record has no title")
	}
	if r.text.controls > 0 {
		rec.Warn(c.line, fmt.Sprintf("control characters removed from %d value(s)", r.text.controls))
	}
	if rec.SourceID == "" && r.doc.nodes[0].first >= 0 {
		rec.Warn(c.line, "record has no PMID")
	}
	return rec, nil
}

// offsetPosition returns the line and column of offset off of a chunk's
// text.
func (r *Reader) offsetPosition(c chunk, off int) (line, col int) {
	b := c.text[:off]
	line = c.line + countLinesIn(b, r.sc.sawLF)
	nl := strings.LastIndexByte(b, '\n')
	if nl < 0 && !r.sc.sawLF {
		nl = strings.LastIndexByte(b, '\r')
	}
	if nl < 0 {
		return line, c.col + off
	}
	return line, off - nl
}

// Warnings returns what the reader noticed about the file as a whole: text
// outside records, and withdrawn-record lists skipped. It is complete once
// Read has returned io.EOF.
func (r *Reader) Warnings() []bib.Warning {
	var w []bib.Warning
	if r.sc.junk > 0 {
		w = append(w, bib.Warning{Line: r.sc.junkLine, Msg: fmt.Sprintf("%d run(s) of text outside PubMed records ignored, the first at line %d", r.sc.junk, r.sc.junkLine)})
	}
	if r.sc.deleted > 0 {
		w = append(w, bib.Warning{Msg: fmt.Sprintf("%d DeleteCitation/DeleteDocument element(s) skipped: they list PMIDs withdrawn from PubMed, not records", r.sc.deleted)})
	}
	return w
}

// isPubMedSet reports whether an enclosing element is one PubMed writes
// around its records, so that an empty one is an empty result, not an
// error.
func isPubMedSet(name string) bool {
	switch name {
	case "PubmedArticleSet", "PubmedBookArticleSet", "MedlineCitationSet", "BookDocumentSet":
		return true
	}
	return false
}

// pmidHint returns " (PMID n)" when the record text shows its PMID, for
// error messages.
func pmidHint(s string) string {
	i := strings.Index(s, "<PMID")
	if i < 0 {
		return ""
	}
	j := strings.IndexByte(s[i:], '>')
	if j < 0 {
		return ""
	}
	v := s[i+j+1:]
	k := 0
	for k < len(v) && k < 12 && (v[k] >= '0' && v[k] <= '9' || v[k] == ' ' || v[k] == '\n') {
		k++
	}
	if p := bib.NormalizePMID(v[:k]); p != "" {
		return " (PMID " + p + ")"
	}
	return ""
}
