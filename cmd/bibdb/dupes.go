package main

import (
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/bibdb/bibdb/internal/query"
	"github.com/bibdb/bibdb/internal/store"
)

func (a *app) dupesCommand() *cobra.Command {
	var format string
	var review bool
	var limit int
	cmd := &cobra.Command{
		Use:   "dupes [--review] [--format table|json|csv]",
		Short: "List the merged duplicates with the reason for each merge, or the pairs waiting for review",
		Long: `Dupes lists every work built from more than one record: its records, and for
each record the one it was found to duplicate and why ("doi equal", "title
0.97, authors 4/4, year, volume, pages equal").

With --review it lists the pairs of records that are neither clearly the same
nor clearly different, most likely first, side by side. They are not merged.
Decide each with "bibdb dupes merge A B" (the same work) or "bibdb dupes split
A B" (different works), where A and B are record ids. Decisions are kept
across later imports and rebuilds.`,
		Example: `  bibdb dupes
  bibdb dupes --format csv > merges.csv
  bibdb dupes --review
  bibdb dupes merge 17 203
  bibdb dupes split 17 203`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(&format, "table", "json", "csv"); err != nil {
				return err
			}
			db, err := a.openRead(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			if review {
				pairs, err := query.Review(cmd.Context(), db.DB, limit)
				if err != nil {
					return err
				}
				return printReview(a.stdout, format, pairs)
			}
			var last int64 = -1
			n := 0
			// newWork counts the works and says when the limit is reached.
			newWork := func(c *query.ClusterRecord) error {
				if c.WorkID == last {
					return nil
				}
				if limit > 0 && n == limit {
					return errStop
				}
				n++
				last = c.WorkID
				return nil
			}
			if format != "table" {
				t := newTable(a.stdout, format, query.ClusterColumns, 0)
				err := query.EachClusterRecord(cmd.Context(), db.DB, func(c *query.ClusterRecord) error {
					if err := newWork(c); err != nil {
						return err
					}
					return t.row(c.Values()...)
				})
				if err != nil && !errors.Is(err, errStop) {
					return err
				}
				return t.close()
			}
			err = query.EachClusterRecord(cmd.Context(), db.DB, func(c *query.ClusterRecord) error {
				if c.WorkID != last {
					if err := newWork(c); err != nil {
						return err
					}
					fmt.Fprintf(a.stdout, "\nWork %d\n", c.WorkID)
				}
				why := c.Reason
				if c.MatchedRecord != nil {
					why = fmt.Sprintf("%s (record %d)", c.Reason, *c.MatchedRecord)
				}
				fmt.Fprintf(a.stdout, "  record %-6d %s:%d %s %s | %s\n           %s\n", c.RecordID, c.File, c.Position,
					bracket(cellText(c.Database)), cellText(c.Year), clip(cellText(c.Title), a.cellLimit(90)), why)
				return nil
			})
			if err != nil && !errors.Is(err, errStop) {
				return err
			}
			if n == 0 {
				fmt.Fprintln(a.stdout, "No duplicates merged.")
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&review, "review", false, "list the uncertain pairs waiting for a decision")
	cmd.Flags().StringVar(&format, "format", "table", "output: table, json, csv")
	cmd.Flags().IntVar(&limit, "limit", 0, "at most this many works or pairs (0: all)")
	cmd.AddCommand(a.decideCommand("merge", store.VerdictSame, "Record that two records are the same work, and merge them"),
		a.decideCommand("split", store.VerdictDifferent, "Record that two records are different works, and separate them"))
	return cmd
}

var errStop = errors.New("stop")

func bracket(s string) string {
	if s == "" {
		return ""
	}
	return "[" + s + "]"
}

func (a *app) decideCommand(name, verdict, short string) *cobra.Command {
	return &cobra.Command{
		Use:   name + " RECORD RECORD",
		Short: short,
		Long: short + `. RECORD is a record id, as "bibdb dupes", "bibdb dupes --review"
and "bibdb records" show them. The decision is kept: the records of both works
are placed again now, and every later import and rebuild follows it.`,
		Example: "  bibdb dupes " + name + " 17 203",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			var ids [2]int64
			for i, s := range args {
				id, err := strconv.ParseInt(s, 10, 64)
				if err != nil || id <= 0 {
					return usagef("dupes %s: %q is not a record id", name, s)
				}
				ids[i] = id
			}
			db, err := store.Open(cmd.Context(), a.dbPath)
			if err != nil {
				return err
			}
			defer db.Close()
			// The records of both works are placed again: those the
			// decision does not name may end up elsewhere, and are told.
			var moved []int64
			if err := db.SelectContext(cmd.Context(), &moved, `SELECT id FROM records WHERE work_id IN
				(SELECT work_id FROM records WHERE id IN (?, ?)) ORDER BY id`, ids[0], ids[1]); err != nil {
				return err
			}
			if err := db.Decide(cmd.Context(), ids[0], ids[1], verdict); err != nil {
				if errors.Is(err, store.ErrSameRecord) {
					return usagef("dupes %s: %v", name, err)
				}
				return err
			}
			var wa, wb int64
			db.GetContext(cmd.Context(), &wa, "SELECT work_id FROM records WHERE id = ?", ids[0])
			db.GetContext(cmd.Context(), &wb, "SELECT work_id FROM records WHERE id = ?", ids[1])
			if wa == wb {
				fmt.Fprintf(a.stdout, "records %d and %d are now in work %d\n", ids[0], ids[1], wa)
			} else {
				fmt.Fprintf(a.stdout, "records %d and %d are now in works %d and %d\n", ids[0], ids[1], wa, wb)
			}
			for _, id := range moved {
				if id == ids[0] || id == ids[1] {
					continue
				}
				var w int64
				if err := db.GetContext(cmd.Context(), &w, "SELECT work_id FROM records WHERE id = ?", id); err != nil {
					return err
				}
				if w != wa && w != wb {
					fmt.Fprintf(a.stdout, "record %d, in one of their works before, is now in work %d\n", id, w)
				}
			}
			return nil
		},
	}
}

func printReview(out io.Writer, format string, pairs []query.ReviewPair) error {
	switch format {
	case "json":
		if pairs == nil {
			pairs = []query.ReviewPair{}
		}
		return writeJSON(out, pairs)
	case "csv":
		cols := []string{"score", "reason", "record_a", "work_a", "file_a", "position_a", "record_b", "work_b", "file_b", "position_b", "title_a", "title_b"}
		t := newTable(out, "csv", cols, 0)
		for _, p := range pairs {
			t.row(fmt.Sprintf("%.3f", p.Score), p.Reason, p.A.RecordID, p.A.WorkID, p.A.File, p.A.Position, p.B.RecordID, p.B.WorkID, p.B.File, p.B.Position, p.A.Title, p.B.Title)
		}
		return t.close()
	}
	if len(pairs) == 0 {
		fmt.Fprintln(out, "No pairs waiting for review.")
		return nil
	}
	for _, p := range pairs {
		fmt.Fprintf(out, "\n%.2f  %s\n", p.Score, p.Reason)
		side := func(label string, s query.ReviewSide) {
			fmt.Fprintf(out, "  %s record %d (work %d) %s:%d %s\n", label, s.RecordID, s.WorkID, s.File, s.Position, bracket(cellText(s.Database)))
			fmt.Fprintf(out, "      %s %s | %s\n", cellText(s.Year), cellText(s.Authors), cellText(s.Title))
			detail := cellText(s.Journal)
			if v := cellText(s.Volume); v != "" {
				detail += " " + v
			}
			if pg := cellText(s.Pages); pg != "" {
				detail += ":" + pg
			}
			if d := cellText(s.DOI); d != "" {
				detail += " doi " + d
			}
			if detail != "" {
				fmt.Fprintf(out, "      %s\n", detail)
			}
		}
		side("A", p.A)
		side("B", p.B)
		fmt.Fprintf(out, "  decide: bibdb dupes merge %d %d   or   bibdb dupes split %d %d\n", p.A.RecordID, p.B.RecordID, p.A.RecordID, p.B.RecordID)
	}
	return nil
}

func (a *app) dedupeCommand() *cobra.Command {
	var rebuild bool
	cmd := &cobra.Command{
		Use:   "dedupe --rebuild",
		Short: "Recompute every work from the records",
		Long: `Dedupe --rebuild throws away the works and builds them again from the
records, in the order they were imported, with the decisions made by hand in
force. The result is the one importing the same files in the same order
gives; use it after upgrading bibdb, whose matching rules may have improved.`,
		Example: "  bibdb dedupe --rebuild",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !rebuild {
				return usagef("dedupe: give --rebuild (records are deduplicated as they are imported)")
			}
			db, err := store.Open(cmd.Context(), a.dbPath)
			if err != nil {
				return err
			}
			defer db.Close()
			var progress func(done, total int)
			if a.isTTY(a.stderr) {
				progress = func(done, total int) { fmt.Fprintf(a.stderr, "\rrebuilding: %d of %d records", done, total) }
			}
			res, err := db.Rebuild(cmd.Context(), progress)
			if progress != nil {
				fmt.Fprint(a.stderr, "\r\033[K")
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "%s in %s, %s waiting for review\n", plural(res.Records, "record"), plural(res.Works, "work"), plural(res.Review, "pair"))
			return nil
		},
	}
	cmd.Flags().BoolVar(&rebuild, "rebuild", false, "recompute all works from the records")
	return cmd
}

// rulesNote says that a library's works were built by other
// deduplication rules than this bibdb's, and what to do about it.
func rulesNote(dbPath string) string {
	return fmt.Sprintf("the works of %s were built by another version of bibdb's deduplication rules; "+
		"bibdb dedupe --rebuild builds them again with this version's, keeping the decisions made by hand", dbPath)
}

func (a *app) statsCommand() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "stats [--format text|json]",
		Short: "Count records per database and file, duplicates removed and unique works (PRISMA)",
		Long: `Stats prints the numbers the identification part of a PRISMA 2020 flow
diagram asks for: records identified from each database and file, duplicate
records removed, records waiting for a duplicate decision, and the unique works
left to screen.`,
		Example: `  bibdb stats
  bibdb stats --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(&format, "text", "json"); err != nil {
				return err
			}
			db, err := a.openRead(cmd.Context())
			if err != nil {
				return err
			}
			defer db.Close()
			s, err := query.GetStats(cmd.Context(), db.DB)
			if err != nil {
				return err
			}
			if _, s.OtherRules, err = db.RulesOfWorks(cmd.Context()); err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(a.stdout, s)
			}
			out := a.stdout
			fmt.Fprintf(out, "Records identified:              %d\n", s.Identified)
			for _, c := range s.ByDatabase {
				fmt.Fprintf(out, "  from %-25s %d\n", c.Name+":", c.Records)
			}
			fmt.Fprintf(out, "Duplicate records removed:       %d\n", s.DuplicatesRemoved)
			fmt.Fprintf(out, "Records awaiting a decision:     %d (in %s)\n", s.AwaitingReview, plural(s.PairsAwaitingReview, "uncertain pair"))
			fmt.Fprintf(out, "Unique works (to screen):        %d\n", s.UniqueWorks)
			if s.Unreadable > 0 {
				fmt.Fprintf(out, "Records in files that could not be read: %d\n", s.Unreadable)
			}
			if s.OtherRules {
				fmt.Fprintf(out, "\nNote: %s\n", rulesNote(a.dbPath))
			}
			fmt.Fprintf(out, "\nFiles:\n")
			t := newTable(out, "table", []string{"  file", "source", "format", "records", "new works", "joined", "unreadable"}, a.cellLimit(50))
			for _, f := range s.ByFile {
				// The end of a path names the file: a long one is cut at
				// its start.
				file := f.File
				if n := a.cellLimit(48); n > 0 {
					file = shorten(file, n)
				}
				t.row("  "+file, f.Source, f.Format, f.Records, f.WorksCreated, f.RecordsJoined, f.Unreadable)
			}
			return t.close()
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output: text, json")
	return cmd
}
