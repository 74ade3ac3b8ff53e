package csvtable

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math/rand"
	"strings"
	"testing"
	"testing/iotest"
)

// csvRow is a row as encoding/csv reads it: what rows must give.
type csvRow struct {
	cells     []string
	positions [][2]int // line and column of each cell
	text      string   // the input since the previous row, line ends around it trimmed
	line      int      // the line of the first cell
}

// readCSV reads text with encoding/csv as the reader used it before it
// had its own row reader: LazyQuotes, any number of cells, the row's text
// cut out between two InputOffsets.
func readCSV(t *testing.T, in string, comma byte) []csvRow {
	t.Helper()
	cr := csv.NewReader(strings.NewReader(in))
	cr.Comma = rune(comma)
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	var out []csvRow
	var end int64
	for {
		cells, err := cr.Read()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("encoding/csv: %v", err)
		}
		row := csvRow{cells: cells}
		for i := range cells {
			l, c := cr.FieldPos(i)
			row.positions = append(row.positions, [2]int{l, c})
		}
		row.line = row.positions[0][0]
		start := end
		end = cr.InputOffset()
		row.text = strings.Trim(in[start:end], "\r\n")
		out = append(out, row)
	}
}

// readRows reads text with rows, from a reader that hands it out as read
// says.
func readRows(t *testing.T, src io.Reader, comma byte) []csvRow {
	t.Helper()
	r := newRows(src, comma)
	var out []csvRow
	for {
		cells, text, err := r.next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("rows: %v", err)
		}
		row := csvRow{cells: append([]string(nil), cells...), text: text, line: r.line}
		for i := range cells {
			l, c := r.fieldPos(i)
			row.positions = append(row.positions, [2]int{l, c})
		}
		out = append(out, row)
	}
}

// checkRows reads in with rows, whole and a byte at a time, and with
// encoding/csv, and reports where they differ.
func checkRows(t *testing.T, in string, comma byte) {
	t.Helper()
	want := readCSV(t, in, comma)
	for _, src := range []struct {
		name string
		r    io.Reader
	}{
		{"whole", strings.NewReader(in)},
		{"one byte at a time", iotest.OneByteReader(strings.NewReader(in))},
		{"half", iotest.HalfReader(strings.NewReader(in))},
	} {
		got := readRows(t, src.r, comma)
		if g, w := fmt.Sprintf("%#v", got), fmt.Sprintf("%#v", want); g != w {
			t.Errorf("%q (%s):\n got %s\nwant %s", in, src.name, g, w)
		}
	}
}

// TestRowsAsEncodingCSV checks that rows reads cells, their positions and
// the rows' text as encoding/csv with LazyQuotes does.
func TestRowsAsEncodingCSV(t *testing.T) {
	tests := []string{
		"",
		"\n",
		"\r\n\r\n",
		"\r",
		"a",
		"a\r",
		"a\r\r",
		"a,b\nc,d\n",
		"a,b\r\nc,d\r\n",
		"a,b\r\r\nc\r\n",
		"\n\na,b\n\n\nc\n",
		"a,\n,b\n,\n",
		`"a","b"` + "\n",
		`"a,b",c` + "\n",
		`"a""b",c` + "\n",
		`"a""b""c",""""` + "\n",
		`"",x` + "\n",
		`a"b,c"d` + "\n",
		`"a"b,c` + "\n",
		`"a" ,b` + "\n",
		`"a"` + "\r\n" + `"b"` + "\r\n",
		"\"a\nb\",c\nd\n",
		"\"a\r\nb\",c\r\nd\r\n",
		"\"a\r\n\r\nb\"\r\n",
		"\"a\n\nb\n\",c\n",
		"x,\"a\n",
		"x,\"a\n\n",
		"x,\"a\r\n\r\n",
		"x,\"a\r",
		"x,\"",
		"x,\"\"\"",
		"\"\n",
		" , \n\t,\n",
		"é,\"ü\"\n\"ß\"\"\",ø",
		"a;b;\"c;d\"\n",
		"title\r\n\"multi\r\nline\",x\r\n\r\nlast",
	}
	for _, in := range tests {
		checkRows(t, in, ',')
	}
	checkRows(t, "a;b;\"c;d\"\n\"e\";f", ';')
	checkRows(t, "a\tb\t\"c\td\"\n", '\t')
}

// TestRowsRandom compares rows with encoding/csv on random text made of
// the bytes that matter to them.
func TestRowsRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := []string{"a", "b", ",", ",", "\"", "\"", "\"\"", "\n", "\r", "\r\n", " ", "é", ";"}
	for n := 0; n < 3000; n++ {
		var b strings.Builder
		for k := rng.Intn(40); k > 0; k-- {
			b.WriteString(alphabet[rng.Intn(len(alphabet))])
		}
		checkRows(t, b.String(), ',')
		if t.Failed() {
			return
		}
	}
}

// TestRowsLong reads rows longer than one read of the input, with cells
// that span reads.
func TestRowsLong(t *testing.T) {
	var b bytes.Buffer
	for i := 0; i < 200; i++ {
		fmt.Fprintf(&b, "%d,\"%s\",%s,\"a \"\"quoted\"\" word\r\nand a line\"\n", i, strings.Repeat("x", i*97), strings.Repeat("y", 1000+i))
	}
	checkRows(t, b.String(), ',')
}

// TestRowsAllocations checks that a row whose cells are runs of its text
// costs one string, and one more when some cell is not.
func TestRowsAllocations(t *testing.T) {
	for _, tt := range []struct {
		row    string
		allocs float64
	}{
		{"plain,\"quoted, with comma\",\"a stray \" quote\",,last\n", 1},
		{"plain,\"doubled \"\"quote\"\"\",\"line\r\nend\"\n", 2},
	} {
		in := strings.NewReader(strings.Repeat(tt.row, 1000))
		r := newRows(in, ',')
		r.next() // the buffers
		if got := testing.AllocsPerRun(100, func() { r.next() }); got != tt.allocs {
			t.Errorf("%q: %v allocations a row, want %v", tt.row, got, tt.allocs)
		}
	}
}
