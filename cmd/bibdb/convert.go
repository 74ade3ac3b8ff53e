package main

import (
	"fmt"
	"io"
	"os"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest"
	"github.com/spf13/cobra"
)

func (a *app) convertCommand() *cobra.Command {
	var to, from, enc string
	cmd := &cobra.Command{
		Use:   "convert --to FORMAT FILE|-",
		Short: "Convert an export to another format, without a database",
		Long: `Convert reads FILE (or standard input for -) and prints its records, in file
order, in another format. No database is opened.

Output formats: csl-json, ris, bibtex, medline, csv. The input format is
detected from the content; --from overrides it. Bad records are reported on
standard error as file:line: problem, and the rest are converted.`,
		Example: `  bibdb convert --to csl-json pubmed.nbib > pubmed.json
  bibdb convert --to ris scopus.csv > scopus.ris
  cat export.ris | bibdb convert --to csl-json -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out := ingest.Lookup(to)
			if to == "" {
				return usagef("convert: --to is required (one of %v)", ingest.WritableNames())
			}
			if out == nil || out.NewWriter == nil {
				return usagef("convert: cannot write %q (formats: %v)", to, ingest.WritableNames())
			}
			if err := checkInput("convert", from, enc); err != nil {
				return err
			}
			name := args[0]
			var in io.Reader = a.stdin
			if name != "-" {
				f, err := os.Open(name)
				if err != nil {
					return err
				}
				defer f.Close()
				in = f
			} else {
				name = "stdin"
			}
			s, err := ingest.Open(name, in, ingest.Options{Format: from, Encoding: enc})
			if err != nil {
				return err
			}
			defer s.Close()
			w := out.NewWriter(a.stdout)
			bad := 0
			for {
				rec, err := s.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					if bib.IsParseError(err) {
						bad++
						fmt.Fprintln(a.stderr, err)
						continue
					}
					return err
				}
				for _, wn := range rec.Warnings {
					fmt.Fprintln(a.stderr, warningText(name, wn))
				}
				if err := w.Write(rec); err != nil {
					return err
				}
			}
			for _, wn := range s.Warnings() {
				fmt.Fprintln(a.stderr, warningText(name, wn))
			}
			return w.Close()
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "output format: csl-json, ris, bibtex, medline, csv")
	cmd.Flags().StringVar(&from, "from", "auto", "input format (auto-detected)")
	cmd.Flags().StringVar(&enc, "encoding", "auto", "input encoding (auto-detected)")
	return cmd
}

// warningText formats a warning as "file:line: warning: message".
func warningText(file string, w bib.Warning) string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: warning: %s", file, w.Line, w.Msg)
	}
	return fmt.Sprintf("%s: warning: %s", file, w.Msg)
}
