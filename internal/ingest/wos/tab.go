package wos

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// longNames maps the column names of the newer export (and of its
// spreadsheet saved as text) onto tags.
var longNames = map[string]string{
	"publication type": "PT", "authors": "AU", "book authors": "BA", "book editors": "BE", "editors": "BE",
	"book group authors": "GP", "author full names": "AF", "author full name": "AF", "book author full names": "BF",
	"group authors": "CA", "article title": "TI", "document title": "TI", "title": "TI", "source title": "SO",
	"book series title": "SE", "book series subtitle": "BS", "language": "LA", "document type": "DT",
	"conference title": "CT", "conference date": "CY", "conference location": "CL", "conference sponsor": "SP",
	"conference sponsors": "SP", "conference host": "HO", "author keywords": "DE", "keywords plus": "ID",
	"abstract": "AB", "addresses": "C1", "affiliations": "C3", "reprint addresses": "RP", "reprint address": "RP",
	"email addresses": "EM", "e-mail addresses": "EM", "researcher ids": "RI", "orcids": "OI",
	"funding orgs": "FU", "funding text": "FX", "cited references": "CR", "cited reference count": "NR",
	"publisher": "PU", "publisher city": "PI", "publisher address": "PA", "issn": "SN", "eissn": "EI",
	"isbn": "BN", "journal abbreviation": "J9", "journal iso abbreviation": "JI", "publication date": "PD",
	"publication year": "PY", "volume": "VL", "issue": "IS", "part number": "PN", "supplement": "SU",
	"special issue": "SI", "meeting abstract": "MA", "start page": "BP", "end page": "EP",
	"article number": "AR", "doi": "DI", "doi link": "DL", "book doi": "D2", "early access date": "EA",
	"number of pages": "PG", "pubmed id": "PM", "ut (unique wos id)": "UT", "ut (unique id)": "UT",
	"accession number": "UT", "unique wos id": "UT", "date of export": "DA",
}

// tabHeader reads the header line of a tab-delimited export: it returns
// the tag of each column ("" for a column it does not know) and whether
// the line is such a header (tab-separated, naming at least three known
// columns among them a title, an author or an id column).
func tabHeader(line string) ([]string, bool) {
	if strings.IndexByte(line, '\t') < 0 {
		return nil, false
	}
	cells := strings.Split(line, "\t")
	for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	cols := make([]string, len(cells))
	known := 0
	core := false
	for i, c := range cells {
		c = strings.TrimSpace(strings.Trim(strings.TrimSpace(c), "\"\ufeff"))
		tag := ""
		if len(c) == 2 && isUpper(c[0]) && isUpperOrDigit(c[1]) {
			tag = c
		} else {
			tag = longNames[strings.ToLower(c)]
		}
		if tag == "" {
			continue
		}
		cols[i] = tag
		if tagNames[tag] {
			known++
			switch tag {
			case "TI", "AU", "AF", "UT", "SO":
				core = true
			}
		}
	}
	return cols, known >= 3 && core
}

// tagNames are the tags of the Web of Science field list.
var tagNames = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range strings.Fields(`FN VR PT AU AF BA BF CA GP BE TI SO SE BS LA DT CT CY CL SP HO DE ID AB C1 C3 RP EM
		RI OI FU FP FX CR NR TC Z9 U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS SI PN SU MA BP EP AR DI DL D2 EA PG
		WC WE SC GA PM OA HC HP DA UT ER EF`) {
		m[t] = true
	}
	return m
}()

// readTabbed reads the next line of a tab-delimited export as a record.
func (r *Reader) readTabbed() (*bib.Record, error) {
	var (
		b   []byte
		n   int
		err error
	)
	for {
		b, n, err = r.lr.Next()
		if err != nil {
			return nil, err
		}
		if !isBlank(b) {
			break
		}
	}
	r.position++
	position := r.position
	raw := string(b)
	cells, open := appendCells(r.cells[:0], raw)
	joined := 0
	// A line break inside a cell splits the record over lines: join them
	// back while a quoted cell is open, or while the record is short of
	// cells and the next line does not look like a record of its own.
	for (open || len(cells) < len(r.columns)) && joined < 100 {
		nb, nn, err := r.lr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		more := 1 + bytes.Count(nb, []byte{'\t'})
		if len(cells)-1+more > len(r.columns)+1 || (r.hasPT && looksLikeRecordLine(nb)) {
			r.lr.Unread(nb, nn)
			break
		}
		raw += "\n" + string(nb)
		cells, open = appendCells(cells[:0], raw)
		joined++
	}
	if strings.IndexByte(raw, 0) >= 0 {
		return nil, bib.Errorf(n, "Web of Science record %d: NUL byte (binary data?)", position)
	}
	r.cells = cells
	fields := r.fields[:0]
	for i, c := range cells {
		if i >= len(r.columns) || r.columns[i] == "" || c == "" {
			continue
		}
		if joined > 0 {
			c = strings.ReplaceAll(c, "\n", " ")
		}
		fields = append(fields, field{tag: r.columns[i], value: c, line: n})
	}
	r.fields = fields
	rec := r.index.mapRecord(fields)
	rec.Format = "wos"
	rec.Position = position
	rec.Line = n
	rec.Raw = raw
	if joined > 0 {
		rec.Warn(n, fmt.Sprintf("record broken over %d lines by line breaks inside its cells; joined", joined+1))
	}
	if extra := len(cells) - len(r.columns); extra > 0 {
		for _, c := range cells[len(r.columns):] {
			if strings.TrimSpace(c) != "" {
				rec.Warn(n, fmt.Sprintf("line has %d cells, the header %d; the cells beyond the header are ignored", len(cells), len(r.columns)))
				break
			}
		}
	} else if len(cells) < len(r.columns) {
		rec.Warn(n, fmt.Sprintf("line has %d cells, the header %d", len(cells), len(r.columns)))
	}
	if rec.Title == "" {
		rec.Warn(n, "record has no title")
	}
	return rec, nil
}

// looksLikeRecordLine reports whether a line begins with a publication
// type cell ("J\t", "B\t", "S\t", "P\t"), quoted or not.
func looksLikeRecordLine(b []byte) bool {
	if len(b) > 0 && b[0] == '"' {
		b = b[1:]
		i := 0
		for i < len(b) && i < 3 && isUpper(b[i]) {
			i++
		}
		return i > 0 && i+1 < len(b) && b[i] == '"' && b[i+1] == '\t'
	}
	i := 0
	for i < len(b) && i < 3 && isUpper(b[i]) {
		i++
	}
	return i > 0 && i < len(b) && b[i] == '\t'
}

// splitCells splits a line of the tab-delimited form into its cells. A
// cell quoted the way spreadsheet programs quote ("a ""b"" c", which may
// hold tabs and line breaks) is unquoted; a cell that merely begins with a
// quote mark ("Smart" cities) is taken as written. open reports a quoted
// cell still open at the end of s: the record goes on on the next line.
func splitCells(s string) (cells []string, open bool) {
	return appendCells(make([]string, 0, 72), s)
}

// appendCells is splitCells appending the cells to cells.
func appendCells(cells []string, s string) (_ []string, open bool) {
	i := 0
	for {
		if i < len(s) && s[i] == '"' {
			if cell, next, ok, unclosed := quotedCell(s, i); ok {
				cells = append(cells, cell)
				if next >= len(s) {
					return cells, false
				}
				i = next + 1 // past the tab
				continue
			} else if unclosed {
				open = true
			}
		}
		j := strings.IndexByte(s[i:], '\t')
		if j < 0 {
			return append(cells, s[i:]), open
		}
		cells = append(cells, s[i:i+j])
		i += j + 1
	}
}

// quotedCell reads a quoted cell beginning at s[i] == '"'. It returns the
// unquoted text and the index just past the closing quote; ok is false
// when the cell is not quoted after all (a lone quote mark inside it), and
// unclosed tells that s ends inside the quotes.
func quotedCell(s string, i int) (cell string, next int, ok, unclosed bool) {
	var b strings.Builder
	for j := i + 1; j < len(s); j++ {
		if s[j] != '"' {
			b.WriteByte(s[j])
			continue
		}
		if j+1 < len(s) && s[j+1] == '"' {
			b.WriteByte('"')
			j++
			continue
		}
		if j+1 == len(s) || s[j+1] == '\t' {
			return b.String(), j + 1, true, false
		}
		return "", 0, false, false
	}
	return "", 0, false, true
}
