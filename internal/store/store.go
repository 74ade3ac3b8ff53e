// Package store keeps bibdb's library in one SQLite file: it opens the
// database (applying the embedded migrations), imports files into it one
// transaction per file, and writes works from their records. Reading
// queries live in package query; deduplication rules in package dedup.
package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"

	"github.com/jmoiron/sqlx"
	"github.com/pressly/goose/v3"
	"modernc.org/sqlite" // the pure-Go SQLite driver, registered as "sqlite"

	"github.com/bibdb/bibdb/migrations"
)

// DB is an open bibdb database.
type DB struct {
	*sqlx.DB
	Path     string
	readOnly bool
	keys     keyCache // the blocking-key filter the last import left
}

// dsn builds the connection string: every connection setting is in it, so
// every pooled connection gets the same ones.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	for _, p := range []string{"foreign_keys(1)", "busy_timeout(10000)", "synchronous(normal)", "temp_store(memory)", "cache_size(-65536)"} {
		q.Add("_pragma", p)
	}
	if readOnly {
		q.Add("mode", "ro")
		q.Add("_pragma", "query_only(1)")
	} else {
		q.Add("_pragma", "journal_mode(wal)")
	}
	q.Add("_txlock", "immediate")
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Open opens the database at path, creating it if needed, and brings its
// schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	if isNew(path) {
		if err := create(ctx, path); err != nil {
			return nil, fmt.Errorf("create %s: %w", path, err)
		}
	} else if err := checkLibrary(ctx, path); err != nil {
		return nil, err
	}
	db, err := sqlx.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1) // one writer; SQLite serialises writes anyway
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	d := &DB{DB: db, Path: path}
	// Indexes an import command left unbuilt, stopped between its files:
	// built now when the library can be had, or by a later command (the
	// answers of queries do not depend on them).
	d.BuildIndexes(ctx)
	return d, nil
}

// isNew reports whether the database at path is still to be made: there
// is no file, or an empty one (made by touch, or by another program that
// opened the path), which SQLite takes for an empty database but which has
// not yet got bibdb's page size.
func isNew(path string) bool {
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return true
	}
	if err != nil || fi.Size() != 0 {
		return false
	}
	wal, err := os.Stat(path + "-wal")
	return errors.Is(err, os.ErrNotExist) || err == nil && wal.Size() == 0
}

// ErrNotLibrary is the error for a file that is not a bibdb library: not
// an SQLite database, or the database of another program.
var ErrNotLibrary = errors.New("not a bibdb library")

// checkLibrary makes sure that the existing file at path is a bibdb
// library, or an empty database, before anything writes to it: opening
// applies bibdb's schema and turns on write-ahead logging, which must not
// happen to another program's database (Zotero's, say) given by mistake.
// It reads the file only.
func checkLibrary(ctx context.Context, path string) error {
	db, err := sqlx.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	var objects, goose int
	err = db.QueryRowContext(ctx, "SELECT count(*), count(*) FILTER (WHERE name = 'goose_db_version') FROM sqlite_master").Scan(&objects, &goose)
	var se *sqlite.Error
	switch {
	case errors.As(err, &se) && se.Code()&0xff == 26: // SQLITE_NOTADB
		return fmt.Errorf("%s is %w: the file is not an SQLite database", path, ErrNotLibrary)
	case err != nil:
		return fmt.Errorf("open %s: %w", path, err)
	case objects > 0 && goose == 0:
		return fmt.Errorf("%s is %w: it is the SQLite database of another program, which bibdb leaves as it is", path, ErrNotLibrary)
	}
	return nil
}

// pageSize is the page size of new databases: records hold a few kilobytes
// of text each, which 16 KiB pages store with less overflow than the
// default 4 KiB.
const pageSize = 16384

// create makes an empty database file with bibdb's page size. The page
// size must be set before the file is first written, and before it is
// switched to write-ahead logging.
func create(ctx context.Context, path string) error {
	db, err := sqlx.Open("sqlite", "file:"+(&url.URL{Path: path}).EscapedPath()+fmt.Sprintf("?_pragma=page_size(%d)", pageSize))
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "VACUUM")
	return err
}

// OpenReadOnly opens an existing database so that no statement can change
// it. The schema is brought up to date first (through a separate,
// writable connection) when it is older than this bibdb.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	if _, err := os.Stat(path); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no database at %s (import some files first, or give --db)", path)
		}
		return nil, err
	}
	rw, err := Open(ctx, path)
	if err != nil {
		return nil, err
	}
	rw.Close()
	db, err := sqlx.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &DB{DB: db, Path: path, readOnly: true}, nil
}

// migrate applies the embedded goose migrations that have not run yet.
func migrate(ctx context.Context, db *sqlx.DB) error {
	p, err := goose.NewProvider(goose.DialectSQLite3, db.DB, migrations.FS)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// Version returns the schema version.
func (d *DB) Version(ctx context.Context) (int64, error) {
	var v int64
	err := d.GetContext(ctx, &v, "SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied")
	return v, err
}

// IsBusy reports whether err is SQLite's refusal to wait any longer for a
// database another connection is writing to: a large import keeps the
// database to itself until it ends (see rollbackJournal).
func IsBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == 5 // SQLITE_BUSY and its extended codes
}
