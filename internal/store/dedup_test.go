package store

import (
	"bytes"
	"context"
	"database/sql"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/gen"
	"github.com/bibdb/bibdb/internal/ingest/ris"
)

// writeParts writes n generated records with duplicates as several RIS
// files, and returns the files and each record's true work by file and
// position.
func writeParts(t testing.TB, dir string, n, files int, rate float64) ([]string, map[[2]int]int) {
	t.Helper()
	g := gen.New(gen.Options{Seed: 3, DuplicateRate: rate})
	truth := map[[2]int]int{}
	var paths []string
	per := n / files
	for f := 0; f < files; f++ {
		// Written straight to the file: a million records held in memory
		// would weigh more than the import being measured.
		p := filepath.Join(dir, "part"+string(rune('a'+f))+".ris")
		file, err := os.Create(p)
		if err != nil {
			t.Fatal(err)
		}
		w := ris.NewWriter(file)
		for i := 0; i < per; i++ {
			rec, work := g.Next()
			if err := w.Write(rec); err != nil {
				t.Fatal(err)
			}
			truth[[2]int{f, i + 1}] = work
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := file.Close(); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	return paths, truth
}

// partition returns the works as sorted lists of record ids.
func partition(t testing.TB, db *DB) [][]int64 {
	t.Helper()
	byWork := map[int64][]int64{}
	for id, work := range recordWorks(t, db) {
		byWork[work] = append(byWork[work], id)
	}
	var out [][]int64
	for _, ids := range byWork {
		slices.Sort(ids)
		out = append(out, ids)
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func equalPartitions(a, b [][]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// checkForeignKeys fails the test for any row whose parent is missing
// (imports write with enforcement off), and for a pooled connection left
// without enforcement.
func checkForeignKeys(t *testing.T, db *DB) {
	t.Helper()
	rows, err := db.Queryx("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		v, _ := rows.SliceScan()
		t.Errorf("foreign key broken: %v", v)
	}
	for i := 0; i < 4; i++ {
		var on int
		if err := db.Get(&on, "PRAGMA foreign_keys"); err != nil || on != 1 {
			t.Fatalf("PRAGMA foreign_keys = %d, %v after an import", on, err)
		}
	}
}

// TestIncrementalEqualsRebuild imports files one after another (an update
// search imported later joins the works already there) and checks that a
// rebuild from the records gives the same works, and that no two
// generated works were merged.
func TestIncrementalEqualsRebuild(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	paths, truth := writeParts(t, t.TempDir(), 3000, 3, 0.3)
	for _, p := range paths {
		if _, err := db.ImportFile(ctx, p, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	incremental := partition(t, db)
	checkForeignKeys(t, db)

	// Every work holds records of one generated work only.
	var rows []struct {
		Work int64  `db:"work_id"`
		File string `db:"path"`
		Pos  int    `db:"position"`
	}
	if err := db.Select(&rows, "SELECT r.work_id, i.path, r.position FROM records r JOIN imports i ON i.id = r.import_id"); err != nil {
		t.Fatal(err)
	}
	trueOf := map[int64]int{}
	merged, dups := 0, 0
	seenTrue := map[int]int64{}
	for _, r := range rows {
		f := sort.SearchStrings(paths, r.File)
		tw := truth[[2]int{f, r.Pos}]
		if w, ok := trueOf[r.Work]; ok && w != tw {
			t.Fatalf("work %d mixes generated works %d and %d", r.Work, w, tw)
		}
		trueOf[r.Work] = tw
		if w, ok := seenTrue[tw]; ok {
			dups++
			if w == r.Work {
				merged++
			}
		} else {
			seenTrue[tw] = r.Work
		}
	}
	t.Logf("%d records, %d works, %d of %d duplicates merged", len(rows), len(incremental), merged, dups)
	if merged*10 < dups*9 {
		t.Errorf("only %d of %d generated duplicates merged", merged, dups)
	}

	parts := workParts(t, db)
	workOf := recordWorks(t, db)
	if _, err := db.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	checkSameParts(t, parts, workParts(t, db))
	checkForeignKeys(t, db)
	// The works the rebuild makes again keep their ids.
	if after := recordWorks(t, db); !maps.Equal(workOf, after) {
		changed := 0
		for r, w := range workOf {
			if after[r] != w {
				changed++
			}
		}
		t.Errorf("the rebuild moved %d of %d records to works of other ids", changed, len(workOf))
	}
	if rebuilt := partition(t, db); !equalPartitions(incremental, rebuilt) {
		t.Errorf("rebuild gives %d works, the incremental imports gave %d", len(rebuilt), len(incremental))
	}
	var orphans int
	db.Get(&orphans, "SELECT count(*) FROM works w WHERE NOT EXISTS (SELECT 1 FROM records r WHERE r.work_id = w.id)")
	if orphans != 0 {
		t.Errorf("%d works without records", orphans)
	}
	var fts, works int
	db.Get(&works, "SELECT count(*) FROM works")
	db.Get(&fts, "SELECT count(*) FROM works_fts WHERE works_fts MATCH 'the OR of OR and OR in OR trial OR care OR study'")
	if fts == 0 || fts > works {
		t.Errorf("full-text index holds %d works of %d", fts, works)
	}
}

// recordWorks returns the work of each record.
func recordWorks(t testing.TB, db *DB) map[int64]int64 {
	t.Helper()
	var rows []struct {
		ID   int64 `db:"id"`
		Work int64 `db:"work_id"`
	}
	if err := db.Select(&rows, "SELECT id, work_id FROM records"); err != nil {
		t.Fatal(err)
	}
	m := make(map[int64]int64, len(rows))
	for _, r := range rows {
		m[r.ID] = r.Work
	}
	return m
}

func TestDecisionsAreKept(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	dir := t.TempDir()
	paths, _ := writeParts(t, dir, 600, 2, 0.4)
	if _, err := db.ImportFile(ctx, paths[0], ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	// Split a merged pair, and merge two different works.
	var pair struct {
		A int64 `db:"a"`
		B int64 `db:"b"`
	}
	// Works of two records and of one, so that the decisions change which
	// records started a work and which joined one.
	if err := db.Get(&pair, "SELECT min(id) AS a, max(id) AS b FROM records GROUP BY work_id HAVING count(*) = 2 LIMIT 1"); err != nil {
		t.Fatal(err)
	}
	if err := db.Decide(ctx, pair.A, pair.B, VerdictDifferent); err != nil {
		t.Fatal(err)
	}
	// An import's counts of new works and joined records follow its
	// records as decisions move them.
	checkCounts := func(when string) {
		t.Helper()
		var wrong int
		if err := db.Get(&wrong, `SELECT count(*) FROM imports WHERE
			works_created <> (SELECT count(*) FROM records r WHERE r.import_id = imports.id AND r.matched_record_id IS NULL) OR
			records_joined <> (SELECT count(*) FROM records r WHERE r.import_id = imports.id AND r.matched_record_id IS NOT NULL)`); err != nil || wrong != 0 {
			t.Errorf("%s: %d imports with counts of new works and joined records that their records do not give (%v)", when, wrong, err)
		}
	}
	checkCounts("after a split")
	var apart struct {
		A int64 `db:"a"`
		B int64 `db:"b"`
	}
	db.Get(&apart, `SELECT (SELECT min(id) FROM records) AS a,
		(SELECT max(r.id) FROM records r JOIN works w ON w.id = r.work_id WHERE w.records = 1) AS b`)
	if err := db.Decide(ctx, apart.A, apart.B, VerdictSame); err != nil {
		t.Fatal(err)
	}
	check := func(when string) {
		t.Helper()
		work := func(id int64) (w int64) {
			db.Get(&w, "SELECT work_id FROM records WHERE id = ?", id)
			return w
		}
		if work(pair.A) == work(pair.B) {
			t.Errorf("%s: records %d and %d, split by hand, share a work", when, pair.A, pair.B)
		}
		if work(apart.A) != work(apart.B) {
			t.Errorf("%s: records %d and %d, merged by hand, are apart", when, apart.A, apart.B)
		}
		checkCounts(when)
	}
	check("after the decisions")
	if _, err := db.ImportFile(ctx, paths[1], ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	check("after another import")
	before := partition(t, db)
	if _, err := db.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	check("after a rebuild")
	if after := partition(t, db); !equalPartitions(before, after) {
		t.Errorf("rebuild changed the works: %d before, %d after", len(before), len(after))
	}
}

// TestBridgingRecordFoldsWorks imports two records of one article that do
// not match each other (one has only the DOI, the other only the PMID and
// no title), then a third with both: the two works fold into one, and the
// folded work leaves no rows behind.
func TestBridgingRecordFoldsWorks(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	var files []string
	for _, edit := range bridgingVariants() {
		path := filepath.Join(t.TempDir(), "record.ris")
		if err := os.WriteFile(path, seedVariant(t, edit), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	for i, f := range files {
		if _, err := db.ImportFile(ctx, f, ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		var works int
		db.Get(&works, "SELECT count(*) FROM works")
		if want := []int{1, 2, 1}[i]; works != want {
			t.Fatalf("after file %d: %d works, want %d", i+1, works, want)
		}
	}
	checkForeignKeys(t, db)
}

// seedVariant returns the seed record, changed by edit, as RIS.
func seedVariant(t testing.TB, edit func(*bib.Record)) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seed.ris"))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := ris.NewReader(bytes.NewReader(b)).Read()
	if err != nil {
		t.Fatal(err)
	}
	edit(rec)
	var out bytes.Buffer
	w := ris.NewWriter(&out)
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return out.Bytes()
}

// bridgingVariants are edits of the seed record: one with only its DOI and
// no pages, one with only its PMID and no title, which do not match each
// other, and the record as it is, which matches both.
func bridgingVariants() []func(*bib.Record) {
	keep := func(scheme string) func(*bib.Record) {
		return func(r *bib.Record) {
			var ids []bib.Identifier
			for _, x := range r.Identifiers {
				if x.Scheme == scheme {
					ids = append(ids, x)
				}
			}
			r.Identifiers = ids
		}
	}
	return []func(*bib.Record){
		func(r *bib.Record) { keep(bib.DOI)(r); r.Volume, r.FirstPage, r.LastPage = "", "", "" },
		func(r *bib.Record) { keep(bib.PMID)(r); r.Title = "" },
		func(*bib.Record) {},
	}
}

// TestFeatureTable imports two files large enough to be imported in bulk,
// the second into a library small enough for its records' features to be
// held in memory (featureTable, keyIndex), and checks that the works, their parts
// and the review pairs are those of the same import with the features
// read from the table. The second file holds a record that folds two
// works of the first together, and then a record that joins the folded
// work through a record of the work that was folded away.
func TestFeatureTable(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	paths, _ := writeParts(t, dir, 5000, 2, 0.25)
	variants := bridgingVariants()
	extra := [][]func(*bib.Record){{variants[0], variants[1]}, {variants[2], func(r *bib.Record) {
		variants[1](r)
		r.Notes = append(r.Notes, "a copy of the record with only its PMID")
	}}}
	for i, p := range paths {
		f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, edit := range extra[i] {
			f.Write(seedVariant(t, edit))
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	type result struct {
		works   [][]int64
		parts   map[string]string
		reasons []string
	}
	run := func(t *testing.T, tableRecords int) result {
		old, oldFlush := maxTableRecords, flushKeysAt
		// Keys are written to record_keys, and merged into the index of
		// them in memory, several times in each file.
		maxTableRecords, flushKeysAt = tableRecords, 4000
		defer func() { maxTableRecords, flushKeysAt = old, oldFlush }()
		db := openTemp(t)
		for i, p := range paths {
			res, err := db.ImportFile(ctx, p, ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !res.Bulk {
				t.Fatalf("file %d was not imported in bulk", i+1)
			}
		}
		checkForeignKeys(t, db)
		var r result
		r.works, r.parts = partition(t, db), workParts(t, db)
		if err := db.Select(&r.reasons, `SELECT r.id || ' ' || r.match_reason || ' ' || COALESCE(r.matched_record_id, '') FROM records r ORDER BY r.id`); err != nil {
			t.Fatal(err)
		}
		var pairs []string
		if err := db.Select(&pairs, "SELECT record_a || ' ' || record_b || ' ' || reason FROM review_pairs ORDER BY 1"); err != nil {
			t.Fatal(err)
		}
		r.reasons = append(r.reasons, pairs...)
		var seedWorks int
		if err := db.Get(&seedWorks, "SELECT count(DISTINCT work_id) FROM records WHERE title LIKE '%severe mental illness%' OR pmid = '37078520'"); err != nil {
			t.Fatal(err)
		}
		if seedWorks != 1 {
			t.Errorf("the four records of the seed are in %d works, want 1", seedWorks)
		}
		return r
	}
	inMemory, fromTable := run(t, maxTableRecords), run(t, 0)
	if !equalPartitions(inMemory.works, fromTable.works) {
		t.Errorf("works differ: %d with the features in memory, %d read from the table", len(inMemory.works), len(fromTable.works))
	}
	checkSameParts(t, inMemory.parts, fromTable.parts)
	if !slices.Equal(inMemory.reasons, fromTable.reasons) {
		t.Errorf("match reasons or review pairs differ")
	}
}

// workParts describes every work's identifiers, authors and their
// affiliations, and keywords by value, keyed by the work's records: two
// databases holding the same works give the same map.
func workParts(t testing.TB, db *DB) map[string]string {
	t.Helper()
	var rows []struct {
		Records string `db:"records"`
		Part    string `db:"part"`
	}
	err := db.Select(&rows, `WITH members AS (SELECT work_id, group_concat(id) AS records FROM (SELECT work_id, id FROM records ORDER BY id) GROUP BY work_id)
		SELECT m.records, p.part FROM members m JOIN (
			SELECT work_id, 'id ' || scheme || ':' || value AS part FROM identifiers
			UNION ALL SELECT s.work_id, 'by ' || s.role || s.position || ' ' || a.name_key || ' ' || s.name FROM authorships s JOIN authors a ON a.id = s.author_id
			UNION ALL SELECT l.work_id, 'at ' || ifnull(l.author_position, '-') || ' ' || f.name FROM authorship_affiliations l JOIN affiliations f ON f.id = l.affiliation_id
			UNION ALL SELECT k.work_id, 'kw ' || w.vocabulary || ':' || w.term || '/' || k.qualifier || ' ' || k.major FROM work_keywords k JOIN keywords w ON w.id = k.keyword_id
		) p ON p.work_id = m.work_id`)
	if err != nil {
		t.Fatal(err)
	}
	byWork := map[string][]string{}
	for _, r := range rows {
		byWork[r.Records] = append(byWork[r.Records], r.Part)
	}
	for records, terms := range fullTextTerms(t, db) {
		byWork[records] = append(byWork[records], terms...)
	}
	out := map[string]string{}
	for k, v := range byWork {
		sort.Strings(v)
		out[k] = strings.Join(v, "\n")
	}
	return out
}

// fullTextTerms returns, for each work's records, the terms the full-text
// index holds for the work, as "ft column:term" (the index keeps no text
// of its own to compare; fts5vocab lists what it indexed).
func fullTextTerms(t testing.TB, db *DB) map[string][]string {
	t.Helper()
	ctx := context.Background()
	conn, err := db.Connx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_terms USING fts5vocab(main, works_fts, instance)"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(ctx, "DROP TABLE temp.fts_terms")
	var rows []struct {
		Records string `db:"records"`
		Term    string `db:"term"`
	}
	err = conn.SelectContext(ctx, &rows, `WITH members AS (SELECT work_id, group_concat(id) AS records FROM (SELECT work_id, id FROM records ORDER BY id) GROUP BY work_id)
		SELECT m.records, 'ft ' || v.col || ':' || v.term AS term FROM fts_terms v JOIN members m ON m.work_id = v.doc`)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, r := range rows {
		out[r.Records] = append(out[r.Records], r.Term)
	}
	return out
}

// checkSameParts fails the test where two workParts differ.
func checkSameParts(t *testing.T, got, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("work of records %s:\n%s\nwant\n%s", k, got[k], w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("work of records %s should not be there", k)
		}
	}
}

// TestGrownWorkParts imports a record, then copies of it that add
// keywords, a DOI, an author's address, an abstract or nothing at all, and
// checks that the work holds what a rebuild from its records gives: its
// parts and the terms the full-text index holds for it. The copies come
// in files of their own (the work grows from older records) or all in one
// file (the work grows within the import that made it).
func TestGrownWorkParts(t *testing.T) {
	base := "TY  - JOUR\nAU  - Byng, Richard\nAU  - Creanor, Siobhan\nTI  - Collaborative care for people with severe mental illness in primary care\n" +
		"T2  - British Journal of Psychiatry\nPY  - 2023\nVL  - 222\nIS  - 6\nSP  - 246\nEP  - 256\n"
	records := []string{
		base + "ER  - \n",
		base + "KW  - Primary care\nKW  - Mental illness\nER  - \n",
		base + "N1  - Nothing new\nER  - \n",
		base + "DO  - 10.1192/bjp.2023.28\nAD  - University of Plymouth\nER  - \n",
		base + "KW  - Primary care\nDO  - 10.1192/bjp.2023.28\nER  - \n",
		base + "AB  - Integrated physical health checks in general practice\nER  - \n",
		base + "N1  - Nothing new either\nER  - \n",
	}
	for _, tc := range []struct {
		name  string
		files []string
	}{
		{"a file each", records},
		{"one file", []string{strings.Join(records, "\n")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := openTemp(t)
			dir := t.TempDir()
			for i, f := range tc.files {
				p := filepath.Join(dir, string(rune('a'+i))+".ris")
				if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
					t.Fatal(err)
				}
				if _, err := db.ImportFile(ctx, p, ImportOptions{}); err != nil {
					t.Fatal(err)
				}
			}
			if n := len(partition(t, db)); n != 1 {
				t.Fatalf("%d works, want 1", n)
			}
			incremental := workParts(t, db)
			w := incremental["1,2,3,4,5,6,7"]
			for _, want := range []string{"kw author:Mental illness", "id doi:10.1192/bjp.2023.28", "University of Plymouth",
				"ft abstract:integrated", "ft keywords:mental", "ft authors:creanor"} {
				if !strings.Contains(w, want) {
					t.Errorf("the work lacks %q, which later records added:\n%s", want, w)
				}
			}
			if _, err := db.Rebuild(ctx, nil); err != nil {
				t.Fatal(err)
			}
			checkSameParts(t, incremental, workParts(t, db))
			var hits int
			if err := db.Get(&hits, "SELECT count(*) FROM works_fts WHERE works_fts MATCH 'integrated physical'"); err != nil || hits != 1 {
				t.Errorf("search for the abstract: %d works, %v", hits, err)
			}
		})
	}
}

// TestLoadPartIDs checks that a writer whose caches are filled from the
// library finds its authors, affiliations and keywords under their ids,
// and still gives a MeSH term of the library the id a record brings.
func TestLoadPartIDs(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	path := filepath.Join(t.TempDir(), "a.nbib")
	nbib := "PMID- 1\nTI  - Collaborative care in primary care.\nFAU - Byng, Richard\nAU  - Byng R\n" +
		"AD  - University of Plymouth, Plymouth, UK.\nMH  - *Depression/therapy\nOT  - primary care\nDP  - 2023\n"
	if err := os.WriteFile(path, []byte(nbib), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ImportFile(ctx, path, ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ids := func(query string) (id int64) {
		t.Helper()
		if err := db.Get(&id, query); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return id
	}
	author, affiliation := ids("SELECT id FROM authors"), ids("SELECT id FROM affiliations")
	mesh, keyword := ids("SELECT id FROM keywords WHERE vocabulary = 'mesh'"), ids("SELECT id FROM keywords WHERE vocabulary = 'author'")

	tx, release, err := db.beginImport(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	defer tx.Rollback()
	w := newWriter(tx)
	if err := w.loadPartIDs(ctx); err != nil {
		t.Fatal(err)
	}
	if got := w.authors[NameKey(bib.Person{Family: "Byng", Given: "Richard"})]; got != author {
		t.Errorf("author id %d, want %d", got, author)
	}
	if got, err := w.affiliation(ctx, "University of Plymouth, Plymouth, UK", nil); err != nil || got != affiliation {
		t.Errorf("affiliation id %d (%v), want %d", got, err, affiliation)
	}
	if got, err := w.keyword(ctx, bib.Keyword{Term: "Primary care", Vocabulary: bib.VocabAuthor}, keywordKey{}, false); err != nil || got != keyword {
		t.Errorf("keyword id %d (%v), want %d", got, err, keyword)
	}
	if got, err := w.keyword(ctx, bib.Keyword{Term: "Depression", Vocabulary: bib.VocabMeSH, UI: "D003863"}, keywordKey{}, false); err != nil || got != mesh {
		t.Errorf("MeSH id %d (%v), want %d", got, err, mesh)
	}
	var ui sql.NullString
	if err := tx.Get(&ui, "SELECT ui FROM keywords WHERE id = ?", mesh); err != nil || ui.String != "D003863" {
		t.Errorf("MeSH term's id %q (%v), want D003863", ui.String, err)
	}
	var rows int
	if err := tx.Get(&rows, "SELECT (SELECT count(*) FROM authors) + (SELECT count(*) FROM affiliations) + (SELECT count(*) FROM keywords)"); err != nil || rows != 4 {
		t.Errorf("%d authors, affiliations and keywords, want the 4 there were (%v)", rows, err)
	}
}
