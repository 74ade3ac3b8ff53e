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
