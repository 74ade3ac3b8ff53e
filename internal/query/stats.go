package query

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// Stats are the counts a PRISMA 2020 flow diagram asks for at the
// identification stage.
type Stats struct {
	Identified          int         `json:"records_identified"`
	ByDatabase          []Count     `json:"by_database"`
	ByFile              []FileCount `json:"by_file"`
	DuplicatesRemoved   int         `json:"duplicates_removed"`
	AwaitingReview      int         `json:"records_awaiting_review"`
	PairsAwaitingReview int         `json:"pairs_awaiting_review"`
	UniqueWorks         int         `json:"unique_works"`
	Unreadable          int         `json:"records_unreadable"`
	// OtherRules is set when the works were built by other deduplication
	// rules than this bibdb's (see store.DB.RulesOfWorks).
	OtherRules bool `json:"works_built_by_other_rules,omitempty"`
}

// Count is a number of records under a name.
type Count struct {
	Name    string `db:"name" json:"name"`
	Records int    `db:"records" json:"records"`
}

// FileCount is an imported file with its counts.
type FileCount struct {
	File          string  `db:"file" json:"file"`
	Source        *string `db:"source" json:"source"`
	Format        string  `db:"format" json:"format"`
	Records       int     `db:"records" json:"records"`
	WorksCreated  int     `db:"works_created" json:"works_created"`
	RecordsJoined int     `db:"records_joined" json:"records_joined"`
	Unreadable    int     `db:"errors" json:"unreadable"`
	ImportedAt    string  `db:"imported_at" json:"imported_at"`
}

// GetStats counts records, duplicates and works.
func GetStats(ctx context.Context, db *sqlx.DB) (*Stats, error) {
	s := &Stats{ByDatabase: []Count{}, ByFile: []FileCount{}}
	if err := db.GetContext(ctx, &s.Identified, "SELECT count(*) FROM records"); err != nil {
		return nil, err
	}
	if err := db.GetContext(ctx, &s.UniqueWorks, "SELECT count(*) FROM works"); err != nil {
		return nil, err
	}
	s.DuplicatesRemoved = s.Identified - s.UniqueWorks
	// Counted per file and database first, which the index
	// records_import_database answers without reading the records.
	if err := db.SelectContext(ctx, &s.ByDatabase, `SELECT COALESCE(r.database, i.source, 'unknown') AS name, sum(r.n) AS records
		FROM (SELECT import_id, database, count(*) AS n FROM records GROUP BY import_id, database) r
		JOIN imports i ON i.id = r.import_id GROUP BY 1 ORDER BY 2 DESC, 1`); err != nil {
		return nil, err
	}
	if err := db.SelectContext(ctx, &s.ByFile, `SELECT path AS file, source, format, records, works_created, records_joined, errors, imported_at
		FROM imports ORDER BY id`); err != nil {
		return nil, err
	}
	for _, f := range s.ByFile {
		s.Unreadable += f.Unreadable
	}
	const open = `FROM review_pairs p JOIN records a ON a.id = p.record_a JOIN records b ON b.id = p.record_b
		JOIN imports ia ON ia.id = a.import_id JOIN imports ib ON ib.id = b.import_id
		WHERE a.work_id <> b.work_id AND NOT EXISTS (SELECT 1 FROM dedup_decisions d
		        WHERE (d.record_a = ia.sha256 || ':' || a.position AND d.record_b = ib.sha256 || ':' || b.position)
		           OR (d.record_b = ia.sha256 || ':' || a.position AND d.record_a = ib.sha256 || ':' || b.position))`
	if err := db.GetContext(ctx, &s.PairsAwaitingReview, "SELECT count(*) "+open); err != nil {
		return nil, err
	}
	if err := db.GetContext(ctx, &s.AwaitingReview, "SELECT count(*) FROM (SELECT p.record_a AS id "+open+" UNION SELECT p.record_b "+open+")"); err != nil {
		return nil, err
	}
	return s, nil
}
