// Package migrations holds bibdb's database schema as goose migrations
// (numbered SQL files), embedded in the binary and applied when a database
// is opened. The schema is a contract with users who write SQL: the README
// documents every table.
package migrations

import "embed"

// FS holds the migration files.
//
//go:embed *.sql
var FS embed.FS
