// Package csvtable reads bibliographic tables (Scopus CSV exports, bibdb's
// own CSV, and the CSVs of Web of Science, Lens, OpenAlex, Zotero, IEEE
// Xplore, Embase, PubMed, the Cochrane Library, EBSCOhost and SpringerLink
// where their headers allow) and writes bibdb's CSV: one row per work, for
// spreadsheets.
//
// # What the reader accepts
//
// A table is a header row naming the columns, then one row per record. The
// separator is ",", ";" or a tab, whichever the header uses most (outside
// quotes). Cells follow RFC 4180 as encoding/csv reads it with LazyQuotes:
// quoted cells may hold separators, doubled quotes and line breaks (Scopus
// abstracts span lines), and a stray quote inside a cell is kept as text.
// Lines may end in LF, CRLF or a bare CR (old Mac spreadsheets). A UTF-8
// byte-order mark is ignored. Blank lines and rows with every cell empty are
// skipped; a second copy of the header further down (two exports joined with
// cat) starts a new table with its own columns.
//
// Columns are found by header name, ignoring case, spaces and punctuation
// ("Source title", "source_title" and "SOURCE TITLE" are one column), with
// the names different exports use for the same thing ("Title", "Document
// Title", "Article Title", "Item Title"; "Source title", "Journal",
// "Publication Title", ...). Columns that are not recognised are skipped (the
// row's text is kept in Record.Raw); a missing column is simply empty. A
// table without any title column is refused: the first Read returns a
// *bib.ParseError at line 1 that names the column it looked for, and the next
// returns io.EOF.
//
// Cells "NA", "N/A" and "#N/A" (R and spreadsheet exports) and Scopus's
// "[No abstract available]"-style placeholders are empty, and a cell
// written as Excel's formula for text, '="19326203"' (EBSCO), is its text
// (except in bibdb's own table, whose cells are taken as written). Markup in titles,
// abstracts and keywords (Scopus "<inf>", "<sup>") is removed and HTML
// entities are decoded.
//
// Scopus columns, all three header generations (2015–2019 with 41 columns,
// 2020–2022 with "Author(s) ID", 2023 on with "Author full names"):
//
//	Authors                       authors: "Liu F.; Li C." (new) or "Yagai T., Kimura Y." (old);
//	                              names run together ("Fischer M.M.Nijkamp P.") are split
//	Author full names             "Liu, Fengyuan (60410297700); ..." with the Scopus ids removed:
//	                              preferred over Authors when both list the same number of people
//	Author(s) ID                  checked against the number of authors (bib.Person has no slot for it)
//	Authors with affiliations     per-author affiliations: "Liu F., Dept..., China; Li C., ..." (new) or
//	                              "Yagai, T., Sophia University, ..." (old); an author's several
//	                              affiliations are told apart with the Affiliations column
//	Affiliations                  record-level affiliations, ";"-separated
//	Title                         title; "English title; [Original title]" is split when the
//	                              document's language is not only English
//	Year, Source title, Abbreviated Source Title, Volume, Issue
//	Art. No.                      article number (leading space removed)
//	Page start, Page end          first and last page (Page count is not kept)
//	DOI, PubMed ID, ISSN, ISBN    identifiers; ISSN "20552076" becomes 2055-2076; several ISBNs kept
//	EID                           Scopus id: bib.EID identifier and Record.SourceID
//	CODEN                         identifier with scheme "coden"
//	Link                          URL
//	Abstract                      abstract
//	Author Keywords               keywords, vocabulary bib.VocabAuthor
//	Index Keywords                keywords, vocabulary bib.VocabIndex
//	Document Type                 type (Article, Review → article-journal; Conference Paper →
//	                              paper-conference; Book Chapter → chapter; Book → book) and
//	                              Record.PublicationTypes; Publication Stage other than "Final"
//	                              is added to the publication types
//	Language of Original Document language
//	Publisher, Editors            publisher; editors
//	Correspondence Address        a note "Correspondence address: ..."
//	Conference name/date/location a note "Conference: ..."
//	Source                        the database (Record.Database), "Scopus"
//
// Other tables map the same way through their own column names: Web of
// Science ("Article Title", "Author Full Names", "Addresses" with each
// address after the authors it belongs to in brackets, "UT (Unique WOS
// ID)", "Keywords Plus", "eISSN"), Zotero ("Key", "Item Type", "Publication
// Title", "Abstract Note", "Manual Tags" with MeSH headings told from free
// keywords, "Extra" with "PMID: ..." lines), Lens ("Lens ID", "Author/s",
// "Start Page"), OpenAlex ("display_name", "authorships.author.display_name"
// with "|"-separated lists, "primary_location.source.issn_l"), IEEE Xplore
// ("Document Title", "Author Affiliations" aligned with the authors, "IEEE
// Terms"), Embase ("Author Names", "Emtree ... Index Terms", and "Source"
// written as a citation, "Journal (2014) 3:3 (152-160)", which is parsed)
// PubMed ("PMID", "Journal/Book", "Create Date" ignored), Covidence
// ("Published Year" and "Published Month", "Covidence #" the id) and Rayyan
// ("year", "month" and "day" apart). Where a list cell uses no ";" the
// reader splits on "|" or "," and pairs "Family, Given" halves back
// together; names joined by " and ", each "Family, Given" (Rayyan's
// "Yang, Z. and Jiang, B."), are split there.
//
// Some exports are recognised by their header, where a column means
// something else than elsewhere or a cell needs reading of its own:
//
//   - Cochrane Library ("CENTRAL ID" or "Cochrane Review ID", or "Cochrane
//     Review Group Code"): "Source" is the journal, "Database Name" the
//     database ("Cochrane Library" when there is none); "PubMed ID"
//     ("PUBMED 21314913") gives the PMID, "Embase ID" ("EMBASE 643589775")
//     an identifier with scheme "embase"; the id is Record.SourceID;
//     Keywords marked as MeSH headings ("*Literacy", "Conduct Disorder
//     [*prevention & control, psychology]") are read as MeSH, the others
//     are author keywords; a list of reviews, which has no type column, is
//     of journal articles.
//   - OpenAlex ("authorships.author.display_name", "ids.openalex" or
//     "primary_location.source.display_name"): the database is "OpenAlex";
//     "biblio.volume", "biblio.issue", "biblio.first_page" and
//     "biblio.last_page"; "primary_location.source.host_organization_name"
//     is the publisher, "primary_location.source.issn" more ISSNs,
//     "primary_location.landing_page_url" a URL, "keywords.display_name"
//     index keywords ("|"-separated), "ids.doi" and "ids.pmid" the DOI and
//     PMID, "authorships.raw_author_name" the authors when display names
//     are missing.
//   - EBSCOhost ("PLink", the permalink, kept as a URL): "Doctype" is the
//     type of work (Article → article-journal); "Subjects" are index
//     keywords and "Keywords" author keywords, both separated by ";" only;
//     the database is the "db" parameter of the permalink, EBSCO's short
//     name ("aph", "rzh", "psyh"), as its RIS writes it in DB;
//     "Publication Date" is read as month/day/year ("4/3/2024") or
//     "Jun2023"; the last page is the first plus "Page Count", less one;
//     the copyright notice EBSCO appends to the abstract ("Copyright of ...
//     is the property of ...") is dropped.
//   - SpringerLink ("Item Title", "Item DOI" and "Content Type"): the
//     database is "SpringerLink"; the Authors cell runs the names together
//     ("Sonia RoyoAna Yetano"), and they are split where a lower-case
//     letter meets a capital that starts a word, when the name before it
//     has two words and its last word ends in two lower-case letters (or is
//     a family name of two letters such as Li or Xu) and is not a prefix of
//     a family name with a capital inside (Mac, Van, Von, Fitz: MacArthur
//     stays whole, as do McDonald, DeWitt, LeBlanc, DiCaprio and O'Neil).
//     That is a guess, and the record says so in a warning.
//
// A row that cannot be used is returned as a *bib.ParseError naming its
// line, and the next Read goes on with the next row: a row with more cells
// than the header has columns (a quote out of place shifts every cell after
// it), a row with binary data in it (a NUL, or more than four other control
// characters), and a last row that the end of the file cuts inside a quoted
// cell. A row with fewer cells than the header, or with a stray control
// character, is read, with a warning. Each record gets Format "csv", Position (its 1-based order
// among the rows, counting bad rows), Line (the line the row starts on),
// Raw (the row's text as it stood in the file) and SourceID (the EID, or the
// table's id column: "id", "Key", "Lens ID", "UT").
//
// # What the writer writes
//
// Writer writes bibdb's table: a header row, then one row per record, with
// these columns in this order. Lists inside a cell are separated by "; "
// unless said otherwise; the reader reads every column back to the same
// record.
//
//	id                 the record's own id (Record.SourceID)
//	type               CSL type: article-journal, book, chapter, paper-conference, ...
//	title, short_title, translated_title, original_title
//	authors            "Family, Given; Family, Given"; a group name that would not read back
//	                   as one is written in braces: "{Pfizer, Inc.}"
//	author_affiliations one line per author and affiliation: "Byng, Richard: University of Plymouth"
//	author_orcids      one line per author with an ORCID: "Byng, Richard: 0000-0001-2345-6789"
//	editors, translators as authors
//	affiliations       affiliations not tied to an author, one per line
//	year, date         the year; the date as "2023-06-01", "2023-06" or "2023 Spring" when
//	                   more than the year is known (or the date as written when no year is)
//	date_as_written    the date as the source wrote it, when that says more ("2000 Dec 23-30")
//	journal, journal_abbrev, series, series_number, volume, issue
//	first_page, last_page, article_number, number_of_pages, edition, version
//	publisher, place, event_place
//	accessed           the date a web page was seen, as the date column writes a date
//	doi, pmid, pmcid, isbn
//	issn               with kinds: "0007-1250 (Print); 1472-1465 (Electronic)"
//	other_identifiers  "scheme:value": "eid:2-s2.0-85094136345; wos:000123456700001"
//	abstract
//	author_keywords    author keywords
//	mesh_headings      MeSH as MEDLINE writes it: "*Humans", "Neoplasms/*therapy"; a
//	                   descriptor id follows in brackets: "Neoplasms [D009369]"
//	index_keywords     indexer terms (Scopus Index Keywords, Emtree)
//	keywords_plus      Web of Science Keywords Plus
//	other_keywords     terms of other vocabularies, and terms with a qualifier, a major mark
//	                   or an id: "emtree: term {major} {qualifier: ...} {ui: ...}"
//	publication_types, language
//	url                every URL
//	database           the database the record came from
//	notes              one note per line
//
// No byte-order mark is written unless Writer.BOM is set (spreadsheets that
// need one to see UTF-8 are told that way); lines end in LF, or CRLF when
// Writer.CRLF is set.
package csvtable
