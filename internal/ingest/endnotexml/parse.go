package endnotexml

import (
	"fmt"
	"html"
	"math/bits"
	"strconv"
	"strings"
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
	name   string
	kind   elemKind
	field  FieldName
	textAt int // where the value's text starts in the parser's text buffer
}

// parser reads the fields of one <record> element. It keeps its buffers
// between records.
type parser struct {
	s        string
	stack    []frame
	text     []byte
	fields   []Field
	warnings []string

	// lastStyle is the last <style ...> start tag read in this record.
	lastStyle string

	// legacy is set for a record of the upper-case XML of EndNote 7 and
	// earlier (<RECORD><REFERENCE_TYPE>...), whose elements are named
	// otherwise (see classifyLegacy).
	legacy bool

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

	// The values that had to be decoded are gathered in decoded and made
	// one string when the record is read, which pending then slices into
	// the fields: one allocation for the record, not one for each value.
	decoded []byte
	pending []pendingValue
}

// pendingValue is a field whose value is decoded[from:to].
type pendingValue struct {
	field, from, to int
}

// parse reads the record in s, which begins with "<record" and ends with
// its end tag (or "/>"), and returns its fields. The values are the text of
// the elements with markup removed and entities decoded; a line break
// written as a character reference (&#xD;, &#10;) is kept as "\n", while
// line breaks and indentation written as such (a file wrapped or
// pretty-printed by a tool) count as one space, and white space that only
// separates elements is dropped.
func (p *parser) parse(s string) ([]Field, error) {
	p.s = s
	p.stack = p.stack[:0]
	p.text = p.text[:0]
	p.fields = p.fields[:0]
	p.clean = p.clean[:0]
	p.warnings = p.warnings[:0]
	p.decoded = p.decoded[:0]
	p.pending = p.pending[:0]
	p.hasSpan = false
	p.unusual = false
	p.lastStyle = ""
	p.legacy = false
	i := 0
	for i < len(s) {
		if s[i] != '<' {
			j := strings.IndexByte(s[i:], '<')
			if j < 0 {
				j = len(s) - i
			}
			if err := p.chars(i, s[i:i+j], false); err != nil {
				return nil, err
			}
			i += j
			continue
		}
		rest := s[i:]
		var next byte
		if len(rest) > 1 {
			next = rest[1]
		}
		if next == '!' || next == '?' {
			p.unusual = true
		}
		switch {
		case isNameStart(next):
			n, err := p.startTag(i)
			if err != nil {
				return nil, err
			}
			i = n
			if len(p.stack) == 0 {
				return p.done(), nil // <record/>
			}
		case next == '/':
			n, err := p.endTag(i)
			if err != nil {
				return nil, err
			}
			i = n
			if len(p.stack) == 0 {
				if strings.TrimSpace(s[i:]) != "" {
					p.unusual = true
					return nil, &syntaxError{i, "text after the end of the record"}
				}
				return p.done(), nil
			}
		case strings.HasPrefix(rest, "<!--"):
			j := strings.Index(rest[4:], "-->")
			if j < 0 {
				return nil, &syntaxError{i, "comment not closed"}
			}
			i += 4 + j + 3
		case strings.HasPrefix(rest, "<![CDATA["):
			j := strings.Index(rest[9:], "]]>")
			if j < 0 {
				return nil, &syntaxError{i, "CDATA section not closed"}
			}
			if err := p.chars(i+9, rest[9:9+j], true); err != nil {
				return nil, err
			}
			i += 9 + j + 3
		case strings.HasPrefix(rest, "<?"):
			j := strings.Index(rest[2:], "?>")
			if j < 0 {
				return nil, &syntaxError{i, "processing instruction not closed"}
			}
			i += 2 + j + 2
		case strings.HasPrefix(rest, "<!"):
			j := strings.IndexByte(rest, '>')
			if j < 0 {
				return nil, &syntaxError{i, "declaration not closed"}
			}
			i += j + 1
		default:
			// A "<" that starts no markup ("p < 0.05" written unescaped):
			// taken as text.
			p.warn("unescaped \"<\" in the text, taken as written")
			if err := p.chars(i, "<", true); err != nil {
				return nil, err
			}
			i++
		}
	}
	if len(p.stack) > 0 {
		return nil, &syntaxError{len(s), fmt.Sprintf("element <%s> not closed", p.stack[len(p.stack)-1].name)}
	}
	return p.done(), nil
}

// done gives the decoded values to their fields and returns the fields.
func (p *parser) done() []Field {
	if len(p.pending) > 0 {
		d := string(p.decoded)
		for _, v := range p.pending {
			p.fields[v.field].Value = d[v.from:v.to]
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
	if p.lastStyle != "" && i+1 < len(s) && s[i+1] == 's' && strings.HasPrefix(s[i:], p.lastStyle) {
		// The same <style ...> run tag as before: EndNote writes one for
		// every value, nearly always with the same attributes. (Its "s"
		// is looked at first, to pass over the other tags cheaply.)
		p.open("style", "", false)
		return i + len(p.lastStyle), nil
	}
	j := i + 1
	for j < len(s) && isNameChar(s[j]) {
		j++
	}
	name := s[i+1 : j]
	if (name == "record" || name == "RECORD") && len(p.stack) > 0 {
		p.unusual = true
	}
	gt, err := tagEnd(s, j)
	if err != nil {
		err.msg = fmt.Sprintf("start tag <%s> %s", name, err.msg)
		return 0, err
	}
	attrs := s[j:gt]
	selfClosing := strings.HasSuffix(attrs, "/")
	if selfClosing {
		attrs = attrs[:len(attrs)-1]
	}
	if attrs != "" && !isSpace(attrs[0]) {
		return 0, &syntaxError{j, fmt.Sprintf("unexpected %q in start tag <%s>", attrs[0], name)}
	}
	refTypeName, hasRefTypeName := "", false
	if name == "ref-type" {
		refTypeName, hasRefTypeName = attrValue(attrs, "name")
	}
	p.open(name, refTypeName, hasRefTypeName)
	if selfClosing {
		p.close()
	} else if name == "style" {
		p.lastStyle = s[i : gt+1]
	}
	return gt + 1, nil
}

// tagEnd returns the offset of the ">" that ends the tag whose attributes
// start at j, skipping quoted values.
func tagEnd(s string, j int) (int, *syntaxError) {
	for {
		k := j
		for k < len(s) && s[k] != '>' && s[k] != '<' && s[k] != '"' && s[k] != '\'' {
			k++
		}
		if k >= len(s) {
			return 0, &syntaxError{len(s), "not closed"}
		}
		switch c := s[k]; c {
		case '>':
			return k, nil
		case '<':
			return 0, &syntaxError{k, "not closed"}
		default:
			q := k + 1
			for q < len(s) && s[q] != c && s[q] != '<' {
				q++
			}
			if q >= len(s) {
				return 0, &syntaxError{k, "has a quoted value that is not closed"}
			}
			if s[q] == '<' {
				return 0, &syntaxError{q, "has \"<\" in a quoted value"}
			}
			j = q + 1
		}
	}
}

// attrValue returns the decoded value of the named attribute in the
// attribute text of a tag. Values are quoted; an unquoted one is taken up
// to the next space.
func attrValue(attrs, name string) (string, bool) {
	for attrs != "" {
		attrs = strings.TrimLeft(attrs, " \t\r\n")
		k := 0
		for k < len(attrs) && isNameChar(attrs[k]) {
			k++
		}
		key := attrs[:k]
		rest := strings.TrimLeft(attrs[k:], " \t\r\n")
		if key == "" || !strings.HasPrefix(rest, "=") {
			return "", false
		}
		rest = strings.TrimLeft(rest[1:], " \t\r\n")
		var val string
		if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
			e := strings.IndexByte(rest[1:], rest[0])
			if e < 0 {
				return "", false
			}
			val, attrs = rest[1:1+e], rest[2+e:]
		} else {
			e := strings.IndexAny(rest, " \t\r\n")
			if e < 0 {
				e = len(rest)
			}
			val, attrs = rest[:e], rest[e:]
		}
		if key == name {
			return decodeAttr(val), true
		}
	}
	return "", false
}

// endTag reads the end tag at i, closes its element and returns the offset
// after it.
func (p *parser) endTag(i int) (int, error) {
	s := p.s
	if n := len(p.stack); n > 0 {
		if top := p.stack[n-1].name; strings.HasPrefix(s[i+2:], top) && i+2+len(top) < len(s) && s[i+2+len(top)] == '>' {
			p.close()
			return i + 3 + len(top), nil
		}
	}
	j := i + 2
	for j < len(s) && isNameChar(s[j]) {
		j++
	}
	name := s[i+2 : j]
	switch name {
	case "records", "xml", "RECORDS", "XML":
		p.unusual = true
	}
	for j < len(s) && isSpace(s[j]) {
		j++
	}
	if j >= len(s) || s[j] != '>' {
		return 0, &syntaxError{i, fmt.Sprintf("end tag </%s> not closed", name)}
	}
	if len(p.stack) == 0 {
		return 0, &syntaxError{i, fmt.Sprintf("end tag </%s> without a start tag", name)}
	}
	if top := p.stack[len(p.stack)-1]; top.name != name {
		return 0, &syntaxError{i, fmt.Sprintf("end tag </%s> does not match <%s>", name, top.name)}
	}
	p.close()
	return j + 1, nil
}

// open pushes an element, deciding what it is from its name and parent.
func (p *parser) open(name, refTypeName string, hasRefTypeName bool) {
	f := frame{name: name, textAt: len(p.text)}
	if len(p.stack) == 0 {
		f.kind = kindContainer // the record
		p.legacy = name == "RECORD"
	} else {
		parent := &p.stack[len(p.stack)-1]
		switch parent.kind {
		case kindField, kindInline:
			f.kind = kindInline
		case kindIgnored:
			f.kind = kindIgnored
		default:
			if p.legacy {
				f.kind, f.field = classifyLegacy(parent.name, name, len(p.stack) == 1)
			} else {
				f.kind, f.field = classify(parent.name, name, len(p.stack) == 1)
			}
		}
	}
	if hasRefTypeName && f.field == RefTypeNumber {
		p.add(RefType, refTypeName, false)
	}
	p.stack = append(p.stack, f)
}

// close pops the top element; a value's text becomes a Field.
func (p *parser) close() {
	f := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	if f.kind != kindField {
		return
	}
	var v string
	clean := false
	switch {
	case p.hasSpan:
		v, clean = p.s[p.spanFrom:p.spanTo], p.spanClean
	case f.textAt < len(p.text) && !(f.field == RefType && p.legacy):
		// decoded text: see done
		p.pending = append(p.pending, pendingValue{len(p.fields), len(p.decoded), len(p.decoded) + len(p.text) - f.textAt})
		p.decoded = append(p.decoded, p.text[f.textAt:]...)
		p.add(f.field, "", false)
		p.text = p.text[:f.textAt]
		return
	case f.textAt < len(p.text):
		v = string(p.text[f.textAt:])
	}
	if f.field == RefType && p.legacy {
		v, clean = legacyTypeName(v), false // a number only EndNote's legacy XML uses
	}
	if v != "" {
		p.add(f.field, v, clean)
	}
	p.hasSpan = false
	p.text = p.text[:f.textAt]
}

// add appends a field, and whether its value is known to be clean.
func (p *parser) add(name FieldName, v string, clean bool) {
	p.fields = append(p.fields, Field{Name: name, Value: v})
	p.clean = append(p.clean, clean)
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
func plain(s string) bool {
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
func (p *parser) chars(off int, s string, literal bool) error {
	if len(p.stack) == 0 {
		if strings.TrimSpace(s) != "" {
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
func blankLine(s string) bool {
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
func (p *parser) appendText(s string) {
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
func entityName(s string) string {
	end := strings.IndexByte(s[:min(len(s), 34)], ';')
	if end < 2 {
		return ""
	}
	for i := 1; i < end; i++ {
		if !isNameChar(s[i]) && s[i] != '#' {
			return ""
		}
	}
	return s[:end+1]
}

// entity decodes the entity at the start of s ("&amp;", "&#xD;", "&eacute;")
// onto p.text and returns its length.
func (p *parser) entity(s string) (int, bool) {
	end := strings.IndexByte(s[:min(len(s), 34)], ';') // entities are short: look no further
	if end < 2 {
		return 0, false
	}
	ref := s[1:end]
	switch ref {
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
				n, err = strconv.ParseUint(ref[2:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ref[1:], 10, 32)
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
		if u := html.UnescapeString(s[:end+1]); u != s[:end+1] {
			p.text = append(p.text, u...)
			return end + 1, true
		}
		return 0, false
	}
	return end + 1, true
}

// decodeAttr decodes the entities of an attribute value.
func decodeAttr(v string) string {
	if strings.IndexByte(v, '&') < 0 {
		return v
	}
	var p parser
	p.appendText(v)
	return string(p.text)
}

// classify decides what the element name is inside its parent. top is set
// for the children of <record>.
func classify(parent, name string, top bool) (elemKind, FieldName) {
	if top {
		switch name {
		case "contributors", "titles", "periodical", "alt-periodical", "keywords", "dates", "urls":
			return kindContainer, Other
		case "database", "source-app", "foreign-keys":
			return kindIgnored, Other
		}
		return kindField, recordField(name)
	}
	switch parent {
	case "contributors":
		switch name {
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
		switch name {
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
		switch name {
		case "full-title":
			return kindField, Periodical
		case "abbr-1", "abbr-2", "abbr-3":
			return kindField, PeriodicalAbbr
		}
	case "alt-periodical":
		switch name {
		case "full-title":
			return kindField, AltPeriodical
		case "abbr-1", "abbr-2", "abbr-3":
			return kindField, AltPeriodicalAbbr
		}
	case "keywords":
		if name == "keyword" {
			return kindField, Keyword
		}
	case "dates":
		switch name {
		case "year":
			return kindField, Year
		case "month":
			return kindField, PubDate // JabRef's EndNote XML: <dates><year>2018</year><month>12</month>
		case "pub-dates":
			return kindContainer, Other
		}
	case "pub-dates":
		if name == "date" {
			return kindField, PubDate
		}
	case "urls":
		switch name {
		case "related-urls", "web-urls", "text-urls", "pdf-urls":
			return kindContainer, Other
		}
	case "related-urls", "web-urls", "text-urls":
		if name == "url" {
			return kindField, URL
		}
	case "pdf-urls":
		if name == "url" {
			return kindField, PDFURL
		}
	}
	return kindIgnored, Other
}

// recordField names the value elements directly inside <record>; the
// others are Other.
func recordField(name string) FieldName {
	switch name {
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
func classifyLegacy(parent, name string, top bool) (elemKind, FieldName) {
	if top {
		switch name {
		case "AUTHORS", "SECONDARY_AUTHORS", "TERTIARY_AUTHORS", "SUBSIDIARY_AUTHORS", "TRANSLATED_AUTHORS", "KEYWORDS":
			return kindContainer, Other
		}
		return kindField, legacyFields[name] // Other when not listed
	}
	switch parent {
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
