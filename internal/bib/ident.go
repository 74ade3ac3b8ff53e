package bib

import (
	"net/url"
	"slices"
	"strings"
)

// NormalizeDOI finds the first DOI in s and returns it in lower case without
// any URL or "doi:" prefix and without trailing punctuation:
// "https://dx.doi.org/10.1192/BJP.2023.28." → "10.1192/bjp.2023.28".
// Percent-encoded DOIs (in link-resolver URLs) are decoded. It returns ""
// when s holds no DOI.
func NormalizeDOI(s string) string {
	var buf [1]string // the first DOI is all it needs: no slice on the heap
	d := AppendDOIs(buf[:0], s)
	if len(d) == 0 {
		return ""
	}
	return d[0]
}

var entityReplacer = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&#60;", "<", "&#62;", ">", "&#38;", "&")

// FindDOIs returns every DOI in s, normalized as NormalizeDOI does, in order
// and without repeats.
func FindDOIs(s string) []string { return AppendDOIs(nil, s) }

// AppendDOIs appends to out the DOIs of s that FindDOIs returns and are
// not in out yet.
func AppendDOIs(out []string, s string) []string {
	if !strings.Contains(s, "10.") {
		if !strings.Contains(s, "%2F") && !strings.Contains(s, "%2f") {
			return out
		}
	}
	if strings.Contains(s, "&") && strings.Contains(s, ";") {
		// HTML entities a database left in a SICI DOI: "&lt;627::AID-HIPO5&gt;"
		s = entityReplacer.Replace(s)
	}
	if strings.Contains(s, "%") {
		if u, err := url.PathUnescape(s); err == nil {
			s = u
		} else if u, err := url.QueryUnescape(strings.ReplaceAll(s, "+", "%2B")); err == nil {
			s = u
		}
	}
	for i := 0; i+3 < len(s); i++ {
		if s[i] != '1' || s[i+1] != '0' || s[i+2] != '.' {
			continue
		}
		if i > 0 && (isDigit(s[i-1]) || isASCIILetter(s[i-1])) {
			continue
		}
		j := i + 3
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if n := j - (i + 3); n < 4 || n > 9 {
			// registrant codes are 4 or more digits (10.1000 upward); subcodes like 10.1000.10 are rare
			if !(n >= 4 && j < len(s) && s[j] == '.') {
				continue
			}
		}
		for j < len(s) && s[j] == '.' { // 10.1000.10/xyz
			k := j + 1
			for k < len(s) && isDigit(s[k]) {
				k++
			}
			if k == j+1 {
				break
			}
			j = k
		}
		if j >= len(s) || s[j] != '/' {
			continue
		}
		k := j + 1
		// DOIs made from SICIs hold angle brackets:
		// 10.1002/(SICI)1097-4636(199901)44:1<35::AID-JBM5>3.0.CO;2-8, or
		// without "(SICI)": 10.1002/1521-3951(199707)202:1<35::AID-PSSB35>3.0.CO;2-8
		sici := len(s)-k >= 6 && strings.EqualFold(s[k:k+6], "(SICI)") || isSICIStart(s[k:])
		for k < len(s) && (!isDOIStop(s[k]) || sici && (s[k] == '>' || s[k] == '<' && !strings.HasPrefix(s[k:], "</"))) {
			if s[k] == '&' && isQueryParam(s[k+1:]) {
				break // the next parameter of a link's query: "id=doi:10.1038%2Fx&atitle=..."
			}
			k++
		}
		suffix := strings.TrimRight(s[j+1:k], ".,;:)]}>'\"")
		// A suffix that ends in "[doi]" or similar was cut at the space before it.
		if suffix == "" {
			continue
		}
		// Balanced brackets belong to the DOI: 10.1016/s0140-6736(20)30183-5
		if strings.Count(s[j+1:k], "(") > strings.Count(suffix, ")") && strings.HasSuffix(strings.TrimRight(s[j+1:k], ".,;:]}>'\""), ")") {
			suffix = strings.TrimRight(s[j+1:k], ".,;:]}>'\"")
		}
		if i > 0 && s[i-1] == '/' && strings.Contains(s[:i], "://") {
			suffix = trimViewSegment(suffix) // a link: ".../doi/10.1002/jcc.540080605/pdf"
		}
		d := strings.ToLower(s[i : j+1+len(suffix)]) // the suffix follows the slash
		if !slices.Contains(out, d) {
			out = append(out, d)
		}
		i = k - 1
	}
	return out
}

// isQueryParam reports whether s begins with the name of a URL query
// parameter and its "=" ("atitle=", "spage="), as what follows a "&" that
// ends a DOI in a link-resolver URL does.
func isQueryParam(s string) bool {
	i := 0
	for i < len(s) && i < 32 && (isASCIILetter(s[i]) || isDigit(s[i]) || s[i] == '_' || s[i] == '.') {
		i++
	}
	return i > 0 && i < len(s) && s[i] == '='
}

// trimViewSegment removes from a DOI found in a link the last part of the
// link's path that names a publisher's view of the article, not the DOI:
// "/pdf", "/full", "/abstract" (Wiley, Taylor & Francis, Frontiers).
func trimViewSegment(suffix string) string {
	i := strings.LastIndexByte(suffix, '/')
	if i <= 0 {
		return suffix
	}
	switch strings.ToLower(suffix[i+1:]) {
	case "pdf", "epdf", "pdfdirect", "full", "fulltext", "abstract", "abs", "html", "epub", "meta", "references", "summary":
		return suffix[:i]
	}
	return suffix
}

// isSICIStart reports whether s begins as a SICI does: an ISSN and the
// issue's date in parentheses ("1521-3951(199707)").
func isSICIStart(s string) bool {
	if len(s) < 11 || s[4] != '-' || s[9] != '(' {
		return false
	}
	for i, c := range []byte(s[:9]) {
		if i != 4 && !isDigit(c) && !(i == 8 && (c == 'X' || c == 'x')) {
			return false
		}
	}
	return true
}

func isDOIStop(c byte) bool {
	return c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '|' || c == '{' || c == '}' || c == '^' || c == '`'
}

// NormalizePMID returns the PubMed id in s ("37078520", "PMID: 37078520",
// "37078520 [pmid]", "https://pubmed.ncbi.nlm.nih.gov/37078520/"), or "".
func NormalizePMID(s string) string {
	s = TrimSpace(s)
	if len(s) <= 9 && AllDigits(s) && s[0] != '0' {
		return s // the common case, without allocating
	}
	low := strings.ToLower(s)
	for _, p := range []string{"https://pubmed.ncbi.nlm.nih.gov/", "http://www.ncbi.nlm.nih.gov/pubmed/", "https://www.ncbi.nlm.nih.gov/pubmed/", "pmid:", "pmid", "pm:", "pubmed ", "medline "} {
		if strings.HasPrefix(low, p) {
			s = TrimSpace(s[len(p):])
			low = low[len(p):]
			break
		}
	}
	s = strings.TrimSuffix(TrimSpace(strings.TrimSuffix(TrimSpace(s), "[pmid]")), "/")
	s = TrimSpace(strings.TrimSuffix(s, "[PMID]"))
	if len(s) == 0 || len(s) > 9 || !AllDigits(s) {
		return ""
	}
	s = strings.TrimLeft(s, "0")
	if s == "" {
		return ""
	}
	return s
}

// NormalizePMCID returns "PMC" followed by the digits of a PubMed Central id
// ("PMC1234567", "pmc1234567 [pmc]", "1234567"), or "".
func NormalizePMCID(s string) string {
	s = TrimSpace(s)
	s = TrimSpace(strings.TrimSuffix(s, "[pmc]"))
	s = TrimSpace(strings.TrimSuffix(s, "[pmcid]"))
	if len(s) > 3 && strings.EqualFold(s[:3], "pmc") {
		s = strings.TrimPrefix(TrimSpace(s[3:]), "id:")
		s = TrimSpace(s)
	}
	if !AllDigits(s) || len(s) > 10 {
		return ""
	}
	return "PMC" + s
}

// FindISSNs returns every ISSN written in s ("0007-1250 (Print)",
// "03064530 (ISSN)", "1537-744X"), normalized to "NNNN-NNNC", in order and
// without repeats. A run of digits longer than 8 (an ISBN) is not an ISSN.
func FindISSNs(s string) []string { return AppendISSNs(nil, s) }

// AppendISSNs appends to out the ISSNs of s that FindISSNs returns and are
// not in out yet.
func AppendISSNs(out []string, s string) []string {
	// (A letter before the digits ends the search there, but for the E or
	// P that ERIC writes before an electronic or print ISSN: E2196-7822.)
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || (i > 0 && (isDigit(s[i-1]) || isASCIILetter(s[i-1]) && !kindLetter(s, i-1))) || (i > 1 && s[i-1] == '-' && isDigit(s[i-2])) {
			continue
		}
		j := i
		for j < len(s) && j-i < 4 && isDigit(s[j]) {
			j++
		}
		if j-i != 4 {
			i = j
			continue
		}
		k := j
		if k < len(s) && (s[k] == '-' || s[k] == ' ') {
			k++
		}
		m := k
		for m < len(s) && m-k < 3 && isDigit(s[m]) {
			m++
		}
		if m-k != 3 || m >= len(s) {
			i = j
			continue
		}
		c := s[m]
		if !isDigit(c) && c != 'X' && c != 'x' {
			i = j
			continue
		}
		end := m + 1
		if end < len(s) && (isDigit(s[end]) || isASCIILetter(s[end]) || (s[end] == '-' && end+1 < len(s) && isDigit(s[end+1]))) {
			i = end
			for i < len(s) && (isDigit(s[i]) || s[i] == '-') {
				i++
			}
			continue
		}
		v := s[i : m+1] // written as bibdb writes it: 0007-1250, 1234-567X
		if s[j] != '-' || c == 'x' {
			v = s[i:j] + "-" + s[k:m] + strings.ToUpper(string(c))
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
		i = end - 1
	}
	return out
}

// NormalizeISSN returns the first ISSN in s, or "".
func NormalizeISSN(s string) string {
	if v := FindISSNs(s); len(v) > 0 {
		return v[0]
	}
	return ""
}

// ISSNKind reads the kind of an ISSN from the words written beside it:
// "(Print)", "(Electronic)", "(Linking)", "eISSN", "online".
func ISSNKind(s string) string {
	if !hasWord(s) {
		return "" // "0007-1250", "1234-567X": the number alone
	}
	isLinking, isElectronic, isPrint := false, false, false
	if isASCII(s) {
		// One pass over the value, each word tried where its first
		// letter stands: ContainsFold for each word, one after another,
		// cost a thousand instructions a value.
		for i := 0; i < len(s) && !isLinking; i++ {
			switch t := s[i:]; s[i] | 0x20 {
			case 'l':
				isLinking = HasPrefixFold(t, "linking")
			case 'e':
				isElectronic = isElectronic || HasPrefixFold(t, "electronic") || HasPrefixFold(t, "eissn") || HasPrefixFold(t, "e-issn")
			case 'o':
				isElectronic = isElectronic || HasPrefixFold(t, "online")
			case 'i':
				isElectronic = isElectronic || HasPrefixFold(t, "internet")
			case 'p':
				isPrint = isPrint || HasPrefixFold(t, "print") || HasPrefixFold(t, "paper")
			}
		}
	} else {
		isLinking = ContainsFold(s, "linking")
		isElectronic = ContainsFold(s, "electronic") || ContainsFold(s, "online") || ContainsFold(s, "eissn") || ContainsFold(s, "e-issn") || ContainsFold(s, "internet")
		isPrint = ContainsFold(s, "print") || ContainsFold(s, "paper")
	}
	switch {
	case isLinking:
		return ISSNLinking
	case isElectronic:
		return ISSNElectronic
	case isPrint:
		return ISSNPrint
	case len(s) > 1 && (s[0] == 'E' || s[0] == 'e') && isDigit(s[1]): // ERIC's E2196-7822
		return ISSNElectronic
	case len(s) > 1 && (s[0] == 'P' || s[0] == 'p') && isDigit(s[1]):
		return ISSNPrint
	}
	return ""
}

// FindISBNs returns every ISBN in s as 13 digits (ISBN-10s are converted),
// in order and without repeats. Hyphens and spaces inside an ISBN are
// allowed; a check digit that does not match is accepted as written.
func FindISBNs(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		// "ISBN-978-..." writes a hyphen between the label and the number
		if !isDigit(s[i]) || (i > 0 && (isDigit(s[i-1]) || s[i-1] == '-' && !(i > 1 && isASCIILetter(s[i-2])))) {
			continue
		}
		var digits []byte
		j := i
		last := i
		for j < len(s) && len(digits) < 13 {
			c := s[j]
			switch {
			case isDigit(c):
				digits = append(digits, c)
				last = j
			case (c == 'X' || c == 'x') && len(digits) == 9:
				digits = append(digits, 'X')
				last = j
				j++
				goto done
			case c == ' ' && len(digits) == 10 && isbn10Valid(digits) && string(digits[:3]) != "978" && string(digits[:3]) != "979":
				// "88-85020-66-6 978-88-85020-66-5": a space after a
				// whole ISBN-10 ends it (an ISBN-13 written with spaces
				// starts with 978 or 979)
				goto done
			case (c == '-' || c == ' ') && j+1 < len(s) && (isDigit(s[j+1]) || s[j+1] == 'X' || s[j+1] == 'x'):
			default:
				goto done
			}
			j++
		}
	done:
		end := last + 1
		if end < len(s) && isDigit(s[end]) {
			i = end
			continue
		}
		var v string
		switch len(digits) {
		case 13:
			if string(digits[:3]) == "978" || string(digits[:3]) == "979" {
				v = string(digits)
			}
		case 10:
			v = isbn10to13(string(digits))
		}
		if v != "" {
			if !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
		i = end - 1
	}
	return out
}

// kindLetter reports whether s[i] is an E or P standing alone before an
// ISSN's digits ("E2196-7822"), not the last letter of a word.
func kindLetter(s string, i int) bool {
	c := s[i] | 0x20
	return (c == 'e' || c == 'p') && (i == 0 || !isASCIILetter(s[i-1]) && !isDigit(s[i-1]))
}

// NormalizeISBN returns the first ISBN in s as 13 digits, or "".
func NormalizeISBN(s string) string {
	if v := FindISBNs(s); len(v) > 0 {
		return v[0]
	}
	return ""
}

// isbn10Valid reports whether ten digits (the last maybe X) carry a
// valid ISBN-10 check digit.
func isbn10Valid(d []byte) bool {
	sum := 0
	for i, c := range d {
		n := int(c - '0')
		if c == 'X' || c == 'x' {
			n = 10
		}
		sum += (10 - i) * n
	}
	return sum%11 == 0
}

func isbn10to13(d string) string {
	b := "978" + d[:9]
	sum := 0
	for i := 0; i < 12; i++ {
		n := int(b[i] - '0')
		if i%2 == 1 {
			n *= 3
		}
		sum += n
	}
	return b + string(rune('0'+(10-sum%10)%10))
}

// hasWord reports whether s has an ASCII letter other than the X of a
// check digit, or any non-ASCII byte.
func hasWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if 'a' <= c && c <= 'z' && c != 'x' || s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// DatabaseScheme names the identifier scheme of a database's accession
// numbers: the database's name in lower case, with the usual spellings
// unified.
func DatabaseScheme(name string) string {
	l := strings.ToLower(CleanText(name))
	switch {
	case strings.Contains(l, "embase"):
		return "embase"
	case strings.Contains(l, "cinahl"):
		return "cinahl"
	case strings.Contains(l, "psycinfo"):
		return "psycinfo"
	case strings.Contains(l, "web of science") || strings.Contains(l, "web of knowledge"):
		return WOS
	case strings.Contains(l, "scopus"):
		return EID
	case l == "eric" || strings.HasPrefix(l, "eric "):
		return "eric"
	case strings.Contains(l, "proquest"):
		// ProQuest's document id, whichever of its databases are named
		// ("Dissertations & Theses @ [a university]; ProQuest
		// Dissertations & Theses Global; ...").
		return "proquest"
	}
	if i := strings.IndexByte(l, ';'); i > 0 {
		return TrimSpace(l[:i]) // several databases: the first
	}
	return l
}

// FindORCID finds an ORCID iD in s ("ORCID: 0000-0002-5930-8785",
// "https://orcid.org/0000-0001-8730-9761", "000000025930878X") and returns
// it as 0000-0000-0000-000X, with ok reporting whether its check digit is
// right. It returns "" when s holds no sixteen-digit id.
func FindORCID(s string) (id string, ok bool) {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || i > 0 && orcidAlnum(s[i-1]) {
			continue
		}
		var digits [16]byte
		n := 0
		j := i
		for ; j < len(s) && n <= 16; j++ {
			c := s[j]
			switch {
			case isDigit(c):
				if n < 16 {
					digits[n] = c
				}
				n++
			case (c == 'X' || c == 'x') && n == 15:
				digits[n] = 'X'
				n++
			case c == '-' || c == ' ':
				if j+1 >= len(s) || !isDigit(s[j+1]) && s[j+1] != 'X' && s[j+1] != 'x' {
					goto end
				}
			default:
				goto end
			}
		}
	end:
		if n != 16 || j < len(s) && orcidAlnum(s[j]) {
			i = j
			continue
		}
		d := string(digits[:])
		return d[0:4] + "-" + d[4:8] + "-" + d[8:12] + "-" + d[12:16], orcidCheck(d[:15]) == d[15]
	}
	return "", false
}

// orcidCheck returns the ISO 7064 MOD 11-2 check character of fifteen
// digits.
func orcidCheck(digits string) byte {
	total := 0
	for i := 0; i < len(digits); i++ {
		total = (total + int(digits[i]-'0')) * 2
	}
	r := (12 - total%11) % 11
	if r == 10 {
		return 'X'
	}
	return byte('0' + r)
}

func orcidAlnum(c byte) bool { return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// wosCollections are the prefixes of the accession numbers (UT) of the Web
// of Science collections other than the Core Collection and MEDLINE. A
// record of one keeps its number as an identifier of the scheme its prefix
// names in lower case: "ZOOREC:ZOOR15512082826" is the zoorec
// "ZOOR15512082826".
var wosCollections = [...]string{"CABI", "INSPEC", "ZOOREC", "BCI", "BIOSIS", "FSTA", "DIIDW", "KJD", "SCIELO",
	"RSCI", "CSCD", "DRCI", "CCC", "PPRN", "PQDT", "GRANTS"}

// WoSAccession returns an identifier of a Web of Science collection's
// scheme as the collection's UT writes it ("ZOOREC:ZOOR15512082826"), or ""
// for an identifier of any other scheme.
func WoSAccession(id Identifier) string {
	if id.Value == "" {
		return ""
	}
	for _, p := range wosCollections {
		if len(id.Scheme) == len(p) && strings.EqualFold(id.Scheme, p) {
			return p + ":" + id.Value
		}
	}
	return ""
}

// ParseWoSAccession reads an accession number WoSAccession writes
// ("ZOOREC:ZOOR15512082826", "CABI:19982209000") as its scheme and value.
func ParseWoSAccession(s string) (scheme, value string, ok bool) {
	p, v, found := strings.Cut(TrimSpace(s), ":")
	v = TrimSpace(v)
	if !found || v == "" || strings.ContainsAny(v, " \t") {
		return "", "", false
	}
	for _, c := range wosCollections {
		if strings.EqualFold(p, c) {
			return strings.ToLower(c), v, true
		}
	}
	return "", "", false
}
