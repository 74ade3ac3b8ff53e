package query_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/gen"
	"github.com/bibdb/bibdb/internal/ingest/ris"
	"github.com/bibdb/bibdb/internal/query"
	"github.com/bibdb/bibdb/internal/store"
)

// generatedLibrary imports n generated records into a new database.
func generatedLibrary(t testing.TB, n int) *store.DB {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "generated.ris")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := ris.NewWriter(f)
	g := gen.New(gen.Options{Seed: 7, DuplicateRate: 0.1})
	for range n {
		rec, _ := g.Next()
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(context.Background(), filepath.Join(dir, "library.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.ImportFile(context.Background(), path, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	return db
}

// TestSearchCombines checks that filters combine as sets: the works found
// by several filters are those every one of them finds alone, in Search's
// order (by rank with text, else newest first), and a limit keeps the
// first of them. It runs every combination of up to three filters on a
// generated library, with values taken from the library itself.
func TestSearchCombines(t *testing.T) {
	ctx := context.Background()
	db := generatedLibrary(t, 600)
	one := func(q string) string {
		var s string
		if err := db.Get(&s, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return s
	}
	family := one(`SELECT a.family FROM authorships s JOIN authors a ON a.id = s.author_id
		WHERE a.family IS NOT NULL GROUP BY a.family ORDER BY count(*) DESC LIMIT 1`)
	journal := one("SELECT j.title FROM works w JOIN journals j ON j.id = w.journal_id GROUP BY j.id ORDER BY count(*) DESC LIMIT 1")
	abbrev := one("SELECT j.abbreviation FROM journals j WHERE j.abbreviation IS NOT NULL ORDER BY j.id DESC LIMIT 1")
	keyword := one("SELECT k.term FROM work_keywords wk JOIN keywords k ON k.id = wk.keyword_id GROUP BY k.id ORDER BY count(*) DESC LIMIT 1")
	year := one("SELECT CAST(year AS TEXT) FROM works WHERE year IS NOT NULL GROUP BY year ORDER BY count(*) DESC LIMIT 1")
	word := strings.Fields(one("SELECT title FROM works WHERE title IS NOT NULL ORDER BY id LIMIT 1"))[0]
	var y int
	fmt.Sscan(year, &y)

	filters := []struct {
		name, field string // field: the Filter field it sets
		apply       func(*query.Filter)
	}{
		{"text " + word, "text", func(f *query.Filter) { f.Text = word }},
		{"author " + family, "author", func(f *query.Filter) { f.Author = family }},
		{"journal " + journal, "journal", func(f *query.Filter) { f.Journal = journal }},
		{"journal " + abbrev, "journal", func(f *query.Filter) { f.Journal = abbrev }},
		{"keyword " + keyword, "keyword", func(f *query.Filter) { f.Keyword = keyword }},
		{"keyword prefix", "keyword", func(f *query.Filter) { f.Keyword = keyword[:3] + "*" }},
		{"year " + year, "year", func(f *query.Filter) { f.YearFrom, f.YearTo = y, y }},
		{"years from " + year, "year from", func(f *query.Filter) { f.YearFrom = y }},
		{"years to " + year, "year to", func(f *query.Filter) { f.YearTo = y }},
	}
	search := func(f query.Filter) []query.Hit {
		t.Helper()
		hits, err := query.Search(ctx, db.DB, f)
		if err != nil {
			t.Fatalf("search %+v: %v", f, err)
		}
		return hits
	}
	alone := make([]map[int64]bool, len(filters))
	for i, fl := range filters {
		var f query.Filter
		fl.apply(&f)
		alone[i] = map[int64]bool{}
		for _, h := range search(f) {
			alone[i][h.ID] = true
		}
		if len(alone[i]) == 0 {
			t.Fatalf("%s finds nothing: the test needs every filter to find works", fl.name)
		}
	}
	var all []query.Hit // every work, newest first
	all = search(query.Filter{})
	byText := search(query.Filter{Text: word})

	for mask := 1; mask < 1<<len(filters); mask++ {
		var picked []int
		for i := range filters {
			if mask&(1<<i) != 0 {
				picked = append(picked, i)
			}
		}
		if len(picked) > 3 {
			continue
		}
		var f query.Filter
		var names []string
		for _, i := range picked {
			filters[i].apply(&f)
			names = append(names, filters[i].name)
		}
		var fields []string
		for _, i := range picked {
			fields = append(fields, filters[i].field)
		}
		if hasRepeats(fields) {
			continue // two values for one field: the later one stands
		}
		name := strings.Join(names, ", ")
		order := all
		if f.Text != "" {
			order = byText
		}
		var want []int64
		for _, h := range order {
			in := true
			for _, i := range picked {
				in = in && alone[i][h.ID]
			}
			if in {
				want = append(want, h.ID)
			}
		}
		got := ids(search(f))
		if !slices.Equal(got, want) {
			t.Errorf("%s: got %d works %v, want %d %v", name, len(got), head(got), len(want), head(want))
			continue
		}
		f.Limit = 5
		if got := ids(search(f)); !slices.Equal(got, want[:min(5, len(want))]) {
			t.Errorf("%s, limit 5: got %v, want %v", name, got, want[:min(5, len(want))])
		}
		f.Limit = 0
		wantIDs := slices.Clone(want)
		if f.Text == "" {
			slices.Sort(wantIDs)
		}
		if got, err := query.WorkIDs(ctx, db.DB, f); err != nil || !slices.Equal(got, wantIDs) {
			t.Errorf("%s: WorkIDs = %v, %v; want %v", name, head(got), err, head(wantIDs))
		}
	}

	// Without text, newest first, works without a year last.
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if b.Year != nil && (a.Year == nil || *a.Year < *b.Year || *a.Year == *b.Year && a.ID < b.ID) {
			t.Fatalf("work %d (%v) before work %d (%v)", a.ID, a.Year, b.ID, b.Year)
		}
	}
}

// hasRepeats reports whether a field is set twice ("year" sets both ends
// of the range, and counts once).
func hasRepeats(fields []string) bool {
	seen := map[string]bool{}
	for _, f := range fields {
		if seen[f] {
			return true
		}
		seen[f] = true
	}
	return false
}

func ids(hits []query.Hit) []int64 {
	out := make([]int64, len(hits))
	for i, h := range hits {
		out[i] = h.ID
	}
	return out
}

func head(s []int64) []int64 { return s[:min(len(s), 8)] }

// BenchmarkSearch times searches on a generated library of 20 000
// records (BIBDB_BENCH_RECORDS sets another number; building a library of
// a million takes a quarter of an hour), each with a limit of 20 as on a
// screen. The library is built once, before the timing.
func BenchmarkSearch(b *testing.B) {
	n := 20000
	if s := os.Getenv("BIBDB_BENCH_RECORDS"); s != "" {
		fmt.Sscan(s, &n)
	}
	db := generatedLibrary(b, n)
	ctx := context.Background()
	var family, keyword, journal string
	for q, dst := range map[string]*string{
		`SELECT a.family FROM authorships s JOIN authors a ON a.id = s.author_id WHERE s.work_id = 1 AND s.position = 1`:           &family,
		`SELECT k.term FROM work_keywords wk JOIN keywords k ON k.id = wk.keyword_id GROUP BY k.id ORDER BY count(*) DESC LIMIT 1`: &keyword,
		`SELECT j.title FROM journals j WHERE j.id = 1`:                                                                            &journal,
	} {
		if err := db.Get(dst, q); err != nil {
			b.Fatal(err)
		}
	}
	for _, bc := range []struct {
		name   string
		filter query.Filter
	}{
		{"text", query.Filter{Text: "health"}},
		{"phrase", query.Filter{Text: `"systematic review" AND children`}},
		{"author", query.Filter{Author: family}},
		{"keyword", query.Filter{Keyword: keyword}},
		{"journal", query.Filter{Journal: journal}},
		{"year", query.Filter{YearFrom: 2020, YearTo: 2020}},
		{"text+author", query.Filter{Text: "health", Author: family}},
		{"text+years", query.Filter{Text: "health", YearFrom: 2020}},
		{"journal+year+author", query.Filter{Journal: journal, YearFrom: 2015, Author: family}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			f := bc.filter
			f.Limit = 20
			for b.Loop() {
				if _, err := query.Search(ctx, db.DB, f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestAuthorParticles checks that a family name found without its
// particle finds the authors who have one, and no other name that only
// starts the same.
func TestAuthorParticles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "particles.ris")
	var b strings.Builder
	for i, au := range []string{"van Schalkwyk, Anna", "Schalk, Bob", "de la Cruz, Maria", "Wesenbeeck, B. K. van", "Schalkwykson, Carl"} {
		fmt.Fprintf(&b, "TY  - JOUR\nTI  - Work %d\nAU  - %s\nPY  - 2020\nER  - \n\n", i+1, au)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, filepath.Join(dir, "library.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ImportFile(ctx, path, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ author, want string }{
		{"Schalkwyk", "Work 1"},
		{"van Schalkwyk", "Work 1"},
		{"Schalkwyk A", "Work 1"},
		{"Schalkwyk, Bob", ""},
		{"Schalk", "Work 2"},
		{"Cruz", "Work 3"},
		{"de la Cruz", "Work 3"},
		{"Wesenbeeck", "Work 4"},
		{"van Wesenbeeck B", "Work 4"},
	} {
		hits, err := query.Search(ctx, db.DB, query.Filter{Author: tt.author})
		if err != nil {
			t.Fatalf("--author %q: %v", tt.author, err)
		}
		var got []string
		for _, h := range hits {
			got = append(got, *h.Title)
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("--author %q found %q, want %q", tt.author, got, tt.want)
		}
	}
}
