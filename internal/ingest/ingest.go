// Package ingest turns export files into bibliographic records: it decodes
// the bytes (see Decoder), decides the format from the content (see
// Detect), and hands the text to the reader of that format, one package per
// format below this one. Every reader follows encoding/csv's shape: it is
// built on an io.Reader, returns one *bib.Record per Read and io.EOF at the
// end, never holds the whole file, and reports a bad record as a
// *bib.ParseError naming its line, after which reading goes on.
package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// RecordReader reads records one at a time.
type RecordReader interface {
	Read() (*bib.Record, error)
}

// RecordWriter writes records one at a time; Close finishes the output
// (closing brackets, flushing) without closing the underlying writer.
type RecordWriter interface {
	Write(*bib.Record) error
	Close() error
}

// warner is implemented by readers that have file-level warnings (text
// outside records and the like), complete once Read has returned io.EOF.
type warner interface {
	Warnings() []bib.Warning
}

// Options control how a file is opened.
type Options struct {
	Format   string // a format name or alias, or "" / "auto" to detect it
	Encoding string // an encoding name, or "" / "auto" to detect it
}

// Stream reads the records of one file.
type Stream struct {
	Name    string  // the file name used in messages
	Format  *Format // the format read
	dec     *Decoder
	r       RecordReader
	closers []io.Closer
	fields  fieldCounts
	gz      *gzipReader // the decompressor of a gzip-compressed file
}

// fieldCounts counts the records read that have each key field, to tell
// a file none of whose records has one (an export with a limited choice
// of fields, such as Web of Science's "Fast 5000" or a marked list).
type fieldCounts struct {
	records, titles, authors, years int
	articles, journals              int // journal articles, and those naming their journal
}

func (c *fieldCounts) count(rec *bib.Record) {
	c.records++
	if rec.Title != "" {
		c.titles++
	}
	if len(rec.Authors) > 0 {
		c.authors++
	}
	if rec.Date.Year != 0 {
		c.years++
	}
	if rec.Type == "article-journal" {
		c.articles++
		if rec.Container != "" || rec.ContainerAbbrev != "" {
			c.journals++
		}
	}
}

// minRecordsForFieldWarning is the fewest records a file must have for
// bibdb to say that none of them has a field.
const minRecordsForFieldWarning = 2

// warnings says which key fields no record of the file has.
func (c *fieldCounts) warnings() []bib.Warning {
	if c.records < minRecordsForFieldWarning {
		return nil
	}
	var missing []string
	if c.titles == 0 {
		missing = append(missing, "a title")
	}
	if c.authors == 0 {
		missing = append(missing, "authors")
	}
	if c.years == 0 {
		missing = append(missing, "a year")
	}
	if c.articles >= minRecordsForFieldWarning && c.journals == 0 {
		missing = append(missing, "a journal")
	}
	if len(missing) == 0 {
		return nil
	}
	return []bib.Warning{{Msg: fmt.Sprintf("none of the %d records has %s: was the file exported with fewer fields than a full record?",
		c.records, joinOr(missing))}}
}

// joinOr joins ["a", "b", "c"] as "a, b or c".
func joinOr(xs []string) string {
	if len(xs) == 1 {
		return xs[0]
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

// sniffSize is how much decoded text format detection looks at.
const sniffSize = 64 << 10

// Open prepares to read the records of the export in r. name is used in
// messages. A gzip-compressed file is decompressed; when its compressed
// data is cut short or damaged, the records before that point are read and
// Read reports the damage as a *bib.ParseError; bytes after the compressed
// data that are no gzip data are ignored with a warning. The format is detected
// from the content unless opts names it; a file that is no bibliographic
// export gives an error that says what the file looks like.
func Open(name string, r io.Reader, opts Options) (*Stream, error) {
	s := &Stream{Name: name}
	br := bufio.NewReaderSize(r, 64<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		gz.Multistream(true)
		s.closers = append(s.closers, gz)
		s.gz = &gzipReader{r: gz}
		br = bufio.NewReaderSize(s.gz, 64<<10)
	}
	dec, err := NewDecoder(br, opts.Encoding)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	s.dec = dec
	text := bufio.NewReaderSize(dec, sniffSize)
	head, err := text.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	var f *Format
	if opts.Format == "" || opts.Format == "auto" {
		f, err = Detect(head, filepath.Ext(name))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	} else {
		f = Lookup(opts.Format)
		if f == nil {
			return nil, fmt.Errorf("unknown format %q (formats: %s)", opts.Format, FormatNames())
		}
	}
	if f.NewReader == nil {
		return nil, fmt.Errorf("%s: bibdb cannot read %s", name, f.Title)
	}
	s.Format = f
	s.r = f.NewReader(text)
	return s, nil
}

// Read returns the next record, with Format set. A *bib.ParseError (with
// File set to the stream's name) means one record was bad and reading can
// go on; io.EOF means the end; any other error is fatal.
func (s *Stream) Read() (*bib.Record, error) {
	rec, err := s.r.Read()
	if err != nil {
		var pe *bib.ParseError
		if errors.As(err, &pe) {
			if pe.File == "" {
				pe.File = s.Name
			}
			return nil, pe
		}
		if err == io.EOF {
			if s.gz != nil && s.gz.err != nil && !s.gz.reported && !s.gz.trailing() {
				s.gz.reported = true
				return nil, &bib.ParseError{File: s.Name, Line: s.gz.lines + 1, Err: s.gz.problem()}
			}
			return nil, io.EOF
		}
		return nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	if rec.Format == "" {
		rec.Format = s.Format.Name
	}
	s.fields.count(rec)
	return rec, nil
}

// gzipReader passes on the text of a gzip-compressed file and ends it
// where the compressed data goes wrong (cut short, or corrupt), keeping the
// error: the records before that point are read, and the stream reports
// the damage at the line it reached after them.
type gzipReader struct {
	r        io.Reader
	err      error // what ended the compressed data early
	lines    int   // line ends passed on
	reported bool
}

func (g *gzipReader) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, io.EOF
	}
	n, err := g.r.Read(p)
	g.lines += bytes.Count(p[:n], []byte{'\n'})
	if err != nil && err != io.EOF {
		g.err, err = err, io.EOF
	}
	return n, err
}

// trailing reports whether what ended the compressed data is bytes after
// a whole member that are no gzip header (padding a download or copy
// added): nothing of the file is lost.
func (g *gzipReader) trailing() bool { return errors.Is(g.err, gzip.ErrHeader) }

// problem says what went wrong with the compressed data.
func (g *gzipReader) problem() error {
	if errors.Is(g.err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("the gzip-compressed file ends early, after this line (a download or copy that did not finish?): %w", g.err)
	}
	return fmt.Errorf("the gzip-compressed data is damaged after this line: %w", g.err)
}

// Warnings returns the file-level warnings: text the reader skipped,
// bytes that were not valid UTF-8, and key fields (title, authors, year,
// journal) that no record of the file has. Call it after Read has
// returned io.EOF.
func (s *Stream) Warnings() []bib.Warning {
	var out []bib.Warning
	if w, ok := s.r.(warner); ok {
		out = append(out, w.Warnings()...)
	}
	if line, msg := s.dec.Warning(); msg != "" {
		out = append(out, bib.Warning{Line: line, Msg: msg})
	}
	if s.gz != nil && s.gz.trailing() {
		out = append(out, bib.Warning{Line: s.gz.lines + 1, Msg: "bytes after the end of the gzip-compressed data are no gzip data; ignored"})
	}
	return append(out, s.fields.warnings()...)
}

// Encoding names the encoding the text was read in (complete after the last
// Read).
func (s *Stream) Encoding() string { return s.dec.Encoding() }

// Close releases what Open opened (not the reader it was given).
func (s *Stream) Close() error {
	var err error
	for _, c := range s.closers {
		if e := c.Close(); e != nil && err == nil {
			err = e
		}
	}
	return err
}

// ReadAll reads every record of a stream, collecting the parse errors
// instead of stopping at them. It is meant for tests and small files.
func ReadAll(s *Stream) ([]*bib.Record, []error, error) {
	var recs []*bib.Record
	var bad []error
	for {
		rec, err := s.Read()
		if err == io.EOF {
			return recs, bad, nil
		}
		if err != nil {
			if bib.IsParseError(err) {
				bad = append(bad, err)
				continue
			}
			return recs, bad, err
		}
		recs = append(recs, rec)
	}
}

// OpenBytes is Open on an in-memory file.
func OpenBytes(name string, b []byte, opts Options) (*Stream, error) {
	return Open(name, bytes.NewReader(b), opts)
}
