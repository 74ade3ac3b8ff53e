// Package medline reads and writes the MEDLINE tagged format: what PubMed
// calls "PubMed format" and saves as .nbib (and .txt), and what ERIC
// exports under the same name.
//
// # What the reader accepts
//
// A record is a run of tag lines. A tag line has a tag of two to four
// capital letters or digits, left-justified in four columns, then "- " and
// the value: "PMID- 37078520", "FAU - Byng, Richard", "TI  - A title". A
// line indented by white space (six spaces in PubMed's files; any indent
// is accepted) continues the value of the tag before it, joined to it by
// one space. Records are separated by one or more blank lines; the last
// record needs no blank line after it.
//
// The reader also takes what real exports and hand-edited files hold:
//
//   - lines ended by LF, CRLF or a bare CR, and a UTF-8 byte-order mark;
//   - blank lines, and any text, before the first record and between
//     records (skipped, and counted in Warnings);
//   - records that do not begin with PMID (ERIC's begin with OWN), and two
//     records with no blank line between them (a second PMID, or a second
//     OWN, begins a new record);
//   - a blank line inside a value: when the line after it is indented, it
//     continues the value;
//   - tags written out of their columns, for the tags MEDLINE and ERIC
//     use: "PMID-22664220", "TI  -Title", "TI-", "SO- text", "PMC -PMC123",
//     ERIC's "ISSN - ISSN-1234-4567"; and a known tag with its hyphen lost
//     ("SO  text"), which is read as that tag with a warning;
//   - an unindented line that is no tag line, read as a continuation with a
//     warning.
//
// A record holding control characters (binary data) cannot be used and is
// returned as a *bib.ParseError naming its line and column, as is a record
// with no title, author, journal, identifier, abstract or keyword; reading
// goes on with the next record.
//
// Every tag occurrence is kept in order (see ReadFields) and mapped onto a
// bib.Record as Map describes.
package medline

import (
	"encoding/binary"
	"fmt"
	"io"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/textio"
)

// Field is one tag occurrence in a record.
type Field struct {
	Tag   string // "PMID", "FAU", "AD", ... without the padding spaces
	Value string // the value, continuation lines joined with one space
	Line  int    // the line the tag is on

	plain bool // Value is known to be clean: printable ASCII, single spaces, trimmed
}

// Reader reads MEDLINE records from a text stream.
type Reader struct {
	lr       *textio.LineReader
	position int // records started so far

	junk, junkLine int // lines of text outside records, and the first of them

	// The record being read, in buffers reused from record to record.
	raw       []byte // the record's lines, each followed by '\n'
	vals      []byte // the values that continue over several lines, joined
	spans     []span
	fields    []Field
	warns     []bib.Warning
	nextWarns []bib.Warning // warnings for the record after this one
	badLine   int           // line and column of the first control character, 0 for none
	badCol    int
	badChar   byte

	buf buffers // the mapping's
}

// span locates one field's value: in Reader.raw while it is one line, in
// Reader.vals once a continuation line has been joined to it.
type span struct {
	tag        string
	start, end int
	line       int
	joined     bool // the value is in vals
	plain      bool // the value is clean (see Field)
}

// NewReader returns a Reader reading MEDLINE text (UTF-8) from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{lr: textio.NewLineReader(r)}
}

// Warnings returns what the reader noticed about the file as a whole (text
// outside records). It is complete once Read has returned io.EOF.
func (r *Reader) Warnings() []bib.Warning {
	if r.junk == 0 {
		return nil
	}
	return []bib.Warning{{Line: r.junkLine, Msg: fmt.Sprintf("%d line(s) of text outside records ignored, the first at line %d", r.junk, r.junkLine)}}
}

func (r *Reader) skipJunk(n int) {
	if r.junk == 0 {
		r.junkLine = n
	}
	r.junk++
}

// readRecord reads the lines of the next record into the reader's buffers
// and returns the line it starts on, or io.EOF after the last record.
func (r *Reader) readRecord() (start int, err error) {
	r.raw, r.vals, r.spans = r.raw[:0], r.vals[:0], r.spans[:0]
	r.warns, r.nextWarns = r.nextWarns, nil
	r.badLine = 0
	inRecord := false
	hasPMID, hasOWN := false, false
	blanks := 0 // blank lines inside the record not yet known to end it
	for {
		line, n, err := r.lr.Next()
		if err == io.EOF {
			if inRecord {
				return start, nil
			}
			return 0, io.EOF
		}
		if err != nil {
			return 0, fmt.Errorf("medline: %w", err)
		}
		if isBlank(line) {
			if inRecord {
				blanks++
			}
			continue
		}
		kind, tag, value := classify(line)
		if !inRecord {
			if kind != lineTag {
				r.skipJunk(n)
				continue
			}
			inRecord = true
			start = n
			r.position++
		} else if blanks > 0 {
			if kind != lineContinuation {
				r.lr.Unread(line, n)
				return start, nil
			}
			r.warns = append(r.warns, bib.Warning{Line: n, Msg: "blank line inside a value; the indented line after it continues the value"})
			for ; blanks > 0; blanks-- {
				r.raw = append(r.raw, '\n')
			}
		} else if (kind == lineTag || kind == lineNoHyphen) && (tag == "PMID" && hasPMID || tag == "OWN" && hasOWN) {
			r.lr.Unread(line, n)
			r.nextWarns = append(r.nextWarns, bib.Warning{Line: n, Msg: "no blank line before this record"})
			return start, nil
		}
		off := len(r.raw)
		r.raw = append(r.raw, line...)
		r.raw = append(r.raw, '\n')
		plain := r.scan(line, value, n)
		switch kind {
		case lineTag, lineNoHyphen:
			if kind == lineNoHyphen {
				r.warns = append(r.warns, bib.Warning{Line: n, Msg: fmt.Sprintf("tag %s has no hyphen after it; read as %s", tag, tag)})
			}
			hasPMID = hasPMID || tag == "PMID"
			hasOWN = hasOWN || tag == "OWN"
			start := off + offsetIn(line, value)
			r.spans = append(r.spans, span{tag: tag, start: start, end: start + len(value), line: n, plain: plain})
		case lineStray:
			r.warns = append(r.warns, bib.Warning{Line: n, Msg: "line is neither a tag line nor indented; read as a continuation"})
			fallthrough
		case lineContinuation:
			// A line that ends in a hyphen right after a letter, with no
			// space after it, broke a hyphenated word ("nature-" /
			// "themed"): NLM wraps so. The word is joined again whole.
			tight := off >= 3 && r.raw[off-1] == '\n' && r.raw[off-2] == '-' && isLetter(r.raw[off-3])
			r.continueValue(value, plain, tight)
		}
	}
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// offsetIn returns where sub, a subslice of line, begins in it.
func offsetIn(line, sub []byte) int {
	if len(sub) == 0 {
		return len(line)
	}
	return cap(line) - cap(sub)
}

// continueValue joins a continuation line to the last field's value with
// one space, or none when tight. The record's first line is always a tag
// line, so there is a field.
func (r *Reader) continueValue(value []byte, plain, tight bool) {
	if len(value) == 0 {
		return
	}
	last := &r.spans[len(r.spans)-1]
	if !last.joined {
		s := len(r.vals)
		r.vals = append(r.vals, r.raw[last.start:last.end]...)
		last.start, last.end, last.joined = s, len(r.vals), true
	}
	if last.end > last.start && !tight {
		r.vals = append(r.vals, ' ')
	}
	r.vals = append(r.vals, value...)
	last.end = len(r.vals)
	last.plain = last.plain && plain
}

// scan notes the first control character (other than a tab) of the
// record, and reports whether value, a trimmed subslice of line, is clean:
// printable ASCII with no doubled spaces. Only the value is looked at:
// what classify leaves around it is the tag, spaces, tabs and a hyphen,
// never a control character (TestClassifyLeavesNoControl).
func (r *Reader) scan(line, value []byte, n int) (plain bool) {
	if plainASCII(value) {
		return true
	}
	plain = true
	for i := 0; i < len(value); i++ {
		c := value[i]
		if c > ' ' && c < 0x7f || c == ' ' && value[i+1] != ' ' { // value is trimmed: a space is never last
			continue
		}
		plain = false
		if c < 0x20 && c != '\t' && r.badLine == 0 {
			r.badLine, r.badCol, r.badChar = n, offsetIn(line, value)+i+1, c
		}
	}
	return plain
}

// plainASCII reports whether b, trimmed of spaces, is printable ASCII with
// no two spaces together. It looks at sixteen bytes at a time, and at the
// last eight bytes of a value of eight or more in one word, which may
// overlap bytes already seen.
func plainASCII(b []byte) bool {
	n := len(b)
	if n < 8 {
		prev := false
		for _, c := range b {
			if c < ' ' || c >= 0x7f || c == ' ' && prev {
				return false
			}
			prev = c == ' '
		}
		return true
	}
	last := binary.LittleEndian.Uint64(b[n-8:])
	var prev uint64 // 0x80 when the byte before the words is a space
	for len(b) >= 16 {
		w0, w1 := binary.LittleEndian.Uint64(b), binary.LittleEndian.Uint64(b[8:])
		if outside(w0)|outside(w1) != 0 {
			return false
		}
		s0, s1 := spaces(w0), spaces(w1)
		if s0&(s0<<8|prev)|s1&(s1<<8|s0>>56) != 0 {
			return false
		}
		prev = s1 >> 56
		b = b[16:]
	}
	if len(b) >= 8 {
		w := binary.LittleEndian.Uint64(b)
		if outside(w) != 0 {
			return false
		}
		s := spaces(w)
		if s&(s<<8|prev) != 0 {
			return false
		}
	}
	// The last word holds every pair of bytes that the words before it
	// did not.
	if outside(last) != 0 {
		return false
	}
	s := spaces(last)
	return s&(s<<8) == 0
}

const ones, highs = 0x0101010101010101, 0x8080808080808080

// outside returns a word with the high bit set of each byte of w that is
// not printable ASCII (under 0x20, DEL, 0x80 and above), and zero when
// all eight are printable. Adding 0x60 to a byte under 0x80 carries into
// its high bit just when it is 0x20 or more, and adding 1 just when it is
// DEL; neither sum carries into the next byte unless a byte is 0x80 or
// above, which is reported anyway.
func outside(w uint64) uint64 {
	return (w | (w + ones) | ^(w + ones*0x60)) & highs
}

// spaces returns a word with the high bit set of each byte of w that is a
// space, and no other bit; w must be printable ASCII. A byte xor 0x20 is
// zero just for a space, and adding 0x7f to it carries into its high bit
// unless it is zero.
func spaces(w uint64) uint64 {
	return ^((w ^ ones*0x20) + ones*0x7f) & highs
}

// ReadFields returns the tag occurrences of the next record, the line it
// starts on and its raw text. At the end of the input it returns io.EOF.
func (r *Reader) ReadFields() (fields []Field, start int, raw string, err error) {
	start, err = r.readRecord()
	if err != nil {
		return nil, 0, "", err
	}
	fields, raw = r.materialize(nil)
	return fields, start, raw, nil
}

// materialize turns the spans of the record into fields appended to dst,
// and returns them with the record's raw text. The values are substrings
// of the raw text, or of one string of the joined values.
func (r *Reader) materialize(dst []Field) ([]Field, string) {
	// One string holds the raw text, then the joined values.
	n := len(r.raw)
	r.raw = append(r.raw, r.vals...)
	text := string(r.raw)
	r.raw = r.raw[:n]
	for _, s := range r.spans {
		start, end := s.start, s.end
		if s.joined {
			start, end = n+start, n+end
		}
		dst = append(dst, Field{Tag: s.tag, Value: text[start:end], Line: s.line, plain: s.plain})
	}
	return dst, strings.TrimRight(text[:n], "\n")
}

// Read returns the next record. A record that cannot be used is returned
// as a *bib.ParseError naming its line; the next call goes on with the
// record after it. At the end of the input Read returns io.EOF.
func (r *Reader) Read() (*bib.Record, error) {
	start, err := r.readRecord()
	if err != nil {
		return nil, err
	}
	if r.badLine != 0 {
		return nil, &bib.ParseError{Line: r.badLine, Column: r.badCol,
			Err: fmt.Errorf("MEDLINE record %d: control character 0x%02x (binary data?)", r.position, r.badChar)}
	}
	var raw string
	r.fields, raw = r.materialize(r.fields[:0])
	rec := mapWith(r.fields, true, &r.buf)
	clear(r.fields) // Map keeps none of them; let their strings go
	rec.Format = "medline"
	rec.Position = r.position
	rec.Line = start
	rec.Raw = raw
	if len(r.warns) > 0 {
		rec.Warnings = append(append([]bib.Warning(nil), r.warns...), rec.Warnings...)
	}
	if unusable(rec) {
		return nil, bib.Errorf(start, "MEDLINE record %d is empty: it has only administrative tags or values that cannot be read", r.position)
	}
	if rec.Title == "" {
		rec.Warn(start, "record has no title")
	}
	return rec, nil
}

// unusable reports whether a record holds nothing that identifies or
// describes a work: no title, person, journal, identifier, abstract,
// keyword, publication date, volume, issue, page, note or publication
// type. Such a block holds only administrative tags (STAT, dates of
// indexing) or values that could not be read. A record with any of those
// fields is kept, with a warning when it has no title, as the other
// readers keep it.
func unusable(rec *bib.Record) bool {
	return rec.Title == "" && len(rec.Identifiers) == 0 && len(rec.Authors) == 0 && len(rec.Editors) == 0 &&
		rec.Container == "" && rec.ContainerAbbrev == "" && rec.Abstract == "" && len(rec.Keywords) == 0 &&
		rec.Volume == "" && rec.Issue == "" && rec.FirstPage == "" && rec.ArticleNumber == "" && rec.Date.IsZero() &&
		len(rec.Notes) == 0 && len(rec.PublicationTypes) == 0
}

// Kinds of line.
const (
	lineTag          = iota // a tag line
	lineNoHyphen            // a known tag and its value with no hyphen between them
	lineContinuation        // an indented line
	lineStray               // anything else
)

// classify tells what a non-blank line is and returns its tag and value
// (trimmed of surrounding spaces; for a continuation, the text).
func classify(line []byte) (kind int, tag string, value []byte) {
	if line[0] == ' ' || line[0] == '\t' {
		return lineContinuation, "", trimSpace(line)
	}
	// The tag: a capital letter, then capitals or digits.
	k := 0
	for k < len(line) && k < 5 && (isUpper(line[k]) || k > 0 && isDigit(line[k])) {
		k++
	}
	if k < 2 || k == len(line) && k > 4 {
		return lineStray, "", trimSpace(line)
	}
	if k < len(line) && (isUpper(line[k]) || isDigit(line[k])) {
		return lineStray, "", trimSpace(line) // a longer word
	}
	// The standard form: the tag padded to four columns, then "- ".
	if k <= 4 && len(line) >= 5 && line[4] == '-' && (len(line) == 5 || line[5] == ' ') && allSpaces(line[k:4]) {
		return lineTag, tagName(line[:k]), trimSpace(line[5:])
	}
	name, known := knownTags[string(line[:k])]
	if !known {
		return lineStray, "", trimSpace(line)
	}
	j := k
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		j++
	}
	if j < len(line) && line[j] == '-' {
		return lineTag, name, trimSpace(line[j+1:])
	}
	if j == len(line) {
		return lineTag, name, nil // "TI" alone: an empty value
	}
	if j >= 4 && j > k {
		return lineNoHyphen, name, trimSpace(line[j:])
	}
	return lineStray, "", trimSpace(line)
}

// tagName returns the tag as a string, without allocating for the tags
// PubMed writes in every record.
func tagName(b []byte) string {
	switch string(b) {
	case "AB":
		return "AB"
	case "AD":
		return "AD"
	case "AID":
		return "AID"
	case "AU":
		return "AU"
	case "AUID":
		return "AUID"
	case "CI":
		return "CI"
	case "CRDT":
		return "CRDT"
	case "DCOM":
		return "DCOM"
	case "DEP":
		return "DEP"
	case "DP":
		return "DP"
	case "EDAT":
		return "EDAT"
	case "FAU":
		return "FAU"
	case "IP":
		return "IP"
	case "IS":
		return "IS"
	case "JID":
		return "JID"
	case "JT":
		return "JT"
	case "LA":
		return "LA"
	case "LID":
		return "LID"
	case "LR":
		return "LR"
	case "MH":
		return "MH"
	case "MHDA":
		return "MHDA"
	case "OT":
		return "OT"
	case "OTO":
		return "OTO"
	case "OWN":
		return "OWN"
	case "PG":
		return "PG"
	case "PHST":
		return "PHST"
	case "PL":
		return "PL"
	case "PMID":
		return "PMID"
	case "PST":
		return "PST"
	case "PT":
		return "PT"
	case "SB":
		return "SB"
	case "SO":
		return "SO"
	case "STAT":
		return "STAT"
	case "TA":
		return "TA"
	case "TI":
		return "TI"
	case "VI":
		return "VI"
	}
	if s, ok := knownTags[string(b)]; ok {
		return s
	}
	return string(b)
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

func allSpaces(b []byte) bool {
	for _, c := range b {
		if c != ' ' {
			return false
		}
	}
	return true
}

func trimSpace(b []byte) []byte {
	i, j := 0, len(b)
	for i < j && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	for j > i && (b[j-1] == ' ' || b[j-1] == '\t') {
		j--
	}
	return b[i:j]
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// knownTags are the tags of NLM's MEDLINE/PubMed data element list and
// ERIC's export, which are also accepted when written out of their
// columns.
var knownTags = func() map[string]string {
	m := map[string]string{}
	for _, t := range []string{
		"AB", "AD", "AID", "AU", "AUID", "BTI", "CI", "CIN", "CN", "COIS", "CON", "CP", "CRDT", "CRF", "CRI",
		"CTDT", "CTI", "DA", "DCOM", "DDIN", "DEP", "DP", "DRDT", "DRIN", "ECF", "ECI", "ED", "EDAT", "EFR",
		"EIN", "EN", "FAU", "FED", "FIR", "FPS", "GN", "GR", "GS", "IP", "IR", "IRAD", "IS", "ISBN", "ISSN",
		"JID", "JT", "LA", "LID", "LR", "MH", "MHDA", "MID", "NM", "OAB", "OABL", "OCI", "OID", "ORI", "OT",
		"OTO", "OWN", "PB", "PG", "PHST", "PL", "PMC", "PMCR", "PMID", "PS", "PST", "PT", "PUBM", "RF", "RIN",
		"RN", "ROF", "RPF", "RPI", "RRF", "RRI", "SB", "SFM", "SI", "SO", "SPIN", "STAT", "TA", "TI", "TT",
		"UIN", "UOF", "VI", "VTI",
	} {
		m[t] = t
	}
	return m
}()
