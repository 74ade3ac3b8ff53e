package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest"
	"github.com/bibdb/bibdb/internal/query"
)

func (a *app) exportCommand() *cobra.Command {
	var f query.Filter
	var years, format, output string
	var crlf bool
	cmd := &cobra.Command{
		Use:   "export [TEXT] [search filters] --format ris|bibtex|csl-json|csv|medline [-o FILE]",
		Short: "Write the deduplicated works, or those a search finds, in an export format",
		Long: `Export writes one record per work — the deduplicated set — with every
identifier, all authors with their affiliations, and all keywords, in the
format the next tool wants: RIS for Rayyan, Covidence or EndNote, BibTeX for
LaTeX, CSL-JSON for Zotero or Pandoc, CSV for a spreadsheet, MEDLINE. The
search filters (TEXT, --author, --year, --journal, --keyword) choose which
works; without them, all are written. Each record's id is its work id, and its
database field names the databases the work was found in.`,
		Example: `  bibdb export --format ris -o deduplicated.ris
  bibdb export --format bibtex --author "Byng R" > byng.bib
  bibdb export --format csv --year 2020- -o works.csv`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := ingest.Lookup(format)
			if out == nil || out.NewWriter == nil {
				return usagef("export: cannot write %q (formats: %v)", format, ingest.WritableNames())
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
			var w io.Writer = a.stdout
			var file *os.File
			if output != "" && output != "-" {
				// Write beside the target and rename at the end, so a failed
				// export never leaves half a file under the name.
				file, err = createBeside(output)
				if err != nil {
					return err
				}
				defer os.Remove(file.Name())
				defer file.Close()
				w = file
			}
			rw := out.NewWriter(w)
			if c, ok := rw.(interface{ SetCRLF(bool) }); ok && crlf {
				c.SetCRLF(true)
			}
			n := 0
			if err := query.EachWorkRecord(cmd.Context(), db.DB, f, func(r *bib.Record) error {
				n++
				return rw.Write(r)
			}); err != nil {
				return err
			}
			if err := rw.Close(); err != nil {
				return err
			}
			if file != nil {
				if err := file.Close(); err != nil {
					return err
				}
				if err := os.Rename(file.Name(), output); err != nil {
					return fmt.Errorf("export: cannot write %s: %w", output, unwrapPath(err))
				}
				fmt.Fprintf(a.stderr, "%s: %s written (%s)\n", output, plural(n, "work"), out.Title)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "ris", "output: ris, bibtex, csl-json, csv, medline")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to FILE instead of standard output")
	cmd.Flags().StringVar(&f.Author, "author", "", "only works by this author")
	cmd.Flags().StringVar(&years, "year", "", "only works of this year or range")
	cmd.Flags().StringVar(&f.Journal, "journal", "", "only works in this journal")
	cmd.Flags().StringVar(&f.Keyword, "keyword", "", "only works with this keyword")
	cmd.Flags().IntVar(&f.Limit, "limit", 0, "at most this many works")
	cmd.Flags().BoolVar(&crlf, "crlf", false, "end lines with CRLF (RIS)")
	return cmd
}

// createBeside creates a new, hidden file in the directory of path, to be
// renamed to path when it is complete. It gets the permissions a file
// created under path would get (those of the file it replaces, or 0666
// less the umask), not os.CreateTemp's 0600, which kept the export from
// the rest of a team.
func createBeside(path string) (*os.File, error) {
	perm := fs.FileMode(0o666)
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return nil, fmt.Errorf("export: cannot write %s: it is a directory", path)
	case err == nil:
		perm = fi.Mode().Perm()
	}
	dir, base := filepath.Dir(path), filepath.Base(path)
	for range 100 {
		name := filepath.Join(dir, fmt.Sprintf(".%s.%d", base, rand.Uint32()))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("export: cannot write %s: %w", path, unwrapPath(err))
		}
		if fi != nil {
			// The umask applies to OpenFile's permissions; a replaced
			// file keeps its own.
			if err := f.Chmod(perm); err != nil {
				f.Close()
				os.Remove(name)
				return nil, err
			}
		}
		return f, nil
	}
	return nil, fmt.Errorf("export: cannot write %s: no free name for a temporary file beside it", path)
}

// unwrapPath returns the cause of an error about a path, without the
// operation and path it names (those of a temporary file, here).
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
