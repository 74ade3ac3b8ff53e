package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest"
)

// risRecords returns n RIS records; the one at bad (1-based; 0 for none)
// holds binary data, which its reader refuses.
func risRecords(n, bad int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		title := fmt.Sprintf("Record number %d about prepared reading", i)
		if i == bad {
			title = "Binary \x01 data"
		}
		fmt.Fprintf(&b, "TY  - JOUR\nTI  - %s\nAU  - Author%d, A.\nPY  - 2001\nER  - \n\n", title, i)
	}
	return b.String()
}

func TestPrepareKeepsOrderAndParseErrors(t *testing.T) {
	stream, err := ingest.Open("test.ris", strings.NewReader(risRecords(500, 200)), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	records, stop := prepare(stream)
	defer stop()
	pos, parseErrors := 0, 0
	for p := range records {
		if p.err != nil {
			if !bib.IsParseError(p.err) {
				t.Fatalf("error that is no parse error: %v", p.err)
			}
			parseErrors++
			continue
		}
		pos++
		if pos == 200 {
			pos++ // the refused record
		}
		if p.rec.Position != pos || p.features == nil || !strings.Contains(p.data, fmt.Sprintf("Record number %d ", pos)) {
			t.Fatalf("record at position %d: got position %d, features %v, data %.60s", pos, p.rec.Position, p.features != nil, p.data)
		}
	}
	if pos != 500 || parseErrors != 1 {
		t.Errorf("read up to position %d with %d parse errors, want 500 and 1", pos, parseErrors)
	}
}

// TestPrepareStops checks that a writer that gives up early stops the
// reading goroutine: stop returns, twice, with records still unread.
func TestPrepareStops(t *testing.T) {
	stream, err := ingest.Open("test.ris", strings.NewReader(risRecords(5*prepareAhead, 0)), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	records, stop := prepare(stream)
	if p := <-records; p.err != nil || p.rec.Position != 1 {
		t.Fatalf("first record: %+v", p)
	}
	stop()
	stop()
	n := 0
	for range records {
		n++
	}
	if n > prepareAhead {
		t.Errorf("%d records prepared after stop, want at most %d", n, prepareAhead)
	}
}

// TestImportCancelled cancels an import while it runs: the import fails
// and leaves nothing in the database.
func TestImportCancelled(t *testing.T) {
	db := openTemp(t)
	path := filepath.Join(t.TempDir(), "many.ris")
	if err := os.WriteFile(path, []byte(risRecords(3000, 0)), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	_, err := db.ImportFile(ctx, path, ImportOptions{Progress: func(done, total int64) {
		// The first call comes while the format is detected, before the
		// transaction begins; the ones after it while records are read.
		if calls++; calls == 2 {
			cancel()
		}
	}})
	if err == nil {
		t.Fatal("a cancelled import succeeded")
	}
	var n int
	if err := db.Get(&n, "SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM imports) + (SELECT count(*) FROM works)"); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d rows left by a cancelled import", n)
	}
}

// TestJournalTitleInMixedCase checks that a journal first met in capitals
// (as Web of Science writes every title) takes the same title in mixed
// case from a later import, and keeps it.
func TestJournalTitleInMixedCase(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	dir := t.TempDir()
	files := map[string]string{
		"wos.txt": "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Okafor, C\nTI SLEEP AND MEMORY IN ADOLESCENTS\n" +
			"SO JOURNAL OF SLEEP RESEARCH\nPY 1998\nVL 7\nBP 201\nEP 209\nER\n\nEF\n",
		"b.ris": "TY  - JOUR\nAU  - Lindqvist, E.\nTI  - Napping in shift workers\nT2  - Journal of Sleep Research\nPY  - 1999\nVL  - 8\nSP  - 11\nEP  - 19\nER  - \n",
		"c.ris": "TY  - JOUR\nAU  - Haddad, R.\nTI  - Insomnia in nurses\nT2  - JOURNAL OF SLEEP RESEARCH\nPY  - 2000\nVL  - 9\nSP  - 1\nEP  - 9\nER  - \n",
	}
	for i, name := range []string{"wos.txt", "b.ris", "c.ris"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ImportFile(ctx, path, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		var titles []string
		if err := db.Select(&titles, "SELECT title FROM journals"); err != nil {
			t.Fatal(err)
		}
		want := []string{"JOURNAL OF SLEEP RESEARCH", "Journal of Sleep Research", "Journal of Sleep Research"}[i]
		if len(titles) != 1 || titles[0] != want {
			t.Errorf("after %s: journals %q, want one, %q", name, titles, want)
		}
	}
}

// TestImportSource checks that an import's source database is one that
// more than half of its records name, and none otherwise.
func TestImportSource(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	dir := t.TempDir()
	record := func(i int, dp string) string {
		s := fmt.Sprintf("TY  - JOUR\nTI  - Sources of record number %d\nAU  - Author%d, A.\nPY  - 2001\n", i, i)
		if dp != "" {
			s += "DP  - " + dp + "\n"
		}
		return s + "ER  - \n\n"
	}
	for _, c := range []struct {
		name string
		dps  []string
		want string
	}{
		{"catalogues.ris", []string{"Google Books", "Crossref", ""}, ""},
		{"tie.ris", []string{"Embase", "Embase", "", ""}, ""},
		{"embase.ris", []string{"Embase", "Embase", ""}, "Embase"},
		{"none.ris", []string{"", ""}, ""},
	} {
		var b strings.Builder
		for i, dp := range c.dps {
			b.WriteString(record(len(c.name)*100+i, dp))
		}
		path := filepath.Join(dir, c.name)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := db.ImportFile(ctx, path, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Source != c.want {
			t.Errorf("%s: source %q, want %q", c.name, res.Source, c.want)
		}
	}
}
