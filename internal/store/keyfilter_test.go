package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestKeyFilter(t *testing.T) {
	const n = 300000
	rng := rand.New(rand.NewPCG(1, 2))
	f := newKeyFilter(n)
	added := make(map[int64]bool, n)
	for len(added) < n {
		h := int64(rng.Uint64())
		added[h] = true
		f.add(h)
	}
	for h := range added {
		if !f.mayHave(h) {
			t.Fatalf("key %d was added but the filter says no", h)
		}
	}
	falsePositives, tries := 0, 0
	for tries < n {
		h := int64(rng.Uint64())
		if added[h] {
			continue
		}
		tries++
		if f.mayHave(h) {
			falsePositives++
		}
	}
	if rate := float64(falsePositives) / float64(tries); rate > 0.02 {
		t.Errorf("false positive rate %.4f at capacity, want about 0.01", rate)
	}
	if f.full() {
		t.Error("filter full at its capacity")
	}
	f.add(1)
	if !f.full() {
		t.Error("filter not full past its capacity")
	}
}

// TestKeyCacheAcrossImports checks that the key filter one import leaves is
// used by the next, and not after another connection has imported: a
// record of a file that connection imported is found all the same.
func TestKeyCacheAcrossImports(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "lib.sqlite")
	record := func(title, author string, page int) string {
		return fmt.Sprintf("TY  - JOUR\nTI  - %s\nAU  - %s\nPY  - 2019\nJO  - J Clin Epidemiol\nVL  - 12\nSP  - %d\nEP  - %d\nER  - \n\n", title, author, page, page+9)
	}
	write := func(name string, records ...string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(strings.Join(records, "")), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	first := record("Screening for cervical cancer with cytology in primary care", "Moreno, Ana", 101)
	second := record("A randomised trial of collaborative care for depression in older adults", "Byng, Richard", 233)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustImport := func(db *DB, file string) *ImportResult {
		t.Helper()
		res, err := db.ImportFile(ctx, file, ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	mustImport(db, write("a.ris", first))
	if db.keys.filter == nil {
		t.Fatal("no key filter kept after an import")
	}
	if res := mustImport(db, write("b.ris", strings.ToUpper(first))); res.RecordsJoined != 1 {
		t.Errorf("a copy imported with the kept filter joined %d works, want 1", res.RecordsJoined)
	}

	other, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	mustImport(other, write("c.ris", second))
	other.Close()
	if res := mustImport(db, write("d.ris", strings.ToUpper(second))); res.RecordsJoined != 1 {
		t.Errorf("a copy of a record another connection imported joined %d works, want 1", res.RecordsJoined)
	}
}

// TestUnreadKeyFilter checks that an import into a library whose key
// filter this process has not read finds the same duplicates whether it
// looks every key up in record_keys, reads the filter after some lookups,
// or reads it before its first.
func TestUnreadKeyFilter(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	paths, _ := writeParts(t, dir, 600, 2, 0.3)
	saved := filterCostRatio
	defer func() { filterCostRatio = saved }()
	var want string
	for _, tc := range []struct {
		name  string
		ratio float64 // the filter is read after records*keysPerRecord/ratio lookups
	}{
		{"every key looked up", 1e-6},
		{"filter read after 50 lookups", 300 * keysPerRecord / 50},
		{"filter read before the first lookup", 1e12},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "lib.sqlite")
			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.ImportFile(ctx, paths[0], ImportOptions{}); err != nil {
				t.Fatal(err)
			}
			db.Close()
			if db, err = Open(ctx, path); err != nil { // no filter cached
				t.Fatal(err)
			}
			defer db.Close()
			filterCostRatio = tc.ratio
			res, err := db.ImportFile(ctx, paths[1], ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if res.RecordsJoined == 0 {
				t.Fatal("no record of the second file joined a work of the first")
			}
			read := db.keys.filter != nil
			if wantRead := tc.ratio > 1; read != wantRead {
				t.Errorf("filter read: %v, want %v", read, wantRead)
			}
			var got string
			if err := db.Get(&got, "SELECT group_concat(work_id || ':' || match_reason, ',') FROM (SELECT work_id, match_reason FROM records ORDER BY id)"); err != nil {
				t.Fatal(err)
			}
			if want == "" {
				want = got
			} else if got != want {
				t.Errorf("works differ from those found looking every key up")
			}
		})
	}
}

// TestKeyIndex checks that merging rows into a keyIndex keeps it sorted
// as record_keys is, by key and then record, leaves out a row it holds
// already (as INSERT OR IGNORE does), and that find returns each key's
// records.
func TestKeyIndex(t *testing.T) {
	for _, tc := range []struct {
		name              string
		keys, ids         []int64
		addKeys, addIDs   []int64
		wantKeys, wantIDs []int64
	}{
		{"into nothing", nil, nil, []int64{1, 1, 5}, []int64{7, 9, 2}, []int64{1, 1, 5}, []int64{7, 9, 2}},
		{"nothing in", []int64{-3, 4}, []int64{1, 2}, nil, nil, []int64{-3, 4}, []int64{1, 2}},
		{"between and after", []int64{-3, 4, 4}, []int64{1, 2, 8}, []int64{-5, 4, 9}, []int64{3, 5, 6},
			[]int64{-5, -3, 4, 4, 4, 9}, []int64{3, 1, 2, 5, 8, 6}},
		{"a row held already", []int64{2, 2}, []int64{1, 3}, []int64{2, 2, 2}, []int64{1, 2, 3},
			[]int64{2, 2, 2}, []int64{1, 2, 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := &keyIndex{keys: tc.keys, ids: tc.ids}
			if !x.merge(tc.addKeys, tc.addIDs) {
				t.Fatal("merge refused")
			}
			if !slices.Equal(x.keys, tc.wantKeys) || !slices.Equal(x.ids, tc.wantIDs) {
				t.Errorf("keys %v ids %v, want %v %v", x.keys, x.ids, tc.wantKeys, tc.wantIDs)
			}
			for i, k := range tc.wantKeys {
				if !slices.Contains(x.find(k), tc.wantIDs[i]) {
					t.Errorf("find(%d) = %v, lacks %d", k, x.find(k), tc.wantIDs[i])
				}
			}
			if got := x.find(1000); len(got) != 0 {
				t.Errorf("find of a key not there = %v", got)
			}
		})
	}
}
