package bibtex

import (
	"bytes"
	"fmt"
	"strings"
)

// Limits on how far an entry that closed too early is followed to find
// its real end.
const (
	repairMaxLines = 500
	repairMaxBytes = 1 << 20
)

// recoverEarlyClose is called when an entry's braces close it on a line
// that goes on with more fields: a field value holds a '}' it never
// opened, as in EBSCO exports whose keywords carry scraped web-page text.
// When the entry is written one field per line, its end is the line that
// holds only '}'. The lines up to there are read, the braces that do not
// pair up inside each field's value are dropped, and the repaired text is
// returned to be parsed, with a warning naming the fields. When the entry
// cannot be repaired so, early is returned and the scanner skips to the
// next entry.
func (sc *scanner) recoverEarlyClose(buf []byte, start int, early error) (rawEntry, error) {
	text := append([]byte(nil), buf...)
	fail := func() (rawEntry, error) {
		sc.skipping = true
		return rawEntry{}, early
	}
	closed := false
	for lines := 0; !closed; lines++ {
		if lines > repairMaxLines || len(text) > repairMaxBytes {
			return fail()
		}
		line, n, err := sc.lines.Next()
		if err != nil {
			break // the end of the input, or an error the next read reports
		}
		if startsEntry(line) {
			sc.rest, sc.restLine, sc.hasRest = append(sc.rest[:0], line...), n, true
			break
		}
		text = append(text, '\n')
		text = append(text, line...)
		closed = string(trimSpace(line)) == "}"
	}
	if !closed {
		return fail()
	}
	repaired, fields, ok := repairEntry(string(text))
	if !ok {
		return fail()
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = fmt.Sprintf("%s (line %d)", f.name, start+f.line)
	}
	return rawEntry{text: repaired, line: start, orig: string(text), warnLine: start + fields[0].line,
		warn: fmt.Sprintf("braces in %s do not pair up; the unpaired ones were dropped", strings.Join(names, ", "))}, nil
}

// repairedField is a field repairEntry changed: its name and its line,
// counted from the entry's first line (0).
type repairedField struct {
	name string
	line int
}

// repairEntry rewrites an entry laid out one field per line (a header line
// "@type{key,", field lines "name = value" and their continuation lines, a
// last line "}") so that every braced value has paired braces. It returns
// the names of the fields it changed, and false when the entry is not laid
// out so, nothing needed changing, or the result still does not close at
// its end.
func repairEntry(text string) (string, []repairedField, bool) {
	lines := strings.Split(text, "\n")
	if len(lines) < 3 {
		return "", nil, false
	}
	header := strings.TrimSpace(lines[0])
	if i := strings.IndexByte(header, '{'); i < 0 || !strings.HasSuffix(header, ",") || strings.Count(header, ",") != 1 || strings.ContainsAny(header[i+1:], "{}=\"") {
		return "", nil, false
	}
	// Group the lines between the header and the closing line by field.
	var groups [][]string
	var groupLine []int
	for i, l := range lines[1 : len(lines)-1] {
		if isFieldStart(l) {
			groups = append(groups, []string{l})
			groupLine = append(groupLine, i+1)
			continue
		}
		if len(groups) == 0 {
			if strings.TrimSpace(l) == "" {
				continue
			}
			return "", nil, false
		}
		groups[len(groups)-1] = append(groups[len(groups)-1], l)
	}
	var out strings.Builder
	out.WriteString(lines[0])
	var changed []repairedField
	for gi, g := range groups {
		field := strings.Join(g, "\n")
		eq := strings.IndexByte(field, '=')
		name := strings.TrimSpace(field[:eq])
		value := strings.TrimRight(field[eq+1:], " \t\r\n")
		value = strings.TrimSuffix(value, ",")
		trimmed := strings.TrimSpace(value)
		if strings.HasPrefix(trimmed, "{") && strings.HasSuffix(trimmed, "}") && len(trimmed) >= 2 {
			inner := trimmed[1 : len(trimmed)-1]
			if fixed := pairBraces(inner); fixed != inner {
				changed = append(changed, repairedField{strings.ToLower(name), groupLine[gi]})
				field = field[:eq+1] + " {" + fixed + "},"
			}
		}
		out.WriteByte('\n')
		out.WriteString(field)
	}
	out.WriteByte('\n')
	out.WriteString(lines[len(lines)-1])
	s := out.String()
	if len(changed) == 0 || !closesAtEnd(s) {
		return "", nil, false
	}
	return s, changed, true
}

// isFieldStart reports whether a line begins a field: a name, spaces, '='.
func isFieldStart(l string) bool {
	t := strings.TrimLeft(l, " \t")
	i := 0
	for i < len(t) && (isLetter(t[i]) || i > 0 && (t[i] >= '0' && t[i] <= '9' || t[i] == '_' || t[i] == '-' || t[i] == ':' || t[i] == '.')) {
		i++
	}
	if i == 0 {
		return false
	}
	t = strings.TrimLeft(t[i:], " \t")
	return strings.HasPrefix(t, "=")
}

// pairBraces drops the braces of s that have no partner: a '}' with no
// '{' open before it, and a '{' never closed. Escaped braces (\{ and \})
// are text and stay.
func pairBraces(s string) string {
	drop := map[int]bool{}
	var open []int
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '{':
			open = append(open, i)
		case '}':
			if len(open) == 0 {
				drop[i] = true
			} else {
				open = open[:len(open)-1]
			}
		}
	}
	for _, i := range open {
		drop[i] = true
	}
	if len(drop) == 0 {
		return s
	}
	var b bytes.Buffer
	for i := 0; i < len(s); i++ {
		if !drop[i] {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// closesAtEnd reports whether the braces of an entry's text first return
// to depth 0 at its last character.
func closesAtEnd(s string) bool {
	i := closingBrace(s)
	return i >= 0 && strings.TrimSpace(s[i+1:]) == ""
}
