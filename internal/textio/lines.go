// Package textio reads text line by line the way export files need it: a
// line ends at LF, CRLF or a bare CR (old Mac files, and the bare CRs Web of
// Science puts between repeated tags inside LF files), and every line
// carries the 1-based number an editor would show for it. A UTF-8
// byte-order mark at the start of the text is not part of the first line.
package textio

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// MaxLineLength is the longest line a LineReader accepts.
const MaxLineLength = 64 << 20

// startBufSize is the size of a LineReader's buffer until a line needs
// more.
const startBufSize = 64 << 10

// maxEmptyReads is how many reads in a row may return nothing (one more
// is taken for the reader being stuck: io.ErrNoProgress).
const maxEmptyReads = 100

// LineReader returns the lines of a text one at a time without their line
// ends. It does not hold more than one line (and one buffer) in memory.
//
// It buffers its input itself, the way a bufio.Scanner with a maximum
// token size of MaxLineLength would: the same buffer sizes, so the same
// lines are too long, and a read error is returned after the lines read
// before it, the last one even without its line end.
type LineReader struct {
	r          io.Reader
	buf        []byte
	start, end int   // the unread input is buf[start:end]
	noCR       int   // buf[start:noCR] holds no CR (see nextLF)
	rerr       error // what the last read returned, io.EOF at the end; nil while more may come
	line       int   // number of the line last returned
	next       int   // number the next line gets
	sawLF      bool  // an LF has been seen: bare CRs no longer start new numbered lines
	lastTerm   byte  // terminator of the line just scanned: '\n', '\r' or 0 (end of input)
	peeked     bool
	pline      []byte
	pnum       int
	err        error

	bomChecked bool // the first line has been read and a byte-order mark taken off it
}

// NewLineReader returns a LineReader reading from r.
func NewLineReader(r io.Reader) *LineReader {
	return &LineReader{r: r, next: 1, buf: make([]byte, startBufSize)}
}

// nextLF is scan for the common line: one ended by LF or CRLF, with no
// other CR in it, in a file whose lines end in LF, and wholly in the
// buffer. It reports false, having done nothing, for any other. A CRLF
// line is taken here too, as Windows writes most export files: the
// general scan would look for both line ends again.
func (lr *LineReader) nextLF() ([]byte, bool) {
	if !lr.sawLF && lr.lastTerm == '\r' {
		return nil, false
	}
	data := lr.buf[lr.start:lr.end]
	i := bytes.IndexByte(data, '\n')
	if i < 0 {
		return nil, false
	}
	line := data[:i]
	if i > 0 && line[i-1] == '\r' {
		line = line[:i-1]
	}
	if end := lr.start + len(line); end > lr.noCR {
		// Where the next CR is, looked for once for all the lines before
		// it: in a file of LF lines, once a buffer, not once a line.
		lr.noCR = lr.end
		if j := bytes.IndexByte(lr.buf[lr.start:lr.end], '\r'); j >= 0 {
			lr.noCR = lr.start + j
		}
		if end > lr.noCR {
			return nil, false
		}
	}
	lr.lastTerm = '\n'
	lr.start += i + 1
	return line, true
}

// scan returns the next line without its end, setting lr.lastTerm. It
// returns false at the end of the input or on an error, which it leaves
// in lr.err.
func (lr *LineReader) scan() ([]byte, bool) {
	for {
		if lr.end > lr.start || lr.rerr != nil {
			if b, advance, ok := lr.cut(lr.buf[lr.start:lr.end], lr.rerr != nil); ok {
				lr.start += advance
				return b, true
			}
		}
		if lr.rerr != nil {
			if lr.rerr == io.EOF {
				lr.err = io.EOF
			} else {
				lr.err = lr.rerr
			}
			return nil, false
		}
		if err := lr.fill(); err != nil {
			lr.err = err
			return nil, false
		}
	}
}

// cut finds the first line in data: the line, how far it and its end
// reach, and whether data holds a whole line (at EOF, the rest of the
// input is one).
func (lr *LineReader) cut(data []byte, atEOF bool) ([]byte, int, bool) {
	if atEOF && len(data) == 0 {
		return nil, 0, false
	}
	// Find the first line end without scanning further than needed: look
	// for the kind of line end the file has used so far, then for the
	// other kind only before it.
	var i int
	if lr.sawLF || lr.lastTerm != '\r' {
		i = bytes.IndexByte(data, '\n')
		bound := i
		if bound < 0 {
			bound = len(data)
		}
		if j := bytes.IndexByte(data[:bound], '\r'); j >= 0 {
			i = j
		}
	} else {
		i = bytes.IndexByte(data, '\r')
		bound := i
		if bound < 0 {
			bound = len(data)
		}
		if j := bytes.IndexByte(data[:bound], '\n'); j >= 0 {
			i = j
		}
	}
	if i < 0 {
		if atEOF {
			lr.lastTerm = 0
			return data, len(data), true
		}
		return nil, 0, false
	}
	if data[i] == '\n' {
		lr.lastTerm = '\n'
		return data[:i], i + 1, true
	}
	// '\r': CRLF or a bare CR; need one more byte to tell.
	if i+1 >= len(data) && !atEOF {
		return nil, 0, false
	}
	if i+1 < len(data) && data[i+1] == '\n' {
		lr.lastTerm = '\n'
		return data[:i], i + 2, true
	}
	lr.lastTerm = '\r'
	return data[:i], i + 1, true
}

// fill reads more input into the buffer, moving the unread part to its
// start or growing it (to at most MaxLineLength) when it is full. Its
// error is that of a line too long; a read's is kept in lr.rerr.
func (lr *LineReader) fill() error {
	lr.noCR = 0 // the buffer's bytes move, and more come
	if lr.start > 0 && (lr.end == len(lr.buf) || lr.start > len(lr.buf)/2) {
		copy(lr.buf, lr.buf[lr.start:lr.end])
		lr.end -= lr.start
		lr.start = 0
	}
	if lr.end == len(lr.buf) {
		if len(lr.buf) >= MaxLineLength {
			return fmt.Errorf("line %d is longer than %d bytes", lr.next, MaxLineLength)
		}
		buf := make([]byte, min(len(lr.buf)*2, MaxLineLength))
		copy(buf, lr.buf[lr.start:lr.end])
		lr.end -= lr.start
		lr.start = 0
		lr.buf = buf
	}
	// A reader that misbehaves ends the input as an error would: the
	// lines read before it are still returned.
	for empty := 0; ; {
		n, err := lr.r.Read(lr.buf[lr.end:])
		if n < 0 || n > len(lr.buf)-lr.end {
			lr.rerr = bufio.ErrBadReadCount
			return nil
		}
		lr.end += n
		if err != nil {
			lr.rerr = err
			return nil
		}
		if n > 0 {
			return nil
		}
		if empty++; empty > maxEmptyReads {
			lr.rerr = io.ErrNoProgress
			return nil
		}
	}
}

// Next returns the next line and its number. The returned slice is valid
// only until the next call. At the end of the input it returns io.EOF.
func (lr *LineReader) Next() ([]byte, int, error) {
	if lr.peeked {
		lr.peeked = false
		lr.line = lr.pnum
		return lr.pline, lr.pnum, nil
	}
	if lr.err != nil {
		return nil, lr.line, lr.err
	}
	b, ok := lr.nextLF()
	if !ok {
		if b, ok = lr.scan(); !ok {
			return nil, lr.line, lr.err
		}
	}
	lr.line = lr.next
	if lr.line == 1 && !lr.bomChecked {
		lr.bomChecked = true
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	}
	switch lr.lastTerm {
	case '\n':
		lr.sawLF = true
		lr.next++
	case '\r':
		if !lr.sawLF {
			lr.next++
		}
	}
	return b, lr.line, nil
}

// Peek returns the next line without consuming it. The slice is valid until
// the call after the next Next.
func (lr *LineReader) Peek() ([]byte, int, error) {
	if lr.peeked {
		return lr.pline, lr.pnum, nil
	}
	save := lr.line
	b, n, err := lr.Next()
	if err != nil {
		return nil, n, err
	}
	lr.pline = append(lr.pline[:0], b...)
	lr.pnum = n
	lr.peeked = true
	lr.line = save
	return lr.pline, n, nil
}

// Unread gives back line b, numbered n, that Next or Peek returned: the
// next call of Next returns it again. Only one line can be given back,
// and not while a line is peeked at.
func (lr *LineReader) Unread(b []byte, n int) {
	lr.pline = append(lr.pline[:0], b...)
	lr.pnum = n
	lr.peeked = true
}

// Line returns the number of the line last returned by Next.
func (lr *LineReader) Line() int { return lr.line }
