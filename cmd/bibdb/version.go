package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version of bibdb and of the SQLite it uses",
		Example: "  bibdb version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			version, sqlite := "(devel)", ""
			if info, ok := debug.ReadBuildInfo(); ok {
				if info.Main.Version != "" {
					version = info.Main.Version
				}
				for _, d := range info.Deps {
					if d.Path == "modernc.org/sqlite" {
						sqlite = d.Version
					}
				}
				for _, s := range info.Settings {
					if s.Key == "vcs.revision" && len(s.Value) >= 12 {
						version += " " + s.Value[:12]
					}
				}
			}
			fmt.Fprintf(a.stdout, "bibdb %s (modernc.org/sqlite %s)\n", version, sqlite)
			return nil
		},
	}
}
