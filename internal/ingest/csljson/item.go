package csljson

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// inItem is one CSL-JSON item as the reader takes it: every variable in a
// type that accepts what real files put there (numbers for strings,
// Crossref's arrays of strings, strings for names, dates as strings). JSON
// keys match without regard to case, so "DOI" and "doi" are one variable.
type inItem struct {
	ID                  flex      `json:"id"`
	Type                flex      `json:"type"`
	Title               flex      `json:"title"`
	Subtitle            flex      `json:"subtitle"`
	TitleShort          flex      `json:"title-short"`
	ShortTitle          flex      `json:"shortTitle"`
	OriginalTitle       flex      `json:"original-title"`
	Author              []inName  `json:"author"`
	Editor              []inName  `json:"editor"`
	Director            []inName  `json:"director"`
	Translator          []inName  `json:"translator"`
	Issued              *inDate   `json:"issued"`
	PublishedPrint      *inDate   `json:"published-print"`
	PublishedOnline     *inDate   `json:"published-online"`
	Year                flex      `json:"year"`
	ContainerTitle      flex      `json:"container-title"`
	ContainerTitleShort flex      `json:"container-title-short"`
	JournalAbbreviation flex      `json:"journalAbbreviation"`
	ShortContainerTitle flex      `json:"short-container-title"`
	CollectionTitle     flex      `json:"collection-title"`
	Volume              flex      `json:"volume"`
	Issue               flex      `json:"issue"`
	Page                flex      `json:"page"`
	PageFirst           flex      `json:"page-first"`
	Number              flex      `json:"number"`
	ArticleNumber       flex      `json:"article-number"`
	Edition             flex      `json:"edition"`
	CollectionNumber    flex      `json:"collection-number"`
	NumberOfPages       flex      `json:"number-of-pages"`
	Version             flex      `json:"version"`
	EventPlace          flex      `json:"event-place"`
	Event               flex      `json:"event"`
	EventTitle          flex      `json:"event-title"`
	Accessed            *inDate   `json:"accessed"`
	Publisher           flex      `json:"publisher"`
	PublisherPlace      flex      `json:"publisher-place"`
	DOI                 flex      `json:"DOI"`
	PMID                flex      `json:"PMID"`
	PMCID               flex      `json:"PMCID"`
	ISSN                flex      `json:"ISSN"`
	ISSNType            []inISSN  `json:"issn-type"`
	ISBN                flex      `json:"ISBN"`
	URL                 flex      `json:"URL"`
	Abstract            flex      `json:"abstract"`
	Keyword             flex      `json:"keyword"`
	Keywords            flex      `json:"keywords"`
	Categories          flex      `json:"categories"`
	Language            flex      `json:"language"`
	Genre               flex      `json:"genre"`
	Note                flex      `json:"note"`
	Source              flex      `json:"source"`
	Custom              *Custom   `json:"custom"`
	Message             rawObject `json:"message"`    // Crossref REST: {"status": "ok", "message": {...}}
	Items               rawObject `json:"items"`      // {"items": [...]}, Crossref's work lists
	References          rawObject `json:"references"` // Pandoc metadata: {"references": [...]}
}

// empty reports whether the item has none of the variables a record is
// made of (a wrapper object, or not CSL at all).
func (it *inItem) empty() bool {
	return it.Type.s == "" && it.Title.s == "" && len(it.Author) == 0 && len(it.Editor) == 0 && it.Issued == nil &&
		it.ContainerTitle.s == "" && it.DOI.s == "" && it.URL.s == "" && it.ID.s == ""
}

// rawObject keeps a JSON value as it is, and whether it was there at all.
type rawObject []byte

// present reports whether the value was there and not null.
func (r rawObject) present() bool { return r != nil && string(r) != "null" }

func (r *rawObject) UnmarshalJSON(b []byte) error {
	*r = append((*r)[:0], b...)
	return nil
}

// flex is a CSL variable that should be a string but may come as a number,
// a boolean, null, or an array (Crossref writes "title": ["..."]). s is
// the first value; more holds the others of an array.
type flex struct {
	s    string
	more []string
}

func (f *flex) UnmarshalJSON(b []byte) error {
	switch b[0] {
	case '"':
		f.s = unquote(b)
	case '[':
		var vals []flex
		if json.Unmarshal(b, &vals) == nil {
			for _, v := range vals {
				for _, s := range v.all() {
					if s == "" {
						continue
					}
					if f.s == "" {
						f.s = s
					} else {
						f.more = append(f.more, s)
					}
				}
			}
		}
	case 'n', '{':
		// null or an object: no text
	default:
		f.s = string(b) // a number, true or false
	}
	return nil
}

// all returns every value.
func (f flex) all() []string {
	if f.s == "" {
		return nil
	}
	if len(f.more) == 0 {
		return []string{f.s}
	}
	return append([]string{f.s}, f.more...)
}

// unquoteString is unquote for a literal held in a string; a plain
// string is returned as a substring of it.
func unquoteString(lit string) string {
	inner := lit[1 : len(lit)-1]
	if strings.IndexByte(inner, '\\') < 0 && utf8.ValidString(inner) {
		return inner
	}
	var s string
	if json.Unmarshal([]byte(lit), &s) != nil {
		return ""
	}
	return s
}

// unquote decodes a JSON string literal; plain strings (the usual case)
// are copied without going through encoding/json.
func unquote(b []byte) string {
	inner := b[1 : len(b)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return string(inner)
	}
	var s string
	if json.Unmarshal(b, &s) != nil {
		return ""
	}
	return s
}

// inName is a CSL name: family, given and particles, or a literal (and
// the "name" some tools write); Crossref adds ORCID and affiliation. A name
// written as a plain string is a type error for the decoder, after which
// the item's names are read again by relax.
type inName struct {
	Family              flex     `json:"family"`
	Given               flex     `json:"given"`
	Suffix              flex     `json:"suffix"`
	NonDroppingParticle flex     `json:"non-dropping-particle"`
	DroppingParticle    flex     `json:"dropping-particle"`
	Literal             flex     `json:"literal"`
	Name                flex     `json:"name"`
	ORCID               flex     `json:"ORCID"`
	Affiliation         []inAffi `json:"affiliation"`
	str                 string   // the name given as a plain string
}

// inAffi is a Crossref affiliation: {"name": "..."}, or a string.
type inAffi struct {
	Name flex `json:"name"`
}

func (a *inAffi) UnmarshalJSON(b []byte) error {
	switch b[0] {
	case '{':
		var f struct {
			Name flex `json:"name"`
		}
		if json.Unmarshal(b, &f) == nil {
			a.Name = f.Name
		}
	case '"':
		a.Name.s = unquote(b)
	}
	return nil
}

// inISSN is one entry of Crossref's "issn-type".
type inISSN struct {
	Value flex `json:"value"`
	Type  flex `json:"type"`
}

// inDate is a CSL date: {"date-parts": [[2023, 6, 1]]} with numbers or
// strings, a second part for a range, "season", "raw", "literal", or the
// older {"year": ...} form. A date written as a bare string or an array is
// a type error for the decoder, after which relax reads it again.
type inDate struct {
	DateParts [][]flex `json:"date-parts"`
	Season    flex     `json:"season"`
	Raw       flex     `json:"raw"`
	Literal   flex     `json:"literal"`
	Year      flex     `json:"year"`
	Month     flex     `json:"month"`
	Day       flex     `json:"day"`
	EDTF      flex     `json:"edtf"`
	str       string
}

// relax reads again, from the item's text, the variables the decoder
// could not take because of their JSON type: names written as strings and
// dates written as strings, numbers or arrays.
func relax(raw []byte, it *inItem) {
	var lax struct {
		Author          []json.RawMessage `json:"author"`
		Editor          []json.RawMessage `json:"editor"`
		Director        []json.RawMessage `json:"director"`
		Issued          json.RawMessage   `json:"issued"`
		PublishedPrint  json.RawMessage   `json:"published-print"`
		PublishedOnline json.RawMessage   `json:"published-online"`
	}
	if json.Unmarshal(raw, &lax) != nil {
		return
	}
	for _, x := range []struct {
		raw []json.RawMessage
		out *[]inName
	}{{lax.Author, &it.Author}, {lax.Editor, &it.Editor}, {lax.Director, &it.Director}} {
		if x.raw == nil {
			continue
		}
		names := make([]inName, 0, len(x.raw))
		for _, r := range x.raw {
			var n inName
			switch {
			case len(r) > 0 && r[0] == '"':
				n.str = unquote(r)
			case len(r) > 0 && r[0] == '{':
				json.Unmarshal(r, &n)
			default:
				continue
			}
			names = append(names, n)
		}
		*x.out = names
	}
	for _, x := range []struct {
		raw json.RawMessage
		out **inDate
	}{{lax.Issued, &it.Issued}, {lax.PublishedPrint, &it.PublishedPrint}, {lax.PublishedOnline, &it.PublishedOnline}} {
		if d := laxDate(x.raw); d != nil {
			*x.out = d
		}
	}
}

// laxDate reads a date in any of the forms the decoder does not take: a
// bare string or number, [{"year": 2013, "month": 1}] (old citeproc-js),
// or date-parts alone.
func laxDate(b []byte) *inDate {
	if len(b) == 0 {
		return nil
	}
	d := &inDate{}
	switch b[0] {
	case '{':
		if json.Unmarshal(b, d) != nil {
			return nil
		}
	case '"':
		d.str = unquote(b)
	case '[':
		var objs []inDate
		if json.Unmarshal(b, &objs) == nil && len(objs) > 0 {
			return &objs[0]
		}
		var parts [][]flex
		if json.Unmarshal(b, &parts) != nil {
			return nil
		}
		d.DateParts = parts
	default:
		if _, err := strconv.Atoi(string(b)); err != nil {
			return nil
		}
		d.str = string(b)
	}
	return d
}
