package bib

import (
	"encoding/json"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// DecodeJSON decodes a record as json.Marshal writes it, the form a
// library keeps each record's parsed fields in, and gives what
// json.Unmarshal gives. A library rebuilds its works from these, which
// encoding/json, finding each field by reflection, made a quarter of the
// time of: the fields of Record are read here by name in one pass, and
// anything else (a key it does not know, a null, a number that is not a
// whole one, a surrogate escape, text that is not UTF-8) is left to
// encoding/json, which then decodes the whole record.
func DecodeJSON(data []byte) (*Record, error) {
	if r, ok := decodeJSONFast(data); ok {
		return r, nil
	}
	r := &Record{}
	if err := json.Unmarshal(data, r); err != nil {
		return nil, err
	}
	return r, nil
}

// decodeJSONFast is DecodeJSON without encoding/json: ok is false when
// the data has anything it leaves to encoding/json.
func decodeJSONFast(data []byte) (*Record, bool) {
	d := jsonDecoder{data: data}
	r := &Record{}
	if !d.object(func(key []byte) bool { return d.recordField(r, key) }) || !d.end() {
		return nil, false
	}
	return r, true
}

type jsonDecoder struct {
	data []byte
	pos  int
	buf  []byte // for strings with escapes
}

func (d *jsonDecoder) space() {
	for d.pos < len(d.data) {
		switch d.data[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// next consumes c, after white space, and reports whether it was there.
func (d *jsonDecoder) next(c byte) bool {
	d.space()
	if d.pos < len(d.data) && d.data[d.pos] == c {
		d.pos++
		return true
	}
	return false
}

func (d *jsonDecoder) end() bool {
	d.space()
	return d.pos == len(d.data)
}

// object reads an object, calling field with each key to read its value.
func (d *jsonDecoder) object(field func(key []byte) bool) bool {
	if !d.next('{') {
		return false
	}
	if d.next('}') {
		return true
	}
	for {
		key, ok := d.key()
		if !ok || !d.next(':') || !field(key) {
			return false
		}
		if !d.next(',') {
			return d.next('}')
		}
	}
}

// array reads an array, calling elem to read each value.
func (d *jsonDecoder) array(elem func() bool) bool {
	if !d.next('[') {
		return false
	}
	if d.next(']') {
		return true
	}
	for {
		if !elem() {
			return false
		}
		if !d.next(',') {
			return d.next(']')
		}
	}
}

// key reads an object's key, which must be plain ASCII (the names of the
// fields are).
func (d *jsonDecoder) key() ([]byte, bool) {
	if !d.next('"') {
		return nil, false
	}
	start := d.pos
	for d.pos < len(d.data) {
		c := d.data[d.pos]
		if c == '"' {
			d.pos++
			return d.data[start : d.pos-1], true
		}
		if c == '\\' || c < 0x20 || c >= utf8.RuneSelf {
			return nil, false
		}
		d.pos++
	}
	return nil, false
}

func (d *jsonDecoder) str(s *string) bool {
	if !d.next('"') {
		return false
	}
	start := d.pos
	for i := start; i < len(d.data); i++ {
		switch c := d.data[i]; {
		case c == '"':
			if !utf8.Valid(d.data[start:i]) {
				return false
			}
			*s = string(d.data[start:i])
			d.pos = i + 1
			return true
		case c == '\\':
			return d.escaped(s, start, i)
		case c < 0x20:
			return false
		}
	}
	return false
}

// escaped reads the rest of a string that has an escape at i.
func (d *jsonDecoder) escaped(s *string, start, i int) bool {
	b := append(d.buf[:0], d.data[start:i]...)
	for i < len(d.data) {
		c := d.data[i]
		switch {
		case c == '"':
			if !utf8.Valid(d.data[start:i]) {
				return false
			}
			*s = string(b)
			d.buf, d.pos = b, i+1
			return true
		case c < 0x20:
			return false
		case c != '\\':
			b = append(b, c)
			i++
			continue
		}
		if i+1 >= len(d.data) {
			return false
		}
		switch e := d.data[i+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			if i+6 > len(d.data) {
				return false
			}
			n, err := strconv.ParseUint(string(d.data[i+2:i+6]), 16, 32)
			if err != nil || utf16.IsSurrogate(rune(n)) {
				return false
			}
			b = utf8.AppendRune(b, rune(n))
			i += 4
		default:
			return false
		}
		i += 2
	}
	return false
}

func (d *jsonDecoder) int(n *int) bool {
	d.space()
	start := d.pos
	if d.pos < len(d.data) && d.data[d.pos] == '-' {
		d.pos++
	}
	for d.pos < len(d.data) && d.data[d.pos] >= '0' && d.data[d.pos] <= '9' {
		d.pos++
	}
	v, err := strconv.Atoi(string(d.data[start:d.pos]))
	if err != nil || d.pos < len(d.data) && (d.data[d.pos] == '.' || d.data[d.pos] == 'e' || d.data[d.pos] == 'E') {
		return false
	}
	*n = v
	return true
}

func (d *jsonDecoder) bool(b *bool) bool {
	d.space()
	switch {
	case len(d.data)-d.pos >= 4 && string(d.data[d.pos:d.pos+4]) == "true":
		*b, d.pos = true, d.pos+4
	case len(d.data)-d.pos >= 5 && string(d.data[d.pos:d.pos+5]) == "false":
		*b, d.pos = false, d.pos+5
	default:
		return false
	}
	return true
}

func (d *jsonDecoder) strings(list *[]string) bool {
	out := []string{}
	ok := d.array(func() bool {
		var s string
		if !d.str(&s) {
			return false
		}
		out = append(out, s)
		return true
	})
	*list = out
	return ok
}

// list reads an array of objects, each read by field.
func list[T any](d *jsonDecoder, dst *[]T, field func(*T, []byte) bool) bool {
	out := []T{}
	ok := d.array(func() bool {
		var v T
		if !d.object(func(key []byte) bool { return field(&v, key) }) {
			return false
		}
		out = append(out, v)
		return true
	})
	*dst = out
	return ok
}

func (d *jsonDecoder) date(dt *Date) bool {
	return d.object(func(key []byte) bool {
		switch string(key) {
		case "year":
			return d.int(&dt.Year)
		case "month":
			return d.int(&dt.Month)
		case "day":
			return d.int(&dt.Day)
		case "season":
			return d.str(&dt.Season)
		case "raw":
			return d.str(&dt.Raw)
		}
		return false
	})
}

func (d *jsonDecoder) personField(p *Person, key []byte) bool {
	switch string(key) {
	case "family":
		return d.str(&p.Family)
	case "given":
		return d.str(&p.Given)
	case "suffix":
		return d.str(&p.Suffix)
	case "particle":
		return d.str(&p.Particle)
	case "particle_drops":
		return d.bool(&p.ParticleDrops)
	case "literal":
		return d.str(&p.Literal)
	case "orcid":
		return d.str(&p.ORCID)
	case "affiliations":
		return d.strings(&p.Affiliations)
	case "raw":
		return d.str(&p.Raw)
	}
	return false
}

func (d *jsonDecoder) identifierField(x *Identifier, key []byte) bool {
	switch string(key) {
	case "scheme":
		return d.str(&x.Scheme)
	case "value":
		return d.str(&x.Value)
	}
	return false
}

func (d *jsonDecoder) issnField(x *ISSN, key []byte) bool {
	switch string(key) {
	case "value":
		return d.str(&x.Value)
	case "kind":
		return d.str(&x.Kind)
	}
	return false
}

func (d *jsonDecoder) keywordField(k *Keyword, key []byte) bool {
	switch string(key) {
	case "term":
		return d.str(&k.Term)
	case "vocabulary":
		return d.str(&k.Vocabulary)
	case "qualifier":
		return d.str(&k.Qualifier)
	case "major":
		return d.bool(&k.Major)
	case "ui":
		return d.str(&k.UI)
	}
	return false
}

func (d *jsonDecoder) warningField(w *Warning, key []byte) bool {
	switch string(key) {
	case "line":
		return d.int(&w.Line)
	case "msg":
		return d.str(&w.Msg)
	}
	return false
}

func (d *jsonDecoder) recordField(r *Record, key []byte) bool {
	switch string(key) {
	case "format":
		return d.str(&r.Format)
	case "position":
		return d.int(&r.Position)
	case "line":
		return d.int(&r.Line)
	case "source_id":
		return d.str(&r.SourceID)
	case "database":
		return d.str(&r.Database)
	case "type":
		return d.str(&r.Type)
	case "title":
		return d.str(&r.Title)
	case "translated_title":
		return d.str(&r.TranslatedTitle)
	case "original_title":
		return d.str(&r.OriginalTitle)
	case "short_title":
		return d.str(&r.ShortTitle)
	case "authors":
		return list(d, &r.Authors, d.personField)
	case "editors":
		return list(d, &r.Editors, d.personField)
	case "translators":
		return list(d, &r.Translators, d.personField)
	case "affiliations":
		return d.strings(&r.Affiliations)
	case "container":
		return d.str(&r.Container)
	case "container_abbrev":
		return d.str(&r.ContainerAbbrev)
	case "series":
		return d.str(&r.Series)
	case "volume":
		return d.str(&r.Volume)
	case "issue":
		return d.str(&r.Issue)
	case "first_page":
		return d.str(&r.FirstPage)
	case "last_page":
		return d.str(&r.LastPage)
	case "article_number":
		return d.str(&r.ArticleNumber)
	case "date":
		return d.date(&r.Date)
	case "edition":
		return d.str(&r.Edition)
	case "publisher":
		return d.str(&r.Publisher)
	case "place":
		return d.str(&r.Place)
	case "collection_number":
		return d.str(&r.CollectionNumber)
	case "number_of_pages":
		return d.str(&r.NumberOfPages)
	case "version":
		return d.str(&r.Version)
	case "event_place":
		return d.str(&r.EventPlace)
	case "accessed":
		return d.date(&r.Accessed)
	case "abstract":
		return d.str(&r.Abstract)
	case "language":
		return d.str(&r.Language)
	case "identifiers":
		return list(d, &r.Identifiers, d.identifierField)
	case "issns":
		return list(d, &r.ISSNs, d.issnField)
	case "keywords":
		return list(d, &r.Keywords, d.keywordField)
	case "publication_types":
		return d.strings(&r.PublicationTypes)
	case "urls":
		return d.strings(&r.URLs)
	case "notes":
		return d.strings(&r.Notes)
	case "warnings":
		return list(d, &r.Warnings, d.warningField)
	}
	return false
}
