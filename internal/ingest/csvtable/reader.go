package csvtable

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// Reader reads records from a bibliographic table. It holds one row (and
// a buffer) in memory, never the whole file.
type Reader struct {
	src       *bufio.Reader
	rows      *rows
	table     *table
	lineDelta int // lines skipped before the CSV text (an Excel "sep=" line)
	started   bool
	done      bool
	position  int // rows read so far, bad ones included
	blank     int // rows with every cell empty
	blankLine int
	warnings  []bib.Warning
}

// NewReader returns a Reader reading a table (UTF-8 text) from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{src: bufio.NewReaderSize(r, 64<<10)}
}

// Warnings returns what the reader noticed about the file as a whole. It is
// complete once Read has returned io.EOF.
func (r *Reader) Warnings() []bib.Warning {
	w := r.warnings
	if r.blank > 0 {
		w = append(w, bib.Warning{Line: r.blankLine, Msg: fmt.Sprintf("%d row(s) with every cell empty skipped, the first at line %d", r.blank, r.blankLine)})
	}
	return w
}

// Read returns the next record. A row that cannot be used is returned as a
// *bib.ParseError naming its line; the next call goes on with the row after
// it. At the end of the input Read returns io.EOF.
func (r *Reader) Read() (*bib.Record, error) {
	if r.done {
		return nil, io.EOF
	}
	if !r.started {
		if err := r.start(); err != nil {
			r.done = true
			return nil, err
		}
	}
	for {
		cells, raw, err := r.rows.next()
		if err == io.EOF {
			r.done = true
			return nil, io.EOF
		}
		if err != nil {
			r.done = true
			if errors.Is(err, errRowTooLong) {
				return nil, fmt.Errorf("csv: the row from line %d is longer than %d bytes (a quote that is never closed?)", r.rows.startLine()+r.lineDelta, maxRowBytes)
			}
			return nil, fmt.Errorf("csv: %w", err)
		}
		line := r.rows.line + r.lineDelta
		if allEmpty(cells) {
			if r.blank == 0 {
				r.blankLine = line
			}
			r.blank++
			continue
		}
		if r.table.mayBeHeader(cells) && (r.table.isHeader(cells) || looksLikeHeader(cells)) {
			r.newTable(cells, line)
			continue
		}
		r.position++
		// The cells' bytes are the row's: a row without control
		// characters has no cell with any.
		controls := bib.HasControl(raw)
		if err := r.check(cells, line, raw, controls); err != nil {
			return nil, err
		}
		rec := r.table.record(cells)
		rec.Format = "csv"
		rec.Position = r.position
		rec.Line = line
		rec.Raw = raw
		rec.WarningsAt(line)
		for i, c := range cells {
			if controls && bib.HasControl(c) {
				rec.Warn(line, fmt.Sprintf("control characters in column %s", r.columnName(i)))
			}
		}
		if n := len(r.table.header); len(cells) < n {
			rec.Warn(line, fmt.Sprintf("row has %d cells, the header has %d columns; the missing cells are read as empty", len(cells), n))
		}
		if rec.Title == "" {
			rec.Warn(line, "row has no title")
		}
		return rec, nil
	}
}

// start reads the header: it removes a byte-order mark, notices bare-CR
// line ends and an Excel "sep=" line, picks the separator and resolves the
// columns.
func (r *Reader) start() error {
	r.started = true
	if b, _ := r.src.Peek(3); bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		r.src.Discard(3)
	}
	line, crOnly := firstLine(r.src)
	comma := separator(line)
	if l := strings.TrimSpace(line); len(l) == 5 && strings.HasPrefix(strings.ToLower(l), "sep=") && l[4] > ' ' && l[4] < 0x7f && l[4] != '"' {
		comma = l[4]
		skipLine(r.src)
		r.lineDelta = 1
		line, crOnly = firstLine(r.src)
	}
	var in io.Reader = r.src
	if crOnly {
		in = &crReader{r: r.src}
	}
	r.rows = newRows(in, comma)

	for {
		cells, _, err := r.rows.next()
		if err == io.EOF {
			return io.EOF
		}
		if err != nil {
			return fmt.Errorf("csv: %w", err)
		}
		if allEmpty(cells) {
			continue // blank rows before the header
		}
		header := make([]string, len(cells))
		for i, c := range cells {
			header[i] = strings.TrimSpace(strings.TrimPrefix(c, "\ufeff"))
		}
		r.table = resolve(header)
		if !r.table.hasTitle() {
			return bib.Errorf(r.rows.line+r.lineDelta, "csv: no title column: the header names no %s; it begins %s", titleNames, quoteHeader(header))
		}
		return nil
	}
}

// newTable starts a new table at a row that repeats or replaces the header.
func (r *Reader) newTable(cells []string, line int) {
	header := make([]string, len(cells))
	for i, c := range cells {
		header[i] = strings.TrimSpace(c)
	}
	same := len(header) == len(r.table.header)
	for i := 0; same && i < len(header); i++ {
		same = header[i] == r.table.header[i]
	}
	if same {
		r.warnings = append(r.warnings, bib.Warning{Line: line, Msg: "the header is repeated here (tables joined together?); the row is skipped"})
		return
	}
	r.table = resolve(header)
	r.warnings = append(r.warnings, bib.Warning{Line: line, Msg: "a new header begins here (tables joined together?); the rows after it are read with its columns"})
}

// maxControls is how many control characters (other than tab and line
// ends) a row may hold before it is taken for binary data; a NUL counts
// as more than that. Fewer are kept as they are, with a warning.
const maxControls = 4

// check refuses a row whose cells are shifted (more cells than the header
// has columns), that holds binary data, or that the end of the file cuts
// inside a quoted cell. controlsInRow tells whether the row's text holds
// control characters: without them, no cell does.
func (r *Reader) check(cells []string, line int, raw string, controlsInRow bool) error {
	n := len(r.table.header)
	controls, firstCell, nul := 0, -1, false
	for i, c := range cells {
		if !controlsInRow || !bib.HasControl(c) {
			continue
		}
		for j := 0; j < len(c); j++ {
			if b := c[j]; b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
				if firstCell < 0 {
					firstCell = i
				}
				controls++
				nul = nul || b == 0
			}
		}
	}
	if controls > maxControls || nul {
		l, col := r.rows.fieldPos(firstCell)
		return &bib.ParseError{Line: l + r.lineDelta, Column: col,
			Err: fmt.Errorf("CSV row %d: %d control characters, the first in column %s (binary data?)", r.position, controls, r.columnName(firstCell))}
	}
	if len(cells) > n {
		for i := n; i < len(cells); i++ {
			if strings.TrimSpace(cells[i]) != "" {
				l, col := r.rows.fieldPos(i)
				return &bib.ParseError{Line: l + r.lineDelta, Column: col,
					Err: fmt.Errorf("CSV row %d (line %d) has %d cells, but the header has %d columns: a quote out of place shifts the cells after it", r.position, line, len(cells), n)}
			}
		}
	}
	if len(cells) < n && strings.Count(raw, `"`)%2 == 1 {
		l, _ := r.rows.fieldPos(len(cells) - 1)
		return bib.Errorf(line, "CSV row %d: a quoted cell is not closed; the row runs to line %d", r.position, l+r.lineDelta)
	}
	return nil
}

func (r *Reader) columnName(i int) string {
	if i < len(r.table.header) {
		return fmt.Sprintf("%d (%q)", i+1, r.table.header[i])
	}
	return fmt.Sprint(i + 1)
}

func allEmpty(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// quoteHeader quotes the first columns of a header for an error message.
func quoteHeader(h []string) string {
	var q []string
	for i, c := range h {
		if i == 5 {
			q = append(q, "...")
			break
		}
		if len(c) > 40 {
			c = c[:40] + "…"
		}
		q = append(q, fmt.Sprintf("%q", c))
	}
	return strings.Join(q, ", ")
}

// firstLine returns the first line of the text without consuming it, and
// whether it ends in a bare CR (a file with CR line ends).
func firstLine(br *bufio.Reader) (string, bool) {
	for n := 4096; ; n *= 2 {
		if n > br.Size() {
			n = br.Size()
		}
		b, err := br.Peek(n)
		if i := bytes.IndexAny(b, "\r\n"); i >= 0 {
			cr := b[i] == '\r' && (i+1 < len(b) && b[i+1] != '\n' || i+1 == len(b) && err != nil)
			return string(b[:i]), cr
		}
		if err != nil || n == br.Size() {
			return string(b), false
		}
	}
}

// skipLine consumes one line and its end.
func skipLine(br *bufio.Reader) {
	for {
		c, err := br.ReadByte()
		if err != nil || c == '\n' {
			return
		}
		if c == '\r' {
			if next, err := br.Peek(1); err == nil && next[0] == '\n' {
				br.Discard(1)
			}
			return
		}
	}
}

// separator picks the separator a header line uses most outside quotes:
// ',', ';' or a tab (',' when it uses none).
func separator(line string) byte {
	var comma, semi, tab int
	quoted := false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				comma++
			}
		case ';':
			if !quoted {
				semi++
			}
		case '\t':
			if !quoted {
				tab++
			}
		}
	}
	switch {
	case tab > comma && tab >= semi:
		return '\t'
	case semi > comma:
		return ';'
	}
	return ','
}

// crReader turns bare CRs and CRLFs into LFs, for files whose lines end in
// CR alone (encoding/csv ends lines only at LF).
type crReader struct {
	r      io.Reader
	lastCR bool // the previous byte handed out was a CR turned into LF
}

func (c *crReader) Read(p []byte) (int, error) {
	for {
		n, err := c.r.Read(p)
		w := 0
		for i := 0; i < n; i++ {
			b := p[i]
			if b == '\n' && c.lastCR {
				c.lastCR = false
				continue
			}
			c.lastCR = b == '\r'
			if b == '\r' {
				b = '\n'
			}
			p[w] = b
			w++
		}
		if w > 0 || err != nil || n == 0 {
			return w, err
		}
	}
}
