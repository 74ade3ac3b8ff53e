package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/bibdb/bibdb/internal/query"
	"github.com/bibdb/bibdb/internal/store"
)

// openRead opens the database for reading only.
func (a *app) openRead(ctx context.Context) (*store.DB, error) {
	return store.OpenReadOnly(ctx, a.dbPath)
}

func (a *app) searchCommand() *cobra.Command {
	var f query.Filter
	var years, format string
	cmd := &cobra.Command{
		Use:   "search [TEXT] [--author A] [--year Y|Y1-Y2|Y1-] [--journal J] [--keyword K]",
		Short: "Find works by text, author, year, journal and keyword",
		Long: `Search lists the works that match every filter given.

TEXT is a full-text query over titles, abstracts, keywords and author names:
words, "quoted phrases", AND, OR, NOT, parentheses and prefix* (results are
ranked, best first). --author matches family names with optional initials or
given names ("Byng", "Byng R", "R Byng", "Byng, Richard", "Richard Byng"),
ignoring case and accents. --year takes a year or a range. --journal matches a journal's full
title, abbreviation or ISSN. --keyword matches author keywords and MeSH terms
(a trailing * matches a prefix).`,
		Example: `  bibdb search '"collaborative care" AND psychosis'
  bibdb search --author "Byng R" --year 2020-2023
  bibdb search --journal "Br J Psychiatry" --keyword "Mental Disorders"
  bibdb search 'depress* NOT adolescent*' --format csv > hits.csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(&format, "table", "json", "csv"); err != nil {
				return err
			}
			if len(args) == 1 {
				f.Text = args[0]
			}
			if err := checkText(f.Text); err != nil {
				return err
			}
			var err error
			if f.YearFrom, f.YearTo, err = query.ParseYears(years); err != nil {
				return usageError{err}
			}
			db, err := a.openRead(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			hits, err := query.Search(cmd.Context(), db.DB, f)
			if err != nil {
				return err
			}
			t := newTable(a.stdout, format, []string{"id", "year", "first_author", "title", "journal", "doi", "pmid", "records"}, a.cellLimit(60))
			for _, h := range hits {
				if err := t.row(h.ID, h.Year, h.FirstAuthor, h.Title, h.Journal, h.DOI, h.PMID, h.Records); err != nil {
					return err
				}
			}
			if err := t.close(); err != nil {
				return err
			}
			if format == "table" && a.isTTY(a.stdout) {
				fmt.Fprintf(a.stderr, "%s\n", plural(len(hits), "work"))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&f.Author, "author", "", "author name")
	cmd.Flags().StringVar(&years, "year", "", "year or range: 2020, 2020-2023, 2020-, -2019")
	cmd.Flags().StringVar(&f.Journal, "journal", "", "journal title, abbreviation or ISSN")
	cmd.Flags().StringVar(&f.Keyword, "keyword", "", "keyword or MeSH term")
	cmd.Flags().IntVar(&f.Limit, "limit", 0, "at most this many works (0: all)")
	cmd.Flags().StringVar(&format, "format", "table", "output: table, json, csv")
	return cmd
}

// checkText checks a text query before the database is opened: a query
// that cannot be read is a usage error.
func checkText(text string) error {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if _, err := query.FTSQuery(text); err != nil {
		return usageError{err}
	}
	return nil
}

func (a *app) showCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show a work in full, with the records it came from",
		Long: `Show prints a whole work: title, authors with their affiliations, journal,
volume, issue, pages, identifiers, keywords, abstract, and every record it was
built from (file, position, the record's own id, and why it belongs to the
work).`,
		Example: `  bibdb show 42
  bibdb show 42 --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(&format, "text", "json"); err != nil {
				return err
			}
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil || id <= 0 {
				return usagef("show: %q is not a work id (a number from the id column of search)", args[0])
			}
			db, err := a.openRead(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			w, err := query.Show(cmd.Context(), db.DB, id)
			if errors.Is(err, query.ErrNoWork) {
				return fmt.Errorf("no work %d in %s", id, a.dbPath)
			}
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(a.stdout, w)
			}
			return printWork(a.stdout, w)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output: text, json")
	return cmd
}

func printWork(out io.Writer, w *query.Work) error {
	p := func(label string, v any) {
		if s := cellText(v); s != "" {
			fmt.Fprintf(out, "%-13s %s\n", label+":", s)
		}
	}
	fmt.Fprintf(out, "Work %d (%s)\n", w.ID, w.Type)
	p("Title", w.Title)
	for i, au := range w.Authors {
		label := ""
		if i == 0 {
			label = "Authors:"
		}
		line := au.Written
		if au.ORCID != nil {
			line += " (ORCID " + *au.ORCID + ")"
		}
		fmt.Fprintf(out, "%-13s %d. %s\n", label, au.Position, line)
		for _, af := range au.Affiliations {
			fmt.Fprintf(out, "%-13s      %s\n", "", af)
		}
	}
	for i, ed := range w.Editors {
		label := ""
		if i == 0 {
			label = "Editors:"
		}
		fmt.Fprintf(out, "%-13s %d. %s\n", label, ed.Position, ed.Written)
	}
	for i, tr := range w.Translators {
		label := ""
		if i == 0 {
			label = "Translators:"
		}
		fmt.Fprintf(out, "%-13s %d. %s\n", label, tr.Position, tr.Written)
	}
	for i, af := range w.Affiliations {
		label := ""
		if i == 0 {
			label = "Affiliations:"
		}
		fmt.Fprintf(out, "%-13s %s\n", label, af)
	}
	if w.Journal != nil {
		j := cellText(w.Journal.Title)
		if ab := cellText(w.Journal.Abbreviation); ab != "" && ab != j {
			j += " (" + ab + ")"
		}
		if len(w.Journal.ISSNs) > 0 {
			j += " ISSN " + strings.Join(w.Journal.ISSNs, ", ")
		}
		p("Journal", j)
	} else {
		p("In", w.Container)
	}
	p("Year", w.Year)
	if d := cellText(w.Date); d != cellText(w.Year) {
		p("Date", d)
	}
	p("Volume", w.Volume)
	p("Issue", w.Issue)
	pages := cellText(w.FirstPage)
	if l := cellText(w.LastPage); l != "" {
		pages += "-" + l
	}
	p("Pages", pages)
	p("Article no.", w.ArticleNumber)
	p("Language", w.Language)
	p("Publisher", w.Publisher)
	for i, id := range w.Identifiers {
		label := ""
		if i == 0 {
			label = "Identifiers:"
		}
		fmt.Fprintf(out, "%-13s %s %s\n", label, id.Scheme, id.Value)
	}
	var kws []string
	for _, k := range w.Keywords {
		s := k.Term
		if k.Qualifier != "" {
			s += "/" + k.Qualifier
		}
		if k.Major {
			s = "*" + s
		}
		if k.Vocabulary != "author" {
			s += " [" + k.Vocabulary + "]"
		}
		kws = append(kws, s)
	}
	p("Keywords", strings.Join(kws, "; "))
	if a := cellText(w.Abstract); a != "" {
		fmt.Fprintf(out, "Abstract:\n%s\n", wrap(a, 100, "  "))
	}
	fmt.Fprintf(out, "Records (%d):\n", len(w.Records))
	for _, r := range w.Records {
		src := ""
		if id := cellText(r.SourceID); id != "" {
			src = " id " + id
		}
		db := ""
		if d := cellText(r.Database); d != "" {
			db = " [" + d + "]"
		}
		fmt.Fprintf(out, "  record %d: %s record %d (line %d, %s)%s%s: %s\n", r.ID, r.File, r.Position, r.Line, r.Format, src, db, r.MatchReason)
	}
	return nil
}

// wrap breaks text into lines of at most width characters, indented.
func wrap(s string, width int, indent string) string {
	var b strings.Builder
	line := 0
	for i, w := range strings.Fields(s) {
		if i > 0 && line+1+len([]rune(w)) > width {
			b.WriteString("\n")
			line = 0
		}
		if line == 0 {
			b.WriteString(indent)
		} else {
			b.WriteByte(' ')
			line++
		}
		b.WriteString(w)
		line += len([]rune(w))
	}
	return b.String()
}

func (a *app) sqlCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "sql [--format table|csv|json] QUERY",
		Short: "Run a read-only SQL query",
		Long: `Sql runs one SQL statement against the database and prints its rows. The
database is opened read-only: a statement that would change it is refused
with an error and nothing is changed. The tables are described in the
README; work_summary is a good view to start from.`,
		Example: `  bibdb sql "SELECT year, count(*) FROM works GROUP BY year ORDER BY year"
  bibdb sql "SELECT j.title, count(*) FROM works w JOIN journals j ON j.id = w.journal_id GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
  bibdb sql --format csv "SELECT * FROM work_summary" > works.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(&format, "table", "json", "csv"); err != nil {
				return err
			}
			db, err := a.openRead(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			rows, err := query.SQL(cmd.Context(), db.DB, args[0])
			if err != nil {
				return err
			}
			t := newTable(a.stdout, format, rows.Columns, a.cellLimit(80))
			for _, r := range rows.Values {
				if err := t.row(r...); err != nil {
					return err
				}
			}
			return t.close()
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output: table, json, csv")
	return cmd
}

func (a *app) recordsCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "records [--format table|csv|json]",
		Short: "List every imported record with the work it belongs to",
		Long: `Records prints one row per imported record: the file, its 1-based position
in the file, its own id (source_id), the work it belongs to (work_id), its
title, and why it is in that work.`,
		Example: `  bibdb records --format csv > records.csv`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(&format, "table", "json", "csv"); err != nil {
				return err
			}
			db, err := a.openRead(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			t := newTable(a.stdout, format, query.RecordColumns, a.cellLimit(60))
			if err := query.EachRecord(cmd.Context(), db.DB, func(r *query.RecordRow) error { return t.row(r.Values()...) }); err != nil {
				return err
			}
			return t.close()
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output: table, json, csv")
	return cmd
}
