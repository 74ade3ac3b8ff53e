package bibtex

import (
	"slices"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
)

// TestIndexArXiv checks indexArXiv, which searches ASCII text without a
// lower-case copy, against the search in the copy that it stands for.
func TestIndexArXiv(t *testing.T) {
	for _, s := range []string{
		"", "arXiv", "arXiv:2101.00001", "ARXIV:2101.00001", "arxiv preprint arXiv:2101.00001",
		"Journal: a study", "x:arxiv:1", "arxi:v arXiv:1", ":arxiv:", "arxiv::", "preprint, ArXiv:hep-th/9901001",
		"İstanbul arXiv:2101.00001", "Zürich, arXiv:2101.00001v2", "\xffarXiv:2101.00001", "ΑΡΧΙΒ arxiv:1234.5678",
	} {
		if got, want := indexArXiv(s), strings.Index(strings.ToLower(s), "arxiv:"); got != want {
			t.Errorf("indexArXiv(%q) = %d, want %d", s, got, want)
		}
	}
}

// TestMonthNumber checks monthNumber, which lower-cases short ASCII names
// on the stack, against the look-up of the lower-case copy.
func TestMonthNumber(t *testing.T) {
	for _, m := range []string{
		"June", "JUNE", "june", "jUnE", "Juin", "MÄRZ", "März", "Décembre", "DÉCEMBRE", "Août",
		"September", "Septiembre", "Setiembre", "Spring", "Jun", "", "averyveryverylongmonthname", "Januaryyyyyyyyyy",
	} {
		n, ok := monthNumber(m)
		wn, wok := monthNumbers[strings.ToLower(m)]
		if n != wn || ok != wok {
			t.Errorf("monthNumber(%q) = %d, %v, want %d, %v", m, n, ok, wn, wok)
		}
	}
}

// TestAddDOIField checks addDOIField, which searches a token without a
// SICI's '<' without lower-casing it, against what the field's tokens
// give when each is lower-cased and checked for a whole SICI DOI first.
func TestAddDOIField(t *testing.T) {
	want := func(v string) []string {
		var out []string
		for _, tok := range strings.Fields(v) {
			low := strings.ToLower(tok)
			for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"} {
				if strings.HasPrefix(low, p) {
					low = low[len(p):]
					break
				}
			}
			low = strings.TrimRight(low, ".,;")
			if strings.HasPrefix(low, "10.") && strings.Contains(low, "/") && strings.Contains(low, "<") &&
				!strings.Contains(low, "%") && bib.NormalizeDOI(low) != "" {
				out = append(out, low)
				continue
			}
			out = append(out, bib.FindDOIs(tok)...)
		}
		return out
	}
	for _, v := range []string{
		"", "10.1000/xyz", "10.1016/S0140-6736(20)30183-5", "https://doi.org/10.1000/ABC.",
		"DOI:10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0",
		"10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0 10.1000/xyz",
		"10.1000/a 10.1000/a 10.1000/b", "see 10.1000/a, and\t10.1000/B;", "no doi", "10.1000/a%2Fb <x>",
		"10.1234/x&lt;1&gt;", "https://dx.doi.org/10.1000/%3Cx%3E", "10.1000/Ü\u00a010.1000/x",
	} {
		var rec bib.Record
		addDOIField(&rec, v)
		var ref bib.Record
		for _, d := range want(v) {
			ref.AddIdentifier(bib.DOI, d)
		}
		if !slices.Equal(rec.Identifiers, ref.Identifiers) {
			t.Errorf("addDOIField(%q) = %v, want %v", v, rec.Identifiers, ref.Identifiers)
		}
	}
}
