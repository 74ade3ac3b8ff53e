package csvtable

import (
	"bytes"
	"errors"
	"io"
)

// maxRowBytes is the longest row the reader takes: a quote that is never
// closed would otherwise make the rest of the file one row in memory.
var maxRowBytes = 64 << 20

var errRowTooLong = errors.New("row too long")

// readSize is how much of the input rows reads at a time.
const readSize = 64 << 10

// rows splits CSV text into rows and cells exactly as encoding/csv's
// Reader does with LazyQuotes (which makes no row malformed) and a
// one-byte separator: blank lines are skipped, a line's CRLF is read as
// LF, a CR just before the end of the input is dropped, and a quote that
// neither doubles, closes a cell nor ends the line is kept as text. A row
// whose text is longer than maxRowBytes is refused with errRowTooLong.
//
// Unlike encoding/csv, which copies each row's cells into a string of
// their own, rows copies a row's text once: the text the record keeps is
// made from it, and every cell that is a run of that text (all but those
// with a doubled quote, or a CRLF, inside quotes) is a piece of the same
// string.
type rows struct {
	src   io.Reader
	comma byte

	buf   []byte // buf[start:] is the current row's text and what follows it
	start int    // where the current row's text (after the previous row) begins
	end   int    // its length: where the next row's text begins, from start
	err   error  // what ended the input (io.EOF at its end), once read
	lines int    // line ends before buf[start]

	first  int      // where the current row's first line begins, from start
	line   int      // the line of the current row's first cell
	starts []int    // where each cell of the current row begins, from start
	cells  []string // the current row's cells, reused

	// Parsing a cell: the cell is the text from cellFrom to cellTo until
	// something that is not the next byte of the text is added to it;
	// from then on (copied) it is built in scratch from scratchFrom.
	cellFrom, cellTo int
	copied           bool
	scratchFrom      int
	spans            []span
	scratch          []byte
}

// span is where a cell's value is: a run of the row's text, or (copied)
// a run of scratch.
type span struct {
	from, to int
	copied   bool
}

func newRows(src io.Reader, comma byte) *rows {
	return &rows{src: src, comma: comma}
}

// fill reads more of the input after what buf holds, keeping the current
// row's text. It reports whether it read anything; when it has not,
// r.err says why.
func (r *rows) fill() bool {
	for {
		if r.err != nil {
			return false
		}
		if len(r.buf)-r.start > maxRowBytes {
			r.err = errRowTooLong
			return false
		}
		if r.start > 0 {
			n := copy(r.buf, r.buf[r.start:])
			r.buf = r.buf[:n]
			r.start = 0
		}
		if cap(r.buf)-len(r.buf) < readSize/2 {
			b := make([]byte, len(r.buf), 2*cap(r.buf)+readSize)
			copy(b, r.buf)
			r.buf = b
		}
		n, err := r.src.Read(r.buf[len(r.buf):cap(r.buf)])
		r.buf = r.buf[:len(r.buf)+n]
		if err != nil {
			r.err = err
		}
		if n > 0 {
			return true
		}
	}
}

// lineAt finds the line that begins at i (from start), reading more input
// as needed. It returns where the line's text ends, CRLF read as LF and a
// CR before the end of the input dropped, and where the next line begins;
// nl tells whether the line ends in a line end. Without one, the line is
// the last of the input, or r.err is not io.EOF.
func (r *rows) lineAt(i int) (textEnd, next int, nl bool) {
	from := i // where to look for the line end: bytes searched are not searched again
	for {
		b := r.buf[r.start:]
		if j := bytes.IndexByte(b[from:], '\n'); j >= 0 {
			end := from + j
			if end > i && b[end-1] == '\r' {
				return end - 1, end + 1, true
			}
			return end, end + 1, true
		}
		from = len(b)
		if !r.fill() {
			b = r.buf[r.start:]
			end := len(b)
			if r.err == io.EOF && end > i && b[end-1] == '\r' {
				return end - 1, end, false
			}
			return end, end, false
		}
	}
}

// next reads the next row: its cells, valid until the next call, and its
// text from the end of the previous row, line ends around it trimmed. At
// the end of the input it returns io.EOF.
func (r *rows) next() (cells []string, text string, err error) {
	r.lines += bytes.Count(r.buf[r.start:r.start+r.end], []byte{'\n'})
	r.start += r.end
	r.end = 0

	// Skip blank lines.
	i, line := 0, r.lines+1
	textEnd, next, nl := r.lineAt(i)
	for textEnd == i {
		if !nl && (next == i || r.err != io.EOF) {
			if r.err == io.EOF {
				r.end = next
			}
			return nil, "", r.err
		}
		i, line = next, line+1
		textEnd, next, nl = r.lineAt(i)
	}
	if !nl && r.err != io.EOF {
		return nil, "", r.err
	}
	r.first, r.line = i, line

	r.starts = r.starts[:0]
	r.spans = r.spans[:0]
	r.scratch = r.scratch[:0]
	comma := r.comma
	p := i
fields:
	for {
		b := r.buf[r.start:]
		r.startCell(p)
		if p == textEnd || b[p] != '"' {
			// An unquoted cell runs to the separator or the end of the line.
			if j := bytes.IndexByte(b[p:textEnd], comma); j >= 0 {
				r.add(p, p+j)
				r.endCell()
				p += j + 1
				continue
			}
			r.add(p, textEnd)
			r.endCell()
			break
		}
		// A quoted cell runs to a quote before a separator or the end of
		// a line, and may take in line ends.
		p++
		for {
			if j := bytes.IndexByte(b[p:textEnd], '"'); j >= 0 {
				r.add(p, p+j)
				p += j + 1
				switch {
				case p < textEnd && b[p] == '"': // a doubled quote: one quote
					r.add(p-1, p)
					p++
				case p < textEnd && b[p] == comma:
					r.endCell()
					p++
					continue fields
				case p == textEnd:
					r.endCell()
					break fields
				default: // a stray quote, kept
					r.add(p-1, p)
				}
				continue
			}
			if p == textEnd && !nl {
				// The input ends inside the quotes.
				r.endCell()
				break fields
			}
			r.add(p, textEnd)
			if nl {
				r.add(next-1, next) // the line end, as LF
			}
			p = next
			if textEnd, next, nl = r.lineAt(p); !nl && r.err != io.EOF {
				return nil, "", r.err
			}
			b = r.buf[r.start:]
		}
	}
	r.end = next
	if r.end > maxRowBytes {
		return nil, "", errRowTooLong
	}
	cells, text = r.finish()
	return cells, text, nil
}

// startCell begins a cell at p (from start).
func (r *rows) startCell(p int) {
	r.starts = append(r.starts, p)
	r.cellFrom, r.cellTo, r.copied = p, p, false
}

// add adds the text from p to q (from start) to the cell.
func (r *rows) add(p, q int) {
	if p == q {
		return
	}
	if !r.copied {
		switch {
		case r.cellFrom == r.cellTo:
			r.cellFrom, r.cellTo = p, q
			return
		case p == r.cellTo:
			r.cellTo = q
			return
		}
		r.copied = true
		r.scratchFrom = len(r.scratch)
		r.scratch = append(r.scratch, r.buf[r.start+r.cellFrom:r.start+r.cellTo]...)
	}
	r.scratch = append(r.scratch, r.buf[r.start+p:r.start+q]...)
}

// endCell ends the cell.
func (r *rows) endCell() {
	if r.copied {
		r.spans = append(r.spans, span{from: r.scratchFrom, to: len(r.scratch), copied: true})
		return
	}
	r.spans = append(r.spans, span{from: r.cellFrom, to: r.cellTo})
}

// finish makes the row's text and cells.
func (r *rows) finish() ([]string, string) {
	b := r.buf[r.start : r.start+r.end]
	from, to := 0, len(b)
	for from < to && (b[from] == '\r' || b[from] == '\n') {
		from++
	}
	for to > from && (b[to-1] == '\r' || b[to-1] == '\n') {
		to--
	}
	text := string(b[from:to])
	var copied string
	if len(r.scratch) > 0 {
		copied = string(r.scratch)
	}
	r.cells = r.cells[:0]
	for _, s := range r.spans {
		var c string
		switch {
		case s.copied:
			c = copied[s.from:s.to]
		case s.from == s.to:
		case s.from >= from && s.to <= to:
			c = text[s.from-from : s.to-from]
		default: // line ends trimmed off the text: a quote the input ends inside
			c = string(b[s.from:s.to])
		}
		r.cells = append(r.cells, c)
	}
	return r.cells, text
}

// fieldPos returns the line and column (in bytes, from 1) where the
// current row's cell i begins.
func (r *rows) fieldPos(i int) (line, col int) {
	b := r.buf[r.start:]
	p := r.starts[i]
	line = r.line + bytes.Count(b[r.first:p], []byte{'\n'})
	col = p - bytes.LastIndexByte(b[:p], '\n')
	return line, col
}

// startLine returns the line where the text after the last row read
// begins.
func (r *rows) startLine() int { return r.lines + 1 }
