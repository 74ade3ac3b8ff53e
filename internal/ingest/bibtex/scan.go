package bibtex

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/wordbits"
)

// Entry is one @-entry of a BibTeX file as written: its type, citation
// key and fields, with @string macros expanded and # concatenations joined.
// Values are LaTeX source (inner braces kept); see Text and Names.
type Entry struct {
	Type   string  // entry type in lower case: "article", "inproceedings", ...
	Key    string  // citation key, "" when the entry has none
	Fields []Field // in file order; a repeated field is kept only the first time
	Line   int     // line of the '@'
	Raw    string  // the entry's text as it stood in the file
	// Warnings about the entry that did not stop it from being read.
	Warnings []bib.Warning

	// slots finds the first namesN fields by name, so that a lookup
	// (Map makes a hundred) need not walk through them: a hash table with
	// open addressing (see nameHash) of field indexes plus one, 0 for an
	// empty slot. An entry of more than maxIndexed fields has none, and
	// fields appended without add are not in it until index is called.
	slots  [64]uint8
	namesN int
}

// maxIndexed is the most fields Entry.slots holds: half its size, so
// that a probe soon meets an empty slot.
const maxIndexed = 32

// nameHash returns where a field name's probe starts in Entry.slots.
func nameHash(name string) uint {
	n := uint(len(name))
	if n == 0 {
		return 0
	}
	return n*7 + uint(name[0])*3 + uint(name[n/2])*5 + uint(name[n-1])
}

// index puts all fields into e.slots, unless there are too many.
func (e *Entry) index() {
	e.slots = [64]uint8{}
	e.namesN = 0
	if len(e.Fields) > maxIndexed {
		e.namesN = -1
		return
	}
	for i := range e.Fields {
		e.insert(i)
	}
}

// insert puts field i, the one after the indexed ones, into e.slots. A
// name already there keeps its first field.
func (e *Entry) insert(i int) {
	name := e.Fields[i].Name
	for h := nameHash(name); ; h++ {
		slot := e.slots[h%64]
		if slot == 0 {
			e.slots[h%64] = uint8(i + 1)
			break
		}
		if e.Fields[slot-1].Name == name {
			break
		}
	}
	e.namesN = i + 1
}

// find returns the index of the first field of the name, or -1.
func (e *Entry) find(name string) int {
	if e.namesN != len(e.Fields) {
		for i := range e.Fields {
			if e.Fields[i].Name == name {
				return i
			}
		}
		return -1
	}
	for h := nameHash(name); ; h++ {
		slot := e.slots[h%64]
		if slot == 0 {
			return -1
		}
		if e.Fields[slot-1].Name == name {
			return int(slot - 1)
		}
	}
}

// Field is one "name = value" of an entry.
type Field struct {
	Name  string // lower case
	Value string // LaTeX source, macros expanded
	Line  int
	flags uint8 // what Text has to do with Value (valueLaTeX, valueUnclean)
}

// Field flags, found while the value is read.
const (
	valueLaTeX   uint8 = 1 << iota // holds LaTeX (braces, commands, math, ligatures)
	valueUnclean                   // holds white space or non-ASCII text to normalize
)

// text returns the value of the named field as plain text (see Text), or
// "". A value read as clean ASCII without LaTeX is returned as it is.
func (e *Entry) text(name string) string {
	i := e.find(name)
	if i < 0 {
		return ""
	}
	return e.Fields[i].text()
}

// text returns the field's value as plain text (see Text). A value read as
// clean ASCII without LaTeX is returned as it is.
func (f *Field) text() string {
	if f.flags != 0 {
		return Text(f.Value)
	}
	return f.Value
}

// Get returns the value of the named field (lower case), or "".
func (e *Entry) Get(name string) string {
	if i := e.find(name); i >= 0 {
		return e.Fields[i].Value
	}
	return ""
}

// Has reports whether the entry has the named field.
func (e *Entry) Has(name string) bool {
	return e.find(name) >= 0
}

// clone returns a copy of e with fields of its own.
func (e *Entry) clone() *Entry {
	c := *e
	c.Fields = slices.Clone(e.Fields)
	return &c
}

func (e *Entry) warn(line int, format string, args ...any) {
	e.Warnings = append(e.Warnings, bib.Warning{Line: line, Msg: fmt.Sprintf(format, args...)})
}

// scanner finds the text of the entries in a stream of lines. It holds
// one entry's text at a time.
type scanner struct {
	lines    lineSource
	rest     []byte // the unread end of a line after an entry closed on it
	restLine int
	hasRest  bool
	skipping bool   // after a broken entry: wait for a line that starts with '@'
	buf      []byte // the text of the entry being read
	junk     int    // lines of text outside entries
	junkLine int    // the first of them
}

type lineSource interface {
	Next() ([]byte, int, error)
	Peek() ([]byte, int, error)
}

// next returns the next line to look at.
func (sc *scanner) next() ([]byte, int, error) {
	if sc.hasRest {
		sc.hasRest = false
		return sc.rest, sc.restLine, nil
	}
	return sc.lines.Next()
}

func (sc *scanner) noteJunk(text []byte, line int) {
	t := trimSpace(text)
	if len(t) == 0 || t[0] == '%' {
		return // blank, or a comment line ("% Encoding: UTF-8")
	}
	if sc.junk == 0 {
		sc.junkLine = line
	}
	sc.junk++
}

// rawEntry is the text of one entry, from its '@' to its closing brace or
// parenthesis, and the line it starts on.
type rawEntry struct {
	text     string
	line     int
	orig     string // the text as it stood in the file, when text was repaired
	warn     string // what the repair did
	warnLine int    // and where
}

// scan returns the text of the next entry (from '@' to its closing brace
// or parenthesis) and the line it starts on. An entry that does not close
// is returned as a *bib.ParseError; scanning then goes on at the next line
// that starts with '@'.
func (sc *scanner) scan() (rawEntry, error) {
	for {
		line, n, err := sc.next()
		if err != nil {
			return rawEntry{}, err
		}
		at, ok := sc.findStart(line, n)
		if !ok {
			sc.noteJunk(line, n)
			continue
		}
		sc.skipping = false
		if at > 0 {
			sc.noteJunk(line[:at], n)
		}
		sc.buf = append(sc.buf[:0], line[at:]...)
		return sc.body(n)
	}
}

// findStart returns where an entry starts in line: an '@' followed by a
// name and '{' or '(' (or the end of the line, when the next line brings
// the brace). A line whose first character is '%' is a comment. While
// skipping after a broken entry only an '@' at the start of a line counts.
func (sc *scanner) findStart(line []byte, n int) (int, bool) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f') {
		i++
	}
	if i < len(line) && line[i] == '%' {
		return 0, false
	}
	for ; i < len(line); i++ {
		if line[i] != '@' {
			if sc.skipping {
				return 0, false
			}
			continue
		}
		if i > 0 && isWordByte(line[i-1]) {
			continue // an e-mail address
		}
		j := i + 1
		for j < len(line) && isNameByte(line[j]) {
			j++
		}
		if j == i+1 || !isLetter(line[i+1]) {
			continue
		}
		for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
			j++
		}
		if j < len(line) && (line[j] == '{' || line[j] == '(') {
			return i, true
		}
		if j == len(line) {
			// "@article" alone: the brace may open the next line
			if next, _, err := sc.lines.Peek(); err == nil {
				t := trimSpace(next)
				if len(t) > 0 && (t[0] == '{' || t[0] == '(') {
					return i, true
				}
			}
		}
	}
	return 0, false
}

// startsEntry reports whether a line inside an entry opens a new one: an
// '@', a known entry type or a name followed by "{key,".
func startsEntry(line []byte) bool {
	// Most lines inside an entry start, after their indent, with a
	// field name: no need to trim them.
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	if i < len(line) && line[i] != '@' && line[i] > ' ' {
		return false
	}
	t := trimSpace(line)
	if len(t) < 3 || t[0] != '@' || !isLetter(t[1]) {
		return false
	}
	j := 1
	for j < len(t) && isNameByte(t[j]) {
		j++
	}
	name := strings.ToLower(string(t[1:j]))
	for j < len(t) && (t[j] == ' ' || t[j] == '\t') {
		j++
	}
	if j >= len(t) || (t[j] != '{' && t[j] != '(') {
		return false
	}
	if _, ok := types[name]; ok || name == "string" || name == "comment" || name == "preamble" {
		return true
	}
	rest := t[j+1:]
	k := 0
	for k < len(rest) && rest[k] != ',' && rest[k] != ' ' && rest[k] != '=' && rest[k] != '}' {
		k++
	}
	return k > 0 && k < len(rest) && rest[k] == ','
}

// body reads the entry whose text starts sc.buf, up to its closing
// delimiter, taking further lines as needed.
func (sc *scanner) body(start int) (rawEntry, error) {
	buf := sc.buf
	// header: '@', the type, spaces, the opening delimiter
	p := 1
	for p < len(buf) && isNameByte(buf[p]) {
		p++
	}
	typeEnd := p // the type is made a string only for an error message
	for p < len(buf) && (buf[p] == ' ' || buf[p] == '\t') {
		p++
	}
	lineNo := start
	if p == len(buf) {
		// the delimiter is on the next line (findStart checked it)
		line, n, _ := sc.lines.Next()
		lineNo = n
		buf = append(buf, '\n')
		buf = append(buf, line...)
		for p < len(buf) && isSpace(buf[p]) {
			p++
		}
	}
	closer := byte('}')
	base := 1
	if buf[p] == '(' {
		closer, base = ')', 0
	}
	comment := typeEnd == 8 && bytes.EqualFold(buf[1:typeEnd], []byte("comment"))
	// In a @comment, lines that start entries are text (an entry
	// commented out); the first line that begins with '@' and a name is
	// remembered, so that reading can go on there if the comment never
	// closes.
	entryAt, entryLine := -1, 0
	depth := base
	inQuote := false
	lineStart := 0
	p++
	for {
		for ; p < len(buf); p++ {
			if depth > base {
				// Inside a braced value only \ { } count (the cases
				// below for the others need depth == base or 0), and
				// they are found faster than byte by byte.
				p += braceStop(buf[p:])
			} else {
				for p < len(buf) && !entryByte[buf[p]] {
					p++
				}
			}
			if p == len(buf) {
				break
			}
			c := buf[p]
			switch c {
			case '\\':
				if p+1 < len(buf) {
					p++
				}
			case '{':
				depth++
			case '}':
				depth--
				if depth == 0 && closer == '}' {
					return sc.finish(buf, p, start, lineNo)
				}
				if depth < 0 {
					depth = 0
				}
			case ')':
				if closer == ')' && depth == 0 && !inQuote {
					return sc.finish(buf, p, start, lineNo)
				}
			case '"':
				if !comment && depth == base {
					inQuote = !inQuote
				}
			case '%':
				// a comment between fields, or a percent-encoded field name?
				if !comment && !inQuote && depth == base && (p == lineStart || isSpace(buf[p-1]) || buf[p-1] == ',') {
					p = len(buf) - 1
				}
			}
		}
		line, n, err := sc.lines.Next()
		if err == io.EOF {
			sc.buf = buf
			if entryAt >= 0 {
				// Read the entries the unclosed comment took in.
				sc.lines = &replay{text: bytes.Clone(buf[entryAt:]), line: entryLine, then: sc.lines}
				return rawEntry{}, bib.Errorf(start, "@comment is not closed: %s at the end of the file (unbalanced braces?); reading goes on with the entry at line %d", openDesc(depth, base, inQuote, closer), entryLine)
			}
			return rawEntry{}, bib.Errorf(start, "@%s entry is not closed: %s at the end of the file (unbalanced braces?)", strings.ToLower(string(buf[1:typeEnd])), openDesc(depth, base, inQuote, closer))
		}
		if err != nil {
			return rawEntry{}, err
		}
		if !comment && startsEntry(line) {
			sc.rest, sc.restLine, sc.hasRest = append(sc.rest[:0], line...), n, true
			sc.buf = buf
			return rawEntry{}, bib.Errorf(start, "@%s entry is not closed before the entry at line %d: %s (unbalanced braces or a missing '%c'?)", strings.ToLower(string(buf[1:typeEnd])), n, openDesc(depth, base, inQuote, closer), closer)
		}
		if comment && entryAt < 0 {
			if t := trimSpace(line); len(t) > 1 && t[0] == '@' && isLetter(t[1]) {
				entryAt, entryLine = len(buf)+1, n
			}
		}
		buf = append(buf, '\n')
		lineStart = len(buf)
		buf = append(buf, line...)
		lineNo = n
	}
}

// replay gives back lines already read, numbered from line, and then
// those of the source after them.
type replay struct {
	text []byte // the lines, joined by '\n'
	line int    // the number of the first
	then lineSource
	done bool
}

func (r *replay) Next() ([]byte, int, error) {
	if r.done {
		return r.then.Next()
	}
	line, n := r.cut()
	if i := bytes.IndexByte(r.text, '\n'); i >= 0 {
		r.text = r.text[i+1:]
		r.line++
	} else {
		r.done = true
	}
	return line, n, nil
}

func (r *replay) Peek() ([]byte, int, error) {
	if r.done {
		return r.then.Peek()
	}
	line, n := r.cut()
	return line, n, nil
}

// cut returns the next line and its number.
func (r *replay) cut() ([]byte, int) {
	if i := bytes.IndexByte(r.text, '\n'); i >= 0 {
		return r.text[:i], r.line
	}
	return r.text, r.line
}

// entryByte are the bytes body stops at.
var entryByte = func() (t [256]bool) {
	for _, c := range "\\{}()\"%" {
		t[c] = true
	}
	return t
}()

// braceStop returns the index of the first '\\', '{' or '}' in b, or len(b).
func braceStop(b []byte) int {
	end := bytes.IndexByte(b, '}')
	if end < 0 {
		end = len(b)
	}
	if i := bytes.IndexByte(b[:end], '{'); i >= 0 {
		end = i
	}
	if i := bytes.IndexByte(b[:end], '\\'); i >= 0 {
		end = i
	}
	return end
}

func openDesc(depth, base int, inQuote bool, closer byte) string {
	open := depth
	if closer == ')' {
		open++ // the entry's own parenthesis
	}
	switch {
	case inQuote:
		return "a quoted value is still open"
	case open == 1:
		return "1 brace is still open"
	}
	return fmt.Sprintf("%d braces are still open", open)
}

// finish ends the entry at buf[end] and keeps the rest of its last line for
// the next scan. Fields after the closing brace on the same line mean the
// entry closed too early: an extra '}'.
func (sc *scanner) finish(buf []byte, end, start, lineNo int) (rawEntry, error) {
	sc.buf = buf
	text := string(buf[:end+1])
	rest := buf[end+1:]
	if t := trimSpace(rest); len(t) > 0 {
		if t[0] == ',' {
			early := &bib.ParseError{Line: lineNo, Column: utf8.RuneCount(buf[bytesLastLine(buf, end):end]) + 1,
				Err: fmt.Errorf("entry starting at line %d closes here but more fields follow (an extra '}'?)", start)}
			if buf[end] != '}' {
				sc.skipping = true
				return rawEntry{}, early
			}
			return sc.recoverEarlyClose(buf, start, early)
		}
		sc.rest, sc.restLine, sc.hasRest = append(sc.rest[:0], rest...), lineNo, true
	}
	return rawEntry{text: text, line: start}, nil
}

// bytesLastLine returns the index where the line holding buf[i] starts.
func bytesLastLine(buf []byte, i int) int {
	for j := i - 1; j >= 0; j-- {
		if buf[j] == '\n' {
			return j + 1
		}
	}
	return 0
}

func trimSpace(b []byte) []byte {
	i, j := 0, len(b)
	for i < j && (b[i] == ' ' || b[i] == '\t' || b[i] == '\f' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	for j > i && (b[j-1] == ' ' || b[j-1] == '\t' || b[j-1] == '\f' || b[j-1] == '\r' || b[j-1] == '\n') {
		j--
	}
	return b[i:j]
}

func isWordByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-'
}

// isNameByte reports whether c may be part of an entry type.
func isNameByte(c byte) bool { return isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '-' }

// parser reads the fields of one entry's text.
type parser struct {
	s         string
	p         int
	line      int // line of s[p]
	lineStart int // index in s where that line starts
	macros    map[string]string
	e         *Entry
	flags     uint8 // of the value being read
}

func (ps *parser) errorf(format string, args ...any) error {
	col := utf8.RuneCountInString(ps.s[ps.lineStart:min(ps.p, len(ps.s))]) + 1
	return &bib.ParseError{Line: ps.line, Column: col, Err: fmt.Errorf(format, args...)}
}

// skip passes over white space and % comments. It works on a copy of
// ps.p, which the compiler keeps in a register: skip is called several
// times for every field, mostly to pass over a few spaces or none.
func (ps *parser) skip() {
	s, p := ps.s, ps.p
	for p < len(s) {
		c := s[p]
		if c > ' ' && c != '%' {
			break // what most calls find at once
		}
		switch c {
		case '\n':
			p++
			ps.line++
			ps.lineStart = p
			continue
		case ' ', '\t', '\r', '\f', '\v':
			p++
			continue
		case '%':
			if i := strings.IndexByte(s[p:], '\n'); i >= 0 {
				p += i
			} else {
				p = len(s)
			}
			continue
		}
		break
	}
	ps.p = p
}

// advance moves to index q, counting the lines passed.
func (ps *parser) advance(q int) {
	for {
		i := strings.IndexByte(ps.s[ps.p:q], '\n')
		if i < 0 {
			break
		}
		ps.p += i + 1
		ps.line++
		ps.lineStart = ps.p
	}
	ps.p = q
}

// parseEntry reads the text of one entry into a new Entry (see
// Entry.parse). It returns a nil Entry for @string, @preamble and
// @comment.
func parseEntry(raw rawEntry, macros map[string]string) (*Entry, error) {
	e := new(Entry)
	if ok, err := e.parse(raw, macros); !ok || err != nil {
		return nil, err
	}
	return e, nil
}

// parse reads the text of one entry into e. It resets e first, keeping
// only the room of its fields, so that a reader can read entry after
// entry into one Entry. It defines the macros of an @string entry and
// reports false for @string, @preamble and @comment, which are no
// entries of their own.
func (e *Entry) parse(raw rawEntry, macros map[string]string) (bool, error) {
	s := raw.text
	ps := &parser{s: s, line: raw.line, macros: macros}
	p := 1
	for p < len(s) && isNameByte(s[p]) {
		p++
	}
	typ := strings.ToLower(s[1:p])
	ps.p = p
	ps.skip()
	closer := byte('}')
	if s[ps.p] == '(' {
		closer = ')'
	}
	ps.p++
	switch typ {
	case "comment", "preamble":
		return false, nil
	case "string":
		ps.e = &Entry{Type: typ, Line: raw.line} // takes the warnings, which go nowhere
		for {
			ps.skip()
			if ps.p >= len(s)-1 {
				return false, nil
			}
			if s[ps.p] == ',' {
				ps.p++
				continue
			}
			name, value, err := ps.field()
			if err != nil {
				if pe, ok := err.(*bib.ParseError); ok {
					pe.Err = fmt.Errorf("@string: %w", pe.Err)
				}
				return false, err
			}
			if name != "" {
				macros[name] = value
			}
			ps.skip()
			if ps.p < len(s)-1 && s[ps.p] != ',' {
				return false, ps.errorf("@string: expected ',' or '%c' after the value of %q", closer, name)
			}
		}
	}
	fields := e.Fields
	clear(fields) // so that the room kept holds no text of an entry read before
	if fields == nil {
		fields = make([]Field, 0, 16)
	}
	*e = Entry{Type: typ, Line: raw.line, Raw: s, Fields: fields[:0]}
	if raw.orig != "" {
		e.Raw = raw.orig
		e.warn(raw.warnLine, "%s", raw.warn)
	}
	ps.e = e
	// the citation key
	ps.skip()
	keyStart := ps.p
	k := ps.p
	for k < len(s)-1 && !endsKey(s[k]) {
		k++
	}
	q := k
	for q < len(s)-1 && isSpace(s[q]) {
		q++
	}
	switch {
	case q < len(s) && s[q] == '=':
		// no key: the entry begins with its first field
	case q >= len(s)-1:
		e.Key = s[ps.p:k]
		return true, nil
	case s[q] == ',':
		e.Key = s[ps.p:k]
		ps.advance(q + 1)
	default:
		// Scopus writes a family name with spaces into the key
		// ("@ARTICLE{Rister Portinari Maranca2025984,"): what follows
		// the first word is no field, so the key runs on to the comma.
		if end := spacedKeyEnd(s, k); end > 0 {
			e.Key = strings.TrimSpace(s[keyStart:end])
			ps.advance(end + 1)
			break
		}
		ps.advance(q)
		return false, ps.errorf("expected ',' after the citation key %q, found %q", s[keyStart:k], nextToken(s[q:]))
	}
	for {
		ps.skip()
		if ps.p >= len(s)-1 {
			return true, nil
		}
		if s[ps.p] == ',' {
			ps.p++
			continue
		}
		line := ps.line
		ps.flags = 0
		name, value, err := ps.field()
		if err != nil {
			return false, err
		}
		ps.skip()
		if ps.p < len(s)-1 && s[ps.p] != ',' {
			breaks := linesBefore(s, ps.p)
			if breaks == 0 || !startsField(s[ps.p:]) {
				return false, ps.errorf("missing ',' after the value of %q (found %q)", name, nextToken(s[ps.p:]))
			}
			e.warn(ps.line-breaks, "missing ',' after the value of %s; the field on the next line is read as the next field", name)
		}
		e.add(name, value, line, ps.flags)
	}
}

// endsKey reports whether c ends the first word of a citation key. (A
// switch, not a search of a string for every byte of every key.)
func endsKey(c byte) bool {
	switch c {
	case ',', '=', ' ', '\t', '\r', '\n':
		return true
	}
	return false
}

// endsToken reports whether c ends a number or a macro name in a value.
func endsToken(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', ',', '#', '{', '}', '"', '=':
		return true
	}
	return false
}

// spacedKeyEnd returns the index of the comma that ends a citation key
// with spaces in it, looking on from k, the end of the key's first word;
// or 0 when the text there is no more of a key: it must reach a comma on
// the same line without a character that means a field or a value
// (= { } " # and parentheses). "@article{a title = {x}," is a key
// missing its comma, not the key "a title = {x}".
func spacedKeyEnd(s string, k int) int {
	for i := k; i < len(s)-1; i++ {
		switch s[i] {
		case ',':
			return i
		case '=', '{', '}', '"', '#', '(', ')', '\n', '\r':
			return 0
		}
	}
	return 0
}

// startsField reports whether s begins with a field name and '=': what
// follows a value whose comma was left out, as in "title = {A}" then
// "year = 2001" on the next line.
func startsField(s string) bool {
	i := 0
	for i < len(s) && isFieldNameByte(s[i]) {
		i++
	}
	if i == 0 {
		return false
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i < len(s) && s[i] == '='
}

// linesBefore counts the line breaks in the white space that ends at p.
func linesBefore(s string, p int) int {
	n := 0
	for p > 0 && isSpace(s[p-1]) {
		p--
		if s[p] == '\n' {
			n++
		}
	}
	return n
}

// nextToken returns the start of s for error messages.
func nextToken(s string) string {
	if i := strings.IndexAny(s, "\n"); i >= 0 {
		s = s[:i]
	}
	if utf8.RuneCountInString(s) > 20 {
		r := []rune(s)
		s = string(r[:20]) + "…"
	}
	return s
}

// add adds a field to the entry: annotations (biblatex's "author+an") are
// dropped, empty values are dropped, and a repeated field keeps its first
// value.
func (e *Entry) add(name, value string, line int, flags uint8) {
	if name == "" || strings.IndexByte(name, '+') >= 0 && strings.Contains(name, "+an") {
		return
	}
	// A value that starts with printable ASCII other than a space is
	// not blank: most need no trimming to find it out.
	if value == "" || (value[0] <= ' ' || value[0] >= utf8.RuneSelf) && strings.TrimSpace(value) == "" {
		return
	}
	if e.namesN != len(e.Fields) {
		e.index()
	}
	if i := e.find(name); i >= 0 {
		if f := &e.Fields[i]; f.Value == value {
			e.warn(line, "field %s repeated at line %d with the same value", name, line)
		} else {
			e.warn(line, "field %s repeated at line %d; the first value (line %d) is kept", name, line, f.Line)
		}
		return
	}
	e.Fields = append(e.Fields, Field{Name: name, Value: value, Line: line, flags: flags})
	if n := len(e.Fields); e.namesN == n-1 && n <= maxIndexed {
		e.insert(n - 1)
	}
}

// field reads "name = value".
func (ps *parser) field() (name, value string, err error) {
	s := ps.s
	start := ps.p
	// The name's bytes are classed as they are passed: a name in lower
	// case without %XX escapes, as most are, is no work for fieldName.
	q := start
	var kinds uint8
	for q < len(s)-1 {
		k := fieldNameBytes[s[q]]
		if k == 0 {
			break
		}
		kinds |= k
		q++
	}
	ps.p = q
	name = s[start:q]
	if name == "" {
		return "", "", ps.errorf("expected a field name, found %q", nextToken(s[ps.p:]))
	}
	if kinds != nameByte {
		name = fieldName(name)
	}
	ps.skip()
	if ps.p < len(s)-1 && s[ps.p] != '=' {
		if end, words := spacedFieldName(s, start); end > 0 {
			// "key words = {...}": a name of several words, which
			// BibTeX would refuse and drop the rest of the entry for
			name = fieldName(words)
			ps.e.warn(ps.line, "the field name %q has spaces in it; read as one name", name)
			ps.p = end
		}
	}
	if ps.p >= len(s)-1 || s[ps.p] != '=' {
		return "", "", ps.errorf("expected '=' after the field name %q, found %q", name, nextToken(s[ps.p:]))
	}
	ps.p++
	value, err = ps.value(name)
	return name, value, err
}

// spacedFieldName reads a field name of several words, separated by
// blanks on one line, that begins at start and ends where an '=' follows:
// it returns the index of the '=' and the words joined by one space, or 0
// when what follows the first word is no more of a name.
func spacedFieldName(s string, start int) (int, string) {
	var b strings.Builder
	i := start
	for i < len(s)-1 {
		w := i
		for i < len(s)-1 && isFieldNameByte(s[i]) {
			i++
		}
		if i == w {
			return 0, ""
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[w:i])
		for i < len(s)-1 && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i < len(s)-1 && s[i] == '=' {
			if !strings.Contains(b.String(), " ") {
				return 0, "" // one word: no spaced name
			}
			return i, b.String()
		}
	}
	return 0, ""
}

// fieldName lower-cases a field name and decodes %XX escapes in it.
func fieldName(n string) string {
	lower := true
	for i := 0; i < len(n); i++ {
		if c := n[i]; c >= 'A' && c <= 'Z' {
			lower = false
			break
		}
	}
	if !lower {
		n = strings.ToLower(n)
	}
	if strings.IndexByte(n, '%') >= 0 {
		if d, err := url.PathUnescape(n); err == nil {
			n = strings.ToLower(d)
		}
	}
	return n
}

func isFieldNameByte(c byte) bool { return fieldNameBytes[c] != 0 }

// Kinds of the bytes of field names in fieldNameBytes.
const (
	nameByte    = 1 << iota // may be part of a field name
	nameUpper               // and is an upper-case letter
	namePercent             // and is '%', which may start an escape
)

// fieldNameBytes are the kinds of the bytes that may be part of a field
// name: any printable character but = , { } " # ( ) ' and white space;
// 0 for the others.
var fieldNameBytes = func() (t [256]uint8) {
	for c := '!'; c < 256; c++ {
		if !strings.ContainsRune("=,{}\"#()'", c) {
			t[c] = nameByte
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] |= nameUpper
	}
	t['%'] |= namePercent
	return t
}()

// value reads a value: braced, quoted, numeric or macro parts joined by '#'.
func (ps *parser) value(field string) (string, error) {
	s := ps.s
	var room [4]string // a value has one part, seldom a few
	parts := room[:0]
	for {
		ps.skip()
		if ps.p >= len(s)-1 {
			break
		}
		switch c := s[ps.p]; {
		case c == '{':
			end, flags := scanValue(s, ps.p, '}')
			if end < 0 {
				return "", ps.errorf("the value of %q has an unclosed '{'", field)
			}
			ps.flags |= flags
			parts = append(parts, s[ps.p+1:end])
			if flags == 0 {
				// no line break, which is unclean, nor a backslash
				// that might have hidden one from scanValue
				ps.p = end + 1
			} else {
				ps.advance(end + 1)
			}
		case c == '"':
			end, flags := scanValue(s, ps.p, '"')
			if end < 0 {
				return "", ps.errorf("the value of %q has an unclosed '\"'", field)
			}
			ps.flags |= flags
			parts = append(parts, s[ps.p+1:end])
			ps.advance(end + 1)
		case c == ',':
			if len(parts) == 0 {
				ps.e.warn(ps.line, "field %s has no value", field)
			}
			return join(parts), nil
		default:
			// a number or a macro name
			q := ps.p
			for q < len(s)-1 && !endsToken(s[q]) {
				q++
			}
			if q == ps.p {
				return "", ps.errorf("unexpected %q in the value of %q", nextToken(s[ps.p:]), field)
			}
			tok := s[ps.p:q]
			if !bib.AllDigits(tok) {
				tok = ps.expand(tok, field)
				ps.flags |= valueLaTeX | valueUnclean
			}
			parts = append(parts, tok)
			ps.p = q
		}
		ps.skip()
		if ps.p < len(s)-1 && s[ps.p] == '#' {
			ps.p++
			continue
		}
		break
	}
	if len(parts) > 1 {
		ps.flags |= valueUnclean // the parts may join with doubled spaces
	}
	return join(parts), nil
}

func join(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts, "")
}

// expand returns the text of a macro: an @string defined earlier, or a
// month name. An undefined macro is kept as text, with a warning.
func (ps *parser) expand(name, field string) string {
	key := strings.ToLower(name)
	if v, ok := ps.macros[key]; ok {
		return v
	}
	if m, ok := monthMacros[key]; ok {
		return m
	}
	ps.e.warn(ps.line, "@string macro %q used in %s is not defined; kept as text", name, field)
	return name
}

var monthMacros = map[string]string{
	"jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
	"jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
}

// Byte classes for scanValue.
const (
	classStruct  = 1 + iota // \ { } "
	classLaTeX              // $ ~ `
	classPair               // - ' (LaTeX when doubled)
	classUnclean            // control characters and non-ASCII bytes
	classAmp                // & (LaTeX before '#' or a letter: a character reference, perhaps)
	classSpace              // ' ' (unclean when doubled)
)

var valueClass = func() (t [256]uint8) {
	for _, c := range "\\{}\"" {
		t[c] = classStruct
	}
	for _, c := range "$~`" {
		t[c] = classLaTeX
	}
	t['-'], t['\''], t['&'], t[' '] = classPair, classPair, classAmp, classSpace
	for c := 0; c < 256; c++ {
		if c < ' ' || c >= 0x7f {
			t[c] = classUnclean
		}
	}
	return t
}()

// pairStop is 1 for two bytes a and b, at index a | b<<8, when scanValue
// has to look at a: a byte of classStruct, classLaTeX or classUnclean
// whatever follows it, a space or a byte of classPair followed by the same
// byte, an '&' followed by '#' or a letter. Looking at the bytes of a
// value by pairs, scanValue passes over the single spaces, hyphens and
// apostrophes of text without stopping, and finds the doubled spaces it
// would otherwise have to look for again.
var pairStop = func() (t [1 << 16]uint8) {
	for a := 0; a < 256; a++ {
		for b := 0; b < 256; b++ {
			var stop bool
			switch valueClass[a] {
			case 0:
			case classSpace, classPair:
				stop = b == a
			case classAmp:
				stop = b == '#' || isLetter(byte(b))
			default:
				stop = true
			}
			if stop {
				t[a|b<<8] = 1
			}
		}
	}
	return t
}()

// scanValue reads the braced (closer '}') or quoted (closer '"') value
// that opens at s[i] and returns the index of its closing character, or
// -1 when it is not closed, and what Text will have to do with the text
// inside (valueLaTeX, valueUnclean): a value with spaces to trim or
// doubled spaces to collapse is unclean too. Escaped braces and quotes
// (\{ \} \") do not count; in a quoted value '"' inside braces does not
// end it.
func scanValue(s string, i int, closer byte) (int, uint8) {
	depth := 0
	if closer == '}' {
		depth = 1
	}
	var flags uint8
	start := i + 1
	for j := start; j < len(s); j++ {
		j = skipPairs(s, j)
		for j < len(s) && valueClass[s[j]] == 0 {
			j++
		}
		if j == len(s) {
			break
		}
		c := s[j]
		switch valueClass[c] {
		case classStruct:
			switch c {
			case '\\':
				flags |= valueLaTeX
				j++
				if j+1 < len(s) && s[j] == ' ' && s[j+1] == ' ' {
					flags |= valueUnclean // an escaped space, and another
				}
			case '{':
				depth++
				flags |= valueLaTeX
			case '}':
				depth--
				if depth == 0 && closer == '}' {
					return j, endFlags(s[start:j], flags)
				}
				if depth < 0 {
					return -1, flags
				}
				flags |= valueLaTeX
			case '"':
				if depth == 0 && closer == '"' {
					return j, endFlags(s[start:j], flags)
				}
			}
		case classLaTeX:
			flags |= valueLaTeX
		case classPair:
			if j+1 < len(s) && s[j+1] == c {
				flags |= valueLaTeX
			}
		case classSpace:
			if j+1 < len(s) && s[j+1] == ' ' {
				flags |= valueUnclean
			}
		case classUnclean:
			flags |= valueUnclean
		case classAmp:
			if j+1 < len(s) && (s[j+1] == '#' || isLetter(s[j+1])) {
				flags |= valueLaTeX
			}
		}
	}
	return -1, flags
}

// skipPairs returns the index of the first eight bytes from s[j] on, in
// steps of eight, among which is one that scanValue has to look at (see
// pairStop), or where fewer than nine bytes are left. The pairs are cut
// from one load of the eight bytes and the byte after them, and s is cut
// as it goes, so that the loads need no bounds checks.
func skipPairs(s string, j int) int {
	rest := s[j:]
	for len(rest) >= 9 {
		w := wordbits.Load64(rest)
		w8 := uint16(w>>56) | uint16(rest[8])<<8
		if pairStop[uint16(w)]|pairStop[uint16(w>>8)]|pairStop[uint16(w>>16)]|pairStop[uint16(w>>24)]|
			pairStop[uint16(w>>32)]|pairStop[uint16(w>>40)]|pairStop[uint16(w>>48)]|pairStop[w8] != 0 {
			break
		}
		rest = rest[8:]
	}
	return len(s) - len(rest)
}

// endFlags adds valueUnclean to the flags of the value v when it begins or
// ends with a space.
func endFlags(v string, flags uint8) uint8 {
	if v != "" && (v[0] == ' ' || v[len(v)-1] == ' ') {
		return flags | valueUnclean
	}
	return flags
}
