package wos

import (
	"slices"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// people fills authors and editors, then ties addresses and ORCIDs to the
// authors they name.
func people(rec *bib.Record, x *tagIndex) {
	// AF (full names) when it has them all, else AU; the bracketed names
	// of C1 are matched against the form used, then against AU (older
	// exports write "[Salomon, JM]" for the AF name "Monterrosa Salomon,
	// Jorge"), then by family name and initials.
	names := x.items("AF")
	fromAF := true
	if au := x.count("AU"); len(names) < au {
		if len(names) > 0 {
			rec.Warn(0, "AF lists fewer names than AU; the AU names are used")
		}
		names = x.items("AU")
		fromAF = false
	}
	var au, short []string // short: AU's name for each author, when AU and AF pair up
	if fromAF {
		au = x.items("AU")
	}
	pair := fromAF && len(au) == len(names)
	rec.Authors = make([]bib.Person, 0, len(names)+x.count("CA"))
	written := names[:0]
	for i, s := range names {
		if p, ok := parsePerson(s); ok {
			rec.Authors = append(rec.Authors, p)
			written = append(written, s)
			if short != nil {
				short = append(short, au[i])
			}
		} else if pair && short == nil {
			// A name is dropped: from here on AU pairs up with the
			// authors only through a copy without it.
			short = append(make([]string, 0, len(names)), au[:i]...)
		}
	}
	if pair && short == nil {
		short = au // every name kept, the common case
	}
	for _, s := range x.items("CA") {
		rec.Authors = append(rec.Authors, bib.Person{Literal: s})
	}
	if len(rec.Authors) == 0 {
		// A book's own authors, for a record that names no others.
		bf, ba := x.items("BF"), x.items("BA")
		if len(bf) < len(ba) {
			bf = ba
		}
		for _, s := range bf {
			if p, ok := parsePerson(s); ok {
				rec.Authors = append(rec.Authors, p)
			}
		}
		for _, s := range x.items("GP") {
			rec.Authors = append(rec.Authors, bib.Person{Literal: s})
		}
	}
	for _, t := range []string{"BE", "ED"} {
		for _, s := range x.items(t) {
			if p, ok := parsePerson(s); ok {
				rec.Editors = append(rec.Editors, p)
			}
		}
	}
	if len(rec.Authors) == 0 {
		return
	}
	m := &x.match
	m.reset(rec.Authors, written, short)
	x.affs.reset(len(rec.Authors))
	if x.has("C1") {
		addresses(rec, x, m)
	} else if x.has("RP") {
		reprintAddresses(rec, x, m)
	}
	if len(rec.Authors) == 1 && len(rec.Affiliations) > 0 {
		// The addresses of a record by one author are that author's.
		for _, a := range rec.Affiliations {
			x.affs.add(0, a)
		}
		rec.Affiliations = nil
	}
	x.affs.assign(rec.Authors)
	orcids(rec, x, m)
	if fromAF {
		familyDiacritics(rec.Authors, au)
	}
}

// familyDiacritics gives the authors, parsed from AF, the family names
// AU writes with their diacritics: Web of Science often writes
// "Büyükkidik, S" in AU but "Buyukkidik, Serap" in AF.
func familyDiacritics(authors []bib.Person, au []string) {
	if len(au) > len(authors) {
		return
	}
	for i, s := range au {
		if bib.IsPlain(s) {
			continue // no diacritics to give
		}
		p, ok := parsePerson(s)
		a := &authors[i]
		if !ok || a.Literal != "" || p.Literal != "" {
			continue
		}
		if bib.BetterWritten(p.FamilyName(), a.FamilyName()) && bib.Key(p.FamilyName()) == bib.Key(a.FamilyName()) {
			a.Family, a.Particle = p.Family, p.Particle
		}
	}
}

// parsePerson parses one personal name as Web of Science writes it:
// "Byng, Richard", "Byng, R", "Roach, Mack, III", "van Maris, Antonius J.
// A.", without a comma "YANG Y" (family name first), and with an e-mail
// address inside ("Stillman, Andrew N. (andrew.stillman@uconn.edu)"),
// which is dropped.
func parsePerson(s string) (bib.Person, bool) {
	if strings.IndexByte(s, '@') >= 0 {
		s = dropEmail(s)
	}
	s = strings.Trim(s, " ,;")
	if s == "" || bib.IsEtAl(s) {
		return bib.Person{}, false
	}
	switch i := strings.IndexByte(s, ','); {
	case i < 0:
		if p, ok := familyInitials(s); ok {
			return p, true
		}
	case strings.IndexByte(s[i+1:], ',') < 0:
		family, given := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		if family == "" || given == "" {
			break
		}
		// "Petrov, IV": capitals after the comma are initials, not a
		// suffix. "Byng, Richard" needs no more parsing than the split,
		// unless the family name may be a group's or the rest a suffix.
		if isInitialsToken(given) || strings.IndexByte(family, ' ') < 0 && !isSuffixWord(given) && isPlain(s) {
			return bib.Person{Family: family, Given: given}, true
		}
	}
	p := bib.ParseName(s)
	return p, !p.IsZero()
}

// isSuffixWord reports whether s is a generational suffix written after
// the comma ("Jr", "Sr.", "2nd"); capitals such as "II" or "IV" are read
// as initials before this is asked.
func isSuffixWord(s string) bool {
	if len(s) > 4 {
		return false
	}
	for _, x := range []string{"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "2nd", "3rd"} {
		if strings.EqualFold(s, x) {
			return true
		}
	}
	return false
}

// familyInitials reads "YANG Y" or "ZHANG XH" (the form of patent records):
// a family name followed by initials in capitals.
func familyInitials(s string) (bib.Person, bool) {
	toks := strings.Fields(s)
	if len(toks) < 2 {
		return bib.Person{}, false
	}
	k := len(toks)
	for k > 1 && isInitialsToken(toks[k-1]) {
		k--
	}
	if k == len(toks) || isInitialsToken(toks[0]) && k == 1 && len(toks[0]) < 2 {
		return bib.Person{}, false
	}
	return bib.Person{Family: strings.Join(toks[:k], " "), Given: strings.Join(toks[k:], " ")}, true
}

// isInitialsToken reports whether t is one to three capital letters,
// optionally with dots or a hyphen ("Y", "XH", "J.-P.").
func isInitialsToken(t string) bool {
	letters := 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case isUpper(c):
			letters++
		case c == '.' || c == '-':
		default:
			return false
		}
	}
	return letters >= 1 && letters <= 3
}

// dropEmail removes e-mail addresses, and the brackets around them, from a
// name.
func dropEmail(s string) string {
	var b strings.Builder
	for _, tok := range strings.Fields(s) {
		if strings.IndexByte(tok, '@') >= 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(tok)
	}
	out := b.String()
	out = strings.ReplaceAll(out, "()", "")
	out = strings.ReplaceAll(out, "<>", "")
	out = strings.ReplaceAll(out, "[]", "")
	return strings.TrimSpace(out)
}

// matcher finds the authors a name in an address, a reprint address or an
// ORCID list refers to: first by the name as written in AF or AU, then,
// when the authors come from AF, by the name as written in AU, then by the
// folded family and given names, then by the family name and first
// initial.
//
// A Reader keeps one from record to record (see reset).
type matcher struct {
	authors    []bib.Person
	written    []string  // per author: the name as written in AF or AU (or CA)
	short      []string  // per author from AF: the name as written in AU (may be shorter than authors)
	keys       []nameKey // folded names, made on first need
	keysMade   bool      // keys are those of authors
	exact      formIndex // written forms → authors, for long author lists
	shortExact formIndex // the same for the AU forms
	buf        []int
}

// formIndex finds the authors of a long list by the form of their name,
// without a list for each name: first leads to the first author of each
// form, next from each author to the next one of the same form.
type formIndex struct {
	made  bool
	first map[string]int32 // 1 + index of the first author with the form
	next  []int32          // 1 + index of the next author with the same form, 0 for none
}

// nameKey is a name folded for comparison.
type nameKey struct {
	family, given string
	initial       byte
}

// reset readies m for the authors of a record, named as written in
// names (AF or AU) and short (AU, for authors from AF), keeping the
// lists it has made for earlier records.
func (m *matcher) reset(authors []bib.Person, names, short []string) {
	m.authors, m.short = authors, short
	m.written = slices.Grow(m.written[:0], len(authors))[:len(authors)]
	for i, p := range authors {
		switch {
		case i < len(names):
			m.written[i] = names[i]
		case p.Literal != "":
			m.written[i] = p.Literal
		default:
			m.written[i] = ""
		}
	}
	m.keysMade = false
	m.exact.made, m.shortExact.made = false, false
}

func keyOf(p bib.Person) nameKey {
	if p.Literal != "" {
		return nameKey{family: fold(p.Literal)}
	}
	k := nameKey{family: fold(p.FamilyName()), given: fold(p.Given)}
	if k.given != "" {
		k.initial = k.given[0]
	}
	return k
}

// fold returns s in lower case with only its letters and digits, for
// comparing names ("O'Brien, J.-P." and "OBrien, JP" fold alike).
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.ReplaceAll(bib.Key(s), " ", "")
		}
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, c)
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		}
	}
	return string(b)
}

// find returns the indexes of the authors named s (two authors of one name
// are both returned). The slice is valid until the next call.
func (m *matcher) find(s string) []int {
	if l := m.exactly(m.written, &m.exact, s); len(l) > 0 {
		return l
	}
	if l := m.exactly(m.short, &m.shortExact, s); len(l) > 0 {
		return l
	}
	m.buf = m.buf[:0]
	p, ok := parsePerson(s)
	if !ok {
		return nil
	}
	if !m.keysMade {
		m.keys = slices.Grow(m.keys[:0], len(m.authors))[:len(m.authors)]
		for i, a := range m.authors {
			m.keys[i] = keyOf(a)
		}
		m.keysMade = true
	}
	k := keyOf(p)
	for i, x := range m.keys {
		if x.family == k.family && x.given == k.given {
			m.buf = append(m.buf, i)
		}
	}
	if len(m.buf) > 0 || p.Literal != "" || k.initial == 0 {
		return m.buf
	}
	for i, x := range m.keys {
		if x.family == k.family && x.initial == k.initial {
			m.buf = append(m.buf, i)
		}
	}
	return m.buf
}

// exactly returns the indexes of the authors whose name in forms is s
// as written; a long list is looked up through an index, made on first
// need. The slice is valid until the next call.
func (m *matcher) exactly(forms []string, index *formIndex, s string) []int {
	m.buf = m.buf[:0]
	if len(forms) > 16 {
		if !index.made {
			index.build(forms)
		}
		for k := index.first[s]; k != 0; k = index.next[k-1] {
			m.buf = append(m.buf, int(k-1))
		}
		return m.buf
	}
	for i, w := range forms {
		if w == s {
			m.buf = append(m.buf, i)
		}
	}
	return m.buf
}

// build indexes forms, reusing the index's map and list.
func (x *formIndex) build(forms []string) {
	if x.first == nil {
		x.first = make(map[string]int32, 2*len(forms))
	} else {
		clear(x.first)
	}
	x.next = slices.Grow(x.next[:0], len(forms))[:len(forms)]
	for i := len(forms) - 1; i >= 0; i-- { // backwards, so that each chain is in order
		x.next[i] = 0
		if w := forms[i]; w != "" {
			x.next[i] = x.first[w]
			x.first[w] = int32(i + 1)
		}
	}
	x.made = true
}

// findOne returns the index of the one author named s, or -1 when none or
// several are.
func (m *matcher) findOne(s string) int {
	if l := m.find(s); len(l) == 1 {
		return l[0]
	}
	return -1
}

// isName returns the authors s names, when s is a name (used to tell the
// names in front of an older address from the address itself).
func (m *matcher) isName(s string) []int {
	if len(s) > 80 || strings.IndexByte(s, ',') < 0 && strings.IndexByte(s, ' ') < 0 {
		return nil
	}
	return m.find(s)
}

// authorAffs gathers the addresses of a record's authors as they are
// found, to give them to the authors at the end all in one array, rather
// than in a list of each author's own. A Reader keeps one from record to
// record.
type authorAffs struct {
	pairs []authorAff
	last  []int32 // per author: 1 + index in pairs of its last address, 0 for none
}

type authorAff struct {
	aff  string
	prev int32 // 1 + index in pairs of the same author's address before, 0 for none
}

// reset readies a for a record of n authors.
func (a *authorAffs) reset(n int) {
	a.pairs = a.pairs[:0]
	a.last = slices.Grow(a.last[:0], n)[:n]
	clear(a.last)
}

// add gives author i the address aff, unless it has it.
func (a *authorAffs) add(i int, aff string) {
	for k := a.last[i]; k != 0; k = a.pairs[k-1].prev {
		if a.pairs[k-1].aff == aff {
			return
		}
	}
	a.pairs = append(a.pairs, authorAff{aff: aff, prev: a.last[i]})
	a.last[i] = int32(len(a.pairs))
}

// assign sets the Affiliations of the authors, in the order they were
// added: each a capped slice of one array, so that appending to one never
// reaches the next.
func (a *authorAffs) assign(authors []bib.Person) {
	if len(a.pairs) == 0 {
		return
	}
	all := make([]string, len(a.pairs))
	end := 0
	for i := range authors {
		n := 0
		for k := a.last[i]; k != 0; k = a.pairs[k-1].prev {
			n++
		}
		if n == 0 {
			continue
		}
		end += n
		j := end
		for k := a.last[i]; k != 0; k = a.pairs[k-1].prev {
			j--
			all[j] = a.pairs[k-1].aff
		}
		authors[i].Affiliations = all[end-n : end : end]
	}
}

// addresses reads C1. Each address is one line of the tagged form (wrapped
// lines of older files are joined back) or one "; "-separated group of the
// tab-delimited form. "[Names] Address" goes to the named authors; a run
// of author names followed by an address ("Degl'Innocenti, R.; Guarino,
// A.; Nonlinear Opt. Lab., ...") to those authors; any other address to
// the record.
func addresses(rec *bib.Record, x *tagIndex, m *matcher) {
	affs := &x.affs
	var unmatched []string
	who, pending := x.who[:0], x.pending[:0]
	line := 0
	group := func(seg string) {
		end := strings.IndexByte(seg, ']')
		if end < 0 {
			rec.AddAffiliation(trimAddress(seg))
			return
		}
		inst := trimAddress(seg[end+1:])
		who = who[:0]
		for names := seg[1:end]; names != ""; {
			var name string
			if i := strings.IndexByte(names, ';'); i >= 0 {
				name, names = names[:i], names[i+1:]
			} else {
				name, names = names, ""
			}
			if name = clean(name); name == "" {
				continue
			}
			if l := m.find(name); len(l) > 0 {
				who = append(who, l...)
			} else {
				unmatched = append(unmatched, name)
			}
		}
		if inst == "" {
			return
		}
		if len(who) == 0 {
			rec.AddAffiliation(inst)
		}
		for _, i := range who {
			affs.add(i, inst)
		}
	}
	x.each("C1", func(f field) {
		if line == 0 {
			line = f.line
		}
		pending = pending[:0]
		x.addrs = appendAddressLines(x.addrs[:0], f.value, m)
		for _, addr := range x.addrs {
			if addr[0] == '[' {
				if end := strings.IndexByte(addr, ']'); end > 0 && strings.IndexByte(addr[end:], ';') < 0 {
					pending = pending[:0]
					group(addr) // the common case: one group
					continue
				}
			}
			x.segs = appendTopLevelSplit(x.segs[:0], addr)
			for _, seg := range x.segs {
				if seg[0] == '[' {
					pending = pending[:0]
					group(seg)
					continue
				}
				if l := m.isName(seg); len(l) > 0 {
					pending = append(pending, l...)
					continue
				}
				inst := trimAddress(seg)
				if inst == "" {
					continue
				}
				if len(pending) == 0 {
					rec.AddAffiliation(inst)
				}
				for _, i := range pending {
					affs.add(i, inst)
				}
				pending = pending[:0]
			}
		}
	})
	x.who, x.pending = who, pending // kept for the next record
	if len(unmatched) > 0 {
		rec.Warn(line, "C1 names authors not found in AF or AU: "+strings.Join(unmatched, "; "))
	}
}

// appendAddressLines splits a C1 value into addresses, which it appends
// to out: one per line, except that a line cut at the wrap width of older
// exports goes on on the next line. A line is taken to be cut when it is
// long and does not end in a full stop, or when its address began with
// the names of its authors ("Nappi, Antoine; Centre for Forest Research,
// ..., Succ." goes on until a line that names authors again); a line that
// opens a bracket always begins an address.
func appendAddressLines(out []string, v string, m *matcher) []string {
	if strings.IndexByte(v, '\n') < 0 {
		if s := clean(v); s != "" {
			out = append(out, s)
		}
		return out
	}
	cur := ""       // the address being read
	joined := false // cur was made by joining lines
	prevLen := 0    // width of the last line of cur
	named := false  // cur began with author names
	first := true
	for rest := v; rest != ""; {
		var l string
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			l, rest = rest, ""
		}
		width := len(l)
		if first {
			width += 3 // the tag and its space
			first = false
		}
		l = trimSpace(l)
		if l == "" {
			continue
		}
		startsNamed := false
		if cur != "" && prevLen >= 60 && l[0] != '[' {
			startsNamed = startsWithName(l, m)
			if !strings.HasSuffix(cur, ".") || named && !startsNamed {
				cur += " " + l
				joined = true
				prevLen = width
				continue
			}
		} else if cur == "" || l[0] != '[' {
			startsNamed = l[0] != '[' && startsWithName(l, m)
		}
		if cur != "" {
			if joined {
				cur = clean(cur)
			}
			out = append(out, cur)
		}
		cur, joined, prevLen, named = l, false, width, startsNamed
	}
	if cur != "" {
		if joined {
			cur = clean(cur)
		}
		out = append(out, cur)
	}
	return out
}

// startsWithName reports whether an address line begins with an author's
// name followed by a semicolon.
func startsWithName(l string, m *matcher) bool {
	i := strings.IndexByte(l, ';')
	return i > 0 && len(m.isName(strings.TrimSpace(l[:i]))) > 0
}

// appendTopLevelSplit splits s on the semicolons outside square brackets,
// and appends the parts to out.
func appendTopLevelSplit(out []string, s string) []string {
	for s != "" {
		var part string
		part, s, _ = bib.CutOutsideBrackets(s, ';')
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

// trimAddress drops the full stop that ends every address, so that the
// same institution written in two records is one.
func trimAddress(a string) string {
	return strings.TrimRight(strings.TrimSpace(a), ". ")
}

// reprintAddresses reads RP when there is no C1: "Nasalski, W (reprint
// author), POLISH ACAD SCI, ..." gives its address to the author it names.
// Several reprint authors are separated by "; ".
func reprintAddresses(rec *bib.Record, x *tagIndex, m *matcher) {
	x.each("RP", func(f field) {
		v := clean(f.value)
		for v != "" {
			i := markerIndex(v)
			if i < 0 {
				return
			}
			name := v[:i]
			if k := strings.LastIndex(name, "; "); k >= 0 {
				name = name[k+2:]
			}
			rest := v[i:]
			rest = rest[strings.IndexByte(rest, ')')+1:]
			rest = strings.TrimLeft(rest, ", ")
			addr := rest
			if j := markerIndex(rest); j >= 0 {
				cut := strings.LastIndex(rest[:j], "; ")
				if cut < 0 {
					cut = j
				}
				addr = rest[:cut]
			}
			v = rest[len(addr):]
			if a := trimAddress(addr); a != "" {
				if k := m.findOne(name); k >= 0 {
					x.affs.add(k, a)
				}
			}
		}
	})
}

// markerIndex returns where " (corresponding author)" or " (reprint
// author)" begins in s, or -1.
func markerIndex(s string) int {
	best := -1
	for _, mk := range []string{" (corresponding author)", " (reprint author)", " (Corresponding Author)"} {
		if i := strings.Index(s, mk); i >= 0 && (best < 0 || i < best) {
			best = i
		}
	}
	return best
}

// orcids reads OI ("Li, Wei/0000-0002-2133-9287; Dou, Zhiguo/0000-...")
// and sets the ORCID of each author it names.
func orcids(rec *bib.Record, x *tagIndex, m *matcher) {
	x.each("OI", func(f field) {
		for _, item := range x.split(f.value) {
			k := strings.LastIndexByte(item, '/')
			if k <= 0 {
				continue
			}
			id, ok := bib.FindORCID(item[k+1:])
			if !ok {
				continue
			}
			if i := m.findOne(item[:k]); i >= 0 && rec.Authors[i].ORCID == "" {
				rec.Authors[i].ORCID = id
			}
		}
	})
}
