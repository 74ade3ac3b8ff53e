package bib

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestIsPlain checks IsPlain against CleanText and NFC on random
// text: it must never call text plain that they would change, and must
// call plain the printable ASCII with single spaces that most cells are.
func TestIsPlain(t *testing.T) {
	pieces := []string{"a", "Z", "1", ".", " ", "  ", "\t", "\n", "\r", "\x01", "\x7f", "é", "e\u0301", "\u00a0", "\u200b", "\ufeff", "!", "\"", "~"}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		for n := rng.IntN(40); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		clean := CleanText(s) == s && NFC(s) == s
		if IsPlain(s) && !clean {
			t.Fatalf("IsPlain(%q) but cleaning changes it", s)
		}
		ascii := !strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r >= 0x7f })
		if clean && ascii && !IsPlain(s) {
			t.Fatalf("IsPlain(%q) = false for clean ASCII text", s)
		}
	}
}

// TestIsPlainEveryPosition puts each thing IsPlain must catch at every
// place of strings up to 48 bytes long, inside and across the words it
// reads at once.
func TestIsPlainEveryPosition(t *testing.T) {
	for n := 2; n <= 48; n++ {
		base := []byte(strings.Repeat("ab c", n)[:n])
		base[0], base[n-1] = 'x', 'y'
		if s := string(base); !IsPlain(s) && !strings.Contains(s, "  ") {
			t.Fatalf("IsPlain(%q) = false", s)
		}
		for p := 1; p+2 < n; p++ {
			b := []byte(strings.Repeat("a", n))
			b[p], b[p+1] = ' ', ' '
			if IsPlain(string(b)) {
				t.Errorf("IsPlain(%q) = true: two spaces at %d", b, p)
			}
		}
		for p := 0; p < n; p++ {
			for _, c := range []byte{0x00, 0x09, 0x0a, 0x1f, 0x80, 0xc3, 0xff} {
				b := []byte(strings.Repeat("a", n))
				b[p] = c
				if IsPlain(string(b)) {
					t.Errorf("IsPlain(%q) = true: byte 0x%02x at %d", b, c, p)
				}
			}
		}
	}
}
