package bibtex

import (
	"errors"
	"io"

	"github.com/bibdb/bibdb/internal/bib"
)

// Writer writes records.
type Writer struct{}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer { return &Writer{} }

// Write writes one record.
func (w *Writer) Write(rec *bib.Record) error { return errors.New("writer not written yet") }

// Close flushes the output.
func (w *Writer) Close() error { return nil }
