package bib

import "strings"

// ParseMeSH reads a MeSH heading as MEDLINE and EndNote write it:
// "Humans", "*Neoplasms", "Neoplasms/*therapy", "Neoplasms/drug therapy/*pathology".
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
	parts := splitN(partsBuf[:0], s, "/", -1)
	desc := CleanText(parts[0])
	major := strings.HasPrefix(desc, "*")
	desc = strings.TrimSpace(strings.TrimLeft(desc, "*"))
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
		q = strings.TrimSpace(strings.TrimLeft(q, "*"))
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
	for _, q := range strings.Split(`abnormalities|administration & dosage|adverse effects|agonists|analogs & derivatives|analysis|anatomy & histology|antagonists & inhibitors|biosynthesis|blood|blood supply|cerebrospinal fluid|chemical synthesis|chemically induced|chemistry|classification|complications|congenital|cytology|deficiency|diagnosis|diagnostic imaging|diet therapy|drug effects|drug therapy|economics|education|embryology|enzymology|epidemiology|ethics|ethnology|etiology|genetics|growth & development|history|immunology|injuries|innervation|instrumentation|isolation & purification|legislation & jurisprudence|manpower|metabolism|methods|microbiology|mortality|nursing|organization & administration|parasitology|pathogenicity|pathology|pharmacokinetics|pharmacology|physiology|physiopathology|poisoning|prevention & control|psychology|radiation effects|radiotherapy|rehabilitation|secondary|standards|statistics & numerical data|supply & distribution|surgery|therapeutic use|therapy|toxicity|transmission|trends|ultrastructure|urine|utilization|veterinary|virology|cytology|metabolism|ethics|genetics|physiology|trends|urine|virology|diagnostic use|etiology|psychology|contraindications|toxicity|transplantation|methods|pathology`, "|") {
		m[q] = true
	}
	return m
}()

// IsMeSHHeading reports whether s is written as a MeSH heading with a
// major-topic mark or known qualifiers ("*Humans", "Neoplasms/therapy"),
// as opposed to a free keyword that happens to hold a slash ("HIV/AIDS").
func IsMeSHHeading(s string) bool {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "*") {
		return true
	}
	head, rest, ok := strings.Cut(s, "/")
	if !ok || head == "" {
		return false
	}
	for ok {
		var q string
		q, rest, ok = strings.Cut(rest, "/")
		if !isQualifier(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(q), "*"))) {
			return false
		}
	}
	return true
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
