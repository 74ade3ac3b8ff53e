package query

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"

	"github.com/bibdb/bibdb/internal/bib"
)

// WorkRecord returns a work as one bibliographic record, built from its
// records by the rule that built the work (bib.Merge): the best value of
// each field and the union of identifiers, keywords and affiliations. Its
// SourceID is the work id and its Database the databases its records came
// from, joined by "; ".
func WorkRecord(ctx context.Context, db *sqlx.DB, id int64) (*bib.Record, error) {
	var rows []struct {
		Data     string  `db:"data"`
		Database *string `db:"database"`
	}
	if err := db.SelectContext(ctx, &rows, "SELECT data, database FROM records WHERE work_id = ? ORDER BY id", id); err != nil {
		return nil, fmt.Errorf("work %d: %w", id, err)
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("work %d: %w", id, ErrNoWork)
	}
	recs := make([]*bib.Record, len(rows))
	var dbs []string
	for i, r := range rows {
		rec, err := bib.DecodeJSON([]byte(r.Data))
		if err != nil {
			return nil, fmt.Errorf("work %d: %w", id, err)
		}
		recs[i] = rec
		if r.Database != nil && !contains(dbs, *r.Database) {
			dbs = append(dbs, *r.Database)
		}
	}
	w := bib.Merge(recs)
	w.SourceID = strconv.FormatInt(id, 10)
	w.Database = strings.Join(dbs, "; ")
	return w, nil
}

// EachWorkRecord calls fn with every work that matches f as a record, one
// at a time.
func EachWorkRecord(ctx context.Context, db *sqlx.DB, f Filter, fn func(*bib.Record) error) error {
	ids, err := WorkIDs(ctx, db, f)
	if err != nil {
		return err
	}
	for _, id := range ids {
		rec, err := WorkRecord(ctx, db, id)
		if err != nil {
			return err
		}
		if err := fn(rec); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
