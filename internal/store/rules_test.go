package store

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/bibdb/bibdb/internal/dedup"
)

// TestRulesOfWorks checks that a library knows which deduplication rules
// built its works: this bibdb's after its first import and after a
// rebuild; other ones when an older bibdb built them (no setting, or
// another version), which a later import does not hide.
func TestRulesOfWorks(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	check := func(when string, wantVersion int, wantOther bool) {
		t.Helper()
		version, other, err := db.RulesOfWorks(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if version != wantVersion || other != wantOther {
			t.Errorf("%s: RulesOfWorks = %d, %v; want %d, %v", when, version, other, wantVersion, wantOther)
		}
	}
	check("empty library", dedup.RulesVersion, false)
	testdata := filepath.Join("..", "..", "testdata")
	if _, err := db.ImportFile(ctx, filepath.Join(testdata, "seed.ris"), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	check("first import", dedup.RulesVersion, false)

	if _, err := db.Exec("DELETE FROM settings"); err != nil {
		t.Fatal(err)
	}
	check("built before versions were recorded", 0, true)
	if _, err := db.Exec("INSERT INTO settings (name, value) VALUES ('dedup_rules', ?)", dedup.RulesVersion+1); err != nil {
		t.Fatal(err)
	}
	check("built by other rules", dedup.RulesVersion+1, true)
	if _, err := db.ImportFile(ctx, filepath.Join(testdata, "duplicates.ris"), ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	check("imported into after", dedup.RulesVersion+1, true)

	if _, err := db.Rebuild(ctx, nil); err != nil {
		t.Fatal(err)
	}
	check("rebuilt", dedup.RulesVersion, false)
}
