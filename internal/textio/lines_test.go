package textio

import (
	"io"
	"strings"
	"testing"
)

func TestLineReader(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		lines []string
		nums  []int
	}{
		{"lf", "a\nb\n", []string{"a", "b"}, []int{1, 2}},
		{"crlf", "a\r\nb\r\nc", []string{"a", "b", "c"}, []int{1, 2, 3}},
		{"cr only", "a\rb\rc\r", []string{"a", "b", "c"}, []int{1, 2, 3}},
		{"bare cr inside lf", "x\nAD - a\rAD - b\nER", []string{"x", "AD - a", "AD - b", "ER"}, []int{1, 2, 2, 3}},
		{"blank lines", "\n\na\n", []string{"", "", "a"}, []int{1, 2, 3}},
		{"lf cr", "a\n\rb\n", []string{"a", "", "b"}, []int{1, 2, 2}},
		{"empty", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lr := NewLineReader(strings.NewReader(tt.in))
			var lines []string
			var nums []int
			for {
				b, n, err := lr.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				lines = append(lines, string(b))
				nums = append(nums, n)
			}
			if strings.Join(lines, "|") != strings.Join(tt.lines, "|") || len(nums) != len(tt.nums) {
				t.Fatalf("lines %q %v, want %q %v", lines, nums, tt.lines, tt.nums)
			}
			for i := range nums {
				if nums[i] != tt.nums[i] {
					t.Fatalf("numbers %v, want %v", nums, tt.nums)
				}
			}
		})
	}
}

func TestPeek(t *testing.T) {
	lr := NewLineReader(strings.NewReader("a\nb\nc"))
	b, n, _ := lr.Next()
	if string(b) != "a" || n != 1 {
		t.Fatalf("got %q %d", b, n)
	}
	p, pn, _ := lr.Peek()
	if string(p) != "b" || pn != 2 || lr.Line() != 1 {
		t.Fatalf("peek %q %d line %d", p, pn, lr.Line())
	}
	b, n, _ = lr.Next()
	if string(b) != "b" || n != 2 {
		t.Fatalf("after peek %q %d", b, n)
	}
	b, n, _ = lr.Next()
	if string(b) != "c" || n != 3 {
		t.Fatalf("got %q %d", b, n)
	}
	if _, _, err := lr.Next(); err != io.EOF {
		t.Fatalf("want EOF, got %v", err)
	}
}

func TestByteOrderMark(t *testing.T) {
	lr := NewLineReader(strings.NewReader("\ufeffTY  - JOUR\n\ufeffx\n"))
	for _, want := range []string{"TY  - JOUR", "\ufeffx"} {
		b, _, err := lr.Next()
		if err != nil || string(b) != want {
			t.Fatalf("got %q %v, want %q", b, err, want)
		}
	}
}

func TestUnread(t *testing.T) {
	lr := NewLineReader(strings.NewReader("a\nb\nc"))
	lr.Next()
	b, n, _ := lr.Next()
	lr.Unread(b, n)
	for _, want := range []struct {
		line string
		n    int
	}{{"b", 2}, {"c", 3}} {
		b, n, err := lr.Next()
		if err != nil || string(b) != want.line || n != want.n || lr.Line() != want.n {
			t.Fatalf("got %q %d (line %d) %v, want %q %d", b, n, lr.Line(), err, want.line, want.n)
		}
	}
}
