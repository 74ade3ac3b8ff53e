package endnotexml

// FieldName names one field of an EndNote reference. The names are
// EndNote's own, shared by its XML export (where they are element names)
// and its tagged export (where they are "%X" tags); see Map for what each
// becomes in a bib.Record.
type FieldName uint8

// The fields of an EndNote reference. The comment gives the XML element
// (with its parent where the name alone is ambiguous) and the tag of the
// tagged format.
const (
	Other                  FieldName = iota // any other element or tag, kept for identifiers written where they do not belong
	RefType                                 // <ref-type name="...">, %0: the reference type's name
	RefTypeNumber                           // <ref-type>17</ref-type>: EndNote's number for the type
	RecNumber                               // <rec-number>: the record's number in its library
	Author                                  // <authors><author>, %A
	SecondaryAuthor                         // <secondary-authors><author>, %E: editors
	TertiaryAuthor                          // <tertiary-authors><author>, %Y: series editors
	SubsidiaryAuthor                        // <subsidiary-authors><author>, %?: translators
	TranslatedAuthor                        // <translated-authors><author>, %H: the authors' names transliterated
	AuthAddress                             // <auth-address>, <auth-affiliaton>, %+
	Title                                   // <titles><title>, %T
	SecondaryTitle                          // <titles><secondary-title>, %B: journal, book, conference or series
	TertiaryTitle                           // <titles><tertiary-title>, %S: series
	AltTitle                                // <titles><alt-title>, %O: the alternate journal (an abbreviation) for articles
	ShortTitle                              // <titles><short-title>, %!
	TranslatedTitle                         // <titles><translated-title>, %Q
	Periodical                              // <periodical><full-title>, %J: the journal
	PeriodicalAbbr                          // <periodical><abbr-1> (abbr-2, abbr-3)
	AltPeriodical                           // <alt-periodical><full-title>
	AltPeriodicalAbbr                       // <alt-periodical><abbr-1> (abbr-2, abbr-3)
	Pages                                   // <pages>, %P
	Volume                                  // <volume>, %V
	Number                                  // <number>, %N: the issue of an article, the number of a report
	Issue                                   // <issue>: the issue, as Mendeley and Zotero write it
	Edition                                 // <edition>, %7: the edition, or the epub date of an article
	Section                                 // <section>, %&: the section, or the start page of an article
	Keyword                                 // <keywords><keyword>, %K
	Year                                    // <dates><year>, %D
	PubDate                                 // <dates><pub-dates><date>, %8
	Publisher                               // <publisher>, %I
	PubLocation                             // <pub-location>, %C
	ISBN                                    // <isbn>, %@: ISBNs, ISSNs, report and patent numbers
	AccessionNum                            // <accession-num>, %M
	ElectronicResourceNum                   // <electronic-resource-num>, %R: the DOI
	URL                                     // <urls><related-urls|web-urls|text-urls><url>, %U
	PDFURL                                  // <urls><pdf-urls><url>, %>
	Abstract                                // <abstract>, %X
	Notes                                   // <notes>, %Z
	ResearchNotes                           // <research-notes>, %<
	Language                                // <language>, %G
	WorkType                                // <work-type>, %9: the type of work or article
	Custom1                                 // <custom1>, %1
	Custom2                                 // <custom2>, %2: the PMCID of a journal article
	Custom3                                 // <custom3>, %3
	Custom4                                 // <custom4>, %4
	Custom5                                 // <custom5>, %#
	Custom6                                 // <custom6>, %$: the NIHMS id of a journal article
	Custom7                                 // <custom7>, %]: the article number of a journal article
	Label                                   // <label>, %F
	CallNum                                 // <call-num>, %L
	RemoteDatabaseName                      // <remote-database-name>, %~
	RemoteDatabaseProvider                  // <remote-database-provider>, %W
	OrigPub                                 // <orig-pub>, %(: the original publication (title)
	AccessDate                              // <access-date>, %[: when a web page was read, never the publication date
	ModifiedDate                            // <modified-date>, %=
	numFieldNames
)

var fieldNames = [numFieldNames]string{
	"other", "ref-type", "ref-type-number", "rec-number", "author", "secondary-author", "tertiary-author",
	"subsidiary-author", "translated-author", "auth-address", "title", "secondary-title", "tertiary-title",
	"alt-title", "short-title", "translated-title", "full-title", "abbr-1", "alt-full-title", "alt-abbr-1",
	"pages", "volume", "number", "issue", "edition", "section", "keyword", "year", "pub-date", "publisher",
	"pub-location", "isbn", "accession-num", "electronic-resource-num", "url", "pdf-url", "abstract", "notes",
	"research-notes", "language", "work-type", "custom1", "custom2", "custom3", "custom4", "custom5", "custom6",
	"custom7", "label", "call-num", "remote-database-name", "remote-database-provider", "orig-pub",
	"access-date", "modified-date",
}

// String returns the EndNote XML name of the field.
func (n FieldName) String() string {
	if n < numFieldNames {
		return fieldNames[n]
	}
	return "other"
}

// Field is one value of an EndNote reference. Line breaks that belong to
// the value (EndNote separates several addresses or ISSNs in one field with
// them) are "\n"; anything else is as written, not yet cleaned.
type Field struct {
	Name  FieldName
	Value string
}
