package ingest

import (
	"bytes"
	"io"
	"math/rand/v2"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// decodeWhole is what the fallback reader must give: valid UTF-8 as it
// is, every other byte read as Windows-1252, the lines that held such a
// byte counted, and the first of them numbered as textio numbers lines
// (ended by LF, CRLF or a bare CR).
func decodeWhole(in []byte) (out []byte, lines, first int) {
	bad := false
	line := 1
	for len(in) > 0 {
		r, size := utf8.DecodeRune(in)
		if r == utf8.RuneError && size <= 1 {
			out = utf8.AppendRune(out, charmap.Windows1252.DecodeByte(in[0]))
			bad = true
			if first == 0 {
				first = line
			}
			in = in[1:]
			continue
		}
		if r == '\n' || r == '\r' && (len(in) == 1 || in[1] != '\n') {
			line++
		}
		if r == '\n' && bad {
			lines++
			bad = false
		}
		out = append(out, in[:size]...)
		in = in[size:]
	}
	if bad {
		lines++
	}
	return out, lines, first
}

// TestFallbackReader compares the fallback reader, reading in pieces of
// every size, with decoding the whole input at once, on random mixes of
// ASCII runs, UTF-8, Windows-1252 bytes and line feeds.
func TestFallbackReader(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := [][]byte{[]byte("plain ascii text "), []byte("\n"), []byte("\r"), []byte("\r\n"), []byte("é"), []byte("漢"), []byte("😀"), {0xe9}, {0x93}, {0xe2, 0x80}, {0xc3}}
	for n := 0; n < 2000; n++ {
		var in []byte
		for k := rng.IntN(40); k > 0; k-- {
			p := pieces[rng.IntN(len(pieces))]
			if rng.IntN(4) == 0 {
				p = bytes.Repeat(p, 1+rng.IntN(50))
			}
			in = append(in, p...)
		}
		want, wantLines, wantFirst := decodeWhole(in)
		fb := newFallbackReader(iotest.OneByteReader(bytes.NewReader(in)))
		if n%2 == 1 {
			fb = newFallbackReader(iotest.HalfReader(bytes.NewReader(in)))
		}
		got, err := io.ReadAll(fb)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) || fb.lines != wantLines || fb.first != wantFirst {
			t.Fatalf("input %q:\ngot  %q (%d lines, the first %d)\nwant %q (%d lines, the first %d)", in, got, fb.lines, fb.first, want, wantLines, wantFirst)
		}
	}
}

// TestEncodingNames checks that --encoding takes an encoding by its WHATWG
// name and by the Windows code page number users know it by, and refuses
// a name it does not know.
func TestEncodingNames(t *testing.T) {
	for label, want := range map[string]string{
		"gbk": "gbk", "cp936": "gbk", "shift_jis": "shift_jis", "CP932": "shift_jis", "euc-kr": "euc-kr",
		"cp949": "euc-kr", "cp950": "big5", "cp1251": "windows-1251", "cp1250": "windows-1250", "cp866": "ibm866",
		"latin1": "windows-1252", "utf8": "utf-8", "cp99999": "",
	} {
		if _, got := lookupEncoding(label); got != want {
			t.Errorf("lookupEncoding(%q) = %q, want %q", label, got, want)
		}
	}
}
