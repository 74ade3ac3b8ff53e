package bib

import (
	"errors"
	"fmt"
)

// ParseError is a problem with the input that cost a record (or part of the
// file): the record could not be read, and reading goes on with the next
// one. Readers set Line (and Column where it helps); the code that opened
// the file sets File. It reads "file:line: what was wrong".
type ParseError struct {
	File   string // file name, "" when unknown
	Line   int    // 1-based line where the problem is
	Column int    // 1-based column, 0 when not useful
	Err    error  // what was wrong
}

func (e *ParseError) Error() string {
	pos := ""
	if e.File != "" {
		pos = e.File + ":"
	}
	if e.Line > 0 {
		pos += fmt.Sprintf("%d:", e.Line)
		if e.Column > 0 {
			pos += fmt.Sprintf("%d:", e.Column)
		}
	}
	if pos == "" {
		return e.Err.Error()
	}
	return pos + " " + e.Err.Error()
}

func (e *ParseError) Unwrap() error { return e.Err }

// Errorf returns a *ParseError at line with a formatted message.
func Errorf(line int, format string, args ...any) *ParseError {
	return &ParseError{Line: line, Err: fmt.Errorf(format, args...)}
}

// IsParseError reports whether err (or an error it wraps) is a *ParseError,
// that is, a bad record after which reading can go on.
func IsParseError(err error) bool {
	var pe *ParseError
	return errors.As(err, &pe)
}
