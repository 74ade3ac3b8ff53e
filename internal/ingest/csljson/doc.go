// Package csljson reads and writes CSL-JSON, the citation data format of
// the Citation Style Language (CSL 1.0.2 csl-data.json schema), used by
// Zotero, Pandoc, citation.js and Better BibTeX.
//
// # What the reader accepts
//
// The input is an array of items, or a single item object, or items one
// after another (one per line, as JSON Lines, or several arrays one after
// the other). A UTF-8 byte-order mark is ignored. An object that wraps its
// items is opened: Crossref's {"message": item} and {"message": {"items":
// [...]}}, and {"items": [...]} or {"references": [...]}. Items are decoded
// one at a time; the reader holds one item in memory, never the whole
// array. A decoder of its own reads the plain JSON items are made of; any
// item it does not take exactly as encoding/json would (a broken one, a
// value of an unexpected type, a key given twice) is read by
// encoding/json's Decoder instead, which also says what is wrong with a
// broken item.
//
// An item is mapped onto a bib.Record:
//
//	id                                      Record.SourceID (a number is taken as text)
//	type                                    the CSL type, kept; the types of Crossref and others
//	                                        are mapped (journal-article → article-journal,
//	                                        book-chapter → chapter, video → motion_picture, ...);
//	                                        an unknown type is "article", with a warning
//	title, title-short (shortTitle), original-title   titles; Crossref's subtitle is appended
//	author, editor                          names: family with its particles (non-dropping and
//	                                        dropping), given, suffix; literal, and the "name" some
//	                                        tools write, for groups (Crossref's organisations; a
//	                                        "name" with a comma is parsed as "Family, Given"; a name
//	                                        with a family name keeps its parts even when a literal
//	                                        comes with them); a name written as a plain string is
//	                                        parsed; Crossref's ORCID and affiliation kept.
//	                                        Without authors, the director of a film is its author.
//	issued                                  date-parts with numbers or strings; months 13–16 and
//	                                        21–24 are seasons; a second part (a range) is kept in
//	                                        Date.Raw ("2014-12-31/2015-01-01"); season (1–4 or a
//	                                        name); raw and literal (parsed, literal kept in Raw);
//	                                        the old {"year": ...} form; a bare string or an "edtf"
//	                                        key read as EDTF ("2019-05-04", "2003-21", "1999~", ranges
//	                                        "2000-01-01/2010-10-10" and "../2004" kept in Raw). A year
//	                                        before the common era is kept only in Raw. Crossref's
//	                                        published-print or published-online stand in for a
//	                                        missing issued; accessed is never the publication date
//	container-title                         container (a string, or the first of an array);
//	                                        without it, event-title (Zotero's "event"), the
//	                                        conference a talk or paper was given at
//	container-title-short, journalAbbreviation, short-container-title   journal abbreviation
//	collection-title, volume, issue, edition, publisher, publisher-place
//	page                                    first and last page, split at a hyphen or any dash,
//	                                        an abbreviated last page expanded ("466-75" → 475)
//	number, article-number                  article number
//	DOI (or doi), PMID, PMCID, ISBN         identifiers: keys in any case; several DOIs or ISBNs
//	                                        in one string are all kept
//	ISSN                                    every ISSN in the string (or array); Crossref's
//	                                        issn-type gives their kinds
//	URL, abstract, language, genre (a publication type), source (the database)
//	keyword (or keywords)                   keywords: one string split on ";", or on "," when it
//	                                        has no ";"; an array is one keyword per element
//	categories                              keywords, one per element (DataCite's subjects)
//	note                                    identifiers written with the "cheater syntax" of
//	                                        Zotero and Better BibTeX ("PMID: 123", "DOI: 10...",
//	                                        "PMCID:", "ISSN:", "ISBN:", "arXiv:", one per line, in
//	                                        "{:PMID: 123}" braces, or run together on one line) are
//	                                        taken; the rest of the note is a note
//	custom                                  bibdb's extension object (see Custom): affiliations,
//	                                        per-author affiliations and ORCIDs, every identifier,
//	                                        ISSN kinds, keyword vocabularies, publication types,
//	                                        URLs, notes, season and date as written, pages; where
//	                                        it is present its lists replace what is derived from
//	                                        the CSL variables, so that what bibdb writes it reads
//	                                        back whole
//
// HTML-like markup in titles and abstracts ("<i>", "<sup>", "<span
// class=\"nocase\">", Crossref's "<jats:p>" and "<ext-link ...>") is
// removed, every tag alike, keeping its text, and entities are decoded;
// text is markup when it holds one of the common tags or an element closed
// as XML closes one ("</ext-link>", "<xref .../>"), so a "<" in "p <0.05"
// or a lone "<angle>" is text.
//
// A variable of a JSON type it cannot take is left out (with a warning on
// the record for the variables of a fixed shape, such as the lists of
// custom); names and dates written as strings are read all the same, and
// numbers where text belongs are text. An item that holds none of the
// variables a record is made of (no title, name, date, container, volume,
// issue, pages, publisher, abstract, identifier, link, keyword or note:
// only an id and a type, say) is read all the same, so that no item goes
// missing, with a warning that says so. An item that is not an object, or
// whose JSON is broken, is returned as a *bib.ParseError naming its line
// (and column); the next Read goes on with the next item, found where the broken
// one's braces balance or, in an array written one item per line or
// indented, at the next line that begins an item. An item that is whole but
// not separated from the one before by a comma is read, with a warning, and
// a comma after the last item of the array is a warning, not an item. A
// file that begins with an object that is neither a CSL item (it has none
// of the variables, not even a type or an id) nor one of the wrappers above
// (pandoc's JSON document, another program's data) is no CSL-JSON: Read
// returns one *bib.ParseError saying so, and then io.EOF. Each record gets
// Format "csl-json", Position (its 1-based order among the items, counting
// bad ones), Line (where the item begins) and Raw (the item's JSON text).
//
// # What the writer writes
//
// Writer writes one CSL-JSON array, an item per record (see FromRecord).
// What CSL has no variable for goes in the item's "custom" object.
package csljson
