package csljson

import (
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// parseDate is bib.ParseDate for text of any origin. bib.ParseDate never
// returns on an eight-digit number that is no YYYYMMDD date ("21962020",
// "20201399"): it tries the number as a compact date, fails, and tries
// again. Such numbers are blanked out first. A date that begins with a
// minus sign ("-2012-13/-2013-14", EDTF's years before the common era) has
// no year bibdb keeps: it is kept only as written.
func parseDate(s string) bib.Date {
	s = bib.CleanText(s)
	if len(s) > 1 && s[0] == '-' && s[1] >= '0' && s[1] <= '9' {
		return bib.Date{Raw: s}
	}
	return bib.ParseDate(blankFalseCompactDates(s))
}

// blankFalseCompactDates replaces with spaces every eight-digit token (as
// bib.ParseDate splits its text) that is not a date from 1500 to 2099.
func blankFalseCompactDates(s string) string {
	run := 0
	found := false
	for i := 0; i < len(s) && !found; i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			found = run >= 8
		} else {
			run = 0
		}
	}
	if !found {
		return s
	}
	isSep := func(r rune) bool {
		return r == ' ' || r == '/' || r == '-' || r == ',' || r == '.' || r == '–' || r == '—' || r == ':' || r == ';' || r == '(' || r == ')'
	}
	b := []byte(s)
	start := -1
	for i, r := range s + " " {
		if !isSep(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start == 8 && !compactDate(s[start:i]) {
			for j := start; j < i; j++ {
				b[j] = ' '
			}
		}
		start = -1
	}
	return strings.TrimSpace(string(b))
}

// compactDate reports whether t is eight digits that bib.ParseDate reads
// as YYYYMMDD (year 1500–2099, month 01–12), or is not all digits.
func compactDate(t string) bool {
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return true
		}
	}
	y := int(t[0]-'0')*1000 + int(t[1]-'0')*100 + int(t[2]-'0')*10 + int(t[3]-'0')
	m := int(t[4]-'0')*10 + int(t[5]-'0')
	return y >= 1500 && y <= 2099 && m >= 1 && m <= 12
}

// dois returns the DOIs of a value that holds DOIs and nothing else, such
// as a DOI column or variable ("10.1002/(sici)1521-396x(199711)164:1<141::
// aid-pssa141>3.0.co;2-g; 10.5555/x"): each is taken whole, in lower case,
// without a doi.org or "doi:" prefix. bib.FindDOIs, made to find DOIs in
// running text, would cut such a DOI at its "<"; it reads the parts that
// are not plainly a DOI.
func dois(v string) []string {
	var out []string
	for _, tok := range strings.Fields(v) {
		tok = strings.TrimRight(tok, ".,;")
		d := tok
		low := strings.ToLower(d)
		for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:"} {
			if strings.HasPrefix(low, p) {
				d, low = d[len(p):], low[len(p):]
				break
			}
		}
		if strings.HasPrefix(low, "10.") && strings.IndexByte(low, '/') > 3 && !strings.ContainsAny(low, "%\"\\") {
			out = appendNew(out, low)
			continue
		}
		for _, f := range bib.FindDOIs(tok) {
			out = appendNew(out, f)
		}
	}
	return out
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
