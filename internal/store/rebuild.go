package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/dedup"
)

// RebuildResult reports a rebuild.
type RebuildResult struct {
	Records int
	Works   int
	Review  int // pairs waiting for a decision
}

// storedRecord is a record as the database holds it, for re-placing.
type storedRecord struct {
	ID          int64  `db:"id"`
	Fingerprint string `db:"fingerprint"`
	Data        string `db:"data"`
	Position    int    `db:"position"`
}

// Rebuild recomputes every work from the records. It replays what
// happened, in the order it happened: the records of each import, placed
// one by one in file order as importing them did, and after each import
// the decisions people made before the next one. So the works it gives
// are those the imports and decisions gave, under the current rules.
func (d *DB) Rebuild(ctx context.Context, progress func(done, total int)) (*RebuildResult, error) {
	d.keys.drop()
	tx, err := d.BeginTxx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	w := newWriter(tx)
	defer w.close()
	var oldMax int64
	if err := tx.GetContext(ctx, &oldMax, "SELECT COALESCE(MAX(id), 0) FROM works"); err != nil {
		return nil, err
	}
	var total int
	if err := tx.GetContext(ctx, &total, "SELECT count(*) FROM records"); err != nil {
		return nil, err
	}
	// The work each record was in, so that a work the rebuild makes
	// again gets its id back (see keepWorkIDs).
	for _, q := range []string{"DROP TABLE IF EXISTS temp.rebuild_old_work",
		"CREATE TEMP TABLE rebuild_old_work (record_id INTEGER PRIMARY KEY, work_id INTEGER NOT NULL)",
		"INSERT INTO temp.rebuild_old_work SELECT id, work_id FROM records"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("rebuild: %w", err)
		}
	}
	for _, q := range []string{"DELETE FROM record_keys", "DELETE FROM review_pairs", "DELETE FROM works_fts"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return nil, fmt.Errorf("rebuild: %w", err)
		}
	}
	var imports []int64
	if err := tx.SelectContext(ctx, &imports, "SELECT id FROM imports ORDER BY id"); err != nil {
		return nil, err
	}
	var decisions []struct {
		ID          int64  `db:"id"`
		AfterImport int64  `db:"after_import"`
		A           string `db:"record_a"`
		B           string `db:"record_b"`
	}
	if err := tx.SelectContext(ctx, &decisions, "SELECT id, after_import, record_a, record_b FROM dedup_decisions ORDER BY id"); err != nil {
		return nil, err
	}
	m, err := newMatcher(ctx, w, 0, nil)
	if err != nil {
		return nil, err
	}
	placed := map[int64]bool{}
	m.offered = func(id int64) bool { return placed[id] }
	res := &RebuildResult{}
	next := 0 // the next decision to apply
	for _, imp := range imports {
		// The decisions made before this import are in force for it.
		in := int64(0)
		for _, dc := range decisions {
			if dc.AfterImport < imp {
				in = dc.ID
			}
		}
		if err := m.loadDecisions(in); err != nil {
			return nil, err
		}
		last := -1
		for {
			var page []storedRecord
			if err := tx.SelectContext(ctx, &page, `SELECT r.id, i.sha256 || ':' || r.position AS fingerprint, r.data, r.position
				FROM records r JOIN imports i ON i.id = r.import_id
				WHERE r.import_id = ? AND r.position > ? ORDER BY r.position LIMIT 500`, imp, last); err != nil {
				return nil, fmt.Errorf("rebuild: %w", err)
			}
			if len(page) == 0 {
				break
			}
			for _, sr := range page {
				if err := m.replace(sr); err != nil {
					return nil, fmt.Errorf("rebuild: record %d: %w", sr.ID, err)
				}
				placed[sr.ID] = true
				res.Records++
				if progress != nil && res.Records%1000 == 0 {
					progress(res.Records, total)
				}
			}
			last = page[len(page)-1].Position
		}
		// Then the decisions made after it, one by one.
		for ; next < len(decisions) && decisions[next].AfterImport <= imp; next++ {
			dc := decisions[next]
			if err := m.loadDecisions(dc.ID); err != nil {
				return nil, err
			}
			works, err := worksOf(ctx, w, dc.A, dc.B)
			if err != nil {
				return nil, err
			}
			if err := w.recluster(ctx, m, works); err != nil {
				return nil, fmt.Errorf("rebuild: decision %d: %w", dc.ID, err)
			}
			m.offered = func(id int64) bool { return placed[id] }
		}
	}
	if err := m.finish(); err != nil {
		return nil, fmt.Errorf("rebuild: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM works WHERE id <= ?", oldMax); err != nil {
		return nil, fmt.Errorf("rebuild: %w", err)
	}
	if err := w.keepWorkIDs(ctx, oldMax); err != nil {
		return nil, fmt.Errorf("rebuild: %w", err)
	}
	if err := w.flushFTS(ctx); err != nil {
		return nil, err
	}
	if err := recountImports(ctx, w); err != nil {
		return nil, err
	}
	if err := tx.GetContext(ctx, &res.Works, "SELECT count(*) FROM works"); err != nil {
		return nil, err
	}
	if err := tx.GetContext(ctx, &res.Review, "SELECT count(*) FROM review_pairs"); err != nil {
		return nil, err
	}
	if err := setRules(ctx, tx); err != nil {
		return nil, fmt.Errorf("rebuild: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DROP TABLE temp.rebuild_old_work"); err != nil {
		return nil, err
	}
	w.close()
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	return res, nil
}

// workTables are the tables that hold a work's id, and its column, but
// for records and record_features, which keepWorkIDs changes row by row.
var workTables = [...][2]string{
	{"works", "id"}, {"identifiers", "work_id"}, {"authorships", "work_id"},
	{"authorship_affiliations", "work_id"}, {"work_keywords", "work_id"},
}

// keepWorkIDs gives the works a rebuild made (ids above oldMax, the old
// ones being gone) the ids they had before, so that a work's id, which
// exports and reviewers' notes use, outlives a rebuild that leaves the
// work as it was. A work takes the old id of its first record's old work,
// unless a work with an earlier first record took it (an old work split
// in two); a work that gets no old id keeps its new one. The full-text
// rows are written after it, under the ids the works end with.
func (w *writer) keepWorkIDs(ctx context.Context, oldMax int64) error {
	if err := w.flushQueued(ctx); err != nil {
		return err
	}
	rows, err := w.tx.QueryxContext(ctx, `SELECT r.work_id, o.work_id FROM records r
		JOIN temp.rebuild_old_work o ON o.record_id = r.id
		WHERE r.work_id > ? ORDER BY r.id`, oldMax)
	if err != nil {
		return err
	}
	moved := map[int64]int64{} // new id → old id
	done, taken := map[int64]bool{}, map[int64]bool{}
	for rows.Next() {
		var now, before int64
		if err := rows.Scan(&now, &before); err != nil {
			rows.Close()
			return err
		}
		if done[now] {
			continue
		}
		done[now] = true
		if before <= oldMax && !taken[before] {
			taken[before] = true
			moved[now] = before
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if len(moved) == 0 {
		return nil
	}
	for _, q := range []string{"DROP TABLE IF EXISTS temp.rebuild_ids",
		"CREATE TEMP TABLE rebuild_ids (new_id INTEGER PRIMARY KEY, old_id INTEGER NOT NULL)"} {
		if _, err := w.tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	pairs := make([]any, 0, 2*len(moved))
	for now, before := range moved {
		pairs = append(pairs, now, before)
	}
	if err := w.insertRows(ctx, "INSERT", "temp.rebuild_ids", "new_id, old_id", 2, pairs); err != nil {
		return err
	}
	// The tables point at each other's ids while they change.
	if _, err := w.tx.ExecContext(ctx, "PRAGMA defer_foreign_keys = ON"); err != nil {
		return err
	}
	// A record's row holds its text: an UPDATE of many at once, which
	// changes an indexed column, would copy them all aside first.
	var recs []struct {
		ID   int64 `db:"id"`
		Work int64 `db:"old_id"`
	}
	if err := w.tx.SelectContext(ctx, &recs, "SELECT r.id, m.old_id FROM records r JOIN temp.rebuild_ids m ON m.new_id = r.work_id"); err != nil {
		return err
	}
	for _, r := range recs {
		for _, q := range [...]string{"UPDATE records SET work_id = ? WHERE id = ?", "UPDATE record_features SET work_id = ? WHERE record_id = ?"} {
			if _, err := w.exec(ctx, q, r.Work, r.ID); err != nil {
				return err
			}
		}
	}
	for _, t := range workTables {
		q := fmt.Sprintf("UPDATE %[1]s SET %[2]s = (SELECT old_id FROM temp.rebuild_ids WHERE new_id = %[1]s.%[2]s) WHERE %[2]s IN (SELECT new_id FROM temp.rebuild_ids)", t[0], t[1])
		if _, err := w.tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("keep the ids of works in %s: %w", t[0], err)
		}
	}
	pending := make(map[int64]bool, len(w.ftsPending))
	for id := range w.ftsPending {
		if before, ok := moved[id]; ok {
			id = before
		}
		pending[id] = true
	}
	// The full-text index was emptied at the start: nothing in it is stale.
	w.ftsPending, w.ftsStale, w.ftsDeleted = pending, map[int64]bool{}, map[int64]bool{}
	_, err = w.tx.ExecContext(ctx, "DROP TABLE temp.rebuild_ids")
	return err
}

// worksOf returns the works of the records with the given fingerprints.
func worksOf(ctx context.Context, w *writer, fingerprints ...string) ([]int64, error) {
	var works []int64
	for _, fp := range fingerprints {
		sha, pos, _ := strings.Cut(fp, ":")
		var work int64
		err := w.tx.GetContext(ctx, &work, `SELECT r.work_id FROM records r JOIN imports i ON i.id = r.import_id
			WHERE i.sha256 = ? AND r.position = ?`, sha, pos)
		if err != nil {
			return nil, fmt.Errorf("record %s: %w", fp, notFound(err))
		}
		if len(works) == 0 || works[0] != work {
			works = append(works, work)
		}
	}
	return works, nil
}

// replace places a stored record again and stores where it went.
func (m *matcher) replace(sr storedRecord) error {
	rec, err := bib.DecodeJSON([]byte(sr.Data))
	if err != nil {
		return err
	}
	f := dedup.Extract(rec)
	d := derive(rec, f, false) // the work's record only when needed
	pl, err := m.place(rec, f, d, sr.Fingerprint, sr.ID)
	if err != nil {
		return err
	}
	var matched any
	if !pl.created {
		matched = pl.p.Match.ID
	}
	if _, err := m.w.exec(m.ctx, "UPDATE records SET work_id = ?, match_reason = ?, matched_record_id = ? WHERE id = ?",
		pl.work, pl.reason(), matched, sr.ID); err != nil {
		return err
	}
	return m.settle(sr.ID, f, d, pl)
}

// recountImports sets each import's counts of new works and joined
// records from where its records are now.
func recountImports(ctx context.Context, w *writer) error {
	_, err := w.tx.ExecContext(ctx, `UPDATE imports SET
		works_created = (SELECT count(*) FROM records r WHERE r.import_id = imports.id AND r.matched_record_id IS NULL),
		records_joined = (SELECT count(*) FROM records r WHERE r.import_id = imports.id AND r.matched_record_id IS NOT NULL)`)
	return err
}

// Verdicts a person can give on two records.
const (
	VerdictSame      = "same"
	VerdictDifferent = "different"
)

// ErrSameRecord is returned for a decision about a record and itself.
var ErrSameRecord = errors.New("a record cannot be compared with itself")

// Decide records a person's verdict on two records (by record id) and
// applies it at once: the records of both their works are placed again,
// in import order, with the decision in force. The decision is kept: later
// imports and rebuilds follow it.
func (d *DB) Decide(ctx context.Context, a, b int64, verdict string) error {
	d.keys.drop()
	if a == b {
		return ErrSameRecord
	}
	if verdict != VerdictSame && verdict != VerdictDifferent {
		return fmt.Errorf("unknown verdict %q", verdict)
	}
	tx, err := d.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	w := newWriter(tx)
	defer w.close()
	fp := map[int64]string{}
	for _, id := range []int64{a, b} {
		var f string
		err := tx.GetContext(ctx, &f, `SELECT i.sha256 || ':' || r.position FROM records r
			JOIN imports i ON i.id = r.import_id WHERE r.id = ?`, id)
		if err != nil {
			return fmt.Errorf("record %d: %w", id, notFound(err))
		}
		fp[id] = f
	}
	x, y := fp[a], fp[b]
	if x > y {
		x, y = y, x
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO dedup_decisions (record_a, record_b, verdict, decided_at, after_import)
		VALUES (?, ?, ?, ?, (SELECT COALESCE(MAX(id), 0) FROM imports))`,
		x, y, verdict, time.Now().UTC().Format(time.RFC3339)); err != nil {
		return err
	}
	m, err := newMatcher(ctx, w, -1, nil)
	if err != nil {
		return err
	}
	works, err := worksOf(ctx, w, x, y)
	if err != nil {
		return err
	}
	var moved []int64
	if err := tx.SelectContext(ctx, &moved, "SELECT id FROM records WHERE work_id IN (?, ?)", works[0], works[len(works)-1]); err != nil {
		return err
	}
	before, err := worksStarted(ctx, w, moved)
	if err != nil {
		return err
	}
	if err := w.recluster(ctx, m, works); err != nil {
		return err
	}
	if err := m.finish(); err != nil {
		return err
	}
	if err := w.flushFTS(ctx); err != nil {
		return err
	}
	after, err := worksStarted(ctx, w, moved)
	if err != nil {
		return err
	}
	for imp, n := range after {
		before[imp] -= n
	}
	for imp, n := range before {
		if n != 0 {
			if _, err := tx.ExecContext(ctx, "UPDATE imports SET works_created = works_created - ?1, records_joined = records_joined + ?1 WHERE id = ?2", n, imp); err != nil {
				return err
			}
		}
	}
	w.close()
	return tx.Commit()
}

// worksStarted counts, by import, the records among ids that started a
// work rather than joined one. A decision moves the records of two works
// only: counting these before and after it keeps the imports' counts
// right without counting every record of the library again, which at a
// million records read gigabytes.
func worksStarted(ctx context.Context, w *writer, ids []int64) (map[int64]int, error) {
	out := map[int64]int{}
	for _, id := range ids {
		var imp int64
		var started bool
		if err := w.tx.QueryRowxContext(ctx, "SELECT import_id, matched_record_id IS NULL FROM records WHERE id = ?", id).Scan(&imp, &started); err != nil {
			return nil, err
		}
		if _, ok := out[imp]; !ok {
			out[imp] = 0
		}
		if started {
			out[imp]++
		}
	}
	return out, nil
}

func notFound(err error) error {
	if strings.Contains(err.Error(), "no rows") {
		return errors.New("no such record")
	}
	return err
}

// recluster places the records of the given works again, in import
// order, with the matcher's decisions in force, and deletes the works they
// leave empty. Records of other works stay where they are.
func (w *writer) recluster(ctx context.Context, m *matcher, works []int64) error {
	var recs []storedRecord
	if err := w.tx.SelectContext(ctx, &recs, `SELECT r.id, i.sha256 || ':' || r.position AS fingerprint, r.data, r.position
		FROM records r JOIN imports i ON i.id = r.import_id WHERE r.work_id IN (?, ?) ORDER BY r.import_id, r.position`,
		works[0], works[len(works)-1]); err != nil {
		return err
	}
	pending := map[int64]bool{}
	for _, sr := range recs {
		pending[sr.ID] = true
		if err := m.forget(sr.ID); err != nil {
			return err
		}
		if _, err := w.exec(ctx, "DELETE FROM review_pairs WHERE record_a = ?1 OR record_b = ?1", sr.ID); err != nil {
			return err
		}
	}
	outer := m.offered
	m.offered = func(id int64) bool { return !pending[id] && (outer == nil || outer(id)) }
	defer func() { m.offered = outer }()
	for _, sr := range recs {
		if err := m.replace(sr); err != nil {
			return fmt.Errorf("record %d: %w", sr.ID, err)
		}
		delete(pending, sr.ID)
	}
	for _, id := range works {
		var n int
		if err := w.tx.GetContext(ctx, &n, "SELECT count(*) FROM records WHERE work_id = ?", id); err != nil {
			return err
		}
		if n == 0 {
			if err := w.deleteWork(ctx, id); err != nil {
				return err
			}
			delete(m.dirty, id)
		} else {
			m.dirty[id] = true
		}
	}
	return nil
}
