package textio

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
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

// scannerLines is how a LineReader read lines with a bufio.Scanner before
// it buffered its input itself; TestSameAsScanner holds the two to the
// same lines, numbers and errors, on inputs that take the shortcut for
// lines ended by LF (nextLF) and the general path (scan) in turn.
func scannerLines(r io.Reader) (lines []string, nums []int, err error) {
	var (
		sawLF      bool
		lastTerm   byte
		next       = 1
		bomChecked bool
	)
	split := func(data []byte, atEOF bool) (int, []byte, error) {
		if atEOF && len(data) == 0 {
			return 0, nil, nil
		}
		i := bytes.IndexAny(data, "\r\n")
		if i < 0 {
			if atEOF {
				lastTerm = 0
				return len(data), data, nil
			}
			return 0, nil, nil
		}
		if data[i] == '\n' {
			lastTerm = '\n'
			return i + 1, data[:i], nil
		}
		if i+1 >= len(data) && !atEOF {
			return 0, nil, nil
		}
		if i+1 < len(data) && data[i+1] == '\n' {
			lastTerm = '\n'
			return i + 2, data[:i], nil
		}
		lastTerm = '\r'
		return i + 1, data[:i], nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLineLength)
	sc.Split(split)
	for sc.Scan() {
		b := sc.Bytes()
		if next == 1 && !bomChecked {
			bomChecked = true
			b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		}
		lines = append(lines, string(b))
		nums = append(nums, next)
		switch lastTerm {
		case '\n':
			sawLF = true
			next++
		case '\r':
			if !sawLF {
				next++
			}
		}
	}
	if err := sc.Err(); err != nil {
		return lines, nums, err
	}
	return lines, nums, io.EOF
}

// errAfter returns the first n bytes of s, then an error.
type errAfter struct {
	s string
	n int
}

func (r *errAfter) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, errBroken
	}
	k := copy(p, r.s[:min(r.n, len(r.s))])
	r.s, r.n = r.s[k:], r.n-k
	return k, nil
}

var errBroken = errors.New("broken")

func TestSameAsScanner(t *testing.T) {
	inputs := []string{
		"", "a", "a\n", "a\r", "a\r\n", "\r\n", "\n\r", "\r\r\n\n", "a\rb\nc\rd", "x\nAD - a\rAD - b\nER",
		"\ufeffTY  - JOUR\r\nER  - \r\n", "\ufeff", "\ufeff\n\ufeff", "a\n\rb\r\n\rc\r",
		strings.Repeat("x", 70<<10) + "\r" + strings.Repeat("y", 10) + "\r\n" + strings.Repeat("z", 200<<10),
		strings.Repeat("ab\r", 40<<10),
		strings.Repeat("w", startBufSize-1) + "\r\nnext",
		strings.Repeat("w", startBufSize-1) + "\r",
		strings.Repeat("w", startBufSize) + "\n",
		// LF lines, with a bare CR and a CRLF after the first buffer,
		// which the buffer's next read brings to its start
		strings.Repeat("line\n", 14000) + "a\rb\n" + strings.Repeat("line\n", 300) + "c\r\n" + strings.Repeat("line\n", 20<<10),
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", " ", "\r", "\n", "\r\n", "\ufeff", "é"}
	for range 300 {
		var b strings.Builder
		for range rng.IntN(60) {
			b.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		inputs = append(inputs, b.String())
	}
	readers := []struct {
		name string
		make func(string) io.Reader
	}{
		{"whole", func(s string) io.Reader { return strings.NewReader(s) }},
		{"one byte", func(s string) io.Reader { return iotest.OneByteReader(strings.NewReader(s)) }},
		{"half", func(s string) io.Reader { return iotest.HalfReader(strings.NewReader(s)) }},
		{"data with EOF", func(s string) io.Reader { return iotest.DataErrReader(strings.NewReader(s)) }},
		{"error midway", func(s string) io.Reader { return &errAfter{s, len(s) / 2} }},
	}
	for _, in := range inputs {
		for _, rd := range readers {
			if rd.name == "one byte" && len(in) > 1000 {
				continue // each byte would scan the line again
			}
			wantLines, wantNums, wantErr := scannerLines(rd.make(in))
			lr := NewLineReader(rd.make(in))
			var lines []string
			var nums []int
			var err error
			for {
				var b []byte
				var n int
				if b, n, err = lr.Next(); err != nil {
					break
				}
				lines = append(lines, string(b))
				nums = append(nums, n)
			}
			if !slices.Equal(lines, wantLines) || !slices.Equal(nums, wantNums) || err != wantErr {
				t.Errorf("%s reader, input %.40q: lines %.60q %v, %v; want %.60q %v, %v", rd.name, in, lines, nums, err, wantLines, wantNums, wantErr)
			}
		}
	}
}
