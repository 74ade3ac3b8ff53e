package ingest

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/ingest/ovid"
)

// Detect decides the format of an export from its first bytes of text (as
// decoded), never from its name: ext (the file's extension) only breaks a
// tie between formats the content fits equally well. It returns an error
// that says what the text looks like when it is no export bibdb reads.
//
// The signs, strongest first:
//
//	<PubmedArticleSet>, <PubmedArticle>, <PubmedBookArticle>   PubMed XML
//	<xml><records><record> (or, older, <XML><RECORDS><RECORD>)  EndNote XML
//	a JSON array or object of items with title/type/author      CSL-JSON
//	"PMID- ", or MEDLINE-only tags (FAU, JT, TA, LID, MH, ...)   MEDLINE
//	"TY  - " / "TY - " (also a whole record on one line)        RIS
//	"FN ", "VR 1.0", "PT J" then two-letter tags                Web of Science
//	a tab-separated header of Web of Science tags (PT AU TI)    Web of Science
//	"%0 ", "%A ", "%T " lines                                   EndNote tagged
//	"<1. >" record numbers, "VN  - Ovid Technologies"            Ovid
//	"@article{", "@book(" ...                                   BibTeX / BibLaTeX
//	a CSV header naming Title and Authors, Source title, EID... CSV (Scopus)
//	"Authors", "Source", ... lines, their values indented below  Ovid (long labels, no numbers)
func Detect(head []byte, ext string) (*Format, error) {
	name, err := detectName(head, strings.ToLower(ext))
	if err != nil {
		return nil, err
	}
	f := Lookup(name)
	if f == nil || f.NewReader == nil {
		return nil, fmt.Errorf("the file looks like %s, which this build of bibdb cannot read", name)
	}
	return f, nil
}

func detectName(head []byte, ext string) (string, error) {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	t := bytes.TrimLeft(head, " \t\r\n\ufeff")
	if !hasWordChar(t) {
		// Nothing but white space and punctuation: an empty export. Its
		// extension says which format it is empty of, if any.
		if f, ok := extensionFormats[ext]; ok {
			return f, nil
		}
		return "", fmt.Errorf("the file is empty")
	}
	if bytes.HasPrefix(t, []byte("%PDF-")) {
		return "", fmt.Errorf("not a bibliographic export: the file is a PDF document")
	}
	if bytes.HasPrefix(t, []byte("PK\x03\x04")) {
		return "", fmt.Errorf("not a bibliographic export: the file is a ZIP archive (a Word or Excel file?); unpack it or export as text")
	}
	if binary(t) {
		return "", fmt.Errorf("not a bibliographic export: the file holds binary data")
	}
	if ovidMarker(t) {
		// Ovid's record numbers before RIS or MEDLINE records are text
		// between records; before anything else, Ovid's own format.
		if !bytes.Contains(t, []byte("\nTY  -")) && !bytes.Contains(t, []byte("\nPMID-")) {
			return "ovid", nil
		}
	} else if t[0] == '<' {
		return detectXML(t)
	}
	if bytes.HasPrefix(t, []byte("{Reference Type}:")) {
		return "", fmt.Errorf("not a bibliographic export bibdb reads: NoteExpress's own format (it starts %s); export from NoteExpress as RIS or EndNote instead", quoteStart(t))
	}
	if t[0] == '[' || t[0] == '{' {
		if looksLikeCSL(t) {
			return "csl-json", nil
		}
		if bytes.Contains(t, []byte("@")) && bibtexEntry(t) {
			return "bibtex", nil
		}
		return "", fmt.Errorf("not a bibliographic export: JSON, but not CSL-JSON (no items with title, type or author); it starts %s", quoteStart(t))
	}

	var (
		risTags, risTY, flatTY, risER int
		medTags, pmid, medOnly        int
		wosTags, wosHead, wosPT       int
		enwTags, enw0                 int
		ovidVN, ovidMarks             int
		ovidLabels                    map[string]bool // Ovid's long labels, on lines of their own
		indentedLines                 int
		bibEntries                    int
		comments                      int // lines of "%" comments, as BibTeX has
		lines                         int
		firstLine                     string
	)
	for _, raw := range splitLines(t) {
		line := string(raw)
		if strings.TrimSpace(line) == "" {
			continue
		}
		if lines == 0 && strings.HasPrefix(strings.ToLower(line), "sep=") {
			continue // Excel's separator line before a CSV header
		}
		lines++
		if lines == 1 {
			firstLine = line
		}
		if isRISTag(line) {
			risTags++
			if strings.HasPrefix(line, "ER") {
				risER++
			}
			if strings.HasPrefix(line, "TY") {
				risTY++
				if len(line) > 200 && strings.Count(line, " - ") >= 4 {
					flatTY++
				}
			}
		} else if k := strings.Index(line, "TY - "); k >= 0 && (k == 0 || line[k-1] == ' ') && strings.Count(line, " - ") >= 4 {
			flatTY++
		}
		if tag, ok := medlineTag(line); ok {
			medTags++
			if tag == "PMID" {
				pmid++
			}
			if medlineOnly[tag] {
				medOnly++
			}
		}
		if isWoSTag(line) {
			wosTags++
			if strings.HasPrefix(line, "FN ") || strings.HasPrefix(line, "VR ") {
				wosHead++
			}
			if len(line) >= 4 && strings.HasPrefix(line, "PT ") && len(strings.TrimSpace(line)) <= 4 {
				wosPT++
			}
		}
		// EndNote tagged: "%0 Journal Article", "%A Byng, R" (a tag with no
		// value does not count: a bare "%0" is no reference).
		if l := strings.TrimPrefix(line, "ï»¿"); len(l) >= 4 && l[0] == '%' && isENWTag(l[1]) && l[2] == ' ' && strings.TrimSpace(l[3:]) != "" {
			enwTags++
			if l[1] == '0' {
				enw0++
			}
		}
		if bibtexLine(line) {
			bibEntries++
		}
		if line[0] == '%' {
			comments++
		}
		// Ovid's own format: "VN  - Ovid Technologies" opens each record,
		// and its numbers stand on lines of their own ("<1. >"), after
		// the search history when there is one.
		if l := strings.TrimLeft(line, " "); strings.HasPrefix(l, "VN ") && strings.Contains(l, "- Ovid") {
			ovidVN++
		}
		if ovidMarker([]byte(strings.TrimSpace(line))) {
			ovidMarks++
		}
		if line[0] == ' ' || line[0] == '\t' {
			indentedLines++
		} else if ovid.IsLabel(line) {
			if ovidLabels == nil {
				ovidLabels = map[string]bool{}
			}
			ovidLabels[strings.ToLower(strings.TrimSpace(line))] = true
		}
		if lines > 400 {
			break
		}
	}
	switch {
	case (ovidVN > 0 || ovidMarks > 0) && risTY == 0 && flatTY == 0 && pmid == 0:
		return "ovid", nil
	case pmid > 0 || (medOnly >= 2 && risTY == 0) || (medOnly >= 1 && risTY == 0 && risER == 0 && flatTY == 0):
		return "medline", nil
	case risTY > 0 || flatTY > 0:
		return "ris", nil
	case wosHead > 0 || (wosPT > 0 && wosTags >= 3):
		return "wos", nil
	case isWoSTabHeader(firstLine):
		return "wos", nil
	case enw0 > 0 || enwTags >= 3 || (enwTags > 0 && enwTags == lines):
		return "enw", nil
	case bibEntries > 0:
		return "bibtex", nil
	case isCSVHeader(firstLine):
		return "csv", nil
	case risTags >= 3 && risTags >= medTags:
		if ext == ".nbib" || ext == ".medline" {
			return "medline", nil
		}
		return "ris", nil // tags without TY: RIS with its first lines lost
	case medTags >= 3:
		return "medline", nil
	}
	if len(ovidLabels) >= 4 && indentedLines >= len(ovidLabels) {
		// Ovid's long layout with no record numbers: labels such as
		// "Authors" and "Source" on lines of their own, each value
		// indented below its label
		return "ovid", nil
	}
	if bytes.HasPrefix(t, []byte("Record #")) && bytes.Contains(t, []byte("\nID: CN-")) {
		return "", fmt.Errorf("not a format bibdb reads: the Cochrane Library's plain-text export (it starts %s); export from the Cochrane Library as RIS instead", quoteStart(t))
	}
	if ext == ".bib" && comments == lines {
		return "bibtex", nil // JabRef's empty library: "% Encoding: UTF-8" and nothing else
	}
	return "", fmt.Errorf("not a bibliographic export bibdb knows (RIS, MEDLINE, PubMed XML, BibTeX, EndNote XML or tagged, Web of Science, Scopus CSV, CSL-JSON, Ovid): it starts %s", quoteStart(t))
}

// ovidMarker reports whether t begins with the record marker of Ovid's own
// export formats: "<1. >", "<3001. >" or "<1>" alone on its line.
func ovidMarker(t []byte) bool {
	if len(t) < 3 || t[0] != '<' {
		return false
	}
	i := 1
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	if i == 1 {
		return false
	}
	rest := t[i:]
	for _, m := range []string{". >", ".>", ">"} {
		if r, ok := bytes.CutPrefix(rest, []byte(m)); ok {
			r = bytes.TrimLeft(r, " \t")
			return len(r) == 0 || r[0] == '\n' || r[0] == '\r'
		}
	}
	return false
}

func detectXML(t []byte) (string, error) {
	s := string(t)
	low := strings.ToLower(s)
	switch {
	case strings.Contains(s, "<PubmedArticleSet") || strings.Contains(s, "<PubmedArticle") ||
		strings.Contains(s, "<PubmedBookArticle") || strings.Contains(s, "<MedlineCitationSet") || strings.Contains(s, "<MedlineCitation") ||
		strings.Contains(s, "<BookDocumentSet"):
		return "pubmedxml", nil
	case strings.Contains(s, "<records>") || strings.Contains(s, "<record>") && strings.Contains(s, "<ref-type"),
		strings.Contains(s, "<RECORDS>") || strings.Contains(s, "<RECORD>") && strings.Contains(s, "<REFERENCE_TYPE>"):
		// (the second line: EndNote's older XML, in capitals)
		return "endnotexml", nil
	case strings.Contains(low, "<!doctype html") || strings.Contains(low, "<html"):
		return "", fmt.Errorf("not a bibliographic export: the file is an HTML page (a login or error page saved instead of the export?)")
	}
	root := ""
	for i := 0; i < len(s); i++ {
		if s[i] == '<' && i+1 < len(s) && s[i+1] != '?' && s[i+1] != '!' {
			j := i + 1
			for j < len(s) && s[j] != '>' && s[j] != ' ' && s[j] != '\n' && s[j] != '/' {
				j++
			}
			root = s[i+1 : j]
			break
		}
	}
	return "", fmt.Errorf("not a bibliographic export bibdb knows: XML with root element <%s>, not PubMed XML or EndNote XML", root)
}

func looksLikeCSL(t []byte) bool {
	n := 0
	for _, k := range []string{`"title"`, `"type"`, `"author"`, `"issued"`, `"container-title"`, `"DOI"`, `"id"`} {
		if bytes.Contains(t, []byte(k)) {
			n++
		}
	}
	return n >= 2
}

func bibtexEntry(t []byte) bool {
	for _, l := range splitLines(t) {
		if bibtexLine(string(l)) {
			return true
		}
	}
	return false
}

// bibtexLine reports whether a line opens a BibTeX entry: "@article{",
// "@Book (", "@string{".
func bibtexLine(line string) bool {
	s := strings.TrimLeft(line, " \t")
	if len(s) < 3 || s[0] != '@' {
		return false
	}
	i := 1
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] >= 'A' && s[i] <= 'Z' || s[i] == '_' || s[i] == '-') {
		i++
	}
	if i == 1 {
		return false
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i == len(s) || s[i] == '{' || s[i] == '('
}

func isRISTag(line string) bool {
	if len(line) < 5 || !isUpper(line[0]) || !isUpperOrDigit(line[1]) || line[2] != ' ' {
		return false
	}
	if line[3] == '-' {
		return len(line) == 4 || line[4] == ' '
	}
	return line[3] == ' ' && line[4] == '-'
}

// medlineTag reads a MEDLINE tag line: the tag left-justified in four
// columns, then "- " ("PMID- ", "FAU - ", "TI  - ").
func medlineTag(line string) (string, bool) {
	if len(line) < 6 || line[4] != '-' || (line[5] != ' ' && len(line) > 6) {
		return "", false
	}
	tag := strings.TrimRight(line[:4], " ")
	if len(tag) < 2 || !isUpper(tag[0]) {
		return "", false
	}
	for i := 1; i < len(tag); i++ {
		if !isUpperOrDigit(tag[i]) {
			return "", false
		}
	}
	return tag, true
}

// medlineOnly are tags MEDLINE uses and RIS does not.
var medlineOnly = map[string]bool{"PMID": true, "OWN": true, "STAT": true, "FAU": true, "JT": true, "TA": true, "LID": true,
	"AID": true, "MH": true, "PT": true, "DP": true, "PG": true, "PHST": true, "CRDT": true, "EDAT": true, "MHDA": true,
	"DCOM": true, "LR": true, "IP": true, "VI": true, "SO": true, "OT": true, "AUID": true, "PL": true, "JID": true, "DEP": true}

func isWoSTag(line string) bool {
	return len(line) >= 3 && isUpper(line[0]) && isUpperOrDigit(line[1]) && line[2] == ' ' && (len(line) == 3 || line[3] != ' ' && line[3] != '-')
}

func isWoSTabHeader(line string) bool {
	f := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
	if len(f) < 5 {
		return false
	}
	known := 0
	for _, c := range f {
		switch strings.Trim(strings.TrimSpace(c), `"`) {
		case "PT", "AU", "AF", "TI", "SO", "PY", "UT", "DI", "AB", "DE",
			// the long column names of newer exports
			"Publication Type", "Article Title", "Source Title", "UT (Unique WOS ID)", "Author Full Names", "Publication Year":
			known++
		}
	}
	return known >= 4
}

// extensionFormats are the formats file extensions name, used only for a
// file with no content to tell the format by.
var extensionFormats = map[string]string{
	".ris": "ris", ".nbib": "medline", ".medline": "medline", ".isi": "wos", ".ciw": "wos", ".bib": "bibtex",
	".enw": "enw", ".csv": "csv", ".json": "csl-json",
}

func hasWordChar(b []byte) bool {
	for _, c := range b {
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 {
			return true
		}
	}
	return false
}

func isENWTag(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || strings.IndexByte("@!#$&()*+=[]|~^?<>", c) >= 0
}

// isCSVHeader reports whether a line is the header of a bibliographic
// table: comma, semicolon or tab separated, naming a title column and at
// least one other bibliographic column.
func isCSVHeader(line string) bool {
	low := strings.ToLower(line)
	if !strings.ContainsAny(low, ",;\t") {
		return false
	}
	cols := strings.FieldsFunc(low, func(r rune) bool { return r == ',' || r == ';' || r == '\t' })
	title, other := false, 0
	for _, c := range cols {
		c = strings.Trim(strings.TrimSpace(c), `"'`)
		switch c {
		case "title", "document title", "article title", "item title", "titles", "display_name":
			title = true
		case "authors", "author", "author full names", "source title", "year", "doi", "eid", "publication year",
			"journal", "abstract", "pubmed id", "issn", "volume", "issue", "author names", "publication title", "work_id":
			other++
		}
	}
	return title && other >= 1
}

func splitLines(b []byte) [][]byte {
	return bytes.FieldsFunc(b, func(r rune) bool { return r == '\n' || r == '\r' })
}

func isUpper(c byte) bool        { return c >= 'A' && c <= 'Z' }
func isUpperOrDigit(c byte) bool { return isUpper(c) || c >= '0' && c <= '9' }

func binary(b []byte) bool {
	if len(b) > 1024 {
		b = b[:1024]
	}
	ctrl := 0
	for _, c := range b {
		if c == 0 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') {
			ctrl++
		}
	}
	return ctrl > len(b)/20 || (!utf8.Valid(b) && ctrl > 0)
}

// quoteStart quotes the first line of t, shortened, for error messages.
func quoteStart(t []byte) string {
	line := t
	if i := bytes.IndexAny(line, "\r\n"); i >= 0 {
		line = line[:i]
	}
	s := string(line)
	if utf8.RuneCountInString(s) > 60 {
		r := []rune(s)
		s = string(r[:60]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
