// Package wos reads the two exports of Web of Science (Clarivate, formerly
// Thomson Reuters and ISI): the tagged plain text ("Plain text file",
// "Other reference software", ISI Export Format, .txt or .isi) and the
// tab-delimited table ("Tab delimited file", savedrecs.txt). The reader
// tells them apart from the first line of text and reads either the same
// way: both carry the same field tags, and both map onto a bib.Record
// through one table (see the mapping below).
//
// # Tagged plain text
//
// An optional header ("FN Clarivate Analytics Web of Science",
// "FN Thomson Reuters Web of Science™", "FN ISI Export Format", then
// "VR 1.0") is followed by records. A record begins at "PT J" (or at the
// first tag line when PT is missing) and ends at a bare "ER". The file ends
// with "EF", which may be missing; "EF", "FN" and "VR" between records (two
// exports joined into one file) are skipped.
//
// A tag line is two characters (a capital letter, then a capital letter or
// a digit), one space and the value ("TI Mapping the application", "AB"
// with an empty value is allowed). Some exports also carry tags of three
// characters ("RID A-4856-2011", the ResearcherIDs of 2010 and 2011,
// between TI and SO): such a tag line is read like any other inside a
// record, but does not begin one. A line that begins with white space
// (three spaces in real exports) continues the tag before it. For the tags
// whose values are lists (AU, AF, BA, BF, BE, ED, CA, GP, C1, CR) each
// continuation line is its own item, one author, address or cited
// reference per line; for every other tag the lines are one text, joined
// with a space. Blank lines are ignored. Lines end in LF, CRLF or a bare CR.
// A byte-order mark is removed.
//
// A record is refused with a *bib.ParseError naming its line, and reading
// goes on with the record after it, when a line in it is neither a tag
// line nor a continuation line (a tag glued to its value, "AUGilles, H"),
// when it holds a NUL byte (binary data), or when cited references stand
// under another tag (the CR tag line lost, so that the lines after C1 are
// references): the fields of such a record cannot be trusted. A record cut
// off by the end of the file or by the next PT without its ER is read, with
// a warning. Text outside records is skipped and reported by Warnings.
//
// # Tab-delimited
//
// The first line is a header naming the columns by their tags
// ("PT\tAU\tBA\tBE\t...\tUT"); the long names of the newer export
// ("Publication Type", "Authors", "Article Title", ...) are accepted too.
// Every further line is one record, its cells in the header's order.
// Columns are found by name, so a missing or extra column is fine; a
// trailing tab is ignored. Where the tagged form has one item per line the
// cell joins the items with "; " (AU, AF, CR, C1 address groups
// "[Byng, R; Creanor, S] Univ Plymouth, ...; [Jones, B] ..."). A cell
// quoted as a spreadsheet program quotes it ("a ""b"" c") is unquoted. A
// record broken over several lines by a line break inside a cell (fewer
// cells than the header, the next line not beginning with a PT value) is
// joined back, with a warning. Web of Science writes this export as
// UTF-16 with a byte-order mark; the caller decodes it to UTF-8.
//
// # Mapping
//
//	PT, DT            type: J article-journal, B book or chapter, S chapter or article, P patent;
//	                  DT refines it (Proceedings Paper, Book Chapter, Book Review, Thesis, Data Set);
//	                  every DT item ("Article; Early Access") is a publication type
//	AF, AU            authors: AF (full names) when present, else AU ("Byng, R"); both forms parsed;
//	                  e-mail addresses inside names ("Smith, A (a@b.org)") are dropped
//	CA                group authors (literal names), after the persons
//	GP, BA/BF         book group authors and book authors: the record's authors only when it has no other
//	BE, ED            editors
//	TI                title; HTML tags in it ("<i>Tropical</i>") are dropped and their text kept, as in SO
//	                  and AB
//	SO, CT            container (as written, often in capitals; CT when a conference paper has no SO)
//	JI, J9            abbreviation: the ISO abbreviation JI, else the 29-character J9
//	SE, BS            series (and its subtitle)
//	PY, PD, EA        date: the year of PY; month, day or season from PD ("APR", "MAR 15", "NOV-DEC",
//	                  "SPR", "2026 FEB 25", "04 2006"); the early-access date EA when PY and PD have no year
//	VL, IS, SU        volume; issue, with a supplement ("3 Suppl 1")
//	BP, EP, PS, AR    pages (BP-EP, else the page span PS); article number AR ("UNSP" dropped), also the
//	                  first page when there are no pages
//	DI (DL), D2       DOIs; the book DOI D2 of a chapter is a note, the record's DOI only for a book
//	PM                PMID (also a MEDLINE: accession number)
//	UT, AN            the record's own id; "WOS:..." (and the older "ISI:...") is also a bib.WOS identifier,
//	                  other collections' accession numbers an identifier named after the collection
//	SN, EI, BN        print ISSN, electronic ISSN, ISBNs
//	DE, ID, MH, OR    keywords: DE author keywords and ID Keywords Plus in the Core Collection; in the other
//	                  collections (CAB Abstracts, Inspec, Zoological Record, ...) DE, ID and OR are indexer
//	                  terms (of Inspec's DE sections, the controlled and uncontrolled terms; of Zoological
//	                  Record's "[concept / term / ]" groups, each term), and an ID of identifiers only
//	                  gives DOIs; MC and MI, BIOSIS's major concepts and miscellaneous descriptors, are
//	                  indexer terms too; MH MeSH headings, as MEDLINE writes them ("Fatty Liver/etiology; Humans")
//	                  or as the platform's MEDLINE records do ("*Birds / growth & development; physiology.
//	                  Humans")
//	C1                addresses: "[Author A; Author B] Inst, City, Country" goes to the persons named in
//	                  the brackets (matched as written in AF or AU, else by family name and initials);
//	                  "Author; Author; Inst" (Inspec, Zoological Record) to the named persons; an address
//	                  that names nobody is record-level, or the author's when the record has one author;
//	                  wrapped address lines of older files are joined; the final full stop is dropped
//	RP                the reprint address, for the persons it names, when there is no C1
//	OI                ORCIDs ("Name/0000-0002-...;"), onto the persons they name
//	AB                abstract; lines of a structured abstract are joined, a heading line with ": "
//	LA, PU, PI        language, publisher, place
//	CT, CY, CL        conference name, date and place, as a note
//
// CR, NR, TC, Z9, U1, U2, RI, RID, EM, FU, FX, C3, WC, SC, GA, OA, DA and
// the other tags are not mapped onto fields; they stay in the record's Raw
// text. Database is "Web of Science", or the collection named by the UT
// prefix (CAB Abstracts, Inspec, MEDLINE, ...) for records from other
// collections of the platform.
package wos

import (
	"encoding/binary"
	"fmt"
	"io"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/textio"
)

// form is the layout of the file being read.
type form int

const (
	formUnknown form = iota
	formTagged
	formTabbed
)

// field is one tag occurrence of a record. In the tagged form value is
// the text of the tag line after the tag and of its continuation lines,
// separated by "\n", each continuation line still indented; in the
// tab-delimited form it is the cell.
type field struct {
	tag   string
	value string
	line  int
}

// span locates a field in the text of the record being read.
type span struct {
	tag, start, end int // offsets in the record's text
	tagLen          int // 2, or 3 for a three-character tag (RID)
	line            int
}

// Reader reads Web of Science records from UTF-8 text.
type Reader struct {
	lr   *textio.LineReader
	form form

	position int // records started so far, bad ones included

	// Tagged form: the record being read.
	buf   []byte // the record's text, copied into one string at its end
	spans []span
	clean []byte // a line with its control characters replaced

	// Either form: the record's fields, the index that maps them, and the
	// cells of a tab-delimited line, reused from record to record (a
	// record keeps none of them).
	fields []field
	index  tagIndex
	cells  []string

	// Tab-delimited form.
	columns []string // the tag of each column, "" for a column not mapped
	hasPT   bool     // the first column is PT: a record line starts with a PT value

	junk     int // lines of text outside records
	junkLine int // the first of them
	warnings []bib.Warning
}

// NewReader returns a Reader reading Web of Science text (UTF-8) from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{lr: textio.NewLineReader(r)}
}

// Warnings returns what the reader noticed about the file as a whole (text
// outside records). It is complete once Read has returned io.EOF.
func (r *Reader) Warnings() []bib.Warning {
	w := r.warnings
	if r.junk > 0 {
		w = append(w, bib.Warning{Line: r.junkLine, Msg: fmt.Sprintf("%d line(s) of text outside records ignored, the first at line %d", r.junk, r.junkLine)})
	}
	return w
}

// Read returns the next record. A record that cannot be used is returned
// as a *bib.ParseError naming its line; the next call goes on with the
// record after it. At the end of the input Read returns io.EOF.
func (r *Reader) Read() (*bib.Record, error) {
	if r.form == formUnknown {
		if err := r.start(); err != nil {
			return nil, err
		}
	}
	if r.form == formTabbed {
		return r.readTabbed()
	}
	return r.readTagged()
}

// start reads up to the first line with text and decides the form from it.
func (r *Reader) start() error {
	for {
		b, n, err := r.lr.Next()
		if err == io.EOF {
			r.form = formTagged
			return nil
		}
		if err != nil {
			return err
		}
		if isBlank(b) {
			continue
		}
		if cols, ok := tabHeader(string(b)); ok {
			r.form = formTabbed
			r.columns = cols
			r.hasPT = len(cols) > 0 && cols[0] == "PT"
			return nil
		}
		r.form = formTagged
		r.lr.Unread(b, n)
		return nil
	}
}

// Line kinds of the tagged form.
const (
	lineBlank = iota
	lineTag
	lineCont
	lineBad
)

func classify(b []byte) int {
	if len(b) == 0 {
		return lineBlank
	}
	c := b[0]
	if c == ' ' || c == '\t' {
		if isBlank(b) {
			return lineBlank
		}
		return lineCont
	}
	if tagLen(b) > 0 {
		return lineTag
	}
	if isBlank(b) {
		return lineBlank
	}
	return lineBad
}

// gluedTag reports whether a line that is neither a tag line nor indented
// begins with a Web of Science tag glued to its value ("AFGlued, B",
// "RIDA-4856-2011"): a corrupt line, which makes the record unreadable,
// where any other such line ("consumers in arctic lakes", the rest of a
// title that was wrapped without its indent) is read as a continuation.
func gluedTag(b []byte) bool {
	return len(b) > 2 && wosTags[string(b[:2])]
}

// wosTags are the field tags of Web of Science's tagged export.
var wosTags = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields(`FN VR PT AU AF BA BF CA GP BE TI SO SE BS LA DT CT CY CL SP HO DE ID AB C1 C3 RP EM
		RI OI FU FP FX CR NR TC Z9 U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS PN SU SI MA BP EP AR DI DL D2 EA PG WC WE SC
		GA PM OA HC HP DA UT ER EF`) {
		m[t] = true
	}
	return m
}()

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}

func isUpper(c byte) bool        { return c >= 'A' && c <= 'Z' }
func isUpperOrDigit(c byte) bool { return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' }

// tagLen returns the length of the tag that begins the line b: 2 for a
// tag of Web of Science's field list, 3 for the three-character tags that
// some exports carry (RID), 0 when b does not begin with a capital letter
// and one or two capitals or digits followed by a space or the end of the
// line. A tag glued to its value ("AUGilles, H", "AFGLUED, B") is none:
// no space follows its second or third character.
func tagLen(b []byte) int {
	if len(b) < 2 || !isUpper(b[0]) || !isUpperOrDigit(b[1]) {
		return 0
	}
	if len(b) == 2 || b[2] == ' ' {
		return 2
	}
	if isUpperOrDigit(b[2]) && (len(b) == 3 || b[3] == ' ') {
		return 3
	}
	return 0
}

// tagIs reports whether the tag line b carries the two-character tag t
// (and not a three-character tag that begins with it).
func tagIs(b []byte, t string) bool {
	return b[0] == t[0] && b[1] == t[1] && (len(b) == 2 || b[2] == ' ')
}

// readTagged reads the next record of the tagged form.
func (r *Reader) readTagged() (*bib.Record, error) {
	r.buf = r.buf[:0]
	r.spans = r.spans[:0]
	var (
		inRecord   bool
		start      int
		badLine    int    // first line that is neither tag nor continuation
		unindented int    // first line read as a continuation though not indented
		badText    string // its text
		nulLine    int    // first line with a NUL byte
		ctrl       bool   // a control character was replaced
		cut        string // why the record ended without ER
	)
loop:
	for {
		b, n, err := r.lr.Next()
		if err == io.EOF {
			if !inRecord {
				return nil, io.EOF
			}
			cut = "the file ends before its ER line"
			break
		}
		if err != nil {
			return nil, err
		}
		kind := classify(b)
		if !inRecord {
			switch kind {
			case lineBlank:
				continue
			case lineTag:
				if tagIs(b, "FN") || tagIs(b, "VR") || tagIs(b, "EF") || tagIs(b, "ER") {
					continue // the file's header and end, a stray end of record
				}
				if tagLen(b) == 3 {
					// Not a tag of the field list: outside a record it is
					// as likely a word in capitals ("THE END") as a tag.
					if r.junk == 0 {
						r.junkLine = n
					}
					r.junk++
					continue
				}
				inRecord = true
				start = n
				r.position++
			default:
				if r.junk == 0 {
					r.junkLine = n
				}
				r.junk++
				continue
			}
		} else if kind == lineTag {
			switch {
			case tagIs(b, "ER"):
				r.appendLine(b)
				break loop
			case tagIs(b, "PT") && len(r.spans) > 0:
				r.lr.Unread(b, n)
				cut = fmt.Sprintf("the next record begins at line %d before its ER line", n)
				break loop
			case tagIs(b, "EF"), tagIs(b, "FN"), tagIs(b, "VR"):
				r.lr.Unread(b, n)
				cut = fmt.Sprintf("line %d ends the file's records before its ER line", n)
				break loop
			}
		}
		if hasControl(b) {
			r.clean = append(r.clean[:0], b...)
			for i, c := range r.clean {
				if c < ' ' && c != '\t' {
					if c == 0 {
						if nulLine == 0 {
							nulLine = n
						}
					} else {
						r.clean[i] = ' '
						ctrl = true
					}
				}
			}
			b = r.clean
		}
		off := r.appendLine(b)
		switch kind {
		case lineTag:
			tl := tagLen(b)
			vs := tl
			for vs < len(b) && b[vs] == ' ' {
				vs++
			}
			r.spans = append(r.spans, span{tag: off, tagLen: tl, start: off + vs, end: len(r.buf), line: n})
		case lineCont:
			if k := len(r.spans); k > 0 {
				r.spans[k-1].end = len(r.buf)
			}
		case lineBad:
			if k := len(r.spans); k > 0 && !gluedTag(b) {
				// A line not indented inside a field (a title or an
				// author list edited by hand, or by a tool that trimmed
				// lines): read as a continuation, as an indented one is.
				r.spans[k-1].end = len(r.buf)
				if unindented == 0 {
					unindented = n
				}
			} else if badLine == 0 {
				badLine, badText = n, string(b)
			}
		}
	}

	raw := string(r.buf)
	position := r.position
	switch {
	case nulLine > 0:
		return nil, bib.Errorf(nulLine, "Web of Science record %d: NUL byte (binary data?)", position)
	case badLine > 0:
		return nil, &bib.ParseError{Line: badLine, Column: 1, Err: fmt.Errorf(
			"Web of Science record %d: %s is neither a tag line (two-character tag, space, value) nor a continuation line (indented)",
			position, quoteLine(badText))}
	}
	fields := r.fields[:0]
	for _, s := range r.spans {
		fields = append(fields, field{tag: raw[s.tag : s.tag+s.tagLen], value: raw[s.start:s.end], line: s.line})
	}
	r.fields = fields
	if err := checkCitedRefs(fields, position); err != nil {
		return nil, err
	}
	rec := r.index.mapRecord(fields)
	rec.Format = "wos"
	rec.Position = position
	rec.Line = start
	rec.Raw = raw
	if cut != "" {
		rec.Warnings = append([]bib.Warning{{Line: start, Msg: "record has no ER line: " + cut}}, rec.Warnings...)
	}
	if len(fields) > 0 && fields[0].tag != "PT" {
		rec.Warn(start, "record does not begin with PT")
	}
	if ctrl {
		rec.Warn(start, "control characters replaced by spaces")
	}
	if unindented > 0 {
		rec.Warn(unindented, "a line that is not indented is read as a continuation of the field before it")
	}
	if rec.Title == "" {
		rec.Warn(start, "record has no title")
	}
	return rec, nil
}

// hasControl reports whether b may hold a control character other than a
// tab (it may also report a tab). It looks at sixteen bytes at a time,
// and at the last eight bytes of a line of eight or more in one word,
// which may overlap bytes already seen.
func hasControl(b []byte) bool {
	if len(b) < 8 {
		for _, c := range b {
			if c < ' ' && c != '\t' {
				return true
			}
		}
		return false
	}
	last := binary.LittleEndian.Uint64(b[len(b)-8:])
	for len(b) >= 16 {
		if hasLess(binary.LittleEndian.Uint64(b), 0x20) || hasLess(binary.LittleEndian.Uint64(b[8:]), 0x20) {
			return true
		}
		b = b[16:]
	}
	if len(b) >= 8 && hasLess(binary.LittleEndian.Uint64(b), 0x20) {
		return true
	}
	return hasLess(last, 0x20)
}

// appendLine adds a line to the record text and returns its offset.
func (r *Reader) appendLine(b []byte) int {
	if len(r.buf) > 0 {
		r.buf = append(r.buf, '\n')
	}
	off := len(r.buf)
	r.buf = append(r.buf, b...)
	return off
}

// quoteLine quotes a line for an error message, shortened.
func quoteLine(s string) string {
	if len(s) > 60 {
		cut := 60
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "..."
	}
	return fmt.Sprintf("%q", s)
}

// refCheckLines returns, for the tags that come just before CR in an
// export, how many lines shaped like cited references under the tag show
// that the CR tag line is missing: one under a list of addresses, names
// or ids, two under funding text (prose that might, once, look like one).
// It returns 0 for the other tags.
func refCheckLines(tag string) int {
	switch tag {
	case "C1", "C3", "RP", "EM", "RI", "OI":
		return 1
	case "FU", "FP", "FX":
		return 2
	}
	return 0
}

// checkCitedRefs refuses a record whose cited references stand under
// another tag: the line that began CR was lost, and the fields after it
// cannot be trusted.
func checkCitedRefs(fields []field, position int) error {
	for _, f := range fields {
		need := refCheckLines(f.tag)
		if need == 0 || strings.IndexByte(f.value, '\n') < 0 {
			continue
		}
		line, first, run := f.line, 0, 0
		var firstText string
		for rest := f.value; rest != ""; line++ {
			var l string
			l, rest, _ = strings.Cut(rest, "\n")
			if !looksLikeCitedRef(trimSpace(l)) {
				run = 0
				continue
			}
			if run == 0 {
				first, firstText = line, trimSpace(l)
			}
			if run++; run >= need {
				return bib.Errorf(first, "Web of Science record %d: a cited reference (%s) stands under %s (the CR tag line is missing?); the record's fields cannot be trusted",
					position, quoteLine(firstText), f.tag)
			}
		}
	}
	return nil
}

// looksLikeCitedRef reports whether s has the shape of a Web of Science
// cited reference: "Author, YEAR, SOURCE" followed by a volume, a page or
// a DOI ("ALLEN PJ, 1966, AM J PHYS, V34, P1185, DOI 10.1119/1.1972585").
func looksLikeCitedRef(s string) bool {
	i := strings.Index(s, ", ")
	if i <= 0 || i > 80 || len(s) < i+8 {
		return false
	}
	y := s[i+2:]
	if len(y) < 6 || !isDigit(y[0]) || !isDigit(y[1]) || !isDigit(y[2]) || !isDigit(y[3]) || y[4] != ',' || y[5] != ' ' {
		return false
	}
	if bib.ExtractYear(y[:4]) == 0 {
		return false
	}
	rest := y[6:]
	for _, m := range []string{", V", ", P", ", DOI "} {
		if k := strings.Index(rest, m); k >= 0 {
			if m == ", DOI " || k+len(m) < len(rest) && isDigit(rest[k+len(m)]) {
				return true
			}
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
