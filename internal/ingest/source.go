package ingest

import (
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// databases maps words found in a record's database field (RIS DB/DP,
// MEDLINE OWN, a CSV "Source" column, ...) onto the names bibdb reports.
// The first match wins, so the more specific names come first.
var databases = []struct{ word, name string }{
	{"ovid medline", "Ovid MEDLINE"},
	{"embase", "Embase"},
	{"emtree", "Embase"},
	{"psycinfo", "PsycINFO"},
	{"ptsdpubs", "PTSDpubs"},
	{"cinahl", "CINAHL"},
	{"pubmed central", "PubMed Central"},
	{"pmc", "PubMed Central"},
	{"cochrane", "Cochrane Library"},
	{"central register", "Cochrane Library"},
	{"pubmed", "PubMed"},
	{"medline", "MEDLINE"},
	{"nlm", "PubMed"},
	{"web of science", "Web of Science"},
	{"web of knowledge", "Web of Science"},
	{"wos", "Web of Science"},
	{"isi", "Web of Science"},
	{"scopus", "Scopus"},
	{"ebsco", "EBSCO"},
	{"academic search", "EBSCO"},
	{"econlit", "EconLit"},
	{"proquest", "ProQuest"},
	{"dissertations", "ProQuest"},
	{"ieee", "IEEE Xplore"},
	{"jstor", "JSTOR"},
	{"dimensions", "Dimensions"},
	{"lens", "Lens"},
	{"eric", "ERIC"},
	{"google scholar", "Google Scholar"},
	{"openalex", "OpenAlex"},
	{"crossref", "Crossref"},
	{"ovid", "Ovid"},
}

// ebscoCodes are the short names EBSCOhost gives its databases, which
// its RIS exports write in DB ("DB  - psyh", with "DP  - EBSCOhost"):
// those whose database is known for certain.
var ebscoCodes = map[string]string{
	"a9h": "Academic Search Complete", "aph": "Academic Search Premier",
	"bth": "Business Source Premier", "buh": "Business Source Complete",
	"psyh": "PsycINFO", "pdh": "PsycARTICLES",
	"cmedm": "MEDLINE", "mdc": "MEDLINE",
	"rzh": "CINAHL", "ccm": "CINAHL", "cin20": "CINAHL",
	"ecn": "EconLit", "sih": "SocINDEX",
}

// DatabaseName returns the canonical name of a source database written
// as s ("Ovid MEDLINE(R) <1946 to Present>" → "Ovid MEDLINE", "NLM" →
// "PubMed", EBSCOhost's "psyh" → "PsycINFO"), or s itself, cleaned, when
// it is not one bibdb knows.
func DatabaseName(s string) string {
	s = bib.CleanText(s)
	if s == "" {
		return ""
	}
	if name, ok := ebscoCodes[strings.ToLower(s)]; ok {
		return name
	}
	if code, ok := strings.CutPrefix(s, "EBSCOhost "); ok {
		// a code the RIS reader found beside "DP  - EBSCOhost"
		if name, ok := ebscoCodes[code]; ok {
			return name
		}
		return "EBSCOhost (" + code + ")"
	}
	low := " " + strings.ToLower(s) + " "
	for _, d := range databases {
		if i := strings.Index(low, d.word); i >= 0 {
			// whole words only: "lens" is not "wavelength lenses"
			before, after := low[i-1], low[i+len(d.word)]
			if !isWordChar(before) && !isWordChar(after) {
				return d.name
			}
		}
	}
	return s
}

func isWordChar(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// RecordDatabase tells the database a record came from: its own database
// field, or signs in its identifiers and links (a WOS: accession number, a
// Scopus EID or link), or "".
func RecordDatabase(r *bib.Record) string {
	if r.Database != "" {
		return DatabaseName(r.Database)
	}
	if r.Identifier(bib.WOS) != "" || strings.HasPrefix(strings.ToUpper(r.SourceID), "WOS:") {
		return "Web of Science"
	}
	if r.Identifier(bib.EID) != "" || strings.HasPrefix(r.SourceID, "2-s2.0-") {
		return "Scopus"
	}
	if isCentralID(r.SourceID) {
		return "Cochrane Library"
	}
	for _, u := range r.URLs {
		l := strings.ToLower(u)
		switch {
		case strings.Contains(l, "scopus.com"):
			return "Scopus"
		case strings.Contains(l, "webofscience") || strings.Contains(l, "webofknowledge"):
			return "Web of Science"
		case strings.Contains(l, "cochranelibrary.com"):
			return "Cochrane Library"
		case strings.Contains(l, "embase.com"):
			return "Embase"
		case strings.Contains(l, "ovid.com"):
			return "Ovid"
		case strings.Contains(l, "ebscohost"):
			return "EBSCO"
		case strings.Contains(l, "ieeexplore"):
			return "IEEE Xplore"
		case strings.Contains(l, "jstor.org"):
			return "JSTOR"
		case strings.Contains(l, "lens.org"):
			return "Lens"
		case strings.Contains(l, "dimensions.ai"):
			return "Dimensions"
		}
	}
	return ""
}

// isCentralID reports whether id is a Cochrane CENTRAL accession number,
// "CN-" and eight digits.
func isCentralID(id string) bool {
	return len(id) == 11 && strings.HasPrefix(id, "CN-") && bib.AllDigits(id[3:])
}

// FormatDatabase is the database a format itself implies (PubMed for
// MEDLINE and PubMed XML, Web of Science for its own exports), or "".
func FormatDatabase(format string) string {
	switch format {
	case "medline", "pubmedxml":
		return "PubMed"
	case "wos":
		return "Web of Science"
	}
	return ""
}
