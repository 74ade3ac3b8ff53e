package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/dedup"
)

// maxBlock is the most records a blocking key may hold and still be used:
// a key shared by more (a generic title's first words) finds nothing a
// narrower key would not.
const maxBlock = 100

// maxCachedFeatures bounds the features kept in memory.
const maxCachedFeatures = 40000

// matcher is the database side of deduplication: it gives dedup.Place the
// candidates, work members and decisions it asks for, from the tables,
// inside the writer's transaction.
type matcher struct {
	ctx       context.Context
	w         *writer
	features  map[int64]*dedup.Features
	older     map[int64]*dedup.Features           // the cache's older generation (see remember)
	decisions map[string]map[string]dedup.Verdict // fingerprint → fingerprint → verdict
	// While records are placed again (a rebuild, or after a decision),
	// those not yet placed still point at their old works and must not be
	// offered to Place: offered tells which may be (nil: all).
	offered func(id int64) bool

	// The blocking keys of the records placed by this matcher are kept in
	// memory and written to record_keys in sorted batches (see flushKeys):
	// one sorted write is far cheaper than a random insert per key.
	pendingKeys  map[int64][]int64 // by key hash (see keyHash)
	pendingCount int
	workOf       map[int64]int64   // the work of each record with pending keys
	recordsOf    map[int64][]int64 // those records, by work
	inDB         *keyFilter        // the keys in record_keys; nil while it is empty or unread
	// unread is set while record_keys holds keys and no filter of them has
	// been read: every key is then looked up in the table. Reading the
	// filter costs as much as looking up one key in filterCostRatio of the
	// table's, so it is read once the lookups (counted in lookups) would
	// have paid for it, at readAfter: adding a few hundred records to a
	// library of a million does not read its 6.6 million keys first.
	unread    bool
	lookups   int
	readAfter int
	// table, when not nil, holds the stored records' works and features
	// (a bulk import into a small library; see featureTable), and index,
	// when not nil, their blocking keys.
	table *featureTable
	index *keyIndex

	// Works that records joined: rebuilt from their records once, at the end.
	dirty map[int64]bool
	// In an import, the id of its first record (0 elsewhere), and the works
	// that changed otherwise than by gaining records of the import (folded
	// together): the others only grew, and their rebuild compares the
	// merge of their records with the merge of those they had before.
	newFrom int64
	folded  map[int64]bool
}

// flushKeysAt is how many pending keys are kept in memory before they are
// written. (A variable for tests.)
var flushKeysAt = 200000

// newMatcher returns a matcher for the writer's transaction with the
// decisions up to and including the one with id lastDecision in force (all
// of them when lastDecision is negative). keys, when not nil, is a filter
// known to hold every key in record_keys; otherwise one is built from the
// table.
func newMatcher(ctx context.Context, w *writer, lastDecision int64, keys *keyFilter) (*matcher, error) {
	m := &matcher{ctx: ctx, w: w, features: map[int64]*dedup.Features{}, dirty: map[int64]bool{}, folded: map[int64]bool{}}
	m.resetPending()
	if keys != nil {
		m.inDB = keys
		return m, m.loadDecisions(lastDecision)
	}
	var any int
	if err := w.tx.GetContext(ctx, &any, "SELECT EXISTS (SELECT 1 FROM record_keys)"); err != nil {
		return nil, err
	}
	if any == 1 {
		var records int
		if err := w.tx.GetContext(ctx, &records, "SELECT COALESCE(sum(records), 0) FROM imports"); err != nil {
			return nil, err
		}
		m.unread, m.readAfter = true, int(float64(records*keysPerRecord)/filterCostRatio)
	}
	return m, m.loadDecisions(lastDecision)
}

// keysPerRecord is about how many blocking keys a record has in
// record_keys (6.6 in BenchmarkImportDedup's records).
const keysPerRecord = 7

// filterCostRatio is how many keys of record_keys are read into a filter
// in the time one key is looked up in the table. (A variable for tests.)
var filterCostRatio = 20.0

// readKeyFilter reads the filter of the keys in record_keys; keys are
// looked up only when it may hold them from then on.
func (m *matcher) readKeyFilter() error {
	f, err := m.w.loadKeyFilter(m.ctx)
	if err != nil {
		return err
	}
	m.inDB, m.unread, m.lookups = f, false, 0
	return nil
}

// loadDecisions puts the decisions up to lastDecision (all when negative)
// in force; for a pair judged more than once, the latest counts.
func (m *matcher) loadDecisions(lastDecision int64) error {
	m.decisions = map[string]map[string]dedup.Verdict{}
	if lastDecision < 0 {
		lastDecision = 1<<63 - 1
	}
	rows, err := m.w.tx.QueryxContext(m.ctx, "SELECT record_a, record_b, verdict FROM dedup_decisions WHERE id <= ? ORDER BY id", lastDecision)
	if err != nil {
		return fmt.Errorf("decisions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a, b, v string
		if err := rows.Scan(&a, &b, &v); err != nil {
			return err
		}
		verdict := dedup.Different
		if v == "same" {
			verdict = dedup.Same
		}
		for _, p := range [][2]string{{a, b}, {b, a}} {
			if m.decisions[p[0]] == nil {
				m.decisions[p[0]] = map[string]dedup.Verdict{}
			}
			m.decisions[p[0]][p[1]] = verdict
		}
	}
	return rows.Err()
}

// members loads records, with their works and features, by a query
// returning record id and work id.
func (m *matcher) members(query string, args ...any) ([]dedup.Member, error) {
	s, err := m.w.stmt(m.ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := s.QueryContext(m.ctx, args...)
	if err != nil {
		return nil, err
	}
	var out []dedup.Member
	var missing []int
	for rows.Next() {
		var mb dedup.Member
		if err := rows.Scan(&mb.ID, &mb.Work); err != nil {
			rows.Close()
			return nil, err
		}
		mb.F = m.cached(mb.ID)
		if mb.F == nil {
			missing = append(missing, len(out))
		}
		out = append(out, mb)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, i := range missing {
		f, err := m.loadFeatures(out[i].ID)
		if err != nil {
			return nil, err
		}
		out[i].F = f
	}
	return out, nil
}

func (m *matcher) loadFeatures(id int64) (*dedup.Features, error) {
	if _, enc, ok := m.table.get(id); ok {
		if f := m.rememberEncoded(id, enc); f != nil {
			return f, nil
		}
	}
	s, err := m.w.stmt(m.ctx, "SELECT features FROM record_features WHERE record_id = ?")
	if err != nil {
		return nil, err
	}
	var enc string
	switch err := s.QueryRowxContext(m.ctx, id).Scan(&enc); {
	case err == nil:
		if f, err := dedup.DecodeFeatures(enc); err == nil {
			m.remember(id, f)
			return f, nil
		}
	case !errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("record %d: %w", id, err)
	}
	// Features of another form (an older bibdb): read them from the data.
	s, err = m.w.stmt(m.ctx, "SELECT data FROM records WHERE id = ?")
	if err != nil {
		return nil, err
	}
	var data string
	if err := s.QueryRowxContext(m.ctx, id).Scan(&data); err != nil {
		return nil, fmt.Errorf("record %d: %w", id, err)
	}
	rec, err := bib.DecodeJSON([]byte(data))
	if err != nil {
		return nil, fmt.Errorf("record %d: %w", id, err)
	}
	f := dedup.Extract(rec)
	m.remember(id, f)
	return f, nil
}

// remember caches a record's features. The cache keeps two generations:
// when the newer fills half of maxCachedFeatures it becomes the older one
// and the oldest generation goes, so the most recently used features stay
// and memory stays bounded.
func (m *matcher) remember(id int64, f *dedup.Features) {
	if len(m.features) >= maxCachedFeatures/2 {
		m.older, m.features = m.features, make(map[int64]*dedup.Features, maxCachedFeatures/2)
	}
	m.features[id] = f
}

// rememberEncoded decodes a record's stored features and caches them; nil
// when they are of another form (an older bibdb's), which loadFeatures
// reads from the record's data instead.
func (m *matcher) rememberEncoded(id int64, enc []byte) *dedup.Features {
	f, err := dedup.DecodeFeatures(string(enc))
	if err != nil {
		return nil
	}
	m.remember(id, f)
	return f
}

// cached returns a record's features when they are in the cache.
func (m *matcher) cached(id int64) *dedup.Features {
	if f := m.features[id]; f != nil {
		return f
	}
	if f := m.older[id]; f != nil {
		m.remember(id, f)
		return f
	}
	return nil
}

// memberColumns selects what members reads: record id and work id.
const memberColumns = "SELECT r.id, r.work_id FROM records r "

// memberFeatures selects members from record_features, whose rows are
// small: record id and work id.
const memberFeatures = "SELECT record_id, work_id FROM record_features "

// Candidates implements dedup.Source. A key shared by more than maxBlock
// records is not used (identifier keys excepted).
func (m *matcher) Candidates(keys []string) ([]dedup.Member, error) {
	hashes := make([]int64, len(keys))
	identifier := map[int64]bool{}
	for i, k := range keys {
		hashes[i] = keyHash(k)
		if strings.HasPrefix(k, "d:") || strings.HasPrefix(k, "p:") {
			identifier[hashes[i]] = true
		}
	}
	var hits []hit
	count := map[int64]int{}
	// Only the keys that may be in record_keys are looked up there.
	var stored []int64
	if m.unread && m.lookups >= m.readAfter {
		if err := m.readKeyFilter(); err != nil {
			return nil, err
		}
	}
	if m.unread {
		stored = hashes
		m.lookups += len(hashes)
	} else if m.inDB != nil {
		for _, h := range hashes {
			if m.inDB.mayHave(h) {
				stored = append(stored, h)
			}
		}
	}
	if m.table != nil {
		var err error
		if hits, err = m.tableCandidates(stored, hits, count); err != nil {
			return nil, err
		}
		stored = nil
	}
	for rest := stored; len(rest) > 0; {
		n := min(len(rest), 16)
		args := int64Args(rest[:n])
		s, err := m.w.stmt(m.ctx, "SELECT k.key, f.record_id, f.work_id, f.features FROM record_keys k JOIN record_features f ON f.record_id = k.record_id WHERE k.key IN ("+
			placeholders(n)+")")
		if err != nil {
			return nil, err
		}
		rows, err := s.QueryContext(m.ctx, args...)
		if err != nil {
			return nil, fmt.Errorf("candidates: %w", err)
		}
		var enc sql.RawBytes
		for rows.Next() {
			var h hit
			if err := rows.Scan(&h.key, &h.id, &h.work, &enc); err != nil {
				rows.Close()
				return nil, err
			}
			if m.cached(h.id) == nil {
				m.rememberEncoded(h.id, enc)
			}
			hits = append(hits, h)
			count[h.key]++
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		rest = rest[n:]
	}
	for _, k := range hashes {
		for _, id := range m.pendingKeys[k] {
			hits = append(hits, hit{k, id, m.workOf[id]})
			count[k]++
		}
	}
	var out []dedup.Member
	seen := map[int64]bool{}
	for _, h := range hits {
		if seen[h.id] || count[h.key] > maxBlock && !identifier[h.key] {
			continue
		}
		if m.offered != nil && !m.offered(h.id) {
			continue
		}
		seen[h.id] = true
		f := m.cached(h.id)
		if f == nil {
			var err error
			if f, err = m.loadFeatures(h.id); err != nil {
				return nil, err
			}
		}
		out = append(out, dedup.Member{ID: h.id, Work: h.work, F: f})
	}
	return out, nil
}

// hit is a record a blocking key finds, with its work.
type hit struct {
	key      int64
	id, work int64
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// int64Args makes the arguments of a statement from keys.
func int64Args(keys []int64) []any {
	args := make([]any, len(keys))
	for i, k := range keys {
		args[i] = k
	}
	return args
}

// tableCandidates appends to hits the records that the keys find in
// record_keys, in the order the query of Candidates gives them (by key,
// then record), with their works from the feature table, counting them by
// key. A record the table does not hold (one stored by this import) is
// read from record_features; one with no row there is left out, as the
// query leaves it out.
func (m *matcher) tableCandidates(keys []int64, hits []hit, count map[int64]int) ([]hit, error) {
	start := len(hits)
	var unknown []int // places in hits of records the table does not hold
	add := func(h hit) {
		work, enc, ok := m.table.get(h.id)
		if !ok {
			unknown = append(unknown, len(hits))
		} else {
			h.work = work
			if m.cached(h.id) == nil {
				m.rememberEncoded(h.id, enc)
			}
		}
		hits = append(hits, h)
	}
	for rest := keys; len(rest) > 0; {
		n := min(len(rest), 16)
		if m.index != nil {
			// As the query below gives them: each group of keys sorted,
			// a key given twice in a group looked up once.
			group := slices.Compact(slices.Sorted(slices.Values(rest[:n])))
			rest = rest[n:]
			for _, k := range group {
				for _, id := range m.index.find(k) {
					add(hit{key: k, id: id})
				}
			}
			continue
		}
		args := int64Args(rest[:n])
		rest = rest[n:]
		s, err := m.w.stmt(m.ctx, "SELECT key, record_id FROM record_keys WHERE key IN ("+placeholders(n)+")")
		if err != nil {
			return nil, err
		}
		rows, err := s.QueryContext(m.ctx, args...)
		if err != nil {
			return nil, fmt.Errorf("candidates: %w", err)
		}
		for rows.Next() {
			var h hit
			if err := rows.Scan(&h.key, &h.id); err != nil {
				rows.Close()
				return nil, err
			}
			add(h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	for _, i := range unknown {
		s, err := m.w.stmt(m.ctx, "SELECT work_id FROM record_features WHERE record_id = ?")
		if err != nil {
			return nil, err
		}
		switch err := s.QueryRowContext(m.ctx, hits[i].id).Scan(&hits[i].work); {
		case errors.Is(err, sql.ErrNoRows):
			hits[i].work = 0
		case err != nil:
			return nil, fmt.Errorf("candidates: record %d: %w", hits[i].id, err)
		}
	}
	kept := hits[:start]
	for _, h := range hits[start:] {
		if h.work != 0 {
			kept = append(kept, h)
			count[h.key]++
		}
	}
	return kept, nil
}

// keyHash is the number a blocking key is stored under: 64 bits of
// FNV-1a. Keys stored as numbers make a table a third the size of one of
// text, which keeps its pages in memory; two keys that meet by chance only
// make Compare judge one more pair.
func keyHash(k string) int64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(k); i++ {
		h ^= uint64(k[i])
		h *= 1099511628211
	}
	return int64(h)
}

func (m *matcher) resetPending() {
	m.pendingKeys, m.pendingCount = map[int64][]int64{}, 0
	m.workOf, m.recordsOf = map[int64]int64{}, map[int64][]int64{}
}

// forget removes a record's blocking keys, pending or written, before it
// is placed again.
func (m *matcher) forget(id int64) error {
	f := m.cached(id)
	if f == nil {
		var err error
		if f, err = m.loadFeatures(id); err != nil {
			return err
		}
	}
	w, ok := m.workOf[id]
	if !ok {
		// Its keys are in record_keys, found by key (there is no index by
		// record: it would cost every import more than it saves here).
		for _, k := range dedup.Keys(f) {
			if _, err := m.w.exec(m.ctx, "DELETE FROM record_keys WHERE key = ? AND record_id = ?", keyHash(k), id); err != nil {
				return err
			}
		}
		return nil
	}
	for _, key := range dedup.Keys(f) {
		k := keyHash(key)
		ids := m.pendingKeys[k]
		for i, x := range ids {
			if x == id {
				m.pendingKeys[k] = append(ids[:i:i], ids[i+1:]...)
				m.pendingCount--
				break
			}
		}
	}
	delete(m.workOf, id)
	rs := m.recordsOf[w]
	for i, x := range rs {
		if x == id {
			m.recordsOf[w] = append(rs[:i:i], rs[i+1:]...)
			break
		}
	}
	return nil
}

// flushKeys writes the pending blocking keys to record_keys, sorted.
func (m *matcher) flushKeys() error {
	if m.pendingCount == 0 {
		return nil
	}
	keys := make([]int64, 0, len(m.pendingKeys))
	for k := range m.pendingKeys {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	rows := make([]any, 0, 1024) // key and record, 512 rows
	for _, k := range keys {
		for _, id := range m.pendingKeys[k] {
			rows = append(rows, k, id)
			if len(rows) == cap(rows) {
				if err := m.w.insertRows(m.ctx, "INSERT OR IGNORE", "record_keys", "key, record_id", 2, rows); err != nil {
					return err
				}
				rows = rows[:0]
			}
		}
	}
	if err := m.w.insertRows(m.ctx, "INSERT OR IGNORE", "record_keys", "key, record_id", 2, rows); err != nil {
		return err
	}
	if m.index != nil {
		ks, ids := make([]int64, 0, m.pendingCount), make([]int64, 0, m.pendingCount)
		for _, k := range keys {
			for _, id := range slices.Sorted(slices.Values(m.pendingKeys[k])) {
				ks, ids = append(ks, k), append(ids, id)
			}
		}
		if !m.index.merge(ks, ids) {
			m.index = nil
		}
	}
	m.resetPending()
	if m.unread {
		return nil // no filter to add them to
	}
	if m.inDB == nil {
		m.inDB = newKeyFilter(2 * len(keys))
	}
	for _, k := range keys {
		m.inDB.add(k)
	}
	if m.inDB.full() {
		// sized again from the table, which holds these keys now
		f, err := m.w.loadKeyFilter(m.ctx)
		if err != nil {
			return err
		}
		m.inDB = f
	}
	return nil
}

// finish writes what the matcher kept for the end: the pending keys, and
// the works records joined, rebuilt from their records.
func (m *matcher) finish() error {
	if err := m.flushKeys(); err != nil {
		return err
	}
	ids := make([]int64, 0, len(m.dirty))
	for id := range m.dirty {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, id := range ids {
		since := m.newFrom
		if m.folded[id] {
			since = 0
		}
		if err := m.w.rebuildWork(m.ctx, id, since); err != nil {
			return err
		}
	}
	// The works are written from all their records now: records stored
	// after this start a new division.
	m.dirty, m.folded, m.newFrom = map[int64]bool{}, map[int64]bool{}, 0
	return nil
}

// imported tells the matcher that a record of the import it serves has
// been stored: the first one's id divides the records of the import from
// those of earlier ones.
func (m *matcher) imported(id int64) {
	if m.newFrom == 0 {
		m.newFrom = id
	}
}

// fold moves the records of work from into work to and deletes from.
func (m *matcher) fold(from, to int64) error {
	if m.table != nil {
		var ids []int64
		if err := m.w.tx.SelectContext(m.ctx, &ids, "SELECT record_id FROM record_features WHERE work_id = ?", from); err != nil {
			return err
		}
		m.table.moveWork(ids, to)
	}
	if err := m.w.foldWork(m.ctx, from, to); err != nil {
		return err
	}
	for _, id := range m.recordsOf[from] {
		m.workOf[id] = to
	}
	m.recordsOf[to] = append(m.recordsOf[to], m.recordsOf[from]...)
	delete(m.recordsOf, from)
	delete(m.dirty, from)
	delete(m.folded, from)
	m.dirty[to] = true
	m.folded[to] = true
	return nil
}

// Members implements dedup.Source.
func (m *matcher) Members(work int64) ([]dedup.Member, error) {
	return m.members(memberFeatures+"WHERE work_id = ? ORDER BY record_id", work)
}

// Decisions implements dedup.Source.
func (m *matcher) Decisions(r dedup.Member) (same, different []dedup.Member, err error) {
	if len(m.decisions) == 0 {
		return nil, nil, nil
	}
	key := r.Key
	if key == "" {
		s, err := m.w.stmt(m.ctx, "SELECT i.sha256 || ':' || r.position FROM records r JOIN imports i ON i.id = r.import_id WHERE r.id = ?")
		if err != nil {
			return nil, nil, err
		}
		if err := s.QueryRowxContext(m.ctx, r.ID).Scan(&key); err != nil {
			return nil, nil, fmt.Errorf("record %d: %w", r.ID, err)
		}
	}
	for other, v := range m.decisions[key] {
		sha, pos, ok := strings.Cut(other, ":")
		if !ok {
			continue
		}
		ms, err := m.members(memberColumns+"JOIN imports i ON i.id = r.import_id WHERE i.sha256 = ? AND r.position = ?", sha, pos)
		if err != nil {
			return nil, nil, err
		}
		if m.offered != nil {
			kept := ms[:0]
			for _, x := range ms {
				if m.offered(x.ID) {
					kept = append(kept, x)
				}
			}
			ms = kept
		}
		for i := range ms {
			ms[i].Key = other
		}
		if v == dedup.Same {
			same = append(same, ms...)
		} else {
			different = append(different, ms...)
		}
	}
	return same, different, nil
}

// placed is the outcome of placing one record.
type placed struct {
	work    int64
	created bool
	p       dedup.Placement
}

// place decides the work of a record and makes it ready: a new work is
// created; works the record links are folded into its work. The caller
// then stores the record in that work and calls settle.
func (m *matcher) place(rec *bib.Record, f *dedup.Features, d derived, fingerprint string, self int64) (placed, error) {
	p, err := dedup.Place(m, dedup.Member{ID: self, Key: fingerprint, F: f, Query: d.query})
	if err != nil {
		return placed{}, err
	}
	if p.Work == 0 {
		work, keys := d.single, d.partKeys
		if work == nil {
			work, keys = bib.Merge([]*bib.Record{rec}), nil
		}
		id, err := m.w.createWork(m.ctx, work, 1, keys)
		if err != nil {
			return placed{}, err
		}
		return placed{work: id, created: true, p: p}, nil
	}
	for _, other := range p.Merge {
		if err := m.fold(other, p.Work); err != nil {
			return placed{}, err
		}
	}
	return placed{work: p.Work, p: p}, nil
}

// derived is what placing a record needs that follows from the record
// and its features alone: its blocking keys and the keys its candidates
// are looked up by, its features encoded for record_features and, should
// it start a work, the work's record and the keys of its parts (nil: made
// when needed).
type derived struct {
	keys, query []string
	encoded     string
	single      *bib.Record
	partKeys    *partKeys
}

// derive makes it all; withWork says whether to make the work's record
// too.
func derive(rec *bib.Record, f *dedup.Features, withWork bool) derived {
	keys := dedup.Keys(f)
	d := derived{keys: keys, query: dedup.QueryKeysOf(f, keys), encoded: f.Encode()}
	if withWork {
		d.single = bib.Merge([]*bib.Record{rec})
		d.partKeys = makePartKeys(d.single)
	}
	return d
}

// settle finishes placing a stored record: its blocking keys, its review
// pairs, and the rebuilt work it joined.
func (m *matcher) settle(id int64, f *dedup.Features, d derived, pl placed) error {
	m.remember(id, f)
	if _, err := m.w.exec(m.ctx, "INSERT OR REPLACE INTO record_features (record_id, work_id, features) VALUES (?, ?, ?)", id, pl.work, d.encoded); err != nil {
		return err
	}
	for _, key := range d.keys {
		k := keyHash(key)
		m.pendingKeys[k] = append(m.pendingKeys[k], id)
		m.pendingCount++
	}
	m.workOf[id] = pl.work
	m.recordsOf[pl.work] = append(m.recordsOf[pl.work], id)
	for _, pr := range pl.p.Review {
		a, b := id, pr.B.ID
		if a > b {
			a, b = b, a
		}
		if _, err := m.w.exec(m.ctx, "INSERT OR IGNORE INTO review_pairs (record_a, record_b, score, reason) VALUES (?, ?, ?, ?)",
			a, b, pr.Result.Score, pr.Result.Reason); err != nil {
			return err
		}
	}
	if !pl.created {
		m.dirty[pl.work] = true
	}
	if m.pendingCount >= flushKeysAt {
		return m.flushKeys()
	}
	return nil
}

// reason is what records.match_reason says of a placement.
func (pl placed) reason() string {
	if pl.created {
		return "new work"
	}
	r := pl.p.Result.Reason
	if len(pl.p.Merge) > 0 {
		r += fmt.Sprintf(" (and joins %d more work%s)", len(pl.p.Merge), map[bool]string{true: "s", false: ""}[len(pl.p.Merge) > 1])
	}
	return r
}

// foldWork moves the records of work from into work to and deletes from.
func (w *writer) foldWork(ctx context.Context, from, to int64) error {
	for _, q := range []string{"UPDATE records SET work_id = ?1 WHERE work_id = ?2", "UPDATE record_features SET work_id = ?1 WHERE work_id = ?2"} {
		if _, err := w.exec(ctx, q, to, from); err != nil {
			return err
		}
	}
	return w.deleteWork(ctx, from)
}

// deleteWork deletes a work that no record belongs to any more.
func (w *writer) deleteWork(ctx context.Context, id int64) error {
	if !w.ftsPending[id] {
		w.ftsStale[id] = true
	}
	delete(w.ftsPending, id)
	w.ftsDeleted[id] = true
	if err := w.flushQueued(ctx); err != nil {
		return err
	}
	// The rows that depend on the work go first: an import writes with
	// foreign keys off, where ON DELETE CASCADE does nothing.
	for _, q := range []string{
		"DELETE FROM identifiers WHERE work_id = ?",
		"DELETE FROM authorships WHERE work_id = ?",
		"DELETE FROM authorship_affiliations WHERE work_id = ?",
		"DELETE FROM work_keywords WHERE work_id = ?",
		"DELETE FROM works WHERE id = ?",
	} {
		if _, err := w.exec(ctx, q, id); err != nil {
			return err
		}
	}
	return nil
}
