// Package bibtex reads and writes BibTeX and BibLaTeX (.bib) files, as
// written by hand and by JabRef, Zotero and Better BibTeX, Mendeley,
// BibDesk, Calibre, Google Scholar, Scopus, Web of Science, dblp, ACM,
// EBSCO, ProQuest and other publishers.
//
// # What the reader accepts
//
// An entry is '@', its type, '{' or '(', a citation key, a comma, and
// fields "name = value" separated by commas, closed by the matching '}'
// or ')'. White space may stand around every part (also after the key:
// "@article{ WOS:0001 ,", and between the type and a brace on the next
// line), a trailing comma is allowed, and an entry without a key
// ("@misc{title = ...}") is read with an empty key. A key may hold spaces,
// as Scopus writes a family name of several words into it
// ("@ARTICLE{Rister Portinari Maranca2025984,"): when what follows the
// key's first word is no field ("name ="), the key is everything up to
// the comma on that line, trimmed. Entry types and field
// names are read in any case; a field name may hold any printable
// character but = , { } " # ( ) ' and white space, and %XX escapes in it
// are decoded ("date%2Dadded"). A value is made of parts joined by '#':
//
//   - braced, {...}, with braces nested to any depth;
//   - quoted, "...", in which braces nest and neither \" nor a '"' inside
//     braces ends the value;
//   - a bare number (year = 2020);
//   - a macro name: defined by @string{name = value} (or with
//     parentheses) earlier in the file, or a month name jan to dec; an
//     undefined name is kept as text, with a warning on the record.
//
// An entry starts at an '@' that follows the start of a line or a
// character that is not a letter, digit, '.', '_' or '-' (so e-mail
// addresses do not start entries) and is followed by a name and '{' or
// '('. Everything else outside entries is a comment: a line whose first
// non-blank character is '%' ("% Encoding: UTF-8") is skipped, other
// text is counted in Warnings. @comment and @preamble are skipped; @string defines macros;
// biblatex's @set (a group of other entries) is skipped and counted;
// @xdata entries lend their fields (see below) and are not records.
// Inside an entry a backslash escapes the character after it, so \{ and
// \} do not count as braces, and between fields a '%' after white space or
// a comma starts a comment that runs to the end of the line. A field
// written twice keeps its first value, with a warning; biblatex data
// annotations ("author+an = ...") are left out; empty fields are dropped.
// Lines may end in LF, CRLF or a bare CR; a byte-order mark is removed. A
// control character (other than tab, CR and LF) in a value is read as a
// space, with a warning.
//
// Values are LaTeX. Text turns them into Unicode (accents, special
// letters, escaped specials, dashes, quotes, formatting commands, math)
// and Names splits name lists (First von Last, von Last, First and
// von Last, Jr, First; {Corporate Names}; "and others").
//
// # Cross-references
//
// A child names its parent with crossref, or data entries with biblatex's
// xdata, and takes from them the fields it lacks: the title of a book,
// collection or proceedings becomes the booktitle of a part of it
// (@inbook, @incollection, @inproceedings, ...), the title of a periodical
// the journal of an article in it, and every other field is taken as it
// is, except the parent's own identifiers, links, pages, abstract,
// keywords and notes. biblatex's xref only links the entries and passes
// no field on, so it is not followed: the child keeps what it has. The
// parent may come before the child or after it, as BibTeX requires.
// Records come out in file order, so a child whose parent has not been
// read yet is held, with the entries after it, until the parent appears.
//
// Memory stays bounded: at most maxHeld (20 000) entries or maxHeldBytes
// (64 MiB) of entry text are held waiting; past that the oldest waiting
// child is given up on and comes out without its parent's fields, with a
// warning. For children that come after their parent, containers (@book,
// @collection, @proceedings, @reference, @periodical and their
// multi-volume forms) and @xdata entries are remembered, in their
// inheritable fields only, up to maxKnownBytes (16 MiB), the oldest
// forgotten first; a parent of another type must come after its children,
// as BibTeX wants it. The keys read so far are kept in a 1 MiB Bloom
// filter, so that a child whose parent was read before it but not kept is
// not held in vain. A child whose parent is not found, or that would
// inherit from itself through a cycle, comes out with what it has and a
// warning.
//
// # Errors
//
// An entry that cannot be read is returned as a *bib.ParseError naming its
// line (and column where it helps): one still open when the file ends or
// when a line that starts a new entry comes (unbalanced braces), one that
// closes early with its fields still following (an extra '}'), a missing
// comma between fields, a missing '=', a value that is not closed. The
// next Read goes on with the next entry: reading resyncs at the next line
// that starts with '@'. A @comment still open at the end of the file is
// reported, and reading goes back to the first line in it that begins with
// '@' and a name, so that the entries after it are not lost. Bad entries
// count in the positions of the records.
//
// Every entry is mapped onto a bib.Record as Map describes. The reader
// holds one entry's text at a time, beyond what cross-references need.
package bibtex

import (
	"io"
	"strconv"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/textio"
)

// Reader reads BibTeX records from a text stream (UTF-8, without a
// byte-order mark).
type Reader struct {
	sc       scanner
	macros   map[string]string
	position int
	eof      bool
	sets     int

	// entry is the entry being read. Most entries are mapped as soon as
	// they are read and need it no longer, so every entry is read into
	// this one, with its room for fields; an entry that waits for its
	// parent is copied (see readOne).
	entry Entry
	now   item // entry's item while it is completed

	// cross-references
	queue     []*item            // read, not yet returned, in file order
	heldBytes int                // text of the entries in queue
	waiting   map[string][]*item // parent key → children waiting for it
	pending   map[string]*item   // key → entry still waiting for its own parent
	known     map[string]parent  // key → what a later child may inherit
	knownKeys []string           // keys of known, oldest first
	knownSize int
	seen      keySet // keys read so far
}

// item is an entry on its way out: a record, or a parse error.
type item struct {
	entry   *Entry // while it waits for its parents or is completed
	size    int    // of the entry's text, counted in heldBytes while queued
	err     error
	pos     int
	missing []string // parents not read yet
	rec     *bib.Record
}

// NewReader returns a Reader reading BibTeX text from r.
func NewReader(r io.Reader) *Reader {
	return &Reader{
		sc:      scanner{lines: textio.NewLineReader(r)},
		macros:  map[string]string{},
		waiting: map[string][]*item{},
		pending: map[string]*item{},
		known:   map[string]parent{},
	}
}

// Warnings returns what the reader noticed about the file as a whole: text
// outside entries and skipped @set entries. It is complete once Read has
// returned io.EOF.
func (r *Reader) Warnings() []bib.Warning {
	var w []bib.Warning
	if r.sc.junk > 0 {
		w = append(w, bib.Warning{Line: r.sc.junkLine, Msg: strconv.Itoa(r.sc.junk) +
			" line(s) of text outside entries ignored (comments), the first at line " + strconv.Itoa(r.sc.junkLine)})
	}
	if r.sets > 0 {
		w = append(w, bib.Warning{Msg: strconv.Itoa(r.sets) + " @set entry(ies) skipped: a set groups other entries and is no publication"})
	}
	return w
}

// Read returns the next record. An entry that cannot be read is returned
// as a *bib.ParseError naming its line; the next call goes on with the
// entry after it. At the end of the input Read returns io.EOF.
func (r *Reader) Read() (*bib.Record, error) {
	for {
		if len(r.queue) > 0 {
			head := r.queue[0]
			if head.err != nil || head.rec != nil {
				r.queue[0] = nil
				r.queue = r.queue[1:]
				r.heldBytes -= head.size
				if head.err != nil {
					return nil, head.err
				}
				return head.rec, nil
			}
			if r.eof {
				r.giveUp(head, "is not in the file")
				continue
			}
			if len(r.queue) > maxHeld || r.heldBytes > maxHeldBytes {
				r.giveUp(head, "is not within the next "+strconv.Itoa(len(r.queue))+" entries")
				continue
			}
		} else if r.eof {
			return nil, io.EOF
		}
		rec, err := r.readOne()
		if err != nil {
			return nil, err
		}
		if rec != nil {
			return rec, nil
		}
	}
}

// readOne reads the next entry, or notes the end of the input. It returns
// the entry's record when it can go out at once: nothing is queued before
// it and it waits for no parent. Otherwise the entry goes into the queue,
// as does a bad entry. It returns only errors that end the reading.
func (r *Reader) readOne() (*bib.Record, error) {
	raw, err := r.sc.scan()
	if err == io.EOF {
		r.eof = true
		return nil, nil
	}
	if err != nil {
		if bib.IsParseError(err) {
			r.position++
			r.queue = append(r.queue, &item{err: err, pos: r.position})
			return nil, nil
		}
		return nil, err
	}
	e := &r.entry
	ok, err := e.parse(raw, r.macros)
	if err == nil && ok {
		spaceControls(e)
	}
	if err != nil {
		r.position++
		r.queue = append(r.queue, &item{err: err, pos: r.position})
		return nil, nil
	}
	if !ok {
		return nil, nil // @string, @preamble, @comment
	}
	switch e.Type {
	case "set":
		r.sets++
		return nil, nil
	}
	if e.Type != "xdata" {
		r.position++
	}
	key := strings.ToLower(e.Key)
	var missing []string
	for _, k := range refs(e) {
		switch {
		case r.known[k].Entry != nil:
			// read before and remembered
		case r.pending[k] != nil:
			if r.cycle(k, key) {
				e.warn(e.Line, "cross-reference %q leads back to this entry; not followed", k)
				continue
			}
			missing = append(missing, k)
		case r.seen.has(k):
			// read before, but not kept: waiting would hold the rest of the file in vain
			e.warn(e.Line, "crossref parent %q comes before this entry and is no container (book, "+
				"collection, proceedings, ...) whose fields are kept; its fields are not inherited", k)
		default:
			missing = append(missing, k)
		}
	}
	if key != "" {
		r.seen.add(key)
	}
	if len(missing) == 0 {
		// Completed at once: the record holds what it needs of the
		// entry, and a later child takes a copy (see rememberEntry).
		it := &r.now
		*it = item{entry: e, pos: r.position}
		r.complete(it)
		rec := it.rec
		*it = item{}
		switch {
		case rec == nil: // @xdata
			return nil, nil
		case len(r.queue) == 0:
			return rec, nil
		}
		r.queue = append(r.queue, &item{rec: rec, pos: r.position, size: len(e.Raw)})
		r.heldBytes += len(e.Raw)
		return nil, nil
	}
	// Held for its parents: the entry needs its own copy, as r.entry
	// goes on to the next.
	it := &item{entry: e.clone(), pos: r.position, missing: missing, size: len(e.Raw)}
	if e.Type != "xdata" {
		r.queue = append(r.queue, it)
		r.heldBytes += it.size
	}
	for _, k := range missing {
		r.waiting[k] = append(r.waiting[k], it)
	}
	if key != "" {
		r.pending[key] = it
	}
	return nil, nil
}

// spaceControls reads the control characters (other than tab, CR and LF)
// of the entry's values as spaces, with a warning: binary data from a
// damaged file, or a sign lost in copying text out of a PDF ("300\x01C").
func spaceControls(e *Entry) {
	for i := range e.Fields {
		f := &e.Fields[i]
		if f.flags&valueUnclean == 0 || !bib.HasControl(f.Value) {
			continue
		}
		b := []byte(f.Value)
		first := -1
		for j, c := range b {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				if first < 0 {
					first = int(c)
				}
				b[j] = ' '
			}
		}
		f.Value = string(b)
		e.warn(f.Line, "control character 0x%02x in %s (binary data?), read as a space", first, f.Name)
	}
}

// cycle reports whether the entry key waits, directly or through others,
// for the entry self.
func (r *Reader) cycle(key, self string) bool {
	for depth := 0; depth < 32; depth++ {
		it := r.pending[key]
		if it == nil {
			return false
		}
		found := false
		for _, m := range it.missing {
			if m == self {
				return true
			}
			if !found {
				key, found = m, true
			}
		}
		if !found {
			return false
		}
	}
	return false
}

// complete finishes an entry whose parents are all known: it takes their
// fields, maps the entry, remembers it for later children, and completes
// the children that waited for it.
func (r *Reader) complete(it *item) {
	e := it.entry
	for _, k := range refs(e) {
		if p := r.known[k]; p.Entry != nil {
			inherit(e, p.Entry)
		}
	}
	if e.Type != "xdata" {
		it.rec = r.record(it)
	}
	key := strings.ToLower(e.Key)
	if key == "" {
		return
	}
	delete(r.pending, key)
	children := r.waiting[key]
	if len(children) > 0 || remembered(e) {
		r.rememberEntry(key, e)
	}
	delete(r.waiting, key)
	for _, c := range children {
		c.missing = remove(c.missing, key)
		if len(c.missing) == 0 && c.rec == nil {
			r.complete(c)
		}
	}
}

// giveUp completes a held child without the parents it still lacks.
func (r *Reader) giveUp(it *item, why string) {
	for _, k := range it.missing {
		it.entry.warn(it.entry.Line, "crossref parent %q %s; its fields are not inherited", k, why)
		r.waiting[k] = removeItem(r.waiting[k], it)
		if len(r.waiting[k]) == 0 {
			delete(r.waiting, k)
		}
	}
	it.missing = nil
	r.complete(it)
}

// rememberEntry keeps what later children may inherit from e, forgetting
// the oldest entries past maxKnownBytes.
func (r *Reader) rememberEntry(key string, e *Entry) {
	p := newParent(e)
	if old, ok := r.known[key]; ok {
		r.knownSize -= old.size
	} else {
		r.knownKeys = append(r.knownKeys, key)
	}
	r.known[key] = p
	r.knownSize += p.size
	for r.knownSize > maxKnownBytes && len(r.knownKeys) > 0 {
		k := r.knownKeys[0]
		r.knownKeys = r.knownKeys[1:]
		if old, ok := r.known[k]; ok {
			r.knownSize -= old.size
			delete(r.known, k)
		}
	}
}

// record maps an entry and sets what the reader knows of it.
func (r *Reader) record(it *item) *bib.Record {
	e := it.entry
	rec := Map(e)
	rec.Format = "bibtex"
	rec.Position = it.pos
	rec.Line = e.Line
	rec.Raw = e.Raw
	rec.Warnings = append(e.Warnings, rec.Warnings...)
	if rec.Title == "" {
		rec.Warn(e.Line, "record has no title")
	}
	return rec
}

func remove(list []string, s string) []string {
	out := list[:0]
	for _, x := range list {
		if x != s {
			out = append(out, x)
		}
	}
	return out
}

func removeItem(list []*item, it *item) []*item {
	out := list[:0]
	for _, x := range list {
		if x != it {
			out = append(out, x)
		}
	}
	return out
}
