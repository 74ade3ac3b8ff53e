package bibtex

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/bib"
)

// entryTypes maps CSL types onto the entry types the writer uses: BibTeX's
// where it has one, biblatex's otherwise. Every one reads back as the same
// CSL type.
var entryTypes = map[string]string{
	"article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
	"book": "book", "chapter": "incollection", "entry-encyclopedia": "inreference", "entry-dictionary": "inreference",
	"paper-conference": "inproceedings", "thesis": "phdthesis", "report": "techreport", "article": "misc",
	"webpage": "online", "post-weblog": "online", "post": "online", "manuscript": "unpublished", "patent": "patent",
	"periodical": "periodical", "dataset": "dataset", "software": "software", "song": "audio",
	"motion_picture": "video", "broadcast": "video", "graphic": "image", "legislation": "legislation",
	"bill": "legislation", "legal_case": "jurisdiction", "regulation": "legadminmaterial", "standard": "standard",
	"speech": "presentation", "personal_communication": "letter", "review": "review", "review-book": "review",
	"performance": "performance", "map": "map", "interview": "interview", "document": "misc",
}

// Writer writes records as BibTeX entries: the entry type from the CSL
// type (see entryTypes), a unique citation key, and the fields BibTeX
// and biblatex styles read (title, author, editor, journal or booktitle,
// year, month, volume, number, pages, doi, issn, isbn, abstract,
// keywords, publisher, address, language, url, note, ...), with what
// reading the file back needs besides (pmid, pmcid, shortjournal,
// affiliations, keywords-plus, index-keywords, mesh, unique-id,
// scopus-eid, pii, coden, translatedtitle, bdsk-url-N for further links,
// database).
// A date range is given in biblatex's date as well ("2019-05/2019-06"),
// year and month holding its start.
//
// Values are in braces with BibTeX's specials escaped ({ } & % $ # _ ~ ^
// \); accented and other non-ASCII letters are written as UTF-8. A word
// of a title whose case a style must not change (an acronym, "mRNA") is
// protected in braces; the rest of the title is not. Authors are
// "Family, Given" joined with " and "; a group name is in braces. Lines
// end in LF; the output is UTF-8 without a byte-order mark.
type Writer struct {
	w    *bufio.Writer
	keys map[string]bool // citation keys used, lower case
	err  error
}

// NewWriter returns a Writer writing to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{w: bufio.NewWriter(w), keys: map[string]bool{}}
}

// Write writes one record as an entry.
func (w *Writer) Write(rec *bib.Record) error {
	if w.err != nil {
		return w.err
	}
	typ := entryTypes[rec.Type]
	if typ == "" {
		typ = "misc"
	}
	if typ == "phdthesis" && isMasters(rec) {
		typ = "mastersthesis"
	}
	b := w.w
	b.WriteByte('@')
	b.WriteString(typ)
	b.WriteByte('{')
	b.WriteString(w.key(rec))
	b.WriteString(",\n")

	switch rec.Type {
	case "article-magazine":
		w.field("entrysubtype", "magazine")
	case "article-newspaper":
		w.field("entrysubtype", "newspaper")
	}
	w.raw("author", names(rec.Authors))
	w.raw("title", title(rec.Title))
	w.field("shorttitle", rec.ShortTitle)
	w.field("origtitle", rec.OriginalTitle)
	w.field("translatedtitle", rec.TranslatedTitle)
	w.raw("editor", names(rec.Editors))
	w.raw("translator", names(rec.Translators))
	switch typ {
	case "article", "periodical", "review", "misc":
		w.field("journal", rec.Container)
	default:
		w.field("booktitle", rec.Container)
	}
	w.field("shortjournal", rec.ContainerAbbrev)
	w.field("series", rec.Series)
	if d := rec.Date; d.Year != 0 {
		w.raw("year", strconv.Itoa(d.Year))
		switch {
		case d.Month >= 1 && d.Month <= 12:
			w.bare("month", monthKeys[d.Month-1])
			if d.Day != 0 {
				w.raw("day", strconv.Itoa(d.Day))
			}
		case d.Season != "":
			w.field("month", d.Season)
		}
		if end := d.End(); end.Year != 0 {
			// a range ("1999-2000", "2010 Sep-Oct"), which year and
			// month cannot hold: biblatex's date does
			w.raw("date", d.String()+"/"+end.String())
		}
	} else if d.Raw != "" {
		w.field("year", d.Raw)
	}
	w.field("volume", rec.Volume)
	switch typ {
	case "techreport", "patent", "standard", "legislation", "jurisdiction", "legadminmaterial":
		w.field("number", rec.ArticleNumber)
		w.field("issue", rec.Issue)
	default:
		if rec.CollectionNumber != "" {
			// a book's number in its series; biblatex's issue, if any
			w.field("number", rec.CollectionNumber)
			w.field("issue", rec.Issue)
		} else {
			w.field("number", rec.Issue)
		}
		w.field("eid", rec.ArticleNumber)
	}
	first, last := Escape(bib.CleanText(rec.FirstPage)), Escape(bib.CleanText(rec.LastPage))
	switch {
	case first != "" && last != "":
		w.raw("pages", first+"--"+last) // also "7--7", as the record has it
	case first != "":
		w.raw("pages", first)
	case last != "":
		w.raw("pages", "--"+last) // the last page alone
	}
	w.field("edition", rec.Edition)
	w.field("pagetotal", rec.NumberOfPages)
	w.field("version", rec.Version)
	w.field("publisher", rec.Publisher)
	w.field("address", rec.Place)
	w.field("venue", rec.EventPlace)
	if d := rec.Accessed; d.Year != 0 {
		w.raw("urldate", d.String())
	}

	if dois := rec.IdentifierValues(bib.DOI); len(dois) > 0 {
		w.verbatim("doi", strings.Join(dois, " "))
	}
	w.verbatim("pmid", rec.Identifier(bib.PMID))
	w.verbatim("pmcid", rec.Identifier(bib.PMCID))
	if a := rec.Identifier(bib.ArXiv); a != "" {
		w.verbatim("eprint", a)
		w.raw("eprinttype", "arxiv")
	}
	w.verbatim("isbn", strings.Join(rec.IdentifierValues(bib.ISBN), ", "))
	var issn []string
	for _, s := range rec.ISSNs {
		switch s.Kind {
		case bib.ISSNPrint:
			issn = append(issn, s.Value+" (Print)")
		case bib.ISSNElectronic:
			issn = append(issn, s.Value+" (Electronic)")
		case bib.ISSNLinking:
			issn = append(issn, s.Value+" (Linking)")
		default:
			issn = append(issn, s.Value)
		}
	}
	w.verbatim("issn", strings.Join(issn, ", "))
	w.verbatim("unique-id", uniqueIDs(rec))
	w.verbatim("scopus-eid", rec.Identifier(bib.EID))
	w.verbatim("pii", rec.Identifier(bib.PII))
	w.verbatim("coden", strings.Join(rec.IdentifierValues("coden"), ", "))

	w.field("abstract", rec.Abstract)
	w.keywords(rec.Keywords)
	w.field("language", rec.Language)
	w.field("affiliations", strings.Join(allAffiliations(rec), "; "))
	for i, u := range rec.URLs {
		if i == 0 {
			w.verbatim("url", u)
		} else {
			w.verbatim("bdsk-url-"+strconv.Itoa(i+1), u)
		}
	}
	for i, n := range rec.Notes {
		switch i {
		case 0:
			w.field("note", n)
		case 1:
			w.field("addendum", n)
		case 2:
			w.field("annote", strings.Join(rec.Notes[2:], "; "))
		}
	}
	if typ != "phdthesis" && typ != "mastersthesis" || len(rec.PublicationTypes) > 0 {
		w.field("type", strings.Join(rec.PublicationTypes, "; "))
	}
	w.field("database", rec.Database)
	if w.err != nil {
		return w.err
	}
	_, w.err = b.WriteString("}\n\n")
	return w.err
}

// Close flushes what is buffered.
func (w *Writer) Close() error {
	if w.err != nil {
		return w.err
	}
	w.err = w.w.Flush()
	return w.err
}

var monthKeys = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

func isMasters(rec *bib.Record) bool {
	for _, t := range rec.PublicationTypes {
		l := strings.ToLower(t)
		if strings.Contains(l, "master") || strings.Contains(l, "msc") || strings.Contains(l, "m.sc") {
			return true
		}
	}
	return false
}

// field writes "name = {value}" with value escaped, when it is not empty.
func (w *Writer) field(name, value string) {
	w.raw(name, Escape(bib.CleanText(value)))
}

// verbatim writes a value that styles print as it is (url, doi): only
// braces, which would unbalance the entry, are percent-encoded.
func (w *Writer) verbatim(name, value string) {
	value = strings.TrimSpace(value)
	if strings.ContainsAny(value, "{}") {
		value = strings.NewReplacer("{", "%7B", "}", "%7D").Replace(value)
	}
	w.raw(name, value)
}

// raw writes "name = {value}" with value as it is.
func (w *Writer) raw(name, value string) {
	if value == "" || w.err != nil {
		return
	}
	b := w.w
	b.WriteString("  ")
	b.WriteString(name)
	b.WriteString(" = {")
	b.WriteString(value)
	_, w.err = b.WriteString("},\n")
}

// bare writes "name = value" with a macro as the value.
func (w *Writer) bare(name, value string) {
	if w.err != nil {
		return
	}
	b := w.w
	b.WriteString("  ")
	b.WriteString(name)
	b.WriteString(" = ")
	b.WriteString(value)
	_, w.err = b.WriteString(",\n")
}

// keywords writes the keywords by vocabulary: author keywords in keywords,
// MeSH headings in mesh ("*Major", "Term/Qualifier"), Web of Science
// Keywords Plus in keywords-plus, indexing terms in index-keywords. Lists
// are joined with "; " (a lone term with a comma gets a trailing ";" so
// that it is not split when read back).
func (w *Writer) keywords(ks []bib.Keyword) {
	lists := map[string][]string{}
	for _, k := range ks {
		t := k.Term
		field := "keywords"
		switch k.Vocabulary {
		case bib.VocabMeSH:
			field = "mesh"
			if k.Qualifier != "" {
				q := k.Qualifier
				if k.Major {
					q = "*" + q
				}
				t += "/" + q
			} else if k.Major {
				t = "*" + t
			}
		case bib.VocabKeywordsPlus:
			field = "keywords-plus"
		case bib.VocabIndex:
			field = "index-keywords"
		}
		lists[field] = append(lists[field], t)
	}
	for _, f := range []string{"keywords", "mesh", "keywords-plus", "index-keywords"} {
		l := lists[f]
		if len(l) == 0 {
			continue
		}
		s := strings.Join(l, "; ")
		if len(l) == 1 && strings.Contains(s, ",") {
			s += ";"
		}
		w.field(f, s)
	}
}

// allAffiliations lists the record-level affiliations and then the
// per-author ones, without repeats.
func allAffiliations(rec *bib.Record) []string {
	var out []string
	seen := map[string]bool{}
	add := func(a string) {
		a = strings.TrimSpace(strings.ReplaceAll(a, ";", ","))
		if a != "" && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	for _, a := range rec.Affiliations {
		add(a)
	}
	for _, p := range rec.Authors {
		for _, a := range p.Affiliations {
			add(a)
		}
	}
	return out
}

// Escape returns text with BibTeX's special characters escaped so that
// Text reads it back unchanged: { } & % $ # _ become \{ \} \& \% \$ \# \_;
// ~ ^ \ and the backquote become \textasciitilde{} \textasciicircum{}
// \textbackslash{} \textasciigrave{}; a doubled hyphen or apostrophe (a
// dash or a closing quote in LaTeX) is broken with {}. Other characters,
// accented letters included, are kept as UTF-8.
func Escape(s string) string {
	if !strings.ContainsAny(s, "{}&%$#_~^\\-`'") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '{', '}', '&', '%', '$', '#', '_':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '~':
			b.WriteString(`\textasciitilde{}`)
		case '^':
			b.WriteString(`\textasciicircum{}`)
		case '\\':
			b.WriteString(`\textbackslash{}`)
		case '`':
			b.WriteString(`\textasciigrave{}`)
		case '-', '\'':
			b.WriteByte(c)
			if i+1 < len(s) && s[i+1] == c {
				b.WriteString("{}")
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// title escapes a title and protects in braces the words whose case a
// style must keep: a word with a capital after its first letter ("HIV",
// "mRNA", "COVID-19", "McDonald").
func title(s string) string {
	s = bib.CleanText(s)
	if s == "" {
		return ""
	}
	var b strings.Builder
	for i, w := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		if !needsProtection(w) {
			b.WriteString(Escape(w))
			continue
		}
		// brace the word, not the punctuation around it: "(SMI):" → "({SMI}):"
		i := strings.IndexFunc(w, isWordRune)
		j := strings.LastIndexFunc(w, isWordRune)
		_, n := utf8.DecodeRuneInString(w[j:])
		b.WriteString(Escape(w[:i]))
		b.WriteByte('{')
		b.WriteString(Escape(w[i : j+n]))
		b.WriteByte('}')
		b.WriteString(Escape(w[j+n:]))
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func needsProtection(w string) bool {
	first := true
	for _, r := range w {
		if !unicode.IsLetter(r) {
			continue
		}
		if !first && unicode.IsUpper(r) {
			return true
		}
		first = false
	}
	return false
}

// names joins people for an author or editor field.
func names(ps []bib.Person) string {
	var parts []string
	for _, p := range ps {
		if n := nameOf(p); n != "" {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, " and ")
}

// nameOf writes one name as "von Last, Jr, First", or a group name in
// braces. A part that BibTeX would split wrongly (one holding a comma or
// the word "and") is braced.
func nameOf(p bib.Person) string {
	if p.Literal != "" {
		return "{" + Escape(bib.CleanText(p.Literal)) + "}"
	}
	family := namePart(p.Family)
	if family == "" {
		return namePart(p.Given)
	}
	s := family
	if p.Particle != "" {
		s = namePart(p.Particle) + " " + s
	}
	if p.Suffix != "" {
		s += ", " + namePart(p.Suffix)
	}
	if p.Given != "" {
		s += ", " + namePart(p.Given)
	} else if p.Suffix != "" {
		s += ", "
	}
	return s
}

func namePart(s string) string {
	s = Escape(bib.CleanText(s))
	if strings.Contains(s, ",") || containsAnd(s) {
		return "{" + s + "}"
	}
	return s
}

func containsAnd(s string) bool {
	for _, w := range strings.Fields(s) {
		if strings.EqualFold(w, "and") {
			return true
		}
	}
	return false
}

// key returns a citation key for the record that no earlier entry has:
// its SourceID when that is a valid key, else FamilyYearWord, with a, b,
// c... added until it is unique.
func (w *Writer) key(rec *bib.Record) string {
	if k := rec.SourceID; validKey(k) && !w.keys[strings.ToLower(k)] {
		w.keys[strings.ToLower(k)] = true
		return k
	}
	base := generatedKey(rec)
	k := base
	for n := 0; w.keys[strings.ToLower(k)]; n++ {
		k = base + suffix(n)
	}
	w.keys[strings.ToLower(k)] = true
	return k
}

// suffix returns a, b, ..., z, aa, ab, ... for n = 0, 1, ...
func suffix(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		n = n/26 - 1
		if n < 0 {
			return s
		}
	}
}

// validKey reports whether s can be a citation key: printable, without
// white space and without the characters BibTeX gives a meaning to.
func validKey(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for _, r := range s {
		if r <= ' ' || r == 0x7f || strings.ContainsRune(`,{}()"#%'=\~`, r) || unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

var keyStopwords = map[string]bool{"a": true, "an": true, "the": true, "of": true, "on": true, "in": true,
	"for": true, "and": true, "to": true, "with": true, "at": true, "by": true, "from": true, "is": true, "are": true,
	"der": true, "die": true, "das": true, "le": true, "la": true, "les": true, "el": true, "il": true}

// generatedKey is the first author's family name, the year and the first
// significant word of the title, in ASCII letters and digits:
// "Byng2023Effectiveness".
func generatedKey(rec *bib.Record) string {
	var b strings.Builder
	var who string
	switch {
	case len(rec.Authors) > 0:
		who = firstNonEmpty(rec.Authors[0].Family, rec.Authors[0].Literal)
	case len(rec.Editors) > 0:
		who = firstNonEmpty(rec.Editors[0].Family, rec.Editors[0].Literal)
	}
	b.WriteString(keyWord(who, 20))
	if rec.Date.Year != 0 {
		b.WriteString(strconv.Itoa(rec.Date.Year))
	}
	for _, w := range strings.Fields(bib.Key(rec.Title)) {
		if !keyStopwords[w] {
			b.WriteString(keyWord(w, 20))
			break
		}
	}
	if b.Len() == 0 {
		return "ref" + strconv.Itoa(max(rec.Position, 1))
	}
	return b.String()
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// keyWord returns s folded to ASCII letters and digits, capitalized, at
// most n bytes long.
func keyWord(s string, n int) string {
	f := bib.Fold(s)
	var b strings.Builder
	for _, r := range f {
		if r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if b.Len() == 0 {
				r = unicode.ToUpper(r)
			}
			b.WriteRune(r)
			if b.Len() >= n {
				break
			}
		}
	}
	return b.String()
}

// uniqueIDs writes the record's Web of Science accession numbers, those of
// its other collections as their UT has them ("ZOOREC:ZOOR15512082826"),
// joined by "; ".
func uniqueIDs(rec *bib.Record) string {
	var ids []string
	for _, id := range rec.Identifiers {
		if id.Scheme == bib.WOS {
			ids = append(ids, id.Value)
		} else if ut := bib.WoSAccession(id); ut != "" {
			ids = append(ids, ut)
		}
	}
	return strings.Join(ids, "; ")
}
