package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"sync"

	"github.com/jmoiron/sqlx"
)

// keyFilter is a Bloom filter over the blocking-key hashes in record_keys.
// Most keys of a new record are in no other record; the filter tells so
// without a query, and a query is made only for the keys it may hold. It
// answers "maybe" for every key added and, for about one key in a hundred,
// for keys never added; a false "maybe" costs only a query that finds
// nothing. Keys deleted from the table stay in the filter, with the same
// harmless effect. Ten bits a key: 10 MB for the 8 million keys of a
// million records.
type keyFilter struct {
	bits     []uint64
	mask     uint64 // len(bits)*64 - 1; the length is a power of two
	n        int    // keys added
	capacity int    // keys it was sized for; past this, load it again
}

const (
	filterBitsPerKey = 10
	filterHashes     = 7
	filterMinKeys    = 1 << 18
)

func newKeyFilter(capacity int) *keyFilter {
	capacity = max(capacity, filterMinKeys)
	words := 1 << bits.Len(uint(capacity*filterBitsPerKey/64))
	return &keyFilter{bits: make([]uint64, words), mask: uint64(words*64 - 1), capacity: capacity}
}

// probes returns the start and step of a key's bit positions (double
// hashing over two mixes of the key hash).
func probes(h int64) (uint64, uint64) {
	a := splitmix(uint64(h))
	return a, splitmix(a) | 1
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

func (f *keyFilter) add(h int64) {
	a, step := probes(h)
	for i := 0; i < filterHashes; i++ {
		p := a & f.mask
		f.bits[p>>6] |= 1 << (p & 63)
		a += step
	}
	f.n++
}

func (f *keyFilter) mayHave(h int64) bool {
	a, step := probes(h)
	for i := 0; i < filterHashes; i++ {
		p := a & f.mask
		if f.bits[p>>6]&(1<<(p&63)) == 0 {
			return false
		}
		a += step
	}
	return true
}

// full reports whether the filter holds more keys than it was sized for,
// so that false answers grow common.
func (f *keyFilter) full() bool { return f.n > f.capacity }

// loadKeyFilter builds a filter of the keys in record_keys, with room for
// as many again.
func (w *writer) loadKeyFilter(ctx context.Context) (*keyFilter, error) {
	var n int
	if err := w.tx.GetContext(ctx, &n, "SELECT count(*) FROM record_keys"); err != nil {
		return nil, fmt.Errorf("blocking keys: %w", err)
	}
	f := newKeyFilter(2 * n)
	rows, err := w.tx.QueryContext(ctx, "SELECT key FROM record_keys")
	if err != nil {
		return nil, fmt.Errorf("blocking keys: %w", err)
	}
	defer rows.Close()
	var last int64
	for rows.Next() {
		var k int64
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		if k != last || f.n == 0 {
			f.add(k) // the table is ordered by key: a key of several records once
			last = k
		}
	}
	return f, rows.Err()
}

// keyCache keeps the key filter of the last import this process committed,
// so that the next import into the same database (the next file of a
// directory) need not read every key of record_keys again: without it,
// importing many small files costs time that grows with the square of
// their number.
//
// The filter is good while that import is the last one in the database.
// An import by another process adds an imports row, and the filter is
// read from the table again. Keys deleted since (a rebuild, a decision)
// stay in the filter, which the filter allows; a rebuild or a decision in
// this process drops the cache anyway.
type keyCache struct {
	mu         sync.Mutex
	filter     *keyFilter
	lastImport int64 // the import the filter was left by
	// lookups counts the keys this process's imports looked up in
	// record_keys with no filter (see matcher.unread): many small imports
	// into a large library read the filter once their lookups would have
	// paid for it, as one import does.
	lookups int
}

// take returns the cached filter if it still holds every key of the
// database tx sees, and empties the cache: the import that takes it adds
// to it, and gives it back with keep once it has committed. It returns
// too the keys looked up without a filter so far.
func (c *keyCache) take(ctx context.Context, tx *sqlx.Tx) (*keyFilter, int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f, last := c.filter, c.lastImport
	c.filter = nil
	if f == nil {
		return nil, c.lookups, nil
	}
	var latest sql.NullInt64
	if err := tx.GetContext(ctx, &latest, "SELECT MAX(id) FROM imports"); err != nil {
		return nil, 0, err
	}
	if latest.Int64 != last {
		return nil, c.lookups, nil
	}
	return f, c.lookups, nil
}

// keep caches the filter an import left (nil for none), once the import
// has committed, and the keys looked up without a filter so far.
func (c *keyCache) keep(f *keyFilter, importID int64, lookups int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.filter, c.lastImport, c.lookups = f, importID, lookups
}

// drop empties the cache.
func (c *keyCache) drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.filter, c.lookups = nil, 0
}
