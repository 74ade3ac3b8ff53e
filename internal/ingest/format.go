package ingest

import (
	"io"
	"sort"
	"strings"

	"github.com/bibdb/bibdb/internal/ingest/bibtex"
	"github.com/bibdb/bibdb/internal/ingest/csljson"
	"github.com/bibdb/bibdb/internal/ingest/csvtable"
	"github.com/bibdb/bibdb/internal/ingest/endnotexml"
	"github.com/bibdb/bibdb/internal/ingest/enw"
	"github.com/bibdb/bibdb/internal/ingest/medline"
	"github.com/bibdb/bibdb/internal/ingest/ovid"
	"github.com/bibdb/bibdb/internal/ingest/pubmedxml"
	"github.com/bibdb/bibdb/internal/ingest/ris"
	"github.com/bibdb/bibdb/internal/ingest/wos"
)

// Format is one export format bibdb reads, writes, or both.
type Format struct {
	Name      string   // the name used on the command line and in the imports table
	Aliases   []string // other names accepted for it
	Title     string   // what people call it
	NewReader func(io.Reader) RecordReader
	NewWriter func(io.Writer) RecordWriter
}

// Formats lists every format, readers and writers, in the order Detect
// prefers them when two could fit.
var Formats = []*Format{
	{
		Name: "ris", Title: "RIS", Aliases: []string{"endnote-ris"},
		NewReader: func(r io.Reader) RecordReader { return ris.NewReader(r) },
		NewWriter: func(w io.Writer) RecordWriter { return ris.NewWriter(w) },
	},
	{
		Name: "medline", Title: "MEDLINE/PubMed (.nbib)", Aliases: []string{"nbib", "pubmed"},
		NewReader: func(r io.Reader) RecordReader { return medline.NewReader(r) },
		NewWriter: func(w io.Writer) RecordWriter { return medline.NewWriter(w) },
	},
	{
		Name: "pubmedxml", Title: "PubMed XML", Aliases: []string{"pubmed-xml", "medline-xml"},
		NewReader: func(r io.Reader) RecordReader { return pubmedxml.NewReader(r) },
	},
	{
		Name: "bibtex", Title: "BibTeX/BibLaTeX", Aliases: []string{"biblatex", "bib"},
		NewReader: func(r io.Reader) RecordReader { return bibtex.NewReader(r) },
		NewWriter: func(w io.Writer) RecordWriter { return bibtex.NewWriter(w) },
	},
	{
		Name: "endnotexml", Title: "EndNote XML", Aliases: []string{"endnote-xml"},
		NewReader: func(r io.Reader) RecordReader { return endnotexml.NewReader(r) },
	},
	{
		Name: "enw", Title: "EndNote tagged (.enw)", Aliases: []string{"endnote", "refer"},
		NewReader: func(r io.Reader) RecordReader { return enw.NewReader(r) },
	},
	{
		Name: "wos", Title: "Web of Science (tagged or tab-delimited)", Aliases: []string{"isi", "webofscience"},
		NewReader: func(r io.Reader) RecordReader { return wos.NewReader(r) },
	},
	{
		Name: "ovid", Title: "Ovid (its own tagged or labelled text)", Aliases: []string{"ovid-text"},
		NewReader: func(r io.Reader) RecordReader { return ovid.NewReader(r) },
	},
	{
		Name: "csv", Title: "CSV (Scopus and bibdb tables)", Aliases: []string{"scopus", "scopuscsv"},
		NewReader: func(r io.Reader) RecordReader { return csvtable.NewReader(r) },
		NewWriter: func(w io.Writer) RecordWriter { return csvtable.NewWriter(w) },
	},
	{
		Name: "csl-json", Title: "CSL-JSON", Aliases: []string{"csljson", "csl", "json"},
		NewReader: func(r io.Reader) RecordReader { return csljson.NewReader(r) },
		NewWriter: func(w io.Writer) RecordWriter { return csljson.NewWriter(w) },
	},
}

// Lookup returns the format with the given name or alias, or nil.
func Lookup(name string) *Format {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, f := range Formats {
		if f.Name == name {
			return f
		}
		for _, a := range f.Aliases {
			if a == name {
				return f
			}
		}
	}
	return nil
}

// FormatNames lists the names of the formats, comma-separated.
func FormatNames() string {
	var n []string
	for _, f := range Formats {
		n = append(n, f.Name)
	}
	sort.Strings(n)
	return strings.Join(n, ", ")
}

// ReadableNames lists the formats that can be read.
func ReadableNames() []string {
	var n []string
	for _, f := range Formats {
		if f.NewReader != nil {
			n = append(n, f.Name)
		}
	}
	return n
}

// WritableNames lists the formats that can be written.
func WritableNames() []string {
	var n []string
	for _, f := range Formats {
		if f.NewWriter != nil {
			n = append(n, f.Name)
		}
	}
	return n
}
