package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"database/sql/driver"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/dedup"
	"github.com/bibdb/bibdb/internal/ingest"
)

// ImportOptions control an import.
type ImportOptions struct {
	Source   string // source database to record, overriding what the file says
	Format   string // format name, or "" / "auto" to detect it
	Encoding string // encoding name, or "" / "auto" to detect it
	// Progress, when set, is called as the file is read with the bytes read
	// so far and the file's size (0 when unknown).
	Progress func(done, total int64)
	// DeferIndexes leaves the indexes a large import drops to be built by
	// a later import without it, or by DB.BuildIndexes: for the files of
	// one command, each but the last, which then builds them once.
	DeferIndexes bool
}

// ImportResult reports what an import did.
type ImportResult struct {
	Path          string
	ImportID      int64
	Skipped       bool      // the same bytes were imported before: nothing was added
	PreviousID    int64     // the earlier import, when Skipped
	PreviousAt    time.Time // when it was made
	Format        string
	Encoding      string
	Source        string
	Records       int      // records read and stored
	WorksCreated  int      // records that started a new work
	RecordsJoined int      // records that joined an existing work
	Problems      []error  // records that could not be read (*bib.ParseError), each naming its line
	Warnings      []string // "file:line: warning: ..." messages
	Bulk          bool     // imported in bulk: indexes built at the end, under a rollback journal when no other connection had the database open
	Phases        []Phase  // how long each part of the import took
}

// Phase is a part of an import and the time it took.
type Phase struct {
	Name string
	Took time.Duration
}

// phaseClock measures consecutive phases.
type phaseClock struct {
	last   time.Time
	phases []Phase
}

func newPhaseClock() *phaseClock { return &phaseClock{last: time.Now()} }

// done ends the phase named name, which began when the one before ended.
func (c *phaseClock) done(name string) {
	now := time.Now()
	c.phases = append(c.phases, Phase{name, now.Sub(c.last)})
	c.last = now
}

// ImportFile imports one file in one transaction: all its readable records
// land, or, on a fatal error, none do. A file whose bytes were imported
// before is skipped.
func (d *DB) ImportFile(ctx context.Context, path string, opts ImportOptions) (*ImportResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s is a directory", path)
	}
	// Hash first: a file imported before is skipped without parsing it.
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	sum := hex.EncodeToString(h.Sum(nil))
	if res, err := d.previousImport(ctx, path, sum); res != nil || err != nil {
		return res, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	var r io.Reader = f
	if opts.Progress != nil {
		r = &progressReader{r: f, total: fi.Size(), fn: opts.Progress}
	}
	return d.importStream(ctx, path, r, sum, nil, fi.Size(), d.isBulk(contentSize(f, fi.Size())), opts)
}

// ImportReader imports a stream (standard input) named name. The hash is
// computed while reading; when the same bytes were imported before,
// nothing is committed and the result says Skipped.
func (d *DB) ImportReader(ctx context.Context, name string, r io.Reader, opts ImportOptions) (*ImportResult, error) {
	h := sha256.New()
	cr := &countingReader{r: io.TeeReader(r, h)}
	var in io.Reader = cr
	if opts.Progress != nil {
		in = &progressReader{r: cr, fn: opts.Progress}
	}
	return d.importStream(ctx, name, in, "", h, -1, false, opts, cr)
}

func (d *DB) previousImport(ctx context.Context, path, sum string) (*ImportResult, error) {
	var prev struct {
		ID  int64  `db:"id"`
		At  string `db:"imported_at"`
		Fmt string `db:"format"`
	}
	err := d.GetContext(ctx, &prev, "SELECT id, imported_at, format FROM imports WHERE sha256 = ?", sum)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	at, _ := time.Parse(time.RFC3339, prev.At)
	return &ImportResult{Path: path, Skipped: true, PreviousID: prev.ID, PreviousAt: at, Format: prev.Fmt}, nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

type progressReader struct {
	r     io.Reader
	done  int64
	total int64
	last  time.Time
	fn    func(done, total int64)
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.done += int64(n)
	if now := time.Now(); now.Sub(p.last) > 100*time.Millisecond || err == io.EOF {
		p.last = now
		p.fn(p.done, p.total)
	}
	return n, err
}

// importStream reads and stores the records of one file in one
// transaction. Either sum is known (a file hashed beforehand) or h hashes
// the stream as it is read (and counter measures it).
func (d *DB) importStream(ctx context.Context, path string, r io.Reader, sum string, h hash.Hash, size int64, bulk bool, opts ImportOptions, counter ...*countingReader) (res *ImportResult, err error) {
	stream, err := ingest.Open(path, r, ingest.Options{Format: opts.Format, Encoding: opts.Encoding})
	if err != nil {
		return nil, err
	}
	defer stream.Close()

	tx, release, err := d.beginImport(ctx, bulk)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	w := newWriter(tx)
	defer func() {
		w.close()
		if err != nil || (res != nil && res.Skipped) {
			tx.Rollback()
		}
		release()
	}()
	keys, lookups, err := d.keys.take(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	libraryHadRecords, err := hasRecords(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}

	res = &ImportResult{Path: path, Format: stream.Format.Name, Bulk: bulk}
	clock := newPhaseClock()
	now := time.Now().UTC().Format(time.RFC3339)
	placeholder := sum
	if placeholder == "" {
		placeholder = "pending:" + now + ":" + path // replaced once the stream is hashed
	}
	res.ImportID, err = w.insertID(ctx, `INSERT INTO imports (path, file_name, sha256, size, format, encoding, source, imported_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, path, filepath.Base(path), placeholder, max(size, 0), stream.Format.Name, "", nullString(opts.Source), now)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	if bulk {
		if err := w.dropIndexes(ctx); err != nil {
			return nil, fmt.Errorf("import %s: %w", path, err)
		}
	}
	match, err := newMatcher(ctx, w, -1, keys)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	if match.unread {
		// The keys earlier imports of this process looked up count
		// towards reading the filter. A bulk import looks up as many keys
		// as the filter holds, or more: it reads the filter at once.
		match.lookups = lookups
		if bulk {
			if err := match.readKeyFilter(); err != nil {
				return nil, fmt.Errorf("import %s: %w", path, err)
			}
		}
	}
	// A bulk import into a library of some records but at most
	// maxTableRecords holds their features, keys and part ids in memory,
	// and writes its full-text rows unmerged.
	smallLibrary := false
	if bulk {
		if match.table, err = w.loadFeatureTable(ctx); err != nil {
			return nil, fmt.Errorf("import %s: %w", path, err)
		}
		smallLibrary = match.table != nil
		if smallLibrary {
			if match.index, err = w.loadKeyIndex(ctx); err != nil {
				return nil, fmt.Errorf("import %s: %w", path, err)
			}
			if err := w.loadPartIDs(ctx); err != nil {
				return nil, fmt.Errorf("import %s: %w", path, err)
			}
		}
	}
	m := &importer{w: w, match: match, fingerprint: placeholder, res: res, importID: res.ImportID, source: opts.Source, format: stream.Format.Name, path: path}
	records, stop := prepare(stream)
	defer stop()
	for p := range records {
		if p.err != nil {
			if bib.IsParseError(p.err) {
				res.Problems = append(res.Problems, p.err)
				continue
			}
			return nil, p.err
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if err := m.add(ctx, p); err != nil {
			return nil, fmt.Errorf("import %s: record %d (line %d): %w", path, p.rec.Position, p.rec.Line, err)
		}
	}
	stop() // reading has ended; the stream is the importer's again
	// Nothing after placing the records reads the feature table.
	match.table, match.index = nil, nil
	if res.Records == 0 && len(res.Problems) > 0 {
		// Nothing of the file could be read: a refusal, which leaves no
		// import behind, so that the file can be imported again once it is
		// mended or read another way (--encoding, --format).
		return nil, fmt.Errorf("import %s: none of its records could be read (%d unreadable), so nothing was imported; the first: %w",
			path, len(res.Problems), res.Problems[0])
	}
	clock.done("read and matched")
	for _, wn := range stream.Warnings() {
		res.Warnings = append(res.Warnings, warningText(path, wn))
	}
	res.Encoding = stream.Encoding()
	res.Source = m.importSource()

	if sum == "" {
		sum = hex.EncodeToString(h.Sum(nil))
		if len(counter) > 0 {
			size = counter[0].n
		}
		prev, err := d.previousImportTx(ctx, w, path, sum)
		if err != nil {
			return nil, err
		}
		if prev != nil {
			return prev, nil // deferred rollback: nothing of this stream is kept
		}
	}
	if err := m.match.finish(); err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	clock.done("works rebuilt")
	if err := w.flushFTSUnmerged(ctx, smallLibrary); err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	clock.done("full-text index")
	if !opts.DeferIndexes {
		built, err := buildDeferredIndexes(ctx, tx)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", path, err)
		}
		if built {
			clock.done("indexes built")
		}
	}
	if !libraryHadRecords {
		// The first records: this bibdb's rules build the works.
		if err := setRules(ctx, tx); err != nil {
			return nil, fmt.Errorf("import %s: %w", path, err)
		}
	}
	if _, err := w.exec(ctx, `UPDATE imports SET sha256 = ?, size = ?, encoding = ?, source = ?, records = ?, works_created = ?,
		records_joined = ?, errors = ?, warnings = ? WHERE id = ?`, sum, max(size, 0), res.Encoding, nullString(res.Source), res.Records,
		res.WorksCreated, res.RecordsJoined, len(res.Problems), len(res.Warnings), res.ImportID); err != nil {
		return nil, fmt.Errorf("import %s: %w", path, err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("import %s: commit: %w", path, err)
	}
	clock.done("committed")
	d.keys.keep(match.inDB, res.ImportID, match.lookups)
	res.Phases = clock.phases
	return res, nil
}

// beginImport starts the transaction of an import, on a connection of its
// own with foreign-key enforcement off: checking the parent of every row
// costs an import a fifth of its time, and the writer makes only rows
// whose parents exist (it deletes a work's rows itself; see deleteWork).
// A bulk import also leaves write-ahead logging for its duration (see
// rollbackJournal). release gives the connection back as it was; call it
// once the transaction has ended.
func (d *DB) beginImport(ctx context.Context, bulk bool) (*sqlx.Tx, func(), error) {
	conn, err := d.Connx(ctx)
	if err != nil {
		return nil, nil, err
	}
	restoreJournal := func() {}
	if bulk {
		restoreJournal = rollbackJournal(ctx, conn)
	}
	release := func() {
		restoreJournal()
		// Put enforcement back, or drop the connection from the pool.
		if _, err := conn.ExecContext(context.Background(), "PRAGMA foreign_keys = ON"); err != nil {
			conn.Raw(func(any) error { return driver.ErrBadConn })
		}
		conn.Close()
	}
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		release()
		return nil, nil, err
	}
	tx, err := conn.BeginTxx(ctx, nil)
	if err != nil {
		release()
		return nil, nil, err
	}
	return tx, release, nil
}

func (d *DB) previousImportTx(ctx context.Context, w *writer, path, sum string) (*ImportResult, error) {
	var id int64
	var at string
	err := w.tx.QueryRowxContext(ctx, "SELECT id, imported_at FROM imports WHERE sha256 = ?", sum).Scan(&id, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	t, _ := time.Parse(time.RFC3339, at)
	return &ImportResult{Path: path, Skipped: true, PreviousID: id, PreviousAt: t}, nil
}

func warningText(file string, w bib.Warning) string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: warning: %s", file, w.Line, w.Msg)
	}
	return fmt.Sprintf("%s: warning: %s", file, w.Msg)
}

// importer adds the records of one file.
type importer struct {
	w           *writer
	match       *matcher
	fingerprint string // the file's hash, which with a position names a record
	res         *ImportResult
	importID    int64
	source      string
	format      string
	path        string
	databases   map[string]int // database name → records saying it
}

// A prepared record is one read from the file with the work done on it
// that needs no database: its JSON, its deduplication features and the
// database it names. err is a parse error (rec is nil) or the error that
// ended the reading.
type prepared struct {
	rec      *bib.Record
	err      error
	data     string
	features *dedup.Features
	derived  derived
	database string
}

// prepareAhead is how many records the reading goroutine may prepare
// before the writer takes them.
const prepareAhead = 64

// prepare reads and prepares the stream's records on a goroutine of their
// own, so that parsing overlaps with writing on a machine with more than
// one core. The channel is closed at the end of the stream or after an
// error that ends it. stop makes the goroutine quit and waits for it;
// after stop has returned, the stream is no longer read. Calling stop
// more than once is fine.
func prepare(stream *ingest.Stream) (<-chan prepared, func()) {
	out := make(chan prepared, prepareAhead)
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer close(out)
		for {
			rec, err := stream.Read()
			if err == io.EOF {
				return
			}
			p := prepared{rec: rec, err: err}
			if err == nil {
				// The JSON first: it is the record as read.
				p.database = ingest.RecordDatabase(rec)
				if data, err := json.Marshal(rec); err != nil {
					p.rec, p.err = nil, err
				} else {
					p.data = string(data) // made here, not by the writer
					p.features = dedup.Extract(rec)
					p.derived = derive(rec, p.features, true)
				}
			}
			select {
			case out <- p:
			case <-quit:
				return
			}
			if p.err != nil && !bib.IsParseError(p.err) {
				return
			}
		}
	}()
	var once sync.Once
	return out, func() {
		once.Do(func() { close(quit) })
		<-done
	}
}

func (m *importer) add(ctx context.Context, p prepared) error {
	rec := p.rec
	for _, wn := range rec.Warnings {
		m.res.Warnings = append(m.res.Warnings, warningText(m.path, wn))
	}
	db := m.source
	if db == "" {
		db = p.database
		if db == "" {
			db = ingest.FormatDatabase(m.format)
		}
	}
	if db != "" {
		if m.databases == nil {
			m.databases = map[string]int{}
		}
		m.databases[db]++
	}
	data, f := p.data, p.features
	pl, err := m.match.place(rec, f, p.derived, m.fingerprint+":"+strconv.Itoa(rec.Position), 0)
	if err != nil {
		return err
	}
	var matched any
	if !pl.created {
		matched = pl.p.Match.ID
		m.res.RecordsJoined++
	} else {
		m.res.WorksCreated++
	}
	id, err := m.w.insertID(ctx, `INSERT INTO records (import_id, position, line, source_id, database, type, title, year, doi, pmid,
		data, raw, work_id, match_reason, matched_record_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.importID, rec.Position, rec.Line, nullString(rec.SourceID), nullString(db), typeOf(rec), nullString(rec.Title),
		nullInt(rec.Date.Year), nullString(rec.Identifier(bib.DOI)), nullString(rec.Identifier(bib.PMID)),
		data, rec.Raw, pl.work, pl.reason(), matched)
	if err != nil {
		return err
	}
	m.match.imported(id)
	if err := m.match.settle(id, f, p.derived, pl); err != nil {
		return err
	}
	m.res.Records++
	return nil
}

func typeOf(rec *bib.Record) string {
	if rec.Type == "" {
		return "article"
	}
	return rec.Type
}

// importSource is the import's source database: the one given, or the
// one more than half of its records name. (A file whose records name
// several, each a few, has none: a Zotero library names where each item
// was catalogued, and its records that name nothing are no more from one
// of those places than from another.)
func (m *importer) importSource() string {
	if m.source != "" {
		return m.source
	}
	type kv struct {
		k string
		v int
	}
	var all []kv
	for k, v := range m.databases {
		all = append(all, kv{k, v})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].v > all[j].v || all[i].v == all[j].v && all[i].k < all[j].k })
	if len(all) == 0 || 2*all[0].v <= m.res.Records {
		return ""
	}
	return all[0].k
}

// rebuildWork recomputes a work from all its records. When since is not
// 0, the work was last written from its records with lower ids or, when
// it has none (it was made by this import), from its first record alone:
// the parts (identifiers, people, keywords, the full-text row) that the
// other records leave as they were are not written again.
func (w *writer) rebuildWork(ctx context.Context, workID, since int64) error {
	recs, ids, err := w.workRecords(ctx, workID)
	if err != nil {
		return err
	}
	merged := bib.Merge(recs)
	var keep keptParts
	if since > 0 {
		n := 0
		for n < len(ids) && ids[n] < since {
			n++
		}
		if n == 0 {
			n = 1
		}
		if n < len(ids) {
			keep = unchangedParts(bib.Merge(recs[:n]), merged)
		}
	}
	return w.updateWork(ctx, workID, merged, len(recs), keep)
}

// workRecords returns the records of a work and their ids, in id order.
func (w *writer) workRecords(ctx context.Context, workID int64) ([]*bib.Record, []int64, error) {
	s, err := w.stmt(ctx, "SELECT id, data FROM records WHERE work_id = ? ORDER BY id")
	if err != nil {
		return nil, nil, err
	}
	rows, err := s.QueryxContext(ctx, workID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	var recs []*bib.Record
	var ids []int64
	for rows.Next() {
		var id int64
		var data sql.RawBytes // DecodeJSON keeps none of it
		if err := rows.Scan(&id, &data); err != nil {
			return nil, nil, err
		}
		rec, err := bib.DecodeJSON(data)
		if err != nil {
			return nil, nil, fmt.Errorf("record data of work %d: %w", workID, err)
		}
		recs = append(recs, rec)
		ids = append(ids, id)
	}
	return recs, ids, rows.Err()
}
