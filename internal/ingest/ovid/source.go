package ovid

import (
	"regexp"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// citation is what a source line (SO) says: each database writes it its
// own way.
//
//	Br J Psychiatry. 222(6):246-256, 2023 Jun.                    MEDLINE, BIOSIS
//	Journal of Affective Disorders. 245 (pp 1-10), 2019. Date of Publication: 15 Feb 2019.   Embase
//	BMC Proceedings. Conference: ... 12 (Supplement 3) (no pagination), 2018.                Embase
//	Behavioural and Cognitive Psychotherapy. Vol.43(5), Sep 2015, pp. 623-634.               PsycInfo
//	Neenan, Michael [Ed]; Palmer, Stephen [Ed]. (2012). Cognitive behavioural coaching
//	    in practice. (pp. 11-31). xvii, 254 pp. New York, NY, US: Routledge; US.           PsycInfo, a chapter
//	ACSM'S Health & Fitness Journal January/February 2010;14(1):56                         Journals@Ovid
//	Journal of Political Studies 12, Winter 2007: 7-14.                                     IPSA
//	Hydrobiologia. 2007 15 June; 433-441.                                                   Zoological Record
//	Soil Use and Management, 2024, 40, 1, pp. 12-20                                         CAB Abstracts
//	Kamp, Roza Maria [Editor, Reprint Author], Calvete, Juan J. [Editor]. Methods in
//	    proteome and protein analysis.:371-397, 2004.\nSeries Information:  Principles and Practice.   BIOSIS, a chapter
type citation struct {
	journal, volume, issue, pages, articleNumber string
	date                                         bib.Date
	// a chapter's book, its editors and its imprint
	book             string
	editors          []string
	series           string // BIOSIS's "Series Information"
	publisher, place string
	numberOfPages    string // a book's: "xxv, 186"

	// the text of the date read from the rest of the line, and what
	// bib.ParseDate made of it (see parseDate)
	dateText   string
	parsedDate bib.Date
}

var (
	// "Vol.43(5)", "Vol 75(2-A(E))", "Vol.17,(9)", "vol. 12"
	volWord = regexp.MustCompile(`\b[Vv]ol\.?\s*([^\s(,;:]+)\s*,?\s*(?:\(((?:[^()]|\([^()]*\))*)\))?`)
	// "2024, 40, 1," and "2024, 301,": a year, a volume and an issue
	yearVolIssue = regexp.MustCompile(`^((?:18|19|20)\d\d),\s*(\d[\w-]*)(?:,\s*(\d[\w/-]*))?(?:,|$)`)
	// "(pp 1-10)", "(pp. 11-31)"
	ppParen = regexp.MustCompile(`\(pp\.?\s*([^)]*)\)`)
	// "pp. 623-634"
	ppWord = regexp.MustCompile(`\bpp\.?\s+([A-Za-z]?\d[\w]*(?:\s*-\s*[A-Za-z]?\d[\w]*)?)`)
	// "; 433-441" at the end
	semiPages = regexp.MustCompile(`;\s*(\d+\s*-\s*\d+)$`)
	// "(2012). " in a chapter's source
	parenYear = regexp.MustCompile(`\.\s*\((\d{4})[a-z]?\)\.\s*`)
	// "(2018). " at the start of a book's source
	leadingYear = regexp.MustCompile(`^\((\d{4})[a-z]?\)\.\s*`)
	// the date Journals@Ovid writes between the journal and ";":
	// "January/February 2010", "June 2019", "August 2011"
	ovidDate = regexp.MustCompile(`\s+((?:(?:[A-Z][a-z]+\.?)(?:[/-][A-Z][a-z]+\.?)?\s+)?(?:\d{1,2},?\s+)?\d{4})\s*;`)
)

// articleNumberAt returns where the article number's label is in a source
// line, Embase's "Article Number:" or PsycInfo's "ArtID", and its length,
// or -1.
func articleNumberAt(s string) (int, int) {
	for _, label := range [2]string{"Article Number:", "ArtID"} {
		if i := strings.Index(s, label); i >= 0 {
			return i, len(label)
		}
	}
	return -1, 0
}

// parseSource reads a source line (see citation).
func parseSource(s string) (c citation) {
	s = bib.CleanText(s)
	if s == "" {
		return c
	}
	if i := strings.Index(s, "Date of Publication:"); i >= 0 {
		c.date = bib.ParseDate(strings.Trim(s[i+len("Date of Publication:"):], ". "))
		s = s[:i]
	}
	if i, n := articleNumberAt(s); i >= 0 {
		rest := s[i+n:]
		end := strings.Index(rest, ". ")
		if end < 0 {
			end = len(rest)
		}
		c.articleNumber = strings.Trim(rest[:end], ". ")
		s = s[:i] + rest[end:]
	}
	s = strings.TrimRight(s, ". ")
	if strings.Contains(s, "[Editor") && biosisChapterSource(&c, s) {
		return c
	}
	if strings.Contains(s, "(pp") {
		if m := parenYear.FindStringSubmatchIndex(s); m != nil && strings.Contains(s[m[1]:], "(pp") {
			chapterSource(&c, s, m)
			return c
		}
	} else if strings.Contains(s, " pp. ") {
		m := leadingYear.FindStringSubmatchIndex(s)
		if m == nil {
			m = parenYear.FindStringSubmatchIndex(s)
		}
		if m != nil && bookSource(&c, s, m) {
			return c
		}
	}

	journal, rest, date := splitJournal(s)
	c.journal = journal
	if rest == "" {
		if date != "" {
			c.orDate(date)
		}
		return c
	}
	left := rest // what is left once volume, issue and pages are taken
	take := func(from, to int) {
		left = cut(left, from, to)
	}
	// Each regular expression is tried only on text that holds what it
	// must match: most sources have no "pp" and no "Vol".
	if !strings.Contains(left, "pp") {
	} else if m := ppParen.FindStringSubmatchIndex(left); m != nil {
		c.pages = left[m[2]:m[3]]
		take(m[0], m[1])
	} else if m := ppWord.FindStringSubmatchIndex(left); m != nil {
		c.pages = left[m[2]:m[3]]
		take(m[0], m[1])
	}
	left = strings.Replace(left, "(no pagination)", " ", 1)
	if m := matchIf(volWord, left, "ol"); m != nil {
		c.volume = left[m[2]:m[3]]
		if m[4] >= 0 {
			c.issue = left[m[4]:m[5]]
		}
		take(m[0], m[1])
	} else if t := strings.TrimLeft(left, " "); t != "" {
		off := len(left) - len(t)
		if m := matchIf(yearVolIssue, t, ","); m != nil {
			// CAB Abstracts: "2024, 40, 1, pp. 12-20"
			c.volume = t[m[4]:m[5]]
			if m[6] >= 0 {
				c.issue = t[m[6]:m[7]]
			}
			take(off+m[3], off+m[1])
		} else if m, ok := volIssueIndex(t); ok && t[m[2]:m[3]] != "pp" {
			c.volume, c.issue = t[m[2]:m[3]], t[m[4]:m[5]]
			take(off+m[0], off+m[1])
		} else if n := leadingNumber(t); n != "" && !(len(n) == 4 && isYear(n) && !followsVolume(t[len(n):])) {
			c.volume = n
			take(off, off+len(n))
		}
	}
	if c.pages == "" {
		if m, ok := colonPagesIndex(left); ok {
			c.pages = left[m[2]:m[3]]
			take(m[0], m[1])
		} else if m := matchIf(semiPages, strings.TrimRight(left, " "), ";"); m != nil {
			c.pages = left[m[2]:m[3]]
			take(m[0], m[1])
		}
	}
	if c.volume == "" {
		// "Journal of Political Studies 12, Winter 2007": the volume at
		// the end of the journal's name
		if i := strings.LastIndexByte(c.journal, ' '); i > 0 && bib.AllDigits(c.journal[i+1:]) && len(c.journal)-i <= 5 {
			c.volume, c.journal = c.journal[i+1:], c.journal[:i]
		}
	}
	if date == "" {
		date = left
	}
	c.orDate(date)
	if c.date.Year == 0 {
		c.date.Year = bib.ExtractYear(rest) // "2013(1): 3-28": a year as the volume
	}
	if noPages(c.pages) {
		c.pages = ""
	}
	return c
}

// splitJournal cuts a source line into the journal's name, the rest, and
// the date written between them (Journals@Ovid's "June 2019;").
func splitJournal(s string) (journal, rest, date string) {
	// "Journal. 222(6)...", "Journal. Vol.43(5)...", "Journal. Conference:
	// ...", or "Journal, 2024, 40, ...", "Journal, Winter 2007": whichever
	// comes first.
	dot, comma := -1, -1
	for i := 0; i+2 < len(s) && dot < 0; i++ {
		if s[i] != '.' || s[i+1] != ' ' || endsWord(s[:i], "pp") || endsWord(s[:i], "p") {
			continue
		}
		next := s[i+2:]
		if startsNumbers(next) || strings.HasPrefix(next, "Vol") || strings.HasPrefix(next, "vol.") || strings.HasPrefix(next, "Conference:") {
			dot = i
		}
	}
	for i := 0; i+2 < len(s) && comma < 0; i++ {
		if s[i] != ',' || s[i+1] != ' ' {
			continue
		}
		if next := s[i+2:]; startsNumbers(next) || strings.HasPrefix(next, "Vol") || startsDateWord(next) {
			comma = i
		}
	}
	switch {
	case dot >= 0 && (comma < 0 || dot < comma):
		next := s[dot+2:]
		if strings.HasPrefix(next, "Conference:") {
			// Embase: the meeting, then the volume after its last ". "
			j := lastNumbersAfterStop(next)
			if j < 0 {
				return s[:dot], "", ""
			}
			return s[:dot], next[j:], ""
		}
		return s[:dot], next, ""
	case comma >= 0:
		return s[:comma], s[comma+2:], ""
	}
	if m := matchIf(ovidDate, s, ";"); m != nil && isYear(s[m[3]-4:m[3]]) {
		return strings.TrimRight(s[:m[0]], " ,."), s[m[1]:], s[m[2]:m[3]]
	}
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i], s[i+2:], ""
	}
	return s, "", ""
}

// cut takes s[from:to] out of a source's rest, leaving a space in its
// place, or, with nothing but spaces before it, leaving what follows it:
// what parseSource does with the rest does not depend on the spaces it
// begins with, and most sources, whose volume and pages come first, are
// then cut without making a string.
func cut(s string, from, to int) string {
	if strings.TrimLeft(s[:from], " ") == "" {
		return s[to:]
	}
	return s[:from] + " " + s[to:]
}

// endsWord reports whether s ends with the word w.
func endsWord(s, w string) bool {
	return strings.HasSuffix(s, w) && (len(s) == len(w) || !isLetter(s[len(s)-len(w)-1]))
}

// lastNumbersAfterStop returns where, after the last ". " of s that is
// followed by a digit, the numbers of an Embase conference abstract's
// source begin ("... Part 2. Spain. 12 (Supplement 3) (no pagination),
// 2018"), or -1.
func lastNumbersAfterStop(s string) int {
	for i := len(s) - 3; i >= 0; i-- {
		if s[i] == '.' && s[i+1] == ' ' && startsNumbers(s[i+2:]) {
			return i + 2
		}
	}
	return -1
}

// chapterSource reads PsycInfo's source of a chapter: its editors, the
// year in parentheses, the book, the pages and the imprint.
func chapterSource(c *citation, s string, m []int) {
	c.editors = editorsOf(s[:m[0]])
	c.date = bib.Date{Year: bib.ExtractYear(s[m[2]:m[3]])}
	rest := s[m[1]:]
	if p := ppParen.FindStringSubmatchIndex(rest); p != nil {
		c.book = strings.TrimRight(rest[:p[0]], ". ")
		c.pages = rest[p[2]:p[3]]
		imprint := strings.TrimLeft(rest[p[1]:], ". ")
		if i := strings.LastIndex(imprint, " pp. "); i >= 0 {
			imprint = imprint[i+len(" pp. "):]
		}
		if place, pub, ok := strings.Cut(imprint, ": "); ok {
			c.place = bib.TrimSpace(place)
			c.publisher = bib.TrimSpace(pub)
		}
	}
}

// bookSource reads the source line of a book in PsycInfo: its editors
// when it has any, the year, the title, the number of pages and the
// imprint ("(2018). Working across modalities in the arts therapies:
// Creative collaborations. xxv, 186 pp. New York, NY, US: Routledge/Taylor
// & Francis Group; US"). m locates the year. It reports whether s had
// that form.
func bookSource(c *citation, s string, m []int) bool {
	rest := s[m[1]:]
	pp := strings.Index(rest, " pp. ")
	if pp < 0 {
		return false
	}
	stop := strings.LastIndex(rest[:pp], ". ")
	if stop < 0 {
		return false
	}
	count := rest[stop+2 : pp]
	if !startsNumbers(count) && !isRoman(count) {
		return false // "... pp." that is no page count
	}
	c.numberOfPages = count // the title before it is the record's own
	if place, pub, ok := strings.Cut(rest[pp+len(" pp. "):], ": "); ok {
		c.place = bib.TrimSpace(place)
		c.publisher = bib.TrimSpace(pub)
	}
	c.editors = editorsOf(s[:m[0]])
	c.date = bib.Date{Year: bib.ExtractYear(s[m[2]:m[3]])}
	return true
}

// biosisChapterSource reads BIOSIS's source of a chapter: its editors,
// each with its roles in brackets and separated by commas, the book, a
// colon and the pages, the year, and the series on a line of its own
// ("Kamp, Roza Maria [Editor, Reprint Author], Calvete, Juan J. [Editor].
// Methods in proteome and protein analysis.:371-397, 2004. Series
// Information:  Principles and Practice"). It reports whether s had that
// form.
func biosisChapterSource(c *citation, s string) bool {
	end := strings.LastIndex(s, "]")
	if end < 0 || !strings.HasPrefix(s[end+1:], ". ") {
		return false
	}
	rest, series := s[end+3:], ""
	if i := strings.Index(rest, "Series Information:"); i >= 0 {
		series = strings.Trim(rest[i+len("Series Information:"):], ". ")
		rest = strings.TrimRight(rest[:i], ". ")
	}
	m, ok := colonPagesIndex(rest)
	if !ok || m[0] == 0 {
		return false
	}
	var editors []string
	for _, e := range strings.SplitAfter(s[:end], "]") {
		name, role, ok := strings.Cut(strings.TrimLeft(e, ", "), "[")
		if !ok || !strings.Contains(role, "Editor") {
			return false // a name of some other role: no list of editors
		}
		editors = append(editors, bib.TrimSpace(name))
	}
	c.editors, c.series = editors, series
	c.book = strings.TrimRight(rest[:m[0]], ". ")
	c.pages = rest[m[2]:m[3]]
	c.date = bib.Date{Year: bib.ExtractYear(rest[m[1]:])}
	return true
}

// editorsOf returns the names marked "[Ed]" in a list before a book's
// year ("Colbert, Tasha [Ed]; Bent, Cornelia [Ed]").
func editorsOf(s string) []string {
	var out []string
	for _, e := range strings.Split(s, ";") {
		if i := strings.IndexByte(e, '['); i > 0 && strings.Contains(e[i:], "Ed") {
			out = append(out, bib.TrimSpace(e[:i]))
		}
	}
	return out
}

// isRoman reports whether s begins with a lower-case Roman numeral and a
// comma, as the pages of a book's front matter are counted ("xxv, 186").
func isRoman(s string) bool {
	i := 0
	for i < len(s) && strings.IndexByte("ivxlc", s[i]) >= 0 {
		i++
	}
	return i > 0 && i < len(s) && s[i] == ','
}

// orDate reads the date from s unless the citation has one.
func (c *citation) orDate(s string) {
	if c.date.Year != 0 {
		return
	}
	s = strings.Trim(s, " ,.;:")
	if s == "" {
		return
	}
	c.date = bib.ParseDate(s)
	c.dateText, c.parsedDate = s, c.date
}

// parseDate is bib.ParseDate(s), but for the text of the date the
// citation read, which most records give in a field of its own too
// (MEDLINE's SO and DP: "2023 Jun"), parsed once.
func (c *citation) parseDate(s string) bib.Date {
	if s != "" && s == c.dateText {
		return c.parsedDate
	}
	return bib.ParseDate(s)
}

// startsNumbers reports whether s begins with a digit, or a letter and a
// digit ("S1", "e23").
func startsNumbers(s string) bool {
	return len(s) > 0 && isDigit(s[0]) || len(s) > 1 && isLetter(s[0]) && isDigit(s[1])
}

// leadingNumber returns the volume-like word s begins with ("245", "12S").
func leadingNumber(s string) string {
	i := 0
	for i < len(s) && (isDigit(s[i]) || isLetter(s[i]) && i > 0 || s[i] == '-') {
		i++
	}
	if i == 0 || !isDigit(s[0]) {
		return ""
	}
	return strings.TrimRight(s[:i], "-")
}

// followsVolume reports whether what follows a four-digit number makes it
// a volume rather than a year: an issue, pages, or a comma and a year.
func followsVolume(s string) bool {
	s = strings.TrimLeft(s, " ")
	return strings.HasPrefix(s, "(") || strings.HasPrefix(s, ":")
}

// startsDateWord reports whether s begins with a month or season.
func startsDateWord(s string) bool {
	w := s
	if i := strings.IndexAny(w, " ,./-"); i > 0 {
		w = w[:i]
	}
	if bib.MonthNumber(w) != 0 {
		return true
	}
	switch strings.ToLower(w) {
	case "spring", "summer", "autumn", "fall", "winter":
		return true
	}
	return false
}

func isYear(s string) bool {
	return len(s) == 4 && bib.AllDigits(s) && (s[:2] == "19" || s[:2] == "20" || s[:2] == "18")
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// matchIf is re.FindStringSubmatchIndex(s) when s contains need, which
// every match of re does, and nil otherwise.
func matchIf(re *regexp.Regexp, s, need string) []int {
	if !strings.Contains(s, need) {
		return nil
	}
	return re.FindStringSubmatchIndex(s)
}

// volIssueIndex finds a volume and the issue in parentheses that follows
// it at the start of t ("222(6)", "12 (Supplement 3)", "75(2-A(E))"),
// and returns the indexes of the match and of the two as
// regexp.FindStringSubmatchIndex does, and whether it found them. It
// matches what the regular expression in its test does.
func volIssueIndex(t string) (m [6]int, ok bool) {
	i := 0
	if len(t) > 1 && isLetter(t[0]) && isDigit(t[1]) {
		i = 1
	}
	if i >= len(t) || !isDigit(t[i]) {
		return m, false
	}
	for i++; i < len(t) && (isLetter(t[i]) || isDigit(t[i]) || t[i] == '_' || t[i] == '.' || t[i] == '-'); i++ {
	}
	j := skipSpace(t, i)
	if j >= len(t) || t[j] != '(' {
		return m, false
	}
	for k := j + 1; k < len(t); k++ {
		switch t[k] {
		case ')':
			return [6]int{0, k + 1, 0, i, j + 1, k}, true
		case '(':
			// one level of parentheses inside the issue
			end := strings.IndexAny(t[k+1:], "()")
			if end < 0 || t[k+1+end] != ')' {
				return m, false
			}
			k += 1 + end
		}
	}
	return m, false
}

// colonPagesIndex finds the pages after a colon in s (":246-256", ":
// 7-14", ":e383-e390", ":56"): where the match begins and ends and where
// the pages do, as regexp.FindStringSubmatchIndex does, and whether it
// found them. It matches what the regular expression in its test does.
func colonPagesIndex(s string) (m [4]int, ok bool) {
	for i := strings.IndexByte(s, ':'); i >= 0; {
		from := skipSpace(s, i+1)
		if end := pageEnd(s, from); end >= 0 {
			// a range: a dash, with spaces around it or not, and a page
			if k := skipSpace(s, end); k < len(s) && s[k] == '-' {
				if e := pageEnd(s, skipSpace(s, k+1)); e >= 0 {
					end = e
				}
			}
			return [4]int{i, end, from, end}, true
		}
		next := strings.IndexByte(s[i+1:], ':')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return m, false
}

// pageEnd returns where a page number that begins at s[i:] ends: up to two
// letters, a digit, then letters, digits and underscores; or -1.
func pageEnd(s string, i int) int {
	j := i
	for j < len(s) && j-i < 2 && isLetter(s[j]) {
		j++
	}
	if j >= len(s) || !isDigit(s[j]) {
		return -1
	}
	for j++; j < len(s) && (isLetter(s[j]) || isDigit(s[j]) || s[j] == '_'); j++ {
	}
	return j
}

// skipSpace returns the index of the first byte from s[i:] that is no
// white space as a regular expression's \s means it.
func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\f' || s[i] == '\r') {
		i++
	}
	return i
}
