package store

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/bibdb/bibdb/internal/gen"
	"github.com/bibdb/bibdb/internal/ingest/ris"
)

// writeGenerated writes n generated records as RIS to a file in dir.
func writeGenerated(tb testing.TB, dir string, n int, opts gen.Options) string {
	tb.Helper()
	var buf bytes.Buffer
	w := ris.NewWriter(&buf)
	g := gen.New(opts)
	for i := 0; i < n; i++ {
		rec, _ := g.Next()
		if err := w.Write(rec); err != nil {
			tb.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, "generated.ris")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkImport imports a generated RIS file of 50 000 records (without
// duplicates) into a new database.
func BenchmarkImport(b *testing.B) {
	const n = 50000
	dir := b.TempDir()
	path := writeGenerated(b, dir, n, gen.Options{Seed: 1})
	fi, _ := os.Stat(path)
	b.SetBytes(fi.Size())
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dbPath := filepath.Join(dir, "bench.sqlite")
		os.Remove(dbPath)
		os.Remove(dbPath + "-wal")
		os.Remove(dbPath + "-shm")
		db, err := Open(context.Background(), dbPath)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := db.ImportFile(context.Background(), path, ImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Records != n {
			b.Fatalf("imported %d records", res.Records)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}
