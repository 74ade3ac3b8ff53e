package bib

import (
	"sort"
	"strings"
	"unicode"
)

// Merge builds the record of a work from the records that are the same
// publication. Every record is kept as it was; the result takes the best
// value of each field:
//
//   - the author list with the most names, and of equal ones the list
//     with the fullest given names; per-author affiliations and ORCIDs
//     are filled from the other lists where the names agree;
//   - the title not written in capitals, the longest abstract, the
//     longest (full) container title, the most common year (an
//     online-first year that differs by one is outvoted by the others);
//   - the first non-empty value of every other single field, taking the
//     records in order of completeness;
//   - the union of identifiers, ISSNs, keywords, affiliations, URLs and
//     publication types.
//
// Merge of one record returns a copy of it. Raw and provenance fields
// (Format, Position, Line, SourceID, Raw, Warnings) are not carried over.
func Merge(recs []*Record) *Record {
	if len(recs) == 0 {
		return &Record{}
	}
	order := make([]*Record, len(recs))
	copy(order, recs)
	sort.SliceStable(order, func(i, j int) bool { return completeness(order[i]) > completeness(order[j]) })
	out := &Record{}
	first := func(get func(*Record) string) string {
		for _, r := range order {
			if v := get(r); v != "" {
				return v
			}
		}
		return ""
	}
	out.Type = bestType(order)
	out.Title = bestTitle(order)
	out.TranslatedTitle = first(func(r *Record) string { return r.TranslatedTitle })
	out.OriginalTitle = first(func(r *Record) string { return r.OriginalTitle })
	out.ShortTitle = first(func(r *Record) string { return r.ShortTitle })
	out.Authors = bestPeople(order, func(r *Record) []Person { return r.Authors })
	out.Editors = bestPeople(order, func(r *Record) []Person { return r.Editors })
	out.Translators = bestPeople(order, func(r *Record) []Person { return r.Translators })
	out.Container = bestWritten(order, longest(order, func(r *Record) string { return r.Container }),
		func(r *Record) string { return r.Container })
	out.ContainerAbbrev = first(func(r *Record) string { return r.ContainerAbbrev })
	if out.ContainerAbbrev == "" {
		// a shorter container title among the records is the abbreviation
		for _, r := range order {
			if r.Container != "" && r.Container != out.Container && len(r.Container) < len(out.Container) {
				out.ContainerAbbrev = r.Container
				break
			}
		}
	}
	out.Series = first(func(r *Record) string { return r.Series })
	out.Volume = first(func(r *Record) string { return r.Volume })
	out.Issue = first(func(r *Record) string { return r.Issue })
	for _, r := range order { // pages as a pair, preferring a full range
		if r.FirstPage != "" && r.LastPage != "" {
			out.FirstPage, out.LastPage = r.FirstPage, r.LastPage
			break
		}
	}
	if out.FirstPage == "" {
		out.FirstPage = first(func(r *Record) string { return r.FirstPage })
	}
	out.ArticleNumber = first(func(r *Record) string { return r.ArticleNumber })
	out.Date = bestDate(order)
	out.Edition = first(func(r *Record) string { return r.Edition })
	out.Publisher = first(func(r *Record) string { return r.Publisher })
	out.Place = first(func(r *Record) string { return r.Place })
	out.CollectionNumber = first(func(r *Record) string { return r.CollectionNumber })
	out.NumberOfPages = first(func(r *Record) string { return r.NumberOfPages })
	out.Version = first(func(r *Record) string { return r.Version })
	out.EventPlace = first(func(r *Record) string { return r.EventPlace })
	for _, r := range order {
		if !r.Accessed.IsZero() {
			out.Accessed = r.Accessed
			break
		}
	}
	out.Abstract = longest(order, func(r *Record) string { return r.Abstract })
	out.Language = first(func(r *Record) string { return r.Language })
	out.Database = first(func(r *Record) string { return r.Database })
	for _, r := range order {
		for _, id := range r.Identifiers {
			out.AddIdentifier(id.Scheme, id.Value)
		}
		for _, s := range r.ISSNs {
			out.AddISSN(s.Value, s.Kind)
		}
		for _, k := range r.Keywords {
			out.AddKeyword(k)
		}
		for _, a := range r.Affiliations {
			out.AddAffiliation(a)
		}
		for _, u := range r.URLs {
			out.AddURL(u)
		}
		for _, t := range r.PublicationTypes {
			if !containsString(out.PublicationTypes, t) {
				out.PublicationTypes = append(out.PublicationTypes, t)
			}
		}
		for _, n := range r.Notes {
			if !containsString(out.Notes, n) {
				out.Notes = append(out.Notes, n)
			}
		}
	}
	return out
}

// completeness scores how much a record says, to order records for Merge.
func completeness(r *Record) int {
	n := 0
	for _, s := range []string{r.Title, r.Container, r.Volume, r.Issue, r.FirstPage, r.LastPage, r.Language} {
		if s != "" {
			n += 2
		}
	}
	if r.Abstract != "" {
		n += 4
	}
	if r.Date.Year != 0 {
		n += 2
	}
	n += 3 * len(r.Identifiers)
	if len(r.Authors) > 0 {
		n += 4
		if len(r.Authors[0].Given) > 2 {
			n += 2
		}
	}
	return n
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func longest(order []*Record, get func(*Record) string) string {
	best := ""
	for _, r := range order {
		if v := get(r); len(v) > len(best) {
			best = v
		}
	}
	return best
}

func bestType(order []*Record) string {
	for _, r := range order {
		if r.Type != "" && r.Type != "article" {
			return r.Type
		}
	}
	for _, r := range order {
		if r.Type != "" {
			return r.Type
		}
	}
	return "article"
}

// bestWritten returns the best way the records write the text chosen:
// the same words in mixed case rather than in capitals, and with their
// diacritics rather than without ("JOURNAL OF SLEEP RESEARCH" from Web of
// Science becomes "Journal of Sleep Research" when another record writes
// it so).
func bestWritten(order []*Record, chosen string, get func(*Record) string) string {
	if chosen == "" {
		return chosen
	}
	key := ""
	for _, r := range order {
		v := get(r)
		if v == "" || v == chosen || !BetterWritten(v, chosen) {
			continue
		}
		if key == "" {
			key = Key(chosen)
		}
		if Key(v) == key {
			chosen = v
		}
	}
	return chosen
}

// BetterWritten reports whether a is better written than b, the same
// text: in mixed case where b is in capitals, or with more letters
// outside ASCII (diacritics) in the same case.
func BetterWritten(a, b string) bool {
	ua, ub := MostlyUpper(a), MostlyUpper(b)
	if ua != ub {
		return ub
	}
	return nonASCII(a) > nonASCII(b)
}

func nonASCII(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			n++
		}
	}
	return n
}

// bestTitle prefers a title in mixed case to one in capitals.
func bestTitle(order []*Record) string {
	for _, r := range order {
		if r.Title != "" && !MostlyUpper(r.Title) {
			return r.Title
		}
	}
	for _, r := range order {
		if r.Title != "" {
			return r.Title
		}
	}
	return ""
}

// MostlyUpper reports whether s is written in capitals: more than three
// upper-case letters for each lower-case one.
func MostlyUpper(s string) bool {
	up, low := 0, 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			up++
		case unicode.IsLower(r):
			low++
		}
	}
	return up > 3*low
}

func bestDate(order []*Record) Date {
	count := map[int]int{}
	for _, r := range order {
		if r.Date.Year != 0 {
			count[r.Date.Year]++
		}
	}
	year, n := 0, 0
	for _, r := range order { // ties go to the most complete record
		if c := count[r.Date.Year]; r.Date.Year != 0 && c > n {
			year, n = r.Date.Year, c
		}
	}
	var d Date
	for _, r := range order {
		if r.Date.Year == year || (year == 0 && r.Date.Raw != "") {
			if d.IsZero() {
				d = r.Date
			} else {
				d = d.Merge(r.Date)
			}
		}
	}
	return d
}

// bestPeople takes the fullest list and fills in affiliations and ORCIDs
// from the other lists, matching people by family name.
func bestPeople(order []*Record, get func(*Record) []Person) []Person {
	var best []Person
	bestScore := -1
	for _, r := range order {
		ps := get(r)
		score := len(ps) * 1000
		for _, p := range ps {
			score += len(p.Given)
		}
		if len(ps) > 0 && score > bestScore {
			best, bestScore = ps, score
		}
	}
	if best == nil {
		return nil
	}
	out := make([]Person, len(best))
	for i, p := range best {
		p.Affiliations = append([]string(nil), p.Affiliations...)
		out[i] = p
	}
	for _, r := range order {
		ps := get(r)
		for i := range out {
			if i >= len(ps) || !sameFamily(out[i], ps[i]) {
				continue
			}
			if out[i].ORCID == "" {
				out[i].ORCID = ps[i].ORCID
			}
			betterName(&out[i], ps[i])
			for _, a := range ps[i].Affiliations {
				if !containsString(out[i].Affiliations, a) {
					out[i].Affiliations = append(out[i].Affiliations, a)
				}
			}
		}
	}
	return out
}

// betterName takes from q, the same person as p, the better written
// family and given names: "Müller" for "Muller", "Okafor" for "OKAFOR",
// "Hans Jürgen" for "Hans Jurgen" (but not "H. J." for "Hans Jurgen").
func betterName(p *Person, q Person) {
	if p.Literal != "" || q.Literal != "" {
		return
	}
	if q.Family != "" && BetterWritten(q.FamilyName(), p.FamilyName()) && Key(q.FamilyName()) == Key(p.FamilyName()) {
		p.Family, p.Particle, p.ParticleDrops = q.Family, q.Particle, q.ParticleDrops
	}
	if q.Given != "" && BetterWritten(q.Given, p.Given) && Key(q.Given) == Key(p.Given) {
		p.Given = q.Given
	}
}

func sameFamily(a, b Person) bool {
	return strings.EqualFold(Key(a.FamilyName()), Key(b.FamilyName()))
}
