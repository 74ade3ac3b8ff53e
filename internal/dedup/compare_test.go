package dedup

import (
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
)

func TestBoundedLevenshtein(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
	}{
		{"kitten", "sitting", 5}, {"kitten", "sitting", 2}, {"", "abc", 3}, {"abc", "abc", 0}, {"flaw", "lawn", 2},
		{"comparison of human papillomavirus", "comparison of human papilloma virus", 3},
	}
	for _, tt := range tests {
		want := levenshtein([]rune(tt.a), []rune(tt.b))
		if want > tt.limit {
			want = tt.limit + 1
		}
		if got := boundedLevenshtein([]rune(tt.a), []rune(tt.b), tt.limit); got != want {
			t.Errorf("boundedLevenshtein(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, want)
		}
	}
}
