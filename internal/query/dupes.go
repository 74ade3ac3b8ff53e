package query

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// ClusterRecord is one record of a work that holds several.
type ClusterRecord struct {
	WorkID        int64   `db:"work_id" json:"work_id"`
	RecordID      int64   `db:"record_id" json:"record_id"`
	File          string  `db:"file" json:"file"`
	Position      int     `db:"position" json:"position"`
	Database      *string `db:"database" json:"database"`
	SourceID      *string `db:"source_id" json:"source_id"`
	Year          *int    `db:"year" json:"year"`
	Title         *string `db:"title" json:"title"`
	MatchedRecord *int64  `db:"matched_record_id" json:"matched_record_id"`
	Reason        string  `db:"match_reason" json:"reason"`
}

// ClusterColumns are the columns of ClusterRecord in output order.
var ClusterColumns = []string{"work_id", "record_id", "file", "position", "database", "source_id", "year", "title", "matched_record_id", "reason"}

// Values returns the row's values in ClusterColumns order.
func (c *ClusterRecord) Values() []any {
	return []any{c.WorkID, c.RecordID, c.File, c.Position, deref(c.Database), deref(c.SourceID), deref(c.Year), deref(c.Title), deref(c.MatchedRecord), c.Reason}
}

// EachClusterRecord calls fn for every record of every work made of more
// than one record, work by work, each work's records in import order.
func EachClusterRecord(ctx context.Context, db *sqlx.DB, fn func(*ClusterRecord) error) error {
	rows, err := db.QueryxContext(ctx, `SELECT r.work_id, r.id AS record_id, i.path AS file, r.position, r.database, r.source_id,
		r.year, r.title, r.matched_record_id, r.match_reason
		FROM records r JOIN imports i ON i.id = r.import_id JOIN works w ON w.id = r.work_id
		WHERE w.records > 1 ORDER BY r.work_id, r.import_id, r.position`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c ClusterRecord
		if err := rows.StructScan(&c); err != nil {
			return err
		}
		if err := fn(&c); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ReviewSide is one record of a pair waiting for review.
type ReviewSide struct {
	RecordID int64   `json:"record_id"`
	WorkID   int64   `json:"work_id"`
	File     string  `json:"file"`
	Position int     `json:"position"`
	Database *string `json:"database"`
	Year     *int    `json:"year"`
	Authors  *string `json:"authors"`
	Title    *string `json:"title"`
	Journal  *string `json:"journal"`
	Volume   *string `json:"volume"`
	Pages    *string `json:"pages"`
	DOI      *string `json:"doi"`
}

// ReviewPair is a pair of records neither clearly the same nor clearly
// different.
type ReviewPair struct {
	Score  float64    `json:"score"`
	Reason string     `json:"reason"`
	A      ReviewSide `json:"a"`
	B      ReviewSide `json:"b"`
}

// Review returns the pairs waiting for a decision, most likely the same
// first: pairs whose records are still in different works and that no
// person has judged.
func Review(ctx context.Context, db *sqlx.DB, limit int) ([]ReviewPair, error) {
	q := `SELECT p.score, p.reason,
		a.id, a.work_id, ia.path, a.position, a.database, a.year,
		json_extract(a.data, '$.authors[0].family'), a.title,
		COALESCE(json_extract(a.data, '$.container'), json_extract(a.data, '$.container_abbrev')),
		json_extract(a.data, '$.volume'),
		json_extract(a.data, '$.first_page') || COALESCE('-' || json_extract(a.data, '$.last_page'), ''), a.doi,
		b.id, b.work_id, ib.path, b.position, b.database, b.year,
		json_extract(b.data, '$.authors[0].family'), b.title,
		COALESCE(json_extract(b.data, '$.container'), json_extract(b.data, '$.container_abbrev')),
		json_extract(b.data, '$.volume'),
		json_extract(b.data, '$.first_page') || COALESCE('-' || json_extract(b.data, '$.last_page'), ''), b.doi
		FROM review_pairs p
		JOIN records a ON a.id = p.record_a JOIN imports ia ON ia.id = a.import_id
		JOIN records b ON b.id = p.record_b JOIN imports ib ON ib.id = b.import_id
		WHERE a.work_id <> b.work_id
		  AND NOT EXISTS (SELECT 1 FROM dedup_decisions d
		        WHERE (d.record_a = ia.sha256 || ':' || a.position AND d.record_b = ib.sha256 || ':' || b.position)
		           OR (d.record_b = ia.sha256 || ':' || a.position AND d.record_a = ib.sha256 || ':' || b.position))
		ORDER BY p.score DESC, p.record_a, p.record_b`
	if limit > 0 {
		q += " LIMIT ?"
	}
	args := []any{}
	if limit > 0 {
		args = append(args, limit)
	}
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ReviewPair
	for rows.Next() {
		var p ReviewPair
		if err := rows.Scan(&p.Score, &p.Reason,
			&p.A.RecordID, &p.A.WorkID, &p.A.File, &p.A.Position, &p.A.Database, &p.A.Year, &p.A.Authors, &p.A.Title, &p.A.Journal, &p.A.Volume, &p.A.Pages, &p.A.DOI,
			&p.B.RecordID, &p.B.WorkID, &p.B.File, &p.B.Position, &p.B.Database, &p.B.Year, &p.B.Authors, &p.B.Title, &p.B.Journal, &p.B.Volume, &p.B.Pages, &p.B.DOI); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
