// Package ovid reads the text exports of the Ovid platform: Ovid MEDLINE,
// Embase, APA PsycInfo, Journals@Ovid, CAB Abstracts, BIOSIS, Zoological
// Record, the EBM Reviews and the other databases Ovid hosts, saved or
// e-mailed from Ovid in its own format rather than as RIS.
//
// # What the reader accepts
//
// Each record begins with its number in angle brackets on a line of its
// own ("<1. >", "<3001. >", "<7>"), and Ovid writes its fields in one of two
// layouts, chosen by the user when exporting:
//
//	<1. >                                 <1>
//	VN  - Ovid Technologies               Unique Identifier
//	DB  - Embase                            37078520
//	AU  - Behan L.                        Authors
//	TI  - Quality of life in ...            Behan L. Rubbo B.
//	SO  - BMC Proceedings. 12 ...         Title
//	AB  - Background: As in most            Quality of life in ...
//	      rare diseases, ...
//
// Short tags: a tag of two to four capitals or digits, one or more spaces,
// a dash ("VN  - ", also "VN - " and, indented by a space, " VN  - "); a
// line that is no tag line continues the field before it, after blank
// lines too (Ovid writes the addresses of PsycInfo's authors in
// paragraphs). Long labels: a label alone on a line ("Authors", "MeSH
// Subject Headings") and its value on the indented lines below it, one
// line per heading, address or paragraph. Either way a field may repeat,
// and every value is kept.
//
// The text before the first record, where Ovid writes the search history
// when asked ("Database: Ovid MEDLINE(R) ALL <1946 to ...>", "Search
// Strategy:", numbered search lines), is skipped and counted in Warnings.
// A file without record numbers is read too: in the short layout, a "VN"
// line (Ovid's name, the first field of every record) begins the next
// record, as does, after a blank line, a field the record already has and
// a reference has once (its title, source, unique identifier).
//
// Lines may end in CRLF, LF or a bare CR, and the text may begin with a
// byte-order mark. Each record gets Format "ovid", its Position, the Line
// of its first line, and Raw (its lines as they stood in the file); Map
// turns its fields into a record.
package ovid

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/textio"
)

// Field is one field of a record: its short tag ("AU"), or for a long
// label the tag Ovid gives that field ("Authors" → "AU"; a label Ovid's
// short layout has no tag for is kept as written), and its value, the
// lines of a value joined with "\n".
type Field struct {
	Tag   string
	Label string // the label as written, in the long layout
	Value string
	Line  int

	plain bool // Value is bib.IsPlain, as the Reader found: clean already
}

// Reader reads Ovid records from a text stream.
type Reader struct {
	lr       *textio.LineReader
	position int // records returned so far, bad ones included

	junk      int // lines outside records
	junkLine  int
	empty     int // record numbers with no field after them
	emptyLine int

	// firstLabel is the label, in lower case, of the first field of the
	// first record of a file in the long layout without record numbers:
	// it begins every record there.
	firstLabel string

	raw     []byte  // the record's lines, joined by "\n"
	fields  []Field // its fields
	spans   []span  // the lines of their values, in raw
	buf     strings.Builder
	scratch scratch // Map's
}

// span is one line of a field's value: raw[from:to]. A line after blank
// lines begins a paragraph.
type span struct {
	field, from, to int
	paragraph       bool
}

// NewReader returns a Reader reading Ovid text (UTF-8) from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{lr: textio.NewLineReader(r)}
}

// Warnings returns what the reader noticed about the file as a whole. It is
// complete once Read has returned io.EOF.
func (r *Reader) Warnings() []bib.Warning {
	var w []bib.Warning
	if r.junk > 0 {
		w = append(w, bib.Warning{Line: r.junkLine, Msg: fmt.Sprintf("%d line(s) of text outside records ignored (a search history?), the first at line %d", r.junk, r.junkLine)})
	}
	if r.empty > 0 {
		w = append(w, bib.Warning{Line: r.emptyLine, Msg: fmt.Sprintf("%d record number(s) with no fields after them skipped, the first at line %d", r.empty, r.emptyLine)})
	}
	return w
}

// Read returns the next record. A record that cannot be used is returned
// as a *bib.ParseError naming its line; the next call goes on with the
// record after it. At the end of the input Read returns io.EOF.
func (r *Reader) Read() (*bib.Record, error) {
	fields, start, raw, err := r.ReadFields()
	if err != nil {
		return nil, err
	}
	r.position++
	if err := checkFields(fields, r.position); err != nil {
		return nil, err
	}
	rec := r.scratch.mapFields(fields)
	rec.Format = "ovid"
	rec.Position = r.position
	rec.Line = start
	rec.Raw = raw
	rec.WarningsAt(start)
	if rec.Title == "" {
		rec.Warn(start, "record has no title")
	}
	return rec, nil
}

// checkFields refuses a record that holds binary data. It notes which
// values are plain text (see bib.IsPlain), which have no control
// characters and which Map need not clean.
func checkFields(fields []Field, position int) error {
	for i := range fields {
		f := &fields[i]
		if f.plain = bib.IsPlain(f.Value); f.plain || !bib.HasControl(f.Value) {
			continue
		}
		c := byte(0)
		for i := 0; i < len(f.Value) && c == 0; i++ {
			if f.Value[i] < 0x20 && f.Value[i] != '\n' && f.Value[i] != '\t' && f.Value[i] != '\r' {
				c = f.Value[i]
			}
		}
		return bib.Errorf(f.Line, "Ovid record %d: control character 0x%02x in %s (binary data?)", position, c, f.name())
	}
	return nil
}

// name is how a message names the field.
func (f Field) name() string {
	if f.Label != "" {
		return fmt.Sprintf("%q", f.Label)
	}
	return f.Tag
}

// layout is how a record writes its fields.
type layout int

const (
	undecided layout = iota
	shortTags
	longLabels
)

// ReadFields returns the fields of the next record, the line it starts on
// and its raw text. The slice is valid until the next call. At the end of
// the input it returns io.EOF.
func (r *Reader) ReadFields() (fields []Field, start int, raw string, err error) {
	r.raw = r.raw[:0]
	r.fields = r.fields[:0]
	r.spans = r.spans[:0]
	var (
		numbered bool // the record began with its number
		lay      layout
		blanks   int // blank lines since the last line of text
		rawEnd   int // length of raw up to its last line of text
	)
	for {
		line, n, err := r.lr.Next()
		if err == io.EOF {
			if len(r.fields) > 0 {
				return r.finish(start, rawEnd)
			}
			if numbered {
				r.countEmpty(start)
			}
			return nil, 0, "", io.EOF
		}
		if err != nil {
			return nil, 0, "", err
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\u00ef\u00bb\u00bf")) // a byte-order mark read as Latin-1
		}
		if isBlank(line) {
			blanks++
			continue
		}
		if isMarker(line) {
			if len(r.fields) > 0 {
				r.lr.Unread(line, n)
				return r.finish(start, rawEnd)
			}
			if numbered {
				r.countEmpty(start) // a number with nothing after it
			}
			r.raw, r.spans = r.raw[:0], r.spans[:0]
			numbered, lay, blanks, start = true, undecided, 0, n
			r.raw = append(r.raw, line...)
			rawEnd = len(r.raw)
			continue
		}
		tag, at, isTag := parseTag(line)
		if lay == undecided && (numbered || isTag) {
			lay = longLabels
			if isTag {
				lay = shortTags
			}
		}
		if !numbered && !isTag && !indented(line) {
			// the long layout without record numbers: a known label with
			// its value indented below begins it, and the first record's
			// first label, or one a record has once and has already,
			// begins the next record
			label := string(bytes.TrimSpace(line))
			switch {
			case lay == undecided && IsLabel(label) && r.valueFollows(&line):
				lay = longLabels
				if r.firstLabel == "" {
					r.firstLabel = strings.ToLower(label)
				}
			case lay == longLabels && len(r.fields) > 0 && (strings.EqualFold(label, r.firstLabel) || r.hasOnce(labelTag(label))):
				r.lr.Unread(line, n)
				return r.finish(start, rawEnd)
			}
		}
		if lay == shortTags && isTag && len(r.fields) > 0 && !numbered && r.startsRecord(tag, blanks) {
			r.lr.Unread(line, n)
			return r.finish(start, rawEnd)
		}
		mark := len(r.raw)
		if mark > 0 {
			for r.raw = append(r.raw, '\n'); blanks > 0; blanks-- {
				r.raw = append(r.raw, '\n')
			}
		}
		from := len(r.raw)
		r.raw = append(r.raw, line...)
		switch {
		case lay == shortTags && isTag:
			if len(r.fields) == 0 && !numbered {
				start = n
			}
			r.addField(tag, "", n)
			r.addSpan(from+at, false)
			r.splitGlued(n)
		case lay == longLabels && !indented(line):
			if len(r.fields) == 0 && !numbered {
				start = n
			}
			r.addField(labelTag(string(bytes.TrimSpace(line))), string(bytes.TrimSpace(line)), n)
		case len(r.fields) > 0:
			// a value line, or a continuation line, after blank lines
			// too: then it begins a paragraph
			r.addSpan(from, from > mark+1)
			if lay == shortTags {
				r.splitGlued(n)
			}
		default:
			// text outside records, or a long label's record with
			// nothing read yet but its value lines
			r.raw = r.raw[:mark]
			if r.junk == 0 {
				r.junkLine = n
			}
			r.junk++
			blanks = 0
			continue
		}
		blanks = 0
		rawEnd = len(r.raw)
	}
}

// addField adds a field read at line, its value to come. The array of
// fields is kept from record to record, and its members are set one by
// one: a whole Field written over the last record's would be copied with
// the garbage collector's bulk write barrier while it marks.
func (r *Reader) addField(tag, label string, line int) {
	if len(r.fields) < cap(r.fields) {
		r.fields = r.fields[:len(r.fields)+1]
	} else {
		r.fields = append(r.fields, Field{})
	}
	f := &r.fields[len(r.fields)-1]
	f.Tag, f.Label, f.Value, f.Line, f.plain = tag, label, "", line, false
}

// addSpan adds the rest of raw from from, trimmed, to the last field's
// value.
func (r *Reader) addSpan(from int, paragraph bool) {
	to := len(r.raw)
	for from < to && (r.raw[from] == ' ' || r.raw[from] == '\t') {
		from++
	}
	for to > from && (r.raw[to-1] == ' ' || r.raw[to-1] == '\t') {
		to--
	}
	r.spans = append(r.spans, span{field: len(r.fields) - 1, from: from, to: to, paragraph: paragraph})
}

// splitGlued splits the last span where a tag is glued to the sentence
// before it, as APA PsycInfo writes the date of a dissertation at the end
// of its title ("... rhythmic movements.DP  - 2023"): the tag, one Ovid
// knows, right after a full stop, question or exclamation mark, and "  - "
// right after the tag begin a field of their own.
func (r *Reader) splitGlued(line int) {
	for {
		sp := &r.spans[len(r.spans)-1]
		v := r.raw[sp.from:sp.to]
		at, end := -1, -1 // the glued tag
		for i := 0; at < 0; {
			d := bytes.IndexByte(v[i:], '-')
			if d < 0 {
				return
			}
			d += i
			i = d + 1
			if d < 3 || d+1 >= len(v) || v[d+1] != ' ' || v[d-1] != ' ' || v[d-2] != ' ' {
				continue
			}
			j := d - 2 // "  - " begins here
			k := j
			for k > 0 && j-k < 4 && (v[k-1] >= 'A' && v[k-1] <= 'Z' || v[k-1] >= '0' && v[k-1] <= '9') {
				k--
			}
			if _, known := knownTags[string(v[k:j])]; known && k > 0 && endsSentence(v[k-1]) && v[k] >= 'A' && v[k] <= 'Z' {
				at, end = k, j
			}
		}
		tag := knownTags[string(v[at:end])]
		valueFrom := sp.from + end + 3
		sp.to = sp.from + at
		r.addField(tag, "", line)
		r.addSpan(valueFrom, false)
	}
}

// valueFollows reports whether the line after *line is indented, as a
// long label's value is. *line is copied first: the reader's buffer may
// not keep it once the next line is read.
func (r *Reader) valueFollows(line *[]byte) bool {
	*line = append([]byte(nil), *line...)
	next, _, err := r.lr.Peek()
	return err == nil && indented(next) && !isBlank(next)
}

func endsSentence(c byte) bool { return c == '.' || c == '?' || c == '!' }

// startsRecord reports whether a tag line begins the next record in a
// file without record numbers: a "VN" line, or after a blank line a tag
// the record has and a reference has once.
func (r *Reader) startsRecord(tag string, blanks int) bool {
	if tag == "VN" {
		return true
	}
	return blanks > 0 && r.hasOnce(tag)
}

// hasOnce reports whether tag is one a record has once, and the record
// read has it.
func (r *Reader) hasOnce(tag string) bool {
	if !once(tag) {
		return false
	}
	for _, f := range r.fields {
		if f.Tag == tag {
			return true
		}
	}
	return false
}

// once reports whether a record has the tag's field only once.
func once(tag string) bool {
	switch tag {
	case "TI", "SO", "UI", "AN", "DB", "YR":
		return true
	}
	return false
}

func (r *Reader) countEmpty(line int) {
	if r.empty == 0 {
		r.emptyLine = line
	}
	r.empty++
}

// finish ends the record read: the values of its fields are spans of its
// raw text, or, of several lines, those lines joined by "\n".
func (r *Reader) finish(start, rawEnd int) ([]Field, int, string, error) {
	raw := string(r.raw[:rawEnd])
	for i := 0; i < len(r.spans); {
		sp := r.spans[i]
		j := i + 1
		for j < len(r.spans) && r.spans[j].field == sp.field {
			j++
		}
		f := &r.fields[sp.field]
		if j == i+1 {
			f.Value = raw[sp.from:sp.to]
		} else {
			r.buf.Reset()
			for k, x := range r.spans[i:j] {
				if k > 0 {
					r.buf.WriteByte('\n')
					if x.paragraph {
						r.buf.WriteByte('\n')
					}
				}
				r.buf.WriteString(raw[x.from:x.to])
			}
			f.Value = bib.TrimSpace(r.buf.String())
		}
		i = j
	}
	return r.fields, start, raw, nil
}

// isMarker reports whether a line is a record number: "<1. >", "<3001. >",
// "<1>", "<12.>", with spaces around it.
func isMarker(b []byte) bool {
	if len(b) > 0 && b[0] != '<' && b[0] < utf8.RuneSelf && !asciiSpace(b[0]) {
		return false // a tag line or text, told without trimming it
	}
	b = bytes.TrimSpace(b)
	if len(b) < 3 || b[0] != '<' || b[len(b)-1] != '>' {
		return false
	}
	b = b[1 : len(b)-1]
	i := 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	if i == 0 {
		return false
	}
	rest := bytes.TrimSpace(b[i:])
	return len(rest) == 0 || len(rest) == 1 && rest[0] == '.'
}

// parseTag reads a short tag line "AU  - value": it returns the tag and
// where the value starts. The tag is two to four capitals or digits,
// beginning with a capital, indented by at most three spaces, followed by
// one to three spaces and a dash, then a space or the end of the line.
func parseTag(b []byte) (tag string, value int, ok bool) {
	// Nearly every tag line is "AU  - value": two capitals of a tag Ovid
	// uses, two spaces, a dash, a space.
	if len(b) > 5 && b[2] == ' ' && b[3] == ' ' && b[4] == '-' && (b[5] == ' ' || b[5] == '\t') && isCapital(b[0]) && isCapital(b[1]) {
		if t := twoLetterTags[int(b[0]-'A')*26+int(b[1]-'A')]; t != "" {
			return t, 5, true
		}
	}
	return parseAnyTag(b)
}

// parseAnyTag is parseTag, for a line in any of the layouts of a tag line.
func parseAnyTag(b []byte) (tag string, value int, ok bool) {
	i := 0
	for i < len(b) && i < 4 && b[i] == ' ' {
		i++
	}
	if i > 3 || i >= len(b) || b[i] < 'A' || b[i] > 'Z' {
		return "", 0, false
	}
	j := i + 1
	for j < len(b) && j-i < 5 && (b[j] >= 'A' && b[j] <= 'Z' || b[j] >= '0' && b[j] <= '9') {
		j++
	}
	if n := j - i; n < 2 || n > 4 {
		return "", 0, false
	}
	k := j
	for k < len(b) && b[k] == ' ' {
		k++
	}
	if k == j || k-j > 3 || k >= len(b) || b[k] != '-' {
		return "", 0, false
	}
	if k+1 < len(b) && b[k+1] != ' ' && b[k+1] != '\t' {
		return "", 0, false
	}
	if j-i == 2 && b[i+1] >= 'A' {
		if t := twoLetterTags[int(b[i]-'A')*26+int(b[i+1]-'A')]; t != "" {
			return t, k + 1, true // no string made for the common tags
		}
	} else if t, ok := knownTags[string(b[i:j])]; ok {
		return t, k + 1, true
	}
	return string(b[i:j]), k + 1, true
}

func isCapital(c byte) bool { return c >= 'A' && c <= 'Z' }

// twoLetterTags holds the tags of knownTags of two capitals, and those of
// commonTags, indexed by their letters.
var twoLetterTags = func() (t [26 * 26]string) {
	for tag := range knownTags {
		if isTwoCapitals(tag) {
			t[int(tag[0]-'A')*26+int(tag[1]-'A')] = tag
		}
	}
	for _, tag := range commonTags {
		t[int(tag[0]-'A')*26+int(tag[1]-'A')] = tag
	}
	return t
}()

// commonTags are tags of two capitals that Ovid writes often and Map gives
// no meaning ("VN", the first of every record): parseTag returns them
// without making a string. They are no knownTags, which a tag glued to a
// sentence must be.
var commonTags = [...]string{"VN", "CC", "EP", "DC", "RD", "JC", "SB", "RN", "CP", "NS"}

// knownTags holds the tags of tagMeanings, each as itself.
var knownTags = func() map[string]string {
	m := map[string]string{}
	for t := range tagMeanings {
		m[t] = t
	}
	return m
}()

// asciiSpace reports whether c is an ASCII byte bytes.TrimSpace trims.
func asciiSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// indented reports whether a line begins with white space.
func indented(b []byte) bool { return len(b) > 0 && (b[0] == ' ' || b[0] == '\t') }

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}
