package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
)

// featureTable holds the rows of record_features in memory during a bulk
// import into a library of up to maxTableRecords records: each record's
// work and its features, encoded as stored. The records a new record's
// blocking keys find are mostly older ones, and reading their rows from
// the table meant reading its pages back from the operating system: a
// bulk import writes far more pages than SQLite's cache holds, so the
// cache never keeps them. The rows of records the import itself stores
// are not added (memory would grow with the file); they are read from the
// table, whose newest pages are the ones the cache does hold.
//
// The table is read once, at the start of the import, and kept right as
// the import folds works together (moveWork); nothing else an import does
// changes a stored record's work or features.
type featureTable struct {
	rows    []featureRow // by record id
	encoded []byte       // the encoded features of every row, one after another
}

type featureRow struct {
	work   int64 // 0: no record of this id
	off, n uint32
}

// maxTableRecords is the most records a library may have for an import to
// hold its features in memory: about 300 bytes a record, so 60 MB at most.
// (A variable for tests.)
var maxTableRecords = 200000

// loadFeatureTable reads record_features into memory, or returns nil when
// the library is empty or holds more than maxTableRecords records.
func (w *writer) loadFeatureTable(ctx context.Context) (*featureTable, error) {
	var n, maxID int64
	if err := w.tx.QueryRowxContext(ctx, "SELECT count(*), COALESCE(max(record_id), 0) FROM record_features").Scan(&n, &maxID); err != nil {
		return nil, fmt.Errorf("record features: %w", err)
	}
	if n == 0 || n > int64(maxTableRecords) || maxID > 2*int64(maxTableRecords) {
		return nil, nil
	}
	t := &featureTable{rows: make([]featureRow, maxID+1)}
	rows, err := w.tx.QueryContext(ctx, "SELECT record_id, work_id, features FROM record_features")
	if err != nil {
		return nil, fmt.Errorf("record features: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, work int64
		var enc sql.RawBytes
		if err := rows.Scan(&id, &work, &enc); err != nil {
			return nil, fmt.Errorf("record features: %w", err)
		}
		if id <= 0 || id > maxID || work == 0 || len(t.encoded)+len(enc) > 1<<31 {
			return nil, nil // not what this bibdb writes: read the table as it is
		}
		t.rows[id] = featureRow{work: work, off: uint32(len(t.encoded)), n: uint32(len(enc))}
		t.encoded = append(t.encoded, enc...)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("record features: %w", err)
	}
	// Kept for the whole import: without the room append left spare.
	t.encoded = slices.Clone(t.encoded)
	return t, nil
}

// get returns a record's work and encoded features, and whether the table
// holds the record.
func (t *featureTable) get(id int64) (work int64, encoded []byte, ok bool) {
	if t == nil || id <= 0 || id >= int64(len(t.rows)) {
		return 0, nil, false
	}
	r := t.rows[id]
	if r.work == 0 {
		return 0, nil, false
	}
	return r.work, t.encoded[r.off : r.off+r.n], true
}

// moveWork records that the records with the given ids now belong to
// work to.
func (t *featureTable) moveWork(ids []int64, to int64) {
	for _, id := range ids {
		if id > 0 && id < int64(len(t.rows)) && t.rows[id].work != 0 {
			t.rows[id].work = to
		}
	}
}

// loadPartIDs fills the writer's caches of author, affiliation and keyword
// ids with every row of their tables, for a bulk import into a library
// small enough for a featureTable: a record's authors are mostly in the
// library already once it holds a few files, and finding each in the
// tables' unique indexes meant reading pages the cache had given up, as
// with record_features. A keyword of the library that has no MeSH id
// yet is noted, so that a record that gives one still sets it (see
// keyword).
func (w *writer) loadPartIDs(ctx context.Context) error {
	load := func(query string, add func(rows *sql.Rows) error) error {
		rows, err := w.tx.QueryContext(ctx, query)
		if err != nil {
			return fmt.Errorf("part ids: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := add(rows); err != nil {
				return fmt.Errorf("part ids: %w", err)
			}
		}
		return rows.Err()
	}
	byKey := func(m map[string]int64) func(*sql.Rows) error {
		return func(rows *sql.Rows) error {
			var key string
			var id int64
			if err := rows.Scan(&key, &id); err != nil {
				return err
			}
			m[key] = id
			return nil
		}
	}
	if err := load("SELECT name_key, id FROM authors", byKey(w.authors)); err != nil {
		return err
	}
	if err := load("SELECT name_key, id FROM affiliations", byKey(w.affiliations)); err != nil {
		return err
	}
	w.keywordNoUI = map[int64]bool{}
	return load("SELECT vocabulary, term_key, id, ui IS NULL FROM keywords", func(rows *sql.Rows) error {
		var k keywordKey
		var id int64
		var noUI bool
		if err := rows.Scan(&k.vocabulary, &k.term, &id, &noUI); err != nil {
			return err
		}
		w.keywords[k] = id
		if noUI {
			w.keywordNoUI[id] = true
		}
		return nil
	})
}

// keyIndex holds the rows of record_keys in memory beside a featureTable,
// sorted as the table is, by key and then record: the candidates a
// record's keys find are then found without a query. The keys the import
// writes to record_keys as it goes (flushKeys) are merged in, up to
// maxIndexKeys keys in all; past that the index is dropped and the keys
// are looked up in the table again.
type keyIndex struct {
	keys, ids []int64
}

// maxIndexKeys bounds the keys a keyIndex holds: 16 bytes each, so 48 MB.
const maxIndexKeys = 3 << 20

// loadKeyIndex reads record_keys into memory.
func (w *writer) loadKeyIndex(ctx context.Context) (*keyIndex, error) {
	var n int
	if err := w.tx.GetContext(ctx, &n, "SELECT count(*) FROM record_keys"); err != nil {
		return nil, fmt.Errorf("blocking keys: %w", err)
	}
	if n > maxIndexKeys {
		return nil, nil
	}
	x := &keyIndex{keys: make([]int64, 0, n), ids: make([]int64, 0, n)}
	rows, err := w.tx.QueryContext(ctx, "SELECT key, record_id FROM record_keys ORDER BY key, record_id")
	if err != nil {
		return nil, fmt.Errorf("blocking keys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, id int64
		if err := rows.Scan(&k, &id); err != nil {
			return nil, fmt.Errorf("blocking keys: %w", err)
		}
		x.keys, x.ids = append(x.keys, k), append(x.ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("blocking keys: %w", err)
	}
	return x, nil
}

// find returns the records of key k, in order.
func (x *keyIndex) find(k int64) []int64 {
	i, _ := slices.BinarySearch(x.keys, k)
	j := i
	for j < len(x.keys) && x.keys[j] == k {
		j++
	}
	return x.ids[i:j]
}

// merge adds rows (key and record, sorted as the index is) and reports
// whether the index still holds every key (false: it grew past
// maxIndexKeys, and must be dropped).
func (x *keyIndex) merge(keys, ids []int64) bool {
	if len(x.keys)+len(keys) > maxIndexKeys {
		return false
	}
	mk := make([]int64, 0, len(x.keys)+len(keys))
	mi := make([]int64, 0, len(x.keys)+len(keys))
	i, j := 0, 0
	for i < len(x.keys) || j < len(keys) {
		switch {
		case j == len(keys) || i < len(x.keys) && (x.keys[i] < keys[j] || x.keys[i] == keys[j] && x.ids[i] <= ids[j]):
			if j < len(keys) && x.keys[i] == keys[j] && x.ids[i] == ids[j] {
				j++ // in the table already: INSERT OR IGNORE left it as it was
			}
			mk, mi = append(mk, x.keys[i]), append(mi, x.ids[i])
			i++
		default:
			mk, mi = append(mk, keys[j]), append(mi, ids[j])
			j++
		}
	}
	x.keys, x.ids = mk, mi
	return true
}
