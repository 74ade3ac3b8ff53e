// Package enw reads EndNote's tagged format (.enw), the "EndNote" export of
// EndNote, Web of Science, Google Scholar, library catalogues and many
// publishers, and the older refer/BibIX format it grew from.
//
// # What the reader accepts
//
// A record is a run of tag lines: a percent sign, one tag character and a
// space, then the value ("%A Byng, Richard"); a tag line with nothing after
// the tag is an empty value. Any other line inside a record continues the
// value of the tag before it, so abstracts wrapped over several lines and
// keywords or addresses one per line are kept, with their line breaks.
//
// Records are separated by blank lines, and a "%0" line (the reference
// type) starts a new record when the one being read already has its type.
// A record may begin with another tag and have its "%0" further down, or
// have none at all, as refer files do (the type is then guessed from the
// fields). In a record that has its "%0", a blank line followed by tag
// lines without one is a blank line inside the record, as some publishers
// (Wiley) write one between the authors and the title: those fields are
// the record's, unless they repeat one a reference has only once (the
// title, year, journal, volume, pages, ...), which makes them the next
// record. Blank lines followed by more text that is not a tag line
// continue an abstract or a note in paragraphs; after other fields such
// text lies between records, and is skipped and counted in Warnings, as
// is anything before the first tag. A record holding nothing but its type
// line ("%0 Serial" directly followed by "%0 Audio") is no reference and is
// skipped, counted in Warnings too.
//
// The reader takes lines ended by CRLF, LF or a bare CR, spaces or tabs
// before a tag and more than one space after it ("%0  Book"), and a
// byte-order mark before the first tag, also one decoded as Latin-1 text
// ("ï»¿%0 Journal Article", as files passed through the wrong tools begin).
//
// The tags are EndNote's, each one of its fields (see TagField and
// endnotexml.FieldName), and the record is built by endnotexml.Map, so
// that EndNote's two exports of the same library give the same records:
//
//	%0 type          %A author          %E editor           %Y tertiary author  %? translator
//	%T title         %J journal         %B secondary title  %S series           %O alternate journal
//	%! short title   %Q translated title %( original publication               %+ author address
//	%D year          %8 date            %V volume           %N issue or number  %P pages
//	%7 edition       %& section         %@ ISBN/ISSN        %R DOI              %M accession number
//	%K keywords      %X abstract        %Z notes            %< research notes   %U URL   %> PDF link
//	%G language      %9 type of work    %I publisher        %C place            %F label  %L call number
//	%W database provider                %~ database name    %1-%4, %#, %$, %] custom 1-7
//	%[ access date and %= last modified: kept out of the publication date; other tags are kept
//	only in Raw.
//
// A record with two %P, a number and a range (CNKI's "%P 5" and "%P
// 269-273"), has that number of pages on those pages.
//
// The record gets Format "enw", its Position, the Line of its first tag,
// and Raw (its lines as they stood in the file).
package enw

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest/endnotexml"
	"github.com/bibdb/bibdb/internal/textio"
	"github.com/bibdb/bibdb/internal/wordbits"
)

// Field is one tag occurrence in a record.
type Field struct {
	Tag   byte   // the character after "%": '0', 'A', '@', ...
	Value string // continuation lines joined with "\n"
	Line  int
}

// Reader reads EndNote tagged records from a text stream.
type Reader struct {
	lr       *textio.LineReader
	position int // records returned so far, bad ones included

	junk      int // lines outside records
	junkLine  int
	empty     int // records with nothing but a type line
	emptyLine int

	raw       []byte  // the lines of the record being read, joined by "\n"
	spans     []span  // its fields, as spans of raw
	fields    []Field // the fields returned
	mapped    []endnotexml.Field
	startLine int

	// ahead holds lines read ahead of the record (see continues), which
	// next returns before reading on; fromAhead says whether the line it
	// returned last came from there.
	ahead     []aheadLine
	fromAhead bool
}

// aheadLine is a line read ahead, with its number.
type aheadLine struct {
	b []byte
	n int
}

// span is a field of the record being read: its value is raw[from:to].
type span struct {
	tag      byte
	from, to int
	line     int
}

// NewReader returns a Reader reading EndNote tagged text (UTF-8) from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{lr: textio.NewLineReader(r)}
}

// Warnings returns what the reader noticed about the file as a whole. It is
// complete once Read has returned io.EOF.
func (r *Reader) Warnings() []bib.Warning {
	var w []bib.Warning
	if r.junk > 0 {
		w = append(w, bib.Warning{Line: r.junkLine, Msg: fmt.Sprintf("%d line(s) of text outside records ignored, the first at line %d", r.junk, r.junkLine)})
	}
	if r.empty > 0 {
		w = append(w, bib.Warning{Line: r.emptyLine, Msg: fmt.Sprintf("%d record(s) with nothing but a %%0 type line skipped, the first at line %d", r.empty, r.emptyLine)})
	}
	return w
}

// Read returns the next record. A record that cannot be used is returned
// as a *bib.ParseError naming its line; the next call goes on with the
// record after it. At the end of the input Read returns io.EOF.
func (r *Reader) Read() (*bib.Record, error) {
	for {
		fields, start, raw, err := r.ReadFields()
		if err != nil {
			return nil, err
		}
		if onlyType(fields) {
			if r.empty == 0 {
				r.emptyLine = start
			}
			r.empty++
			continue
		}
		r.position++
		if err := checkFields(fields, raw, r.position); err != nil {
			return nil, err
		}
		r.mapped = r.mapped[:0]
		hasType := false
		count := pageCount(fields)
		for i, f := range fields {
			if i == count {
				continue
			}
			name := TagField(f.Tag)
			hasType = hasType || (name == endnotexml.RefType && strings.TrimSpace(f.Value) != "")
			if name == endnotexml.Keyword {
				r.mapped = appendLines(r.mapped, name, f.Value)
				continue
			}
			r.mapped = append(r.mapped, endnotexml.Field{Name: name, Value: f.Value})
		}
		rec := endnotexml.MapAt(r.mapped, r.position)
		if count >= 0 && rec.NumberOfPages == "" {
			rec.NumberOfPages = strings.TrimSpace(fields[count].Value)
		}
		rec.Format = "enw"
		rec.Position = r.position
		rec.Line = start
		rec.Raw = raw
		rec.WarningsAt(start)
		if !hasType {
			rec.Warn(start, "record has no %0 type line; the type is guessed from the fields")
		}
		if rec.Title == "" {
			rec.Warn(start, "record has no title")
		}
		return rec, nil
	}
}

// appendLines appends a field of the name for each line of value. EndNote
// writes a record's keywords one per line under a single %K, and Map, which
// splits a keyword value on its line breaks anyway, makes room for as many
// keywords as it is given fields: given a field per line, it makes the
// list once rather than growing it keyword by keyword.
func appendLines(fields []endnotexml.Field, name endnotexml.FieldName, value string) []endnotexml.Field {
	for {
		i := strings.IndexByte(value, '\n')
		if i < 0 {
			return append(fields, endnotexml.Field{Name: name, Value: value})
		}
		fields = append(fields, endnotexml.Field{Name: name, Value: value[:i]})
		value = value[i+1:]
	}
}

// pageCount returns the index of a %P that holds a number of pages while
// another %P holds the page range, as CNKI writes a conference paper ("%P
// 5" ... "%P 269-273"), or -1.
func pageCount(fields []Field) int {
	count, hasRange := -1, false
	for i, f := range fields {
		if f.Tag != 'P' {
			continue
		}
		v := strings.TrimSpace(f.Value)
		if bib.AllDigits(v) {
			if count < 0 {
				count = i
			}
		} else if strings.ContainsAny(v, "-–") {
			hasRange = true
		}
	}
	if !hasRange {
		return -1
	}
	return count
}

// onlyType reports whether no tag but %0 has a value.
func onlyType(fields []Field) bool {
	for _, f := range fields {
		if f.Tag != '0' && strings.TrimSpace(f.Value) != "" {
			return false
		}
	}
	return true
}

// checkFields refuses a record that holds binary data. The fields' values
// are cut out of raw, the record's text, whose other bytes are tags,
// spaces, tabs and line feeds: raw is looked at first, a word at a time,
// and the fields only when it holds a control character, to name the first
// one.
func checkFields(fields []Field, raw string, position int) error {
	if !hasControl(raw) {
		return nil
	}
	return checkEachField(fields, position)
}

// checkEachField is checkFields looking at each value byte by byte.
func checkEachField(fields []Field, position int) error {
	for _, f := range fields {
		for i := 0; i < len(f.Value); i++ {
			if c := f.Value[i]; c < 0x20 && c != '\n' && c != '\t' {
				return bib.Errorf(f.Line, "EndNote tagged record %d: control character 0x%02x in %%%c (binary data?)", position, c, f.Tag)
			}
		}
	}
	return nil
}

// ReadFields returns the tag occurrences of the next record, the line it
// starts on and its raw text. The slice is valid until the next call. At
// the end of the input it returns io.EOF.
func (r *Reader) ReadFields() (fields []Field, start int, raw string, err error) {
	// Values are kept as spans of the record's raw text and become
	// substrings of it, so that a record costs one string.
	r.raw = r.raw[:0]
	r.spans = r.spans[:0]
	hasType := false
	for {
		line, n, err := r.next()
		if err == io.EOF {
			if len(r.spans) > 0 {
				return r.finish()
			}
			return nil, 0, "", io.EOF
		}
		if err != nil {
			return nil, 0, "", err
		}
		if isBlank(line) {
			if len(r.spans) == 0 {
				continue
			}
			// A blank line ends the record, unless what follows it is
			// more of an abstract or a note, or more of the record's fields.
			blanks := 1
			for {
				next, m, err := r.next()
				if err == io.EOF {
					return r.finish()
				}
				if err != nil {
					return nil, 0, "", err
				}
				if isBlank(next) {
					blanks++
					continue
				}
				tag, _, ok := parseTag(next)
				if ok && hasType && tag != '0' {
					more, err := r.continues(next, m)
					if err != nil {
						return nil, 0, "", err
					}
					if !more {
						return r.finish() // the lines read ahead begin the next record
					}
					for ; blanks > 0; blanks-- {
						r.raw = append(r.raw, '\n')
					}
					break // the lines read ahead are read again, as the record's
				}
				if ok || !continuesInParagraphs(r.spans[len(r.spans)-1].tag) {
					r.unread(next, m)
					return r.finish()
				}
				for ; blanks > 0; blanks-- {
					r.raw = append(r.raw, '\n')
				}
				r.continueField(next)
				break
			}
			continue
		}
		tag, value, ok := parseTag(line)
		if !ok {
			if len(r.spans) == 0 {
				if r.junk == 0 {
					r.junkLine = n
				}
				r.junk++
				continue
			}
			r.continueField(line)
			continue
		}
		if tag == '0' {
			if hasType {
				r.unread(line, n)
				return r.finish()
			}
			hasType = true
		}
		if len(r.spans) == 0 {
			r.startLine = n
		} else {
			r.raw = append(r.raw, '\n')
		}
		from := len(r.raw) + value
		r.raw = append(r.raw, line...)
		r.spans = append(r.spans, span{tag: tag, from: from, to: trimEnd(r.raw, from), line: n})
	}
}

// continues reads ahead the block of lines that starts with the tag line
// first, up to the next blank line, after a blank line in a record that has
// its %0 type line, and reports whether the block is more of that record:
// some exports (Wiley's) put a blank line among a record's fields. It is,
// unless it has a %0 line of its own or a tag the record has already and a
// reference has only once (its title, year, journal, pages, ...): that is
// the next record, which may begin without its type ("%T ...", then "%0
// ..."), or have none. The lines read, the blank one after them included,
// are kept in r.ahead to be read again either way.
func (r *Reader) continues(first []byte, n int) (bool, error) {
	var seen [256]bool
	for _, sp := range r.spans {
		seen[sp.tag] = true
	}
	more := true
	read := []aheadLine{{append([]byte(nil), first...), n}}
	for b := first; !isBlank(b); {
		if tag, _, ok := parseTag(b); ok && (tag == '0' || seen[tag] && once(tag)) {
			more = false
		}
		var err error
		if b, n, err = r.next(); err == io.EOF {
			break
		} else if err != nil {
			return false, err
		}
		read = append(read, aheadLine{append([]byte(nil), b...), n})
	}
	r.ahead = append(read, r.ahead...)
	return more, nil
}

// once reports whether a record has the tag's field only once, so that
// the tag written again begins another record: what names the work and
// where it was published. Names, keywords, addresses, links, ISBNs, notes
// and abstracts may come in several lines of their tag.
func once(tag byte) bool {
	return strings.IndexByte("TJBSDVNPIC87&!QR(", tag) >= 0
}

// unread gives back the line next returned last.
func (r *Reader) unread(b []byte, n int) {
	if r.fromAhead {
		r.ahead = append([]aheadLine{{b, n}}, r.ahead...)
		return
	}
	r.lr.Unread(b, n)
}

// continueField adds a continuation line to the last field.
func (r *Reader) continueField(line []byte) {
	r.raw = append(r.raw, '\n')
	r.raw = append(r.raw, line...)
	last := &r.spans[len(r.spans)-1]
	last.to = trimEnd(r.raw, last.from)
}

// finish turns the record read into its raw text and fields.
func (r *Reader) finish() ([]Field, int, string, error) {
	raw := string(r.raw)
	r.fields = r.fields[:0]
	for _, sp := range r.spans {
		r.fields = append(r.fields, Field{Tag: sp.tag, Value: raw[sp.from:sp.to], Line: sp.line})
	}
	return r.fields, r.startLine, raw, nil
}

// trimEnd returns the end of b without trailing spaces and tabs, not
// before from.
func trimEnd(b []byte, from int) int {
	to := len(b)
	for to > from && (b[to-1] == ' ' || b[to-1] == '\t') {
		to--
	}
	return to
}

// continuesInParagraphs reports whether text after blank lines that
// follow the tag is more of its value: the long texts.
func continuesInParagraphs(tag byte) bool {
	switch tag {
	case 'X', 'Z', '<':
		return true
	}
	return false
}

// next returns the next line (valid until the next call), without a
// byte-order mark that was decoded as Latin-1 text.
func (r *Reader) next() ([]byte, int, error) {
	if r.fromAhead = len(r.ahead) > 0; r.fromAhead {
		l := r.ahead[0]
		r.ahead = r.ahead[1:]
		return l.b, l.n, nil
	}
	b, n, err := r.lr.Next()
	if n == 1 {
		b = bytes.TrimPrefix(b, []byte("\u00ef\u00bb\u00bf")) // a byte-order mark read as Latin-1
	}
	return b, n, err
}

// Words with 0x01 and with 0x80 in each of their eight bytes.
const (
	lo = 0x0101010101010101
	hi = 0x8080808080808080
)

// hasControl reports whether s holds a byte below 0x20 other than a tab or
// a line feed. It looks at sixteen bytes at a time, and at a word of eight
// that has a byte below 0x20 without going byte by byte (bib.HasControl
// does, and a record's text has a line feed in many of its words).
func hasControl(s string) bool {
	for ; len(s) >= 16; s = s[16:] {
		w0, w1 := wordbits.Load64(s), wordbits.Load64(s[8:])
		// Subtracting 0x20 from each byte borrows into the high bit of
		// the lowest one below 0x20 (when one is), and perhaps of others.
		if ((w0-0x20*lo)&^w0|(w1-0x20*lo)&^w1)&hi != 0 && (control(w0) || control(w1)) {
			return true
		}
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' && c != '\t' {
			return true
		}
	}
	return false
}

// control reports whether a byte of w is below 0x20 and neither a tab nor
// a line feed.
func control(w uint64) bool {
	// The high bit of each byte below 0x20: adding 0x60 to its low seven
	// bits carries into the high bit just for 0x20 and above.
	below := ^(w | (w&^hi + 0x60*lo)) & hi
	return below&^(wordbits.ZeroBytes(w^'\t'*lo)|wordbits.ZeroBytes(w^'\n'*lo)) != 0
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\f' && c != '\v' {
			return false
		}
	}
	return true
}

// parseTag reads a tag line "%A value": it returns the tag and where the
// value starts. It accepts spaces or tabs before the "%", any number of
// them after the tag, and a tag with no value.
func parseTag(b []byte) (tag byte, value int, ok bool) {
	i := 0
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	if i+1 >= len(b) || b[i] != '%' || !isTagChar(b[i+1]) {
		return 0, 0, false
	}
	tag = b[i+1]
	j := i + 2
	if j < len(b) && b[j] != ' ' && b[j] != '\t' {
		return 0, 0, false
	}
	for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
		j++
	}
	return tag, j, true
}

func isTagChar(c byte) bool { return c > ' ' && c < 0x7f && c != '%' }

// TagField returns the EndNote field a tag holds.
func TagField(tag byte) endnotexml.FieldName {
	if int(tag) < len(tagFields) {
		return tagFields[tag]
	}
	return endnotexml.Other
}

var tagFields = func() [128]endnotexml.FieldName {
	var t [128]endnotexml.FieldName // Other for the tags not listed
	for tag, name := range map[byte]endnotexml.FieldName{
		'0': endnotexml.RefType, 'A': endnotexml.Author, 'E': endnotexml.SecondaryAuthor,
		'Y': endnotexml.TertiaryAuthor, '?': endnotexml.SubsidiaryAuthor, 'H': endnotexml.TranslatedAuthor,
		'+': endnotexml.AuthAddress, 'T': endnotexml.Title, 'B': endnotexml.SecondaryTitle,
		'S': endnotexml.TertiaryTitle, 'O': endnotexml.AltTitle, '!': endnotexml.ShortTitle,
		'Q': endnotexml.TranslatedTitle, 'J': endnotexml.Periodical, 'P': endnotexml.Pages,
		'V': endnotexml.Volume, 'N': endnotexml.Number, '7': endnotexml.Edition, '&': endnotexml.Section,
		'K': endnotexml.Keyword, 'D': endnotexml.Year, '8': endnotexml.PubDate, 'I': endnotexml.Publisher,
		'C': endnotexml.PubLocation, '@': endnotexml.ISBN, 'M': endnotexml.AccessionNum,
		'R': endnotexml.ElectronicResourceNum, 'U': endnotexml.URL, '>': endnotexml.PDFURL,
		'X': endnotexml.Abstract, 'Z': endnotexml.Notes, '<': endnotexml.ResearchNotes,
		'G': endnotexml.Language, '9': endnotexml.WorkType, '1': endnotexml.Custom1, '2': endnotexml.Custom2,
		'3': endnotexml.Custom3, '4': endnotexml.Custom4, '#': endnotexml.Custom5, '$': endnotexml.Custom6,
		']': endnotexml.Custom7, 'F': endnotexml.Label, 'L': endnotexml.CallNum,
		'~': endnotexml.RemoteDatabaseName, 'W': endnotexml.RemoteDatabaseProvider, '(': endnotexml.OrigPub,
		'[': endnotexml.AccessDate, '=': endnotexml.ModifiedDate,
	} {
		t[tag] = name
	}
	return t
}()
