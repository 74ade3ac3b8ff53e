package query

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
)

// Work is one work in full, with where it came from.
type Work struct {
	ID            int64        `db:"id" json:"id"`
	Type          string       `db:"type" json:"type"`
	Title         *string      `db:"title" json:"title"`
	Year          *int         `db:"year" json:"year"`
	Date          *string      `db:"date" json:"date"`
	Container     *string      `db:"container" json:"container"`
	Volume        *string      `db:"volume" json:"volume"`
	Issue         *string      `db:"issue" json:"issue"`
	FirstPage     *string      `db:"first_page" json:"first_page"`
	LastPage      *string      `db:"last_page" json:"last_page"`
	ArticleNumber *string      `db:"article_number" json:"article_number"`
	Abstract      *string      `db:"abstract" json:"abstract"`
	Language      *string      `db:"language" json:"language"`
	Publisher     *string      `db:"publisher" json:"publisher"`
	Journal       *Journal     `db:"-" json:"journal,omitempty"`
	Authors       []Author     `db:"-" json:"authors"`
	Editors       []Author     `db:"-" json:"editors,omitempty"`
	Translators   []Author     `db:"-" json:"translators,omitempty"`
	Affiliations  []string     `db:"-" json:"affiliations,omitempty"` // the work's, not tied to an author
	Identifiers   []Identifier `db:"-" json:"identifiers"`
	Keywords      []Keyword    `db:"-" json:"keywords"`
	Records       []Record     `db:"-" json:"records"`
}

// Journal is a work's journal.
type Journal struct {
	ID           int64    `db:"id" json:"id"`
	Title        *string  `db:"title" json:"title"`
	Abbreviation *string  `db:"abbreviation" json:"abbreviation"`
	ISSNs        []string `db:"-" json:"issns"`
}

// Author is one name on a work.
type Author struct {
	Position     int      `db:"position" json:"position"`
	AuthorID     int64    `db:"author_id" json:"author_id"`
	Family       *string  `db:"family" json:"family"`
	Given        *string  `db:"given" json:"given"`
	Literal      *string  `db:"literal" json:"literal"`
	ORCID        *string  `db:"orcid" json:"orcid"`
	Written      string   `db:"name" json:"written"`
	Affiliations []string `db:"-" json:"affiliations,omitempty"`
}

// Identifier is one identifier of a work.
type Identifier struct {
	Scheme string `db:"scheme" json:"scheme"`
	Value  string `db:"value" json:"value"`
}

// Keyword is one subject term of a work.
type Keyword struct {
	Term       string `db:"term" json:"term"`
	Vocabulary string `db:"vocabulary" json:"vocabulary"`
	Qualifier  string `db:"qualifier" json:"qualifier,omitempty"`
	Major      bool   `db:"major" json:"major,omitempty"`
}

// Record is one imported record with the file it came from.
type Record struct {
	ID          int64   `db:"id" json:"id"`
	File        string  `db:"file" json:"file"`
	ImportID    int64   `db:"import_id" json:"import_id"`
	Position    int     `db:"position" json:"position"`
	Line        int     `db:"line" json:"line"`
	SourceID    *string `db:"source_id" json:"source_id"`
	Database    *string `db:"database" json:"database"`
	Format      string  `db:"format" json:"format"`
	Title       *string `db:"title" json:"title"`
	MatchReason string  `db:"match_reason" json:"match_reason"`
}

// ErrNoWork is returned by Show for an id that is no work.
var ErrNoWork = errors.New("no such work")

// Show returns a work in full.
func Show(ctx context.Context, db *sqlx.DB, id int64) (*Work, error) {
	w := &Work{}
	err := db.GetContext(ctx, w, `SELECT id, type, title, year, date, container, volume, issue, first_page, last_page,
		article_number, abstract, language, publisher FROM works WHERE id = ?`, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("work %d: %w", id, ErrNoWork)
	}
	if err != nil {
		return nil, fmt.Errorf("work %d: %w", id, err)
	}
	var j Journal
	err = db.GetContext(ctx, &j, "SELECT j.id, j.title, j.abbreviation FROM journals j JOIN works w ON w.journal_id = j.id WHERE w.id = ?", id)
	switch {
	case err == nil:
		if err := db.SelectContext(ctx, &j.ISSNs, "SELECT issn FROM journal_issns WHERE journal_id = ? ORDER BY kind, issn", j.ID); err != nil {
			return nil, err
		}
		w.Journal = &j
	case !errors.Is(err, sql.ErrNoRows):
		return nil, err
	}
	for _, role := range []string{"author", "editor", "translator"} {
		var people []Author
		if err := db.SelectContext(ctx, &people, `SELECT s.position, s.author_id, a.family, a.given, a.literal, a.orcid, s.name
			FROM authorships s JOIN authors a ON a.id = s.author_id WHERE s.work_id = ? AND s.role = ? ORDER BY s.position`, id, role); err != nil {
			return nil, err
		}
		switch role {
		case "author":
			w.Authors = people
		case "editor":
			w.Editors = people
		default:
			w.Translators = people
		}
	}
	var links []struct {
		Position *int   `db:"author_position"`
		Name     string `db:"name"`
	}
	if err := db.SelectContext(ctx, &links, `SELECT l.author_position, f.name FROM authorship_affiliations l
		JOIN affiliations f ON f.id = l.affiliation_id WHERE l.work_id = ? ORDER BY l.rowid`, id); err != nil {
		return nil, err
	}
	for _, l := range links {
		if l.Position == nil {
			w.Affiliations = append(w.Affiliations, l.Name)
			continue
		}
		for i := range w.Authors {
			if w.Authors[i].Position == *l.Position {
				w.Authors[i].Affiliations = append(w.Authors[i].Affiliations, l.Name)
			}
		}
	}
	if err := db.SelectContext(ctx, &w.Identifiers, "SELECT scheme, value FROM identifiers WHERE work_id = ? ORDER BY scheme, value", id); err != nil {
		return nil, err
	}
	if err := db.SelectContext(ctx, &w.Keywords, `SELECT k.term, k.vocabulary, wk.qualifier, wk.major FROM work_keywords wk
		JOIN keywords k ON k.id = wk.keyword_id WHERE wk.work_id = ? ORDER BY k.vocabulary, k.term, wk.qualifier`, id); err != nil {
		return nil, err
	}
	if err := db.SelectContext(ctx, &w.Records, `SELECT r.id, i.path AS file, r.import_id, r.position, r.line, r.source_id, r.database,
		i.format, r.title, r.match_reason FROM records r JOIN imports i ON i.id = r.import_id WHERE r.work_id = ? ORDER BY r.id`, id); err != nil {
		return nil, err
	}
	return w, nil
}
