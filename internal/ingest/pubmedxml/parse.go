package pubmedxml

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/bib"
)

// A doc is one record element parsed into a tree of elements. It is
// parsed straight from the reader's buffer, which also tells where the
// element ends; names, attribute text and content are then kept as
// substrings of the element's text (the record's Raw), so parsing
// allocates nothing once the node slice has grown, and text is decoded
// only for the elements that are mapped.
type doc struct {
	s     string // the element's text, once parsed
	nodes []node
	stack []int32
	line  int  // line of the file where s starts
	sawLF bool // line breaks are LFs (else bare CRs)

	// open is the construct parse was inside when the input ran out (a
	// comment, a tag...): what to report if the input ends there.
	open syntaxError

	// The last offset lineAt counted to, and its line: warnings come in
	// document order, so each count goes on from the last.
	lineOff, lineN int
}

// lineAt returns the line of the file at offset off of the element text.
func (d *doc) lineAt(off int) int {
	if off < d.lineOff {
		d.lineOff, d.lineN = 0, d.line
	}
	d.lineN += countLinesIn(d.s[d.lineOff:off], d.sawLF)
	d.lineOff = off
	return d.lineN
}

type node struct {
	name       string // as written, with any prefix ("mml:math")
	attrs      string // the start tag's text after the name
	start, end int    // content: s[start:end]
	nameAt     int32  // offset of the name
	nameLen    int32
	attrsEnd   int32 // attributes: s[nameAt+nameLen:attrsEnd]

	first, next int32 // first child, next sibling; -1 for none
	last        int32 // last child
}

// syntaxError is a well-formedness error at an offset of the element text.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

func errorf(off int, format string, args ...any) error {
	return &syntaxError{off: off, msg: fmt.Sprintf(format, args...)}
}

// errNeedMore means the element goes on past the end of the input at hand.
var errNeedMore = errors.New("element continues past the input read")

// parse reads the element that starts at b[0] (its start tag) into d and
// returns the offset just past its end tag. It returns errNeedMore when b
// ends first, and a *syntaxError when the element is not well formed: an
// end tag that does not match, an unquoted attribute, a stray '<', a
// markup declaration, another record's start tag inside. Call finish with
// the element's text before using d.
func (d *doc) parse(b []byte) (int, error) {
	d.nodes = d.nodes[:0]
	d.stack = d.stack[:0]
	i := 0
	for {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return 0, d.needMore(len(b), "")
		}
		i += j
		if i+1 >= len(b) {
			return 0, d.needMore(i, "tag")
		}
		switch b[i+1] {
		case '/':
			k := i + 2
			for k < len(b) && nameByte[b[k]] {
				k++
			}
			name := b[i+2 : k]
			for k < len(b) && isSpace(b[k]) {
				k++
			}
			if k >= len(b) {
				return 0, d.needMore(i, "end tag")
			}
			if len(name) == 0 || b[k] != '>' {
				return 0, errorf(i, "malformed end tag %q", clip(string(b[i:k+1])))
			}
			if len(d.stack) == 0 {
				return 0, errorf(i, "end tag </%s> without a start tag", name)
			}
			top := &d.nodes[d.stack[len(d.stack)-1]]
			if open := b[top.nameAt : top.nameAt+top.nameLen]; string(open) != string(name) {
				return 0, errorf(i, "end tag </%s> does not match <%s> opened at line %d", name, open,
					d.line+countLines(b[:top.nameAt], d.sawLF))
			}
			top.end = i
			d.stack = d.stack[:len(d.stack)-1]
			i = k + 1
			if len(d.stack) == 0 {
				return i, nil
			}
		case '!':
			switch {
			case len(b)-i < 9:
				return 0, d.needMore(i, "markup")
			case bytes.HasPrefix(b[i:], []byte("<!--")):
				e := bytes.Index(b[i+4:], []byte("-->"))
				if e < 0 {
					return 0, d.needMore(i, "comment")
				}
				i += 4 + e + 3
			case bytes.HasPrefix(b[i:], []byte("<![CDATA[")):
				e := bytes.Index(b[i+9:], []byte("]]>"))
				if e < 0 {
					return 0, d.needMore(i, "CDATA section")
				}
				i += 9 + e + 3
			default:
				return 0, errorf(i, "markup declaration %q inside an element", clip(string(b[i:])))
			}
		case '?':
			e := bytes.Index(b[i+2:], []byte("?>"))
			if e < 0 {
				return 0, d.needMore(i, "processing instruction")
			}
			i += 2 + e + 2
		default:
			next, err := d.startTag(b, i)
			if err != nil {
				return 0, err
			}
			i = next
			if len(d.stack) == 0 { // a self-closed record element
				return i, nil
			}
		}
	}
}

// startTag reads the start tag at b[i] ('<'), adds its node and returns the
// offset after the tag.
func (d *doc) startTag(b []byte, i int) (int, error) {
	k := i + 1
	if !nameStart[b[k]] {
		return 0, errorf(i, "'<' not followed by a name (write &lt; for a literal '<')")
	}
	for k < len(b) && nameByte[b[k]] {
		k++
	}
	name := b[i+1 : k]
	if len(d.stack) > 0 && (string(name) == elemArticle || string(name) == elemBookArticle) {
		return 0, errorf(i, "<%s> inside another record", name)
	}
	// Attributes.
	for {
		sp := k
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k >= len(b) {
			return 0, d.needMore(i, "start tag <"+string(name)+">")
		}
		c := b[k]
		if c == '>' || c == '/' {
			break
		}
		if k == sp || !nameStart[c] {
			return 0, errorf(k, "unexpected %q in start tag <%s>", rune(c), name)
		}
		a := k
		for k < len(b) && nameByte[b[k]] {
			k++
		}
		an := b[a:k]
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k >= len(b) {
			return 0, d.needMore(i, "start tag <"+string(name)+">")
		}
		if b[k] != '=' {
			return 0, errorf(k, "attribute %s of <%s> has no value", an, name)
		}
		k++
		for k < len(b) && isSpace(b[k]) {
			k++
		}
		if k >= len(b) {
			return 0, d.needMore(i, "start tag <"+string(name)+">")
		}
		if b[k] != '"' && b[k] != '\'' {
			return 0, errorf(k, "value of attribute %s of <%s> is not quoted", an, name)
		}
		q := b[k]
		e := bytes.IndexByte(b[k+1:], q)
		if e < 0 {
			return 0, d.needMore(i, "start tag <"+string(name)+">")
		}
		if lt := bytes.IndexByte(b[k+1:k+1+e], '<'); lt >= 0 {
			return 0, errorf(k+1+lt, "'<' in the value of attribute %s of <%s>", an, name)
		}
		k += 1 + e + 1
	}
	attrsEnd := k
	selfClosed := b[k] == '/'
	if selfClosed {
		if k+1 >= len(b) {
			return 0, d.needMore(i, "start tag <"+string(name)+">")
		}
		if b[k+1] != '>' {
			return 0, errorf(k, "unexpected '/' in start tag <%s>", name)
		}
		k++
	}
	k++ // '>'
	idx := int32(len(d.nodes))
	d.nodes = append(d.nodes, node{start: k, end: k, nameAt: int32(i + 1), nameLen: int32(len(name)), attrsEnd: int32(attrsEnd), first: -1, next: -1, last: -1})
	if len(d.stack) > 0 {
		p := &d.nodes[d.stack[len(d.stack)-1]]
		if p.last >= 0 {
			d.nodes[p.last].next = idx
		} else {
			p.first = idx
		}
		p.last = idx
	}
	if !selfClosed {
		d.stack = append(d.stack, idx)
	}
	return k, nil
}

// needMore notes that the construct (what) at offset off is not closed
// within the input at hand, and returns errNeedMore.
func (d *doc) needMore(off int, what string) error {
	d.open = syntaxError{off: off, msg: what + " not closed"}
	return errNeedMore
}

// finish sets the names and attribute text of the nodes as substrings of
// s, the element's text that parse read.
func (d *doc) finish(s string) {
	d.s = s
	d.lineOff, d.lineN = 0, d.line
	for i := range d.nodes {
		n := &d.nodes[i]
		n.name = s[n.nameAt : n.nameAt+n.nameLen]
		n.attrs = s[n.nameAt+n.nameLen : n.attrsEnd]
	}
}

func clip(s string) string {
	if len(s) > 40 {
		s = s[:40]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		return s + "..."
	}
	return s
}

// child returns the first child element of n named name, or -1.
func (d *doc) child(n int32, name string) int32 {
	if n < 0 {
		return -1
	}
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		if d.nodes[c].name == name {
			return c
		}
	}
	return -1
}

// count returns the number of child elements of n named name.
func (d *doc) count(n int32, name string) int {
	k := 0
	for c := d.nodes[n].first; c >= 0; c = d.nodes[c].next {
		if d.nodes[c].name == name {
			k++
		}
	}
	return k
}

// attr returns the decoded value of attribute key of n, or "".
func (d *doc) attr(n int32, key string) string {
	if n < 0 {
		return ""
	}
	a := d.nodes[n].attrs
	for {
		i := strings.Index(a, key)
		if i < 0 {
			return ""
		}
		// The name must stand alone: preceded by white space, followed by
		// optional white space and '='.
		j := i + len(key)
		if i > 0 && !isSpace(a[i-1]) {
			a = a[j:]
			continue
		}
		for j < len(a) && isSpace(a[j]) {
			j++
		}
		if j >= len(a) || a[j] != '=' {
			a = a[j:]
			continue
		}
		j++
		for j < len(a) && isSpace(a[j]) {
			j++
		}
		if j >= len(a) {
			return ""
		}
		q := a[j]
		e := strings.IndexByte(a[j+1:], q)
		if e < 0 {
			return ""
		}
		v := a[j+1 : j+1+e]
		if strings.IndexByte(v, '&') >= 0 {
			v = decodeEntities(v, nil, nil)
		}
		return strings.TrimSpace(v)
	}
}

// raw returns the content of n as written.
func (d *doc) raw(n int32) string {
	if n < 0 {
		return ""
	}
	return d.s[d.nodes[n].start:d.nodes[n].end]
}

// textDecoder turns element content into clean text.
type textDecoder struct {
	entities map[string]string // declared in the DOCTYPE
	unknown  []string          // entity references it could not resolve
	controls int               // values that held control characters (removed)
	sb       strings.Builder
}

// text returns the text of element n: the text of its children included
// (inline markup such as <i>, <sup> and MathML is dropped, its text kept),
// entities decoded, comments dropped, CDATA taken as text, white space
// collapsed, in NFC.
func (t *textDecoder) text(d *doc, n int32) string {
	if n < 0 {
		return ""
	}
	return t.clean(d.raw(n))
}

// clean decodes a run of element content.
func (t *textDecoder) clean(s string) string {
	if isPlain(s) {
		return s
	}
	if strings.IndexByte(s, '<') < 0 {
		if strings.IndexByte(s, '&') >= 0 {
			s = decodeEntities(s, t.entities, &t.unknown)
			if strings.Contains(s, "</") {
				// Markup written as text (&lt;i&gt;...&lt;/i&gt;), as some
				// older records have it: drop the tags, as for real ones.
				s = bib.StripTags(s)
			}
		}
		return t.finish(s)
	}
	t.sb.Reset()
	// Inside a formula, white space between MathML's elements is layout,
	// not text ("<mml:mi>V</mml:mi>\n  <mml:mn>2</mml:mn>" is "V2"); a
	// space an <mml:mtext> holds is text.
	math, inText := 0, false
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			t.appendText(s)
			break
		}
		if math == 0 || inText || strings.TrimSpace(s[:i]) != "" {
			t.appendText(s[:i])
		}
		s = s[i:]
		switch {
		case strings.HasPrefix(s, "<!--"):
			s = skipPast(s, "-->")
		case strings.HasPrefix(s, "<![CDATA["):
			e := strings.Index(s, "]]>")
			if e < 0 {
				t.sb.WriteString(s[9:])
				s = ""
			} else {
				t.sb.WriteString(s[9:e])
				s = s[e+3:]
			}
		case strings.HasPrefix(s, "<?"):
			s = skipPast(s, "?>")
		default:
			name, end, selfClosed, rest := tagParts(s)
			s = rest
			switch local := name[strings.IndexByte(name, ':')+1:]; {
			case local == "math" && !selfClosed:
				if end {
					math = max(math-1, 0)
				} else {
					math++
				}
			case local == "mtext":
				inText = !end && !selfClosed
			}
			if !end && !selfClosed && name == "u" {
				// An underlined "<", ">" or "+" stands for "≤", "≥" or
				// "±", as typesetting without those signs wrote them.
				if sign, n := underlinedSign(s); n > 0 {
					t.sb.WriteString(sign)
					s = s[n:]
					continue
				}
			}
			if !end && !selfClosed && isAnnotation(name) {
				// MathML annotations repeat the formula in another
				// notation (TeX, Content MathML): not text.
				s = skipPast(s, "</"+name+">")
			}
			// A line break element separates words.
			if !end && (name == "br" || name == "mml:mspace" || name == "mspace") {
				t.sb.WriteByte(' ')
			}
		}
	}
	return t.finish(t.sb.String())
}

// finish collapses white space, removes the control characters XML does
// not allow in text (a stray one does not cost the record), and returns
// the text in NFC.
func (t *textDecoder) finish(s string) string {
	s = bib.CleanText(s)
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			t.controls++
			s = bib.CleanText(strings.Map(func(r rune) rune {
				if r < 0x20 {
					return -1
				}
				return r
			}, s))
			break
		}
	}
	return bib.NFC(s)
}

// isPlain reports whether s is text that decoding would leave as it is:
// printable ASCII with single spaces inside, no markup, no entity. One
// pass, for the common case; anything else takes the full way.
func isPlain(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == ' ':
			if space {
				return false
			}
			space = true
		case c < ' ' || c >= 0x7f || c == '<' || c == '&':
			return false
		default:
			space = false
		}
	}
	return true
}

func (t *textDecoder) appendText(s string) {
	if strings.IndexByte(s, '&') >= 0 {
		s = decodeEntities(s, t.entities, &t.unknown)
	}
	t.sb.WriteString(s)
}

// underlinedSign reads the content and end tag of an element <u> that
// holds just "<", ">" or "+" from the start of s, returning the sign it
// stands for and the length read; n is 0 when s holds anything else.
func underlinedSign(s string) (sign string, n int) {
	for _, u := range [...]struct{ in, sign string }{
		{"&lt;</u>", "≤"}, {"&gt;</u>", "≥"}, {"></u>", "≥"}, {"+</u>", "±"},
	} {
		if strings.HasPrefix(s, u.in) {
			return u.sign, len(u.in)
		}
	}
	return "", 0
}

func isAnnotation(name string) bool {
	switch name {
	case "mml:annotation", "mml:annotation-xml", "annotation", "annotation-xml":
		return true
	}
	return false
}

// tagParts reads the tag at the start of s: its name, whether it is an
// end tag, whether it closes itself, and what follows it.
func tagParts(s string) (name string, end, selfClosed bool, rest string) {
	i := 1
	end = s[1] == '/'
	if end {
		i++
	}
	j := i
	for j < len(s) && isNameByte(s[j]) {
		j++
	}
	name = s[i:j]
	var quote byte
	for ; j < len(s); j++ {
		c := s[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return name, end, s[j-1] == '/', s[j+1:]
		}
	}
	return "", false, false, ""
}

func skipPast(s, end string) string {
	if e := strings.Index(s, end); e >= 0 {
		return s[e+len(end):]
	}
	return ""
}

// xmlEntities are the five entities XML predefines.
var xmlEntities = map[string]string{"lt": "<", "gt": ">", "amp": "&", "quot": `"`, "apos": "'"}

// decodeEntities replaces entity and character references in s: the five
// XML entities, decimal and hexadecimal character references, entities
// declared in the DOCTYPE, and the HTML named entities (&nbsp;, &eacute;,
// &ndash;, ...) that hand-edited and web-saved files carry. A reference it
// does not know is kept as written and added to unknown.
func decodeEntities(s string, declared map[string]string, unknown *[]string) string {
	var b strings.Builder
	b.Grow(len(s))
	for {
		i := strings.IndexByte(s, '&')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		s = s[i:]
		semi := strings.IndexByte(s[:min(len(s), 40)], ';')
		if semi < 2 {
			b.WriteByte('&') // a bare '&': kept
			s = s[1:]
			continue
		}
		ref := s[1:semi]
		if !isReference(ref) {
			b.WriteByte('&') // a bare '&' followed by other text: kept
			s = s[1:]
			continue
		}
		if v, ok := resolve(ref, declared); ok {
			b.WriteString(v)
		} else {
			b.WriteString(s[:semi+1])
			if unknown != nil && len(*unknown) < 10 {
				*unknown = append(*unknown, s[:semi+1])
			}
		}
		s = s[semi+1:]
	}
}

// isReference reports whether ref (between '&' and ';') has the form of an
// entity name or a character reference.
func isReference(ref string) bool {
	if ref[0] == '#' {
		return len(ref) > 1
	}
	if !isNameStart(ref[0]) {
		return false
	}
	for i := 1; i < len(ref); i++ {
		if !isNameByte(ref[i]) {
			return false
		}
	}
	return true
}

func resolve(ref string, declared map[string]string) (string, bool) {
	if ref[0] == '#' {
		var r rune
		digits := ref[1:]
		base := rune(10)
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			base = 16
			digits = digits[1:]
		}
		if digits == "" || len(digits) > 8 {
			return "", false
		}
		for i := 0; i < len(digits); i++ {
			c := rune(digits[i])
			var v rune
			switch {
			case c >= '0' && c <= '9':
				v = c - '0'
			case base == 16 && c >= 'a' && c <= 'f':
				v = c - 'a' + 10
			case base == 16 && c >= 'A' && c <= 'F':
				v = c - 'A' + 10
			default:
				return "", false
			}
			r = r*base + v
		}
		if r == 0 || !utf8.ValidRune(r) {
			return "", false
		}
		return string(r), true
	}
	if v, ok := xmlEntities[ref]; ok {
		return v, true
	}
	if v, ok := declared[ref]; ok {
		return v, true
	}
	e := "&" + ref + ";"
	if v := html.UnescapeString(e); v != e {
		return v, true
	}
	return "", false
}
