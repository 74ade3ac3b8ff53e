package dedup

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// RulesVersion numbers the deduplication rules: the features Extract
// reads, the keys Keys gives and the verdicts Compare reaches. It goes up
// whenever they change what they give (TestRulesVersion fails until it
// does), so that a library can tell that its works were built by other
// rules than this bibdb's, and that a rebuild would change them.
const RulesVersion = 3

// Verdict is what Compare concludes about a pair of records.
type Verdict int

const (
	// Different: something rules the pair out (a veto), whatever else agrees.
	Different Verdict = iota
	// Unlikely: nothing says the records are the same.
	Unlikely
	// Uncertain: some evidence, not enough to merge: the pair waits for review.
	Uncertain
	// Same: the records are the same publication.
	Same
)

func (v Verdict) String() string {
	return [...]string{"different", "unlikely", "uncertain", "same"}[v]
}

// Result is Compare's verdict with its evidence.
type Result struct {
	Verdict Verdict
	Score   float64 // 0..1: how alike the records are, for ranking
	Reason  string  // "doi equal", "title 0.97, authors 4/4, year, volume, pages equal", or the veto
}

// Options change how Compare weighs identifiers.
type Options struct {
	// Ignore lists identifiers (DOIs, PMIDs) that are known to be carried
	// by different works, so that sharing them proves nothing.
	Ignore map[string]bool
}

// Compare judges whether two records are the same publication.
func Compare(a, b *Features, opt Options) Result {
	// 1. Vetoes, the cheap ones first.
	if conflict(a.PMIDs, b.PMIDs, opt.Ignore, nil) {
		if ts, _ := titleSimilarity(a, b); ts >= 0.98 && sameCitation(a, b) {
			// Two PMIDs for one citation: PubMed indexed it twice, or
			// one of the numbers is not a PMID. A reviewer decides.
			return Result{Uncertain, 0.5, fmt.Sprintf("different PMIDs, but title %.2f and the same citation", ts)}
		}
		return Result{Different, 0, "different PMIDs"}
	}
	if conflict(a.PMCIDs, b.PMCIDs, opt.Ignore, nil) {
		return Result{Different, 0, "different PMCIDs"}
	}
	if fa, fb := a.Flags&^(FlagGenericTitle|FlagConference), b.Flags&^(FlagGenericTitle|FlagConference); fa != fb {
		return Result{Different, 0, kindVeto(a.Flags, b.Flags)}
	}
	if (a.Flags^b.Flags)&FlagConference != 0 && !(sharedID(a.PMIDs, b.PMIDs, opt.Ignore) || sharedID(a.DOIs, b.DOIs, opt.Ignore)) {
		return Result{Different, 0, "conference abstract and article"}
	}
	if a.Part != "" && b.Part != "" && a.Part != b.Part {
		return Result{Different, 0, fmt.Sprintf("part %s and part %s", a.Part, b.Part)}
	}
	if a.Year != 0 && b.Year != 0 && abs(a.Year-b.Year) > 1 && !sameArticleNumber(a, b) {
		// (Versions of a Cochrane review keep its number over the years.)
		return Result{Different, 0, fmt.Sprintf("years %d and %d", a.Year, b.Year)}
	}
	ts, prefix := titleSimilarity(a, b)
	idSame := sharedID(a.PMIDs, b.PMIDs, opt.Ignore) || sharedID(a.PMCIDs, b.PMCIDs, opt.Ignore)
	doiSame := sharedID(a.DOIs, b.DOIs, opt.Ignore)
	// A volume or first page in dispute is a veto, unless an identifier or
	// the rest of the citation shows it to be a slip; the reason says so.
	var despite string
	if detail := detailVeto(a, b); detail != "" {
		if !((idSame || doiSame) && ts >= 0.9) && !dataError(a, b, ts, false) {
			if aheadOfPrint(a) != aheadOfPrint(b) && dataError(a, b, ts, true) {
				// The online version of a year before the issue, or
				// another article of the same authors and title: a
				// reviewer tells.
				return Result{Uncertain, 0.6, fmt.Sprintf("online ahead of print?; title %.2f, years %d and %d, %s", ts, a.Year, b.Year, detail)}
			}
			return Result{Different, 0, detail}
		}
		despite = ", though " + detail
	}
	doiConflict := conflict(a.DOIs, b.DOIs, opt.Ignore, doiVersions)

	// 2. Identifiers.
	noTitle := a.Title == "" || b.Title == ""
	if idSame || doiSame {
		what := "pmid equal"
		if !idSame {
			what = "doi equal"
		} else if doiSame {
			what = "pmid and doi equal"
		}
		switch {
		case noTitle || ts >= 0.7:
			r := Result{Same, 1, what}
			if !noTitle && ts < 1 {
				r.Reason += fmt.Sprintf(", title %.2f", ts)
			}
			r.Reason += despite
			return r
		case ts >= 0.4:
			return Result{Uncertain, 0.5 + ts/4, fmt.Sprintf("%s but titles differ (%.2f)", what, ts)}
		}
		// An identifier on two clearly different titles proves nothing.
	}

	// 3. Fuzzy evidence.
	matched, compared, firstSame := authorAgreement(a.Authors, b.Authors)
	authorsOK := compared == 0 || firstSame || matched*2 > compared
	ja, jknown := journalsAgree(a, b)
	var support []string
	yearSame := a.Year != 0 && a.Year == b.Year
	if yearSame {
		support = append(support, "year")
	}
	if ja {
		support = append(support, "journal")
	}
	switch {
	case a.Volume != "" && a.Volume == b.Volume:
		support = append(support, "volume")
	case volumesAgree(a, b):
		support = append(support, "volume as supplement")
	}
	if a.Issue != "" && a.Issue == b.Issue {
		support = append(support, "issue")
	}
	pagesSame := pagesAgree(a, b)
	if pagesSame {
		support = append(support, "pages")
	}
	samePlace := pagesSame && volumesAgree(a, b)
	ev := evidence(ts, prefix, matched, compared, a.Year, b.Year, support) + despite
	authorRatio := 0.5
	if compared > 0 {
		authorRatio = float64(matched) / float64(compared)
	}
	score := 0.55*ts + 0.2*authorRatio + 0.25*float64(len(support))/5
	// same is the verdict Same, but for titles alike but for a number or
	// a word that names another study ("type 1" and "type 2", "rats" and
	// "mice"): they are not enough to merge on, unless the same first page
	// of the same volume says that one of the titles has a slip. (Looked
	// at only here: most pairs compared are not the same.)
	same := func(reason string) Result {
		if ts < 1 && !samePlace {
			if d := titlesDiffer(a, b); d != "" {
				return Result{Uncertain, score, d + "; " + reason}
			}
		}
		return Result{Same, score, reason}
	}

	if !doiConflict && ts >= 0.95 && (compared == 0 || firstSame) && a.Kind != KindPart && b.Kind != KindPart &&
		(a.Kind == KindBook || b.Kind == KindBook) && sharedID(a.ISBNs, b.ISBNs, opt.Ignore) {
		// A book's ISBN on two records of its title by its first author.
		// (A chapter carries its book's ISBN, and is left to the rules
		// below; each edition and format of a book has an ISBN of its
		// own.)
		return same("isbn equal; " + ev)
	}
	if doiConflict {
		if ts >= 0.97 && firstSame && sameCitation(a, b) {
			// One article under two DOIs: a journal that moved to
			// another publisher registered its back issues again
			// (10.1892/0891-6640(2003)017<0680:DPFICK>2.3.CO;2 and
			// 10.1111/j.1939-1676.2003.tb02500.x).
			return same("different DOIs, but the same citation; " + ev)
		}
		if ts >= 0.97 && firstSame && yearSame && pagesSame {
			return Result{Uncertain, score, "different DOIs, but " + ev}
		}
		return Result{Different, 0, "different DOIs"}
	}
	if (a.Flags|b.Flags)&FlagGenericTitle != 0 {
		// A title many works share needs the same place in the same journal.
		if ts >= 0.95 && ja && samePlace && yearSame && authorsOK {
			return same("generic title; " + ev)
		}
		if ts >= 0.9 && (ja || pagesSame) && authorsOK && compared > 0 {
			return Result{Uncertain, score, "generic title; " + ev}
		}
		if ts >= 0.95 && a.Kind == KindBook && b.Kind == KindBook && yearSame && firstSame {
			// Books have no journal or pages to tell them by: a
			// reviewer looks at two of one short title, author and year.
			return Result{Uncertain, score, "generic title; " + ev}
		}
		return Result{Unlikely, score, "generic title"}
	}
	switch {
	case ts >= 0.95 && authorsOK:
		switch {
		case jknown && !ja && !pagesSame && !(a.InProceedings && b.InProceedings && yearSame && compared > 0 && matched == compared):
			// The same text printed in several journals is several works.
			// Proceedings are named in many ways ("AMCIS 2017 Proceedings"),
			// so papers in them count on the year and every author instead.
			return Result{Uncertain, score, "different journals; " + ev}
		case len(support) >= 2 && (compared == 0 || firstSame || matched >= 2):
			return same(ev)
		case ts >= 0.99 && compared > 0 && firstSame && matched >= min(3, compared) && len(support) >= 1:
			return same(ev)
		}
		return Result{Uncertain, score, ev}
	case ts >= 0.8 && firstSame && yearSame && ja && samePlace:
		return same(ev)
	case ts >= 0.98 && yearSame && ja && samePlace:
		// The same title at the same place in the same journal: the author
		// lists differ in how they are written (a group name, particles,
		// transliteration), not in who wrote it.
		return same(ev)
	case ts >= 0.5 && sameCitation(a, b) && (firstSame || ts >= 0.8 && !(compared >= 2 && matched == 0)):
		// The same page range of the same issue: a title translated or
		// reworded by one database is still that article.
		return same("same citation; " + ev)
	case ts >= 0.85 && firstSame && sameArticleNumber(a, b):
		// One article number in one journal ("CD006273" of the Cochrane
		// Database, "e1001234"): a title reworded between versions of
		// the record, or of the review, is still that article.
		return same("same article number; " + ev)
	case ts >= 0.85 && authorsOK:
		return Result{Uncertain, score, ev}
	case ts >= 0.75 && ja && yearSame && compared >= 3 && matched == compared:
		// A title reworded between two versions of a record, by the same
		// authors in the same journal and year: worth a reviewer's look.
		return Result{Uncertain, score, ev}
	}
	return Result{Unlikely, score, ev}
}

// titlesDiffer tells how two titles that are alike name different
// studies: the numbers in them differ ("type 1 diabetes", "type 2
// diabetes"; "12-month", "24-month"), or a word of one stands where the
// other has a word that is no spelling of it ("in rats", "in mice";
// "adult", "paediatric"), which a typo or British and American spelling
// ("haemolytic", "hemolytic") does not do. Parts in brackets are left out.
func titlesDiffer(a, b *Features) string {
	ta, tb := strings.Fields(a.TitleCore), strings.Fields(b.TitleCore)
	na, nb := numbersOf(ta), numbersOf(tb)
	if len(na) > 0 && len(nb) > 0 && strings.Join(na, " ") != strings.Join(nb, " ") {
		return fmt.Sprintf("numbers in the titles differ (%s; %s)", strings.Join(na, " "), strings.Join(nb, " "))
	}
	if len(ta) != len(tb) {
		return ""
	}
	var x, y string
	differing := 0
	for i := range ta {
		if ta[i] == tb[i] {
			continue
		}
		differing++
		if !spellings(ta[i], tb[i]) || isCode(ta[i]) && isCode(tb[i]) && !strings.HasPrefix(ta[i], tb[i]) && !strings.HasPrefix(tb[i], ta[i]) {
			x, y = ta[i], tb[i]
		}
	}
	if x != "" && differing <= 2 {
		return fmt.Sprintf("titles differ in %q and %q", x, y)
	}
	return ""
}

// spellings reports whether two words may be one word spelt two ways: a
// typo (one letter added, dropped or changed, or two swapped: "centre",
// "center"), British and American spelling ("haemolytic", "hemolytic";
// "sulphate", "sulfate"), or one cut short ("random", "randomised").
// "increased" and "decreased", "hyperglycaemia" and "hypoglycaemia" are
// not.
func spellings(x, y string) bool {
	if strings.HasPrefix(x, y) || strings.HasPrefix(y, x) || transposed(x, y) {
		return true
	}
	if boundedLevenshtein([]rune(x), []rune(y), 1) <= 1 {
		return true
	}
	fx, fy := spellingFold.Replace(x), spellingFold.Replace(y)
	return fx == fy || boundedLevenshtein([]rune(fx), []rune(fy), 1) <= 1
}

// isCode reports whether a word is a code rather than a word one could
// misspell: letters with digits ("cd4", "h1n1", "p53") or a short word
// that is not a common one ("db" of "db/db mice"). Two codes that differ
// name different things.
func isCode(w string) bool {
	if strings.ContainsAny(w, "0123456789") {
		return true
	}
	return len(w) <= 3 && !commonShortWords[w]
}

var commonShortWords = map[string]bool{
	"of": true, "on": true, "in": true, "at": true, "to": true, "by": true, "for": true, "or": true, "vs": true,
	"v": true, "via": true, "per": true, "is": true, "are": true, "as": true, "its": true, "it": true, "be": true,
	"do": true, "not": true, "no": true, "new": true, "old": true, "use": true, "can": true, "may": true, "who": true,
	"how": true, "why": true, "one": true, "two": true, "non": true, "pre": true, "up": true, "out": true, "all": true,
	"into": true, "from": true, "with": true, "but": true, "has": true, "had": true, "was": true, "our": true, "we": true,
}

var spellingFold = strings.NewReplacer("ae", "e", "oe", "e", "ph", "f", "our", "or", "ise", "ize", "yse", "yze")

// transposed reports whether y is x with two neighbouring letters swapped.
func transposed(x, y string) bool {
	if len(x) != len(y) {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	return i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && x[i+2:] == y[i+2:]
}

// numbersOf returns the numbers in a title's words, sorted. Groups of
// three digits after a number belong to it ("10 000").
func numbersOf(words []string) []string {
	var out []string
	prev := false
	numbered := false // the word before names a numbered thing: "phase", "stage", ...
	for _, w := range words {
		if v, ok := roman[w]; ok && numbered {
			// "phase ii", "phase i ii" (Phase I/II), "stage iv"
			out = append(out, v)
			prev = false
			continue
		}
		numbered = numberedThings[w]
		switch {
		case !bib.AllDigits(w):
			prev = false
			continue
		case prev && len(w) == 3:
			out[len(out)-1] += w
		default:
			out = append(out, w)
		}
		prev = true
	}
	for i, n := range out {
		if t := strings.TrimLeft(n, "0"); t != "" {
			out[i] = t
		}
	}
	sort.Strings(out)
	return out
}

// numberedThings are the words after which a roman numeral is a number:
// "phase II", "stage IV", "type I".
var numberedThings = map[string]bool{"phase": true, "stage": true, "type": true, "grade": true, "class": true,
	"step": true, "level": true, "tier": true, "part": true}

// titleSimilarity compares every title form of the two records.
func titleSimilarity(a, b *Features) (float64, bool) {
	if a.Title == "" || b.Title == "" {
		return 0, false
	}
	best := titleSim(a.Title, b.Title, a.sorted, b.sorted)
	if best == 1 {
		return 1, false
	}
	if a.TitleCore != a.Title || b.TitleCore != b.Title {
		if s := titleSim(a.TitleCore, b.TitleCore, a.coreSort, b.coreSort); s > best {
			best = s
		}
	}
	if len(a.Alt) > 0 || len(b.Alt) > 0 {
		for _, x := range append([]string{a.Title}, a.Alt...) {
			for _, y := range append([]string{b.Title}, b.Alt...) {
				if s := TitleSimilarity(x, y); s > best {
					best = s
				}
			}
		}
	}
	if best < 0.95 && (isPrefixTitle(a.Title, b.Title) || isPrefixTitle(a.TitleCore, b.TitleCore)) {
		return 0.95, true
	}
	return best, false
}

// dataError reports whether a volume or page disagreement is better
// explained as a slip in one record than as two publications: the title is
// the same, the authors agree, the year and journal agree, and of volume
// and first page the one that is not in dispute agrees. A title that is
// the start of the other will do when the page ranges end on the same page.
// So will a record of the article as published online ahead of print,
// with no volume or issue and pages numbered from 1. With yearApart, the
// years may be one apart.
func dataError(a, b *Features, ts float64, yearApart bool) bool {
	early := aheadOfPrint(a) != aheadOfPrint(b)
	lastSame := a.LastPage != "" && a.LastPage != a.FirstPage && digitsOf(a.LastPage) == digitsOf(b.LastPage)
	if ts < 0.95 || ts < 0.98 && !lastSame || a.Year == 0 || b.Year == 0 || a.Year != b.Year && !yearApart {
		return false
	}
	matched, compared, firstSame := authorAgreement(a.Authors, b.Authors)
	if compared == 0 || !firstSame || matched < min(3, compared) {
		return false
	}
	if ja, _ := journalsAgree(a, b); !ja {
		return false
	}
	if issuesConflict(a, b) {
		return false
	}
	if early {
		return true
	}
	volSame := volumesAgree(a, b)
	pageSame := a.FirstPage != "" && digitsOf(a.FirstPage) == digitsOf(b.FirstPage)
	return volSame != pageSame // exactly one of them disagrees
}

// aheadOfPrint reports whether a record cites an article as it was
// published online before its issue: no volume, no issue, and the pages
// of the article's own file, from 1.
func aheadOfPrint(f *Features) bool {
	return f.Volume == "" && f.Issue == "" && digitsOf(f.FirstPage) == "1"
}

// sameCitation reports whether two articles have the same place in the
// same journal: year, journal, volume, issue (when both are numbers) and
// a page range of 2 to 50 pages, both ends. Two works cannot share one; a
// single page can (an abstract, a letter and its reply), and so can
// abstracts that a database gives the whole supplement's range, which is
// why conference abstracts and long ranges are left out.
func sameCitation(a, b *Features) bool {
	if (a.Flags|b.Flags)&FlagConference != 0 || a.Year == 0 || a.Year != b.Year {
		return false
	}
	if !pagesAgree(a, b) || digitsOf(a.LastPage) != digitsOf(b.LastPage) {
		return false
	}
	first, err1 := strconv.Atoi(digitsOf(a.FirstPage))
	last, err2 := strconv.Atoi(digitsOf(a.LastPage))
	if err1 != nil || err2 != nil || last <= first || last-first > 50 {
		return false
	}
	if !volumesAgree(a, b) {
		return false
	}
	if issuesConflict(a, b) {
		return false
	}
	ja, _ := journalsAgree(a, b)
	return ja
}

// issuesConflict reports whether the records are in different numbered
// issues ("Suppl. 2" and "S2" are not compared).
func issuesConflict(a, b *Features) bool {
	return a.Issue != "" && b.Issue != "" && a.Issue != b.Issue && bib.AllDigits(a.Issue) && bib.AllDigits(b.Issue)
}

// detailVeto finds bibliographic details that cannot both be right for one
// publication: different volumes or different first pages.
func detailVeto(a, b *Features) string {
	if a.Volume != "" && b.Volume != "" && !volumesAgree(a, b) && bib.AllDigits(a.Volume) && bib.AllDigits(b.Volume) {
		return fmt.Sprintf("volumes %s and %s", a.Volume, b.Volume)
	}
	if a.FirstPage != "" && b.FirstPage != "" && a.FirstPage != b.FirstPage && !shifted(a, b) && !shifted(b, a) {
		da, db := digitsOf(a.FirstPage), digitsOf(b.FirstPage)
		if da != "" && db != "" && da != db {
			return fmt.Sprintf("pages %s and %s", a.FirstPage, b.FirstPage)
		}
	}
	return ""
}

// pagesAgree reports whether two records start on the same page: the same
// first page, or the same number with a letter before it in one of them
// ("c37" and "37": Nephron Clinical Practice's pages carry a "c").
func pagesAgree(a, b *Features) bool {
	if a.FirstPage == "" || b.FirstPage == "" {
		return false
	}
	if a.FirstPage == b.FirstPage {
		return true
	}
	da := digitsOf(a.FirstPage)
	return da != "" && da == digitsOf(b.FirstPage) && (bib.AllDigits(a.FirstPage) || bib.AllDigits(b.FirstPage))
}

// sameArticleNumber reports whether two records give one article number
// of one journal.
func sameArticleNumber(a, b *Features) bool {
	if a.FirstPage == "" || a.FirstPage != b.FirstPage || !articleNumber(a.FirstPage) {
		return false
	}
	ja, _ := journalsAgree(a, b)
	return ja
}

// articleNumber reports whether a first page is an article number that
// names one article of a journal: letters and at least five digits
// ("cd006273", "e1001234"), not a page.
func articleNumber(p string) bool {
	digits := 0
	for i := 0; i < len(p); i++ {
		if p[i] >= '0' && p[i] <= '9' {
			digits++
		}
	}
	return digits >= 5 && p[0] >= 'a' && p[0] <= 'z'
}

// shifted reports whether a's volume, issue and first page look like b's
// written one field to the right: a has no volume, its issue is b's volume
// and its first page b's issue ("IS 26, SP 9" for volume 26, issue 9).
func shifted(a, b *Features) bool {
	return a.Volume == "" && a.Issue != "" && a.Issue == b.Volume && b.Issue != "" && a.FirstPage == b.Issue
}

// volumesAgree reports whether two records are in the same volume: their
// volumes are equal, or the volume of one is the number of the supplement
// the other is in. Embase writes a supplement's number where the volume
// belongs ("VL 3" for volume 30, supplement 3).
func volumesAgree(a, b *Features) bool {
	if a.Volume == "" || b.Volume == "" {
		return false
	}
	return a.Volume == b.Volume || a.Volume == b.Supplement || b.Volume == a.Supplement
}

func digitsOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		}
	}
	return strings.TrimLeft(b.String(), "0")
}

func kindVeto(a, b Flag) string {
	x := (a ^ b) &^ FlagGenericTitle
	for _, n := range flagNames {
		if x&n.f != 0 {
			return n.name + " and the article it concerns"
		}
	}
	return "different kinds of publication"
}

// sharedID reports whether the lists share a value not ignored.
func sharedID(a, b []string, ignore map[string]bool) bool {
	for _, x := range a {
		if ignore[x] {
			continue
		}
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// conflict reports whether both lists have values that count and none of
// them agree (or are versions of one another, when versions is given).
func conflict(a, b []string, ignore map[string]bool, versions func(x, y string) bool) bool {
	var ca, cb []string
	for _, x := range a {
		if !ignore[x] {
			ca = append(ca, x)
		}
	}
	for _, y := range b {
		if !ignore[y] {
			cb = append(cb, y)
		}
	}
	if len(ca) == 0 || len(cb) == 0 {
		return false
	}
	for _, x := range ca {
		for _, y := range cb {
			if x == y || (versions != nil && versions(x, y)) {
				return false
			}
		}
	}
	return true
}

// doiVersions reports whether two DOIs name versions of one work: a
// Cochrane review and its updates (10.1002/14651858.CD001234.pub2).
func doiVersions(x, y string) bool {
	strip := func(d string) string {
		if i := strings.LastIndex(d, ".pub"); i > 0 && bib.AllDigits(d[i+4:]) {
			return d[:i]
		}
		return d
	}
	return strip(x) == strip(y)
}

func evidence(ts float64, prefix bool, matched, compared, ya, yb int, support []string) string {
	var parts []string
	switch {
	case prefix:
		parts = append(parts, "title is the start of the other")
	case ts == 1:
		parts = append(parts, "title equal")
	default:
		parts = append(parts, fmt.Sprintf("title %.2f", ts))
	}
	if compared > 0 {
		parts = append(parts, fmt.Sprintf("authors %d/%d", matched, compared))
	}
	if ya != 0 && yb != 0 && ya != yb {
		parts = append(parts, fmt.Sprintf("years %d and %d", ya, yb))
	}
	s := strings.Join(parts, ", ")
	if len(support) > 0 {
		s += ", " + strings.Join(support, ", ") + " equal"
	}
	return s
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
