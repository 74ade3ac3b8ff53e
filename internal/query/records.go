package query

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// RecordRow is one imported record as `bibdb records` lists it.
type RecordRow struct {
	File        string  `db:"file" json:"file"`
	Position    int     `db:"position" json:"position"`
	SourceID    *string `db:"source_id" json:"source_id"`
	WorkID      int64   `db:"work_id" json:"work_id"`
	Title       *string `db:"title" json:"title"`
	RecordID    int64   `db:"record_id" json:"record_id"`
	ImportID    int64   `db:"import_id" json:"import_id"`
	Line        int     `db:"line" json:"line"`
	Database    *string `db:"database" json:"database"`
	MatchReason string  `db:"match_reason" json:"match_reason"`
}

// RecordColumns are the columns of RecordRow in output order.
var RecordColumns = []string{"file", "position", "source_id", "work_id", "title", "record_id", "import_id", "line", "database", "match_reason"}

// EachRecord calls fn for every record, in import order and file order,
// without holding them all.
func EachRecord(ctx context.Context, db *sqlx.DB, fn func(*RecordRow) error) error {
	rows, err := db.QueryxContext(ctx, `SELECT i.path AS file, r.position, r.source_id, r.work_id, r.title, r.id AS record_id,
		r.import_id, r.line, r.database, r.match_reason FROM records r JOIN imports i ON i.id = r.import_id ORDER BY r.import_id, r.position`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var r RecordRow
	for rows.Next() {
		r = RecordRow{}
		if err := rows.StructScan(&r); err != nil {
			return err
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Values returns the row's values in RecordColumns order.
func (r *RecordRow) Values() []any {
	return []any{r.File, r.Position, deref(r.SourceID), r.WorkID, deref(r.Title), r.RecordID, r.ImportID, r.Line, deref(r.Database), r.MatchReason}
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}
