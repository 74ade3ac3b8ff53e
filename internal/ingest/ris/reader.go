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
// file ends the record); a record with no "TY" (started by its first tag);
// and a whole record flattened onto one line, as copying RIS out of a web
// page or PDF leaves it ("TY - JOUR AU - R. Byng ... ER -"), which is split
// back into its tags at every known RIS tag.
//
// Every occurrence of every tag is kept in order and mapped onto a
// bib.Record as the package documentation of Map describes.
package ris

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/textio"
)

// Field is one tag occurrence in a record.
type Field struct {
	Tag   string
	Value string // continuation lines joined with "\n"
	Line  int
}

// Reader reads RIS records from a text stream.
type Reader struct {
	lr       *textio.LineReader
	position int // records started so far
	junk     int // untagged lines outside records
	junkLine int // first of them
	pending  []pendingLine
	warnings []bib.Warning
	first    bool
	raw      []byte // the raw text of the record being read, reused
	sawTY    bool   // a TY line has been read
}

type pendingLine struct {
	text string
	line int
}

// NewReader returns a Reader reading RIS text (UTF-8) from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{lr: textio.NewLineReader(r), first: true}
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

// nextLine returns the next line, taking split flattened lines first.
func (r *Reader) nextLine() (string, int, error) {
	if len(r.pending) > 0 {
		p := r.pending[0]
		r.pending = r.pending[1:]
		return p.text, p.line, nil
	}
	b, n, err := r.lr.Next()
	if err != nil {
		return "", n, err
	}
	if r.first {
		r.first = false
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	}
	s := string(b)
	if parts := unflatten(s); parts != nil {
		for _, p := range parts[1:] {
			r.pending = append(r.pending, pendingLine{p, n})
		}
		return parts[0], n, nil
	}
	return s, n, nil
}

// rawBuffer collects a record's raw text in a buffer reused from record
// to record.
type rawBuffer struct{ b []byte }

func (r *rawBuffer) Len() int               { return len(r.b) }
func (r *rawBuffer) WriteByte(c byte) error { r.b = append(r.b, c); return nil }
func (r *rawBuffer) WriteString(s string)   { r.b = append(r.b, s...) }
func (r *rawBuffer) String() string         { return string(r.b) }
func (r *rawBuffer) Reset()                 { r.b = r.b[:0] }

func (r *Reader) unread(s string, n int) {
	r.pending = append([]pendingLine{{s, n}}, r.pending...)
}

// ReadFields returns the tag occurrences of the next record, the line it
// starts on and its raw text. At the end of the input it returns io.EOF.
//
// Tag lines outside a record start one only when they end in an ER (a
// record that lost its TY) or when the file has had no TY at all; tags
// between an ER and the next TY (Ovid writes some there) are skipped as
// text outside records.
func (r *Reader) ReadFields() (fields []Field, start int, raw string, err error) {
	rawb := rawBuffer{b: r.raw[:0]}
	defer func() { r.raw = rawb.b }()
	inRecord := false
	orphan := false // collecting tags after an ER, before any TY
	orphanLines := 0
	lastRawLine := -1
	dropOrphan := func() {
		if orphanLines > 0 {
			if r.junk == 0 {
				r.junkLine = start
			}
			r.junk += orphanLines
		}
		fields, orphan, orphanLines, inRecord, lastRawLine = nil, false, 0, false, -1
		rawb.Reset()
	}
	for {
		s, n, err := r.nextLine()
		if err == io.EOF {
			if orphan {
				dropOrphan()
			}
			if inRecord {
				return fields, start, rawb.String(), nil
			}
			return nil, 0, "", io.EOF
		}
		if err != nil {
			return fields, start, rawb.String(), err
		}
		tag, value, ok := parseTagLine(s)
		if ok && tag == "TY" && orphan {
			dropOrphan()
		}
		if !inRecord {
			if !ok {
				if strings.TrimSpace(s) != "" {
					if r.junk == 0 {
						r.junkLine = n
					}
					r.junk++
				}
				continue
			}
			if tag == "ER" {
				continue // a stray end tag
			}
			inRecord = true
			orphan = tag != "TY" && r.sawTY
			start = n
			if !orphan {
				r.position++
			}
		} else if ok && tag == "TY" {
			// A new record begins before this one ended.
			r.unread(s, n)
			return fields, start, rawb.String(), errMissingER
		}
		if tag == "TY" && ok {
			r.sawTY = true
		}
		if n != lastRawLine {
			if rawb.Len() > 0 {
				rawb.WriteByte('\n')
			}
			lastRawLine = n
			rawb.WriteString(s)
			if orphan {
				orphanLines++
			}
		}
		if !ok {
			if len(fields) > 0 {
				f := &fields[len(fields)-1]
				f.Value += "\n" + strings.TrimRight(s, " \t")
			}
			continue
		}
		if tag == "ER" {
			if orphan {
				r.position++ // a record that lost its TY line
			}
			return fields, start, rawb.String(), nil
		}
		fields = append(fields, Field{Tag: tag, Value: value, Line: n})
	}
}

var errMissingER = errors.New("record has no ER line")

// Read returns the next record. A record that cannot be used is returned
// as a *bib.ParseError naming its line; the next call goes on with the
// record after it. At the end of the input Read returns io.EOF.
func (r *Reader) Read() (*bib.Record, error) {
	fields, start, raw, err := r.ReadFields()
	var warn []bib.Warning
	switch {
	case err == errMissingER:
		warn = append(warn, bib.Warning{Line: start, Msg: "record has no ER line; it ends where the next TY begins"})
	case err != nil:
		return nil, err
	}
	rec := Map(fields)
	rec.Format = "ris"
	rec.Position = r.position
	rec.Line = start
	rec.Raw = raw
	rec.Warnings = append(warn, rec.Warnings...)
	if len(fields) > 0 && fields[0].Tag != "TY" {
		rec.Warn(start, "record does not begin with TY")
	}
	if err := checkFields(fields, start, r.position); err != nil {
		return nil, err
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
		if f.Tag != "TY" && strings.TrimSpace(f.Value) != "" {
			return false
		}
	}
	return true
}

// checkFields refuses a record that holds binary data.
func checkFields(fields []Field, start, position int) error {
	for _, f := range fields {
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

// parseTagLine splits "AU  - value" into tag and value. It accepts one or
// two spaces before the hyphen, no space or one space after it (more are
// part of the value only when the value is not empty), a no-break space
// after the hyphen, and the four-letter PMID tag.
func parseTagLine(s string) (tag, value string, ok bool) {
	if len(s) < 4 {
		if len(s) >= 2 && isTagStart(s[0]) && isTagChar(s[1]) && strings.TrimSpace(s[2:]) == "" && s[:2] == "ER" {
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
	if pre := strings.TrimSpace(s[:ty]); pre != "" {
		out = append(out, pre) // text before the record: reported as junk
	}
	for i, m := range marks {
		end := len(s)
		if i+1 < len(marks) {
			end = marks[i+1].tag
		}
		v := strings.TrimSpace(s[m.value:max(end, m.value)])
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
