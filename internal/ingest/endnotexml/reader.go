// Package endnotexml reads EndNote XML, the XML export of EndNote that
// Zotero, Mendeley, Bookends and other reference managers write too.
//
// # What the reader accepts
//
// A file is <xml><records><record>...</record>...</records></xml>. Each
// <record> element is one reference; the reader finds them one at a time
// and holds only the record it is reading, so a library of any size is read
// in little memory. Around the records it skips the XML declaration,
// comments, a document type declaration and the <xml> and <records>
// wrappers; anything else outside a record (text, other elements) is
// skipped and counted in Warnings, and a file with no <record> at all says
// so there.
//
// The upper-case XML that EndNote 7 and earlier wrote, and some tools
// still write (<XML><RECORDS><RECORD><REFERENCE_TYPE>0</REFERENCE_TYPE>
// <REFNUM>1</REFNUM><AUTHORS><AUTHOR>...), is read too: its <RECORD>
// holds the same fields under other names, and its reference types are
// numbered otherwise (see classifyLegacy and legacyRefTypes).
//
// The XML declaration may name an encoding ("windows-1252", "UTF-16"): it
// is ignored, because the reader is given text that was already decoded to
// UTF-8 (a leading byte-order mark is dropped). Attribute values may hold
// line breaks (EndNote writes the library's path in <database path="...">
// with one). The five XML entities and character references are decoded,
// and so are HTML entities (&eacute;, &nbsp;) that some exports write; an
// "&" or a "<" that starts no entity or markup ("p < 0.05" left unescaped)
// is taken as written, with a warning on the record.
//
// A value is the text of its element with all markup removed: EndNote
// wraps every value in <style face=... font=... size=...> runs, several
// when part of a title is bold or italic, and their texts are joined;
// Zotero and Mendeley write bare values, all on one line. A line break
// written as a character reference (&#xD; or &#10;, which EndNote puts
// between the several addresses or ISSNs of one field) separates the parts
// of a value; a line break written as such (a file wrapped or
// pretty-printed by some tool) is a space, and white space with a line
// break that only separates the styled runs is dropped. Text escaped in
// the XML is text: EndNote's title "&lt;Creep of welded joints.pdf&gt;"
// for a reference made from a PDF is "<Creep of welded joints.pdf>". Only
// the tags of rich text ("&lt;i&gt;", "&lt;sup&gt;"), which Zotero and
// Mendeley write escaped in titles, are dropped from them (see Map).
//
// The fields of a record (see FieldName) are turned into a bib.Record by
// Map, which the tagged format's reader shares. The record gets Format
// "endnotexml", its Position (counting bad records), the Line of its
// <record> tag, Raw (the record element as it stood in the file), SourceID
// (the <rec-number>) and Database (the <remote-database-name>).
//
// A record whose XML is broken (an end tag that does not match, a tag or
// comment not closed, a record not closed before the next <record> or the
// end of the file, a NUL byte) is returned as a *bib.ParseError with the
// line and byte column of the problem, and the next Read goes on with the
// next record.
package endnotexml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// MaxRecordSize is the largest record, in bytes, the reader accepts; a
// larger one is reported as a bad record and skipped.
const MaxRecordSize = 64 << 20

// Reader reads the records of an EndNote XML export.
type Reader struct {
	src  io.Reader
	buf  []byte
	pos  int   // next unread byte of buf
	end  int   // end of the data in buf
	base int64 // offset in the input of buf[0]
	eof  bool  // src is exhausted
	rerr error // read error of src, reported once the data before it is used

	line      int   // line of buf[pos]
	lineStart int64 // offset in the input where that line starts
	sawLF     bool  // an LF has been seen: lines end in LF (or CRLF), not in a bare CR

	position int // records started so far, bad ones included
	parser   parser
	mapper   mapper

	junk     int    // pieces of text and markup outside records
	junkLine int    // line of the first of them
	root     string // name of the first element of the file
	skipping bool   // inside the rest of a record too large to read
	bom      bool   // a leading byte-order mark has been looked for

	recLine     int    // line of the record being read
	startTagLen int    // length of its start tag
	recEnd      string // its end tag: "</record>", or "</RECORD>" in EndNote's legacy XML
}

// NewReader returns a Reader reading EndNote XML (as UTF-8 text) from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{src: r, buf: make([]byte, 64<<10), line: 1}
}

// Warnings returns what the reader noticed about the file as a whole. It is
// complete once Read has returned io.EOF.
func (r *Reader) Warnings() []bib.Warning {
	var w []bib.Warning
	if r.junk > 0 {
		w = append(w, bib.Warning{Line: r.junkLine, Msg: fmt.Sprintf("%d piece(s) of text or markup outside <record> elements ignored, the first at line %d", r.junk, r.junkLine)})
	}
	if r.eof && r.pos >= r.end && r.position == 0 {
		msg := "no <record> elements: the file holds no EndNote XML records"
		if r.root != "" && !isWrapper(r.root) {
			msg += fmt.Sprintf(" (its root element is <%s>)", r.root)
		}
		w = append(w, bib.Warning{Msg: msg})
	}
	return w
}

// Read returns the next record. A record that cannot be used is returned as
// a *bib.ParseError naming its line; the next call goes on with the record
// after it. At the end of the input Read returns io.EOF.
func (r *Reader) Read() (*bib.Record, error) {
	raw, line, col, how, err := r.next()
	if err != nil {
		return nil, err
	}
	switch how {
	case parsed:
		r.advance(len(raw))
	case toFirstEnd:
		if _, err = r.parser.parse(raw, true); r.parser.unusual {
			// The first "</record>" may not be this record's end.
			if raw, err = r.careful(); err != nil {
				return nil, err
			}
			_, err = r.parser.parse(raw, true)
		} else {
			r.advance(len(raw))
		}
	default:
		_, err = r.parser.parse(raw, true)
	}
	text := string(raw)
	if err != nil {
		var se *syntaxError
		if errors.As(err, &se) {
			l, c := r.locate(text, line, col, se.off)
			return nil, &bib.ParseError{Line: l, Column: c, Err: fmt.Errorf("EndNote XML record %d: %s", r.position, se.msg)}
		}
		return nil, bib.Errorf(line, "EndNote XML record %d: %w", r.position, err)
	}
	fields := r.parser.done(text)
	rec := r.mapper.mapAt(fields, r.parser.clean, r.position)
	rec.Format = "endnotexml"
	rec.Position = r.position
	rec.Line = line
	rec.Raw = text
	rec.WarningsAt(line)
	for _, w := range r.parser.warnings {
		rec.Warn(line, w)
	}
	switch {
	case len(fields) == 0:
		rec.Warn(line, "record is empty")
	case rec.Title == "":
		rec.Warn(line, "record has no title")
	}
	return rec, nil
}

// locate turns a byte offset in a record's text into a line and column of
// the file, given where the record starts.
func (r *Reader) locate(text string, line, col, off int) (int, int) {
	if off > len(text) {
		off = len(text)
	}
	seg := text[:off]
	br := byte('\n')
	if !r.sawLF && strings.IndexByte(seg, '\n') < 0 {
		br = '\r'
	}
	n := strings.Count(seg, string(br))
	if n == 0 {
		return line, col + off
	}
	return line + n, off - strings.LastIndexByte(seg, br)
}

// found says how next found a record.
type found uint8

const (
	consumed   found = iota // the record's bytes, consumed
	parsed                  // the record's bytes, parsed and not yet consumed
	toFirstEnd              // the bytes up to the first end tag, not yet consumed
)

// next finds the next record element and returns its bytes (valid until
// the next call), the line and column where it starts, and how it found
// them (see record).
func (r *Reader) next() (raw []byte, line, col int, how found, err error) {
	for {
		if r.pos >= r.end {
			if r.eof {
				if r.rerr != nil {
					err, r.rerr = r.rerr, nil
					return nil, 0, 0, consumed, err
				}
				return nil, 0, 0, consumed, io.EOF
			}
			r.fill(r.pos)
			if !r.bom {
				r.bom = true
				if bytes.HasPrefix(r.buf[r.pos:r.end], []byte("\xef\xbb\xbf")) {
					r.pos += 3
					r.lineStart += 3
				}
			}
			continue
		}
		i := bytes.IndexByte(r.buf[r.pos:r.end], '<')
		if i < 0 {
			r.outside(r.end - r.pos)
			continue
		}
		if i > 0 {
			r.outside(i)
		}
		r.ensure(10)
		rest := r.buf[r.pos:r.end]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			r.skipPast("-->", 4, false)
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			r.skipPast("]]>", 9, true)
		case bytes.HasPrefix(rest, []byte("<?")):
			r.skipPast("?>", 2, false)
		case bytes.HasPrefix(rest, []byte("<!")):
			r.skipDeclaration()
		case isTag(rest, "</record") || isTag(rest, "</RECORD"):
			r.skipping = false
			r.skipPast(">", 2, false)
		case isTag(rest, "<record") || isTag(rest, "<RECORD"):
			r.skipping = false
			if r.root == "" {
				r.root = tagName(rest)
			}
			return r.record()
		case len(rest) < 2 || !(isNameStart(rest[1]) || rest[1] == '/'):
			// A "<" that starts no markup: text.
			if !r.skipping {
				r.noteJunk(0)
			}
			r.advance(1)
		default:
			name := tagName(rest)
			if r.root == "" && rest[1] != '/' {
				r.root = name
			}
			if rest[1] != '/' && !isWrapper(name) && !r.skipping {
				r.noteJunk(0)
			}
			r.skipPast(">", 1, false)
		}
	}
}

// record reads the record element that starts at r.pos. First the parser
// reads it from the buffer, finding its end itself: when it reads the
// record to its end tag r.recEnd with nothing wrong or unusual (see
// parser) the record is returned parsed, not yet consumed. That end tag is
// then the first after the start tag, as the parser takes every "<" before
// it as markup. Otherwise, when the whole record is buffered, record
// returns, without consuming it, the text up to the first "</record>": the
// caller parses it, and either consumes it or, when the parse found markup
// that may make that the wrong end (a comment, another <record>), calls
// careful. Otherwise it scans carefully itself.
func (r *Reader) record() (raw []byte, line, col int, how found, err error) {
	r.position++
	line = r.line
	col = int(r.base+int64(r.pos)-r.lineStart) + 1
	r.recLine = line
	r.recEnd = "</record>"
	if r.buf[r.pos+1] == 'R' {
		r.recEnd = "</RECORD>"
	}
	// The start tag, which may hold quoted attributes.
	off := len("<record")
	var quote byte
	for {
		if r.pos+off >= r.end {
			if !r.more() {
				return nil, 0, 0, consumed, r.unclosed(line, "start tag <record> not closed before the end of the file")
			}
			continue
		}
		c := r.buf[r.pos+off]
		off++
		if quote != 0 {
			if c == quote {
				quote = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			quote = c
		} else if c == '>' {
			break
		}
	}
	r.startTagLen = off
	if r.buf[r.pos+off-2] == '/' { // <record/>
		raw = r.buf[r.pos : r.pos+off]
		r.advance(off)
		return raw, line, col, consumed, nil
	}
	// Most records are read here, with no search for their end; those that
	// are not (cut off at the end of the buffer, or broken, or unusual)
	// are read again below.
	if n, err := r.parser.parse(r.buf[r.pos:r.end], false); err == nil && !r.parser.unusual && bytes.HasSuffix(r.buf[r.pos:r.pos+n], []byte(r.recEnd)) {
		return r.buf[r.pos : r.pos+n], line, col, parsed, nil
	}
	for from := off; ; {
		if e := indexEndTag(r.buf[r.pos+from:r.end], r.recEnd); e >= 0 {
			return r.buf[r.pos : r.pos+from+e+len(r.recEnd)], line, col, toFirstEnd, nil
		}
		from = max(off, r.end-r.pos-len(r.recEnd))
		if !r.more() {
			break
		}
	}
	raw, err = r.careful()
	return raw, line, col, consumed, err
}

// indexEndTag returns the index of the first end tag tag ("</record>") in
// b, or -1. It looks for the tag from its "/", which only end tags have,
// and so stops at fewer places than at every "<".
func indexEndTag(b []byte, tag string) int {
	for i := 0; i < len(b); {
		j := bytes.Index(b[i+1:], []byte(tag[1:]))
		if j < 0 {
			return -1
		}
		if b[i+j] == '<' {
			return i + j
		}
		i += j + 1
	}
	return -1
}

// careful finds the end of the record that starts at r.pos, whose start
// tag is r.startTagLen bytes long, minding comments, CDATA sections and
// records that are not closed, reading more input as needed, and consumes
// it.
func (r *Reader) careful() ([]byte, error) {
	line := r.recLine
	off := r.startTagLen
	for {
		j := bytes.IndexByte(r.buf[r.pos+off:r.end], '<')
		if j < 0 {
			off = r.end - r.pos
			if !r.more() {
				return nil, r.unclosed(line, "record not closed before the end of the file")
			}
			continue
		}
		k := off + j
		for r.end-(r.pos+k) < 10 && r.more() {
		}
		if r.skipping {
			return nil, r.unclosed(line, "")
		}
		rest := r.buf[r.pos+k : r.end]
		switch {
		case bytes.HasPrefix(rest, []byte("<!--")):
			e, ok := r.find(k+4, "-->")
			if !ok {
				return nil, r.unclosed(line, "comment in the record not closed before the end of the file")
			}
			off = e
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			e, ok := r.find(k+9, "]]>")
			if !ok {
				return nil, r.unclosed(line, "CDATA section in the record not closed before the end of the file")
			}
			off = e
		case isTag(rest, r.recEnd[:len(r.recEnd)-1]):
			e, ok := r.find(k+8, ">")
			if !ok {
				return nil, r.unclosed(line, "end tag "+r.recEnd+" not closed before the end of the file")
			}
			raw := r.buf[r.pos : r.pos+e]
			r.advance(e)
			return raw, nil
		case isTag(rest, "<record"), isTag(rest, "</records"), isTag(rest, "</xml"),
			isTag(rest, "<RECORD"), isTag(rest, "</RECORDS"), isTag(rest, "</XML"):
			// The record ends without its end tag; what follows is read
			// on the next call.
			r.advance(k)
			return nil, bib.Errorf(line, "EndNote XML record %d: record not closed: %s begins before %s", r.position, tagText(rest), r.recEnd)
		default:
			off = k + 1
		}
	}
}

// more reads more input while keeping the record that starts at r.pos. It
// reports false at the end of the input, and when the record has grown
// past MaxRecordSize (setting r.skipping).
func (r *Reader) more() bool {
	if r.eof {
		return false
	}
	if r.end-r.pos >= MaxRecordSize {
		r.skipping = true
		return false
	}
	r.fill(r.pos)
	return true
}

// find looks for marker in the record from offset off on, reading more
// input as needed, and returns the offset just after it.
func (r *Reader) find(off int, marker string) (int, bool) {
	for {
		if j := bytes.Index(r.buf[r.pos+off:r.end], []byte(marker)); j >= 0 {
			return off + j + len(marker), true
		}
		off = max(off, r.end-r.pos-len(marker))
		if !r.more() {
			return 0, false
		}
	}
}

// unclosed reports a record cut off by the end of the input (or by a read
// error, which is returned instead) or skipped for its size, and consumes
// what is buffered of it.
func (r *Reader) unclosed(line int, msg string) error {
	r.advance(r.end - r.pos)
	if r.skipping {
		return bib.Errorf(line, "EndNote XML record %d: record larger than %d MB, skipped", r.position, MaxRecordSize>>20)
	}
	if r.rerr != nil {
		err := r.rerr
		r.rerr = nil
		return err
	}
	return bib.Errorf(line, "EndNote XML record %d: %s", r.position, msg)
}

// fill moves the bytes from keep on to the front of the buffer, grows it
// when it is full, and reads more input.
func (r *Reader) fill(keep int) {
	if keep > 0 {
		n := copy(r.buf, r.buf[keep:r.end])
		r.base += int64(keep)
		r.pos -= keep
		r.end = n
	}
	if r.end == len(r.buf) {
		nb := make([]byte, 2*len(r.buf))
		copy(nb, r.buf[:r.end])
		r.buf = nb
	}
	for tries := 0; ; tries++ {
		n, err := r.src.Read(r.buf[r.end:])
		r.end += n
		if err != nil {
			r.eof = true
			if err != io.EOF {
				r.rerr = err
			}
			return
		}
		if n > 0 {
			return
		}
		if tries >= 100 {
			r.eof, r.rerr = true, io.ErrNoProgress
			return
		}
	}
}

// ensure reads until n bytes from r.pos on are buffered, or the input ends.
func (r *Reader) ensure(n int) {
	for r.end-r.pos < n && !r.eof {
		r.fill(r.pos)
	}
}

// advance consumes n bytes, counting the lines they end.
func (r *Reader) advance(n int) {
	seg := r.buf[r.pos : r.pos+n]
	at := r.base + int64(r.pos)
	if k, last := countBreaks(seg, '\n'); k > 0 {
		r.sawLF = true
		r.line += k
		r.lineStart = at + int64(last) + 1
	} else if !r.sawLF {
		if k, last := countBreaks(seg, '\r'); k > 0 {
			r.line += k
			r.lineStart = at + int64(last) + 1
		}
	}
	r.pos += n
}

// countBreaks returns how many times c occurs in b and where it last does.
func countBreaks(b []byte, c byte) (n, last int) {
	last = -1
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], c)
		if j < 0 {
			return n, last
		}
		n++
		last = i + j
		i = last + 1
	}
}

// outside consumes n bytes of text outside records, counting them when
// they are more than white space.
func (r *Reader) outside(n int) {
	seg := r.buf[r.pos : r.pos+n]
	if k := bytes.IndexFunc(seg, func(c rune) bool { return !isSpace(byte(c)) || c >= 0x80 }); k >= 0 && !r.skipping {
		r.noteJunk(k)
	}
	r.advance(n)
}

// noteJunk counts a piece of text or markup outside records, starting k
// bytes after r.pos.
func (r *Reader) noteJunk(k int) {
	if r.junk == 0 {
		r.junkLine = r.line + bytes.Count(r.buf[r.pos:r.pos+k], []byte{'\n'})
	}
	r.junk++
}

// skipPast consumes everything up to and including marker, searching from
// from bytes after r.pos. text is set for a CDATA section, whose content
// outside a record is counted as junk.
func (r *Reader) skipPast(marker string, from int, text bool) {
	if text && !r.skipping {
		r.noteJunk(0)
	}
	for {
		if j := bytes.Index(r.buf[r.pos+from:r.end], []byte(marker)); j >= 0 {
			r.advance(from + j + len(marker))
			return
		}
		if r.eof {
			r.advance(r.end - r.pos)
			return
		}
		from = max(from, r.end-r.pos-len(marker))
		r.fill(r.pos)
	}
}

// skipDeclaration consumes a <!DOCTYPE ...> declaration, with its internal
// subset in brackets if it has one.
func (r *Reader) skipDeclaration() {
	for {
		seg := r.buf[r.pos:r.end]
		gt := bytes.IndexByte(seg, '>')
		br := bytes.IndexByte(seg, '[')
		if br >= 0 && (gt < 0 || br < gt) {
			r.skipPast("]", br+1, false)
			r.skipPast(">", 0, false)
			return
		}
		if gt >= 0 {
			r.advance(gt + 1)
			return
		}
		if r.eof {
			r.advance(len(seg))
			return
		}
		r.fill(r.pos)
	}
}

// isWrapper reports whether an element is one of those around the records:
// <xml> and <records>, or <XML> and <RECORDS> in EndNote's legacy XML.
func isWrapper(name string) bool {
	switch name {
	case "xml", "records", "XML", "RECORDS":
		return true
	}
	return false
}

// isTag reports whether b starts with the tag opening prefix ("<record",
// "</record") followed by the end of the name.
func isTag(b []byte, prefix string) bool {
	if !bytes.HasPrefix(b, []byte(prefix)) {
		return false
	}
	if len(b) == len(prefix) {
		return true
	}
	c := b[len(prefix)]
	return c == '>' || c == '/' || isSpace(c)
}

// tagName returns the element name of the tag at the start of b.
func tagName(b []byte) string {
	i := 1
	if i < len(b) && b[i] == '/' {
		i++
	}
	j := i
	for j < len(b) && isNameChar(b[j]) {
		j++
	}
	return string(b[i:j])
}

// tagText quotes the tag at the start of b for a message.
func tagText(b []byte) string {
	if j := bytes.IndexByte(b, '>'); j >= 0 && j < 40 {
		return string(b[:j+1])
	}
	return "<" + tagName(b) + ">"
}
