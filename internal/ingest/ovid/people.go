package ovid

import (
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// people adds the authors and their affiliations. Ovid writes the names
// as each database has them: "Byng R" with "Byng, Richard" in FA
// (MEDLINE), "Behan L." (Embase), "Kobori, Osamu" (PsycInfo), "Zhang,
// Weijia 1,2,+" and "Lefkowitz, Rafael Y. MD, MPH 1" with the marks of
// their addresses and their degrees (Journals@Ovid), "Walsdorf, Neill B.
// [Inventor, Reprint Author]" (BIOSIS). The full names are used when FA
// has one for each author. Each database ties addresses to authors its
// own way too (see institutions).
func people(rec *bib.Record, au, fa, in []string) {
	var short, full []string
	for _, v := range au {
		short = append(short, splitNames(v)...)
	}
	for _, v := range fa {
		full = append(full, splitNames(v)...)
	}
	useFull := len(full) > 0 && (len(full) == len(short) || len(short) == 0)
	names := short
	if len(short) == 0 {
		names = full
	}
	var marks [][]string
	for i, n := range names {
		name, mk, isEditor := cleanAuthor(n)
		if useFull {
			name, _, _ = cleanAuthor(full[i])
		}
		p := parseName(name)
		if p.IsZero() {
			continue
		}
		if isEditor {
			rec.Editors = append(rec.Editors, p)
			continue
		}
		rec.Authors = append(rec.Authors, p)
		marks = append(marks, mk)
	}
	if len(in) == 0 {
		return
	}
	var folded foldedNames // the authors' names, folded when an address names one
	last := 0              // the author given the last address by name
	for _, v := range in {
		for _, a := range institutions(v) {
			if !assign(rec, &folded, marks, a, &last) {
				if a.name != "" {
					a.text = a.line // no author of that name: the name was part of the address
				}
				rec.AddCleanAffiliation(a.text)
			}
		}
	}
}

// parseName parses a cleaned name; a name in capitals keeps them.
func parseName(s string) bib.Person {
	s = strings.TrimSpace(s)
	// "AHMED, Mughees.": a full stop after a whole name, not an initial
	if strings.HasSuffix(s, ".") {
		last := s[strings.LastIndexAny(s, " ,")+1 : len(s)-1]
		if len(last) >= 3 && strings.ToUpper(last) != last {
			s = s[:len(s)-1]
		}
	}
	return bib.ParseName(s)
}

// splitNames splits a value of names: one per line, and in the long
// layout several on a line, separated by semicolons ("Kohler, Lars 1;
// Leuschner, Christoph 1"). A part that is only degrees ("Bunkers, Sandra
// Schmidt RN; PhD; FAAN 1") belongs to the name before it.
func splitNames(v string) []string {
	var out []string
	var buf [8]string
	for _, line := range lines(buf[:0], v) {
		for first := true; line != ""; first = false {
			part, rest, _ := strings.Cut(line, ";")
			line = rest
			if part = strings.TrimSpace(part); part == "" {
				continue
			}
			if !first && len(out) > 0 && onlyDegrees(part) {
				out[len(out)-1] += " " + part
				continue
			}
			out = append(out, part)
		}
	}
	return out
}

// onlyDegrees reports whether every word of s is a degree or a mark.
func onlyDegrees(s string) bool {
	n := 0
	for _, w := range strings.Fields(s) {
		if !isDegree(w) && !isMark(w) {
			return false
		}
		n++
	}
	return n > 0
}

// cleanAuthor takes off a name what Ovid writes after it: a role in
// brackets ("[Inventor, Reprint Author]", "[Ed]", which makes it an
// editor), degrees ("Ph.D., FACSM", "MD, MPH") and the marks that tie
// it to its addresses ("1,2,+", "*"), which it returns.
func cleanAuthor(s string) (name string, marks []string, isEditor bool) {
	s = strings.TrimSpace(s)
	if last := s[strings.LastIndexByte(s, ' ')+1:]; strings.IndexByte(s, '[') < 0 && !isMark(last) && !isDegree(last) {
		return s, nil, false // nothing after the name: most names
	}
	if i := strings.IndexByte(s, '['); i > 0 {
		role := s[i:]
		isEditor = strings.Contains(role, "[Ed") || strings.Contains(role, "Editor")
		s = strings.TrimSpace(s[:i])
	}
	words := strings.Fields(s)
	for len(words) > 1 && isMark(words[len(words)-1]) {
		for _, m := range strings.Split(words[len(words)-1], ",") {
			if m != "" {
				marks = append(marks, m)
			}
		}
		words = words[:len(words)-1]
	}
	// Degrees come after the given names: never the first word after the
	// comma, which may be initials that look like one ("Smith, M.D.").
	if comma := commaWord(words); comma >= 0 {
		for i := comma + 2; i < len(words); i++ {
			if isDegree(words[i]) {
				words = words[:i]
				break
			}
		}
	}
	name = strings.TrimRight(strings.Join(words, " "), ", ")
	return name, marks, isEditor
}

// commaWord returns the index of the word that ends with the first comma
// (the family name), or -1.
func commaWord(words []string) int {
	for i, w := range words {
		if strings.HasSuffix(w, ",") {
			return i
		}
	}
	return -1
}

// isMark reports whether a word is a mark that ties an author to an
// address: digits, "*", "+", "†", and several of them joined by commas.
func isMark(w string) bool {
	w = strings.Trim(w, ",")
	if w == "" {
		return false
	}
	for _, r := range w {
		switch {
		case r >= '0' && r <= '9', r == ',', r == '*', r == '+', r == '#', r == '\u2020', r == '\u2021', r == '\u00a7', r == '\u00b6':
		default:
			return false
		}
	}
	return true
}

// degrees are the academic and professional letters Journals@Ovid writes
// after names, as written, without full stops.
var degrees = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range strings.Fields(`PhD MD MPH MSPH DrPH RN BSN MSN DNP APRN NP FNP CNM CRNA FAAN FACSM FACS FACP
		FACC FAHA FESC FRCP FRCPC FRCS FRCSC FRCOG FRACP FRANZCP MRCP MRCPsych FRCPsych MBBS MBChB MB ChB BS BSc
		MS MSc MA BA MBA MHS MHA MSW LCSW PsyD EdD ScD DSc DPhil MPhil PharmD RPh DDS DMD DVM OTR OTR/L DPT PT
		ATC CSCS RD RDN LD JD LLB LLM CPA CHES MSCE MMed MCh PA PA-C CCC-SLP`) {
		m[d] = true
	}
	return m
}()

// isDegree reports whether a word is a degree: "PhD", "Ph.D.", "MD,".
func isDegree(w string) bool {
	w = strings.TrimRight(w, ",;")
	if degrees[w] {
		return true
	}
	if strings.Contains(w, ".") {
		d := strings.ReplaceAll(w, ".", "")
		return len(d) > 1 && degrees[d]
	}
	return false
}

// affiliation is one address, with what ties it to its authors: the
// marks of "(1)Cancer Research Institute", the family names of "(Behan,
// Rubbo, Lucas) NIHR Southampton", or the name of "Kobori, Osamu: Chiba
// University".
type affiliation struct {
	line  string // as written
	text  string
	marks []string
	names []string
	name  string
}

// institutions splits an IN value into its addresses: one per line, and
// on one line at each mark in parentheses ("(1)Institute A, China, (2)
// Institute B"; "From the (*)Department of Surgery ...; (+)Department of
// Surgery ...").
func institutions(v string) []affiliation {
	var out []affiliation
	var buf [8]string
	for _, line := range lines(buf[:0], v) {
		for _, part := range splitAtMarks(strings.TrimPrefix(line, "From the ")) {
			part = strings.TrimPrefix(part, "and ")
			a := affiliation{line: part, text: part}
			if n := symbolMark(part); n > 0 {
				// "*Department of Pathology": a mark with no parentheses
				a.marks = []string{part[:n]}
				a.text = part[n:]
			} else if strings.HasPrefix(part, "(") {
				if end := strings.IndexByte(part, ')'); end > 1 {
					inside := part[1:end]
					switch {
					case isMark(inside) || len(inside) == 1:
						a.marks = strings.Split(inside, ",")
						a.text = strings.TrimSpace(part[end+1:])
					case isNameList(inside):
						for _, n := range strings.Split(inside, ",") {
							a.names = append(a.names, strings.TrimSpace(n))
						}
						a.text = strings.TrimSpace(part[end+1:])
					}
				}
			} else if i := nameEnd(part); i > 0 {
				a.name = part[:i]
				a.text = strings.TrimSpace(part[i+2:])
			}
			a.text = strings.TrimRight(strings.TrimSpace(strings.TrimPrefix(a.text, "From the ")), ",;")
			if a.text != "" {
				out = append(out, a)
			}
		}
	}
	return out
}

// symbolMark returns the length of the mark symbols an address begins
// with when a capital follows them ("*Department", "+Institute"), or 0.
func symbolMark(s string) int {
	n := 0
	for n < len(s) && strings.IndexByte("*+#", s[n]) >= 0 {
		n++
	}
	if n == 0 || n >= len(s) || s[n] < 'A' || s[n] > 'Z' {
		return 0
	}
	return n
}

// nameEnd returns where the name before an address ends, in PsycInfo's
// "Kobori, Osamu: Chiba University" and MEDLINE's "Byng, Richard.
// Community and Primary Care Research Group", or -1: a name is a family
// name, a comma and at most four more words.
func nameEnd(s string) int {
	i := strings.Index(s, ": ")
	if j := strings.Index(s, ". "); j > 0 && (i < 0 || j < i) {
		i = j
	}
	if i <= 0 {
		return -1
	}
	name := s[:i]
	comma := strings.Index(name, ", ")
	if comma <= 0 || strings.Count(name, ",") > 1 || len(strings.Fields(name)) > 5 {
		return -1
	}
	return i
}

// splitAtMarks splits a line before each mark in parentheses that
// follows a comma or semicolon.
func splitAtMarks(line string) []string {
	var out []string
	from := 0
	for i := 1; i < len(line); i++ {
		if line[i-1] != ' ' {
			continue
		}
		if line[i] != '(' {
			if symbolMark(line[i:]) > 0 {
				before := strings.TrimSuffix(strings.TrimRight(line[from:i], " "), " and")
				if strings.HasSuffix(before, ";") {
					out = append(out, strings.TrimRight(before, ",;"))
					from = i
				}
			}
			continue
		}
		end := strings.IndexByte(line[i:], ')')
		if end < 2 || !isMark(line[i+1:i+end]) && end != 2 {
			continue
		}
		before := strings.TrimRight(line[from:i], " ")
		if strings.HasSuffix(before, ",") || strings.HasSuffix(before, ";") {
			out = append(out, strings.TrimRight(before, ",;"))
			from = i
		}
	}
	return append(out, line[from:])
}

// isNameList reports whether s is a list of family names: words that begin
// with a capital, separated by commas.
func isNameList(s string) bool {
	for _, n := range strings.Split(s, ",") {
		n = strings.TrimSpace(n)
		if n == "" || len(strings.Fields(n)) > 3 || !(n[0] >= 'A' && n[0] <= 'Z' || n[0] >= 0x80) {
			return false
		}
	}
	return true
}

// assign gives an address to the authors it names, and reports whether
// it named any. last is the author the last address given by name went
// to.
func assign(rec *bib.Record, folded *foldedNames, marks [][]string, a affiliation, last *int) bool {
	done := false
	give := func(i int) {
		for _, x := range rec.Authors[i].Affiliations {
			if x == a.text {
				done = true
				return
			}
		}
		rec.Authors[i].Affiliations = append(rec.Authors[i].Affiliations, bib.CleanText(a.text))
		done = true
	}
	switch {
	case len(a.marks) > 0:
		for i := range rec.Authors {
			if i < len(marks) && shares(marks[i], a.marks) {
				give(i)
			}
		}
	case len(a.names) > 0:
		for _, n := range a.names {
			n = bib.Fold(n)
			for i, f := range folded.of(rec) {
				if f.family == n {
					give(i)
				}
			}
		}
	case a.name != "":
		// the author of that name, or else the only one of that family
		// name and initial (authors of one name, one after the other,
		// as the addresses come in the authors' order)
		family, given, _ := strings.Cut(a.name, ",")
		family, given = bib.Fold(strings.TrimSpace(family)), bib.Fold(strings.TrimSpace(given))
		found, exact := -1, -1
		for i, f := range folded.of(rec) {
			if f.family != family || f.given != "" && given != "" && f.given[0] != given[0] {
				continue
			}
			if f.given == given {
				if exact < 0 || exact < *last && i >= *last {
					exact = i
				}
				continue
			}
			if found == -1 {
				found = i
			} else {
				found = -2 // two alike: neither
			}
		}
		if exact >= 0 {
			found = exact
		}
		if found >= 0 {
			give(found)
			*last = found
		}
	}
	return done
}

func shares(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// foldedNames are the authors' names folded (see bib.Fold), made when
// first needed.
type foldedNames []struct{ family, given string }

func (f *foldedNames) of(rec *bib.Record) foldedNames {
	if len(*f) == 0 {
		for _, p := range rec.Authors {
			*f = append(*f, struct{ family, given string }{bib.Fold(p.FamilyName()), bib.Fold(p.Given)})
		}
	}
	return *f
}
