package csvtable

import (
	"io"
	"testing"

	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

// generate writes n synthetic records with bibdb's table writer.
func generate(tb testing.TB, n int) []byte {
	return ingesttest.Generate(tb, n, func(w io.Writer) ingesttest.Writer { return NewWriter(w) })
}

func benchmarkRead(b *testing.B, data []byte, n int) {
	ingesttest.BenchmarkRead(b, data, n, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
}

// BenchmarkRead reads 50 000 generated records from bibdb's own table.
func BenchmarkRead(b *testing.B) {
	benchmarkRead(b, generate(b, 50000), 50000)
}

// BenchmarkReadScopus reads 50 000 generated records written as a Scopus
// export.
func BenchmarkReadScopus(b *testing.B) {
	benchmarkRead(b, generateScopus(b, 50000), 50000)
}
