package bib

import "strings"

// ParsePages splits a page range as written into its first and last page.
// Every dash form is a separator ("-", "--", "–", "—", "‐", "−"), a leading
// "p."/"pp." is dropped, a trailing "+" (continued elsewhere) is dropped, and
// an abbreviated last page is expanded: "466-75" → ("466", "475"). A single
// page or article number ("e0815") gives an empty last page.
func ParsePages(s string) (first, last string) {
	s = CleanText(s)
	if s == "" || isNoPage(s) {
		return "", ""
	}
	// The label, as often as it is written ("P.p.0" would otherwise keep
	// a label that the page written back loses when read again).
	for stripped := true; stripped; {
		stripped = false
		low := strings.ToLower(s)
		for _, p := range []string{"pp.", "pp", "p.", "pages", "page"} {
			if strings.HasPrefix(low, p) && len(s) > len(p) && (s[len(p)] == ' ' || s[len(p)-1] == '.' || isDigit(s[len(p)])) {
				s = TrimSpace(s[len(p):])
				stripped = true
				break
			}
		}
	}
	if i := strings.IndexAny(s, ",;"); i > 0 {
		s = TrimSpace(s[:i])
	}
	s = trimVolume(s)
	if s[0] == '-' || strings.HasPrefix(s, "–") || strings.HasPrefix(s, "—") {
		// the last page alone, as MEDLINE's PG ("-423") and BibTeX's
		// pages ("--423", read "–423") write it when the first is not
		// known
		if last := strings.TrimLeft(s, "-–— "); last != "" && strings.IndexAny(last, "-–—") < 0 {
			return "", strings.TrimRight(last, "+ ")
		}
	}
	sep := -1
	sepLen := 0
	for i, r := range s {
		if i == 0 {
			continue
		}
		switch r {
		case '-', '–', '—', '‐', '‑', '−', '‒':
			sep = i
			sepLen = len(string(r))
			for sep+sepLen < len(s) && (s[sep+sepLen] == '-') {
				sepLen++
			}
		}
		if sep >= 0 {
			break
		}
	}
	if sep < 0 {
		return strings.TrimRight(s, "+ "), ""
	}
	first = strings.TrimRight(s[:sep], "+ ")
	last = TrimSpace(strings.TrimRight(s[sep+sepLen:], "+ "))
	last = strings.TrimLeft(last, "-–— ")
	if AllDigits(first) && AllDigits(last) && len(last) < len(first) {
		cand := first[:len(first)-len(last)] + last
		if cand >= first || len(cand) > len(first) {
			last = cand
		}
	}
	return first, last
}

// trimVolume drops the volume IEEE Xplore writes after the pages of a
// paper in proceedings of several volumes: "2307-2311 Vol.2", "1059-1064
// vol. 2". The volume is the record's volume, no page.
func trimVolume(s string) string {
	i := -1
	for _, v := range []string{" vol", " Vol", " VOL"} {
		i = max(i, strings.LastIndex(s, v))
	}
	if i <= 0 {
		return s
	}
	n := strings.TrimLeft(s[i+4:], ". ")
	if n == "" || len(n) > 4 {
		return s
	}
	for k := 0; k < len(n); k++ {
		if !isDigit(n[k]) && !strings.ContainsRune("IVXivx", rune(n[k])) {
			return s
		}
	}
	return TrimSpace(s[:i])
}

// isNoPage reports whether s says there is no page: "n/a", which Wiley
// writes for an article online ahead of its issue, and the like.
func isNoPage(s string) bool {
	if len(s) > 9 || len(s) < 2 || s[0]|0x20 != 'n' {
		return false
	}
	switch strings.ToLower(s) {
	case "n/a", "n.a.", "n/a-n/a", "n/a–n/a", "na":
		return true
	}
	return false
}
