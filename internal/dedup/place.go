package dedup

import (
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Keys returns the blocking keys a record is stored under. Records that
// share a key are compared; records that share none never are. Each key is
// narrow enough to keep blocks small and the keys together catch the ways
// one publication differs between databases: identifiers, the start and
// the end of the title (a typo or a changed word on one side), the three
// longest title words (a changed word order), the first author's family
// name and initial with the year, and volume with first page (a title in another language).
func Keys(f *Features) []string {
	var keys []string
	for _, d := range f.DOIs {
		keys = append(keys, "d:"+d)
	}
	for _, p := range f.PMIDs {
		keys = append(keys, "p:"+p)
	}
	for _, p := range f.PMCIDs {
		keys = append(keys, "c:"+p)
	}
	add := func(k string) {
		if !contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, t := range append([]string{f.Title, f.TitleCore}, f.Alt...) {
		toks := significant(strings.Fields(t))
		if len(toks) >= 3 {
			add("t:" + strings.Join(toks[:min(4, len(toks))], " "))
			add("u:" + strings.Join(toks[max(0, len(toks)-4):], " "))
		}
		if w := longestWords(toks); w != "" {
			add("w:" + w)
		}
	}
	if k := authorKey(f, f.Year); k != "" {
		add(k)
	}
	if f.Volume != "" && f.FirstPage != "" {
		add("v:" + f.Volume + "|" + f.FirstPage)
	}
	return keys
}

// titleStopWords are left out of title keys: words so common that keys
// made of them would gather unrelated titles.
var titleStopWords = map[string]bool{"of": true, "in": true, "on": true, "for": true, "with": true, "to": true, "by": true,
	"from": true, "at": true, "as": true, "is": true, "are": true, "its": true, "their": true, "using": true, "among": true,
	"between": true, "after": true, "during": true, "versus": true, "vs": true, "or": true, "into": true, "via": true, "be": true}

func significant(toks []string) []string {
	out := toks[:0:0]
	for _, t := range toks {
		if !titleStopWords[t] {
			out = append(out, t)
		}
	}
	return out
}

// QueryKeys returns the keys to look candidates up by: Keys, with the
// first author's key also for the year before and after (online-first).
func QueryKeys(f *Features) []string {
	return withNearYears(f, Keys(f))
}

// QueryKeysOf is QueryKeys for a record whose Keys are known; keys is
// not changed.
func QueryKeysOf(f *Features, keys []string) []string {
	return withNearYears(f, slices.Clip(keys))
}

func withNearYears(f *Features, keys []string) []string {
	for _, y := range []int{f.Year - 1, f.Year + 1} {
		if k := authorKey(f, y); k != "" {
			keys = append(keys, k)
		}
	}
	return keys
}

// authorKey is the first author's family name and first initial with a
// year: "a:byng r|2023".
func authorKey(f *Features, year int) string {
	if len(f.Authors) == 0 || f.Year == 0 || f.Authors[0].Family == "" {
		return ""
	}
	a := f.Authors[0]
	return "a:" + a.Family + " " + a.Initial + "|" + strconv.Itoa(year)
}

// longestWords returns the three longest words of a title (of at least
// five letters; two when it has only two), in alphabetical order.
func longestWords(toks []string) string {
	var w []string
	for _, t := range toks {
		if len(t) >= 5 && !contains(w, t) {
			w = append(w, t)
		}
	}
	if len(w) < 2 {
		return ""
	}
	sort.SliceStable(w, func(i, j int) bool {
		if len(w[i]) != len(w[j]) {
			return len(w[i]) > len(w[j])
		}
		return w[i] < w[j]
	})
	w = w[:min(3, len(w))]
	sort.Strings(w)
	return strings.Join(w, " ")
}

// Member is a record already placed in a work.
type Member struct {
	ID   int64  // record id
	Work int64  // work id
	Key  string // stable fingerprint of the record, for manual decisions ("" when the Source can find it by ID)
	F    *Features
	// Query, when set, holds the keys to look candidates up by, as
	// QueryKeys(F) gives them (made ahead of Place); nil: Place makes them.
	Query []string
}

// Source gives Place what it needs to know about the records already
// placed.
type Source interface {
	// Candidates returns the placed records stored under any of the keys.
	Candidates(keys []string) ([]Member, error)
	// Members returns every record of a work.
	Members(work int64) ([]Member, error)
	// Decisions returns the records a person has judged the same as, or
	// different from, the record.
	Decisions(r Member) (same, different []Member, err error)
}

// Pair is an uncertain pair of records, for review.
type Pair struct {
	A, B   Member
	Result Result
}

// Placement is where a new record goes.
type Placement struct {
	Work   int64   // the work the record joins, 0 for a new work
	Merge  []int64 // other works the record shows to be the same as Work: they fold into it
	Match  Member  // the record it matched best (when Work != 0)
	Result Result  // why
	Review []Pair  // pairs with records of other works that wait for a decision
}

// Place decides which work a new record belongs to. It compares the
// record with every candidate; a work can take the record only if at least
// one of its records is the same as the new one and none rules it out, so
// a cluster never holds two records that a veto separates. When the record
// is the same as records of several works that do not rule each other out,
// those works are one work (the record links them) and are merged.
func Place(src Source, r Member) (Placement, error) {
	query := r.Query
	if query == nil {
		query = QueryKeys(r.F)
	}
	cands, err := src.Candidates(query)
	if err != nil {
		return Placement{}, err
	}
	sameDecided, diffDecided, err := src.Decisions(r)
	if err != nil {
		return Placement{}, err
	}
	manual := map[int64]Verdict{}
	for _, m := range sameDecided {
		manual[m.ID] = Same
		cands = append(cands, m)
	}
	for _, m := range diffDecided {
		manual[m.ID] = Different
	}
	opt := Options{Ignore: sharedIdentifiers(r, cands)}

	judge := func(m Member) Result {
		if v, ok := manual[m.ID]; ok {
			if v == Same {
				return Result{Same, 1, "merged by hand"}
			}
			return Result{Different, 0, "split by hand"}
		}
		return Compare(r.F, m.F, opt)
	}

	type workEvidence struct {
		work  int64
		best  Member
		res   Result
		score float64
	}
	byWork := map[int64]*workEvidence{}
	var order []int64
	var review []Pair
	seen := map[int64]bool{}
	for _, c := range cands {
		if c.ID == r.ID || seen[c.ID] {
			continue
		}
		seen[c.ID] = true
		res := judge(c)
		switch res.Verdict {
		case Same:
			w := byWork[c.Work]
			if w == nil {
				w = &workEvidence{work: c.Work}
				byWork[c.Work] = w
				order = append(order, c.Work)
			}
			if w.res.Verdict != Same || res.Score > w.score || (res.Score == w.score && c.ID < w.best.ID) {
				w.best, w.res, w.score = c, res, res.Score
			}
		case Uncertain:
			review = append(review, Pair{A: r, B: c, Result: res})
		}
	}

	// A work is open to the record only if none of its records rules the
	// record out.
	var open []*workEvidence
	members := map[int64][]Member{}
	for _, wid := range order {
		ms, err := src.Members(wid)
		if err != nil {
			return Placement{}, err
		}
		members[wid] = ms
		// A person's "same" outweighs the rules: a work holding a record
		// judged the same by hand is closed only by a judgment by hand.
		byHand := false
		for _, m := range ms {
			if v, decided := manual[m.ID]; decided && v == Same {
				byHand = true
			}
		}
		ok := true
		for _, m := range ms {
			if m.ID == r.ID {
				continue
			}
			if v, decided := manual[m.ID]; byHand && !(decided && v == Different) {
				continue
			}
			if judge(m).Verdict == Different {
				ok = false
				break
			}
		}
		if ok {
			open = append(open, byWork[wid])
		}
	}
	if len(open) == 0 {
		return Placement{Review: dropWorks(review, nil)}, nil
	}
	sort.SliceStable(open, func(i, j int) bool {
		if open[i].score != open[j].score {
			return open[i].score > open[j].score
		}
		return open[i].work < open[j].work
	})
	p := Placement{Work: open[0].work, Match: open[0].best, Result: open[0].res}
	joined := append([]Member(nil), members[p.Work]...)
	for _, other := range open[1:] {
		if compatible(joined, members[other.work], src) {
			p.Merge = append(p.Merge, other.work)
			joined = append(joined, members[other.work]...)
		}
	}
	p.Review = dropWorks(review, append([]int64{p.Work}, p.Merge...))
	return p, nil
}

// compatible reports whether no record of a rules out any record of b.
func compatible(a, b []Member, src Source) bool {
	for _, x := range a {
		_, diff, err := src.Decisions(x)
		if err != nil {
			return false
		}
		for _, y := range b {
			for _, d := range diff {
				if d.ID == y.ID {
					return false
				}
			}
			if Compare(x.F, y.F, Options{}).Verdict == Different {
				return false
			}
		}
	}
	return true
}

// dropWorks removes review pairs whose other record is in one of the
// works, and keeps for every other work only its most likely pair: a
// reviewer decides about a record and a work, not each of its records.
func dropWorks(review []Pair, works []int64) []Pair {
	best := map[int64]int{}
	var out []Pair
	for _, p := range review {
		skip := false
		for _, w := range works {
			if p.B.Work == w {
				skip = true
			}
		}
		if skip {
			continue
		}
		if i, ok := best[p.B.Work]; ok {
			if p.Result.Score > out[i].Result.Score {
				out[i] = p
			}
			continue
		}
		best[p.B.Work] = len(out)
		out = append(out, p)
	}
	return out
}

// sharedIdentifiers finds the record's DOIs and PMIDs that candidates with
// clearly different titles also carry: a supplement's DOI on every abstract
// in it, a book's DOI or ISBN on its chapters. Sharing them proves nothing.
func sharedIdentifiers(r Member, cands []Member) map[string]bool {
	var ignore map[string]bool
	check := func(ids []string, other func(Member) []string) {
		for _, id := range ids {
			for _, c := range cands {
				if c.ID == r.ID || !contains(other(c), id) || r.F.Title == "" || c.F.Title == "" {
					continue
				}
				if ts, _ := titleSimilarity(r.F, c.F); ts < 0.5 {
					if ignore == nil {
						ignore = map[string]bool{}
					}
					ignore[id] = true
				}
			}
		}
	}
	check(r.F.DOIs, func(m Member) []string { return m.F.DOIs })
	check(r.F.PMIDs, func(m Member) []string { return m.F.PMIDs })
	return ignore
}
