package csljson

import (
	"io"
	"testing"

	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

// generate writes n synthetic records with the package's writer.
func generate(tb testing.TB, n int) []byte {
	return ingesttest.Generate(tb, n, func(w io.Writer) ingesttest.Writer { return NewWriter(w) })
}

// BenchmarkRead reads 50 000 generated items.
func BenchmarkRead(b *testing.B) {
	ingesttest.BenchmarkRead(b, generate(b, 50000), 50000, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
}
