package endnotexml

import (
	"strings"
	"testing"
)

// TestWordChecks compares the eight-bytes-at-a-time checks with plain
// byte loops on every string of a small alphabet, at every alignment.
func TestWordChecks(t *testing.T) {
	alphabet := []string{"a", " ", "&", "\n", "\x1f", "\x7f", "é", "Z", "~", "\x00", "!", "%", "'", "\x80"}
	slowClean := func(s string) bool {
		if s == "" {
			return true
		}
		if s[0] == ' ' || s[len(s)-1] == ' ' || strings.Contains(s, "  ") {
			return false
		}
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < ' ' || c >= 0x7f || c == '&' {
				return false
			}
		}
		return true
	}
	slowPlain := func(s string) bool {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < ' ' || c == '&' {
				return false
			}
		}
		return true
	}
	slowFirst := func(s string, amp bool) int {
		for i := 0; i < len(s); i++ {
			if c := s[i]; c < ' ' || amp && c == '&' {
				return i
			}
		}
		return len(s)
	}
	var gen func(prefix string, n int)
	gen = func(prefix string, n int) {
		if n == 0 {
			for _, pad := range []string{"", "abcdefg", "a b c d", "abc", "abcdefghijklmnopq", "a b c d e f g h i"} {
				for _, s := range []string{pad + prefix, prefix + pad, pad + prefix + pad} {
					if got, want := cleanASCII(s), slowClean(s); got != want {
						t.Fatalf("cleanASCII(%q) = %v, want %v", s, got, want)
					}
					if got, want := plain(s), slowPlain(s); got != want {
						t.Fatalf("plain(%q) = %v, want %v", s, got, want)
					}
					for _, amp := range []bool{false, true} {
						if got, want := firstControl(s, amp), slowFirst(s, amp); got != want {
							t.Fatalf("firstControl(%q, %v) = %d, want %d", s, amp, got, want)
						}
						if got, want := firstControl([]byte(s), amp), slowFirst(s, amp); got != want {
							t.Fatalf("firstControl([]byte(%q), %v) = %d, want %d", s, amp, got, want)
						}
					}
				}
			}
			return
		}
		for _, a := range alphabet {
			gen(prefix+a, n-1)
		}
	}
	for n := 0; n <= 4; n++ {
		gen("", n)
	}
	long := strings.Repeat("Collaborative care for depression, ", 5)
	if !cleanASCII(strings.TrimSpace(long)) || cleanASCII(long+" x") || !plain(long+"é") || plain(long+"&amp;") {
		t.Error("long strings checked wrongly")
	}
}

// TestIndexEndTag checks indexEndTag against bytes.Index.
func TestIndexEndTag(t *testing.T) {
	for _, in := range []string{"", "<", "</record>", "/record>", "x/record></record>", "</record/record>",
		"<title>a/b</title></record><record>", "</recor</record>", "<</record>", "//record>", "</RECORD></record>",
		"/record></record>", "a</record", "</records></record>"} {
		for _, tag := range []string{"</record>", "</RECORD>"} {
			if got, want := indexEndTag([]byte(in), tag), strings.Index(in, tag); got != want {
				t.Errorf("indexEndTag(%q, %q) = %d, want %d", in, tag, got, want)
			}
		}
	}
}
