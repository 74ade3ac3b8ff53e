// Package bib holds bibdb's domain types: the bibliographic record every
// reader yields and every writer consumes, and the rules that normalize its
// parts (names, DOIs, ISSNs, ISBNs, page ranges, dates, keywords).
//
// A Record is the common shape between formats. Readers fill what their
// format carries and leave the rest zero; nothing here knows about SQL or
// about any one file format. Values are kept as written (cleaned of markup
// and extra whitespace); identifiers are kept normalized (see NormalizeDOI,
// NormalizeISSN, NormalizeISBN) so that they can be compared directly.
package bib

import "strings"

// Record is one bibliographic record as read from one file.
type Record struct {
	// Provenance, set by the reader.
	Format   string `json:"format,omitempty"`    // reader name: "ris", "medline", ...
	Position int    `json:"position,omitempty"`  // 1-based order of the record in its file
	Line     int    `json:"line,omitempty"`      // line of the file where the record starts
	SourceID string `json:"source_id,omitempty"` // the record's own id in its file (RIS ID/AN, PMID, UT, EID, BibTeX key)
	Database string `json:"database,omitempty"`  // the database the record says it came from (RIS DB/DP, MEDLINE OWN, ...)
	Raw      string `json:"-"`                   // the record's text as it stood in the file

	Type            string   `json:"type,omitempty"` // a CSL type: article-journal, book, chapter, paper-conference, ...
	Title           string   `json:"title,omitempty"`
	TranslatedTitle string   `json:"translated_title,omitempty"` // an English title given beside the original
	OriginalTitle   string   `json:"original_title,omitempty"`   // the title in its original language
	ShortTitle      string   `json:"short_title,omitempty"`
	Authors         []Person `json:"authors,omitempty"`
	Editors         []Person `json:"editors,omitempty"`
	Translators     []Person `json:"translators,omitempty"`
	// Affiliations that the format does not tie to one author (RIS AD,
	// Scopus "Affiliations"); per-author affiliations live on the Person.
	Affiliations []string `json:"affiliations,omitempty"`

	Container       string `json:"container,omitempty"`        // full journal, book or proceedings title
	ContainerAbbrev string `json:"container_abbrev,omitempty"` // journal abbreviation
	Series          string `json:"series,omitempty"`
	Volume          string `json:"volume,omitempty"`
	Issue           string `json:"issue,omitempty"`
	FirstPage       string `json:"first_page,omitempty"`
	LastPage        string `json:"last_page,omitempty"`
	ArticleNumber   string `json:"article_number,omitempty"`
	Date            Date   `json:"date,omitzero"`
	Edition         string `json:"edition,omitempty"`
	Publisher       string `json:"publisher,omitempty"`
	Place           string `json:"place,omitempty"`
	// Less common parts CSL has a place for: the number of a book in its
	// series, its number of pages ("423", "vi+309"), the version of
	// software or a dataset, where a conference was held, and when an
	// online resource was read.
	CollectionNumber string `json:"collection_number,omitempty"`
	NumberOfPages    string `json:"number_of_pages,omitempty"`
	Version          string `json:"version,omitempty"`
	EventPlace       string `json:"event_place,omitempty"`
	Accessed         Date   `json:"accessed,omitzero"`

	Abstract         string       `json:"abstract,omitempty"`
	Language         string       `json:"language,omitempty"`
	Identifiers      []Identifier `json:"identifiers,omitempty"`
	ISSNs            []ISSN       `json:"issns,omitempty"`
	Keywords         []Keyword    `json:"keywords,omitempty"`
	PublicationTypes []string     `json:"publication_types,omitempty"`
	URLs             []string     `json:"urls,omitempty"`
	Notes            []string     `json:"notes,omitempty"`

	// Warnings about this record that did not stop it from being read.
	Warnings []Warning `json:"warnings,omitempty"`
}

// Person is an author or editor. A person has a family name and usually a
// given name; a group or corporate author, or a name that could not be
// split, has only Literal.
type Person struct {
	Family   string `json:"family,omitempty"`
	Given    string `json:"given,omitempty"`
	Suffix   string `json:"suffix,omitempty"`   // Jr, III
	Particle string `json:"particle,omitempty"` // von, van der, de
	// ParticleDrops says the particle was written after the given name
	// ("Humboldt, Alexander von", "Koning, A. P. J. de"): what CSL calls a
	// dropping particle, as opposed to one written before the family name.
	ParticleDrops bool     `json:"particle_drops,omitempty"`
	Literal       string   `json:"literal,omitempty"`
	ORCID         string   `json:"orcid,omitempty"`
	Affiliations  []string `json:"affiliations,omitempty"`
	Raw           string   `json:"raw,omitempty"` // the name as written, when it differs from the parsed form
}

// IsZero reports whether the person has no name at all.
func (p Person) IsZero() bool {
	return p.Family == "" && p.Given == "" && p.Literal == ""
}

// FamilyName returns the family name with its particle, or the literal name.
func (p Person) FamilyName() string {
	if p.Literal != "" {
		return p.Literal
	}
	if p.Particle != "" {
		return p.Particle + " " + p.Family
	}
	return p.Family
}

// Initials returns the initials of the given name ("Richard J." → "RJ").
func (p Person) Initials() string { return Initials(p.Given) }

// String returns the name in "Family, Given" order (or the literal name).
func (p Person) String() string {
	if p.Literal != "" {
		return p.Literal
	}
	if p.ParticleDrops && p.Particle != "" {
		s := p.Family + ", " + TrimSpace(p.Given+" "+p.Particle)
		if p.Suffix != "" {
			s += ", " + p.Suffix
		}
		return s
	}
	s := p.FamilyName()
	if p.Given != "" {
		s += ", " + p.Given
	}
	if p.Suffix != "" {
		s += ", " + p.Suffix
	}
	return s
}

// Identifier schemes used in Record.Identifiers.
const (
	DOI   = "doi"
	PMID  = "pmid"
	PMCID = "pmcid"
	ISBN  = "isbn"
	EID   = "eid"   // Scopus
	WOS   = "wos"   // Web of Science UT
	PII   = "pii"   // publisher item identifier
	ArXiv = "arxiv" // arXiv id
	// Accession numbers of other databases (Embase, ERIC, ...) use the
	// database name in lower case as the scheme.
)

// Identifier is one (scheme, value) pair; values are normalized for their
// scheme.
type Identifier struct {
	Scheme string `json:"scheme"`
	Value  string `json:"value"`
}

// ISSN kinds.
const (
	ISSNPrint      = "print"
	ISSNElectronic = "electronic"
	ISSNLinking    = "linking"
)

// ISSN is a normalized ISSN ("0007-1250") with its kind, when known.
type ISSN struct {
	Value string `json:"value"`
	Kind  string `json:"kind,omitempty"`
}

// Keyword vocabularies.
const (
	VocabAuthor       = "author"        // author keywords (RIS KW, MEDLINE OT, WoS DE, BibTeX keywords)
	VocabMeSH         = "mesh"          // MeSH descriptors
	VocabKeywordsPlus = "keywords-plus" // WoS Keywords Plus (ID)
	VocabIndex        = "index"         // indexer terms (Scopus Index Keywords, Emtree, ...)
)

// Keyword is one subject term. A MeSH heading with several qualifiers is
// several Keywords sharing Term, one per qualifier.
type Keyword struct {
	Term       string `json:"term"`
	Vocabulary string `json:"vocabulary,omitempty"`
	Qualifier  string `json:"qualifier,omitempty"`
	Major      bool   `json:"major,omitempty"`
	UI         string `json:"ui,omitempty"` // MeSH unique id
}

// Warning is something odd about the input that did not stop a record from
// being read. Line is the line of the file it refers to (0 when unknown).
type Warning struct {
	Line int    `json:"line,omitempty"`
	Msg  string `json:"msg"`
}

// Warn appends a warning to the record.
func (r *Record) Warn(line int, msg string) {
	r.Warnings = append(r.Warnings, Warning{Line: line, Msg: msg})
}

// WarningsAt gives the warnings that name no line the line given, the
// line where a reader found the record.
func (r *Record) WarningsAt(line int) {
	for i := range r.Warnings {
		if r.Warnings[i].Line == 0 {
			r.Warnings[i].Line = line
		}
	}
}

// AddIdentifier adds a normalized identifier unless the record already has
// it. Empty values are ignored.
func (r *Record) AddIdentifier(scheme, value string) {
	if value == "" {
		return
	}
	for _, id := range r.Identifiers {
		if id.Scheme == scheme && id.Value == value {
			return
		}
	}
	if cap(r.Identifiers) == 0 {
		// Most records have one or two identifiers (a DOI, a PMID or
		// an accession number): room for two spares growing from one.
		r.Identifiers = make([]Identifier, 0, 2)
	}
	r.Identifiers = append(r.Identifiers, Identifier{Scheme: scheme, Value: value})
}

// AddDOI normalizes s and adds it as a DOI; it reports whether s held one.
func (r *Record) AddDOI(s string) bool {
	d := NormalizeDOI(s)
	r.AddIdentifier(DOI, d)
	return d != ""
}

// AddPMID adds s as a PMID if it is one (digits, optionally "PMID:"-prefixed).
func (r *Record) AddPMID(s string) bool {
	p := NormalizePMID(s)
	r.AddIdentifier(PMID, p)
	return p != ""
}

// AddPMCID adds s as a PMCID if it is one.
func (r *Record) AddPMCID(s string) bool {
	p := NormalizePMCID(s)
	r.AddIdentifier(PMCID, p)
	return p != ""
}

// Identifier returns the first value of the scheme, or "".
func (r *Record) Identifier(scheme string) string {
	for _, id := range r.Identifiers {
		if id.Scheme == scheme {
			return id.Value
		}
	}
	return ""
}

// IdentifierValues returns every value of the scheme.
func (r *Record) IdentifierValues(scheme string) []string {
	var out []string
	for _, id := range r.Identifiers {
		if id.Scheme == scheme {
			out = append(out, id.Value)
		}
	}
	return out
}

// AddISSN adds a normalized ISSN. A kind given later fills in a kind not yet
// known.
func (r *Record) AddISSN(value, kind string) {
	if value == "" {
		return
	}
	for i, s := range r.ISSNs {
		if s.Value == value {
			if s.Kind == "" {
				r.ISSNs[i].Kind = kind
			}
			return
		}
	}
	if cap(r.ISSNs) == 0 {
		r.ISSNs = make([]ISSN, 0, 2) // print and electronic, as most journals have
	}
	r.ISSNs = append(r.ISSNs, ISSN{Value: value, Kind: kind})
}

// AddKeyword adds a keyword unless an equal one is there. Empty terms are
// ignored.
func (r *Record) AddKeyword(k Keyword) {
	k.Term = CleanText(k.Term)
	r.AddCleanKeyword(k)
}

// AddCleanKeyword is AddKeyword for a term that is clean already
// (CleanText returns it unchanged), as a reader that checked it knows.
func (r *Record) AddCleanKeyword(k Keyword) {
	if k.Term == "" {
		return
	}
	for i := range r.Keywords {
		x := &r.Keywords[i] // not a copy of each keyword
		if x.Vocabulary == k.Vocabulary && x.Qualifier == k.Qualifier && strings.EqualFold(x.Term, k.Term) {
			return
		}
	}
	r.Keywords = append(r.Keywords, k)
}

// AddAffiliation adds a record-level affiliation unless it is there.
func (r *Record) AddAffiliation(a string) {
	r.AddCleanAffiliation(CleanText(a))
}

// AddCleanAffiliation is AddAffiliation for text that is clean already.
func (r *Record) AddCleanAffiliation(a string) {
	if a == "" {
		return
	}
	for _, x := range r.Affiliations {
		if x == a {
			return
		}
	}
	r.Affiliations = append(r.Affiliations, a)
}

// AddURL adds a URL unless it is there.
func (r *Record) AddURL(u string) {
	u = TrimSpace(u)
	if u == "" {
		return
	}
	for _, x := range r.URLs {
		if x == u {
			return
		}
	}
	r.URLs = append(r.URLs, u)
}

// Year returns the publication year, or 0.
func (r *Record) Year() int { return r.Date.Year }

// Pages returns the page range as "first-last" (also when both are the
// same page, as the source gave them), or the one page there is.
func (r *Record) Pages() string {
	switch {
	case r.FirstPage != "" && r.LastPage != "":
		return r.FirstPage + "-" + r.LastPage
	case r.FirstPage != "":
		return r.FirstPage
	default:
		return r.LastPage
	}
}

// SetPages sets FirstPage and LastPage from a range as written ("466-75",
// "246–256", "e0815", "pp. 12-19"); abbreviated end pages are expanded.
func (r *Record) SetPages(s string) {
	first, last := ParsePages(s)
	if first != "" {
		r.FirstPage = first
	}
	if last != "" {
		r.LastPage = last
	}
}
