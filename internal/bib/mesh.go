package bib

import "strings"

// ParseMeSH reads a MeSH heading as MEDLINE and EndNote write it:
// "Humans", "*Neoplasms", "Neoplasms/*therapy", "Neoplasms/drug therapy/*pathology";
// as Ovid writes it, with the qualifiers' codes and names:
// "*Breast Neoplasms/dt [Drug Therapy]"; and as Cochrane CENTRAL writes it,
// with the qualifiers in brackets: "Antiviral Agents [*therapeutic use, toxicity]".
// A "*" marks a major topic: on the descriptor it makes the heading major, on
// a qualifier only that qualifier. A heading with several qualifiers gives one
// Keyword per qualifier; use ParseMeSHAll to get them all. ParseMeSH returns
// the first.
func ParseMeSH(s string) Keyword {
	ks := ParseMeSHAll(s)
	if len(ks) == 0 {
		return Keyword{}
	}
	return ks[0]
}

// ParseMeSHAll returns every Keyword of one MeSH heading (see ParseMeSH).
func ParseMeSHAll(s string) []Keyword { return AppendMeSH(nil, s) }

// AppendMeSH appends the Keywords of one MeSH heading to out.
func AppendMeSH(out []Keyword, s string) []Keyword {
	var partsBuf [8]string
	var parts []string
	if desc, quals, ok := bracketQualifiers(s, partsBuf[:1]); ok {
		// the descriptor, then the qualifiers in lower case, as MEDLINE
		// writes them
		parts = quals
		parts[0] = desc
		for i := 1; i < len(parts); i++ {
			parts[i] = strings.ToLower(parts[i])
		}
	} else {
		parts = splitN(partsBuf[:0], s, "/", -1)
	}
	desc := CleanText(parts[0])
	major := strings.HasPrefix(desc, "*")
	desc = TrimSpace(strings.TrimLeft(desc, "*"))
	if desc == "" {
		return out
	}
	if len(parts) == 1 {
		return append(out, Keyword{Term: desc, Vocabulary: VocabMeSH, Major: major})
	}
	n := len(out)
	for _, q := range parts[1:] {
		q = CleanText(q)
		qm := strings.HasPrefix(q, "*")
		q = TrimSpace(strings.TrimLeft(q, "*"))
		if q == "" {
			continue
		}
		out = append(out, Keyword{Term: desc, Vocabulary: VocabMeSH, Qualifier: q, Major: major || qm})
	}
	if len(out) == n {
		out = append(out, Keyword{Term: desc, Vocabulary: VocabMeSH, Major: major})
	}
	return out
}

// meshQualifiers are the MeSH topical qualifiers (subheadings).
var meshQualifiers = func() map[string]bool {
	m := map[string]bool{}
	for _, q := range strings.Split(`abnormalities|administration & dosage|adverse effects|agonists|analogs & derivatives|analysis|anatomy & histology|antagonists & inhibitors|biosynthesis|blood|blood supply|cerebrospinal fluid|chemical synthesis|chemically induced|chemistry|classification|complications|congenital|cytology|deficiency|diagnosis|diagnostic imaging|diet therapy|drug effects|drug therapy|economics|education|embryology|enzymology|epidemiology|ethics|ethnology|etiology|genetics|growth & development|history|immunology|injuries|innervation|instrumentation|isolation & purification|legislation & jurisprudence|manpower|metabolism|methods|microbiology|mortality|nursing|organization & administration|parasitology|pathogenicity|pathology|pharmacokinetics|pharmacology|physiology|physiopathology|poisoning|prevention & control|psychology|radiation effects|radiotherapy|rehabilitation|secondary|standards|statistics & numerical data|supply & distribution|surgery|therapeutic use|therapy|toxicity|transmission|trends|ultrastructure|urine|utilization|veterinary|virology|radiography|ultrasonography|radionuclide imaging|cytology|metabolism|ethics|genetics|physiology|trends|urine|virology|diagnostic use|etiology|psychology|contraindications|toxicity|transplantation|methods|pathology`, "|") {
		m[q] = true
	}
	return m
}()

// IsMeSHHeading reports whether s is written as a MeSH heading with a
// major-topic mark or known qualifiers ("*Humans", "Neoplasms/therapy"),
// as opposed to a free keyword that happens to hold a slash ("HIV/AIDS").
func IsMeSHHeading(s string) bool {
	s = TrimSpace(s)
	if strings.HasPrefix(s, "*") {
		// A MeSH descriptor begins with a capital ("*Primaquine") or a
		// Greek letter's name ("*beta-Lactamases"); EndNote also stars
		// the author keywords of a PubMed record ("*cyp2d6", "*latency").
		return !lowerWordFirst(s[1:])
	}
	var buf [8]string
	if _, _, ok := bracketQualifiers(s, buf[:0]); ok {
		return true
	}
	head, rest, ok := strings.Cut(s, "/")
	if !ok || head == "" {
		return false
	}
	for ok {
		var q string
		q, rest, ok = strings.Cut(rest, "/")
		if !isQualifier(TrimSpace(strings.TrimPrefix(TrimSpace(q), "*"))) {
			return false
		}
	}
	return true
}

// lowerWordFirst reports whether s begins with a word of lower-case
// letters and digits that is followed by no hyphen: "cyp2d6", "latency",
// but not "beta-Lactamases".
func lowerWordFirst(s string) bool {
	i := 0
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= '0' && s[i] <= '9') {
		i++
	}
	return i > 0 && (i == len(s) || s[i] != '-')
}

// bracketQualifiers splits a heading whose qualifiers are named in
// brackets at its end, "Breast Neoplasms/dt [Drug Therapy]" (Ovid: the
// codes after the slash, their names in the brackets) or "Antiviral
// Agents [*therapeutic use, virology]" (Cochrane), into the descriptor
// and the qualifiers' names, each with its "*" when it has one; ok is
// false when s is not so written, or a name in the brackets is no MeSH
// qualifier. The qualifiers are appended to buf, and quals is buf with
// them.
func bracketQualifiers(s string, buf []string) (desc string, quals []string, ok bool) {
	s = TrimSpace(s)
	if !strings.HasSuffix(s, "]") {
		return "", nil, false // nearly every keyword: no search for " ["
	}
	open := strings.LastIndex(s, " [")
	if open <= 0 {
		return "", nil, false
	}
	desc, inner := TrimSpace(s[:open]), s[open+2:len(s)-1]
	quals = buf
	for inner != "" {
		var q string
		q, inner, _ = strings.Cut(inner, ",")
		q = TrimSpace(q)
		if !isQualifier(TrimSpace(strings.TrimPrefix(q, "*"))) {
			return "", nil, false
		}
		quals = append(quals, q)
	}
	if len(quals) == len(buf) {
		return "", nil, false
	}
	// Ovid's codes: "/dt", "/*dt", one per qualifier named; a "*" on a
	// code marks its qualifier.
	if head, codes, found := strings.Cut(desc, "/"); found {
		i := len(buf)
		for codes != "" {
			var c string
			c, codes, _ = strings.Cut(codes, "/")
			c = TrimSpace(c)
			major := strings.HasPrefix(c, "*")
			c = strings.TrimPrefix(c, "*")
			if len(c) != 2 || !isASCIILetter(c[0]) || !isASCIILetter(c[1]) || i == len(quals) {
				return "", nil, false
			}
			if major && !strings.HasPrefix(quals[i], "*") {
				quals[i] = "*" + quals[i]
			}
			i++
		}
		if i != len(quals) {
			return "", nil, false
		}
		desc = TrimSpace(head)
	}
	if strings.TrimLeft(desc, "*") == "" {
		return "", nil, false
	}
	return desc, quals, true
}

// isQualifier reports whether q, in any case, is a MeSH qualifier. It
// does not allocate: no qualifier is longer than the buffer.
func isQualifier(q string) bool {
	var buf [40]byte
	if len(q) > len(buf) {
		return false
	}
	return meshQualifiers[string(appendLowerASCII(buf[:0], q))]
}
