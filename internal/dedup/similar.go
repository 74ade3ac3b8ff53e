package dedup

import (
	"strings"
	"unicode/utf8"
)

// TitleSimilarity compares two title keys: 1 for equal, otherwise the
// better of the edit-distance similarity of the whole strings and the share
// of words in common, so that both typos and a changed word order score
// high. A missing title scores 0.
func TitleSimilarity(a, b string) float64 {
	return titleSim(a, b, sortedWords(a), sortedWords(b))
}

// titleSim is TitleSimilarity with the titles' sorted words given.
func titleSim(a, b string, wa, wb []string) float64 {
	if a == "" || b == "" {
		return 0
	}
	if a == b {
		return 1
	}
	dice := sortedDice(wa, wb)
	if dice < 0.5 {
		return dice // too few words in common for a typo to explain
	}
	// Only an edit similarity of 0.8 or more matters; beyond that many
	// edits the distance is not computed.
	la, lb := utf8.RuneCountInString(a), utf8.RuneCountInString(b)
	longer := max(la, lb)
	limit := longer / 5
	if abs(la-lb) > limit {
		return dice
	}
	d := boundedLevenshtein([]rune(a), []rune(b), limit)
	if d > limit {
		return dice
	}
	return max(1-float64(d)/float64(longer), dice)
}

// sortedDice is the Sørensen–Dice coefficient of two sorted word lists.
func sortedDice(a, b []string) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			common++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b))
}

// boundedLevenshtein returns the edit distance of a and b when it is at
// most limit, and limit+1 otherwise, computing only the band of the table
// within limit of the diagonal.
func boundedLevenshtein(a, b []rune, limit int) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > limit {
		return limit + 1
	}
	const inf = 1 << 30
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		if j <= limit {
			prev[j] = j
		} else {
			prev[j] = inf
		}
	}
	for i := 1; i <= len(a); i++ {
		lo, hi := max(1, i-limit), min(len(b), i+limit)
		for j := range cur {
			cur[j] = inf
		}
		if i <= limit {
			cur[0] = i
		}
		best := cur[0]
		for j := lo; j <= hi; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			cur[j] = v
			best = min(best, v)
		}
		if best > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	if prev[len(b)] > limit {
		return limit + 1
	}
	return prev[len(b)]
}

// levenshtein returns the edit distance of two rune slices, in O(min(n,m))
// memory.
func levenshtein(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// isPrefixTitle reports whether the shorter title is the start of the
// longer one and long enough to identify a work (a title cut off by a
// database, or a subtitle left out).
func isPrefixTitle(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return len(a) >= 40 && len(strings.Fields(a)) >= 6 && strings.HasPrefix(b, a)
}

// sameFamily compares two folded family names, allowing one typo in a
// long name and a compound name written with one of its parts.
func sameFamily(a, b string) bool {
	if a == b {
		return a != ""
	}
	if a == "" || b == "" {
		return false
	}
	if len(a) >= 4 && len(b) >= 4 && (strings.HasPrefix(a, b) || strings.HasPrefix(b, a)) {
		return true // Hobson vs HobsonMerrett, Garcia vs GarciaLopez
	}
	if len(a) >= 6 && len(b) >= 6 && levenshtein([]rune(a), []rune(b)) <= 1 {
		return true
	}
	return false
}

func sameAuthor(a, b Author) bool {
	if a.Group != b.Group {
		return false
	}
	if !sameFamily(a.Family, b.Family) {
		return false
	}
	return a.Initial == "" || b.Initial == "" || a.Initial == b.Initial
}

// authorAgreement counts the authors of the shorter list (up to the first
// ten) found in the longer one, and reports whether the first authors
// agree. Lists cut short ("et al.") compare on what they have.
func authorAgreement(a, b []Author) (matched, compared int, firstSame bool) {
	if len(a) == 0 || len(b) == 0 {
		return 0, 0, false
	}
	firstSame = sameAuthor(a[0], b[0])
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	if len(short) > 10 {
		short = short[:10]
	}
	used := make([]bool, len(long))
	for _, x := range short {
		for j, y := range long {
			if !used[j] && sameAuthor(x, y) {
				used[j] = true
				matched++
				break
			}
		}
	}
	return matched, len(short), firstSame
}

// journalStopWords are the articles, prepositions and conjunctions that
// abbreviated journal titles leave out, in the languages of the journals
// the bibliographic databases index most ("Annales françaises
// d'anesthésie et de réanimation" is "Ann Fr Anesth Reanim").
var journalStopWords = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true,
	"de": true, "la": true, "le": true, "les": true, "et": true, "des": true, "du": true,
	"und": true, "fur": true, "fuer": true, "der": true, "die": true, "zur": true, "zum": true,
	"del": true, "el": true, "los": true, "las": true, "della": true, "di": true,
	"da": true, "do": true, "dos": true, "das": true, "en": true, "och": true, "og": true, "voor": true,
}

// journalConnectors are one-letter conjunctions and elided articles
// ("Cirugía y cirujanos", "Saúde e sociedade", "Annales françaises d
// anesthésie"): left out inside a title, but kept at its end, where a
// letter names a section ("Physical Review E").
var journalConnectors = map[string]bool{"y": true, "e": true, "i": true, "u": true, "d": true, "l": true}

// journalsAgree tells whether two records' journals are the same: a shared
// ISSN, an equal title, or one title the abbreviation of the other ("br j
// psychiatry" of "british journal of psychiatry"). known is false when
// either record has no journal.
func journalsAgree(a, b *Features) (agree, known bool) {
	for _, x := range a.ISSNs {
		if contains(b.ISSNs, x) {
			return true, true
		}
	}
	if len(a.Journals) == 0 || len(b.Journals) == 0 {
		// ISSNs that do not overlap may be the print and the electronic
		// ISSN of one journal: that says nothing.
		return false, false
	}
	for _, x := range a.Journals {
		for _, y := range b.Journals {
			if x == y || abbreviates(x, y) || abbreviates(y, x) {
				return true, true
			}
		}
	}
	return false, true
}

// abbreviates reports whether abbr is an abbreviation of full, or the
// same title with words left off the end: each of its significant words
// starts the next significant word of full, in order, and full has at
// most a subtitle more ("journal of clinical virology" of "journal of
// clinical virology the official publication of ...").
func abbreviates(abbr, full string) bool {
	sig := significantWords(full)
	aa := significantWords(abbr)
	if len(aa) == 0 || len(aa) > len(sig) {
		return false
	}
	for i, w := range aa {
		if !strings.HasPrefix(sig[i], w) {
			return false
		}
	}
	if len(aa) == len(sig) {
		return true
	}
	// a shortened title: at least two whole words in common at the start
	whole := 0
	for i, w := range aa {
		if sig[i] == w {
			whole++
		}
	}
	return len(aa) >= 2 && whole >= 2
}

func significantWords(s string) []string {
	var out []string
	words := strings.Fields(s)
	for i, w := range words {
		if !journalStopWords[w] && !(journalConnectors[w] && i > 0 && i < len(words)-1) {
			out = append(out, w)
		}
	}
	return out
}
