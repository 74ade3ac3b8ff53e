package bib

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// The checks below hold the hot-path code of the package to the plain
// code it replaced, on chosen and on random input.

// parseFreeReference is parseFree as written with strings.FieldsFunc and
// strings.ToLower.
func parseFreeReference(s string) Date {
	var d Date
	toks := strings.FieldsFunc(s, isDateSeparator)
	monthAt := -1
	for i, t := range toks {
		lt := strings.ToLower(t)
		if len(t) == 4 && AllDigits(t) {
			if d.Year == 0 {
				d.Year = validYear(t)
			}
			continue
		}
		if len(t) == 8 && AllDigits(t) && d.Year == 0 {
			if c, ok := compactDate(t); ok {
				d.Year, d.Month, d.Day = c.Year, c.Month, c.Day
				monthAt = -2
			} else {
				d.Year = yearOnly(t)
			}
			continue
		}
		if m, ok := monthNames[lt]; ok && d.Month == 0 && monthAt != -2 {
			d.Month = m
			monthAt = i
			continue
		}
		if se, ok := seasonNames[lt]; ok && d.Season == "" && d.Month == 0 {
			d.Season = se
		}
	}
	if d.Year == 0 {
		d.Year = ExtractYear(s)
	}
	if monthAt >= 0 {
		for _, j := range []int{monthAt + 1, monthAt - 1} {
			if j == monthAt-1 && j > 0 && len(toks[j-1]) <= 2 && AllDigits(toks[j-1]) {
				continue
			}
			if j >= 0 && j < len(toks) && len(toks[j]) <= 2 && AllDigits(toks[j]) {
				if n, _ := atoi(toks[j]); n >= 1 && n <= 31 {
					d.Day = n
					break
				}
			}
		}
	}
	return d
}

var dateSamples = []string{
	"", "2023", "APR 21", "2023 JUL 21", "Mar 1", "Jun", "4-8 Aug. 2020", "1 Jan.-Feb. 2019",
	"Start date: 20170812", "10 15", "2016 Jan 15", "2016 Jan-Feb", "2010 Spring", "2000 Dec 23-30",
	"1998 Dec-1999 Jan", "Article 10 2019", "x 20201300 y", "20201399 or 2018", "10190822 2019",
	"SEPTEMBER 2019", "Sept. 3, 2019", "(Fall) 2018", "Winter; 2017", "2019–2020", "2019—Summer",
	"1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 Jan 2020", "DECEMBERDECEMBERDECEMBER 2020",
	"\u212aan 2020", "ſpring 2020", "JAN\u0130 2020", "\xff Jan 2020", "Jan\xff 2020", "  Jan  ", "a/b/c",
}

func TestParseFreeMatchesReference(t *testing.T) {
	check := func(s string) {
		if got, want := parseFree(s), parseFreeReference(s); got != want {
			t.Fatalf("parseFree(%q) = %+v, want %+v", s, got, want)
		}
	}
	for _, s := range dateSamples {
		check(s)
	}
	pieces := []string{"2020", "1999", "Jan", "MAY", "june", "Sept", "spr", "Fall", "WINTER", "3", "31", "12",
		"20170812", " ", "-", "/", ".", ",", "–", "—", ":", ";", "(", ")", "x", "é", "\xc3", "İ", "\u212a"}
	rng := rand.New(rand.NewPCG(3, 4))
	for i := 0; i < 50000; i++ {
		var b strings.Builder
		for n := rng.IntN(30); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		check(b.String())
	}
}

func TestAppendDateTokens(t *testing.T) {
	for _, s := range dateSamples {
		var buf [2]string
		got := appendDateTokens(buf[:0], s)
		want := strings.FieldsFunc(s, isDateSeparator)
		if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
			t.Errorf("appendDateTokens(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestLowerDateWord(t *testing.T) {
	for _, s := range []string{"", "jan", "JAN", "September", "SEPTEMBERSEPTEMBER", "\u212aAN", "İ", "ÉTÉ", "a\xff"} {
		var buf [16]byte
		if got, want := string(lowerDateWord(buf[:0], s)), strings.ToLower(s); got != want {
			t.Errorf("lowerDateWord(%q) = %q, want %q", s, got, want)
		}
	}
}

func BenchmarkParseDate(b *testing.B) {
	dates := []string{"2016 Jan 15", "2010 Spring", "1998 Dec-1999 Jan", "2023-06-01", "2023/06/01/", "4-8 Aug. 2020", "20170812"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, s := range dates {
			ParseDate(s)
		}
	}
}

func TestNormalizeDOIIsFirstFound(t *testing.T) {
	for _, s := range []string{"", "none", "10.1000/abc", "https://doi.org/10.1192/BJP.2023.28.",
		"10.1000/a 10.1000/b", "doi:10.1000/x; 10.2000/y", "10.1002%2Fjcc.540080605", "10.1000/a 10.1000/a"} {
		want := ""
		if d := FindDOIs(s); len(d) > 0 {
			want = d[0]
		}
		if got := NormalizeDOI(s); got != want {
			t.Errorf("NormalizeDOI(%q) = %q, want %q", s, got, want)
		}
	}
}

func BenchmarkNormalizeDOI(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		NormalizeDOI("10.1192/bjp.2023.28")
		NormalizeDOI("https://doi.org/10.1192/BJP.2023.28")
	}
}

// TestHasControlEveryByte puts every byte value at every place of
// strings up to 24 bytes long, among plain text and among line breaks.
func TestHasControlEveryByte(t *testing.T) {
	for _, fill := range []byte{'a', '\n', '\t', '\r', ' ', 0x80, 0xff} {
		for n := 1; n <= 24; n++ {
			for p := 0; p < n; p++ {
				for c := 0; c < 256; c++ {
					b := []byte(strings.Repeat(string(fill), n))
					b[p] = byte(c)
					if got, want := HasControl(string(b)), hasControl(string(b)); got != want {
						t.Fatalf("HasControl(%q) = %v, want %v", b, got, want)
					}
				}
			}
		}
	}
}

func TestControlBytes(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for i := 0; i < 200000; i++ {
		w := rng.Uint64()
		if i%2 == 0 { // mostly small bytes, where the cases are
			w &= 0x1f1f1f1f1f1f1f1f | rng.Uint64()
		}
		var want uint64
		for k := 0; k < 8; k++ {
			if c := byte(w >> (8 * k)); c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				want |= 0x80 << (8 * k)
			}
		}
		if got := controlBytes(w); got != want {
			t.Fatalf("controlBytes(%#x) = %#x, want %#x", w, got, want)
		}
	}
}

func BenchmarkHasControl(b *testing.B) {
	text := strings.Repeat("A line of an abstract, as exports write them.\n", 20)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		HasControl(text)
	}
}

func TestNFCQuickCJK(t *testing.T) {
	for r := rune(cjkFirst); r <= cjkLast; r++ {
		if !nfcQuickYes(r) {
			t.Fatalf("U+%04X is no quick-check yes", r)
		}
	}
}

// TestNFCQuickMatchesNorm checks that isNFCQuick never says yes to text
// that is not in NFC, on every character it knows, every pair of them
// outside the CJK range, and random text with combining marks and invalid bytes.
func TestNFCQuickMatchesNorm(t *testing.T) {
	var known []string
	var runes []rune
	for r := rune(0x80); r < 0x800; r++ {
		runes = append(runes, r)
	}
	for r := rune(punctFirst); r <= punctLast; r++ {
		runes = append(runes, r)
	}
	for _, r := range runes {
		if s := string(r); isNFCQuick(s) {
			known = append(known, s)
		} else if norm.NFC.IsNormalString(s) && nfcQuickYes(r) {
			t.Errorf("isNFCQuick(%q) = false for a quick-check yes", s)
		}
	}
	if len(known) < 1800 {
		t.Fatalf("isNFCQuick knows only %d characters", len(known))
	}
	for _, a := range known {
		for _, b := range known {
			if !norm.NFC.IsNormalString(a + b) {
				t.Fatalf("isNFCQuick(%q) = true, not NFC", a+b)
			}
		}
		if s := "e" + a; isNFCQuick(s) != norm.NFC.IsNormalString(s) {
			t.Fatalf("isNFCQuick(%q) disagrees", s)
		}
	}
	pieces := []string{"a", "e", "A", " ", "é", "e\u0301", "\u0301", "\u0327", "ç", "Å", "A\u030a", "ω", "\u0345",
		"й", "и\u0306", "ש", "\u05b4", "ع", "\u0654", "ا\u0653", "中", "文", "\u1100", "\u1161", "가", "\u11a8",
		"\u0958", "क\u093c", "\xff", "\xc3", "\u212b", "\u0340", "\u0344", "\u0374", "\u037e", "\u0387", "ǅ", "ﬁ",
		"—", "“", "\u2000", "\u2001", "\u20d7", "\u2126", "\u212a", "ₐ", "\u3099", "か\u3099"}
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		for n := rng.IntN(8); n > 0; n-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if isNFCQuick(s) && !norm.NFC.IsNormalString(s) {
			t.Fatalf("isNFCQuick(%q) = true, not NFC", s)
		}
		if NFC(s) != norm.NFC.String(s) {
			t.Fatalf("NFC(%q) = %q, want %q", s, NFC(s), norm.NFC.String(s))
		}
	}
}

func BenchmarkNFC(b *testing.B) {
	texts := []string{"Müller, José; Straße 12 — Ångström", "Влияние температуры", "中文标题 研究", "e\u0301tude"}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			NFC(s)
		}
	}
}

// plainSamples are values of the lengths bibliographic fields have.
var plainSamples = []string{"2019", "12", "345-350", "Smith, J.", "eng", "Journal Article", "Lancet",
	"10.1016/S0140-6736(20)30183-5", "Effects of exercise on depression in older adults: a randomised trial",
	"Department of Psychiatry, University of Oxford, Oxford, UK", "Humans", "Female", "Middle Aged",
	"BMJ Open", "JOUR", "Adult", "Depression/therapy", "McGrath, Patrick J."}

func BenchmarkIsPlain(b *testing.B) {
	for i := 0; i < b.N; i++ {
		for _, s := range plainSamples {
			IsPlain(s)
		}
	}
}

// isPlainReference is IsPlain a byte at a time.
func isPlainReference(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' || strings.Contains(s, "  ") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// TestIsPlainMatchesReference checks the short path, the words and the
// last word read again against the byte loop: every byte value at every
// place, and random text of spaces and edge bytes, up to 40 bytes long.
func TestIsPlainMatchesReference(t *testing.T) {
	check := func(s string) {
		if got, want := IsPlain(s), isPlainReference(s); got != want {
			t.Fatalf("IsPlain(%q) = %v, want %v", s, got, want)
		}
	}
	for n := 0; n <= 40; n++ {
		for _, base := range []string{strings.Repeat("a", n), strings.Repeat("ab c", n)[:n], strings.Repeat("a ", n)[:n]} {
			check(base)
			for p := 0; p < n; p++ {
				for c := 0; c < 256; c++ {
					b := []byte(base)
					b[p] = byte(c)
					check(string(b))
				}
			}
		}
	}
	bytes := []byte{'a', 'a', 'a', ' ', ' ', 0x7f, 0x7e, 0x1f, 0x20, 0x80, 0xff, '\n'}
	rng := rand.New(rand.NewPCG(9, 10))
	for i := 0; i < 200000; i++ {
		b := make([]byte, rng.IntN(41))
		for k := range b {
			b[k] = bytes[rng.IntN(len(bytes))]
		}
		check(string(b))
	}
}
