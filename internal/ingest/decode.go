package ingest

import (
	"bytes"
	byteorder "encoding/binary"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Decoder turns the bytes of an export into UTF-8 text. It follows a fixed
// ladder, never a statistical guess:
//
//  1. a byte-order mark: UTF-8 (stripped), UTF-16 LE or BE (transcoded);
//  2. UTF-16 without a mark, told by its NUL bytes;
//  3. an encoding the file declares (JabRef's "% Encoding: ...", an XML
//     declaration) when it is neither UTF-8 nor Windows-1252/Latin-1;
//  4. otherwise UTF-8, where every byte sequence that is not valid UTF-8 is
//     read as Windows-1252 (the "ANSI" of EndNote and Windows exports, and the
//     RIS specification's character set). The lines this happened on are
//     counted, and the first of them numbered, so the user can be told.
//
// A caller can name the encoding instead (see NewDecoder).
type Decoder struct {
	r         io.Reader
	name      string // encoding as detected or given
	fb        *fallbackReader
	declared  string
	converted bool // the text was transcoded from a non-UTF-8 encoding
}

// NewDecoder returns a Decoder for r. enc names the encoding ("utf-8",
// "windows-1252", "latin1", "utf-16le", "macintosh", any WHATWG label), or
// is "" or "auto" to detect it.
func NewDecoder(r io.Reader, enc string) (*Decoder, error) {
	enc = strings.ToLower(strings.TrimSpace(enc))
	if enc != "" && enc != "auto" {
		return forcedDecoder(r, enc)
	}
	head := make([]byte, 4096)
	n, err := io.ReadFull(r, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, err
	}
	head = head[:n]
	rest := io.MultiReader(bytes.NewReader(head), r)
	d := &Decoder{}
	switch {
	case bytes.HasPrefix(head, []byte{0xEF, 0xBB, 0xBF}):
		d.name = "utf-8 (with BOM)"
		d.fb = newFallbackReader(io.MultiReader(bytes.NewReader(head[3:]), r))
		d.r = d.fb
		return d, nil
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		le := head[0] == 0xFF
		d.name = map[bool]string{true: "utf-16le", false: "utf-16be"}[le]
		d.r = transform.NewReader(rest, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
		if !le {
			d.r = transform.NewReader(rest, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
		}
		d.converted = true
		return d, nil
	}
	if le, ok := utf16WithoutBOM(head); ok {
		end := unicode.BigEndian
		d.name = "utf-16be"
		if le {
			end, d.name = unicode.LittleEndian, "utf-16le"
		}
		d.r = transform.NewReader(rest, unicode.UTF16(end, unicode.IgnoreBOM).NewDecoder())
		d.converted = true
		return d, nil
	}
	if label := declaredEncoding(head); label != "" && !utf8.Valid(trimIncomplete(head)) {
		if e, name := lookupEncoding(label); e != nil && !isUTF8OrLatin(name) {
			d.name, d.declared = name, label
			d.r = transform.NewReader(rest, e.NewDecoder())
			d.converted = true
			return d, nil
		}
	}
	d.name = "utf-8"
	d.fb = newFallbackReader(rest)
	d.r = d.fb
	return d, nil
}

func forcedDecoder(r io.Reader, enc string) (*Decoder, error) {
	e, name := lookupEncoding(enc)
	if e == nil {
		return nil, fmt.Errorf("unknown encoding %q", enc)
	}
	d := &Decoder{name: name}
	if name == "utf-8" {
		d.fb = newFallbackReader(r)
		d.r = d.fb
		return d, nil
	}
	d.converted = true
	d.r = transform.NewReader(r, e.NewDecoder())
	return d, nil
}

func (d *Decoder) Read(p []byte) (int, error) { return d.r.Read(p) }

// Encoding names the encoding the text was read in. Call it after reading:
// a UTF-8 file with bytes that were not UTF-8 is reported as such.
func (d *Decoder) Encoding() string {
	if d.fb != nil && d.fb.lines > 0 {
		if d.fb.multibyte == 0 {
			return "windows-1252"
		}
		return d.name + " with windows-1252 fallback"
	}
	return d.name
}

// Warning returns a message when some of the text was not valid UTF-8 and
// was read as Windows-1252, or "", and the first line where that happened.
func (d *Decoder) Warning() (line int, msg string) {
	if d.fb == nil || d.fb.lines == 0 {
		return 0, ""
	}
	if d.fb.lines == 1 {
		return d.fb.first, "1 line was not valid UTF-8; decoded as Windows-1252 (use --encoding to choose another)"
	}
	return d.fb.first, fmt.Sprintf("%d lines were not valid UTF-8, the first at line %d; decoded as Windows-1252 (use --encoding to choose another)", d.fb.lines, d.fb.first)
}

// Transcoded reports whether the text was converted from another encoding,
// so that an encoding the file itself declares (XML) no longer applies.
func (d *Decoder) Transcoded() bool { return d.converted || (d.fb != nil && d.fb.lines > 0) }

// utf16WithoutBOM tells UTF-16 text without a byte-order mark by where its
// NUL bytes fall: ASCII text in UTF-16LE has a NUL at every odd offset.
func utf16WithoutBOM(b []byte) (littleEndian, ok bool) {
	if len(b) < 8 {
		return false, false
	}
	if len(b) > 1024 {
		b = b[:1024]
	}
	var even, odd int
	for i, c := range b {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(b) / 2
	switch {
	case odd > half*3/10 && even < odd/10:
		return true, true
	case even > half*3/10 && odd < even/10:
		return false, true
	}
	return false, false
}

// declaredEncoding returns the encoding a file names for itself in its
// first bytes: "% Encoding: windows-1252" (JabRef), or <?xml ... encoding="...">.
func declaredEncoding(head []byte) string {
	s := string(head)
	if i := strings.Index(s, "% Encoding:"); i >= 0 {
		v := s[i+len("% Encoding:"):]
		if j := strings.IndexAny(v, "\r\n"); j >= 0 {
			v = v[:j]
		}
		return strings.TrimSpace(v)
	}
	if strings.HasPrefix(s, "<?xml") {
		decl := s
		if j := strings.Index(decl, "?>"); j >= 0 {
			decl = decl[:j]
		}
		if i := strings.Index(decl, "encoding="); i >= 0 && i+10 < len(decl) {
			q := decl[i+9]
			v := decl[i+10:]
			if j := strings.IndexByte(v, q); j >= 0 {
				return v[:j]
			}
		}
	}
	return ""
}

var encodingAliases = map[string]string{
	"macroman": "macintosh", "mac-roman": "macintosh", "x-mac-roman": "macintosh", "mac": "macintosh",
	"cp1252": "windows-1252", "ansi": "windows-1252", "latin1": "windows-1252", "latin-1": "windows-1252",
	"iso-8859-1": "windows-1252", "utf8": "utf-8", "ascii": "utf-8", "us-ascii": "utf-8", "cp1251": "windows-1251",
	"utf16": "utf-16le", "utf-16": "utf-16le", "utf16le": "utf-16le", "utf16be": "utf-16be",
	// Windows code pages by their numbers, as users of CNKI, CiNii and
	// KCI exports name them
	"cp936": "gbk", "cp932": "shift_jis", "cp949": "euc-kr", "cp950": "big5", "cp1250": "windows-1250",
	"cp1253": "windows-1253", "cp1254": "windows-1254", "cp1255": "windows-1255", "cp1256": "windows-1256",
	"cp1257": "windows-1257", "cp1258": "windows-1258", "cp874": "windows-874", "cp866": "ibm866",
}

// lookupEncoding finds an encoding by label and returns it with its
// canonical name.
func lookupEncoding(label string) (encoding.Encoding, string) {
	l := strings.ToLower(strings.TrimSpace(label))
	if a, ok := encodingAliases[l]; ok {
		l = a
	}
	switch l {
	case "utf-8":
		return unicode.UTF8, "utf-8"
	case "utf-16le":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM), "utf-16le"
	case "utf-16be":
		return unicode.UTF16(unicode.BigEndian, unicode.UseBOM), "utf-16be"
	case "windows-1252":
		return charmap.Windows1252, "windows-1252"
	}
	e, err := htmlindex.Get(l)
	if err != nil {
		return nil, ""
	}
	name, _ := htmlindex.Name(e)
	return e, name
}

func isUTF8OrLatin(name string) bool {
	switch name {
	case "utf-8", "windows-1252", "iso-8859-1", "us-ascii":
		return true
	}
	return false
}

// trimIncomplete drops a UTF-8 sequence cut off at the end of b.
func trimIncomplete(b []byte) []byte {
	for i := 1; i <= 3 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return b
		}
		if c >= 0xC0 {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		}
	}
	return b
}

// fallbackReader passes valid UTF-8 through and reads every invalid byte as
// Windows-1252, counting the lines where that happened.
type fallbackReader struct {
	r         io.Reader
	in        []byte // undecoded input carried over
	out       []byte // decoded output not yet returned
	outBuf    []byte // backing store of out
	eof       bool
	lines     int  // lines with at least one fallback byte
	lineBad   bool // the current line has a fallback byte
	multibyte int  // valid multi-byte UTF-8 sequences seen
	first     int  // the line of the first fallback byte, 0 before one
	ends      int  // line ends before it (LF, CRLF or a bare CR)
	cr        bool // the last byte counted was a CR
}

func newFallbackReader(r io.Reader) *fallbackReader {
	return &fallbackReader{r: r, in: make([]byte, 0, 32<<10)}
}

func (f *fallbackReader) Read(p []byte) (int, error) {
	for len(f.out) == 0 {
		if f.eof && len(f.in) == 0 {
			if f.lineBad {
				f.lines++
				f.lineBad = false
			}
			return 0, io.EOF
		}
		if !f.eof {
			if cap(f.in)-len(f.in) < 4096 {
				grown := make([]byte, len(f.in), 2*cap(f.in)+4096)
				copy(grown, f.in)
				f.in = grown
			}
			n, err := f.r.Read(f.in[len(f.in):cap(f.in)])
			f.in = f.in[:len(f.in)+n]
			if err == io.EOF {
				f.eof = true
			} else if err != nil {
				return 0, err
			}
			if n == 0 && !f.eof {
				continue
			}
		}
		f.decode()
	}
	n := copy(p, f.out)
	f.out = f.out[n:]
	return n, nil
}

// asciiPrefix returns the length of the ASCII bytes that begin b, reading
// eight at a time.
func asciiPrefix(b []byte) int {
	i := 0
	for i+8 <= len(b) && byteorder.LittleEndian.Uint64(b[i:])&0x8080808080808080 == 0 {
		i += 8
	}
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	return i
}

// countEnds counts the line ends in ASCII text b, which follows the text
// counted before: LF, CRLF (also split between two calls) and a bare CR,
// as textio.LineReader numbers lines.
func (f *fallbackReader) countEnds(b []byte) {
	if len(b) == 0 {
		return
	}
	n := bytes.Count(b, []byte{'\n'})
	if bytes.IndexByte(b, '\r') >= 0 {
		n += bytes.Count(b, []byte{'\r'}) - bytes.Count(b, []byte("\r\n"))
	}
	if f.cr && b[0] == '\n' {
		n-- // the CR before it was counted
	}
	f.ends += n
	f.cr = b[len(b)-1] == '\r'
}

func (f *fallbackReader) decode() {
	in := f.in
	// Fast path: plain ASCII or valid UTF-8 up to the last complete rune.
	out := f.outBuf[:0]
	i := 0
	for i < len(in) {
		c := in[i]
		if c < utf8.RuneSelf {
			j := i + 1 + asciiPrefix(in[i+1:])
			chunk := in[i:j]
			if f.first == 0 {
				f.countEnds(chunk)
			}
			if f.lineBad && bytes.IndexByte(chunk, '\n') >= 0 {
				f.lines++
				f.lineBad = false
			}
			out = append(out, chunk...)
			i = j
			continue
		}
		r, size := utf8.DecodeRune(in[i:])
		if r == utf8.RuneError && size <= 1 {
			if !f.eof && !utf8.FullRune(in[i:]) {
				break // incomplete at the end of the buffer: wait for more
			}
			out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(c))
			if f.first == 0 {
				f.first = f.ends + 1
			}
			f.lineBad = true
			i++
			continue
		}
		f.multibyte++
		f.cr = false
		out = append(out, in[i:i+size]...)
		i += size
	}
	n := copy(f.in, in[i:])
	f.in = f.in[:n]
	f.outBuf = out
	f.out = out
}
