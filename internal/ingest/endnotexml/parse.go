package endnotexml

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"math/bits"
	"strconv"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/wordbits"
)

// syntaxError is a problem in the XML of one record, at a byte offset of
// the record's text.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// elemKind says what an element is to the parser.
type elemKind uint8

const (
	kindIgnored   elemKind = iota // an element whose content is not used (database, foreign-keys, ...)
	kindContainer                 // holds elements, not text (titles, contributors, ...)
	kindField                     // a value: its text, styled runs and all, is one Field
	kindInline                    // inside a value (<style>, stray markup): its text belongs to the value
)

type frame struct {
	// The element's name is s[nameFrom:nameTo]: offsets, not a slice,
	// keep pointers out of the stack, which is written at every tag.
	nameFrom, nameTo int
	kind             elemKind
	field            FieldName
	textAt           int // where the value's text starts in the parser's text buffer
}

// parser reads the fields of one <record> element. It keeps its buffers
// between records.
type parser struct {
	s        []byte
	stack    []frame
	text     []byte
	fields   []Field
	warnings []string

	// lastStyle is the last <style ...> start tag read in this record.
	lastStyle []byte

	// legacy is set for a record of the upper-case XML of EndNote 7 and
	// earlier (<RECORD><REFERENCE_TYPE>...), whose elements are named
	// otherwise (see classifyLegacy).
	legacy bool

	// whole is set when s is the record and nothing else (see parse).
	whole bool

	// unusual is set when the record holds markup that may mean the
	// reader split it at the wrong "</record>": a comment, a CDATA section,
	// a declaration, a nested <record>, the end of <records> or <xml>, or
	// text after the record's end.
	unusual bool

	// The text of the value being read while it is one piece of the
	// record that needs no decoding (the usual case) is s[spanFrom:spanTo],
	// used as it is instead of being copied.
	spanFrom, spanTo int
	hasSpan          bool
	spanClean        bool // the span is clean too (see cleanASCII)

	// clean says of each field whether its value is known to be clean
	// (see cleanASCII), as the parser found when it checked the value's
	// text anyway, so that Map need not look at it again.
	clean []bool

	// The parser reads bytes, and the record's text becomes a string
	// only once it is read (see done): until then values says where the
	// value of each field is, in the record or, for those that had to be
	// decoded, in decoded, which is made one string for the record rather
	// than one for each value.
	values  []value
	decoded []byte
}

// value is where the value of a field is: s[from:to], or decoded[from:to].
type value struct {
	from, to int
	decoded  bool
}

// parse reads the record at the start of s, which begins with "<record",
// up to its end tag (or "/>"), and returns the offset after it; done then
// gives the fields. The values are the text of the elements with markup
// removed and entities decoded; a line break written as a character
// reference (&#xD;, &#10;) is kept as "\n", while line breaks and
// indentation written as such (a file wrapped or pretty-printed by a
// tool) count as one space, and white space that only separates elements
// is dropped.
//
// When whole is set, s is the record and nothing else: text after its end
// is an error. Otherwise s may go on after the record's end, which parse
// finds itself.
func (p *parser) parse(s []byte, whole bool) (int, error) {
	p.s, p.whole = s, whole
	p.stack = p.stack[:0]
	p.text = p.text[:0]
	p.fields = p.fields[:0]
	p.clean = p.clean[:0]
	p.values = p.values[:0]
	p.decoded = p.decoded[:0]
	p.warnings = p.warnings[:0]
	p.hasSpan = false
	p.unusual = false
	p.lastStyle = nil
	p.legacy = false
	i := 0
	for i < len(s) {
		if s[i] != '<' {
			j := bytes.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			if err := p.chars(i, s[i:i+j], false); err != nil {
				return 0, err
			}
			i += j
			continue
		}
		var next byte
		if i+1 < len(s) {
			next = s[i+1]
		}
		switch {
		case isNameStart(next):
			n, err := p.startTag(i)
			if err != nil {
				return 0, err
			}
			i = n
			if len(p.stack) == 0 {
				return i, nil // <record/>
			}
		case next == '/':
			n, err := p.endTag(i)
			if err != nil {
				return 0, err
			}
			i = n
			if len(p.stack) == 0 {
				if p.whole && len(bytes.TrimSpace(s[i:])) != 0 {
					p.unusual = true
					return 0, &syntaxError{i, "text after the end of the record"}
				}
				return i, nil
			}
		case next == '!' || next == '?':
			p.unusual = true
			if !p.whole {
				return 0, errNotEnded // read again with its end found carefully
			}
			n, err := p.markup(i)
			if err != nil {
				return 0, err
			}
			i = n
		default:
			// A "<" that starts no markup ("p < 0.05" written unescaped):
			// taken as text.
			p.warn("unescaped \"<\" in the text, taken as written")
			if err := p.chars(i, s[i:i+1], true); err != nil {
				return 0, err
			}
			i++
		}
	}
	if len(p.stack) > 0 {
		if !p.whole {
			return 0, errNotEnded // nearly always a record cut off by the end of the buffer
		}
		return 0, &syntaxError{len(s), fmt.Sprintf("element <%s> not closed", p.name(&p.stack[len(p.stack)-1]))}
	}
	return len(s), nil
}

// errNotEnded is what parse returns, when s may go on after the record
// (whole is not set), for a record it does not read to its end there: one
// cut off by the end of s, or a tag cut off, or one with a comment or
// other markup that may hide its end. The reader reads such a record again
// the careful way, which finds what is wrong with it, if anything.
var errNotEnded = errors.New("record not ended")

// markup reads the comment, CDATA section, processing instruction or
// declaration at i and returns the offset after it.
func (p *parser) markup(i int) (int, error) {
	rest := p.s[i:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		j := bytes.Index(rest[4:], []byte("-->"))
		if j < 0 {
			return 0, &syntaxError{i, "comment not closed"}
		}
		return i + 4 + j + 3, nil
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		j := bytes.Index(rest[9:], []byte("]]>"))
		if j < 0 {
			return 0, &syntaxError{i, "CDATA section not closed"}
		}
		if err := p.chars(i+9, rest[9:9+j], true); err != nil {
			return 0, err
		}
		return i + 9 + j + 3, nil
	case bytes.HasPrefix(rest, []byte("<?")):
		j := bytes.Index(rest[2:], []byte("?>"))
		if j < 0 {
			return 0, &syntaxError{i, "processing instruction not closed"}
		}
		return i + 2 + j + 2, nil
	default: // "<!"
		j := bytes.IndexByte(rest, '>')
		if j < 0 {
			return 0, &syntaxError{i, "declaration not closed"}
		}
		return i + j + 1, nil
	}
}

// done returns the fields of the record parse read, given its text: the
// bytes parse read, up to the offset it returned, as a string. The values
// are parts of it and of one string of the decoded ones.
func (p *parser) done(text string) []Field {
	var d string
	if len(p.decoded) > 0 {
		d = string(p.decoded)
	}
	for k, v := range p.values {
		if v.decoded {
			p.fields[k].Value = d[v.from:v.to]
		} else {
			p.fields[k].Value = text[v.from:v.to]
		}
	}
	return p.fields
}

func (p *parser) warn(msg string) {
	for _, w := range p.warnings {
		if w == msg {
			return
		}
	}
	p.warnings = append(p.warnings, msg)
}

func isNameStart(c byte) bool { return nameBytes[c]&nameStart != 0 }

func isNameChar(c byte) bool { return nameBytes[c]&nameChar != 0 }

// nameBytes says of each byte whether it may begin an XML name (a letter,
// "_", ":" or a byte of a non-ASCII character) and whether it may be part
// of one (those, digits, "-" and "."): a look-up, as every tag's name is
// read byte by byte.
var nameBytes = func() (t [256]uint8) {
	for i := range t {
		c := byte(i)
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || c >= utf8.RuneSelf {
			t[i] = nameStart | nameChar
		} else if c >= '0' && c <= '9' || c == '-' || c == '.' {
			t[i] = nameChar
		}
	}
	return t
}()

const (
	nameStart = 1 << iota
	nameChar
)

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// startTag reads the start tag at i and returns the offset after it.
// Attributes are not checked beyond their quotes (a ">" inside a quoted
// value does not end the tag); only the name of <ref-type> is read.
func (p *parser) startTag(i int) (int, error) {
	s := p.s
	if len(p.lastStyle) > 0 && i+1 < len(s) && s[i+1] == 's' && bytes.HasPrefix(s[i:], p.lastStyle) {
		// The same <style ...> run tag as before: EndNote writes one for
		// every value, nearly always with the same attributes. (Its "s"
		// is looked at first, to pass over the other tags cheaply.)
		p.open(i+1, i+1+len("style"))
		return i + len(p.lastStyle), nil
	}
	j := i + 1
	for j < len(s) && isNameChar(s[j]) {
		j++
	}
	name := s[i+1 : j]
	if (string(name) == "record" || string(name) == "RECORD") && len(p.stack) > 0 {
		p.unusual = true
	}
	gt, off, msg := tagEnd(s, j)
	if msg != "" {
		if !p.whole {
			return 0, errNotEnded
		}
		return 0, &syntaxError{off, fmt.Sprintf("start tag <%s> %s", name, msg)}
	}
	attrs := s[j:gt]
	selfClosing := bytes.HasSuffix(attrs, []byte("/"))
	if selfClosing {
		attrs = attrs[:len(attrs)-1]
	}
	if len(attrs) > 0 && !isSpace(attrs[0]) {
		return 0, &syntaxError{j, fmt.Sprintf("unexpected %q in start tag <%s>", attrs[0], name)}
	}
	if p.open(i+1, j) == RefTypeNumber {
		// <ref-type name="Journal Article">17</ref-type>: the name
		if from, to, ok := attrValue(attrs, "name"); ok {
			p.addRefTypeName(j+from, j+to)
		}
	}
	if selfClosing {
		p.close()
	} else if string(name) == "style" {
		p.lastStyle = s[i : gt+1]
	}
	return gt + 1, nil
}

// addRefTypeName adds the name of the reference type, the value of the
// attribute at s[from:to], decoded when it holds an entity.
func (p *parser) addRefTypeName(from, to int) {
	v := p.s[from:to]
	if bytes.IndexByte(v, '&') < 0 {
		p.add(RefType, value{from: from, to: to}, false)
		return
	}
	var q parser
	q.appendText(v)
	p.addDecoded(RefType, q.text)
}

// tagEnd returns the offset of the ">" that ends the tag whose attributes
// start at j, skipping quoted values; or, when the tag is not closed, the
// offset of the problem and what it is.
func tagEnd(s []byte, j int) (gt, off int, msg string) {
	for {
		k := j
		for k < len(s) && s[k] != '>' && s[k] != '<' && s[k] != '"' && s[k] != '\'' {
			k++
		}
		if k >= len(s) {
			return 0, len(s), "not closed"
		}
		switch c := s[k]; c {
		case '>':
			return k, 0, ""
		case '<':
			return 0, k, "not closed"
		default:
			q := k + 1
			for q < len(s) && s[q] != c && s[q] != '<' {
				q++
			}
			if q >= len(s) {
				return 0, k, "has a quoted value that is not closed"
			}
			if s[q] == '<' {
				return 0, q, "has \"<\" in a quoted value"
			}
			j = q + 1
		}
	}
}

// attrValue returns where the value of the named attribute is in the
// attribute text of a tag, not yet decoded. Values are quoted; an unquoted
// one is taken up to the next space.
func attrValue(attrs []byte, name string) (from, to int, ok bool) {
	i := 0
	for i < len(attrs) {
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		k := i
		for k < len(attrs) && isNameChar(attrs[k]) {
			k++
		}
		key := attrs[i:k]
		for k < len(attrs) && isSpace(attrs[k]) {
			k++
		}
		if len(key) == 0 || k >= len(attrs) || attrs[k] != '=' {
			return 0, 0, false
		}
		k++
		for k < len(attrs) && isSpace(attrs[k]) {
			k++
		}
		if k < len(attrs) && (attrs[k] == '"' || attrs[k] == '\'') {
			e := bytes.IndexByte(attrs[k+1:], attrs[k])
			if e < 0 {
				return 0, 0, false
			}
			from, to, i = k+1, k+1+e, k+2+e
		} else {
			e := k
			for e < len(attrs) && !isSpace(attrs[e]) {
				e++
			}
			from, to, i = k, e, e
		}
		if string(key) == name {
			return from, to, true
		}
	}
	return 0, 0, false
}

// endTag reads the end tag at i, closes its element and returns the offset
// after it.
func (p *parser) endTag(i int) (int, error) {
	s := p.s
	if n := len(p.stack); n > 0 {
		if top := p.name(&p.stack[n-1]); bytes.HasPrefix(s[i+2:], top) && i+2+len(top) < len(s) && s[i+2+len(top)] == '>' {
			p.close()
			return i + 3 + len(top), nil
		}
	}
	j := i + 2
	for j < len(s) && isNameChar(s[j]) {
		j++
	}
	name := s[i+2 : j]
	switch string(name) {
	case "records", "xml", "RECORDS", "XML":
		p.unusual = true
	}
	for j < len(s) && isSpace(s[j]) {
		j++
	}
	if j >= len(s) || s[j] != '>' {
		if !p.whole {
			return 0, errNotEnded
		}
		return 0, &syntaxError{i, fmt.Sprintf("end tag </%s> not closed", name)}
	}
	if len(p.stack) == 0 {
		return 0, &syntaxError{i, fmt.Sprintf("end tag </%s> without a start tag", name)}
	}
	if top := p.name(&p.stack[len(p.stack)-1]); !bytes.Equal(top, name) {
		return 0, &syntaxError{i, fmt.Sprintf("end tag </%s> does not match <%s>", name, top)}
	}
	p.close()
	return j + 1, nil
}

// name returns the name of an element of the stack.
func (p *parser) name(f *frame) []byte { return p.s[f.nameFrom:f.nameTo] }

// open pushes the element named s[from:to], deciding what it is from its
// name and parent, and returns the field it is.
func (p *parser) open(from, to int) FieldName {
	name := p.s[from:to]
	f := frame{nameFrom: from, nameTo: to, textAt: len(p.text)}
	if len(p.stack) == 0 {
		f.kind = kindContainer // the record
		p.legacy = string(name) == "RECORD"
	} else {
		parent := &p.stack[len(p.stack)-1]
		switch parent.kind {
		case kindField, kindInline:
			f.kind = kindInline
		case kindIgnored:
			f.kind = kindIgnored
		default:
			if p.legacy {
				f.kind, f.field = classifyLegacy(p.name(parent), name, len(p.stack) == 1)
			} else {
				f.kind, f.field = classify(p.name(parent), name, len(p.stack) == 1)
			}
		}
	}
	p.stack = append(p.stack, f)
	return f.field
}

// close pops the top element; a value's text becomes a Field.
func (p *parser) close() {
	f := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	if f.kind != kindField {
		return
	}
	switch {
	case f.field == RefType && p.legacy:
		// a number only EndNote's legacy XML uses
		var v string
		switch {
		case p.hasSpan:
			v = string(p.s[p.spanFrom:p.spanTo])
		case f.textAt < len(p.text):
			v = string(p.text[f.textAt:])
		}
		if v = legacyTypeName(v); v != "" {
			p.addDecoded(f.field, []byte(v))
		}
	case p.hasSpan:
		p.add(f.field, value{from: p.spanFrom, to: p.spanTo}, p.spanClean)
	case f.textAt < len(p.text):
		p.addDecoded(f.field, p.text[f.textAt:])
	}
	p.hasSpan = false
	p.text = p.text[:f.textAt]
}

// add appends a field whose value is at v, and whether it is known to be
// clean.
func (p *parser) add(name FieldName, v value, clean bool) {
	p.fields = append(p.fields, Field{Name: name})
	p.values = append(p.values, v)
	p.clean = append(p.clean, clean)
}

// addDecoded appends a field whose value is the decoded text b.
func (p *parser) addDecoded(name FieldName, b []byte) {
	p.add(name, value{from: len(p.decoded), to: len(p.decoded) + len(b), decoded: true}, false)
	p.decoded = append(p.decoded, b...)
}

// flushSpan copies the pending piece of the value into the text buffer.
func (p *parser) flushSpan() {
	if p.hasSpan {
		p.text = append(p.text, p.s[p.spanFrom:p.spanTo]...)
		p.hasSpan = false
	}
}

// plain reports whether s needs no decoding: no entity, no line break, no
// control character. It steps sixteen bytes at a time, cutting s as it
// goes so that the loads need no bounds checks.
func plain[T string | []byte](s T) bool {
	rest := s
	for len(rest) >= 16 {
		w0, w1 := wordbits.Load64(rest), wordbits.Load64(rest[8:])
		rest = rest[16:]
		if controlOrAmp(w0)|controlOrAmp(w1) != 0 {
			return false
		}
	}
	if len(rest) >= 8 {
		if controlOrAmp(wordbits.Load64(rest)) != 0 {
			return false
		}
		rest = rest[8:]
	}
	if len(rest) > 0 && len(s) >= 8 {
		// The last eight bytes, read again in part: no byte loop.
		return controlOrAmp(wordbits.Load64(s[len(s)-8:])) == 0
	}
	for i := 0; i < len(rest); i++ {
		if c := rest[i]; c < ' ' || c == '&' {
			return false
		}
	}
	return true
}

// controlOrAmp returns a word with the high bit set of each byte of w
// below 0x20 or "&", and no other bit. A byte below 0x20 is one whose low
// seven bits plus 0x60 stay below 0x80, and whose own high bit is clear
// (bytes from 0x80 up are UTF-8, and fine).
func controlOrAmp(w uint64) uint64 {
	return ^((w&^hi)+lo*0x60)&^w&hi | wordbits.ZeroBytes(w^(lo*'&'))
}

// firstControl returns the index of the first byte of b below 0x20, or
// of the first "&" too when amp is set; len(b) if there is none. It looks
// at eight bytes at a time.
func firstControl[T string | []byte](b T, amp bool) int {
	i := 0
	for ; i+8 <= len(b); i += 8 {
		c := b[i : i+8]
		w := uint64(c[0]) | uint64(c[1])<<8 | uint64(c[2])<<16 | uint64(c[3])<<24 |
			uint64(c[4])<<32 | uint64(c[5])<<40 | uint64(c[6])<<48 | uint64(c[7])<<56
		// As in plain, but exact for each byte, so that the lowest one set
		// is the first.
		m := ^((w &^ hi) + lo*0x60) &^ w & hi
		if amp {
			m |= wordbits.ZeroBytes(w ^ (lo * '&'))
		}
		if m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(b); i++ {
		if b[i] < ' ' || amp && b[i] == '&' {
			return i
		}
	}
	return i
}

// chars takes the text s found at offset off. literal is set for CDATA
// sections and a stray "<", which are not entity-decoded.
func (p *parser) chars(off int, s []byte, literal bool) error {
	if len(p.stack) == 0 {
		if len(bytes.TrimSpace(s)) != 0 {
			return &syntaxError{off, "text outside the record element"}
		}
		return nil
	}
	top := &p.stack[len(p.stack)-1]
	switch top.kind {
	case kindField:
		// White space between the styled runs of a value, with a line
		// break in it, is the indentation of a pretty-printed file.
		if !literal && blankLine(s) {
			return nil
		}
	case kindInline:
	default:
		return nil
	}
	if !literal && !p.hasSpan && len(p.text) == p.stack[p.fieldDepth()].textAt {
		// Text clean for Map is plain too, and usual: checked first, it
		// spares Map a second look at the value.
		if clean := cleanASCII(s); clean || plain(s) {
			p.spanFrom, p.spanTo, p.hasSpan, p.spanClean = off, off+len(s), true, clean
			return nil
		}
	}
	p.flushSpan()
	start := len(p.text)
	if literal {
		p.text = append(p.text, s...)
		for k := start; k < len(p.text); k++ {
			if p.text[k] == '\n' {
				p.text[k] = ' ' // a line break written as such, as outside CDATA
			}
		}
	} else {
		p.appendText(s)
	}
	for k := start + firstControl(p.text[start:], false); k < len(p.text); k += 1 + firstControl(p.text[k+1:], false) {
		switch c := p.text[k]; {
		case c >= ' ' || c == '\n':
		case c == 0:
			return &syntaxError{off, "NUL byte in the text (binary data?)"}
		case c == '\r' || c == '\t':
			p.text[k] = ' '
		default:
			p.text[k] = ' '
			p.warn(fmt.Sprintf("control character 0x%02x in the text, read as a space", c))
		}
	}
	return nil
}

// fieldDepth returns the index in the stack of the value being read.
func (p *parser) fieldDepth() int {
	for i := len(p.stack) - 1; i > 0; i-- {
		if p.stack[i].kind == kindField {
			return i
		}
	}
	return 0
}

// blankLine reports whether s is only white space with a line break in it.
func blankLine(s []byte) bool {
	br := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n', '\r':
			br = true
		case ' ', '\t':
		default:
			return false
		}
	}
	return br
}

// appendText appends the text s, decoding entities and turning literal line
// breaks into spaces, to p.text.
func (p *parser) appendText(s []byte) {
	for len(s) > 0 {
		j := firstControl(s, true)
		for j < len(s) && s[j] != '&' && s[j] != '\n' && s[j] != '\r' {
			j += 1 + firstControl(s[j+1:], true) // a tab or other control character, taken as it is
		}
		if j == len(s) {
			p.text = append(p.text, s...)
			return
		}
		p.text = append(p.text, s[:j]...)
		s = s[j:]
		if s[0] != '&' {
			p.text = append(p.text, ' ')
			s = s[1:]
			continue
		}
		n, ok := p.entity(s)
		if !ok {
			if ref := entityName(s); ref != "" {
				p.warn(fmt.Sprintf("unknown entity %q, taken as written", ref))
			} else {
				p.warn("\"&\" that starts no entity, taken as written")
			}
			p.text = append(p.text, '&')
			n = 1
		}
		s = s[n:]
	}
}

// entityName returns the reference at the start of s when it is written
// as an entity ("&name;", "&#123;") that entity could not decode, or "".
func entityName(s []byte) string {
	end := bytes.IndexByte(s[:min(len(s), 34)], ';')
	if end < 2 {
		return ""
	}
	for i := 1; i < end; i++ {
		if !isNameChar(s[i]) && s[i] != '#' {
			return ""
		}
	}
	return string(s[:end+1])
}

// entity decodes the entity at the start of s ("&amp;", "&#xD;", "&eacute;")
// onto p.text and returns its length.
func (p *parser) entity(s []byte) (int, bool) {
	end := bytes.IndexByte(s[:min(len(s), 34)], ';') // entities are short: look no further
	if end < 2 {
		return 0, false
	}
	ref := s[1:end]
	switch string(ref) {
	case "amp":
		p.text = append(p.text, '&')
	case "lt":
		p.text = append(p.text, '<')
	case "gt":
		p.text = append(p.text, '>')
	case "quot":
		p.text = append(p.text, '"')
	case "apos":
		p.text = append(p.text, '\'')
	default:
		if ref[0] == '#' {
			var n uint64
			var err error
			if len(ref) > 1 && (ref[1] == 'x' || ref[1] == 'X') {
				n, err = strconv.ParseUint(string(ref[2:]), 16, 32)
			} else {
				n, err = strconv.ParseUint(string(ref[1:]), 10, 32)
			}
			if err != nil {
				return 0, false
			}
			r := rune(n)
			switch {
			case r == '\r' || r == '\n':
				p.text = append(p.text, '\n') // a line break inside the value
			case r == '\t':
				p.text = append(p.text, ' ')
			case r < ' ' || r == 0x7f || !utf8.ValidRune(r):
				// not a character XML allows: dropped
			default:
				p.text = utf8.AppendRune(p.text, r)
			}
			return end + 1, true
		}
		// An HTML entity, which XML without a DTD does not define but
		// some exports write.
		if u := html.UnescapeString(string(s[:end+1])); u != string(s[:end+1]) {
			p.text = append(p.text, u...)
			return end + 1, true
		}
		return 0, false
	}
	return end + 1, true
}

// classify decides what the element name is inside its parent. top is set
// for the children of <record>.
func classify(parent, name []byte, top bool) (elemKind, FieldName) {
	if top {
		switch string(name) {
		case "contributors", "titles", "periodical", "alt-periodical", "keywords", "dates", "urls":
			return kindContainer, Other
		case "database", "source-app", "foreign-keys":
			return kindIgnored, Other
		}
		return kindField, recordField(name)
	}
	switch string(parent) {
	case "contributors":
		switch string(name) {
		case "authors", "secondary-authors", "tertiary-authors", "subsidiary-authors", "translated-authors":
			return kindContainer, Other
		}
	case "authors":
		return kindField, Author
	case "secondary-authors":
		return kindField, SecondaryAuthor
	case "tertiary-authors":
		return kindField, TertiaryAuthor
	case "subsidiary-authors":
		return kindField, SubsidiaryAuthor
	case "translated-authors":
		return kindField, TranslatedAuthor
	case "titles":
		switch string(name) {
		case "title":
			return kindField, Title
		case "secondary-title":
			return kindField, SecondaryTitle
		case "tertiary-title":
			return kindField, TertiaryTitle
		case "alt-title":
			return kindField, AltTitle
		case "short-title":
			return kindField, ShortTitle
		case "translated-title":
			return kindField, TranslatedTitle
		}
	case "periodical":
		switch string(name) {
		case "full-title":
			return kindField, Periodical
		case "abbr-1", "abbr-2", "abbr-3":
			return kindField, PeriodicalAbbr
		}
	case "alt-periodical":
		switch string(name) {
		case "full-title":
			return kindField, AltPeriodical
		case "abbr-1", "abbr-2", "abbr-3":
			return kindField, AltPeriodicalAbbr
		}
	case "keywords":
		if string(name) == "keyword" {
			return kindField, Keyword
		}
	case "dates":
		switch string(name) {
		case "year":
			return kindField, Year
		case "month":
			return kindField, PubDate // JabRef's EndNote XML: <dates><year>2018</year><month>12</month>
		case "pub-dates":
			return kindContainer, Other
		}
	case "pub-dates":
		if string(name) == "date" {
			return kindField, PubDate
		}
	case "urls":
		switch string(name) {
		case "related-urls", "web-urls", "text-urls", "pdf-urls":
			return kindContainer, Other
		}
	case "related-urls", "web-urls", "text-urls":
		if string(name) == "url" {
			return kindField, URL
		}
	case "pdf-urls":
		if string(name) == "url" {
			return kindField, PDFURL
		}
	}
	return kindIgnored, Other
}

// recordField names the value elements directly inside <record>; the
// others are Other.
func recordField(name []byte) FieldName {
	switch string(name) {
	case "ref-type":
		return RefTypeNumber
	case "rec-number":
		return RecNumber
	case "auth-address", "auth-affiliaton":
		return AuthAddress
	case "pages":
		return Pages
	case "volume":
		return Volume
	case "number":
		return Number
	case "issue":
		return Issue
	case "edition":
		return Edition
	case "section":
		return Section
	case "publisher":
		return Publisher
	case "pub-location":
		return PubLocation
	case "isbn":
		return ISBN
	case "accession-num":
		return AccessionNum
	case "electronic-resource-num":
		return ElectronicResourceNum
	case "abstract":
		return Abstract
	case "notes":
		return Notes
	case "research-notes":
		return ResearchNotes
	case "language":
		return Language
	case "work-type":
		return WorkType
	case "custom1":
		return Custom1
	case "custom2":
		return Custom2
	case "custom3":
		return Custom3
	case "custom4":
		return Custom4
	case "custom5":
		return Custom5
	case "custom6":
		return Custom6
	case "custom7":
		return Custom7
	case "label":
		return Label
	case "call-num":
		return CallNum
	case "remote-database-name":
		return RemoteDatabaseName
	case "remote-database-provider":
		return RemoteDatabaseProvider
	case "orig-pub":
		return OrigPub
	case "access-date":
		return AccessDate
	case "modified-date":
		return ModifiedDate
	}
	return Other
}

// classifyLegacy is classify for the upper-case XML of EndNote 7 and
// earlier: <RECORD> holds its values directly, named after EndNote's
// fields (<TITLE>, <SECONDARY_TITLE>, <PLACE_PUBLISHED>), the names in
// <AUTHORS><AUTHOR> (and SECONDARY_, TERTIARY_, SUBSIDIARY_AUTHORS), the
// keywords in <KEYWORDS><KEYWORD>; <REFERENCE_TYPE> is a number of its
// own (see legacyTypeName).
func classifyLegacy(parent, name []byte, top bool) (elemKind, FieldName) {
	if top {
		switch string(name) {
		case "AUTHORS", "SECONDARY_AUTHORS", "TERTIARY_AUTHORS", "SUBSIDIARY_AUTHORS", "TRANSLATED_AUTHORS", "KEYWORDS":
			return kindContainer, Other
		}
		return kindField, legacyFields[string(name)] // Other when not listed
	}
	switch string(parent) {
	case "AUTHORS":
		return kindField, Author
	case "SECONDARY_AUTHORS":
		return kindField, SecondaryAuthor
	case "TERTIARY_AUTHORS":
		return kindField, TertiaryAuthor
	case "SUBSIDIARY_AUTHORS":
		return kindField, SubsidiaryAuthor
	case "TRANSLATED_AUTHORS":
		return kindField, TranslatedAuthor
	case "KEYWORDS":
		return kindField, Keyword
	}
	return kindIgnored, Other
}

// legacyFields names the value elements of a legacy <RECORD>.
var legacyFields = map[string]FieldName{
	"REFERENCE_TYPE": RefType, "REFNUM": RecNumber,
	"AUTHOR": Author, "SECONDARY_AUTHOR": SecondaryAuthor, "TERTIARY_AUTHOR": TertiaryAuthor,
	"SUBSIDIARY_AUTHOR": SubsidiaryAuthor, "TRANSLATED_AUTHOR": TranslatedAuthor, "AUTHOR_ADDRESS": AuthAddress,
	"TITLE": Title, "SECONDARY_TITLE": SecondaryTitle, "TERTIARY_TITLE": TertiaryTitle,
	"ALTERNATE_TITLE": AltTitle, "SHORT_TITLE": ShortTitle, "TRANSLATED_TITLE": TranslatedTitle,
	"ORIGINAL_PUB": OrigPub, "YEAR": Year, "DATE": PubDate, "PLACE_PUBLISHED": PubLocation,
	"PUBLISHER": Publisher, "VOLUME": Volume, "NUMBER": Number, "PAGES": Pages, "SECTION": Section,
	"EDITION": Edition, "TYPE_OF_WORK": WorkType, "ISBN": ISBN, "ACCESSION_NUMBER": AccessionNum,
	"ELECTRONIC_RESOURCE_NUMBER": ElectronicResourceNum, "DOI": ElectronicResourceNum,
	"KEYWORD": Keyword, "ABSTRACT": Abstract, "NOTES": Notes, "RESEARCH_NOTES": ResearchNotes,
	"URL": URL, "LINK_TO_PDF": PDFURL, "LANGUAGE": Language, "LABEL": Label, "CALL_NUMBER": CallNum,
	"CUSTOM1": Custom1, "CUSTOM2": Custom2, "CUSTOM3": Custom3, "CUSTOM4": Custom4, "CUSTOM5": Custom5,
	"CUSTOM6": Custom6, "CUSTOM7": Custom7, "NAME_OF_DATABASE": RemoteDatabaseName,
	"DATABASE_PROVIDER": RemoteDatabaseProvider, "ACCESS_DATE": AccessDate, "LAST_MODIFIED_DATE": ModifiedDate,
}
