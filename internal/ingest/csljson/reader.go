package csljson

import (
	"errors"
	"io"

	"github.com/bibdb/bibdb/internal/bib"
)

// Reader reads records.
type Reader struct{}

// NewReader returns a Reader reading from r.
func NewReader(r io.Reader) *Reader { return &Reader{} }

// Read returns the next record.
func (r *Reader) Read() (*bib.Record, error) {
	return nil, errors.New("csljson: reader not written yet")
}
