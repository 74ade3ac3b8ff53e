// Package ris reads and writes RIS, the tagged format of Reference
// Manager, EndNote, Zotero, Ovid, Scopus, Web of Science, EBSCO, Cochrane
// and most other databases.
//
// # What the reader accepts
//
// A record is a run of tag lines from "TY" to "ER". A tag line is two
// characters (a capital letter, then a capital letter or digit), one or two
// spaces, a hyphen, and the value after one optional space: "AU  - Byng, R",
// "AU - Byng, R", "SP  -" (empty). The four-letter "PMID - " some tools
// write is a tag too. Anything else inside a record continues the value of
// the tag before it, so wrapped abstracts, keyword lists one per line and
// second DOIs or ISSNs on a line of their own are kept.
//
// The reader takes what real exports write: lines ended by CRLF, LF or a
// bare CR (also mixed in one file); a UTF-8 byte-order mark (removed by the
// caller's decoder, or here); blank lines inside a record; text before,
// between and after records (vendor headers, "Record #1 of 2", Ovid numbers
// and search history), which is skipped and counted; "ER" with or without a
// trailing space or content; a missing "ER" (the next "TY" or the end of the
// file ends the record, with a warning: a file that ends inside a record
// may have been cut short); a record with no "TY" (started by its first tag);
// and a whole record flattened onto one line, as copying RIS out of a web
// page or PDF leaves it ("TY - JOUR AU - R. Byng ... ER -"), which is split
// back into its tags at every known RIS tag; and a tag line that holds
// more tags after its value, each after a run of spaces, as Rayyan writes
// the tags it does not know ("DO  - 10.1038/x     LK  - https://..."),
// which is split there.
//
// Every occurrence of every tag is kept in order and mapped onto a
// bib.Record as the package documentation of Map describes.
package ris

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/textio"
)

// Field is one tag occurrence in a record.
type Field struct {
	Tag   string
	Value string // continuation lines joined with "\n"
	Line  int
	plain bool // Value is known to be ASCII with single spaces (see bib.IsPlain)
}

// Reader reads RIS records from a text stream.
type Reader struct {
	lr       *textio.LineReader
	position int // records started so far
	junk     int // untagged lines outside records
	junkLine int // first of them
	pending  []pendingLine
	warnings []bib.Warning
	raw      []byte   // the raw text of the record being read, reused
	spans    []span   // its fields as read, reused
	owns     []string // the values of its fields that are not a part of raw
	fields   []Field  // its fields, returned, reused
	flatLine string   // the flattened line being split
	flat     bool     // the line being read is a part of flatLine
	sawTY    bool     // a TY line has been read
	mapper   mapper
}

type pendingLine struct {
	text string
	line int
	flat bool // a part of a flattened line (whose raw text is r.flatLine)
}

// NewReader returns a Reader reading RIS text (UTF-8) from r.
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

// nextPending returns the first of the lines waiting to be read again: the
// parts of a split flattened line, or a line given back.
func (r *Reader) nextPending() (text string, n int) {
	p := r.pending[0]
	r.pending = r.pending[1:]
	r.flat = p.flat
	return p.text, p.line
}

// unflattenLine splits line b, numbered n, when it holds a flattened
// record: it returns the first part and keeps the others for the calls
// after. It reports false for any other line.
func (r *Reader) unflattenLine(b []byte, n int) (string, bool) { return r.splitLine(b, n, unflatten) }

// splitJoinedLine splits line b, numbered n, a tag line that holds more
// tags after its value (see joinedTags), as unflattenLine splits a
// flattened record.
func (r *Reader) splitJoinedLine(b []byte, n int) (string, bool) {
	return r.splitLine(b, n, joinedTags)
}

// splitLine splits line b, numbered n, into the tag lines split finds in
// it: it returns the first and keeps the others for the calls after. It
// reports false when split finds none (returns nil).
func (r *Reader) splitLine(b []byte, n int, split func(string) []string) (string, bool) {
	parts := split(string(b))
	if parts == nil {
		return "", false
	}
	for _, p := range parts[1:] {
		r.pending = append(r.pending, pendingLine{p, n, true})
	}
	r.flatLine = string(b)
	r.flat = true
	return parts[0], true
}

// hasJoinedTag is a quick test of whether a tag line may hold a second
// tag after its value: "  - " after the first six bytes.
func hasJoinedTag(b []byte) bool {
	if !(b[2] == ' ' && b[3] == ' ' && b[4] == '-' && isTagStart(b[0]) && isTagChar(b[1])) {
		return false
	}
	// Found by its hyphens, which text has far fewer of than spaces:
	// searching for the spaces cost the reader 14 % more instructions,
	// searching for the hyphens 3 %.
	for i := 10; i < len(b)-1; {
		j := bytes.IndexByte(b[i:len(b)-1], '-')
		if j < 0 {
			return false
		}
		k := i + j
		if b[k-1] == ' ' && b[k-2] == ' ' && b[k+1] == ' ' {
			return true
		}
		i = k + 1
	}
	return false
}

// joinedTags splits a tag line that holds more tags, each after a run of
// two or more spaces, into one line per tag, as Rayyan writes the tags it
// does not know onto the line before ("UR  - https://...     U2  -
// L2029880245", "DO  - 10.1038/x     LK  - https://..."); it returns nil
// for any other line. Only the known tags written the standard way, "XX
// - ", count.
func joinedTags(s string) []string {
	var cuts []int // where each joined tag begins
	for i := 8; i+4 <= len(s); {
		j := strings.Index(s[i:], "  - ")
		if j < 0 {
			break
		}
		t := i + j - 2 // the tag before "  - "
		if t >= 8 && s[t-1] == ' ' && s[t-2] == ' ' && isTagStart(s[t]) && isTagChar(s[t+1]) && knownTags[s[t:t+2]] {
			cuts = append(cuts, t)
		}
		i += j + 4
	}
	if cuts == nil {
		return nil
	}
	out := make([]string, 0, len(cuts)+1)
	prev := 0
	for _, c := range cuts {
		out = append(out, strings.TrimRight(s[prev:c], " \t"))
		prev = c
	}
	return append(out, s[prev:])
}

// isFlatCandidate is a quick test of whether a long line could hold a
// flattened record: it is not an ordinary tag line other than TY.
func isFlatCandidate(b []byte) bool {
	if len(b) >= 5 && isTagStart(b[0]) && isTagChar(b[1]) && b[2] == ' ' && (b[3] == '-' || b[3] == ' ' && b[4] == '-') {
		return b[0] == 'T' && b[1] == 'Y'
	}
	return bytes.Contains(b, []byte("TY -")) || bytes.Contains(b, []byte("TY  -"))
}

func (r *Reader) unread(s string, n int) {
	r.pending = append([]pendingLine{{s, n, r.flat}}, r.pending...)
}

// ReadFields returns the tag occurrences of the next record, the line it
// starts on and its raw text. The fields are valid until the next call. At
// the end of the input it returns io.EOF.
//
// Tag lines outside a record start one only when they end in an ER (a
// record that lost its TY) or when the file has had no TY at all; tags
// between an ER and the next TY (Ovid writes some there) are skipped as
// text outside records.
func (r *Reader) ReadFields() (fields []Field, start int, raw string, err error) {
	// The record's lines are collected in rawb; field values are kept as
	// spans of it and become substrings of the one raw string at the end,
	// so a record costs one string, not one per line. (No closure shares
	// these variables, so that they can live in registers.)
	rawb := r.raw[:0]
	spans := r.spans[:0]
	clear(r.owns)
	r.owns = r.owns[:0]
	inRecord := false
	orphan := false // collecting tags after an ER, before any TY
	orphanLines := 0
	lastFlatLine := -1
	for {
		var b []byte
		var text string // the line when it is a part of a flattened line or one given back
		var own bool
		var n int
		var plain bool // b is a standard tag line ("XX  - ") with a plain value
		if len(r.pending) == 0 {
			b, n, err = r.lr.Next()
			r.flat = false
			if err == nil && len(b) >= 40 && isFlatCandidate(b) {
				text, own = r.unflattenLine(b, n)
			} else if err == nil {
				// A plain value holds no two spaces in a row, and so no
				// joined tag: most lines need no search for one.
				if plain = plainTagLine(b); !plain && len(b) >= 14 && hasJoinedTag(b) {
					text, own = r.splitJoinedLine(b, n)
				} else if plain && inRecord {
					// Most lines: a field of the record, read as below
					// with all else ruled out.
					if tag := slotOf(b[0], b[1]); tag != tyCode && tag != erCode {
						lineStart := len(rawb)
						if lineStart > 0 {
							rawb = append(rawb, '\n')
							lineStart++
						}
						rawb = append(rawb, b...)
						if orphan {
							orphanLines++
						}
						spans = append(spans, span{tag: tag, line: n, start: lineStart + len(tagPrefix), end: len(rawb), own: -1, plain: true})
						continue
					}
				}
			}
		} else {
			text, n = r.nextPending()
			own = true
		}
		if err != nil {
			if err != io.EOF {
				fields, raw = r.finish(rawb, spans)
				return fields, start, raw, err
			}
			if orphan {
				r.dropOrphan(orphanLines, start)
				inRecord = false
			}
			if inRecord {
				fields, raw = r.finish(rawb, spans)
				return fields, start, raw, errEndsWithoutER
			}
			r.raw, r.spans = rawb[:0], spans[:0]
			return nil, 0, "", io.EOF
		}
		var tag int16  // see tagCode
		var vs, ve int // the value's span within the line
		var ok bool
		if own {
			var name, value string
			name, value, ok = parseTagLine(text)
			tag, vs, ve = tagCode(name), len(text)-len(value), len(text)
		} else {
			tag, vs, ve, ok = parseTagLineBytes(b)
		}
		isTY := ok && tag == tyCode
		if isTY && orphan {
			r.dropOrphan(orphanLines, start)
			rawb, spans, r.owns = rawb[:0], spans[:0], r.owns[:0]
			orphan, orphanLines, inRecord, lastFlatLine = false, 0, false, -1
		}
		if !inRecord {
			if !ok {
				if !blank(b, text, own) {
					if r.junk == 0 {
						r.junkLine = n
					}
					r.junk++
				}
				continue
			}
			if tag == erCode {
				continue // a stray end tag
			}
			inRecord = true
			orphan = !isTY && r.sawTY
			start = n
			if !orphan {
				r.position++
			}
		} else if isTY {
			// A new record begins before this one ended.
			if own {
				r.unread(text, n)
			} else {
				r.unread(string(b), n)
			}
			fields, raw = r.finish(rawb, spans)
			return fields, start, raw, errMissingER
		}
		if isTY {
			r.sawTY = true
		}
		// The raw text: every line as read; a flattened record's line once.
		lineStart := len(rawb)
		if !(own && r.flat && n == lastFlatLine) {
			if len(rawb) > 0 {
				rawb = append(rawb, '\n')
				lineStart++
			}
			switch {
			case own && r.flat:
				rawb = append(rawb, r.flatLine...)
				lastFlatLine = n
			case own:
				rawb = append(rawb, text...)
			default:
				rawb = append(rawb, b...)
			}
			if orphan {
				orphanLines++
			}
		}
		if !ok {
			if len(spans) > 0 {
				sp := &spans[len(spans)-1]
				line := text
				if !own {
					line = string(b)
				}
				line = strings.TrimRight(line, " \t")
				sp.plain = false // the value has a line break now
				switch {
				case sp.own >= 0:
					r.owns[sp.own] += "\n" + line
				case !own && sp.end == lineStart-1:
					// the continuation follows the value in the raw text
					sp.end = lineStart + len(line)
				default:
					sp.own = len(r.owns)
					r.owns = append(r.owns, string(rawb[sp.start:sp.end])+"\n"+line)
				}
			}
			continue
		}
		if tag == erCode {
			if orphan {
				r.position++ // a record that lost its TY line
			}
			fields, raw = r.finish(rawb, spans)
			return fields, start, raw, nil
		}
		if own {
			spans = append(spans, span{tag: tag, line: n, own: len(r.owns)})
			r.owns = append(r.owns, text[vs:ve])
		} else {
			spans = append(spans, span{tag: tag, line: n, start: lineStart + vs, end: lineStart + trimEnd(b, vs, ve), own: -1, plain: plain && vs == len(tagPrefix)})
		}
	}
}

// span is a field as read: its tag, its line and where its value is in
// the record's raw text, or which of the reader's owns it is. It holds no
// pointer, so that keeping one per line costs the collector nothing.
type span struct {
	tag        int16 // see tagCode
	line       int
	start, end int
	own        int  // index in Reader.owns, or -1
	plain      bool // the value is known to be plain (see plainTagLine)
}

// finish makes the record's raw text and its fields, whose values are
// substrings of it or strings of their own, and keeps the buffers for the
// next record.
func (r *Reader) finish(rawb []byte, spans []span) ([]Field, string) {
	raw := string(rawb)
	fields := slices.Grow(r.fields[:0], len(spans))[:len(spans)]
	for i, sp := range spans {
		f := &fields[i]
		f.Tag, f.Line, f.plain = tagString(sp.tag), sp.line, sp.plain && sp.own < 0
		if sp.own >= 0 {
			f.Value = r.owns[sp.own]
		} else {
			f.Value = raw[sp.start:sp.end]
		}
	}
	r.raw, r.fields, r.spans = rawb[:0], fields, spans[:0]
	return fields, raw
}

// dropOrphan counts the lines of tags collected after an ER, which did not
// become a record, as text outside records.
func (r *Reader) dropOrphan(lines, start int) {
	if lines > 0 {
		if r.junk == 0 {
			r.junkLine = start
		}
		r.junk += lines
	}
}

// tagPrefix is the start of a standard tag line, after its tag.
const tagPrefix = "XX  - "

// plainTagLine reports whether b is a standard tag line ("XX  - value")
// whose value is plain (see bib.IsPlain), and so ends in no blank: the
// field that value makes is then marked plain without looking at it again.
func plainTagLine(b []byte) bool {
	return len(b) > len(tagPrefix) && b[2] == ' ' && b[3] == ' ' && b[4] == '-' && b[5] == ' ' &&
		isTagStart(b[0]) && isTagChar(b[1]) && bib.IsPlain(b[len(tagPrefix):])
}

// trimEnd returns the end of b[vs:ve] without trailing blanks.
func trimEnd(b []byte, vs, ve int) int {
	for ve > vs && (b[ve-1] == ' ' || b[ve-1] == '\t') {
		ve--
	}
	return ve
}

func blank(b []byte, text string, own bool) bool {
	if own {
		return bib.TrimSpace(text) == ""
	}
	return len(bytes.TrimSpace(b)) == 0
}

// tagNames interns the two-character tags, so reading one allocates
// nothing. A tag's place in it is its tagSlot.
var tagNames = func() [26 * 36]string {
	var t [26 * 36]string
	for i := 0; i < 26; i++ {
		for j := 0; j < 36; j++ {
			c := byte('A' + j)
			if j >= 26 {
				c = byte('0' + j - 26)
			}
			t[i*36+j] = string([]byte{byte('A' + i), c})
		}
	}
	return t
}()

// slotOf is the tagSlot of the tag of characters a and b (see isTagStart
// and isTagChar).
func slotOf(a, b byte) int16 {
	j := int16(b - 'A')
	if b >= '0' && b <= '9' {
		j = 26 + int16(b-'0')
	}
	return int16(a-'A')*36 + j
}

// The tagCodes the reader looks for: TY, ER, and PMID, the one tag that
// is not two characters long.
const (
	tyCode   int16 = ('T'-'A')*36 + 'Y' - 'A'
	erCode   int16 = ('E'-'A')*36 + 'R' - 'A'
	pmidCode int16 = 26 * 36 // len(tagNames)
)

// tagCode numbers the tags a tag line can have (see parseTagLine): the
// two-character ones by their tagSlot, and PMID.
func tagCode(tag string) int16 {
	if k := tagSlot(tag); k >= 0 {
		return int16(k)
	}
	return pmidCode
}

// tagString is the tag that tagCode numbered c.
func tagString(c int16) string {
	if c == pmidCode {
		return "PMID"
	}
	return tagNames[c]
}

// parseTagLineBytes is parseTagLine on bytes: it returns the tag's
// tagCode and the span of the value in b.
func parseTagLineBytes(b []byte) (tag int16, vs, ve int, ok bool) {
	// Nearly every line is written the standard way, "AU  - value".
	if len(b) >= 6 && b[2] == ' ' && b[3] == ' ' && b[4] == '-' && b[5] == ' ' && isTagStart(b[0]) && isTagChar(b[1]) {
		return slotOf(b[0], b[1]), 6, len(b), true
	}
	if len(b) < 4 {
		if len(b) >= 2 && b[0] == 'E' && b[1] == 'R' && len(bytes.TrimSpace(b[2:])) == 0 {
			return erCode, len(b), len(b), true
		}
		return 0, 0, 0, false
	}
	if !isTagStart(b[0]) || !isTagChar(b[1]) {
		return 0, 0, 0, false
	}
	if b[2] != ' ' {
		if bytes.HasPrefix(b, []byte("PMID")) && len(b) >= 6 {
			_, value, ok := parseTagLine(string(b))
			if !ok {
				return 0, 0, 0, false
			}
			// the value is the end of the line without its trailing blanks
			end := len(bytes.TrimRight(b, " \t"))
			return pmidCode, end - len(value), end, true
		}
		return 0, 0, 0, false
	}
	j := 2
	for j < len(b) && j-2 < 2 && b[j] == ' ' {
		j++
	}
	if j == 2 || j >= len(b) || b[j] != '-' {
		return 0, 0, 0, false
	}
	v := j + 1
	switch {
	case v == len(b):
	case b[v] == ' ' || b[v] == '\t':
		v++
	case b[v] == 0xc2 && v+1 < len(b) && b[v+1] == 0xa0: // a no-break space
		v += 2
	case b[v] == ',':
		v++
		for v < len(b) && b[v] == ' ' {
			v++
		}
	default:
		if j-2 != 2 {
			return 0, 0, 0, false
		}
	}
	return slotOf(b[0], b[1]), v, len(b), true
}

var (
	errMissingER     = errors.New("record has no ER line")
	errEndsWithoutER = errors.New("the file ends before the record's ER line")
)

// Read returns the next record. A record that cannot be used is returned
// as a *bib.ParseError naming its line; the next call goes on with the
// record after it. At the end of the input Read returns io.EOF.
func (r *Reader) Read() (*bib.Record, error) {
	fields, start, raw, err := r.ReadFields()
	var warn []bib.Warning
	switch {
	case err == errMissingER:
		warn = append(warn, bib.Warning{Line: start, Msg: "record has no ER line; it ends where the next TY begins"})
	case err == errEndsWithoutER:
		warn = append(warn, bib.Warning{Line: start, Msg: "record has no ER line: the file ends before it (cut short?)"})
	case err != nil:
		return nil, err
	}
	// checkFields marks the plain values, which Map then need not clean.
	if err := checkFields(fields, start, r.position); err != nil {
		return nil, err
	}
	rec := r.mapper.record(fields)
	rec.Format = "ris"
	rec.Position = r.position
	rec.Line = start
	rec.Raw = raw
	rec.Warnings = append(warn, rec.Warnings...)
	if len(fields) > 0 && fields[0].Tag != "TY" {
		rec.Warn(start, "record does not begin with TY")
	}
	switch {
	case isEmpty(fields):
		rec.Warn(start, "record is empty: no tag after TY has a value")
	case rec.Title == "":
		rec.Warn(start, "record has no title")
	}
	return rec, nil
}

// isEmpty reports whether no tag but TY has a value.
func isEmpty(fields []Field) bool {
	for _, f := range fields {
		if f.Tag != "TY" && bib.TrimSpace(f.Value) != "" {
			return false
		}
	}
	return true
}

// checkFields refuses a record that holds binary data, and empties the
// values that stand for nothing.
func checkFields(fields []Field, start, position int) error {
	for i := range fields {
		f := &fields[i]
		if isMissingValue(f.Value) {
			f.Value = ""
		}
		if f.plain || bib.IsPlain(f.Value) {
			f.plain = true // and so free of control characters
			continue
		}
		if !bib.HasControl(f.Value) {
			continue
		}
		for i := 0; i < len(f.Value); i++ {
			if c := f.Value[i]; c < 0x20 && c != '\n' && c != '\t' && c != '\r' {
				return bib.Errorf(f.Line, "RIS record %d: control character 0x%02x in %s (binary data?)", position, c, f.Tag)
			}
		}
	}
	return nil
}

// isMissingValue reports whether a whole value is a word that data tools
// write for a missing value: R's NA, pandas' nan, SQL's NULL, Python's
// None ("IS  - nan" in a file that went through a data frame).
func isMissingValue(v string) bool {
	if len(v) < 2 || len(v) > 4 {
		return false
	}
	switch v {
	case "NA", "nan", "NaN", "NULL", "null", "None":
		return true
	}
	return false
}

// parseTagLine splits "AU  - value" into tag and value. It accepts one or
// two spaces before the hyphen, no space or one space after it (more are
// part of the value only when the value is not empty), a no-break space
// after the hyphen, and the four-letter PMID tag.
func parseTagLine(s string) (tag, value string, ok bool) {
	if len(s) < 4 {
		if len(s) >= 2 && isTagStart(s[0]) && isTagChar(s[1]) && bib.TrimSpace(s[2:]) == "" && s[:2] == "ER" {
			return "ER", "", true
		}
		return "", "", false
	}
	if !isTagStart(s[0]) || !isTagChar(s[1]) {
		return "", "", false
	}
	i := 2
	if s[2] != ' ' {
		if strings.HasPrefix(s, "PMID") && len(s) >= 6 {
			i = 4
		} else {
			return "", "", false
		}
	}
	j := i
	for j < len(s) && j-i < 2 && s[j] == ' ' {
		j++
	}
	if j == i || j >= len(s) || s[j] != '-' {
		return "", "", false
	}
	rest := s[j+1:]
	switch {
	case rest == "":
	case rest[0] == ' ' || rest[0] == '\t':
		rest = rest[1:]
	case strings.HasPrefix(rest, "\u00a0"):
		rest = rest[2:]
	case rest[0] == ',':
		rest = strings.TrimLeft(rest[1:], " ")
	default:
		// "AU  -Byng": accept only for two-space tags, where it is unambiguous
		if j-i != 2 {
			return "", "", false
		}
	}
	return s[:i], strings.TrimRight(rest, " \t"), true
}

func isTagStart(c byte) bool { return c >= 'A' && c <= 'Z' }
func isTagChar(c byte) bool  { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') }

// knownTags are the tags a flattened line is split at: the RIS
// specification's tags and the common vendor ones.
var knownTags = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields(`TY ER A1 A2 A3 A4 AB AD AN AU AV BT C1 C2 C3 C4 C5 C6 C7 C8 CA CN CP CT CY
		DA DB DI DO DP ED EP ET ID IS J1 J2 JA JF JO KW L1 L2 L3 L4 LA LB LK M1 M2 M3 N1 N2 NV OP PB PP PY RI RN RP
		SE SN SP ST T1 T2 T3 TA TI TT U1 U2 U3 U4 U5 UR VL VO Y1 Y2`) {
		m[t] = true
	}
	return m
}()

// flatMarkers are the tags that, found often enough in one line that begins
// with TY, show the line to be a flattened record.
var flatMarkers = map[string]bool{"AU": true, "A1": true, "TI": true, "T1": true, "T2": true, "PY": true, "Y1": true,
	"JO": true, "JF": true, "VL": true, "IS": true, "SP": true, "EP": true, "DO": true, "AB": true, "KW": true, "ER": true, "SN": true, "AD": true}

// unflatten splits a line holding a whole record ("TY - JOUR AU - R. Byng
// ... ER -") into one line per tag, or returns nil when the line is not
// such a record.
func unflatten(s string) []string {
	if len(s) < 40 {
		return nil
	}
	if tag, _, ok := parseTagLine(s); ok && tag != "TY" {
		return nil // an ordinary tag line
	}
	t := strings.TrimLeft(s, " \t\ufeff")
	ty := -1
	if _, _, ok := parseTagLine(t); ok && strings.HasPrefix(t, "TY") {
		ty = len(s) - len(t)
	} else if k := strings.Index(s, " TY - "); k >= 0 {
		ty = k + 1
	} else if k := strings.Index(s, " TY  - "); k >= 0 {
		ty = k + 1
	}
	if ty < 0 {
		return nil
	}
	marks := findMarkers(s, ty)
	n := 0
	for _, m := range marks {
		if flatMarkers[s[m.tag:m.tag+2]] {
			n++
		}
	}
	if n < 3 {
		return nil
	}
	var out []string
	if pre := bib.TrimSpace(s[:ty]); pre != "" {
		out = append(out, pre) // text before the record: reported as junk
	}
	for i, m := range marks {
		end := len(s)
		if i+1 < len(marks) {
			end = marks[i+1].tag
		}
		v := bib.TrimSpace(s[m.value:max(end, m.value)])
		tag := s[m.tag : m.tag+2]
		out = append(out, tag+"  - "+v)
	}
	return out
}

type marker struct{ tag, value int }

// findMarkers finds every "XX - " or "XX  - " in s from position from on,
// where XX is a known tag preceded by white space (or at from).
func findMarkers(s string, from int) []marker {
	var out []marker
	for i := from; i+4 <= len(s); i++ {
		if i != from && s[i-1] != ' ' && s[i-1] != '\t' {
			continue
		}
		if !isTagStart(s[i]) || !isTagChar(s[i+1]) || s[i+2] != ' ' {
			continue
		}
		j := i + 3
		if s[j] == ' ' {
			j++
		}
		if j >= len(s) || s[j] != '-' {
			continue
		}
		if j+1 < len(s) && s[j+1] != ' ' {
			continue
		}
		if !knownTags[s[i:i+2]] {
			continue
		}
		v := j + 1
		if v < len(s) {
			v++
		}
		out = append(out, marker{tag: i, value: v})
		i = j
	}
	return out
}
