package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/bibdb/bibdb/internal/ingest"
	"github.com/bibdb/bibdb/internal/store"
)

func (a *app) importCommand() *cobra.Command {
	var opts store.ImportOptions
	var quiet bool
	cmd := &cobra.Command{
		Use:   "import [--source NAME] [--format FORMAT] FILE|DIR|- ...",
		Short: "Import export files into the database",
		Long: `Import reads bibliographic exports into the database. The format of each file
is detected from its content (RIS, MEDLINE, PubMed XML (also .gz), BibTeX,
EndNote XML and tagged, Web of Science, Scopus CSV, CSL-JSON, Ovid's text
export); --format forces one. A directory imports every file in it, and its
subdirectories', leaving out files that are no export; - reads standard
input.

Each file is one transaction: all its records land or none do. A file whose
bytes were imported before is skipped. A record that cannot be read is
reported as file:line: problem, and the rest of the file is imported; a
file none of whose records can be read fails, and leaves nothing. Each
record joins the work it duplicates (an identifier, or title, authors, year,
journal, volume and pages that agree; see bibdb dupes) or starts a new one;
a pair that is neither clearly the same nor clearly different waits for
review (bibdb dupes --review).

The report per file gives the records read, the works they created, the
records that joined existing works, and warnings. Exit status 1 when any
file failed.`,
		Example: `  bibdb import pubmed.nbib embase.ris wos.txt scopus.csv
  bibdb import --source Embase embase_export.ris
  bibdb import exports/
  curl -s https://example.org/export.ris | bibdb import -`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkInput("import", opts.Format, opts.Encoding); err != nil {
				return err
			}
			ctx := cmd.Context()
			db, err := store.Open(ctx, a.dbPath)
			if err != nil {
				return err
			}
			defer db.Close()
			failed := 0
			for i, arg := range args {
				files, explicit, err := expandArg(arg)
				if err != nil {
					fmt.Fprintf(a.stderr, "bibdb: %v\n", err)
					failed++
					continue
				}
				for j, f := range files {
					// The indexes a large import drops are built once, by
					// the last file, rather than at the end of each.
					opts.DeferIndexes = i < len(args)-1 || j < len(files)-1
					if !a.importOne(ctx, db, f, explicit, opts, quiet) {
						failed++
					}
				}
			}
			// Left to build when the last file failed or was skipped.
			start := time.Now()
			if built, err := db.BuildIndexes(ctx); err != nil {
				// The library holds every file imported; the next command
				// that opens it builds the indexes.
				fmt.Fprintf(a.stderr, "bibdb: %s\n", errorLine(err, a.dbPath))
				failed++
			} else if built && a.verbose {
				fmt.Fprintf(a.stderr, "bibdb import: indexes built %s\n", time.Since(start).Round(time.Millisecond))
			}
			if _, other, err := db.RulesOfWorks(ctx); err == nil && other {
				fmt.Fprintf(a.stderr, "bibdb: note: %s\n", rulesNote(a.dbPath))
			}
			if failed > 0 {
				return exitError{1}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.Source, "source", "", "the database the files came from (PubMed, Embase, Scopus, ...)")
	cmd.Flags().StringVar(&opts.Format, "format", "auto", "input format: auto, "+strings.Join(ingest.ReadableNames(), ", "))
	cmd.Flags().StringVar(&opts.Encoding, "encoding", "auto", "input encoding: auto, utf-8, windows-1252, utf-16le, ...")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print only problems")
	return cmd
}

// checkInput checks the input format and encoding a command was given,
// so that a misspelt one is a usage error before any file is read or any
// database opened.
func checkInput(command, format, encoding string) error {
	if format != "" && format != "auto" {
		if f := ingest.Lookup(format); f == nil || f.NewReader == nil {
			return usagef("%s: unknown input format %q (auto, %s)", command, format, strings.Join(ingest.ReadableNames(), ", "))
		}
	}
	if _, err := ingest.NewDecoder(strings.NewReader(""), encoding); err != nil {
		return usagef("%s: %v (auto, utf-8, windows-1252, utf-16le, utf-16be, latin1, macintosh or another WHATWG label)", command, err)
	}
	return nil
}

// expandArg turns an argument into files: a file, every regular file of a
// directory (recursively, hidden ones left out), or "-" for standard input.
// explicit is false for files found in a directory.
func expandArg(arg string) (files []string, explicit bool, err error) {
	if arg == "-" {
		return []string{"-"}, true, nil
	}
	fi, err := os.Stat(arg)
	if err != nil {
		return nil, false, err
	}
	if !fi.IsDir() {
		return []string{arg}, true, nil
	}
	err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != arg && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	return files, false, err
}

// importOne imports one file and prints its report. It returns false when
// the file failed.
func (a *app) importOne(ctx context.Context, db *store.DB, path string, explicit bool, opts store.ImportOptions, quiet bool) bool {
	var bar *progressBar
	if a.isTTY(a.stderr) && !quiet {
		bar = newProgressBar(a.stderr, displayName(path))
		opts.Progress = bar.update
	}
	var res *store.ImportResult
	var err error
	start := time.Now()
	if path == "-" {
		res, err = db.ImportReader(ctx, "stdin", a.stdin, opts)
	} else {
		res, err = db.ImportFile(ctx, path, opts)
	}
	bar.clear()
	if err != nil {
		if !explicit && isNotExport(err) {
			if !quiet {
				fmt.Fprintf(a.stdout, "%s: skipped: %v\n", displayName(path), strings.TrimPrefix(err.Error(), path+": "))
			}
			return true
		}
		fmt.Fprintf(a.stderr, "bibdb: %s\n", errorLine(err, a.dbPath))
		return false
	}
	name := displayName(res.Path)
	if res.Skipped {
		fmt.Fprintf(a.stdout, "%s: already imported (import %d, %s): nothing added\n", name, res.PreviousID, res.PreviousAt.Local().Format("2006-01-02 15:04"))
		return true
	}
	for _, p := range res.Problems {
		fmt.Fprintf(a.stderr, "%s\n", p)
	}
	const maxWarnings = 20
	if !quiet {
		for i, wn := range res.Warnings {
			if i == maxWarnings {
				fmt.Fprintf(a.stderr, "%s: %d more warnings\n", name, len(res.Warnings)-maxWarnings)
				break
			}
			fmt.Fprintln(a.stderr, wn)
		}
	}
	if !quiet {
		src := ""
		if res.Source != "" {
			src = ", from " + res.Source
		}
		fmt.Fprintf(a.stdout, "%s: %s%s, %s: %s read, %s, %d joined existing works, %s, %s (%.1fs)\n",
			name, res.Format, src, res.Encoding, plural(res.Records, "record"), plural(res.WorksCreated, "new work"), res.RecordsJoined,
			plural(len(res.Problems), "unreadable record"), plural(len(res.Warnings), "warning"), time.Since(start).Seconds())
	}
	if a.verbose {
		var parts []string
		for _, ph := range res.Phases {
			parts = append(parts, fmt.Sprintf("%s %s", ph.Name, ph.Took.Round(time.Millisecond)))
		}
		mode := "row by row"
		if res.Bulk {
			mode = "in bulk"
		}
		fmt.Fprintf(a.stderr, "%s: imported %s: %s\n", name, mode, strings.Join(parts, ", "))
	}
	return true
}

func displayName(p string) string {
	if p == "-" {
		return "stdin"
	}
	return p
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func isNotExport(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "not a bibliographic export") || strings.Contains(msg, "the file is empty")
}

// progressBar draws one line on a terminal: the file, a bar, the share
// read and the bytes.
type progressBar struct {
	w     io.Writer
	name  string
	drawn bool
}

func newProgressBar(w io.Writer, name string) *progressBar { return &progressBar{w: w, name: name} }

func (b *progressBar) update(done, total int64) {
	if b == nil || total <= 0 {
		return
	}
	const width = 30
	frac := float64(done) / float64(total)
	if frac > 1 {
		frac = 1
	}
	n := int(frac * width)
	fmt.Fprintf(b.w, "\r%s [%s%s] %3.0f%% %s/%s", shorten(b.name, 40), strings.Repeat("=", n), strings.Repeat(" ", width-n),
		frac*100, humanBytes(done), humanBytes(total))
	b.drawn = true
}

func (b *progressBar) clear() {
	if b != nil && b.drawn {
		fmt.Fprint(b.w, "\r\033[K")
	}
}

// clip cuts s to n characters at its end, as a title is best cut; n <= 0
// is no limit.
func clip(s string, n int) string {
	r := []rune(s)
	if n <= 0 || len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// shorten cuts s to n characters at its start, as a path is best cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return "…" + string(r[len(r)-n+1:])
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
