package store

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/bibdb/bibdb/internal/bib"
)

// writer writes works and their parts inside one transaction. It caches
// the ids of authors, affiliations, keywords and journals, which repeat
// across works; the caches live as long as the transaction, so a rollback
// cannot leave them pointing at rows that are gone.
type writer struct {
	tx    *sqlx.Tx
	stmts map[string]*sqlx.Stmt
	multi map[string]string // multi-row INSERT statements by table and size

	authors      map[string]int64
	affiliations map[string]int64
	keywords     map[keywordKey]int64
	keywordNoUI  map[int64]bool // keywords read by loadPartIDs that have no MeSH id
	journalISSN  map[string]int64
	journalTitle map[string]int64
	journalAbbr  map[string]int64
	journalHas   map[int64]journalState

	// Rows waiting to be inserted, by table (see queueRows).
	queued [queuedTables][]any

	// Works whose full-text rows must be written (see flushFTS), and those
	// of them that had rows before this transaction.
	ftsPending map[int64]bool
	ftsStale   map[int64]bool
	ftsDeleted map[int64]bool
}

// journalState is what the writer knows a journal row already has.
type journalState struct {
	fullTitle bool // a title that is not just the abbreviation
	abbrev    bool
	capitals  bool // a title in capitals, which a record in mixed case replaces
}

func newWriter(tx *sqlx.Tx) *writer {
	return &writer{
		tx: tx, stmts: map[string]*sqlx.Stmt{}, multi: map[string]string{},
		authors: map[string]int64{}, affiliations: map[string]int64{}, keywords: map[keywordKey]int64{},
		journalISSN: map[string]int64{}, journalTitle: map[string]int64{}, journalAbbr: map[string]int64{},
		journalHas: map[int64]journalState{}, ftsPending: map[int64]bool{}, ftsStale: map[int64]bool{}, ftsDeleted: map[int64]bool{},
	}
}

// stmt returns the prepared form of query, preparing it once per
// transaction.
func (w *writer) stmt(ctx context.Context, query string) (*sqlx.Stmt, error) {
	if s, ok := w.stmts[query]; ok {
		return s, nil
	}
	s, err := w.tx.PreparexContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("prepare %q: %w", firstWords(query), err)
	}
	w.stmts[query] = s
	return s, nil
}

func (w *writer) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	s, err := w.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	res, err := s.ExecContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", firstWords(query), err)
	}
	return res, nil
}

func (w *writer) insertID(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := w.exec(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// insertRows inserts rows into table in statements of up to 32 rows each.
// cols names the columns; vals holds the rows one after another, ncols
// values each.
func (w *writer) insertRows(ctx context.Context, verb, table, cols string, ncols int, vals []any) error {
	for len(vals) > 0 {
		n := min(len(vals)/ncols, 32)
		key := verb + "|" + table + "|" + strconv.Itoa(n)
		q, ok := w.multi[key]
		if !ok {
			one := "(" + strings.TrimSuffix(strings.Repeat("?, ", ncols), ", ") + ")"
			q = verb + " INTO " + table + " (" + cols + ") VALUES " + strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
			w.multi[key] = q
		}
		if _, err := w.exec(ctx, q, vals[:n*ncols]...); err != nil {
			return err
		}
		vals = vals[n*ncols:]
	}
	return nil
}

// The tables whose rows the writer queues (see queueRows).
const (
	queuedIdentifiers = iota
	queuedAuthorships
	queuedAuthorshipAffiliations
	queuedWorkKeywords
	queuedTables
)

// queuedColumns are the table, columns and number of columns of each
// queued table.
var queuedColumns = [queuedTables]struct {
	table, cols string
	ncols       int
}{
	queuedIdentifiers:            {"identifiers", "work_id, scheme, value", 3},
	queuedAuthorships:            {"authorships", "work_id, role, position, author_id, name", 5},
	queuedAuthorshipAffiliations: {"authorship_affiliations", "work_id, author_position, affiliation_id", 3},
	queuedWorkKeywords:           {"work_keywords", "work_id, keyword_id, qualifier, major", 4},
}

// queueRows queues rows of a table (queuedIdentifiers, ...), their values
// one row after another, to be inserted with the rows of other works in
// statements of 32 rows. A work has a few rows in each of its part
// tables, and a statement of several rows, which runs in a statement
// journal, costs nearly as much as one of 32 (see BENCHMARKS.md).
// Whatever reads, updates or deletes rows of these tables first calls
// flushQueued.
func (w *writer) queueRows(ctx context.Context, table int, vals ...any) error {
	q := append(w.queued[table], vals...)
	c := queuedColumns[table]
	if len(q) >= queueBatch*c.ncols {
		n := len(q) - len(q)%(32*c.ncols)
		if err := w.insertRows(ctx, "INSERT", c.table, c.cols, c.ncols, q[:n]); err != nil {
			return err
		}
		q = q[:copy(q, q[n:])]
	}
	w.queued[table] = q
	return nil
}

// queueBatch is how many rows of a table queueRows gathers before it
// inserts them.
const queueBatch = 256

// flushQueued inserts every queued row. (The rows they refer to, works,
// authors, affiliations and keywords, are inserted as they are made: a
// transaction that checks foreign keys, a rebuild or a decision, finds
// them there.)
func (w *writer) flushQueued(ctx context.Context) error {
	for t, vals := range w.queued {
		c := queuedColumns[t]
		if err := w.insertRows(ctx, "INSERT", c.table, c.cols, c.ncols, vals); err != nil {
			return err
		}
		w.queued[t] = vals[:0]
	}
	return nil
}

// insertOrFind inserts a row unless its unique key is taken (insert is
// an INSERT OR IGNORE), and returns the id of the row inserted or, found
// by find, the one that was there. A plain insert is the common case and
// costs less than an upsert with RETURNING.
func (w *writer) insertOrFind(ctx context.Context, insert string, args []any, find string, findArgs ...any) (int64, error) {
	res, err := w.exec(ctx, insert, args...)
	if err != nil {
		return 0, err
	}
	if n, err := res.RowsAffected(); err != nil {
		return 0, err
	} else if n == 1 {
		return res.LastInsertId()
	}
	id, err := w.lookup(ctx, find, findArgs...)
	if err == nil && id == 0 {
		err = fmt.Errorf("%s: no row after the insert was ignored", firstWords(find))
	}
	return id, err
}

// lookup runs a query returning one id, 0 when there is no row.
func (w *writer) lookup(ctx context.Context, query string, args ...any) (int64, error) {
	s, err := w.stmt(ctx, query)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.QueryRowxContext(ctx, args...).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("%s: %w", firstWords(query), err)
	}
	return id, nil
}

func (w *writer) close() {
	for _, s := range w.stmts {
		s.Close()
	}
}

func firstWords(q string) string {
	f := strings.Fields(q)
	if len(f) > 4 {
		f = f[:4]
	}
	return strings.Join(f, " ")
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullInt(n int) any {
	if n == 0 {
		return nil
	}
	return n
}

// createWork inserts a work built from rec and its parts; keys, when not
// nil, are the keys of its parts, made ahead (see partKeys).
func (w *writer) createWork(ctx context.Context, rec *bib.Record, nrecords int, keys *partKeys) (int64, error) {
	journal, err := w.journal(ctx, rec)
	if err != nil {
		return 0, err
	}
	id, err := w.insertID(ctx, `INSERT INTO works (type, title, year, date, journal_id, container, volume, issue,
		first_page, last_page, article_number, abstract, language, publisher, records)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, workArgs(rec, journal, nrecords)...)
	if err != nil {
		return 0, err
	}
	return id, w.writeParts(ctx, id, rec, keptParts{}, keys)
}

// keptParts says which parts of a work a rewrite leaves as they are. text
// says its full-text row stays as it is too: the title, the abstract, the
// authors and the keywords it is made of are all unchanged.
type keptParts struct {
	identifiers, people, keywords, text bool
}

// unchangedParts compares the work a set of records made with the one they
// make now that more have joined: each part both give alike is kept.
// (Alike means equal down to the last field, slices nil or not, so that
// keeping a part can never keep one that differs.)
func unchangedParts(before, after *bib.Record) keptParts {
	k := keptParts{
		identifiers: reflect.DeepEqual(before.Identifiers, after.Identifiers),
		people: reflect.DeepEqual(before.Authors, after.Authors) && reflect.DeepEqual(before.Editors, after.Editors) &&
			reflect.DeepEqual(before.Translators, after.Translators) &&
			reflect.DeepEqual(before.Affiliations, after.Affiliations),
		keywords: reflect.DeepEqual(before.Keywords, after.Keywords),
	}
	k.text = k.people && k.keywords && before.Title == after.Title && before.Abstract == after.Abstract
	return k
}

// updateWork rewrites a work from rec, and those of its parts not kept.
func (w *writer) updateWork(ctx context.Context, id int64, rec *bib.Record, nrecords int, keep keptParts) error {
	journal, err := w.journal(ctx, rec)
	if err != nil {
		return err
	}
	args := append(workArgs(rec, journal, nrecords), id)
	if !w.ftsPending[id] && !keep.text {
		w.ftsStale[id] = true
	}
	if _, err := w.exec(ctx, `UPDATE works SET type = ?, title = ?, year = ?, date = ?, journal_id = ?, container = ?,
		volume = ?, issue = ?, first_page = ?, last_page = ?, article_number = ?, abstract = ?, language = ?,
		publisher = ?, records = ? WHERE id = ?`, args...); err != nil {
		return err
	}
	if err := w.flushQueued(ctx); err != nil {
		return err
	}
	var deletes []string
	if !keep.identifiers {
		deletes = append(deletes, "DELETE FROM identifiers WHERE work_id = ?")
	}
	if !keep.people {
		deletes = append(deletes, "DELETE FROM authorships WHERE work_id = ?", "DELETE FROM authorship_affiliations WHERE work_id = ?")
	}
	if !keep.keywords {
		deletes = append(deletes, "DELETE FROM work_keywords WHERE work_id = ?")
	}
	for _, q := range deletes {
		if _, err := w.exec(ctx, q, id); err != nil {
			return err
		}
	}
	return w.writeParts(ctx, id, rec, keep, nil)
}

func workArgs(rec *bib.Record, journal int64, nrecords int) []any {
	var j any
	if journal != 0 {
		j = journal
	}
	typ := rec.Type
	if typ == "" {
		typ = "article"
	}
	return []any{typ, nullString(rec.Title), nullInt(rec.Date.Year), nullString(rec.Date.String()), j, nullString(rec.Container),
		nullString(rec.Volume), nullString(rec.Issue), nullString(rec.FirstPage), nullString(rec.LastPage),
		nullString(rec.ArticleNumber), nullString(rec.Abstract), nullString(rec.Language), nullString(rec.Publisher), nrecords}
}

// writeParts inserts a work's identifiers, authors, affiliations and
// keywords, but for the parts kept, and queues its full-text row.
func (w *writer) writeParts(ctx context.Context, id int64, rec *bib.Record, keep keptParts, keys *partKeys) error {
	if !keep.identifiers {
		if err := w.writeIdentifiers(ctx, id, rec); err != nil {
			return err
		}
	}
	if !keep.people {
		if err := w.writePeople(ctx, id, rec, keys); err != nil {
			return err
		}
	}
	if !keep.keywords {
		if err := w.writeKeywords(ctx, id, rec, keys); err != nil {
			return err
		}
	}
	if !keep.text {
		w.ftsPending[id] = true
		delete(w.ftsDeleted, id)
	}
	return nil
}

func (w *writer) writeIdentifiers(ctx context.Context, id int64, rec *bib.Record) error {
	seen := map[bib.Identifier]bool{}
	for _, x := range rec.Identifiers {
		if !seen[x] {
			seen[x] = true
			if err := w.queueRows(ctx, queuedIdentifiers, id, x.Scheme, x.Value); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *writer) writePeople(ctx context.Context, id int64, rec *bib.Record, keys *partKeys) error {
	n := 0 // people so far, for keys
	for _, group := range []struct {
		role   string
		people []bib.Person
	}{{"author", rec.Authors}, {"editor", rec.Editors}, {"translator", rec.Translators}} {
		for i, p := range group.people {
			aid, err := w.author(ctx, p, keys.person(n))
			n++
			if err != nil {
				return err
			}
			written := p.Raw
			if written == "" {
				written = p.String()
			}
			if err := w.queueRows(ctx, queuedAuthorships, id, group.role, i+1, aid, written); err != nil {
				return err
			}
			if group.role == "author" {
				for _, a := range p.Affiliations {
					aff, err := w.affiliation(ctx, a, keys)
					if err != nil {
						return err
					}
					if aff != 0 {
						if err := w.queueRows(ctx, queuedAuthorshipAffiliations, id, i+1, aff); err != nil {
							return err
						}
					}
				}
			}
		}
	}
	for _, a := range rec.Affiliations {
		aff, err := w.affiliation(ctx, a, keys)
		if err != nil {
			return err
		}
		if aff != 0 {
			if err := w.queueRows(ctx, queuedAuthorshipAffiliations, id, nil, aff); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *writer) writeKeywords(ctx context.Context, id int64, rec *bib.Record, keys *partKeys) error {
	type kq struct {
		id int64
		q  string
	}
	seenKW := map[kq]bool{}
	for i, k := range rec.Keywords {
		ck, known := keys.keyword(i)
		kid, err := w.keyword(ctx, k, ck, known)
		if err != nil {
			return err
		}
		if seenKW[kq{kid, k.Qualifier}] {
			continue
		}
		seenKW[kq{kid, k.Qualifier}] = true
		major := 0
		if k.Major {
			major = 1
		}
		if err := w.queueRows(ctx, queuedWorkKeywords, id, kid, k.Qualifier, major); err != nil {
			return err
		}
	}
	return nil
}

// flushFTS writes the full-text rows of the works written in this
// transaction, from the works' own tables, after everything else. Writing
// to an FTS5 table makes SQLite flush the table's pending index at every
// later statement of the transaction; keeping those writes to the end
// makes an import many times faster. The queued part rows go first: the
// full-text rows are made from them, and every transaction that writes
// works ends here before it commits.
func (w *writer) flushFTS(ctx context.Context) error {
	if err := w.flushQueued(ctx); err != nil {
		return err
	}
	if len(w.ftsPending) == 0 && len(w.ftsStale) == 0 {
		return nil
	}
	for id := range w.ftsStale {
		if _, err := w.tx.ExecContext(ctx, "DELETE FROM works_fts WHERE rowid = ?", id); err != nil {
			return fmt.Errorf("full-text index: %w", err)
		}
	}
	if _, err := w.tx.ExecContext(ctx, "CREATE TEMP TABLE IF NOT EXISTS fts_pending (id INTEGER PRIMARY KEY)"); err != nil {
		return err
	}
	if _, err := w.tx.ExecContext(ctx, "DELETE FROM temp.fts_pending"); err != nil {
		return err
	}
	ids := make([]any, 0, len(w.ftsPending))
	for id := range w.ftsPending {
		ids = append(ids, id)
	}
	if err := w.insertRows(ctx, "INSERT", "temp.fts_pending", "id", 1, ids); err != nil {
		return err
	}
	_, err := w.tx.ExecContext(ctx, `INSERT INTO works_fts (rowid, title, abstract, keywords, authors)
		SELECT w.id, w.title, w.abstract,
		       (SELECT group_concat(k.term, ' ; ') FROM work_keywords wk JOIN keywords k ON k.id = wk.keyword_id WHERE wk.work_id = w.id),
		       (SELECT group_concat(COALESCE(a.family || COALESCE(', ' || a.given, ''), a.literal), ' ; ')
		          FROM authorships s JOIN authors a ON a.id = s.author_id WHERE s.work_id = w.id AND s.role = 'author')
		  FROM temp.fts_pending p JOIN works w ON w.id = p.id`)
	if err != nil {
		return fmt.Errorf("full-text index: %w", err)
	}
	w.ftsPending, w.ftsStale, w.ftsDeleted = map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	_, err = w.tx.ExecContext(ctx, "DELETE FROM temp.fts_pending")
	return err
}

// keywordKey is what a keyword row is unique by: its vocabulary and the
// key of its term.
type keywordKey struct{ vocabulary, term string }

func keywordKeyOf(k bib.Keyword) keywordKey {
	vocab := k.Vocabulary
	if vocab == "" {
		vocab = bib.VocabAuthor
	}
	key := bib.Key(k.Term)
	if key == "" {
		key = strings.ToLower(k.Term)
	}
	return keywordKey{vocab, key}
}

// partKeys are the keys of a work's authors, affiliations and keywords,
// made ahead of the writer for the work a record starts, on the goroutine
// that reads and prepares the records (see derive): folding names is
// work the writer, which an import waits for, need not do. A nil
// *partKeys has none, and the writer makes each key itself.
type partKeys struct {
	people       []string          // NameKey of the authors, then the editors, then the translators
	affiliations map[string]string // bib.Key of each affiliation, of a person or of the record
	keywords     []keywordKey      // of each keyword
}

// makePartKeys makes the keys of rec's parts in the order writeParts
// uses them.
func makePartKeys(rec *bib.Record) *partKeys {
	k := &partKeys{affiliations: map[string]string{}}
	for _, people := range [][]bib.Person{rec.Authors, rec.Editors, rec.Translators} {
		for _, p := range people {
			k.people = append(k.people, NameKey(p))
		}
	}
	for _, p := range rec.Authors {
		for _, a := range p.Affiliations {
			k.affiliations[a] = bib.Key(a)
		}
	}
	for _, a := range rec.Affiliations {
		k.affiliations[a] = bib.Key(a)
	}
	for _, kw := range rec.Keywords {
		k.keywords = append(k.keywords, keywordKeyOf(kw))
	}
	return k
}

func (k *partKeys) person(i int) string {
	if k == nil {
		return ""
	}
	return k.people[i]
}

func (k *partKeys) affiliation(name string) (string, bool) {
	if k == nil {
		return "", false
	}
	key, ok := k.affiliations[name]
	return key, ok
}

func (k *partKeys) keyword(i int) (keywordKey, bool) {
	if k == nil {
		return keywordKey{}, false
	}
	return k.keywords[i], true
}

// NameKey is the key authors are stored under: folded family and given
// names, or "#" and the folded name of a group.
func NameKey(p bib.Person) string {
	if p.Literal != "" {
		return "#" + bib.Key(p.Literal)
	}
	return bib.Key(p.FamilyName()) + "|" + bib.Key(p.Given)
}

// author returns the id of a person's author row, adding it when it is
// new; key is NameKey(p), or "" to make it here.
func (w *writer) author(ctx context.Context, p bib.Person, key string) (int64, error) {
	if key == "" {
		key = NameKey(p)
	}
	id, ok := w.authors[key]
	if !ok {
		var family, given, initials, literal any
		if p.Literal != "" {
			literal = p.Literal
		} else {
			family, given, initials = nullString(p.FamilyName()), nullString(p.Given), nullString(p.Initials())
		}
		var err error
		id, err = w.insertOrFind(ctx, `INSERT OR IGNORE INTO authors (family, given, initials, literal, orcid, name_key) VALUES (?, ?, ?, ?, ?, ?)`,
			[]any{family, given, initials, literal, nullString(p.ORCID), key}, "SELECT id FROM authors WHERE name_key = ?", key)
		if err != nil {
			return 0, err
		}
		w.authors[key] = id
		if p.ORCID == "" {
			return id, nil
		}
	}
	if p.ORCID != "" {
		if _, err := w.exec(ctx, "UPDATE authors SET orcid = ? WHERE id = ? AND orcid IS NULL", p.ORCID, id); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// affiliation returns the id of an affiliation, adding it when it is new;
// 0 for a name with no letters or digits.
func (w *writer) affiliation(ctx context.Context, name string, keys *partKeys) (int64, error) {
	key, ok := keys.affiliation(name)
	if !ok {
		key = bib.Key(name)
	}
	if key == "" {
		return 0, nil
	}
	if id, ok := w.affiliations[key]; ok {
		return id, nil
	}
	id, err := w.insertOrFind(ctx, "INSERT OR IGNORE INTO affiliations (name, name_key) VALUES (?, ?)", []any{name, key},
		"SELECT id FROM affiliations WHERE name_key = ?", key)
	if err != nil {
		return 0, err
	}
	w.affiliations[key] = id
	return id, nil
}

// keyword returns the id of a keyword's row, adding it when it is new; ck
// is keywordKeyOf(k) when known is true, and is made here otherwise.
func (w *writer) keyword(ctx context.Context, k bib.Keyword, ck keywordKey, known bool) (int64, error) {
	if !known {
		ck = keywordKeyOf(k)
	}
	if id, ok := w.keywords[ck]; ok {
		if k.UI != "" && w.keywordNoUI[id] {
			// A keyword of the library the cache was filled with, as
			// though this import had found it by the query below.
			delete(w.keywordNoUI, id)
			if _, err := w.exec(ctx, "UPDATE keywords SET ui = ? WHERE id = ? AND ui IS NULL", k.UI, id); err != nil {
				return 0, err
			}
		}
		return id, nil
	}
	id, err := w.insertOrFind(ctx, "INSERT OR IGNORE INTO keywords (term, vocabulary, term_key, ui) VALUES (?, ?, ?, ?)",
		[]any{k.Term, ck.vocabulary, ck.term, nullString(k.UI)}, "SELECT id FROM keywords WHERE vocabulary = ? AND term_key = ?", ck.vocabulary, ck.term)
	if err != nil {
		return 0, err
	}
	if k.UI != "" {
		if _, err := w.exec(ctx, "UPDATE keywords SET ui = ? WHERE id = ? AND ui IS NULL", k.UI, id); err != nil {
			return 0, err
		}
	}
	w.keywords[ck] = id
	return id, nil
}

// isPeriodical reports whether a work's container is a journal (rather
// than a book or proceedings).
func isPeriodical(typ string) bool {
	switch typ {
	case "article-journal", "article", "article-magazine", "article-newspaper", "review", "review-book", "":
		return true
	}
	return false
}

// journal finds or creates the journal of a record: by any of its ISSNs,
// then by full title, then by abbreviation. It fills in what the journal
// row lacks (title, abbreviation, ISSNs). Records that are not periodical
// articles, or name no journal, have none (0).
func (w *writer) journal(ctx context.Context, rec *bib.Record) (int64, error) {
	// A journal is where periodical articles appear; a conference paper or
	// report with an ISSN appeared in a serial too (a journal supplement).
	serial := isPeriodical(rec.Type) || len(rec.ISSNs) > 0 && rec.Type != "chapter" && rec.Type != "book"
	if !serial {
		return 0, nil
	}
	if rec.Container == "" && rec.ContainerAbbrev == "" {
		return 0, nil // ISSNs alone do not name a journal
	}
	titleKey, abbrKey := bib.Key(rec.Container), bib.Key(rec.ContainerAbbrev)
	var id int64
	var err error
	for _, s := range rec.ISSNs {
		if id, err = w.journalBy(ctx, w.journalISSN, s.Value, "SELECT journal_id FROM journal_issns WHERE issn = ?"); id != 0 || err != nil {
			break
		}
	}
	if id == 0 && err == nil && titleKey != "" {
		id, err = w.journalBy(ctx, w.journalTitle, titleKey, "SELECT id FROM journals WHERE title_key = ? ORDER BY id LIMIT 1")
		if id == 0 && err == nil {
			// a container written as the abbreviation
			id, err = w.journalBy(ctx, w.journalAbbr, titleKey, "SELECT id FROM journals WHERE abbrev_key = ? ORDER BY id LIMIT 1")
		}
	}
	if id == 0 && err == nil && abbrKey != "" {
		id, err = w.journalBy(ctx, w.journalAbbr, abbrKey, "SELECT id FROM journals WHERE abbrev_key = ? ORDER BY id LIMIT 1")
	}
	if err != nil {
		return 0, err
	}
	if id == 0 {
		id, err = w.insertID(ctx, "INSERT INTO journals (title, abbreviation, title_key, abbrev_key) VALUES (?, ?, ?, ?)",
			nullString(rec.Container), nullString(rec.ContainerAbbrev), nullString(titleKey), nullString(abbrKey))
		if err != nil {
			return 0, err
		}
		w.journalHas[id] = journalState{fullTitle: rec.Container != "" && titleKey != abbrKey, abbrev: abbrKey != "",
			capitals: bib.MostlyUpper(rec.Container)}
	} else if st, ok := w.journalHas[id]; !ok || (!st.fullTitle && rec.Container != "" && titleKey != abbrKey) || (!st.abbrev && abbrKey != "") ||
		(st.capitals && rec.Container != "" && !bib.MostlyUpper(rec.Container)) {
		// Fill what the journal lacks. A full title replaces one that is
		// only the abbreviation; the same title in mixed case replaces
		// one in capitals (Web of Science writes every title so).
		if st.fullTitle || (rec.Container != "" && titleKey != abbrKey) {
			st.fullTitle = true
		}
		st.abbrev = st.abbrev || abbrKey != ""
		mixed := rec.Container != "" && !bib.MostlyUpper(rec.Container)
		if mixed {
			st.capitals = false
		}
		w.journalHas[id] = st
		if _, err := w.exec(ctx, `UPDATE journals SET
			title = CASE WHEN title IS NULL OR (title_key = abbrev_key AND ?2 <> '' AND length(?2) > length(title))
				OR (?6 AND title_key = ?3 AND title = upper(title)) THEN ?2 ELSE title END,
			title_key = CASE WHEN title IS NULL OR (title_key = abbrev_key AND ?2 <> '' AND length(?2) > length(title)) THEN ?3 ELSE title_key END,
			abbreviation = COALESCE(abbreviation, ?4), abbrev_key = COALESCE(abbrev_key, ?5)
			WHERE id = ?1`, id, rec.Container, nullString(titleKey), nullString(rec.ContainerAbbrev), nullString(abbrKey), mixed); err != nil {
			return 0, err
		}
	}
	if titleKey != "" {
		w.journalTitle[titleKey] = id
	}
	if abbrKey != "" {
		w.journalAbbr[abbrKey] = id
	}
	for _, s := range rec.ISSNs {
		if _, ok := w.journalISSN[s.Value]; ok {
			continue
		}
		if _, err := w.exec(ctx, "INSERT OR IGNORE INTO journal_issns (issn, journal_id, kind) VALUES (?, ?, ?)", s.Value, id, nullString(s.Kind)); err != nil {
			return 0, err
		}
		w.journalISSN[strings.Clone(s.Value)] = id // not a part of the record's raw text, which it would keep
	}
	return id, nil
}

func (w *writer) journalBy(ctx context.Context, cache map[string]int64, key, query string) (int64, error) {
	if id, ok := cache[key]; ok {
		return id, nil
	}
	id, err := w.lookup(ctx, query, key)
	if err == nil && id != 0 {
		cache[key] = id
	}
	return id, err
}
