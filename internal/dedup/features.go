// Package dedup decides which records are the same publication. It holds
// the rules, not the storage: Extract reads the features of a record that
// matter for matching, Keys gives the blocking keys that find candidate
// records (never all pairs), Compare judges one pair and explains its
// verdict, and Place puts a new record into the clusters already built,
// checking the whole cluster so that one bad link cannot chain different
// works together.
//
// The rules, in order:
//
//  1. Vetoes. A pair is different, whatever else agrees, when the records
//     carry different PMIDs, or different DOIs (versions of one Cochrane
//     review, .pub2 and the like, excepted), or years more than one apart,
//     or different volumes, first pages or part numbers, or when exactly one
//     of them is an erratum, a correction, a retraction notice, a comment or
//     reply, a study protocol or a conference abstract. A DOI or PMID
//     carried by records with clearly different titles (a supplement's DOI
//     on every abstract in it, a book's DOI on its chapters) proves nothing.
//  2. Identifiers. A shared PMID, PMCID or DOI with titles that agree is the
//     same work.
//  3. Fuzzy evidence. Titles are compared after folding case, markup,
//     punctuation, dashes, diacritics and Greek letters; authors by family
//     name and first initial; journals by ISSN, full title or abbreviation;
//     then year (±1 for online-first), volume, issue and pages (abbreviated
//     ranges expanded). A near-identical title with agreeing authors and
//     enough agreeing bibliographic detail is the same work; a generic
//     title ("Editorial", "Reply") needs the same journal, volume and pages.
//     A volume or first page in dispute is set aside, and the reason says
//     so, when all else agrees and it is better read as a slip, or as the
//     pages of the article published online ahead of print (no volume,
//     pages from 1). One article number of one journal ("CD006273")
//     carries a reworded title.
//  4. Doubt. A pair that is neither clearly the same nor clearly different
//     is not merged; it goes to review.
package dedup

import (
	"html"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// Flag marks a kind of publication that must not be merged with an
// ordinary article of the same title.
type Flag uint16

const (
	FlagErratum      Flag = 1 << iota // erratum, correction, corrigendum
	FlagRetraction                    // retraction notice, expression of concern
	FlagComment                       // comment on, reply to, response to, letter about
	FlagProtocol                      // study protocol
	FlagConference                    // conference abstract or meeting paper
	FlagGenericTitle                  // "Editorial", "Introduction", a title too short to identify a work
)

var flagNames = []struct {
	f    Flag
	name string
}{
	{FlagErratum, "erratum"}, {FlagRetraction, "retraction"}, {FlagComment, "comment or reply"},
	{FlagProtocol, "protocol"}, {FlagConference, "conference abstract"}, {FlagGenericTitle, "generic title"},
}

// String names the flags set.
func (f Flag) String() string {
	var s []string
	for _, n := range flagNames {
		if f&n.f != 0 {
			s = append(s, n.name)
		}
	}
	return strings.Join(s, ", ")
}

// Author is an author as matching sees it.
type Author struct {
	Family  string // folded family name without spaces or punctuation, or a group's key
	Initial string // first initial, folded; "" when unknown
	Group   bool
}

// Features are the parts of a record that matching uses, normalized.
type Features struct {
	Title         string   // title key: folded, punctuation and markup removed
	TitleCore     string   // the title without bracketed or parenthesized parts
	Alt           []string // other title keys: translated, original
	Tokens        []string // the title's words, in order
	sorted        []string // the title's words, sorted, for counting words in common
	coreSort      []string // the same for TitleCore
	Year          int
	Authors       []Author
	Journals      []string // journal keys: full title, abbreviation
	ISSNs         []string
	Volume        string
	Issue         string
	Supplement    string // the number of the supplement the record is in ("3" for "Suppl. 3")
	FirstPage     string
	LastPage      string
	DOIs          []string
	PMIDs         []string
	PMCIDs        []string
	Part          string // part or series number ("1", "2")
	Flags         Flag
	InProceedings bool     // a paper in conference proceedings, whose container names vary most
	ISBNs         []string // 13 digits each
	Kind          Kind     // a whole book, a part of one, or neither
}

// Kind tells books, and parts of books, from other records: an ISBN is
// evidence for a book, but a chapter carries its book's.
type Kind byte

const (
	KindOther Kind = iota
	KindBook       // a book, report or thesis: a whole item with an ISBN of its own
	KindPart       // a chapter, an entry, a paper in proceedings
)

func kindOf(typ string) Kind {
	switch typ {
	case "book", "report", "thesis":
		return KindBook
	case "chapter", "entry", "entry-dictionary", "entry-encyclopedia", "paper-conference":
		return KindPart
	}
	return KindOther
}

// Extract returns the features of a record.
func Extract(r *bib.Record) *Features {
	f := &Features{Year: r.Date.Year}
	f.Title, f.TitleCore = titleKeys(r.Title)
	for _, t := range []string{r.TranslatedTitle, r.OriginalTitle} {
		if k, _ := titleKeys(t); k != "" && k != f.Title {
			f.Alt = append(f.Alt, k)
		}
	}
	f.index()
	for _, p := range r.Authors {
		switch {
		case p.Literal != "":
			f.Authors = append(f.Authors, Author{Family: compact(bib.Key(p.Literal)), Group: true})
		case p.Family != "" || p.Particle != "":
			a := Author{Family: compact(bib.Key(p.FamilyName()))}
			if g := bib.Key(p.Given); g != "" {
				a.Initial = g[:1]
			}
			f.Authors = append(f.Authors, a)
		}
	}
	for _, k := range journalKeys(r.Container, r.ContainerAbbrev) {
		if meetingName(k) {
			// Embase names the meeting, not the journal, for some
			// conference abstracts: it says nothing of the journal.
			continue
		}
		if k != "" && !contains(f.Journals, k) {
			f.Journals = append(f.Journals, k)
		}
		// "Atherosclerosis Supplements" prints what Embase also lists as
		// supplements of "Atherosclerosis".
		for _, sfx := range []string{" supplements", " supplement", " supplementum"} {
			if base := strings.TrimSuffix(k, sfx); base != k && base != "" && !contains(f.Journals, base) {
				f.Journals = append(f.Journals, base)
			}
		}
	}
	for _, s := range r.ISSNs {
		f.ISSNs = append(f.ISSNs, s.Value)
	}
	f.Volume = numberKey(r.Volume)
	f.Issue = numberKey(r.Issue)
	f.Supplement = supplementNumber(r.Issue)
	if f.Supplement == "" {
		f.Supplement = supplementNumber(r.Volume)
	}
	f.FirstPage, f.LastPage = pageKeys(r.FirstPage, r.LastPage)
	if f.FirstPage == "" && r.ArticleNumber != "" {
		f.FirstPage = numberKey(r.ArticleNumber)
	}
	f.DOIs = r.IdentifierValues(bib.DOI)
	for i, d := range f.DOIs {
		f.DOIs[i] = siciDOIKey(d)
	}
	f.PMIDs = r.IdentifierValues(bib.PMID)
	f.PMCIDs = r.IdentifierValues(bib.PMCID)
	f.Part = partNumber(f.Title)
	f.Flags = flags(r, f)
	f.InProceedings = r.Type == "paper-conference"
	f.ISBNs = r.IdentifierValues(bib.ISBN)
	f.Kind = kindOf(r.Type)
	f.detach()
	return f
}

// detach copies the strings of f into one allocation of its own. Some are
// substrings of the record's values, which readers cut from the record's
// raw text: a Features kept in a cache would keep that whole text alive
// (kilobytes; a PubMed article's XML is 9 KB) for a volume number or a
// DOI.
func (f *Features) detach() {
	ptrs := []*string{&f.Title, &f.TitleCore, &f.Volume, &f.Issue, &f.Supplement, &f.FirstPage, &f.LastPage, &f.Part}
	for _, ss := range [][]string{f.Alt, f.Tokens, f.sorted, f.coreSort, f.Journals, f.ISSNs, f.DOIs, f.PMIDs, f.PMCIDs, f.ISBNs} {
		for i := range ss {
			ptrs = append(ptrs, &ss[i])
		}
	}
	for i := range f.Authors {
		ptrs = append(ptrs, &f.Authors[i].Family, &f.Authors[i].Initial)
	}
	n := 0
	for _, p := range ptrs {
		n += len(*p)
	}
	var b strings.Builder
	b.Grow(n)
	for _, p := range ptrs {
		b.WriteString(*p)
	}
	all := b.String()
	for _, p := range ptrs {
		*p, all = all[:len(*p)], all[len(*p):]
	}
}

var greek = strings.NewReplacer(
	"α", " alpha ", "β", " beta ", "γ", " gamma ", "δ", " delta ", "ε", " epsilon ", "ζ", " zeta ", "η", " eta ",
	"θ", " theta ", "ι", " iota ", "κ", " kappa ", "λ", " lambda ", "μ", " mu ", "ν", " nu ", "ξ", " xi ",
	"π", " pi ", "ρ", " rho ", "σ", " sigma ", "τ", " tau ", "υ", " upsilon ", "φ", " phi ", "χ", " chi ",
	"ψ", " psi ", "ω", " omega ", "Α", " alpha ", "Β", " beta ", "Γ", " gamma ", "Δ", " delta ", "Κ", " kappa ",
	"Ω", " omega ", "µ", " mu ", "®", " ", "™", " ", "©", " ")

// siciDOIKey writes a DOI made from a SICI the way its underscore alias
// is registered, so that both forms compare equal:
// 10.1597/1545-1569(1994)031<0364:cpwart>2.3.co;2 and
// 10.1597/1545-1569_1994_031_0364_cpwart_2.3.co_2 are one DOI.
func siciDOIKey(d string) string {
	i := strings.IndexByte(d, '/')
	if i < 0 || len(d)-i-1 < 10 {
		return d
	}
	sfx := d[i+1:]
	if sfx[4] != '-' || sfx[9] != '(' && sfx[9] != '_' || !bib.AllDigits(sfx[:4]) || !bib.AllDigits(sfx[5:8]) {
		return d
	}
	return d[:i+1] + siciPunctuation.Replace(sfx)
}

var siciPunctuation = strings.NewReplacer("(", "_", ")", "_", "<", "_", ">", "_", ":", "_", ";", "_")

// titleKeys returns the title's key and the key of the title with its
// bracketed and parenthesized parts taken out.
func titleKeys(t string) (key, core string) {
	if t == "" {
		return "", ""
	}
	t = bib.StripTags(t)
	if strings.IndexByte(t, '&') >= 0 {
		t = html.UnescapeString(t)
	}
	t = greek.Replace(t)
	key = normTitle(t)
	core = normTitle(stripBracketed(t))
	if core == "" {
		core = key
	}
	return key, core
}

// normTitle folds a title and drops the words that vary between databases
// without changing the title ("and" for "&", "the" and "a").
func normTitle(t string) string {
	toks := strings.Fields(bib.Key(t))
	// "RETRACTED ARTICLE: Title" (Springer) and "RETRACTED: Title
	// (Retracted Article)" (Web of Science): the record of the retracted
	// article itself, which is that article. Without those words
	// "Retracted: Title" may be the notice (Hindawi titles its notices
	// so), which stays a retraction.
	if len(toks) > 3 && toks[0] == "retracted" && (toks[1] == "article" || hasRun(toks[2:], "retracted", "article")) {
		toks = toks[1:]
		if toks[0] == "article" {
			toks = toks[1:]
		}
	}
	out := toks[:0]
	for _, w := range toks {
		switch w {
		case "and", "the", "a", "an":
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// hasRun reports whether words holds a, then b right after it.
func hasRun(words []string, a, b string) bool {
	for i := 0; i+1 < len(words); i++ {
		if words[i] == a && words[i+1] == b {
			return true
		}
	}
	return false
}

// stripBracketed removes text in [] and () (translations, notes such as
// "[Article in German]", trial acronyms) and a leading translated title's
// brackets.
func stripBracketed(t string) string {
	var b strings.Builder
	depth := 0
	for _, r := range t {
		switch r {
		case '[', '(':
			depth++
			continue
		case ']', ')':
			if depth > 0 {
				depth--
			}
			continue
		}
		if depth == 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// index computes the word lists of the titles.
func (f *Features) index() {
	f.Tokens = strings.Fields(f.Title)
	f.sorted = sortedWords(f.Title)
	f.coreSort = f.sorted
	if f.TitleCore != f.Title {
		f.coreSort = sortedWords(f.TitleCore)
	}
}

func sortedWords(s string) []string {
	w := strings.Fields(s)
	sort.Strings(w)
	return w
}

func compact(s string) string { return strings.ReplaceAll(s, " ", "") }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// journalKeys returns the keys of a record's journal titles, and of both
// halves of a title that carries its translation in brackets, as Ovid
// writes some ("Gan to Kagaku Ryoho [Japanese Journal of Cancer &
// Chemotherapy]").
func journalKeys(titles ...string) []string {
	var keys []string
	for _, t := range titles {
		keys = append(keys, journalKey(t))
		t = strings.TrimSpace(t)
		i := strings.IndexByte(t, '[')
		if i <= 0 || !strings.HasSuffix(t, "]") {
			continue
		}
		if inner := journalKey(t[i+1 : len(t)-1]); inner != "" && !catalogueNotes[inner] {
			keys = append(keys, journalKey(t[:i]), inner)
		}
	}
	return keys
}

// catalogueNotes are what the NLM catalogue appends to a journal title in
// brackets ("PLoS One [electronic resource]").
var catalogueNotes = map[string]bool{"electronic resource": true, "internet": true, "print": true, "online": true}

// journalKey folds a journal title and drops a trailing "(Place)", a
// leading "The" and the meeting Embase appends to the journal of a
// conference abstract ("Atherosclerosis. Conference: 15th International
// Symposium on Atherosclerosis ...").
func journalKey(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(strings.ToLower(s), "conference:"); i > 0 {
		if head := strings.TrimRight(s[:i], " "); strings.HasSuffix(head, ".") {
			s = head
		}
	}
	if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
		s = s[:i]
	}
	if strings.ContainsAny(s, "'’") {
		s = elision.ReplaceAllString(s, "$1")
	}
	k := bib.Key(s)
	k = strings.TrimPrefix(k, "the ")
	// NLM catalogue notes on the title: "PLoS One [electronic resource]"
	for note := range catalogueNotes {
		k = strings.TrimSuffix(k, " "+note)
	}
	return k
}

// elision finds the elided articles and prepositions of French and
// Italian titles ("d'anesthésie", "l'enfant", "dell'apparato"), which
// would otherwise fold into the word they stand before.
var elision = regexp.MustCompile(`(?i)\b(?:d|l|dell|all|nell|sull|qu)['’](\pL)`)

// numberKey normalizes a volume, issue or article number: the number it
// starts with, without leading zeros ("96-98" → "96", "29 (3)" → "29",
// "007" → "7"), or the folded text when it starts with no digit
// ("Suppl 1" → "suppl1").
func numberKey(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if s[0] >= '0' && s[0] <= '9' {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if t := strings.TrimLeft(s[:i], "0"); t != "" {
			return t
		}
		return "0"
	}
	return strings.ReplaceAll(bib.Key(s), " ", "")
}

// meetingName reports whether a folded container title names a meeting:
// it starts with an ordinal ("23rd congress of the international society
// on thrombosis and haemostasis", "44th annual scientific meeting of ...").
func meetingName(k string) bool {
	first, _, _ := strings.Cut(k, " ")
	suffix := strings.TrimLeft(first, "0123456789")
	if suffix == first || suffix == "" {
		return false
	}
	return suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th"
}

// supplementNumber returns the number of the supplement an issue or a
// volume names ("Suppl. 3", "SUPPL. 1", "Supplement 2", "S2", "30 (Suppl
// 3)"), without leading zeros, or "".
func supplementNumber(s string) string {
	if s == "" {
		return ""
	}
	toks := strings.Fields(bib.Key(s))
	for i, t := range toks {
		var n string
		switch t {
		case "s", "sup", "supp", "suppl", "supplement", "supplementum":
			if i+1 < len(toks) {
				n = toks[i+1]
			}
		default:
			for _, p := range []string{"suppl", "supp", "s"} {
				if strings.HasPrefix(t, p) && bib.AllDigits(t[len(p):]) {
					n = t[len(p):]
					break
				}
			}
		}
		if bib.AllDigits(n) {
			if n = strings.TrimLeft(n, "0"); n != "" {
				return n
			}
		}
	}
	return ""
}

var monthNumbers = map[string]string{"jan": "1", "feb": "2", "mar": "3", "apr": "4", "may": "5", "jun": "6",
	"jul": "7", "aug": "8", "sep": "9", "oct": "10", "nov": "11", "dec": "12"}

// pageKeys normalizes the first and last page. Page ranges a spreadsheet
// turned into dates ("01-Jul" for 1-7) are turned back.
func pageKeys(first, last string) (string, string) {
	if last == "" {
		if m, ok := excelPages(first); ok {
			return m[0], m[1]
		}
	}
	return pageKey(first), pageKey(last)
}

func excelPages(s string) ([2]string, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	parts := strings.Split(s, "-")
	if len(parts) != 2 {
		return [2]string{}, false
	}
	day, mon := parts[0], parts[1]
	if _, ok := monthNumbers[day]; ok {
		day, mon = mon, day
	}
	m, ok := monthNumbers[mon]
	if !ok || !bib.AllDigits(day) {
		return [2]string{}, false
	}
	return [2]string{strings.TrimLeft(day, "0"), m}, true
}

func pageKey(s string) string {
	k := strings.ReplaceAll(bib.Key(s), " ", "")
	if t := strings.TrimLeft(k, "0"); t != "" {
		return t
	}
	return k
}

// partNumber finds "Part 2", "Part II", "part two" in a title key.
func partNumber(title string) string {
	toks := strings.Fields(title)
	for i := 0; i+1 < len(toks); i++ {
		if toks[i] != "part" && toks[i] != "pt" {
			continue
		}
		n := toks[i+1]
		if bib.AllDigits(n) {
			return strings.TrimLeft(n, "0")
		}
		if v, ok := roman[n]; ok {
			return v
		}
		if v, ok := numberWords[n]; ok {
			return v
		}
	}
	return ""
}

var roman = map[string]string{"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "x": "10"}
var numberWords = map[string]string{"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "first": "1", "second": "2", "third": "3"}

// genericTitles are titles that many different works carry.
var genericTitles = map[string]bool{
	"editorial": true, "editorials": true, "introduction": true, "preface": true, "foreword": true, "reply": true, "in reply": true,
	"letter": true, "letters": true, "letter to editor": true, "letter to the editor": true, "commentary": true, "comment": true,
	"news": true, "book review": true, "book reviews": true, "abstracts": true, "index": true, "contents": true,
	"erratum": true, "errata": true, "correction": true, "corrigendum": true, "in this issue": true, "announcement": true,
	"announcements": true, "obituary": true, "response": true, "authors reply": true, "author reply": true, "reply to letter": true,
	"guest editorial": true, "editors note": true, "editor s note": true, "from editor": true, "from editors": true,
	"acknowledgements": true, "acknowledgments": true, "reviewers": true, "discussion": true, "conclusion": true,
	"conclusions": true, "summary": true, "overview": true, "untitled": true, "notes": true, "minitrack introduction": true,
	"correspondence": true, "highlights": true, "case report": true, "case reports": true, "poster": true, "posters": true,
}

var errataStarts = []string{"erratum", "errata", "correction", "corrigendum", "corrections", "addendum", "notice of correction", "author correction", "publisher correction"}
var retractionStarts = []string{"retraction", "retracted", "notice of retraction", "expression of concern", "withdrawn", "withdrawal", "retraction note", "statement of retraction"}
var commentStarts = []string{"comment on", "comments on", "commentary on", "reply to", "reply", "in reply", "response to", "author reply", "authors reply",
	"author s reply", "authors response", "re ", "letter", "invited commentary", "editorial comment", "a response to", "rebuttal"}

func hasPrefixWord(s, p string) bool {
	return strings.HasPrefix(s, p) && (len(s) == len(p) || s[len(p)] == ' ' || p[len(p)-1] == ' ')
}

// studyProtocol reports whether a folded title is that of a study's
// protocol ("... trial: study protocol", "Protocol for a systematic
// review of ...", "... a randomised trial protocol") rather than one that
// speaks of a protocol of treatment ("a chemotherapy protocol of Essen
// University Hospital").
func studyProtocol(t string) bool {
	if hasPrefixWord(t, "protocol") || strings.HasSuffix(t, " protocol") {
		return true
	}
	padded := " " + t + " "
	for _, p := range []string{" study protocol ", " trial protocol ", " review protocol ", " research protocol ", " evaluation protocol "} {
		if strings.Contains(padded, p) {
			return true
		}
	}
	// "protocol for a randomised ...", "protocol of a multicentre ..."
	for _, lead := range []string{" protocol for ", " protocol of "} {
		for rest := padded; ; {
			i := strings.Index(rest, lead)
			if i < 0 {
				break
			}
			rest = rest[i+len(lead):]
			for _, design := range studyDesigns {
				if strings.HasPrefix(rest, design) {
					return true
				}
			}
		}
	}
	return false
}

// studyDesigns start the words that name a study after "protocol for"
// (articles are already folded out of the title).
var studyDesigns = []string{"randomi", "systematic", "multi", "pragmatic", "prospective", "retrospective", "cluster", "phase",
	"pilot", "feasibility", "controlled", "cohort", "qualitative", "mixed", "longitudinal", "cross", "observational",
	"trial", "study", "meta", "scoping", "realist", "double", "open", "single", "non", "placebo", "cochrane", "review", "evaluation"}

func flags(r *bib.Record, f *Features) Flag {
	var fl Flag
	t := f.Title
	if t == "" {
		return FlagGenericTitle
	}
	for _, p := range errataStarts {
		if hasPrefixWord(t, p) {
			fl |= FlagErratum
		}
	}
	for _, p := range retractionStarts {
		if hasPrefixWord(t, p) {
			fl |= FlagRetraction
		}
	}
	for _, p := range commentStarts {
		if hasPrefixWord(t, p) {
			fl |= FlagComment
		}
	}
	if studyProtocol(t) {
		fl |= FlagProtocol
	}
	for _, pt := range r.PublicationTypes {
		l := strings.ToLower(pt)
		switch {
		case strings.Contains(l, "erratum") || strings.Contains(l, "published erratum") || strings.Contains(l, "correction"):
			fl |= FlagErratum
		case strings.Contains(l, "retraction"):
			fl |= FlagRetraction
		case strings.Contains(l, "comment") || l == "letter" || strings.Contains(l, "reply"):
			fl |= FlagComment
		case strings.Contains(l, "conference abstract") || strings.Contains(l, "meeting abstract") || strings.Contains(l, "congress"):
			fl |= FlagConference
		}
	}
	if genericTitles[t] || len(f.Tokens) <= 2 || len(t) < 16 {
		fl |= FlagGenericTitle
	}
	return fl
}

// String describes features in one line, for tests and debugging.
func (f *Features) String() string {
	var a []string
	for _, x := range f.Authors {
		a = append(a, x.Family+" "+x.Initial)
	}
	return strconv.Itoa(f.Year) + " | " + f.Title + " | " + strings.Join(a, "; ") + " | " + strings.Join(f.Journals, " / ") +
		" | v" + f.Volume + " i" + f.Issue + " p" + f.FirstPage + "-" + f.LastPage + " | " + strings.Join(f.DOIs, " ") + " " + strings.Join(f.PMIDs, " ")
}
