package csljson

import (
	"strconv"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// cslTypes are the item types of CSL 1.0.2, kept as they are.
var cslTypes = map[string]bool{
	"article": true, "article-journal": true, "article-magazine": true, "article-newspaper": true, "bill": true,
	"book": true, "broadcast": true, "chapter": true, "classic": true, "collection": true, "dataset": true,
	"document": true, "entry": true, "entry-dictionary": true, "entry-encyclopedia": true, "event": true,
	"figure": true, "graphic": true, "hearing": true, "interview": true, "legal_case": true, "legislation": true,
	"manuscript": true, "map": true, "motion_picture": true, "musical_score": true, "pamphlet": true,
	"paper-conference": true, "patent": true, "performance": true, "periodical": true,
	"personal_communication": true, "post": true, "post-weblog": true, "regulation": true, "report": true,
	"review": true, "review-book": true, "software": true, "song": true, "speech": true, "standard": true,
	"thesis": true, "treaty": true, "webpage": true,
}

// typeAliases are types that are not CSL's but that CSL-like JSON carries:
// Crossref's work types, Zotero and Better BibTeX names.
var typeAliases = map[string]string{
	"journal-article": "article-journal", "proceedings-article": "paper-conference", "book-chapter": "chapter",
	"book-section": "chapter", "book-part": "chapter", "book-track": "chapter", "edited-book": "book",
	"monograph": "book", "reference-book": "book", "book-set": "book", "book-series": "book",
	"reference-entry": "entry", "dissertation": "thesis", "posted-content": "article", "preprint": "article",
	"report-component": "report", "report-series": "report", "journal": "periodical", "journal-issue": "periodical",
	"journal-volume": "periodical", "proceedings": "book", "proceedings-series": "book", "component": "article",
	"peer-review": "review", "standard-series": "standard", "database": "dataset", "video": "motion_picture",
	"film": "motion_picture", "audio": "song", "podcast": "song", "tv-broadcast": "broadcast",
	"conference-paper": "paper-conference", "paper": "paper-conference", "web": "webpage", "website": "webpage",
	"blog-post": "post-weblog", "computer-program": "software", "misc": "article", "other": "article",
}

// record maps the item onto a bib.Record. Where the item carries bibdb's
// "custom" object (see Custom), its lists are taken as they are.
func (it *inItem) record() *bib.Record {
	rec := &bib.Record{}
	c := it.Custom
	if c != nil && c.isEmpty() {
		c = nil
	}

	ty := strings.ToLower(strings.TrimSpace(it.Type.s))
	switch {
	case cslTypes[ty]:
		rec.Type = ty
	case typeAliases[ty] != "":
		rec.Type = typeAliases[ty]
	default:
		rec.Type = "article"
		if ty != "" {
			rec.Warn(0, "unknown CSL type "+strconv.Quote(it.Type.s)+"; read as article")
		}
	}

	rec.Title = richText(it.Title.s)
	if sub := richText(it.Subtitle.s); sub != "" && rec.Title != "" && !strings.Contains(rec.Title, sub) {
		rec.Title += ": " + sub
	}
	rec.ShortTitle = richText(first(it.TitleShort.s, it.ShortTitle.s))
	rec.OriginalTitle = richText(it.OriginalTitle.s)

	rec.Authors = people(it.Author)
	if len(rec.Authors) == 0 {
		rec.Authors = people(it.Director)
	}
	rec.Editors = people(it.Editor)
	rec.Translators = people(it.Translator)

	rec.Date = itemDate(it)

	rec.Container = richText(it.ContainerTitle.s)
	if rec.Container == "" {
		// the name of the conference a talk or paper was given at,
		// CSL's event-title ("event" before CSL 1.0.2, as Zotero
		// writes it), where no proceedings hold it
		rec.Container = richText(first(it.EventTitle.s, it.Event.s))
	}
	rec.ContainerAbbrev = text(first(it.ContainerTitleShort.s, it.JournalAbbreviation.s, it.ShortContainerTitle.s))
	rec.Series = richText(it.CollectionTitle.s)
	rec.Volume = text(it.Volume.s)
	rec.Issue = text(it.Issue.s)
	if p := it.Page.s; p != "" {
		rec.SetPages(p)
	} else {
		rec.FirstPage = text(it.PageFirst.s)
	}
	rec.ArticleNumber = text(first(it.Number.s, it.ArticleNumber.s))
	rec.Edition = text(it.Edition.s)
	rec.CollectionNumber = text(it.CollectionNumber.s)
	rec.NumberOfPages = text(it.NumberOfPages.s)
	rec.Version = text(it.Version.s)
	rec.EventPlace = text(it.EventPlace.s)
	if it.Accessed != nil {
		rec.Accessed = it.Accessed.date()
	}
	rec.Publisher = text(it.Publisher.s)
	rec.Place = text(it.PublisherPlace.s)
	rec.Abstract = richText(it.Abstract.s)
	rec.Language = text(it.Language.s)

	for _, v := range it.DOI.all() {
		for _, d := range bib.FindDOIs(v) {
			rec.AddIdentifier(bib.DOI, d)
		}
	}
	for _, v := range it.PMID.all() {
		rec.AddPMID(v)
	}
	for _, v := range it.PMCID.all() {
		rec.AddPMCID(v)
	}
	for _, v := range it.ISBN.all() {
		for _, isbn := range bib.FindISBNs(v) {
			rec.AddIdentifier(bib.ISBN, isbn)
		}
	}
	if c != nil && len(c.ISSNs) > 0 {
		rec.ISSNs = kept(c.ISSNs, func(s bib.ISSN) bool { return s.Value != "" })
	} else {
		for _, t := range it.ISSNType {
			rec.AddISSN(bib.NormalizeISSN(t.Value.s), bib.ISSNKind(t.Type.s))
		}
		for _, v := range it.ISSN.all() {
			for _, s := range bib.FindISSNs(v) {
				rec.AddISSN(s, "")
			}
		}
	}

	if c != nil && len(c.URLs) > 0 {
		rec.URLs = append(rec.URLs, c.URLs...)
	} else {
		for _, u := range it.URL.all() {
			rec.AddURL(u)
		}
	}

	if c != nil && len(c.Keywords) > 0 {
		rec.Keywords = kept(c.Keywords, func(k bib.Keyword) bool { return k.Term != "" })
	} else {
		for _, f := range []flex{it.Keyword, it.Keywords} {
			vals := f.all()
			for _, v := range vals {
				for _, k := range splitKeywords(v, len(vals) > 1) {
					rec.AddKeyword(bib.Keyword{Term: richText(k), Vocabulary: bib.VocabAuthor})
				}
			}
		}
		// CSL's categories, an array of subjects (DataCite's, and
		// citeproc-js's own), each a term whatever its commas
		for _, v := range it.Categories.all() {
			if k := richText(v); k != "" {
				rec.AddKeyword(bib.Keyword{Term: k, Vocabulary: bib.VocabAuthor})
			}
		}
	}

	if c != nil && len(c.PublicationTypes) > 0 {
		rec.PublicationTypes = append(rec.PublicationTypes, c.PublicationTypes...)
	} else if g := text(it.Genre.s); g != "" {
		rec.PublicationTypes = []string{g}
	}

	rec.Database = text(it.Source.s)
	rec.SourceID = strings.TrimSpace(it.ID.s)

	if c == nil {
		if n := noteIdentifiers(rec, it.Note.s); n != "" {
			rec.Notes = append(rec.Notes, n)
		}
		return rec
	}
	if len(c.Notes) > 0 {
		rec.Notes = append(rec.Notes, c.Notes...)
	} else if n := text(it.Note.s); n != "" {
		rec.Notes = append(rec.Notes, n)
	}
	custom(rec, c)
	return rec
}

// kept returns the elements of list that keep reports true for, in a
// slice allocated once; nil when none is.
func kept[T any](list []T, keep func(T) bool) []T {
	n := 0
	for _, x := range list {
		if keep(x) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]T, 0, n)
	for _, x := range list {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// isEmpty reports whether a custom object holds none of bibdb's keys.
func (c *Custom) isEmpty() bool {
	return c.Affiliations == nil && c.AuthorAffiliations == nil && c.AuthorORCIDs == nil && c.Identifiers == nil &&
		c.ISSNs == nil && c.Keywords == nil && c.PublicationTypes == nil && c.URLs == nil && c.TranslatedTitle == "" &&
		c.Database == "" && c.Season == "" && c.DateRaw == "" && c.Notes == nil && c.FirstPage == "" && c.LastPage == ""
}

// custom takes the rest of bibdb's "custom" object.
func custom(rec *bib.Record, c *Custom) {
	rec.Affiliations = append(rec.Affiliations, c.Affiliations...)
	if len(c.AuthorAffiliations) == len(rec.Authors) {
		// The authors that have no affiliations yet share one array.
		n := 0
		for _, a := range c.AuthorAffiliations {
			n += len(a)
		}
		room := make([]string, 0, n)
		for i, a := range c.AuthorAffiliations {
			switch p := &rec.Authors[i]; {
			case len(a) == 0:
			case len(p.Affiliations) == 0:
				start := len(room)
				room = append(room, a...)
				p.Affiliations = room[start:len(room):len(room)]
			default:
				p.Affiliations = append(p.Affiliations, a...)
			}
		}
	} else {
		for _, a := range c.AuthorAffiliations {
			for _, x := range a {
				rec.AddAffiliation(x)
			}
		}
	}
	if len(c.AuthorORCIDs) == len(rec.Authors) {
		for i, o := range c.AuthorORCIDs {
			if o != "" {
				rec.Authors[i].ORCID = o
			}
		}
	}
	for _, id := range c.Identifiers {
		rec.AddIdentifier(id.Scheme, id.Value)
	}
	if c.TranslatedTitle != "" {
		rec.TranslatedTitle = c.TranslatedTitle
	}
	if c.Database != "" {
		rec.Database = c.Database
	}
	if c.Season != "" {
		rec.Date.Season = c.Season
	}
	if c.DateRaw != "" {
		rec.Date.Raw = c.DateRaw
	}
	if c.FirstPage != "" || c.LastPage != "" {
		rec.FirstPage, rec.LastPage = c.FirstPage, c.LastPage
	}
}

// text cleans a plain variable: white space collapsed, NFC.
func text(s string) string {
	if bib.IsPlain(s) {
		return s
	}
	return bib.NFC(bib.CleanText(s))
}

// richText cleans a variable that may hold CSL's HTML-like markup ("<i>",
// "<sup>", "<span class=\"nocase\">"), Crossref's JATS ("<jats:p>",
// "<ext-link xlink:href=...>") and entities. Once the text is found to hold
// markup (see hasMarkup), every tag in it goes, whatever its name, and its
// text stays, as bib.StripTags does for the other readers. Text with a "<"
// that starts no tag ("dose <5 mg") or with one lone "<angle>" is kept as
// it is.
func richText(s string) string {
	if strings.IndexByte(s, '<') >= 0 && hasMarkup(s) {
		s = bib.StripTags(blockEnds.Replace(s))
	}
	if strings.IndexByte(s, '&') >= 0 && strings.IndexByte(s, ';') >= 0 {
		s = bib.UnescapeEntities(s)
		if strings.IndexByte(s, '<') >= 0 && hasMarkup(s) {
			s = bib.StripTags(blockEnds.Replace(s)) // markup that was escaped
		}
	}
	return text(s)
}

// markupTags are the tags that make text markup: CSL's rich text, HTML
// that exporters let through, JATS and MathML.
var markupTags = []string{"<i>", "<b>", "<u>", "<em>", "<strong>", "<sup>", "<sub>", "<sc>", "<span", "<p>", "<br",
	"<div", "<a ", "<jats:", "<mml:", "<math", "<inf>", "<scp>", "<italic>", "<bold>", "<title>", "<sec>"}

// blockEnds puts a space after the tags that end a block, so that the
// text of a title and the paragraph after it do not run together.
var blockEnds = strings.NewReplacer("</jats:title>", "</jats:title> ", "</jats:p>", "</jats:p> ", "</jats:sec>", "</jats:sec> ",
	"</p>", "</p> ", "</title>", "</title> ", "</sec>", "</sec> ", "</div>", "</div> ", "<br>", "<br> ", "<br/>", "<br/> ")

// hasMarkup reports whether s holds markup: one of markupTags (in any
// case), or an element of any name written as XML writes one, with its
// closing tag ("<ext-link ...>...</ext-link>") or closed on itself
// ("<xref rid=\"b1\"/>"). A "<" that is only text ("p <0.05", "x <y> z")
// does not make markup.
func hasMarkup(s string) bool {
	low := strings.ToLower(s)
	for _, t := range markupTags {
		if strings.Contains(low, t) {
			return true
		}
	}
	for i := strings.IndexByte(s, '<'); i >= 0; {
		rest := s[i+1:]
		closing := strings.HasPrefix(rest, "/")
		name := strings.TrimPrefix(rest, "/")
		if name != "" && isASCIILetter(name[0]) {
			if end := strings.IndexAny(name, "<>"); end > 0 && name[end] == '>' {
				if closing || name[end-1] == '/' {
					return true
				}
			}
		}
		j := strings.IndexByte(rest, '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func first(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// people maps CSL names onto persons: family with its particles, given,
// suffix; literal (and the "name" some tools write) for groups; a plain
// string is parsed as a name.
func people(names []inName) []bib.Person {
	if len(names) == 0 {
		return nil
	}
	out := make([]bib.Person, 0, len(names))
	for _, n := range names {
		var p bib.Person
		// A name with a family name is kept in its parts even when a
		// literal form comes with it (DataCite writes {"family": "Doe",
		// "given": "Jane", "literal": "Doe, Jane"}); the literal stands
		// for a name only without a family name.
		switch {
		case n.str != "":
			p = bib.ParseName(text(n.str))
		case strings.TrimSpace(n.Family.s) == "" && strings.TrimSpace(n.Literal.s) != "":
			p = bib.Person{Literal: text(n.Literal.s)}
		case n.Family.s != "" || n.Given.s != "":
			p = bib.Person{Family: text(n.Family.s), Given: text(n.Given.s), Suffix: text(n.Suffix.s)}
			particle := text(strings.TrimSpace(n.DroppingParticle.s + " " + n.NonDroppingParticle.s))
			p.Particle = particle
			p.ParticleDrops = particle != "" && strings.TrimSpace(n.NonDroppingParticle.s) == ""
			if p.Family == "" {
				p.Family, p.Given = p.Given, "" // one name only: a family name
			}
		case strings.Contains(n.Name.s, ","):
			p = bib.ParseName(text(n.Name.s)) // "Doe, Jane"
		case n.Name.s != "":
			// an organisation, as Crossref writes one beside the persons
			// ({"name": "Paderborn University", "sequence": "first"}):
			// whole, not a given name "Paderborn" and a family name
			p = bib.Person{Literal: text(n.Name.s)}
		}
		if p.IsZero() {
			continue
		}
		if o, ok := bib.FindORCID(n.ORCID.s); ok {
			p.ORCID = o
		}
		for _, a := range n.Affiliation {
			if s := text(a.Name.s); s != "" {
				p.Affiliations = append(p.Affiliations, s)
			}
		}
		out = append(out, p)
	}
	return out
}

// itemDate returns the date of publication: "issued", else Crossref's
// "published-print" or "published-online", else a bare "year". The
// accessed date is never used.
func itemDate(it *inItem) bib.Date {
	for _, d := range []*inDate{it.Issued, it.PublishedPrint, it.PublishedOnline} {
		if d == nil {
			continue
		}
		if x := d.date(); !x.IsZero() {
			return x
		}
	}
	if y := it.Year.s; y != "" {
		return bib.ParseDate(y)
	}
	return bib.Date{}
}

var seasons = [...]string{"Spring", "Summer", "Autumn", "Winter"}

// date reads a CSL date. Months 13–16 and 21–24 are seasons (CSL's and
// EDTF's pseudo-months); a second part of date-parts makes a range, kept
// as written in Raw ("2014-12-31/2015-01-01"); years that are not positive
// (before the common era) are kept only in Raw.
func (d *inDate) date() bib.Date {
	var out bib.Date
	switch {
	case len(d.DateParts) > 0 && len(d.DateParts[0]) > 0:
		out = dateParts(d.DateParts[0])
		if len(d.DateParts) > 1 && len(d.DateParts[1]) > 0 {
			if end := dateParts(d.DateParts[1]); end.Year != 0 || end.Raw != "" {
				out.Raw = partsText(d.DateParts[0]) + "/" + partsText(d.DateParts[1])
			}
		}
	case d.EDTF.s != "":
		out = edtfDate(d.EDTF.s)
	case d.Year.s != "":
		out = dateParts([]flex{d.Year, d.Month, d.Day})
	case d.Raw.s != "":
		out = bib.ParseDate(d.Raw.s)
		if out.Year == 0 {
			out.Raw = text(d.Raw.s)
		}
	case d.Literal.s != "":
		out = bib.ParseDate(d.Literal.s)
		out.Raw = text(d.Literal.s)
	case d.str != "":
		out = edtfDate(d.str)
	}
	if s := strings.TrimSpace(d.Season.s); s != "" && out.Season == "" {
		if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 4 {
			out.Season = seasons[n-1]
		} else if ps := bib.ParseDate(s).Season; ps != "" {
			out.Season = ps
		} else {
			out.Season = text(s)
		}
	}
	return out
}

// edtfDate reads a date written as a string, which CSL 1.0.2 means to be
// EDTF: "2019-05-04", "2003-21" (a season), "1999~" (approximate), a
// range "2000-01-01/2010-10-10" (its start, and Raw as written) with an
// open end ("2000/..", "2000/") or start ("../2004-01-01"). A string that
// is no EDTF ("May 2019") is parsed as bib.ParseDate parses it.
func edtfDate(s string) bib.Date {
	s = strings.TrimSpace(s)
	start, end, isRange := strings.Cut(s, "/")
	start = strings.TrimRight(strings.TrimSpace(start), "?~%")
	if !isEDTF(start) || isRange && !isEDTF(strings.TrimRight(strings.TrimSpace(end), "?~%")) {
		return bib.ParseDate(s)
	}
	if start == "" || start == ".." {
		start = strings.TrimRight(strings.TrimSpace(end), "?~%") // an open start: the end is what is known
	}
	var d bib.Date
	if len(start) == 7 && start[5] == '2' && start[6] >= '1' && start[6] <= '4' {
		d = bib.ParseDate(start[:4])
		d.Season = seasons[start[6]-'1']
	} else {
		d = bib.ParseDate(start)
	}
	if d.Year != 0 && (isRange || d.Season != "") {
		d.Raw = s
	}
	return d
}

// isEDTF reports whether s is one EDTF date of the forms edtfDate reads:
// "YYYY", "YYYY-MM", "YYYY-MM-DD" (with a time after a "T"), or empty or
// ".." for the open side of a range.
func isEDTF(s string) bool {
	if s == "" || s == ".." {
		return true
	}
	s, _, _ = strings.Cut(s, "T")
	if len(s) != 4 && len(s) != 7 && len(s) != 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			if s[i] != '-' {
				return false
			}
		} else if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// dateParts reads one [year, month, day] part of date-parts; the parts may
// be numbers or strings, and a string may hold a whole date.
func dateParts(p []flex) bib.Date {
	ys := strings.TrimSpace(p[0].s)
	y, err := strconv.Atoi(ys)
	if err != nil {
		if ys == "" {
			return bib.Date{}
		}
		return bib.ParseDate(ys)
	}
	var d bib.Date
	switch {
	case y == 0:
		return d // Better BibTeX writes [0] for an open end
	case y < 0:
		d.Raw = partsText(p)
		return d
	case y > 9999:
		return bib.ParseDate(ys) // a whole date in one number: "20230615"
	}
	d.Year = y
	if len(p) > 1 {
		m, _ := strconv.Atoi(strings.TrimSpace(p[1].s))
		switch {
		case m >= 1 && m <= 12:
			d.Month = m
			if len(p) > 2 {
				if day, _ := strconv.Atoi(strings.TrimSpace(p[2].s)); day >= 1 && day <= 31 {
					d.Day = day
				}
			}
		case m >= 13 && m <= 16:
			d.Season = seasons[m-13]
		case m >= 21 && m <= 24:
			d.Season = seasons[m-21]
		}
	}
	return d
}

// partsText writes a date-parts part as EDTF does: "2014-12-31", "-2012-21".
func partsText(p []flex) string {
	var b strings.Builder
	for i, x := range p {
		if i > 2 {
			break
		}
		s := strings.TrimSpace(x.s)
		if i > 0 {
			b.WriteByte('-')
			if len(s) == 1 {
				b.WriteByte('0')
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

// splitKeywords splits a "keyword" string on ";", or on "," when it has
// no ";". A value from an array is one keyword unless it holds ";".
func splitKeywords(v string, fromArray bool) []string {
	sep := ";"
	if !strings.Contains(v, ";") {
		if fromArray {
			return []string{v}
		}
		sep = ","
	}
	var out []string
	for _, k := range strings.Split(v, sep) {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}

// noteIdentifiers takes identifiers written in a note with the "cheater
// syntax" of Zotero and Better BibTeX ("PMID: 123", "DOI: 10...", one per
// line, also as "{:PMID: 123}") and returns what is left of the note.
func noteIdentifiers(rec *bib.Record, note string) string {
	if note == "" {
		return ""
	}
	var kept []string
	for _, l := range strings.Split(note, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "{:") && strings.HasSuffix(t, "}") {
			t = strings.TrimSpace(t[2 : len(t)-1])
		}
		if key, val, ok := strings.Cut(t, ":"); ok && cheaterVariable(rec, strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)) {
			continue
		}
		// Identifiers run together on one line: "PMID: 35319117 PMCID: PMC9151451".
		fields := strings.Fields(t)
		var rest []string
		for i := 0; i < len(fields); i++ {
			if strings.HasSuffix(fields[i], ":") && i+1 < len(fields) &&
				cheaterVariable(rec, strings.ToLower(strings.TrimSuffix(fields[i], ":")), fields[i+1]) {
				i++
				continue
			}
			rest = append(rest, fields[i])
		}
		switch {
		case len(rest) == len(fields):
			kept = append(kept, l) // nothing taken: the line as written
		case len(rest) > 0:
			kept = append(kept, strings.Join(rest, " "))
		}
	}
	return text(strings.Join(kept, "\n"))
}

// cheaterVariable applies one "key: value" of a note when it is an
// identifier, and reports whether it was one.
func cheaterVariable(rec *bib.Record, key, val string) bool {
	switch key {
	case "pmid":
		return rec.AddPMID(val)
	case "pmcid":
		return rec.AddPMCID(val)
	case "doi":
		return rec.AddDOI(val)
	case "issn":
		found := bib.FindISSNs(val)
		for _, s := range found {
			rec.AddISSN(s, "")
		}
		return len(found) > 0
	case "isbn":
		found := bib.FindISBNs(val)
		for _, s := range found {
			rec.AddIdentifier(bib.ISBN, s)
		}
		return len(found) > 0
	case "arxiv", "arxiv id":
		if v := strings.TrimPrefix(strings.ToLower(strings.TrimSpace(val)), "arxiv:"); v != "" && !strings.ContainsAny(v, " \t") {
			rec.AddIdentifier(bib.ArXiv, v)
			return true
		}
	}
	return false
}
