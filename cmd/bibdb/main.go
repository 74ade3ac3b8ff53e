// Command bibdb keeps a library of bibliographic records in one SQLite
// file: it imports the exports of PubMed, Embase, Web of Science, Scopus,
// reference managers and the rest, merges the records that are the same
// publication, and answers searches, SQL queries and exports.
//
// Run "bibdb --help" for the commands.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/bibdb/bibdb/internal/store"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// usageError is a mistake in how the command was called (exit status 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// exitError carries an exit status for a failure already reported.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// app holds what every command shares.
type app struct {
	stdin   io.Reader
	stdout  io.Writer
	stderr  io.Writer
	dbPath  string
	verbose bool
	isTTY   func(w io.Writer) bool
}

// run runs bibdb with the given arguments and returns its exit status:
// 0 ok, 1 error, 2 usage.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, isTTY: isTerminal}
	return a.run(args)
}

// run runs bibdb for a with the given arguments.
func (a *app) run(args []string) int {
	stderr := a.stderr
	root := a.rootCommand()
	root.SetArgs(sqlCommentArgs(args))
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	start := time.Now()
	err := root.Execute()
	if a.verbose {
		name := "bibdb"
		if cmd, _, ferr := root.Find(args); ferr == nil {
			name = cmd.CommandPath()
		}
		fmt.Fprintf(stderr, "%s: %s\n", name, time.Since(start).Round(time.Millisecond))
	}
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	msg := strings.TrimSpace(err.Error())
	fmt.Fprintf(stderr, "bibdb: %s\n", errorLine(err, a.dbPath))
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(msg) {
		return 2
	}
	return 1
}

// sqlCommentArgs passes an argument that begins with an SQL comment ("--
// works per year\nSELECT ...") as an argument, not as a flag, which no
// name with a space in it can be: it is moved after a "--" that ends the
// flags, unless the arguments have one already.
func sqlCommentArgs(args []string) []string {
	var comments, rest []string
	for _, arg := range args {
		if arg == "--" {
			return args
		}
		if len(arg) > 2 && strings.HasPrefix(arg, "--") && strings.ContainsRune(" \t\r\n", rune(arg[2])) {
			comments = append(comments, arg)
		} else {
			rest = append(rest, arg)
		}
	}
	if comments == nil {
		return args
	}
	return append(append(rest, "--"), comments...)
}

// errorLine is the one line that reports err.
func errorLine(err error, dbPath string) string {
	if store.IsBusy(err) {
		return fmt.Sprintf("%s is busy: another bibdb command is writing to it (a large import keeps it to itself until it has ended); try again then", dbPath)
	}
	return firstLine(strings.TrimSpace(err.Error()))
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// isCobraUsage recognises the usage errors cobra itself returns.
func isCobraUsage(msg string) bool {
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument",
		"invalid argument", "accepts ", "requires at least", "requires at most", "required flag"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "bibdb",
		Short: "A local library of bibliographic records in one SQLite file",
		Long: `bibdb imports bibliographic exports (RIS, PubMed/MEDLINE, PubMed XML, BibTeX,
EndNote XML and tagged, Web of Science, Scopus CSV, CSL-JSON, Ovid) into one
SQLite file, merges records that are the same publication, and lets you search,
query with SQL, count and export the deduplicated set.

The database is bibdb.sqlite in the current directory, or $BIBDB_DB, or the
file given with --db.`,
		Example: `  bibdb import pubmed.nbib embase.ris wos.txt scopus.csv
  bibdb search --author Byng --year 2020-2023 '"collaborative care"'
  bibdb sql "SELECT year, count(*) FROM works GROUP BY year"
  bibdb export --format ris -o deduplicated.ris`,
		SilenceUsage:      true,
		SilenceErrors:     true,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	def := os.Getenv("BIBDB_DB")
	if def == "" {
		def = "bibdb.sqlite"
	}
	root.PersistentFlags().StringVar(&a.dbPath, "db", def, "the database file ($BIBDB_DB)")
	root.PersistentFlags().BoolVarP(&a.verbose, "verbose", "v", false, "print on standard error how long the command took (and, for an import, each part of it)")
	root.AddCommand(
		a.importCommand(),
		a.searchCommand(),
		a.showCommand(),
		a.sqlCommand(),
		a.recordsCommand(),
		a.dupesCommand(),
		a.dedupeCommand(),
		a.statsCommand(),
		a.exportCommand(),
		a.convertCommand(),
		a.versionCommand(),
	)
	for _, c := range root.Commands() {
		c.Flags().SortFlags = false
	}
	return root
}

// cellLimit is the widest cell of a text table: width on a terminal, where
// a row should fit the screen, and no limit on a pipe or in a file, where
// the text is read by grep or a person who asked for all of it.
func (a *app) cellLimit(width int) int {
	if a.isTTY(a.stdout) {
		return width
	}
	return 0
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	return termIsTerminal(int(f.Fd()))
}
