package csljson

import (
	"math/bits"

	"github.com/bibdb/bibdb/internal/bib"
)

// The fast decoder reads the items real files are made of (an object of
// strings, numbers, name objects and date objects) straight into an
// inItem, without encoding/json's reflection and without scanning the
// item twice. It gives up, and the reader decodes the item with
// encoding/json instead, at anything it does not take exactly as
// encoding/json would: a value of a type the field does not accept, a key
// written twice, a key with escapes or non-ASCII letters, a wrapper object,
// or JSON that is not valid. So the decoder used never changes what an
// item reads as; it changes only how fast (a test checks the two agree).

// scanner walks the bytes of one item.
type scanner struct {
	b     string // the item
	i     int
	depth int  // arrays and objects open
	short bool // the bytes ended inside the item: more input is needed
	ascii bool // the string last read is ASCII without escapes

	// The names of the item last read: its author, editor and director
	// lists are slices of these, valid until the next item.
	nameBufs [4][]inName

	// The dates and the custom object of the item last read, with room
	// for their lists, valid until the next item: a record copies what it
	// takes from them (see inItem.record), so each item uses the room
	// again instead of allocating its own.
	dates     [4]inDate  // issued, published-print, published-online, accessed
	parts     []flex     // the date-parts of the dates
	partLists [][]flex   // their lists of parts
	cust      Custom     // the custom object
	strs      []string   // the strings of its lists
	lists     [][]string // its per-author affiliations
	ids       []bib.Identifier
	issnVals  []bib.ISSN
	keywords  []bib.Keyword
}

// maxDepth is the deepest nesting the fast decoder follows.
const maxDepth = 100

// decodeItem decodes item, one object as itemEnd finds it, into it. It
// reports false when the item must go to encoding/json. The strings of it
// are substrings of item, and its name lists are valid until the next
// call.
func (s *scanner) decodeItem(item string, it *inItem) bool {
	s.b, s.i, s.depth, s.short = item, 0, 0, false
	s.parts, s.partLists = s.parts[:0], s.partLists[:0]
	s.strs, s.lists = s.strs[:0], s.lists[:0]
	s.ids, s.issnVals, s.keywords = s.ids[:0], s.issnVals[:0], s.keywords[:0]
	return s.item(it) && !s.short && s.i == len(item)
}

// itemEnd returns the length of the object at the start of b: where its
// braces balance, outside strings. short is set when b ends first; ok is
// false when b does not begin with an object.
func itemEnd(b []byte) (n int, ok, short bool) {
	if len(b) == 0 || b[0] != '{' {
		return 0, false, len(b) == 0
	}
	depth := 0
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '"':
			for i = quoteRun(b, i+1); i < len(b) && b[i] == '\\'; i = quoteRun(b, i+2) {
				// the escaped byte skipped
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1, true, false
			}
		}
	}
	return 0, false, true
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// peek returns the next byte that is not white space, 0 at the end.
func (s *scanner) peek() byte {
	s.space()
	if s.i >= len(s.b) {
		s.short = true
		return 0
	}
	return s.b[s.i]
}

// consume takes c as the next byte after white space.
func (s *scanner) consume(c byte) bool {
	if s.peek() != c {
		return false
	}
	s.i++
	return true
}

// str reads a string and returns it with its quotes. It checks escapes
// and refuses control characters, as JSON requires.
func (s *scanner) str() (string, bool) {
	if s.peek() != '"' {
		return "", false
	}
	start := s.i
	s.i++
	s.ascii = true
	for s.i < len(s.b) {
		var ascii bool
		s.i, ascii = plainRun(s.b, s.i)
		s.ascii = s.ascii && ascii
		if s.i >= len(s.b) {
			break
		}
		c := s.b[s.i]
		switch {
		case c == '"':
			s.i++
			return s.b[start:s.i], true
		case c == '\\':
			s.ascii = false
			if s.i+1 >= len(s.b) {
				s.short = true
				return "", false
			}
			switch s.b[s.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i += 2
			case 'u':
				if s.i+6 > len(s.b) {
					s.short = true
					return "", false
				}
				for j := s.i + 2; j < s.i+6; j++ {
					if !isHex(s.b[j]) {
						return "", false
					}
				}
				s.i += 6
			default:
				return "", false
			}
		case c < 0x20:
			return "", false
		default:
			s.i++
		}
	}
	s.short = true
	return "", false
}

// plainRun returns the index of the first quote, backslash or control
// character at or after i (len(b) if there is none), looking at eight
// bytes at a time, and whether the bytes before it are ASCII.
func plainRun(b string, i int) (int, bool) {
	var seen uint64 // the bytes passed, or-ed together
	for ; i+8 <= len(b); i += 8 {
		w := word(b[i : i+8])
		if m := below(w, 0x20) | zeroBytes(w^'"'*ones) | zeroBytes(w^'\\'*ones); m != 0 {
			k := firstByte(m)
			seen |= w & (1<<(8*k) - 1)
			return i + k, seen&highs == 0
		}
		seen |= w
	}
	for ; i < len(b); i++ {
		c := b[i]
		if c == '"' || c == '\\' || c < 0x20 {
			break
		}
		seen |= uint64(c)
	}
	return i, seen&highs == 0
}

// quoteRun returns the index of the first quote or backslash in b at or
// after i (len(b) if there is none), looking at eight bytes at a time.
func quoteRun(b []byte, i int) int {
	for ; i+8 <= len(b); i += 8 {
		w := word(b[i : i+8])
		if m := zeroBytes(w^'"'*ones) | zeroBytes(w^'\\'*ones); m != 0 {
			return i + firstByte(m)
		}
	}
	for ; i < len(b); i++ {
		if c := b[i]; c == '"' || c == '\\' {
			break
		}
	}
	return i
}

const ones, highs = 0x0101010101010101, 0x8080808080808080

// word reads eight bytes as a little-endian word.
func word[T string | []byte](b T) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// below returns a word with the high bit set in the bytes of w below n
// (n at most 0x80); a byte above another that is set may be set too, as
// a borrow carries up, but the lowest set byte is always right.
func below(w uint64, n byte) uint64 { return (w - uint64(n)*ones) &^ w & highs }

// zeroBytes returns a word with the high bit set in the bytes of w that
// are zero, with the same proviso as below.
func zeroBytes(w uint64) uint64 { return below(w, 1) }

// firstByte returns the index of the lowest byte set in the mask m.
func firstByte(m uint64) int { return bits.TrailingZeros64(m) / 8 }

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// number reads a number as JSON writes it and returns its text.
func (s *scanner) number() (string, bool) {
	start := s.i
	b := s.b
	i := s.i
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && '0' <= b[i] && b[i] <= '9' {
			i, n = i+1, n+1
		}
		return n
	}
	if i < len(b) && b[i] == '0' {
		i++
	} else if digits() == 0 {
		return "", s.end(i)
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return "", s.end(i)
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return "", s.end(i)
		}
	}
	if i >= len(b) {
		s.short = true // the number may go on
		return "", false
	}
	s.i = i
	return b[start:i], true
}

// end marks the scan short when i is at the end of the bytes, and fails.
func (s *scanner) end(i int) bool {
	if i >= len(s.b) {
		s.short = true
	}
	return false
}

// literal reads true, false or null.
func (s *scanner) literal() (string, bool) {
	for _, w := range [...]string{"true", "false", "null"} {
		if s.i < len(s.b) && s.b[s.i] == w[0] {
			if s.i+len(w) > len(s.b) {
				s.short = true
				return "", false
			}
			if s.b[s.i:s.i+len(w)] != w {
				return "", false
			}
			s.i += len(w)
			return s.b[s.i-len(w) : s.i], true
		}
	}
	return "", false
}

// skip reads any value and returns its text.
func (s *scanner) skip() (string, bool) {
	c := s.peek()
	start := s.i
	switch {
	case c == '"':
		return s.str()
	case c == '{':
		ok := s.object(func(int) bool { _, ok := s.skip(); return ok }, nil)
		return s.b[start:s.i], ok
	case c == '[':
		ok := s.array(func() bool { _, ok := s.skip(); return ok })
		return s.b[start:s.i], ok
	case c == '-' || '0' <= c && c <= '9':
		return s.number()
	default:
		return s.literal()
	}
}

// null reads a null if one is next.
func (s *scanner) null() bool {
	if s.peek() != 'n' {
		return false
	}
	_, ok := s.literal()
	return ok
}

// array reads an array, calling elem at each element.
func (s *scanner) array(elem func() bool) bool {
	if s.depth >= maxDepth || !s.consume('[') {
		return false
	}
	s.depth++
	defer func() { s.depth-- }()
	if s.peek() == ']' {
		s.i++
		return true
	}
	for {
		if !elem() {
			return false
		}
		switch s.peek() {
		case ',':
			s.i++
		case ']':
			s.i++
			return true
		default:
			return false
		}
	}
}

// object reads an object. keys maps each key, in any ASCII case, to a
// field number (nil: every key is -1); member is called with the number,
// -1 for keys that match no field, with the scanner at the value. A key
// given twice, or written with escapes or non-ASCII letters, fails.
func (s *scanner) object(member func(field int) bool, keys *keyTable) bool {
	if s.depth >= maxDepth || !s.consume('{') {
		return false
	}
	s.depth++
	defer func() { s.depth-- }()
	if s.peek() == '}' {
		s.i++
		return true
	}
	var seen uint64
	for {
		k, ok := s.str()
		if !ok || !s.consume(':') {
			return false
		}
		field := -1
		if keys != nil {
			f, ok := lookupKey(k[1:len(k)-1], keys)
			if !ok {
				return false
			}
			field = f
		}
		if field >= 0 {
			if seen&(1<<field) != 0 {
				return false
			}
			seen |= 1 << field
		}
		if !member(field) {
			return false
		}
		switch s.peek() {
		case ',':
			s.i++
		case '}':
			s.i++
			return true
		default:
			return false
		}
	}
}

// lookupKey returns the field of a key, matched without regard to ASCII
// case as encoding/json matches; -1 for a key of no field. ok is false for
// a key the fast decoder leaves to encoding/json.
func lookupKey(k string, keys *keyTable) (int, bool) {
	if f, ok := keys.find(k); ok {
		return f, true // written as the field's name is
	}
	var buf [32]byte
	if len(k) > len(buf) {
		for i := 0; i < len(k); i++ {
			if c := k[i]; c >= 0x80 || c == '\\' {
				return 0, false
			}
		}
		return -1, true // longer than any field's name
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c >= 0x80 || c == '\\' {
			return 0, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	if f, ok := keys.find(string(buf[:len(k)])); ok {
		return f, true
	}
	return -1, true
}

// keyTable maps the names of an object's fields to their numbers. It holds
// each name in lower case and as written, so that a key written as the
// name is, as it nearly always is, is found without lowering it first.
// Names are found by open addressing in a table a few times larger than
// there are names, which takes less than hashing them for a map.
type keyTable struct {
	slots []keySlot // a power of two of them; a slot with no name is free
}

type keySlot struct {
	name  string
	field int
}

// fieldKeys builds the key table of a list of field names.
func fieldKeys(names ...string) *keyTable {
	lower := func(n string) string {
		low := []byte(n)
		for j, c := range low {
			if 'A' <= c && c <= 'Z' {
				low[j] = c + 'a' - 'A'
			}
		}
		return string(low)
	}
	fields := make(map[string]int, len(names)) // of each name in lower case (the last of a case-insensitive pair)
	for i, n := range names {
		fields[lower(n)] = i
	}
	size := 1
	for size < 8*len(names) {
		size *= 2
	}
	t := &keyTable{slots: make([]keySlot, size)}
	for _, n := range names {
		t.add(lower(n), fields[lower(n)])
		t.add(n, fields[lower(n)])
	}
	return t
}

// add puts name in the table, unless it is there.
func (t *keyTable) add(name string, field int) {
	mask := len(t.slots) - 1
	for i := keyHash(name) & mask; ; i = (i + 1) & mask {
		switch t.slots[i].name {
		case name:
			return
		case "":
			t.slots[i] = keySlot{name, field}
			return
		}
	}
}

// find returns the field of the name k, written exactly as in the table.
func (t *keyTable) find(k string) (int, bool) {
	if k == "" {
		return 0, false
	}
	mask := len(t.slots) - 1
	for i := keyHash(k) & mask; ; i = (i + 1) & mask {
		switch t.slots[i].name {
		case k:
			return t.slots[i].field, true
		case "":
			return 0, false
		}
	}
}

// keyHash mixes the length and three bytes of a non-empty name.
func keyHash(k string) int {
	return len(k)*131 + int(k[0])*31 + int(k[len(k)/2])*7 + int(k[len(k)-1])
}

// flex reads any value as flex.UnmarshalJSON takes it.
func (s *scanner) flex(f *flex) bool {
	switch c := s.peek(); {
	case c == '"':
		b, ok := s.str()
		if ok {
			f.s = s.unquote(b)
		}
		return ok
	case c == '[':
		return s.array(func() bool {
			var v flex
			if !s.flex(&v) {
				return false
			}
			for _, x := range v.all() {
				switch {
				case x == "":
				case f.s == "":
					f.s = x
				default:
					f.more = append(f.more, x)
				}
			}
			return true
		})
	case c == '{':
		_, ok := s.skip()
		return ok
	case c == 'n':
		_, ok := s.literal()
		return ok
	default:
		b, ok := s.skip()
		if ok {
			f.s = b
		}
		return ok
	}
}

// The fields of the objects the fast decoder reads, in the order of the
// switch statements below.
var (
	itemKeys = fieldKeys("id", "type", "title", "subtitle", "title-short", "shortTitle", "original-title",
		"author", "editor", "director", "issued", "published-print", "published-online", "year",
		"container-title", "container-title-short", "journalAbbreviation", "short-container-title",
		"collection-title", "volume", "issue", "page", "page-first", "number", "article-number", "edition",
		"publisher", "publisher-place", "DOI", "PMID", "PMCID", "ISSN", "issn-type", "ISBN", "URL",
		"abstract", "keyword", "keywords", "language", "genre", "note", "source", "custom",
		"message", "items", "references", "collection-number", "number-of-pages", "version", "event-place", "accessed", "translator", "categories", "event", "event-title")
	nameKeys = fieldKeys("family", "given", "suffix", "non-dropping-particle", "dropping-particle",
		"literal", "name", "ORCID", "affiliation")
	dateKeys = fieldKeys("date-parts", "season", "raw", "literal", "year", "month", "day", "edtf")
	issnKeys = fieldKeys("value", "type")
)

func (s *scanner) item(it *inItem) bool {
	flexes := [...]*flex{
		0: &it.ID, 1: &it.Type, 2: &it.Title, 3: &it.Subtitle, 4: &it.TitleShort, 5: &it.ShortTitle,
		6: &it.OriginalTitle, 13: &it.Year, 14: &it.ContainerTitle, 15: &it.ContainerTitleShort,
		16: &it.JournalAbbreviation, 17: &it.ShortContainerTitle, 18: &it.CollectionTitle, 19: &it.Volume,
		20: &it.Issue, 21: &it.Page, 22: &it.PageFirst, 23: &it.Number, 24: &it.ArticleNumber,
		25: &it.Edition, 26: &it.Publisher, 27: &it.PublisherPlace, 28: &it.DOI, 29: &it.PMID,
		30: &it.PMCID, 31: &it.ISSN, 33: &it.ISBN, 34: &it.URL, 35: &it.Abstract, 36: &it.Keyword,
		37: &it.Keywords, 38: &it.Language, 39: &it.Genre, 40: &it.Note, 41: &it.Source,
		46: &it.CollectionNumber, 47: &it.NumberOfPages, 48: &it.Version, 49: &it.EventPlace,
		52: &it.Categories, 53: &it.Event, 54: &it.EventTitle,
	}
	return s.object(func(field int) bool {
		switch {
		case field < 0:
			_, ok := s.skip()
			return ok
		case field < len(flexes) && flexes[field] != nil:
			return s.flex(flexes[field])
		}
		switch field {
		case 7:
			return s.names(&it.Author, &s.nameBufs[0])
		case 8:
			return s.names(&it.Editor, &s.nameBufs[1])
		case 9:
			return s.names(&it.Director, &s.nameBufs[2])
		case 10:
			return s.date(&it.Issued, &s.dates[0])
		case 11:
			return s.date(&it.PublishedPrint, &s.dates[1])
		case 12:
			return s.date(&it.PublishedOnline, &s.dates[2])
		case 32:
			return s.issns(&it.ISSNType)
		case 42:
			return s.custom(&it.Custom)
		case 50:
			return s.date(&it.Accessed, &s.dates[3])
		case 51:
			return s.names(&it.Translator, &s.nameBufs[3])
		}
		return false // a wrapper: message, items, references
	}, itemKeys)
}

// names reads an array of name objects; a name written as a string is
// left to encoding/json (and relax).
// The list is kept in buf, whose room is used again by the next item.
func (s *scanner) names(out *[]inName, buf *[]inName) bool {
	if s.null() {
		return true
	}
	list := (*buf)[:0]
	ok := s.array(func() bool {
		if s.peek() != '{' {
			return false
		}
		list = append(list, inName{})
		return s.name(&list[len(list)-1])
	})
	*out, *buf = list, list
	return ok
}

func (s *scanner) name(n *inName) bool {
	return s.object(func(field int) bool {
		switch field {
		case 0:
			return s.flex(&n.Family)
		case 1:
			return s.flex(&n.Given)
		case 2:
			return s.flex(&n.Suffix)
		case 3:
			return s.flex(&n.NonDroppingParticle)
		case 4:
			return s.flex(&n.DroppingParticle)
		case 5:
			return s.flex(&n.Literal)
		case 6:
			return s.flex(&n.Name)
		case 7:
			return s.flex(&n.ORCID)
		case 8:
			return s.affiliations(&n.Affiliation)
		}
		_, ok := s.skip()
		return ok
	}, nameKeys)
}

// affiliations reads Crossref's affiliation list as inAffi.UnmarshalJSON
// takes each element.
func (s *scanner) affiliations(out *[]inAffi) bool {
	if s.null() {
		return true
	}
	var list []inAffi
	ok := s.array(func() bool {
		var a inAffi
		switch s.peek() {
		case '{':
			if !s.object(func(field int) bool {
				if field == 6 { // "name"
					return s.flex(&a.Name)
				}
				_, ok := s.skip()
				return ok
			}, nameKeys) {
				return false
			}
		case '"':
			b, ok := s.str()
			if !ok {
				return false
			}
			a.Name.s = s.unquote(b)
		default:
			if _, ok := s.skip(); !ok {
				return false
			}
		}
		list = append(list, a)
		return true
	})
	*out = list
	return ok
}

// date reads a date object into d, which out is then set to; a date in
// another form is left to encoding/json (and relax). Its date-parts are
// kept in the scanner's room for them.
func (s *scanner) date(out **inDate, d *inDate) bool {
	if s.null() {
		return true
	}
	if s.peek() != '{' {
		return false
	}
	*d = inDate{}
	*out = d
	flexes := [...]*flex{1: &d.Season, 2: &d.Raw, 3: &d.Literal, 4: &d.Year, 5: &d.Month, 6: &d.Day, 7: &d.EDTF}
	return s.object(func(field int) bool {
		switch {
		case field < 0:
			_, ok := s.skip()
			return ok
		case field > 0:
			return s.flex(flexes[field])
		}
		if s.null() {
			return true
		}
		from := len(s.partLists)
		ok := s.array(func() bool {
			if s.peek() != '[' {
				return false
			}
			start := len(s.parts)
			ok := s.array(func() bool {
				s.parts = append(s.parts, flex{})
				return s.flex(&s.parts[len(s.parts)-1])
			})
			s.partLists = append(s.partLists, s.parts[start:len(s.parts):len(s.parts)])
			return ok
		})
		if len(s.partLists) > from {
			d.DateParts = s.partLists[from:len(s.partLists):len(s.partLists)]
		}
		return ok
	}, dateKeys)
}

// issns reads Crossref's issn-type list.
func (s *scanner) issns(out *[]inISSN) bool {
	if s.null() {
		return true
	}
	var list []inISSN
	ok := s.array(func() bool {
		if s.peek() != '{' {
			return false
		}
		var x inISSN
		ok := s.object(func(field int) bool {
			switch field {
			case 0:
				return s.flex(&x.Value)
			case 1:
				return s.flex(&x.Type)
			}
			_, ok := s.skip()
			return ok
		}, issnKeys)
		list = append(list, x)
		return ok
	})
	*out = list
	return ok
}

// custom reads bibdb's own "custom" object (see Custom) into the
// scanner's, whose lists are kept in the scanner's room for them.
func (s *scanner) custom(out **Custom) bool {
	if s.null() {
		return true
	}
	if s.peek() != '{' {
		return false
	}
	c := &s.cust
	*c = Custom{}
	*out = c
	texts := [...]*string{8: &c.TranslatedTitle, 9: &c.Database, 10: &c.Season, 11: &c.DateRaw, 13: &c.FirstPage, 14: &c.LastPage}
	lists := [...]*[]string{0: &c.Affiliations, 2: &c.AuthorORCIDs, 6: &c.PublicationTypes, 7: &c.URLs, 12: &c.Notes}
	return s.object(func(field int) bool {
		switch {
		case field < 0:
			_, ok := s.skip()
			return ok
		case field < len(texts) && texts[field] != nil:
			return s.text(texts[field])
		case field < len(lists) && lists[field] != nil:
			return s.texts(lists[field])
		}
		switch field {
		case 1:
			if s.null() {
				return true
			}
			ok := s.array(func() bool {
				var list []string
				ok := s.peek() == '[' && s.texts(&list)
				s.lists = append(s.lists, list)
				return ok
			})
			c.AuthorAffiliations = s.lists
			if c.AuthorAffiliations == nil {
				c.AuthorAffiliations = [][]string{} // an empty list is there all the same
			}
			return ok
		case 3:
			ok := s.structs(func() bool {
				s.ids = append(s.ids, bib.Identifier{})
				x := &s.ids[len(s.ids)-1]
				return s.object(func(field int) bool { return s.member(field, &x.Scheme, &x.Value) }, identifierKeys)
			})
			if len(s.ids) > 0 {
				c.Identifiers = s.ids
			}
			return ok
		case 4:
			ok := s.structs(func() bool {
				s.issnVals = append(s.issnVals, bib.ISSN{})
				x := &s.issnVals[len(s.issnVals)-1]
				return s.object(func(field int) bool { return s.member(field, &x.Value, &x.Kind) }, issnValueKeys)
			})
			if len(s.issnVals) > 0 {
				c.ISSNs = s.issnVals
			}
			return ok
		case 5:
			ok := s.structs(func() bool {
				s.keywords = append(s.keywords, bib.Keyword{})
				x := &s.keywords[len(s.keywords)-1]
				return s.object(func(field int) bool {
					if field == 3 {
						return s.boolean(&x.Major)
					}
					return s.member(field, &x.Term, &x.Vocabulary, &x.Qualifier, nil, &x.UI)
				}, keywordKeys)
			})
			if len(s.keywords) > 0 {
				c.Keywords = s.keywords
			}
			return ok
		}
		return false
	}, customKeys)
}

var (
	customKeys = fieldKeys("affiliations", "author-affiliations", "author-orcids", "identifiers", "issns", "keywords",
		"publication-types", "urls", "translated-title", "database", "season", "date-raw", "notes", "first-page", "last-page")
	identifierKeys = fieldKeys("scheme", "value")
	issnValueKeys  = fieldKeys("value", "kind")
	keywordKeys    = fieldKeys("term", "vocabulary", "qualifier", "major", "ui")
)

// member reads the value of a field of a struct of strings: texts[field]
// is where it goes; unknown fields are skipped.
func (s *scanner) member(field int, texts ...*string) bool {
	if field < 0 || field >= len(texts) || texts[field] == nil {
		_, ok := s.skip()
		return ok
	}
	return s.text(texts[field])
}

// unquote returns the string lit, just read, as encoding/json decodes it.
func (s *scanner) unquote(lit string) string {
	if s.ascii {
		return lit[1 : len(lit)-1]
	}
	return unquoteString(lit)
}

// text reads a JSON string (or null, which leaves out unchanged) into a Go
// string, as encoding/json does.
func (s *scanner) text(out *string) bool {
	if s.null() {
		return true
	}
	b, ok := s.str()
	if ok {
		*out = s.unquote(b)
	}
	return ok
}

// texts reads an array of strings (or null). The list is kept in the
// scanner's room for the strings of custom's lists, whose room is used
// again by the next item.
func (s *scanner) texts(out *[]string) bool {
	if s.null() {
		return true
	}
	if s.strs == nil {
		s.strs = make([]string, 0, 16) // so that an empty list is not nil, as encoding/json makes it
	}
	start := len(s.strs)
	ok := s.array(func() bool {
		if s.peek() != '"' {
			return false
		}
		s.strs = append(s.strs, "")
		return s.text(&s.strs[len(s.strs)-1])
	})
	*out = s.strs[start:len(s.strs):len(s.strs)]
	return ok
}

// structs reads an array (or null) of objects, each with elem.
func (s *scanner) structs(elem func() bool) bool {
	if s.null() {
		return true
	}
	return s.array(func() bool { return s.peek() == '{' && elem() })
}

// boolean reads true, false or null (which leaves out unchanged).
func (s *scanner) boolean(out *bool) bool {
	switch s.peek() {
	case 't', 'f', 'n':
		b, ok := s.literal()
		if ok && b[0] != 'n' {
			*out = b[0] == 't'
		}
		return ok
	}
	return false
}
