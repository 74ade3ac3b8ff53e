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

// LineReader returns the lines of a text one at a time without their line
// ends. It does not hold more than one line (and one buffer) in memory.
type LineReader struct {
	sc       *bufio.Scanner
	line     int  // number of the line last returned
	next     int  // number the next line gets
	sawLF    bool // an LF has been seen: bare CRs no longer start new numbered lines
	lastTerm byte // terminator of the token just scanned: '\n', '\r' or 0 (EOF)
	crlf     bool // the token just scanned ended in CRLF
	peeked   bool
	pline    []byte
	pnum     int
	err      error

	bomChecked bool // the first line has been read and a byte-order mark taken off it
}

// NewLineReader returns a LineReader reading from r.
func NewLineReader(r io.Reader) *LineReader {
	lr := &LineReader{next: 1}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineLength)
	sc.Split(lr.split)
	lr.sc = sc
	return lr
}

func (lr *LineReader) split(data []byte, atEOF bool) (int, []byte, error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
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
			lr.lastTerm, lr.crlf = 0, false
			return len(data), data, nil
		}
		return 0, nil, nil
	}
	if data[i] == '\n' {
		lr.lastTerm, lr.crlf = '\n', false
		return i + 1, data[:i], nil
	}
	// '\r': CRLF or a bare CR; need one more byte to tell.
	if i+1 >= len(data) && !atEOF {
		return 0, nil, nil
	}
	if i+1 < len(data) && data[i+1] == '\n' {
		lr.lastTerm, lr.crlf = '\n', true
		return i + 2, data[:i], nil
	}
	lr.lastTerm, lr.crlf = '\r', false
	return i + 1, data[:i], nil
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
	if !lr.sc.Scan() {
		if err := lr.sc.Err(); err != nil {
			if err == bufio.ErrTooLong {
				err = fmt.Errorf("line %d is longer than %d bytes", lr.next, MaxLineLength)
			}
			lr.err = err
			return nil, lr.line, err
		}
		lr.err = io.EOF
		return nil, lr.line, io.EOF
	}
	lr.line = lr.next
	b := lr.sc.Bytes()
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
