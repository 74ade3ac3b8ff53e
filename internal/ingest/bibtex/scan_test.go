package bibtex

import (
	"strings"
	"testing"
)

// scanValueBytewise is scanValue as it read a value byte by byte, spaces
// included: the reference for its faster skipping.
func scanValueBytewise(s string, i int, closer byte) (int, uint8) {
	depth := 0
	if closer == '}' {
		depth = 1
	}
	var flags uint8
	start := i + 1
	trim := func(v string) uint8 {
		if v != "" && (v[0] == ' ' || v[len(v)-1] == ' ') {
			return valueUnclean
		}
		return 0
	}
	for j := start; j < len(s); j++ {
		c := s[j]
		switch {
		case c == ' ':
			if s[j-1] == ' ' {
				flags |= valueUnclean
			}
		case c == '\\':
			flags |= valueLaTeX
			j++
		case c == '{':
			depth++
			flags |= valueLaTeX
		case c == '}':
			depth--
			if depth == 0 && closer == '}' {
				return j, flags | trim(s[start:j])
			}
			if depth < 0 {
				return -1, flags
			}
			flags |= valueLaTeX
		case c == '"':
			if depth == 0 && closer == '"' {
				return j, flags | trim(s[start:j])
			}
		case c == '$' || c == '~' || c == '`':
			flags |= valueLaTeX
		case c == '-' || c == '\'':
			if j+1 < len(s) && s[j+1] == c {
				flags |= valueLaTeX
			}
		case c < ' ' || c >= 0x7f:
			flags |= valueUnclean
		case c == '&':
			if j+1 < len(s) && (s[j+1] == '#' || isLetter(s[j+1])) {
				flags |= valueLaTeX
			}
		}
	}
	return -1, flags
}

// TestScanValue checks scanValue, which skips plain bytes eight at a time
// and finds doubled spaces at the end, against the byte-by-byte reading.
func TestScanValue(t *testing.T) {
	values := []string{
		"{}", `""`, "{plain text of some length, longer than eight bytes}", "{a  b}", "{ab }", "{ ab}",
		"{twelve bytes  twelve}", "{a\\  b}", "{a \\ b}", "{x\\}y}", "{x\\{y}", "{A {Nested} Title}",
		"{a -- b}", "{it''s}", "{it's}", "{R&D}", "{&#38;}", "{&amp;}", "{50$ and ~}", "{line\nbreak}",
		"{Zürich}", "{unclosed", "{a}}", `"quoted {"} value"`, `"a \" b"`, `"two  spaces in quotes, long enough"`,
		"{" + strings.Repeat("abcdefg ", 20) + "}", "{" + strings.Repeat("abcdefgh", 20) + "-}",
		"{" + strings.Repeat("abcdefgh", 3) + "  " + strings.Repeat("x", 9) + "}", "{1234567}", "{12345678}",
		"{1234567  }", "{-}", "{--}", "{'}", "{a\\", "{\\\\}", `"unclosed`, "{\t}",
	}
	for _, v := range values {
		for _, suffix := range []string{"", ",\n  year = {2020}\n}", "}"} {
			s := v + suffix
			closer := byte('}')
			if s[0] == '"' {
				closer = '"'
			}
			end, flags := scanValue(s, 0, closer)
			wantEnd, wantFlags := scanValueBytewise(s, 0, closer)
			if end != wantEnd || end >= 0 && flags != wantFlags {
				t.Errorf("scanValue(%q) = %d, %b, want %d, %b", s, end, flags, wantEnd, wantFlags)
			}
		}
	}
}

// TestBraceStop checks braceStop, which finds the first \ { or } with three
// searches, against a byte-by-byte search.
func TestBraceStop(t *testing.T) {
	for _, s := range []string{
		"", "plain", "a}b", "a{b}", "a\\}b", "}{\\", "\\{}", "abc{", "abc\\", "x{y\\z}", "long text without any",
	} {
		want := len(s)
		for i := 0; i < len(s); i++ {
			if s[i] == '\\' || s[i] == '{' || s[i] == '}' {
				want = i
				break
			}
		}
		if got := braceStop([]byte(s)); got != want {
			t.Errorf("braceStop(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestFind checks the lookup of fields through Entry.slots against a walk
// through the fields, for entries of few and of many fields, with
// repeated names and with fields appended without add.
func TestFind(t *testing.T) {
	names := []string{"title", "author", "journal", "year", "month", "pages", "volume", "number", "doi", "pmid",
		"issn", "abstract", "keywords", "mesh", "language", "affiliations", "type", "database", "shortjournal",
		"url", "note", "a", "b", "ab", "ba", "x-y", "y-x", "bdsk-url-1", "bdsk-url-2", "date-added", "eprint",
		"eprinttype", "archiveprefix", "booktitle", "publisher", "address", "series", "edition", "isbn", ""}
	for _, n := range []int{0, 1, 5, 20, 31, 32, 33, len(names)} {
		for _, extra := range []int{0, 1, 3} {
			e := &Entry{}
			for i, name := range names[:n] {
				e.add(name, "v", i, 0)
				if i%7 == 3 {
					e.add(name, "repeated", i, 0) // kept out, with a warning
				}
			}
			for _, name := range names[:extra] {
				e.Fields = append(e.Fields, Field{Name: name + "!", Value: "w"}) // as inherit appends
			}
			for _, name := range append(names, "missing", "title!", "author!") {
				want := -1
				for i := range e.Fields {
					if e.Fields[i].Name == name {
						want = i
						break
					}
				}
				if got := e.find(name); got != want {
					t.Errorf("%d fields (+%d): find(%q) = %d, want %d", n, extra, name, got, want)
				}
			}
		}
	}
}
