package pubmedxml

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxArticleSize is the longest record element the reader accepts. Real
// records are far smaller (a few kilobytes, a megabyte with thousands of
// authors and references); one that grows past this has lost its end tag,
// and holding more of the file for it would only eat memory. (A variable
// so that tests can lower it.)
var maxArticleSize = 64 << 20

// readSize is how much the scanner asks its reader for at a time.
const readSize = 256 << 10

// Record elements: the elements whose content is one record.
const (
	elemArticle     = "PubmedArticle"
	elemBookArticle = "PubmedBookArticle"
	elemCitation    = "MedlineCitation" // at the top level only: the MEDLINE citation sets of old
	elemBookDoc     = "BookDocument"    // at the top level only: BookDocumentSet
)

// recordElems are the top-level elements read as records.
var recordElems = []string{elemArticle, elemBookArticle, elemCitation, elemBookDoc}

// deleteElems list records to delete (in PubMed's daily update files); the
// reader skips them and reports how many it saw.
var deleteElems = []string{"DeleteCitation", "DeleteDocument"}

// chunk is one record element as it stood in the file, or what stopped the
// scanner from finding one.
type chunk struct {
	name string // record element name
	text string // the element from '<' to the end of its end tag
	line int    // line of its '<'
	col  int    // column (in bytes) of its '<'
	err  error  // set when the element is broken (a *syntaxError when it is not well formed); text is then what was read of it
	stop bool   // the error ends the reading
}

// scanner cuts the input into record elements, parsing each (see doc): it
// skips the XML declaration, DOCTYPE, comments, processing instructions and
// the start and end tags of enclosing sets, and finds where each record
// element ends. It holds one record element (plus one read) in memory.
type scanner struct {
	doc   *doc // where record holds the element it parsed
	r     io.Reader
	buf   []byte
	off   int // start of the unconsumed input in buf
	line  int // line of buf[off]
	col   int // bytes between the last line break and buf[off]
	sawLF bool
	eof   bool
	err   error // read error other than io.EOF

	entities map[string]string // general entities declared in the DOCTYPE's internal subset

	root     string // first enclosing element seen, for messages
	junk     int    // runs of text outside any record
	junkLine int    // line of the first
	deleted  int    // DeleteCitation / DeleteDocument elements skipped
	records  int    // record elements found
	skipping bool   // after an oversized article: text up to the next record is not junk
	started  bool   // the input's start (and any byte-order mark) has been looked at
}

func newScanner(r io.Reader, d *doc) *scanner {
	return &scanner{r: r, doc: d, line: 1}
}

// fill reads more input, keeping the unconsumed part. Offsets relative to
// s.off stay valid.
func (s *scanner) fill() {
	if s.eof {
		return
	}
	if s.off > 0 && (s.off >= len(s.buf)/2 || cap(s.buf)-len(s.buf) < readSize/4) {
		n := copy(s.buf, s.buf[s.off:])
		s.buf = s.buf[:n]
		s.off = 0
	}
	if cap(s.buf)-len(s.buf) < readSize/4 {
		nb := make([]byte, len(s.buf), max(2*cap(s.buf), len(s.buf)+readSize))
		copy(nb, s.buf)
		s.buf = nb
	}
	for tries := 0; tries < 100; tries++ {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if err != nil {
			s.eof = true
			if err != io.EOF {
				s.err = err
			}
			return
		}
		if n > 0 {
			return
		}
	}
	s.eof = true
	s.err = io.ErrNoProgress
}

// data returns the unconsumed input.
func (s *scanner) data() []byte { return s.buf[s.off:] }

// need makes at least n bytes of unconsumed input available, unless the
// input ends first.
func (s *scanner) need(n int) {
	for len(s.buf)-s.off < n && !s.eof {
		s.fill()
	}
}

// index returns the offset (from s.off) of sep at or after from, reading
// more input as needed, or -1 when the input ends without it or the
// unconsumed input would grow past maxArticleSize.
func (s *scanner) index(from int, sep string) int {
	for {
		d := s.data()
		if from < len(d) {
			if i := bytes.Index(d[from:], []byte(sep)); i >= 0 {
				return from + i
			}
		}
		if s.eof || len(d) > maxArticleSize {
			return -1
		}
		from = max(from, len(d)-len(sep)+1)
		s.fill()
	}
}

// consume moves past n bytes, keeping the line and column count.
func (s *scanner) consume(n int) {
	b := s.buf[s.off : s.off+n]
	nl := bytes.Count(b, []byte{'\n'})
	if nl > 0 {
		s.sawLF = true
		s.line += nl
		s.col = n - 1 - bytes.LastIndexByte(b, '\n')
	} else if !s.sawLF && bytes.IndexByte(b, '\r') >= 0 {
		// A file with bare CR line ends (no LF seen so far).
		s.line += bytes.Count(b, []byte{'\r'})
		s.col = n - 1 - bytes.LastIndexByte(b, '\r')
	} else {
		s.col += n
	}
	s.off += n
}

// errTruncated marks a record that the end of the input cut off.
var errTruncated = errors.New("the input ends inside the element")

// next returns the next record element. At the end of the input it
// returns io.EOF; a read error is returned as it is.
func (s *scanner) next() (chunk, error) {
	if !s.started {
		s.started = true
		s.need(3)
		if bytes.HasPrefix(s.data(), []byte("\xef\xbb\xbf")) {
			s.off += 3 // a byte-order mark the caller left: not text
		}
	}
	for {
		d := s.data()
		i := bytes.IndexByte(d, '<')
		if i < 0 {
			s.noteText(d)
			s.consume(len(d))
			if s.eof {
				if s.err != nil {
					return chunk{}, s.err
				}
				return chunk{}, io.EOF
			}
			s.fill()
			continue
		}
		if i > 0 {
			s.noteText(d[:i])
			s.consume(i)
		}
		s.need(64)
		d = s.data()
		switch {
		case bytes.HasPrefix(d, []byte("<?")):
			if c, ok := s.skipTo(2, "?>", "processing instruction"); !ok {
				return c, nil
			}
		case bytes.HasPrefix(d, []byte("<!--")):
			if c, ok := s.skipTo(4, "-->", "comment"); !ok {
				return c, nil
			}
		case bytes.HasPrefix(d, []byte("<![CDATA[")):
			s.noteText(d[:9]) // text outside records, however written
			if c, ok := s.skipTo(9, "]]>", "CDATA section"); !ok {
				return c, nil
			}
		case bytes.HasPrefix(d, []byte("<!")):
			if c, ok := s.skipDoctype(); !ok {
				return c, nil
			}
		case bytes.HasPrefix(d, []byte("</")):
			if c, ok := s.skipTo(2, ">", "end tag"); !ok {
				return c, nil
			}
		default:
			name := tagName(d[1:])
			if len(name) == 0 {
				// "<" that starts no tag: text.
				s.noteText(d[:1])
				s.consume(1)
				continue
			}
			if rn := matchName(name, recordElems); rn != "" {
				s.skipping = false
				s.records++
				return s.record(rn), nil
			}
			if dn := matchName(name, deleteElems); dn != "" {
				s.deleted++
				if c, ok := s.skipElement(dn); !ok {
					return c, nil
				}
				continue
			}
			if s.root == "" {
				s.root = string(name)
			}
			// The start tag of an enclosing set (PubmedArticleSet,
			// MedlineCitationSet, an eFetch result): step into it.
			if c, ok := s.skipTo(1+len(name), ">", "start tag <"+string(name)+">"); !ok {
				return c, nil
			}
		}
	}
}

// noteText counts text outside records that is not white space.
func (s *scanner) noteText(b []byte) {
	if s.skipping || len(bytes.TrimSpace(b)) == 0 {
		return
	}
	if s.junk == 0 {
		s.junkLine = s.line
		if k := len(b) - len(bytes.TrimLeft(b, " \t\r\n")); k > 0 {
			s.junkLine += bytes.Count(b[:k], []byte{'\n'})
		}
	}
	s.junk++
}

// skipTo consumes up to and including end, searched from offset from,
// consuming as it reads (a comment between records may be long). When the
// input ends first it returns a chunk that stops the reading.
func (s *scanner) skipTo(from int, end, what string) (chunk, bool) {
	line, col := s.line, s.col+1
	for {
		d := s.data()
		if from < len(d) {
			if i := bytes.Index(d[from:], []byte(end)); i >= 0 {
				s.consume(from + i + len(end))
				return chunk{}, true
			}
		}
		if s.eof {
			s.consume(len(d))
			return chunk{line: line, col: col, err: fmt.Errorf("%s not closed: %w", what, errTruncated), stop: true}, false
		}
		// Keep only what could be the start of end.
		if n := len(d) - (len(end) - 1); n > from {
			s.consume(n)
			from = 0
		}
		s.fill()
	}
}

// skipDoctype consumes a <!DOCTYPE ...> declaration, with its internal
// subset in brackets, and remembers the general entities it declares.
func (s *scanner) skipDoctype() (chunk, bool) {
	depth := 0
	var quote byte
	for i := 2; ; i++ {
		if i >= len(s.data()) {
			s.fill()
			if i >= len(s.data()) || i > maxArticleSize {
				c := chunk{line: s.line, col: s.col + 1, err: fmt.Errorf("declaration not closed: %w", errTruncated), stop: true}
				s.consume(len(s.data()))
				return c, false
			}
		}
		c := s.data()[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			s.readEntities(s.data()[:i+1])
			s.consume(i + 1)
			return chunk{}, true
		}
	}
}

// readEntities keeps the general entities an internal subset declares:
// <!ENTITY name "value">. Parameter entities and external entities are
// ignored.
func (s *scanner) readEntities(decl []byte) {
	for {
		i := bytes.Index(decl, []byte("<!ENTITY"))
		if i < 0 {
			return
		}
		decl = decl[i+len("<!ENTITY"):]
		rest := bytes.TrimLeft(decl, " \t\r\n")
		if len(rest) == 0 || rest[0] == '%' {
			continue
		}
		name := tagName(rest)
		if len(name) == 0 {
			continue
		}
		rest = bytes.TrimLeft(rest[len(name):], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			continue // SYSTEM or PUBLIC: external
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return
		}
		if s.entities == nil {
			s.entities = map[string]string{}
		}
		s.entities[string(name)] = decodeEntities(string(rest[1:1+end]), nil, nil)
	}
}

// skipElement consumes a whole element that is not a record.
func (s *scanner) skipElement(name string) (chunk, bool) {
	end := s.findEnd(name)
	if end.at < 0 {
		c := chunk{line: s.line, col: s.col + 1, err: fmt.Errorf("<%s> not closed: %w", name, errTruncated), stop: true}
		s.consume(len(s.data()))
		return c, false
	}
	s.consume(end.at)
	return chunk{}, true
}

// record parses the record element named name that starts at s.off into
// s.doc and cuts it out. A record that does not parse is cut out by
// findEnd, which looks only for its end tag (or the next record's start),
// so that reading can go on after it.
func (s *scanner) record(name string) chunk {
	c := chunk{name: name, line: s.line, col: s.col + 1}
	s.doc.line, s.doc.sawLF = s.line, s.sawLF
	var perr error
	for {
		d := s.data()
		end, err := s.doc.parse(d)
		if err == nil {
			c.text = string(d[:end])
			s.doc.finish(c.text)
			s.consume(end)
			return c
		}
		if err == errNeedMore && !s.eof && len(d) <= maxArticleSize {
			// Read a good deal more before parsing again from the start
			// of the record, so that a reader returning little at a time
			// does not make this quadratic.
			s.need(len(d) + readSize)
			continue
		}
		if err == errNeedMore {
			// The input ends inside the record, or inside something
			// unclosed in it: say which, should the record have an end.
			err = &syntaxError{off: s.doc.open.off, msg: s.doc.open.msg}
		}
		perr = err
		break
	}
	end := s.findEnd(name)
	switch {
	case end.at >= 0:
		c.text = string(s.data()[:end.at])
		c.err = perr
		if se := perr.(*syntaxError); se.off > end.at {
			se.off = 0 // not inside this element after all
		}
		s.consume(end.at)
	case end.next >= 0:
		// Another record starts before this one ends: the end tag is
		// missing. Report this one and go on with the next.
		c.text = string(s.data()[:end.next])
		nextLine := s.line + countLines(s.data()[:end.next], s.sawLF)
		c.err = fmt.Errorf("<%s> is not closed before the next record begins at line %d", name, nextLine)
		s.consume(end.next)
	case end.tooLong:
		c.err = fmt.Errorf("<%s> is not closed within %s; skipped to the next record", name, sizeText(maxArticleSize))
		s.consume(len(s.data()))
		s.skipping = true
	default:
		c.text = string(s.data())
		c.err = fmt.Errorf("<%s> is not closed: %w", name, errTruncated)
		c.stop = true
		s.consume(len(s.data()))
	}
	return c
}

// endResult says where an element ends: at is the offset just past its end
// tag; next, when at is -1, the offset of another record's start tag that
// came first.
type endResult struct {
	at, next int
	tooLong  bool
}

// findEnd finds the end tag of the element named name whose start tag is at
// s.off. Comments and CDATA sections inside are skipped. An element of the
// same name nested inside is not expected in PubMed XML; a record start tag
// inside means the end tag was lost.
func (s *scanner) findEnd(name string) endResult {
	from, selfClosed := s.startTagEnd(len(name) + 1)
	switch {
	case from < 0:
		return endResult{at: -1, next: -1}
	case selfClosed:
		return endResult{at: from, next: -1}
	}
	return s.findEndCareful(name, from)
}

// startTagEnd finds the '>' that ends the start tag at s.off (its name
// ends at from), skipping quoted attribute values. It returns the offset
// after it and whether the tag closes itself ("/>"), or -1 when the input
// ends first.
func (s *scanner) startTagEnd(from int) (int, bool) {
	var quote byte
	for i := from; ; i++ {
		if i >= len(s.data()) {
			if s.eof || i > maxArticleSize {
				return -1, false
			}
			s.fill()
			continue
		}
		c := s.data()[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<':
			return i, false // a broken start tag: the parser says where
		case c == '>':
			return i + 1, s.data()[i-1] == '/'
		}
	}
}

// findEndCareful finds the end tag by looking at every tag, skipping
// comments and CDATA sections, and stops at another record's start tag. It
// reads more input as it goes, up to maxArticleSize.
func (s *scanner) findEndCareful(name string, i int) endResult {
	for {
		d := s.data()
		if len(d) > maxArticleSize {
			return endResult{at: -1, next: -1, tooLong: true}
		}
		if i >= len(d) {
			if s.eof {
				return endResult{at: -1, next: -1}
			}
			s.fill()
			continue
		}
		j := bytes.IndexByte(d[i:], '<')
		if j < 0 {
			i = len(d)
			continue
		}
		i += j
		// Enough bytes to classify the tag.
		if len(d)-i < 64 && !s.eof {
			s.fill()
			continue
		}
		t := d[i:]
		switch {
		case len(t) > 1 && t[1] == '/':
			if bytes.HasPrefix(t[2:], []byte(name)) {
				k := 2 + len(name)
				for k < len(t) && isSpace(t[k]) {
					k++
				}
				if k < len(t) && t[k] == '>' {
					return endResult{at: i + k + 1, next: -1}
				}
				if k >= len(t) && !s.eof {
					s.fill()
					continue
				}
			}
			i += 2
		case bytes.HasPrefix(t, []byte("<!--")):
			k := s.index(i+4, "-->")
			if k < 0 {
				return endResult{at: -1, next: -1, tooLong: len(s.data()) > maxArticleSize}
			}
			i = k + 3
		case bytes.HasPrefix(t, []byte("<![CDATA[")):
			k := s.index(i+9, "]]>")
			if k < 0 {
				return endResult{at: -1, next: -1, tooLong: len(s.data()) > maxArticleSize}
			}
			i = k + 3
		default:
			if n := tagName(t[1:]); len(n) > 0 && (string(n) == name || string(n) == elemArticle || string(n) == elemBookArticle) {
				return endResult{at: -1, next: i}
			}
			i++
		}
	}
}

// sizeText writes a size in bytes for messages.
func sizeText(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// tagName returns the XML name at the start of b, or nil.
func tagName(b []byte) []byte {
	if len(b) == 0 || !isNameStart(b[0]) {
		return nil
	}
	i := 1
	for i < len(b) && isNameByte(b[i]) {
		i++
	}
	return b[:i]
}

func matchName(name []byte, names []string) string {
	for _, n := range names {
		if string(name) == n {
			return n
		}
	}
	return ""
}

// Byte classes for XML names: nameStart for the first byte, nameByte for
// the others. Any byte of a multi-byte UTF-8 character counts as a name
// byte, as XML allows most of them.
var nameStart, nameByte [256]bool

func init() {
	for c := 0; c < 256; c++ {
		b := byte(c)
		nameStart[c] = b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b == ':' || b >= 0x80
		nameByte[c] = nameStart[c] || b >= '0' && b <= '9' || b == '-' || b == '.'
	}
}

func isNameStart(c byte) bool { return nameStart[c] }

func isNameByte(c byte) bool { return nameByte[c] }

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// countLines counts the line breaks in b: LFs, or bare CRs in a file that
// has shown no LF.
func countLines(b []byte, sawLF bool) int {
	if n := bytes.Count(b, []byte{'\n'}); n > 0 || sawLF {
		return n
	}
	return bytes.Count(b, []byte{'\r'})
}

// countLinesIn is countLines for a string.
func countLinesIn(s string, sawLF bool) int {
	if n := strings.Count(s, "\n"); n > 0 || sawLF {
		return n
	}
	return strings.Count(s, "\r")
}
