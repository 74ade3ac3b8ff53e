package bib

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// The helpers below replace standard-library calls on hot paths; each is
// checked against the call it replaces.

func TestSplitN(t *testing.T) {
	for _, s := range []string{"", "a", "a/b", "a/b/c/d/e", "/", "//", "2023/06/01/", "a//b"} {
		for _, n := range []int{-1, 1, 2, 4} {
			var buf [2]string
			got := splitN(buf[:0], s, "/", n)
			want := strings.SplitN(s, "/", n)
			if strings.Join(got, "|") != strings.Join(want, "|") || len(got) != len(want) {
				t.Errorf("splitN(%q, %d) = %q, want %q", s, n, got, want)
			}
		}
	}
}

func TestAtoi(t *testing.T) {
	for _, s := range []string{"0", "7", "12", "2023", "012", "999999999", "", "-1", "+1", "1a", " 1", "1234567890", "٣"} {
		got, err := atoi(s)
		want, werr := strconv.Atoi(s)
		if werr != nil || want < 0 || len(s) > 9 || strings.ContainsAny(s, "+-") {
			if err == nil {
				t.Errorf("atoi(%q) = %d, want an error", s, got)
			}
			continue
		}
		if err != nil || got != want {
			t.Errorf("atoi(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
}

func TestContainsFold(t *testing.T) {
	for _, tt := range []struct {
		s, sub string
		want   bool
	}{
		{"1234-5678 (Print)", "print", true},
		{"1234-5678 (PRINT)", "print", true},
		{"1234-5678 (Electronic)", "print", false},
		{"e-ISSN 1234-5678", "e-issn", true},
		{"", "print", false},
		{"prin", "print", false},
		{"23690738[PMID]", "[pmid]", true},
		{"23690738 {pmid}", "[pmid]", false},
		{"PMID: 1", "pmid:", true},
		{"anything", "", true},
	} {
		if got := ContainsFold(tt.s, tt.sub); got != tt.want {
			t.Errorf("ContainsFold(%q, %q) = %v", tt.s, tt.sub, got)
		}
		if want := strings.Contains(strings.ToLower(tt.s), tt.sub); ContainsFold(tt.s, tt.sub) != want {
			t.Errorf("ContainsFold(%q, %q) disagrees with strings.Contains", tt.s, tt.sub)
		}
	}
}

func TestHasPrefixFold(t *testing.T) {
	for _, tt := range []struct {
		s, prefix string
		want      bool
	}{
		{"PMID: 123", "pmid", true},
		{"pmcid PMC1", "pmcid", true},
		{"PMI", "pmid", false},
		{"xpmid", "pmid", false},
		{"", "", true},
	} {
		if got := HasPrefixFold(tt.s, tt.prefix); got != tt.want {
			t.Errorf("HasPrefixFold(%q, %q) = %v", tt.s, tt.prefix, got)
		}
	}
}

func TestISSNKind(t *testing.T) {
	for in, want := range map[string]string{
		"0007-1250 (Print)": ISSNPrint, "1469-2139 (Electronic)": ISSNElectronic, "0007-1250 (Linking)": ISSNLinking,
		"eISSN 1469-2139": ISSNElectronic, "0007-1250": "", "1234-567X": "", "1234-567x online": ISSNElectronic, "E2196-7822": ISSNElectronic, "P0013-1881": ISSNPrint,
		// longer than the stack buffer, and not ASCII: searched in place
		"0007-1250 (print edition, also sold on paper, of a journal)": ISSNPrint, "1469-2139 (édition électronique; ONLINE)": ISSNElectronic, "1469-2139 (Imprimé)": "",
	} {
		if got := ISSNKind(in); got != want {
			t.Errorf("ISSNKind(%q) = %q, want %q", in, got, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { ISSNKind("1101-1262 (Electronic)") }); n != 0 {
		t.Errorf("ISSNKind allocates %v times", n)
	}
	// The one pass over ASCII finds what looking for each word in turn
	// finds.
	slow := func(s string) string {
		switch {
		case !hasWord(s):
			return ""
		case ContainsFold(s, "linking"):
			return ISSNLinking
		case ContainsFold(s, "electronic"), ContainsFold(s, "online"), ContainsFold(s, "eissn"), ContainsFold(s, "e-issn"), ContainsFold(s, "internet"):
			return ISSNElectronic
		case ContainsFold(s, "print"), ContainsFold(s, "paper"):
			return ISSNPrint
		case len(s) > 1 && (s[0] == 'E' || s[0] == 'e') && isDigit(s[1]):
			return ISSNElectronic
		case len(s) > 1 && (s[0] == 'P' || s[0] == 'p') && isDigit(s[1]):
			return ISSNPrint
		}
		return ""
	}
	pieces := []string{"Linking", "electronic", "ONLINE", "eissn", "E-ISSN", "internet", "Print", "paper", "1101-1262", " ", "(", ")", "e", "p", "l", "2", "-", "link", "elec", "pri", "x"}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if s := b.String(); ISSNKind(s) != slow(s) {
			t.Fatalf("ISSNKind(%q) = %q, want %q", s, ISSNKind(s), slow(s))
		}
	}
}

func TestIsMeSHHeading(t *testing.T) {
	for in, want := range map[string]bool{
		"*Humans": true, "Neoplasms/therapy": true, "Neoplasms/*drug therapy/Mortality": true,
		"HIV/AIDS": false, "Neoplasms/therapy/AIDS": false, "Humans": false, "/therapy": false,
		"Neoplasms/ therapy ": true, "Brain/a-qualifier-longer-than-any-qualifier-there-is": false,
		"*cyp2d6": false, "*latency": false, "*beta-Lactamases": true, "*Primaquine": true,
		"Breast Diseases/ra [Radiography]": true, "Liver/us [Ultrasonography]": true,
	} {
		if got := IsMeSHHeading(in); got != want {
			t.Errorf("IsMeSHHeading(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestIsEtAlAndSuffix(t *testing.T) {
	for in, want := range map[string]bool{"et al": true, "ET AL.": true, "[et al.]": true, "others": true, "Etal": false, "Ethan": false} {
		if got := IsEtAl(in); got != want {
			t.Errorf("IsEtAl(%q) = %v, want %v", in, got, want)
		}
	}
	for in, want := range map[string]bool{"Jr": true, "JR.": true, " III ": true, "Jones": false} {
		if got := isSuffix(in); got != want {
			t.Errorf("isSuffix(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestASCIIChecks(t *testing.T) {
	for _, s := range []string{"", "a", "plain ascii text of some length", "with é accent", "ünïcode at start", "tail ascii then \x80", strings.Repeat("x", 17) + "é"} {
		want := true
		for i := 0; i < len(s); i++ {
			if s[i] >= 0x80 {
				want = false
			}
		}
		if got := isASCII(s); got != want {
			t.Errorf("isASCII(%q) = %v", s, got)
		}
	}
}

func TestTrimASCII(t *testing.T) {
	for _, s := range []string{"", ",", ", ;", "Byng, R.,", ";Byng;", "[Anonymous]", "a", "é,", ",é"} {
		for _, set := range []string{",; ", "[]", ". "} {
			if got, want := TrimASCII(s, set), strings.Trim(s, set); got != want {
				t.Errorf("TrimASCII(%q, %q) = %q, want %q", s, set, got, want)
			}
			if got, want := TrimRightASCII(s, set), strings.TrimRight(s, set); got != want {
				t.Errorf("TrimRightASCII(%q, %q) = %q, want %q", s, set, got, want)
			}
		}
	}
}

// TestTrimSpace checks the shortcut against strings.TrimSpace, with ASCII
// and Unicode white space and bytes that are no UTF-8 at either end.
func TestTrimSpace(t *testing.T) {
	pieces := []string{"a", " ", "\t", "\n", "\r", "!", "~", "\x7f", "\x00", "é", "\u00a0", "\u0085", "\u2003", "\xff"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(6) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		if s := b.String(); TrimSpace(s) != strings.TrimSpace(s) {
			t.Fatalf("TrimSpace(%q) = %q, want %q", s, TrimSpace(s), strings.TrimSpace(s))
		}
	}
}
