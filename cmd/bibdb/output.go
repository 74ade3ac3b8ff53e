package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// table writes rows in one of the output formats: an aligned text table,
// CSV with a header, or JSON (an array of objects, one per row). Rows are
// written as they come, except JSON's closing bracket at Close.
type table struct {
	format  string
	columns []string
	maxCell int // widest cell in text tables, 0 for no limit
	tw      *tabwriter.Writer
	cw      *csv.Writer
	w       io.Writer
	n       int
}

// checkFormat checks the value of a --format flag, in any case ("JSON"),
// and leaves it in lower case.
func checkFormat(format *string, allowed ...string) error {
	for _, a := range allowed {
		if strings.EqualFold(*format, a) {
			*format = a
			return nil
		}
	}
	return usagef("unknown --format %q (one of %s)", *format, strings.Join(allowed, ", "))
}

func newTable(w io.Writer, format string, columns []string, maxCell int) *table {
	t := &table{format: format, columns: columns, maxCell: maxCell, w: w}
	switch format {
	case "csv":
		t.cw = csv.NewWriter(w)
		t.cw.Write(columns)
	case "json":
	default:
		t.tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(t.tw, strings.Join(columns, "\t"))
	}
	return t
}

func (t *table) row(values ...any) error {
	t.n++
	switch {
	case t.cw != nil:
		rec := make([]string, len(values))
		for i, v := range values {
			rec[i] = cellText(v)
		}
		return t.cw.Write(rec)
	case t.format == "json":
		obj := make(map[string]any, len(values))
		for i, v := range values {
			if i < len(t.columns) {
				obj[t.columns[i]] = v
			}
		}
		b, err := orderedRow{t.columns, obj}.MarshalJSON()
		if err != nil {
			return err
		}
		sep := ",\n"
		if t.n == 1 {
			sep = "[\n"
		}
		_, err = fmt.Fprintf(t.w, "%s%s", sep, b)
		return err
	default:
		cells := make([]string, len(values))
		for i, v := range values {
			cells[i] = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(cellText(v))
			if t.maxCell > 0 && utf8.RuneCountInString(cells[i]) > t.maxCell {
				cells[i] = string([]rune(cells[i])[:t.maxCell-1]) + "…"
			}
		}
		_, err := fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
		return err
	}
}

func (t *table) close() error {
	switch {
	case t.cw != nil:
		t.cw.Flush()
		return t.cw.Error()
	case t.format == "json":
		if t.n == 0 {
			_, err := fmt.Fprintln(t.w, "[]")
			return err
		}
		_, err := fmt.Fprintln(t.w, "\n]")
		return err
	default:
		return t.tw.Flush()
	}
}

func cellText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case *string:
		if x == nil {
			return ""
		}
		return *x
	case *int:
		if x == nil {
			return ""
		}
		return fmt.Sprint(*x)
	case []byte:
		return string(x)
	case float64:
		return fmt.Sprintf("%g", x)
	}
	return fmt.Sprint(v)
}

// orderedRow marshals a row as a JSON object with keys in column order.
type orderedRow struct {
	cols []string
	vals map[string]any
}

func (o orderedRow) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, c := range o.cols {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshalNoEscape(c)
		if err != nil {
			return nil, err
		}
		v, err := marshalNoEscape(o.vals[c])
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}

// marshalNoEscape is json.Marshal without escaping <, > and &.
func marshalNoEscape(v any) ([]byte, error) {
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(strings.TrimSuffix(buf.String(), "\n")), nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
