package query

import (
	"context"
	"fmt"
	"strings"

	"github.com/jmoiron/sqlx"
)

// Rows is the result of a query: column names and values.
type Rows struct {
	Columns []string
	Values  [][]any
}

// ErrReadOnly is the error for a statement that would change the database.
var ErrReadOnly = fmt.Errorf("bibdb sql is read-only: the statement would change the database, and nothing was changed")

// SQL runs one read-only statement. db must be opened read-only (see
// store.OpenReadOnly): the database file itself refuses writes. Statements
// that would write, or would reach past the database (ATTACH, VACUUM
// INTO, setting a PRAGMA), are refused before they run, and a write that
// gets past that is refused by SQLite; both give ErrReadOnly.
func SQL(ctx context.Context, db *sqlx.DB, statement string) (*Rows, error) {
	stmt := strings.TrimSpace(statement)
	stmt = strings.TrimRight(stmt, "; \t\r\n")
	if stmt == "" {
		return nil, fmt.Errorf("sql: empty statement")
	}
	if hasSecondStatement(stmt) {
		return nil, fmt.Errorf("sql: give one statement at a time")
	}
	switch first := strings.ToUpper(firstWord(stmt)); first {
	case "":
		return nil, fmt.Errorf("sql: no statement, only comments")
	case "SELECT", "WITH", "VALUES", "EXPLAIN":
	case "PRAGMA":
		if pragmaWrites(stmt) {
			return nil, ErrReadOnly
		}
	case "INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "ATTACH", "DETACH", "VACUUM", "REINDEX", "ANALYZE", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "END":
		return nil, ErrReadOnly
	default:
		return nil, fmt.Errorf("sql: %q does not start a statement bibdb runs (SELECT, WITH, VALUES, EXPLAIN, PRAGMA)", firstWord(stmt))
	}
	rows, err := db.QueryxContext(ctx, stmt)
	if err != nil {
		return nil, sqlError(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := &Rows{Columns: cols}
	for rows.Next() {
		vals, err := rows.SliceScan()
		if err != nil {
			return nil, sqlError(err)
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				vals[i] = string(b)
			}
		}
		out.Values = append(out.Values, vals)
	}
	if err := rows.Err(); err != nil {
		return nil, sqlError(err)
	}
	return out, nil
}

// pragmaReads are the pragmas that take an argument in parentheses and
// only read: of any other, "PRAGMA journal_mode(delete)" sets what
// "PRAGMA journal_mode" reads.
var pragmaReads = map[string]bool{
	"table_info": true, "table_xinfo": true, "table_list": true, "index_list": true, "index_info": true,
	"index_xinfo": true, "foreign_key_list": true, "foreign_key_check": true, "integrity_check": true, "quick_check": true,
}

// pragmaWrites reports whether a PRAGMA statement would change the
// database or the connection: it sets a value ("= x" or "(x)" but for
// the pragmas that read with an argument), or it is one that works on
// the file whatever it is given.
func pragmaWrites(stmt string) bool {
	if strings.ContainsAny(stmt, "=") {
		return true
	}
	rest := stmt[strings.Index(strings.ToUpper(stmt), "PRAGMA")+len("PRAGMA"):]
	name, _, hasArg := strings.Cut(rest, "(")
	name = strings.ToLower(strings.TrimSpace(name))
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = strings.TrimSpace(name[i+1:]) // schema.pragma
	}
	switch name {
	case "wal_checkpoint", "optimize", "incremental_vacuum", "shrink_memory":
		return true
	}
	return hasArg && !pragmaReads[name]
}

func sqlError(err error) error {
	msg := err.Error()
	if strings.Contains(msg, "readonly") || strings.Contains(msg, "read-only") || strings.Contains(msg, "query_only") {
		return ErrReadOnly
	}
	return fmt.Errorf("sql: %w", err)
}

// firstWord returns the statement's first keyword, after the white
// space, parentheses and comments ("-- ...", "/* ... */") before it.
func firstWord(s string) string {
	for {
		s = strings.TrimLeft(s, "( \t\r\n")
		switch {
		case strings.HasPrefix(s, "--"):
			if i := strings.IndexByte(s, '\n'); i >= 0 {
				s = s[i+1:]
				continue
			}
			return ""
		case strings.HasPrefix(s, "/*"):
			if i := strings.Index(s[2:], "*/"); i >= 0 {
				s = s[i+4:]
				continue
			}
			return ""
		}
		break
	}
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return s[:i]
		}
	}
	return s
}

// hasSecondStatement reports whether s holds a ';' outside quotes and
// comments followed by more text.
func hasSecondStatement(s string) bool {
	var quote rune
	for i := 0; i < len(s); i++ {
		c := rune(s[i])
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"' || c == '`':
			quote = c
		case c == '[':
			quote = ']'
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				return false
			}
			i += end + 3
		case c == ';':
			return strings.TrimSpace(s[i+1:]) != ""
		}
	}
	return false
}
