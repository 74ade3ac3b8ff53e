package bibtex

import (
	"strings"
)

// Limits of what the reader holds for cross-references. A child whose
// parent comes later is held, with every entry after it, until the parent
// is read (records come out in file order); past maxHeld entries or
// maxHeldBytes of entry text the oldest child is given up on and comes out
// without the parent's fields, with a warning. Containers (see
// containers) and @xdata entries are remembered, in their inheritable
// fields only, for children that come after them, up to maxKnownBytes;
// the oldest are forgotten first.
const (
	maxHeld       = 20000
	maxHeldBytes  = 64 << 20
	maxKnownBytes = 16 << 20
)

// notInherited are the fields a child never takes from its parent: the
// parent's own identity, links and texts, and bookkeeping. (BibTeX
// itself would take them all.)
var notInherited = map[string]bool{
	"abstract": true, "keywords": true, "keyword": true, "file": true, "note": true, "annote": true,
	"annotation": true, "doi": true, "url": true, "urldate": true, "eprint": true, "eprinttype": true,
	"eprintclass": true, "archiveprefix": true, "primaryclass": true, "pmid": true, "pmcid": true, "ids": true,
	"crossref": true, "xref": true, "xdata": true, "entryset": true, "label": true, "shorthand": true,
	"sortkey": true, "sortname": true, "presort": true, "options": true, "related": true, "relatedtype": true,
	"relatedstring": true, "relatedoptions": true, "groups": true, "owner": true, "timestamp": true,
	"date-added": true, "date-modified": true, "pages": true, "chapter": true, "key": true, "execute": true,
	"shorttitle": true, "sorttitle": true, "indextitle": true, "indexsorttitle": true, "entrysubtype": true,
	"mendeley-tags": true, "bdsk-url-1": true, "bdsk-url-2": true, "bdsk-file-1": true, "unique-id": true,
	"eid": true, "art_number": true, "articleno": true,
}

// notFromXData are the fields an @xdata entry does not pass on: those
// that link it to other entries. It passes on every other field as it is,
// notes and links too, for that is what an @xdata entry is for.
var notFromXData = map[string]bool{"ids": true, "xdata": true, "crossref": true, "xref": true}

// inheritable reports whether a child may take the field name of the
// entry p.
func inheritable(p *Entry, name string) bool {
	if p.Type == "xdata" {
		return !notFromXData[name]
	}
	return !notInherited[name]
}

// parent is what a later entry may inherit from an earlier one: its type
// and its inheritable fields, copied so that they do not keep the whole
// entry's text alive, and the memory they hold.
type parent struct {
	*Entry
	size int
}

func newParent(e *Entry) parent {
	p := &Entry{Type: e.Type, Key: e.Key, Line: e.Line}
	size := 128
	for _, f := range e.Fields {
		if !inheritable(e, f.Name) {
			continue
		}
		f.Value = strings.Clone(f.Value)
		p.Fields = append(p.Fields, f)
		size += len(f.Name) + len(f.Value) + 64
	}
	return parent{Entry: p, size: size}
}

// remembered reports whether an entry is kept for children that may come
// after it: containers and @xdata entries are.
func remembered(e *Entry) bool {
	return containers[e.Type] || e.Type == "xdata"
}

// refs returns the keys of the entries this one inherits from: crossref
// and biblatex's xdata (a list). biblatex's xref is not one of them: it
// only links a part to the work it belongs to, and passes no field on
// (the linked work's editor, date or publisher need not be the part's).
func refs(e *Entry) []string {
	var out []string
	add := func(k string) {
		k = strings.ToLower(strings.TrimSpace(Verbatim(k)))
		if k == "" || k == strings.ToLower(e.Key) {
			return
		}
		for _, x := range out {
			if x == k {
				return
			}
		}
		out = append(out, k)
	}
	if v := e.Get("crossref"); v != "" {
		add(v)
	}
	if v := e.Get("xdata"); v != "" {
		for _, k := range strings.Split(v, ",") {
			add(k)
		}
	}
	return out
}

// inherit fills the fields the child lacks from its parent, the way
// biblatex does: the title of the parent of a part (@inbook,
// @incollection, @inproceedings, ...) becomes its booktitle (subtitle and
// titleaddon likewise), the title of a periodical the journaltitle of an
// article in it, the title of a multi-volume work the maintitle of a
// volume, the author of a book the bookauthor of a part that has its own
// authors, and every other field is taken as it is, except those in
// notInherited. An @xdata entry passes on all its fields as they are (see
// notFromXData), as biblatex has it.
func inherit(child *Entry, p *Entry) {
	childPart := parts[child.Type]
	childArticle := child.Type == "article" || child.Type == "suppperiodical"
	parentPeriodical := p.Type == "periodical" || p.Type == "journal"
	parentMulti := strings.HasPrefix(p.Type, "mv")
	for _, f := range p.Fields {
		name := f.Name
		if !inheritable(p, name) {
			continue
		}
		switch {
		case p.Type == "xdata":
			// taken as it is, under its own name
		case name == "title" || name == "subtitle" || name == "titleaddon":
			prefix := ""
			switch {
			case childArticle && parentPeriodical:
				prefix = "journal"
			case childPart:
				prefix = "book"
			case parentMulti:
				prefix = "main"
			}
			if prefix != "" {
				if name == "title" && prefix == "journal" {
					name = "journaltitle"
				} else {
					name = prefix + name
				}
			}
		case name == "author":
			if childPart && child.Has("author") {
				name = "bookauthor"
			}
		}
		if child.Has(name) {
			continue
		}
		child.Fields = append(child.Fields, Field{Name: name, Value: f.Value, Line: child.Line, flags: f.flags})
		child.index()
	}
}

// keySet is a Bloom filter of the citation keys read so far, so that a
// child whose parent came before it (and was not kept) is not held to
// wait for it. It takes 1 MiB; with 50 000 keys one key in about 7 000
// that was never read is taken for one that was, and its child is then
// not held for a parent that comes later.
type keySet struct {
	bits []uint64
}

const keySetBits = 1 << 23

// positions returns the two bits of a key: the halves of its 64-bit
// FNV-1a hash.
func (s *keySet) positions(key string) (uint32, uint32) {
	v := uint64(14695981039346656037)
	for i := 0; i < len(key); i++ {
		v ^= uint64(key[i])
		v *= 1099511628211
	}
	return uint32(v) & (keySetBits - 1), uint32(v>>32) & (keySetBits - 1)
}

func (s *keySet) add(key string) {
	if s.bits == nil {
		s.bits = make([]uint64, keySetBits/64)
	}
	a, b := s.positions(key)
	s.bits[a/64] |= 1 << (a % 64)
	s.bits[b/64] |= 1 << (b % 64)
}

func (s *keySet) has(key string) bool {
	if s.bits == nil {
		return false
	}
	a, b := s.positions(key)
	return s.bits[a/64]&(1<<(a%64)) != 0 && s.bits[b/64]&(1<<(b%64)) != 0
}
