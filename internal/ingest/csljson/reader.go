package csljson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// Reader reads CSL-JSON items one at a time, so it holds one item (and a
// buffer) in memory, never the whole array. Items are read by the fast
// decoder of fast.go while the input is the plain JSON it takes; anything
// else is read by encoding/json's Decoder, which enters an array with Token
// and decodes one item per Read, and reports what is wrong with broken
// items. After an item the Decoder has read, the reader goes back to the
// fast decoder.
type Reader struct {
	tape       *tape
	scan       scanner       // the fast decoder, kept for its buffers
	dec        *json.Decoder // nil while the fast decoder reads
	decBase    int64         // input offset of the decoder's first byte
	cursor     int64         // input offset of the fast decoder
	afterItem  bool          // the fast decoder is after an item of the array
	inArray    bool          // between the items of an array
	started    bool
	done       bool
	position   int   // items read so far, bad ones included
	lastResync int64 // where the last broken item began, to always move on
	notByLine  bool  // an item did not end its line: items are not one to a line
	pending    []pendingItem
	warnings   []bib.Warning
}

// pendingItem is an item taken out of a wrapper object, waiting its turn.
type pendingItem struct {
	raw  []byte
	line int
}

// NewReader returns a Reader reading CSL-JSON (UTF-8) from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{tape: &tape{src: r, line: 1}, lastResync: -1}
}

// Warnings returns what the reader noticed about the file as a whole. It is
// complete once Read has returned io.EOF.
func (r *Reader) Warnings() []bib.Warning { return r.warnings }

// Read returns the next record. An item that is not an object, whose JSON
// is broken, or that holds none of the variables a record is made of, is
// returned as a *bib.ParseError naming its line; the next call goes on
// with the item after it. A file that begins with an object that is no
// CSL item gives one *bib.ParseError saying so, and nothing more. At the
// end of the input Read returns io.EOF.
func (r *Reader) Read() (*bib.Record, error) {
	if !r.started {
		r.started = true
		start := int64(0)
		if b, ok := r.tape.peek(0, 3); ok && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
			start = 3
		}
		if noFastDecoder {
			r.newDecoder(start, false)
		} else {
			r.useCursor(start)
		}
	}
	for {
		if len(r.pending) > 0 {
			p := r.pending[0]
			r.pending = r.pending[1:]
			return r.pendingRecord(p)
		}
		if r.done {
			return nil, io.EOF
		}
		if r.inArray {
			if r.dec == nil {
				rec, err := r.fastNext()
				if r.dec == nil {
					if rec == nil && err == nil {
						continue
					}
					return rec, err
				}
			}
			if r.dec.More() {
				rec, err := r.item()
				if rec == nil && err == nil {
					continue
				}
				return rec, err
			}
			off := r.offset()
			if _, err := r.dec.Token(); err != nil {
				r.done = true
				if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
					return nil, bib.Errorf(r.tape.lineAt(off), "CSL-JSON: the file ends inside the array (cut short?)")
				}
				return nil, bib.Errorf(r.tape.lineAt(off), "CSL-JSON: %v", err)
			}
			r.inArray = false
			continue
		}
		c, at, ok := r.tape.nextNonSpace(r.offset())
		if !ok {
			r.done = true
			continue
		}
		switch c {
		case '[':
			if r.dec == nil {
				r.useCursor(at + 1)
				r.inArray, r.afterItem = true, false
				continue
			}
			if _, err := r.dec.Token(); err != nil {
				r.done = true
				return nil, bib.Errorf(r.tape.lineAt(at), "CSL-JSON: %v", err)
			}
			r.inArray = true
		case '{':
			if r.dec == nil {
				if rec, ok, err := r.fastItem(at); ok {
					return rec, err
				}
				r.newDecoder(r.cursor, false)
			}
			rec, err := r.item()
			if rec == nil && err == nil {
				continue
			}
			return rec, err
		default:
			// Something else at the top level: skip to the next line that
			// begins an array or an object.
			err := bib.Errorf(r.tape.lineAt(at), "CSL-JSON: expected an array of items or an item object, found %s", describe(c))
			if next, ok := r.tape.nextLineStarting(at, "{["); ok {
				r.newDecoder(next, false)
			} else {
				r.done = true
			}
			return nil, err
		}
	}
}

// offset returns the input offset of the decoder's position.
func (r *Reader) offset() int64 {
	if r.dec == nil {
		return r.cursor
	}
	return r.decBase + r.dec.InputOffset()
}

// fastNext reads the next item of an array with the fast decoder. Where
// that decoder cannot go on, it starts encoding/json's Decoder at the same
// place and in the same state, and returns nothing: the caller goes on with
// the Decoder.
func (r *Reader) fastNext() (*bib.Record, error) {
	c, at, ok := r.tape.nextNonSpace(r.cursor)
	if ok && c == ']' {
		r.useCursor(at + 1)
		r.inArray, r.afterItem = false, false
		return nil, nil
	}
	if ok && r.afterItem {
		if c == ',' {
			c, at, ok = r.tape.nextNonSpace(at + 1)
			if ok && c == ']' {
				r.trailingComma(at)
				return nil, nil
			}
		} else {
			ok = false
		}
	}
	if ok && c == '{' {
		if rec, ok, err := r.fastItem(at); ok {
			r.afterItem = r.inArray
			return rec, err
		}
	}
	r.decodeFrom(r.cursor, r.afterItem)
	return nil, nil
}

// trailingComma ends the array at the ']' at offset at, which follows a
// comma after the last item (as JavaScript allows and JSON does not): a
// warning, not an item that cannot be read.
func (r *Reader) trailingComma(at int64) {
	r.warnings = append(r.warnings, bib.Warning{Line: r.tape.lineAt(at), Msg: "CSL-JSON: a comma after the last item of the array (not JSON), ignored"})
	r.useCursor(at + 1)
	r.inArray, r.afterItem = false, false
}

// fastItem reads the item that begins at start with the fast decoder; ok
// is false when the item must go to encoding/json.
func (r *Reader) fastItem(start int64) (rec *bib.Record, ok bool, err error) {
	if noFastDecoder {
		return nil, false, nil
	}
	for {
		b := r.tape.window(start)
		var it inItem
		n, raw, decoded := 0, "", false
		if !r.notByLine {
			// An item that ends its line, as in a file written one item
			// to a line, is decoded without looking for its end first:
			// the decoder says whether the line holds just the item.
			if n = lineItemEnd(b); n > 0 {
				raw = string(b[:n])
				decoded = r.scan.decodeItem(raw, &it)
			}
		}
		if !decoded {
			end, ok, short := itemEnd(b)
			if !ok {
				if !short || !r.tape.grow(start, 2*len(b)) {
					return nil, false, nil
				}
				continue
			}
			if !r.notByLine && !endsLine(b[end:]) {
				// The item does not end its line: the next ones are
				// not looked for by line either.
				r.notByLine = true
			}
			if end != n {
				n, raw, it = end, string(b[:end]), inItem{}
				decoded = r.scan.decodeItem(raw, &it)
			}
		}
		if !decoded || !r.inArray && r.position == 0 && it.empty() {
			// (an object that begins the file and is no item: a
			// wrapper, which encoding/json opens)
			return nil, false, nil
		}
		r.position++
		line := r.tape.lineAt(start)
		rec, err := r.finish(&it, raw, line, nil, !r.inArray)
		r.useCursor(start + int64(n))
		return rec, true, err
	}
}

// endsLine reports whether what follows an item, up to the end of its line
// or of what is read, is only white space and a comma.
func endsLine(rest []byte) bool {
	for _, c := range rest {
		switch c {
		case '\n':
			return true
		case ' ', '\t', '\r', ',':
		default:
			return false
		}
	}
	return true
}

// lineItemEnd returns the length of the object at the start of b if it is
// the whole of its line, but for a comma after it ("{...},\n"), as far as
// one can tell without reading it: the length up to the "}" that ends the
// line; 0 when the line ends otherwise, or b holds no line break.
func lineItemEnd(b []byte) int {
	e := bytes.IndexByte(b, '\n')
	if e < 0 {
		return 0
	}
	line := bytes.TrimRight(b[:e], " \t\r")
	line = bytes.TrimSuffix(line, []byte(","))
	if len(line) < 2 || line[0] != '{' || line[len(line)-1] != '}' {
		return 0
	}
	return len(line)
}

// noFastDecoder turns the fast decoder off: encoding/json's Decoder reads
// the whole input (in tests that compare the two).
var noFastDecoder = false

// useCursor hands the input from offset at on to the fast decoder.
func (r *Reader) useCursor(at int64) {
	r.dec = nil
	r.cursor = at
	r.tape.rewind(at)
}

// leaveDecoder hands the input back to the fast decoder after an item the
// Decoder has read whole.
func (r *Reader) leaveDecoder() {
	if noFastDecoder {
		return
	}
	r.useCursor(r.offset())
	r.afterItem = r.inArray
}

// decodeFrom starts a Decoder at input offset at, in an array: after an
// item there (it then expects a comma or the array's end) or not.
func (r *Reader) decodeFrom(at int64, afterItem bool) {
	if !afterItem {
		r.newDecoder(at, r.inArray)
		return
	}
	// The item given is null, not a number: the input after it could
	// read as more digits of a number.
	r.tape.rewind(at)
	r.dec = json.NewDecoder(io.MultiReader(strings.NewReader("[null"), r.tape))
	r.decBase = at - 5
	r.dec.Token() // the "[" just given
	r.dec.Token() // and the item null
}

// item decodes the next item. It returns nil and no error for a wrapper
// object whose items were queued.
func (r *Reader) item() (*bib.Record, error) {
	off0 := r.offset()
	var it inItem
	err := r.dec.Decode(&it)
	start := off0
	if _, at, ok := r.tape.nextItem(off0); ok {
		start = at
	}
	if err != nil && r.inArray && start != off0 {
		if c, _ := r.tape.byteAt(start); c == ']' {
			r.trailingComma(start)
			return nil, nil
		}
	}
	r.position++
	var warn []bib.Warning
	if err != nil {
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &te) && te.Field == "":
			end := r.offset()
			line := r.tape.lineAt(start)
			r.tape.discard(end)
			r.leaveDecoder()
			return nil, bib.Errorf(line, "CSL-JSON item %d is %s, not an object", r.position, jsonKind(te.Value))
		case errors.As(err, &te):
			relax(r.tape.bytes(start, r.offset()), &it)
			if !relaxed(te.Field) {
				warn = append(warn, bib.Warning{Line: r.tape.lineAt(start), Msg: fmt.Sprintf("%q is %s, which CSL does not allow there; it is left out", te.Field, jsonKind(te.Value))})
			}
		case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
			r.done = true
			return nil, bib.Errorf(r.tape.lineAt(start), "CSL-JSON item %d: the file ends inside it (cut short?)", r.position)
		case errors.Is(err, errItemTooLong):
			r.done = true
			return nil, fmt.Errorf("CSL-JSON item %d, from line %d, is longer than %d bytes (a string or brace that is never closed?)", r.position, r.tape.lineAt(start), maxItemBytes)
		default:
			return r.broken(start, err)
		}
	}
	end := r.offset()
	line := r.tape.lineAt(start)
	raw := r.tape.bytes(start, end)
	if !r.inArray && it.empty() && (it.Message.present() || it.Items.present() || it.References.present()) {
		r.position--
		r.unwrap(&it, line)
		r.tape.discard(end)
		r.leaveDecoder()
		return nil, nil
	}
	if !r.inArray && r.position == 1 && it.empty() && r.unwrapLists(raw, line) {
		r.position--
		r.tape.discard(end)
		r.leaveDecoder()
		return nil, nil
	}
	rec, err := r.finish(&it, string(raw), line, warn, !r.inArray)
	r.tape.discard(end)
	r.leaveDecoder()
	return rec, err
}

// finish maps the item it, whose text raw begins at line, and gives the
// record what every record carries. An item that holds none of the
// variables a record is made of (see hasContent) is kept with a warning
// that says so. When the file begins with an object (top) that has none of
// the variables of a CSL item, not even a type or an id, and is no
// wrapper of items either (pandoc's {"pandoc-api-version": ..., "blocks":
// ...}, a program's own JSON), the file is no CSL-JSON: the error says so
// and the reading ends there.
func (r *Reader) finish(it *inItem, raw string, line int, warn []bib.Warning, top bool) (*bib.Record, error) {
	rec := it.record()
	if !hasContent(rec) {
		keys := keysOf(raw)
		if top && r.position == 1 && it.empty() && keys != "" {
			r.done = true
			return nil, bib.Errorf(line, "CSL-JSON: the file begins with an object that is neither a CSL item nor "+
				"a list of items (its keys: %s); it is not CSL-JSON and is not read", keys)
		}
		// Kept, so that no item of the file goes missing, with a warning.
		msg := fmt.Sprintf("CSL-JSON item %d is an empty object", r.position)
		if keys != "" {
			msg = fmt.Sprintf("CSL-JSON item %d has none of the variables a record is made of (title, author, "+
				"issued, container-title, DOI, URL, ...), only %s", r.position, keys)
		}
		warn = append(warn, bib.Warning{Line: line, Msg: msg})
	}
	rec.Raw = raw
	rec.Format = "csl-json"
	rec.Position = r.position
	rec.Line = line
	rec.Warnings = append(warn, rec.Warnings...)
	rec.WarningsAt(line)
	return rec, nil
}

// hasContent reports whether a record holds any of the variables a record
// is made of: a title, a name, a date, a container, volume, issue or
// pages, a publisher, an abstract, an identifier, a link, a keyword or a
// note. Its type, id, language, genre and source say what an item is, but
// none of them makes one on its own: an item with nothing else is an
// object that only looks like CSL (test data, another program's JSON).
func hasContent(rec *bib.Record) bool {
	return rec.Title != "" || rec.ShortTitle != "" || rec.OriginalTitle != "" || rec.TranslatedTitle != "" ||
		len(rec.Authors) > 0 || len(rec.Editors) > 0 || !rec.Date.IsZero() || rec.Container != "" ||
		rec.ContainerAbbrev != "" || rec.Series != "" || rec.Volume != "" || rec.Issue != "" ||
		rec.FirstPage != "" || rec.LastPage != "" || rec.ArticleNumber != "" || rec.Edition != "" ||
		rec.Publisher != "" || rec.Place != "" || rec.Abstract != "" || len(rec.Identifiers) > 0 ||
		len(rec.ISSNs) > 0 || len(rec.URLs) > 0 || len(rec.Keywords) > 0 || len(rec.Notes) > 0
}

// keysOf names the first keys of the JSON object raw, for a message; it
// returns "" for an object without keys.
func keysOf(raw string) string {
	const most = 6
	dec := json.NewDecoder(strings.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return ""
	}
	var keys []string
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			break
		}
		if len(keys) == most {
			keys = append(keys, "...")
			break
		}
		keys = append(keys, strconv.Quote(fmt.Sprint(t)))
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			break
		}
	}
	return strings.Join(keys, ", ")
}

// broken handles an item the decoder could not read: it finds where the
// item ends, reports the first error in it with its line and column, and
// starts a new decoder after it. An item that is itself whole (the error
// was a missing comma before it) is read again instead.
func (r *Reader) broken(start int64, err error) (*bib.Record, error) {
	end := r.tape.skipItem(start)
	text := r.tape.bytes(start, end)
	var v json.RawMessage
	perr := json.Unmarshal(text, &v)
	if perr == nil && start != r.lastResync {
		// The item is whole: what was wrong came before it.
		r.lastResync = start
		r.position--
		r.warnings = append(r.warnings, bib.Warning{Line: r.tape.lineAt(start), Msg: fmt.Sprintf("CSL-JSON: %v before the item at line %d", err, r.tape.lineAt(start))})
		r.newDecoder(start, r.inArray)
		return nil, nil
	}
	r.lastResync = start
	pe := &bib.ParseError{Line: r.tape.lineAt(start), Err: fmt.Errorf("CSL-JSON item %d: %w", r.position, err)}
	var se *json.SyntaxError
	if errors.As(perr, &se) {
		at := start + se.Offset - 1
		if at < start {
			at = start
		}
		pe.Line, pe.Column = r.tape.lineAt(at), r.tape.column(at)
		pe.Err = fmt.Errorf("CSL-JSON item %d (from line %d): %w", r.position, r.tape.lineAt(start), perr)
	}
	r.resync(end)
	return nil, pe
}

// resync starts a new decoder after a broken item that ends at end,
// skipping the comma after it.
func (r *Reader) resync(end int64) {
	next := end
	c, at, ok := r.tape.nextNonSpace(end)
	if !ok {
		r.done = true
		return
	}
	if c == ',' {
		next = at + 1
	}
	r.newDecoder(next, r.inArray)
}

// newDecoder starts a decoder at input offset at; inside an array it is
// given a "[" first, so that it goes on reading items.
func (r *Reader) newDecoder(at int64, inArray bool) {
	r.tape.rewind(at)
	if inArray {
		r.dec = json.NewDecoder(io.MultiReader(strings.NewReader("["), r.tape))
		r.decBase = at - 1
		r.dec.Token() // the "[" just given
	} else {
		r.dec = json.NewDecoder(r.tape)
		r.decBase = at
	}
}

// unwrap queues the items of a wrapper object: Crossref's {"message":
// item} and {"message": {"items": [...]}}, and {"items": [...]} or
// {"references": [...]}.
func (r *Reader) unwrap(it *inItem, line int) {
	list := []byte(it.Items)
	if !it.Items.present() {
		list = it.References
	}
	if it.Message.present() {
		var inner struct {
			Items rawObject `json:"items"`
		}
		if json.Unmarshal(it.Message, &inner) == nil && inner.Items.present() {
			list = inner.Items
		} else {
			r.pending = append(r.pending, pendingItem{raw: it.Message, line: line})
			return
		}
	}
	var items []json.RawMessage
	if err := json.Unmarshal(list, &items); err != nil {
		r.warnings = append(r.warnings, bib.Warning{Line: line, Msg: fmt.Sprintf("CSL-JSON: the list of items is not an array: %v", err)})
		return
	}
	for _, raw := range items {
		r.pending = append(r.pending, pendingItem{raw: raw, line: line})
	}
}

// unwrapLists queues the objects in the lists that the object raw, which
// begins a file and is no CSL item, holds as its members: an API's
// response (OpenAlex's {"meta": ..., "results": [...]}, DataCite's
// {"data": [...]}), pandoc's {"pandoc-csl-json": [...]}, a map from DOIs
// to Crossref works. Those that hold nothing a record is made of (see
// hasContent) are passed over. It reports whether any object was queued, with a warning
// naming the members read.
func (r *Reader) unwrapLists(raw []byte, line int) bool {
	d := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return false
	}
	var names []string
	n := len(r.pending)
	for d.More() {
		tok, err := d.Token()
		if err != nil {
			break
		}
		name, _ := tok.(string)
		var value json.RawMessage
		if err := d.Decode(&value); err != nil {
			break
		}
		var list []json.RawMessage
		if json.Unmarshal(value, &list) != nil {
			continue
		}
		queued := false
		for _, v := range list {
			var it inItem
			v = citedItem(bytes.TrimSpace(v))
			if len(v) > 0 && v[0] == '{' && json.Unmarshal(v, &it) == nil && hasContent(it.record()) {
				r.pending = append(r.pending, pendingItem{raw: v, line: line})
				queued = true
			}
		}
		if queued {
			names = append(names, strconv.Quote(name))
		}
	}
	if len(r.pending) == n {
		return false
	}
	r.warnings = append(r.warnings, bib.Warning{Line: line, Msg: fmt.Sprintf(
		"CSL-JSON: the file is an object holding lists, not a list of items; the items found in %s are read", strings.Join(names, ", "))})
	return true
}

// citedItem returns the item a cited item of a CSL citation holds in
// itemData (the citationItems of what Zotero and Mendeley keep in a
// document's citations), or v itself.
func citedItem(v []byte) []byte {
	if len(v) == 0 || v[0] != '{' || !bytes.Contains(v, []byte(`"itemData"`)) {
		return v
	}
	var cited struct {
		ItemData json.RawMessage `json:"itemData"`
	}
	if json.Unmarshal(v, &cited) != nil {
		return v
	}
	if d := bytes.TrimSpace(cited.ItemData); len(d) > 0 && d[0] == '{' {
		return d
	}
	return v
}

// pendingRecord decodes an item taken out of a wrapper.
func (r *Reader) pendingRecord(p pendingItem) (*bib.Record, error) {
	r.position++
	var it inItem
	err := json.Unmarshal(p.raw, &it)
	if err != nil {
		var te *json.UnmarshalTypeError
		if !errors.As(err, &te) || te.Field == "" {
			return nil, bib.Errorf(p.line, "CSL-JSON item %d: %v", r.position, err)
		}
	}
	if err != nil {
		relax(p.raw, &it)
	}
	return r.finish(&it, string(p.raw), p.line, nil, false)
}

// relaxed reports whether a variable that had the wrong JSON type for the
// decoder is one relax reads again.
func relaxed(field string) bool {
	name, _, _ := strings.Cut(field, ".")
	switch strings.ToLower(name) {
	case "author", "editor", "director", "issued", "published-print", "published-online":
		return true
	}
	return false
}

// describe names a byte found where an item should begin.
func describe(c byte) string {
	switch {
	case c == '"':
		return "a string"
	case c == '-' || c >= '0' && c <= '9':
		return "a number"
	case c == 't' || c == 'f':
		return "true or false"
	case c == 'n':
		return "null"
	case c == '<':
		return "XML or HTML"
	case c == '@':
		return "BibTeX"
	case c >= ' ' && c < 0x7f:
		return fmt.Sprintf("%q", c)
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// jsonKind names the JSON kind encoding/json reports in a type error
// ("string", "number 12", "array", "object", "bool").
func jsonKind(v string) string {
	switch {
	case v == "array", v == "object":
		return "an " + v
	case v == "bool":
		return "true or false"
	case strings.HasPrefix(v, "number"):
		return "a number"
	}
	return "a " + v
}

// maxItemBytes is the longest item the reader takes: a string or brace
// that is never closed would otherwise make the rest of the file one item
// in memory.
var maxItemBytes = 64 << 20

var errItemTooLong = errors.New("item too long")

// tape records the bytes the decoder reads, so that an item's text can be
// cut out (Decoder.InputOffset tells where each item ends), line numbers
// counted, and reading started again after a broken item. Bytes before
// the current item are dropped.
type tape struct {
	src       io.Reader
	buf       []byte
	start     int   // buf[start:] is live
	base      int64 // input offset of buf[start]
	pos       int64 // the next offset handed out by Read
	line      int   // line number at base
	lineStart int64 // input offset where that line begins
	err       error
	chunk     []byte // what fill reads into
}

// Read hands out the input from pos on, from the buffer or the source.
func (t *tape) Read(p []byte) (int, error) {
	if t.pos-t.base > int64(maxItemBytes) {
		return 0, errItemTooLong
	}
	if i := t.start + int(t.pos-t.base); i < len(t.buf) {
		n := copy(p, t.buf[i:])
		t.pos += int64(n)
		return n, nil
	}
	if t.err != nil {
		return 0, t.err
	}
	n, err := t.src.Read(p)
	if n > 0 {
		t.keep(p[:n])
		t.pos += int64(n)
	}
	if err != nil {
		t.err = err
		if n > 0 {
			err = nil
		}
	}
	return n, err
}

// keep appends bytes read from the source, first moving the live bytes
// to the front when the dropped ones take half the buffer.
func (t *tape) keep(b []byte) {
	if t.start > 0 && t.start >= len(t.buf)/2 {
		n := copy(t.buf, t.buf[t.start:])
		t.buf = t.buf[:n]
		t.start = 0
	}
	t.buf = append(t.buf, b...)
}

// fill reads from the source until the buffer holds offset off, and
// reports whether it does.
func (t *tape) fill(off int64) bool {
	for t.base+int64(len(t.buf)-t.start) <= off {
		if t.err != nil || len(t.buf)-t.start > 2*maxItemBytes {
			return false
		}
		if t.chunk == nil {
			t.chunk = make([]byte, 32<<10)
		}
		n, err := t.src.Read(t.chunk)
		if n > 0 {
			t.keep(t.chunk[:n])
		}
		if err != nil {
			t.err = err
		} else if n == 0 {
			continue
		}
	}
	return true
}

func (t *tape) byteAt(off int64) (byte, bool) {
	if off < t.base || !t.fill(off) {
		return 0, false
	}
	return t.buf[t.start+int(off-t.base)], true
}

func (t *tape) peek(off int64, n int) ([]byte, bool) {
	if !t.fill(off + int64(n) - 1) {
		return nil, false
	}
	i := t.start + int(off-t.base)
	return t.buf[i : i+n], true
}

// window returns the buffered input from offset off on, reading some
// first if none is buffered.
func (t *tape) window(off int64) []byte {
	if off < t.base {
		return nil
	}
	t.fill(off)
	i := t.start + int(off-t.base)
	if i > len(t.buf) {
		return nil
	}
	return t.buf[i:]
}

// grow reads until n bytes from offset off are buffered, or the input
// ends, and reports whether there is more than before.
func (t *tape) grow(off int64, n int) bool {
	if n > 2*maxItemBytes {
		return false
	}
	before := len(t.buf) - t.start
	t.fill(off + int64(n))
	return len(t.buf)-t.start > before
}

// bytes returns the input from offset from to offset to.
func (t *tape) bytes(from, to int64) []byte {
	t.fill(to - 1)
	i, j := t.start+int(from-t.base), t.start+int(to-t.base)
	if i < t.start || j > len(t.buf) || i > j {
		return nil
	}
	return t.buf[i:j]
}

// nextNonSpace returns the first byte at or after off that is not white
// space, and its offset.
func (t *tape) nextNonSpace(off int64) (byte, int64, bool) {
	for {
		c, ok := t.byteAt(off)
		if !ok {
			return 0, off, false
		}
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c, off, true
		}
		off++
	}
}

// nextItem is nextNonSpace that also skips the commas between items.
func (t *tape) nextItem(off int64) (byte, int64, bool) {
	for {
		c, at, ok := t.nextNonSpace(off)
		if !ok || c != ',' {
			return c, at, ok
		}
		off = at + 1
	}
}

// lineAt returns the 1-based line of offset off.
func (t *tape) lineAt(off int64) int {
	if off < t.base {
		return t.line
	}
	t.fill(off - 1)
	end := t.start + int(off-t.base)
	if end > len(t.buf) {
		end = len(t.buf)
	}
	return t.line + bytes.Count(t.buf[t.start:end], []byte{'\n'})
}

// column returns the 1-based column (in bytes) of offset off.
func (t *tape) column(off int64) int {
	i := t.start + int(off-t.base)
	if i > len(t.buf) {
		i = len(t.buf)
	}
	if j := bytes.LastIndexByte(t.buf[t.start:i], '\n'); j >= 0 {
		return i - (t.start + j + 1) + 1
	}
	return int(t.base-t.lineStart) + i - t.start + 1
}

// discard drops the bytes before offset off (never those not yet handed
// out).
func (t *tape) discard(off int64) {
	if off > t.pos {
		off = t.pos
	}
	d := int(off - t.base)
	if d <= 0 {
		return
	}
	// Count the lines dropped and find where the last one ends, with
	// IndexByte (bytes.LastIndexByte would go back byte by byte over the
	// whole item).
	gone := t.buf[t.start : t.start+d]
	for i := 0; ; {
		j := bytes.IndexByte(gone[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		t.line++
		t.lineStart = t.base + int64(i)
	}
	t.start += d
	t.base = off
}

// rewind makes Read hand out the input from offset off again (off must
// not have been discarded), dropping what is before it.
func (t *tape) rewind(off int64) {
	t.fill(off - 1)
	t.pos = off
	t.discard(off)
}

// skipItem finds where a broken item that begins at start ends: where
// its braces balance, or, for an item that begins its own line, before
// the next line that begins an item (or ends the array) at the same
// indentation or less. A string that runs past the end of its line ends
// there (JSON strings hold no line breaks).
func (t *tape) skipItem(start int64) int64 {
	indent, ownLine := t.indentation(start)
	depth := 0
	inString, escaped := false, false
	for off := start; ; off++ {
		c, ok := t.byteAt(off)
		if !ok {
			return off
		}
		if c == '\n' {
			inString, escaped = false, false
			if ownLine && off > start {
				w := int64(0)
				for {
					b, ok := t.byteAt(off + 1 + w)
					if !ok || b != ' ' && b != '\t' {
						if ok && int(w) <= indent && (b == '{' || b == ']' && int(w) < indent) {
							return off + 1
						}
						break
					}
					w++
				}
			}
			continue
		}
		if inString {
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return off + 1
			}
			if depth < 0 {
				return off // the array's end: not part of the item
			}
		}
	}
}

// nextLineStarting returns the offset of the first line after off that
// begins (after white space) with one of the bytes in chars.
func (t *tape) nextLineStarting(off int64, chars string) (int64, bool) {
	for {
		c, ok := t.byteAt(off)
		if !ok {
			return 0, false
		}
		off++
		if c != '\n' {
			continue
		}
		b, at, ok := t.nextNonSpace(off)
		if !ok {
			return 0, false
		}
		if strings.IndexByte(chars, b) >= 0 {
			return at, true
		}
	}
}

// indentation returns the white space before offset off on its line, and
// whether only white space is there.
func (t *tape) indentation(off int64) (int, bool) {
	n := 0
	for o := off - 1; o >= t.base; o-- {
		c, _ := t.byteAt(o)
		switch c {
		case ' ', '\t':
			n++
		case '\n':
			return n, true
		default:
			return n, false
		}
	}
	return n, t.base == 0
}
