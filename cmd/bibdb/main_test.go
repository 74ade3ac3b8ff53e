package main

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// bibdb runs the command in-process and returns its exit status and output.
func bibdb(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func testdataPath(name string) string { return filepath.Join("..", "..", "testdata", name) }

func newDB(t *testing.T) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "test.sqlite")
}

func TestImportSeedAndQuery(t *testing.T) {
	db := newDB(t)
	code, out, errs := bibdb(t, "", "import", testdataPath("seed.ris"), "--db", db)
	if code != 0 {
		t.Fatalf("import: exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "1 record read") || !strings.Contains(out, "1 new work") {
		t.Errorf("import report = %q", out)
	}

	// A second import of the same bytes adds nothing.
	code, out, _ = bibdb(t, "", "--db", db, "import", testdataPath("seed.ris"))
	if code != 0 || !strings.Contains(out, "already imported") {
		t.Errorf("re-import: exit %d, %q", code, out)
	}
	code, out, _ = bibdb(t, "", "--db", db, "sql", "--format", "csv", "SELECT (SELECT count(*) FROM records), (SELECT count(*) FROM works), (SELECT count(*) FROM imports)")
	if code != 0 || !strings.Contains(out, "1,1,1") {
		t.Errorf("counts after re-import: exit %d, %q", code, out)
	}

	searches := []struct {
		name string
		args []string
		hit  bool
	}{
		{"family", []string{"--author", "Byng"}, true},
		{"family initial", []string{"--author", "Byng R"}, true},
		{"initial family", []string{"--author", "R Byng"}, true},
		{"family comma given", []string{"--author", "Byng, Richard"}, true},
		{"lower case", []string{"--author", "byng"}, true},
		{"given family", []string{"--author", "Richard Byng"}, true},
		{"family given", []string{"--author", "Byng Richard"}, true},
		{"given family lower case", []string{"--author", "richard byng"}, true},
		{"other given family", []string{"--author", "Jane Byng"}, false},
		{"other family", []string{"--author", "Richard Smith"}, false},
		{"no initials", []string{"--author", "Byng, -"}, true},
		{"wrong initial", []string{"--author", "Byng J"}, false},
		{"year", []string{"--year", "2023"}, true},
		{"year range", []string{"--year", "2020-2023"}, true},
		{"open range", []string{"--year", "2024-"}, false},
		{"journal abbreviation", []string{"--journal", "Br J Psychiatry"}, true},
		{"journal issn", []string{"--journal", "0007-1250"}, true},
		{"journal and year", []string{"--year", "2023", "--journal", "Br J Psychiatry"}, true},
		{"text phrase", []string{`"collaborative care"`}, true},
		{"text boolean", []string{"schizophrenia AND (bipolar OR psychoses) NOT dementia"}, true},
		{"text prefix", []string{"PARTNER*"}, true},
		{"text hyphen", []string{"person-centred"}, true},
		{"text miss", []string{"zebrafish"}, false},
		{"combined", []string{"quality", "--author", "Creanor", "--year", "2023", "--journal", "0007-1250"}, true},
	}
	for _, s := range searches {
		t.Run(s.name, func(t *testing.T) {
			code, out, errs := bibdb(t, "", append([]string{"--db", db, "search", "--format", "csv"}, s.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
			if got := len(rows) == 2; got != s.hit {
				t.Errorf("search %v: %d rows, want hit=%v:\n%s", s.args, len(rows)-1, s.hit, out)
			}
		})
	}

	code, out, _ = bibdb(t, "", "--db", db, "show", "1", "--format", "JSON") // any case, as export takes RIS
	if code != 0 {
		t.Fatalf("show: exit %d", code)
	}
	var w struct {
		Title   string `json:"title"`
		Authors []struct {
			Family string `json:"family"`
		} `json:"authors"`
		Affiliations []string `json:"affiliations"`
		Records      []struct {
			Position int `json:"position"`
		} `json:"records"`
	}
	if err := json.Unmarshal([]byte(out), &w); err != nil {
		t.Fatalf("show json: %v\n%s", err, out)
	}
	if len(w.Authors) != 25 || w.Authors[0].Family != "Byng" || len(w.Affiliations) != 14 || len(w.Records) != 1 {
		t.Errorf("show: %d authors, %d affiliations, %d records", len(w.Authors), len(w.Affiliations), len(w.Records))
	}
}

func TestSQLIsReadOnly(t *testing.T) {
	db := newDB(t)
	if code, _, errs := bibdb(t, "", "--db", db, "import", testdataPath("seed.ris")); code != 0 {
		t.Fatal(errs)
	}
	before, _ := os.ReadFile(db)
	for _, stmt := range []string{
		"DELETE FROM works",
		"UPDATE works SET title = 'x'",
		"DROP TABLE records",
		"WITH x AS (SELECT 1) DELETE FROM works",
		"INSERT INTO imports (path) VALUES ('x')",
		"PRAGMA query_only = 0",
		"ATTACH DATABASE 'other.sqlite' AS o",
		"VACUUM INTO 'copy.sqlite'",
		"SELECT 1; DELETE FROM works",
		"-- tidy up\nDELETE FROM works",
		"/* tidy up */ DROP TABLE records",
		"PRAGMA journal_mode(delete)",
		"PRAGMA main.user_version(7)",
		"PRAGMA wal_checkpoint",
	} {
		code, _, errs := bibdb(t, "", "--db", db, "sql", stmt)
		if code != 1 || !strings.Contains(errs, "read-only") && !strings.Contains(errs, "one statement") {
			t.Errorf("%q: exit %d, stderr %q; want a refusal that says why", stmt, code, errs)
		}
	}
	// Pragmas that read, with an argument or without.
	for _, stmt := range []string{"PRAGMA table_info(works)", "PRAGMA main.index_list(records)", "PRAGMA journal_mode", "PRAGMA integrity_check"} {
		if code, _, errs := bibdb(t, "", "--db", db, "sql", stmt); code != 0 {
			t.Errorf("%q: exit %d, %s", stmt, code, errs)
		}
	}
	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Error("the database file changed")
	}
	code, out, _ := bibdb(t, "", "--db", db, "sql", "SELECT count(*) AS n FROM works")
	if code != 0 || !strings.Contains(out, "1") {
		t.Errorf("select: exit %d, %q", code, out)
	}
	// A query pasted with its comments runs.
	code, out, errs := bibdb(t, "", "--db", db, "sql", "-- works per year\n/* all of them */\nSELECT year, count(*) AS n FROM works GROUP BY year", "--format", "csv")
	if code != 0 || out != "year,n\n2023,1\n" {
		t.Errorf("select after comments: exit %d, %q, %q", code, out, errs)
	}
}

func TestBrokenRecordImportsTheRest(t *testing.T) {
	db := newDB(t)
	code, out, errs := bibdb(t, "", "--db", db, "import", testdataPath("broken.ris"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "broken.ris:11:") {
		t.Errorf("the problem does not name file and line 11: %q", errs)
	}
	if !strings.Contains(out, "2 records read") || !strings.Contains(out, "1 unreadable record") {
		t.Errorf("report %q", out)
	}
	code, out, _ = bibdb(t, "", "--db", db, "records", "--format", "csv")
	rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || len(rows) != 3 || rows[1][1] != "1" || rows[2][1] != "3" {
		t.Errorf("records: exit %d, %q", code, rows)
	}
}

// TestUnreadableFileIsRefused checks that a file none of whose records
// can be read fails, names the line of the first, and leaves no import
// behind, so that it can be imported again once mended.
func TestUnreadableFileIsRefused(t *testing.T) {
	db := newDB(t)
	bad := filepath.Join(t.TempDir(), "binary.ris")
	os.WriteFile(bad, []byte("TY  - JOUR\nTI  - one \x01\nER  - \n\nTY  - JOUR\nTI  - two \x02\nER  - \n"), 0o644)
	code, _, errs := bibdb(t, "", "--db", db, "import", bad)
	if code != 1 || !strings.Contains(errs, "binary.ris:2:") || !strings.Contains(errs, "nothing was imported") {
		t.Errorf("exit %d, stderr %q; want 1 and the first bad line", code, errs)
	}
	code, out, _ := bibdb(t, "", "--db", db, "sql", "--format", "csv", "SELECT (SELECT count(*) FROM imports), (SELECT count(*) FROM records)")
	if code != 0 || !strings.Contains(out, "0,0") {
		t.Errorf("after the refusal: exit %d, %q", code, out)
	}
	// Mended, the same path imports.
	os.WriteFile(bad, []byte("TY  - JOUR\nTI  - one\nER  - \n"), 0o644)
	if code, out, errs := bibdb(t, "", "--db", db, "import", bad); code != 0 || !strings.Contains(out, "1 record read") {
		t.Errorf("mended: exit %d, %q, %q", code, out, errs)
	}
}

func TestUsageAndErrors(t *testing.T) {
	notExport := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notExport, []byte("Dear colleague,\nplease find the papers attached.\n"), 0o644)
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"unknown flag", []string{"search", "--colour", "x"}, 2, "unknown flag"},
		{"bad year", []string{"search", "--year", "20x0"}, 2, "bad year"},
		{"bad format", []string{"search", "--format", "xml"}, 2, "--format"},
		{"dangling operator", []string{"search", "care AND"}, 2, "needs a term on each side"},
		{"unclosed quote", []string{"export", `"care`}, 2, "unclosed quote"},
		{"show needs id", []string{"show"}, 2, "accepts 1 arg"},
		{"no database", []string{"search", "x"}, 1, "no database"},
		{"not an export", []string{"import", notExport}, 1, "not a bibliographic export"},
		{"missing file", []string{"import", "nothere.ris"}, 1, "nothere.ris"},
		{"unknown input format", []string{"import", "--format", "nbibx", testdataPath("seed.ris")}, 2, `unknown input format "nbibx"`},
		{"unknown encoding", []string{"import", "--encoding", "klingon", testdataPath("seed.ris")}, 2, `unknown encoding "klingon"`},
		{"convert from unknown format", []string{"convert", "--to", "ris", "--from", "xyz", testdataPath("seed.ris")}, 2, `unknown input format "xyz"`},
		{"convert from unknown encoding", []string{"convert", "--to", "ris", "--encoding", "x", testdataPath("seed.ris")}, 2, `unknown encoding "x"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := newDB(t)
			code, _, errs := bibdb(t, "", append([]string{"--db", db}, tt.args...)...)
			if code != tt.code || !strings.Contains(errs, tt.err) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tt.code, tt.err)
			}
			if _, err := os.Stat(db); tt.code == 2 && err == nil {
				t.Errorf("a usage error created the database")
			}
			if n := strings.Count(strings.TrimSpace(errs), "\n"); n > 0 && tt.code == 2 {
				t.Errorf("usage error is %d lines, want one: %q", n+1, errs)
			}
		})
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	db := newDB(t)
	code, _, errs := bibdb(t, "", "import", testdataPath("seed.ris"), "--source", "Embase", "--db", db)
	if code != 0 {
		t.Fatal(errs)
	}
	_, out, _ := bibdb(t, "", "sql", "SELECT source FROM imports", "--db", db, "--format", "csv")
	if !strings.Contains(out, "Embase") {
		t.Errorf("source = %q", out)
	}
}

func TestImportStdin(t *testing.T) {
	db := newDB(t)
	seed, _ := os.ReadFile(testdataPath("seed.ris"))
	code, out, errs := bibdb(t, string(seed), "--db", db, "import", "-")
	if code != 0 || !strings.Contains(out, "1 record read") {
		t.Fatalf("exit %d %q %q", code, out, errs)
	}
	code, out, _ = bibdb(t, string(seed), "--db", db, "import", "-")
	if code != 0 || !strings.Contains(out, "already imported") {
		t.Errorf("second stdin import: exit %d %q", code, out)
	}
}

func TestConvertSeed(t *testing.T) {
	code, out, errs := bibdb(t, "", "convert", "--to", "csl-json", testdataPath("seed.ris"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(out), &items); err != nil || len(items) != 1 {
		t.Fatalf("items %d, %v", len(items), err)
	}
	it := items[0]
	for k, want := range map[string]string{"container-title": "Br J Psychiatry", "volume": "222", "issue": "6", "page": "246-256",
		"DOI": "10.1192/bjp.2023.28", "PMID": "37078520", "ISSN": "0007-1250"} {
		if it[k] != want {
			t.Errorf("%s = %v, want %s", k, it[k], want)
		}
	}
	if n := len(it["author"].([]any)); n != 25 {
		t.Errorf("%d authors", n)
	}
}

// TestConvertWarns checks that convert reports a record's warnings, as
// import does, naming the file and line.
func TestConvertWarns(t *testing.T) {
	bib := "@article{a,\n  title = {Sleep},\n  journal = sleepj,\n  year = 2001\n}\n"
	code, out, errs := bibdb(t, bib, "convert", "--to", "ris", "-")
	if code != 0 || !strings.Contains(out, "TI  - Sleep") {
		t.Fatalf("exit %d %q %q", code, out, errs)
	}
	if !strings.Contains(errs, "stdin:3: warning:") || !strings.Contains(errs, "sleepj") {
		t.Errorf("no warning for the undefined macro: %q", errs)
	}
}

func TestDupesStatsExport(t *testing.T) {
	db := newDB(t)
	if code, _, errs := bibdb(t, "", "--db", db, "import", testdataPath("duplicates.ris")); code != 0 {
		t.Fatal(errs)
	}
	// The PubMed and Embase records are one work; the erratum is another;
	// the Scopus record, alike but with too little to go on, waits for review.
	code, out, _ := bibdb(t, "", "--db", db, "dupes", "--format", "csv")
	rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || len(rows) != 3 {
		t.Fatalf("dupes: exit %d, %d rows:\n%s", code, len(rows)-1, out)
	}
	if rows[1][1] != "1" || rows[2][1] != "2" || !strings.Contains(rows[2][9], "authors 3/3") {
		t.Errorf("dupes rows %q", rows[1:])
	}
	code, out, _ = bibdb(t, "", "--db", db, "dupes", "--review", "--format", "json")
	var pairs []struct {
		A struct {
			RecordID int64 `json:"record_id"`
		} `json:"a"`
		B struct {
			RecordID int64 `json:"record_id"`
		} `json:"b"`
		Reason string `json:"reason"`
	}
	if err := json.Unmarshal([]byte(out), &pairs); err != nil || code != 0 {
		t.Fatalf("review: exit %d, %v: %s", code, err, out)
	}
	if len(pairs) != 1 || pairs[0].B.RecordID != 4 {
		t.Fatalf("review pairs %+v", pairs)
	}
	code, out, _ = bibdb(t, "", "--db", db, "stats", "--format", "json")
	var s struct {
		Identified int `json:"records_identified"`
		Removed    int `json:"duplicates_removed"`
		Waiting    int `json:"records_awaiting_review"`
		Works      int `json:"unique_works"`
		ByDatabase []struct {
			Name    string `json:"name"`
			Records int    `json:"records"`
		} `json:"by_database"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil || code != 0 {
		t.Fatal(err, out)
	}
	if s.Identified != 4 || s.Removed != 1 || s.Works != 3 || s.Waiting != 2 || len(s.ByDatabase) != 3 {
		t.Errorf("stats %+v", s)
	}

	// A decision merges the pair, and survives a rebuild.
	if code, out, errs := bibdb(t, "", "--db", db, "dupes", "merge", "1", "4"); code != 0 || !strings.Contains(out, "now in work") {
		t.Fatalf("merge: %d %q %q", code, out, errs)
	}
	if code, out, errs := bibdb(t, "", "--db", db, "dedupe", "--rebuild"); code != 0 || !strings.Contains(out, "4 records in 2 works") {
		t.Fatalf("rebuild: %d %q %q", code, out, errs)
	}
	code, out, _ = bibdb(t, "", "--db", db, "export", "--format", "ris")
	if code != 0 || strings.Count(out, "TY  - ") != 2 || !strings.Contains(out, "DB  - PubMed; Embase; Scopus") ||
		!strings.Contains(out, "AU  - Hart, Alison") || !strings.Contains(out, "KW  - randomized controlled trial") {
		t.Errorf("export:\n%s", out)
	}
	out2 := filepath.Join(t.TempDir(), "works.csl.json")
	if code, _, errs := bibdb(t, "", "--db", db, "export", "--format", "csl-json", "--keyword", "depression", "-o", out2); code != 0 {
		t.Fatal(errs)
	}
	b, _ := os.ReadFile(out2)
	var items []map[string]any
	if err := json.Unmarshal(b, &items); err != nil || len(items) != 1 {
		t.Errorf("export -o: %v, %d items", err, len(items))
	}
	// The file gets the permissions any new file gets, not a temporary
	// file's 0600, and no temporary file is left beside it.
	plain := filepath.Join(filepath.Dir(out2), "plain")
	if f, err := os.Create(plain); err == nil {
		f.Close()
	}
	fi, err1 := os.Stat(out2)
	pi, err2 := os.Stat(plain)
	if err1 != nil || err2 != nil || fi.Mode().Perm() != pi.Mode().Perm() {
		t.Errorf("export -o made a file of mode %v, want %v (%v, %v)", fi.Mode().Perm(), pi.Mode().Perm(), err1, err2)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out2), ".*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	code, _, errs := bibdb(t, "", "--db", db, "export", "-o", filepath.Join(t.TempDir(), "no", "such", "dir", "x.ris"))
	if code != 1 || !strings.Contains(errs, "cannot write") || !strings.Contains(errs, filepath.Join("dir", "x.ris")+": ") {
		t.Errorf("export into a missing directory: exit %d, %q", code, errs)
	}
}

// TestBusyDatabase checks the line that reports a database another
// connection holds to itself, as a large import does.
func TestBusyDatabase(t *testing.T) {
	db := newDB(t)
	if code, _, errs := bibdb(t, "", "--db", db, "import", testdataPath("seed.ris")); code != 0 {
		t.Fatal(errs)
	}
	holder, err := sql.Open("sqlite", "file:"+db+"?_pragma=journal_mode(delete)&_txlock=exclusive")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	tx, err := holder.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	// The command would wait for the database (busy_timeout) before it got
	// this error; a connection that does not wait gets it at once.
	other, err := sql.Open("sqlite", "file:"+db+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var n int
	err = other.QueryRow("SELECT count(*) FROM works").Scan(&n)
	if err == nil {
		t.Fatal("read a database another connection holds")
	}
	err = fmt.Errorf("open %s: %w", db, err)
	if got := errorLine(err, db); !strings.HasPrefix(got, db+" is busy: another bibdb command is writing to it") {
		t.Errorf("busy database reported as %q", got)
	}
	if got := errorLine(errors.New("open x: no such file\nmore"), db); got != "open x: no such file" {
		t.Errorf("other error reported as %q", got)
	}
}

func TestVerbose(t *testing.T) {
	db := newDB(t)
	code, out, errs := bibdb(t, "", "--db", db, "import", "-v", testdataPath("seed.ris"))
	if code != 0 || !strings.Contains(out, "1 record read") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"seed.ris: imported row by row: read and matched ", ", committed ", "\nbibdb import: "} {
		if !strings.Contains(errs, want) {
			t.Errorf("verbose import: stderr %q lacks %q", errs, want)
		}
	}
	code, out, errs = bibdb(t, "", "--db", db, "search", "--author", "Byng")
	if code != 0 || errs != "" || !strings.Contains(out, "Byng") {
		t.Errorf("search without -v: exit %d, stderr %q", code, errs)
	}
	code, _, errs = bibdb(t, "", "--db", db, "--verbose", "search", "--author", "Byng")
	if code != 0 || !strings.HasPrefix(errs, "bibdb search: ") {
		t.Errorf("verbose search: exit %d, stderr %q", code, errs)
	}
}

// TestOtherRulesNote checks that import and stats tell when the works were
// built by other deduplication rules than this bibdb's, and that a
// rebuild ends it.
func TestOtherRulesNote(t *testing.T) {
	db := newDB(t)
	const note = "were built by another version of bibdb's deduplication rules"
	if code, _, errs := bibdb(t, "", "--db", db, "import", testdataPath("seed.ris")); code != 0 || strings.Contains(errs, note) {
		t.Fatalf("first import: exit %d: %s", code, errs)
	}
	older, err := sql.Open("sqlite", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = older.Exec("DELETE FROM settings") // as a bibdb that kept no version left it
	older.Close()
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errs := bibdb(t, "", "--db", db, "import", testdataPath("duplicates.ris")); code != 0 || !strings.Contains(errs, note) {
		t.Errorf("import into a library of other rules: exit %d, stderr %q", code, errs)
	}
	if _, out, _ := bibdb(t, "", "--db", db, "stats"); !strings.Contains(out, note) {
		t.Errorf("stats does not tell:\n%s", out)
	}
	if _, out, _ := bibdb(t, "", "--db", db, "stats", "--format", "json"); !strings.Contains(out, `"works_built_by_other_rules": true`) {
		t.Errorf("stats --format json does not tell:\n%s", out)
	}
	if code, _, errs := bibdb(t, "", "--db", db, "dedupe", "--rebuild"); code != 0 {
		t.Fatal(errs)
	}
	if _, out, _ := bibdb(t, "", "--db", db, "stats"); strings.Contains(out, note) {
		t.Errorf("stats still tells after a rebuild:\n%s", out)
	}
}

// TestDupesLimit checks that --limit keeps the first works of the merged
// duplicates in every format, each work with all its records.
func TestDupesLimit(t *testing.T) {
	db := newDB(t)
	if code, _, errs := bibdb(t, "", "--db", db, "import", testdataPath("exports")); code != 0 {
		t.Fatal(errs)
	}
	code, out, _ := bibdb(t, "", "--db", db, "dupes", "--format", "csv", "--limit", "1")
	rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || len(rows) != 5 {
		t.Fatalf("dupes --format csv --limit 1: exit %d, %d rows, want the 4 records of work 1:\n%s", code, len(rows)-1, out)
	}
	for _, r := range rows[1:] {
		if r[0] != "1" {
			t.Errorf("row of work %s", r[0])
		}
	}
	code, out, _ = bibdb(t, "", "--db", db, "dupes", "--format", "json", "--limit", "2")
	var recs []struct {
		WorkID int64 `json:"work_id"`
	}
	if err := json.Unmarshal([]byte(out), &recs); err != nil || code != 0 || len(recs) != 7 {
		t.Errorf("dupes --format json --limit 2: exit %d, %d records, %v; want 7", code, len(recs), err)
	}
	code, out, _ = bibdb(t, "", "--db", db, "dupes", "--limit", "1")
	if code != 0 || strings.Count(out, "\nWork ") != 1 {
		t.Errorf("dupes --limit 1:\n%s", out)
	}
}

// TestTablesOnTerminal checks that text tables cut long cells to fit a
// terminal (titles at their end, paths at their start) and write them
// whole on a pipe or into a file.
func TestTablesOnTerminal(t *testing.T) {
	db := newDB(t)
	if code, _, errs := bibdb(t, "", "--db", db, "import", testdataPath("exports")); code != 0 {
		t.Fatal(errs)
	}
	const title = "The effectiveness of a primary care-based collaborative care model to improve quality of life in people with severe mental illness: PARTNERS2 cluster randomised controlled trial"
	onTerminal := func(args ...string) string {
		t.Helper()
		var out, errb bytes.Buffer
		a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, isTTY: func(io.Writer) bool { return true }}
		if code := a.run(append([]string{"--db", db}, args...)); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errb.String())
		}
		return out.String()
	}
	for _, args := range [][]string{{"search", "--author", "Byng"}, {"records"}, {"sql", "SELECT title FROM works WHERE id = 1"}, {"dupes"}} {
		if _, out, _ := bibdb(t, "", append([]string{"--db", db}, args...)...); !strings.Contains(out, title) {
			t.Errorf("%v on a pipe cuts the title:\n%s", args, out)
		}
		out := onTerminal(args...)
		if strings.Contains(out, title) || !strings.Contains(out, "The effectiveness of a primary care-based") || !strings.Contains(out, "…") {
			t.Errorf("%v on a terminal does not cut the title at its end:\n%s", args, out)
		}
	}
	long := filepath.Join(t.TempDir(), strings.Repeat("a-directory-with-a-long-name", 3), "embase-update-2024.ris")
	os.MkdirAll(filepath.Dir(long), 0o755)
	if err := os.WriteFile(long, []byte("TY  - JOUR\nTI  - Another title entirely\nER  - \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := bibdb(t, "", "--db", db, "import", long); code != 0 {
		t.Fatal(errs)
	}
	if out := onTerminal("stats"); !strings.Contains(out, "…") || !strings.Contains(out, "embase-update-2024.ris ") {
		t.Errorf("stats on a terminal does not keep the end of a long path:\n%s", out)
	}
	if _, out, _ := bibdb(t, "", "--db", db, "stats"); !strings.Contains(out, long) {
		t.Errorf("stats on a pipe cuts the path:\n%s", out)
	}
}

// TestDecisionTellsMovedRecords checks that a decision that moves a record
// it does not name out of the works it concerns says so: merging record 2
// into record 1's work leaves out record 3, alike to record 1 but of
// another DOI than record 2's.
func TestDecisionTellsMovedRecords(t *testing.T) {
	rec := func(title, doi string) string {
		s := "TY  - JOUR\nTI  - " + title + "\nAU  - Byng, Richard\nAU  - Creanor, Siobhan\nPY  - 2020\nT2  - British Journal of Psychiatry\nVL  - 216\nSP  - 100\nEP  - 110\n"
		if doi != "" {
			s += "DO  - " + doi + "\n"
		}
		return s + "ER  - \n\n"
	}
	const care = "Collaborative care for severe mental illness in primary care: a cluster randomised trial"
	db := newDB(t)
	file := rec(care, "") + rec("Peer support for psychosis in primary care: a mixed-methods evaluation", "10.1192/bjp.2020.2") + rec(care, "10.1192/bjp.2020.1")
	if code, _, errs := bibdb(t, file, "--db", db, "import", "-"); code != 0 {
		t.Fatal(errs)
	}
	_, out, _ := bibdb(t, "", "--db", db, "sql", "--format", "csv", "SELECT work_id FROM records ORDER BY id")
	if out != "work_id\n1\n2\n1\n" {
		t.Fatalf("works before the decision:\n%s", out)
	}
	code, out, errs := bibdb(t, "", "--db", db, "dupes", "merge", "1", "2")
	if code != 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(out, "records 1 and 2 are now in work 3\n") || !strings.Contains(out, "record 3, in one of their works before, is now in work 4\n") {
		t.Errorf("merge says:\n%s", out)
	}
}
