package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/gen"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
	"github.com/bibdb/bibdb/internal/ingest/ris"
)

// writeGenerated writes n generated records as RIS to a file in dir.
func writeGenerated(tb testing.TB, dir string, n int, opts gen.Options) string {
	tb.Helper()
	path := filepath.Join(dir, "generated.ris")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	ingesttest.WriteGenerated(tb, f, n, opts, func(w io.Writer) ingesttest.Writer { return ris.NewWriter(w) })
	if err := f.Close(); err != nil {
		tb.Fatal(err)
	}
	return path
}

// benchmarkImportFile imports the file at path, which holds n records,
// into a new database b.N times; only the import is timed.
func benchmarkImportFile(b *testing.B, path string, n int) {
	b.Helper()
	dbPath := filepath.Join(b.TempDir(), "bench.sqlite")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(dbPath + suffix)
		}
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
		b.ReportMetric(float64(countRows(b, db))/float64(n), "rows/record")
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}

// countRows counts the rows of every table of the schema but the
// full-text index's.
func countRows(tb testing.TB, db *DB) int {
	var tables []string
	if err := db.Select(&tables, `SELECT name FROM sqlite_master WHERE type = 'table'
		AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'works_fts%' AND name <> 'goose_db_version'`); err != nil {
		tb.Fatal(err)
	}
	total := 0
	for _, t := range tables {
		var n int
		if err := db.Get(&n, "SELECT count(*) FROM "+t); err != nil {
			tb.Fatal(err)
		}
		total += n
	}
	return total
}

// BenchmarkDriverRow measures what one row costs through database/sql and
// modernc.org/sqlite, with the database opened as bibdb opens it: rows of
// five columns, one of them indexed, inserted by a prepared statement in
// one transaction, one row per statement and 32 per statement. Multiplied
// by the rows/record of BenchmarkImport it bounds how fast an import can
// be. Run it with -benchtime 300000x: a few rows say nothing.
func BenchmarkDriverRow(b *testing.B) {
	for _, perStatement := range []int{1, 32} {
		b.Run(fmt.Sprintf("rows-per-statement=%d", perStatement), func(b *testing.B) {
			ctx := context.Background()
			db, err := Open(ctx, filepath.Join(b.TempDir(), "floor.sqlite"))
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec("CREATE TABLE floor (a INTEGER, b TEXT, c INTEGER, d INTEGER, e TEXT); CREATE INDEX floor_b ON floor (b)"); err != nil {
				b.Fatal(err)
			}
			tx, err := db.BeginTxx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer tx.Rollback()
			q := "INSERT INTO floor (a, b, c, d, e) VALUES " + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?), ", perStatement), ", ")
			stmt, err := tx.Preparex(q)
			if err != nil {
				b.Fatal(err)
			}
			args := make([]any, 0, 5*perStatement)
			keys := make([]string, b.N+perStatement)
			for k := range keys {
				keys[k] = fmt.Sprintf("key %d", k*7919%1000003)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i += perStatement {
				args = args[:0]
				for j := 0; j < perStatement; j++ {
					k := i + j
					args = append(args, k, keys[k], k%10, 1, "Smith, J.")
				}
				if _, err := stmt.Exec(args...); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/row")
		})
	}
}

// BenchmarkImport imports a generated RIS file of 50 000 records (without
// duplicates) into a new database.
func BenchmarkImport(b *testing.B) {
	const n = 50000
	path := writeGenerated(b, b.TempDir(), n, gen.Options{Seed: 1})
	fi, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(fi.Size())
	benchmarkImportFile(b, path, n)
}

// BenchmarkImportDedup imports and deduplicates generated records with
// known duplicates (a quarter of them copies of earlier works, written
// the way other databases write them), as three files. Set
// BIBDB_BENCH_RECORDS to change the number (100000 by default in the
// benchmark, which reports the false merges and the share of duplicates
// found).
func BenchmarkImportDedup(b *testing.B) {
	n := 100000
	if s := os.Getenv("BIBDB_BENCH_RECORDS"); s != "" {
		fmt.Sscan(s, &n)
	}
	dir := b.TempDir()
	paths, truth := writeParts(b, dir, n, 3, 0.25)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dbPath := filepath.Join(dir, "bench.sqlite")
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(dbPath + suffix)
		}
		db, err := Open(context.Background(), dbPath)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		// As the import command does: the indexes are built once, by the
		// last file.
		for i, p := range paths {
			if _, err := db.ImportFile(context.Background(), p, ImportOptions{DeferIndexes: i < len(paths)-1}); err != nil {
				b.Fatal(err)
			}
		}
		b.StopTimer()
		falseMerges, found, dups := scoreAgainstTruth(b, db, paths, truth)
		b.ReportMetric(float64(falseMerges), "false-merges")
		b.ReportMetric(float64(found)/float64(max(dups, 1)), "dup-recall")
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "records/s")
}

// scoreAgainstTruth counts works that mix generated works, and the
// duplicates merged with the first record of their generated work.
func scoreAgainstTruth(tb testing.TB, db *DB, paths []string, truth map[[2]int]int) (falseMerges, found, dups int) {
	rows, err := db.Queryx("SELECT r.work_id, i.path, r.position FROM records r JOIN imports i ON i.id = r.import_id ORDER BY r.id")
	if err != nil {
		tb.Fatal(err)
	}
	defer rows.Close()
	trueOf := map[int64]int{}
	first := map[int]int64{}
	for rows.Next() {
		var work int64
		var path string
		var pos int
		if err := rows.Scan(&work, &path, &pos); err != nil {
			tb.Fatal(err)
		}
		f := 0
		for i, p := range paths {
			if p == path {
				f = i
			}
		}
		tw := truth[[2]int{f, pos}]
		if w, ok := trueOf[work]; ok && w != tw {
			falseMerges++
		}
		trueOf[work] = tw
		if w, ok := first[tw]; ok {
			dups++
			if w == work {
				found++
			}
		} else {
			first[tw] = work
		}
	}
	return falseMerges, found, dups
}

// BenchmarkImportPubMedBaseline imports a file the size of a PubMed
// baseline file: 30 000 generated articles as gzipped PubMed XML, into a
// new database.
func BenchmarkImportPubMedBaseline(b *testing.B) {
	const n = 30000
	data, _ := gen.PubMedXML(n, 5)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	if _, err := zw.Write(data); err != nil {
		b.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "pubmed.xml.gz")
	if err := os.WriteFile(path, gz.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	benchmarkImportFile(b, path, n)
}
