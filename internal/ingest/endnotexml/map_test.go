package endnotexml

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
)

func ids(r *bib.Record) string {
	var out []string
	for _, id := range r.Identifiers {
		out = append(out, id.Scheme+":"+id.Value)
	}
	return strings.Join(out, " ")
}

func names(ps []bib.Person) string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return strings.Join(out, "; ")
}

// f makes fields from name, value pairs.
func f(pairs ...any) []Field {
	var out []Field
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, Field{Name: pairs[i].(FieldName), Value: pairs[i+1].(string)})
	}
	return out
}

func TestMap(t *testing.T) {
	tests := []struct {
		name   string
		fields []Field
		get    func(*bib.Record) string
		want   string
	}{
		{"PMID from PubMed by provider",
			f(RefType, "Journal Article", AccessionNum, "37078520", RemoteDatabaseProvider, "NLM"),
			ids, "pmid:37078520"},
		{"PMID from Mendeley, no database named",
			f(RefType, "Journal Article", AccessionNum, "516334"),
			ids, "pmid:516334"},
		{"the record's own number is no PMID",
			f(RefType, "Journal Article", RecNumber, "17", AccessionNum, "17"),
			func(r *bib.Record) string { return ids(r) + "|" + r.SourceID }, "|17"},
		{"nine digits from no database is no PMID",
			f(RefType, "Journal Article", AccessionNum, "123456789"),
			func(r *bib.Record) string { return ids(r) + "|" + r.SourceID }, "|123456789"},
		{"Embase accession number",
			f(RefType, "Journal Article", AccessionNum, "L2019123456", RemoteDatabaseName, "Embase"),
			ids, "embase:L2019123456"},
		{"Web of Science accession number",
			f(AccessionNum, "ISI:000200148800007"),
			ids, "wos:WOS:000200148800007"},
		{"MEDLINE-prefixed PMID",
			f(AccessionNum, "MEDLINE:30123456"),
			ids, "pmid:30123456"},
		{"DOI from a link when there is no DOI field",
			f(URL, "https://doi.org/10.1000/ABC.1", URL, "http://www.ncbi.nlm.nih.gov/pubmed/25647015"),
			ids, "doi:10.1000/abc.1 pmid:25647015"},
		{"several DOIs",
			f(ElectronicResourceNum, "10.1000/a1\n10.1000/b2"),
			ids, "doi:10.1000/a1 doi:10.1000/b2"},
		{"article number in the DOI field",
			f(RefType, "Journal Article", ElectronicResourceNum, "ARTN e0815"),
			func(r *bib.Record) string { return r.ArticleNumber }, "e0815"},
		{"proceedings and their editors as bibutils writes them (%S, %Y)",
			f(RefType, "Conference Proceedings", Title, "A paper", Author, "Okafor, Adaeze", TertiaryAuthor, "Byng, Richard", TertiaryAuthor, "Lund, Kari",
				TertiaryTitle, "Proceedings of the Tenth Workshop"),
			func(r *bib.Record) string { return r.Container + "|" + r.Series + "|" + names(r.Editors) },
			"Proceedings of the Tenth Workshop||Byng, Richard; Lund, Kari"},
		{"a conference paper's series beside its conference, and series editors beside editors",
			f(RefType, "Conference Paper", SecondaryTitle, "Tenth Workshop", TertiaryTitle, "Lecture Notes", SecondaryAuthor, "Lund, Kari", TertiaryAuthor, "Byng, Richard"),
			func(r *bib.Record) string { return r.Container + "|" + r.Series + "|" + names(r.Editors) },
			"Tenth Workshop|Lecture Notes|Lund, Kari"},
		{"editors kept when the series is the proceedings",
			f(RefType, "Conference Proceedings", TertiaryTitle, "Proceedings of the Tenth Workshop", SecondaryAuthor, "Lund, Kari", TertiaryAuthor, "Byng, Richard"),
			func(r *bib.Record) string { return r.Container + "|" + r.Series + "|" + names(r.Editors) },
			"Proceedings of the Tenth Workshop||Lund, Kari"},
		{"a DOI alone in the URL field is the DOI, no link",
			f(RefType, "Journal Article", URL, "10.21105/joss.01686"),
			func(r *bib.Record) string { return ids(r) + "|" + strings.Join(r.URLs, " ") }, "doi:10.21105/joss.01686|"},
		{"a link alone in auth-address is a link, no affiliation",
			f(RefType, "Generic", AuthAddress, "https://example.org/package=things", URL, "10.1000/abc"),
			func(r *bib.Record) string {
				return ids(r) + "|" + strings.Join(r.URLs, " ") + "|" + fmt.Sprint(r.Affiliations == nil)
			},
			"doi:10.1000/abc|https://example.org/package=things|true"},
		{"a DOI link in auth-address gives the DOI",
			f(RefType, "Journal Article", AuthAddress, "https://doi.org/10.1000/ABC-9"),
			func(r *bib.Record) string { return ids(r) + "|" + strings.Join(r.URLs, " ") }, "doi:10.1000/abc-9|https://doi.org/10.1000/ABC-9"},
		{"an address with a link in it stays an address",
			f(RefType, "Journal Article", AuthAddress, "Dept of Things, Univ A, UK. https://a.example.org"),
			func(r *bib.Record) string {
				return strings.Join(r.Affiliations, "; ") + "|" + strings.Join(r.URLs, " ")
			},
			"Dept of Things, Univ A, UK. https://a.example.org|"},
		{"a thesis's university in its journal field (CNKI)",
			f(RefType, "Thesis", Periodical, "南昌大学", WorkType, "博士"),
			func(r *bib.Record) string { return r.Container + "|" + r.Publisher }, "|南昌大学"},
		{"a thesis in Dissertation Abstracts keeps it as its journal",
			f(RefType, "Thesis", Periodical, "Dissertation Abstracts International", Publisher, "University of Leeds"),
			func(r *bib.Record) string { return r.Container + "|" + r.Publisher }, "Dissertation Abstracts International|University of Leeds"},
		{"PMCID in custom2 of an article",
			f(RefType, "Journal Article", Custom2, "6011367"),
			ids, "pmcid:PMC6011367"},
		{"custom2 of a book is no PMCID",
			f(RefType, "Book", Custom2, "6011367"),
			ids, ""},
		{"ISSNs with their kinds on one line",
			f(ISBN, "1532-1827 (Electronic) 0007-0920 (Linking)"),
			func(r *bib.Record) string { return fmt.Sprint(r.ISSNs) }, "[{1532-1827 electronic} {0007-0920 linking}]"},
		{"ISBN-10 and ISBN-13 of a book",
			f(RefType, "Book", ISBN, "0-19-920648-3; 978-1-4516-4853-9"),
			ids, "isbn:9780199206483 isbn:9781451648539"},
		{"report number in the ISBN field",
			f(RefType, "Report", ISBN, "NG222"),
			func(r *bib.Record) string { return r.ArticleNumber }, "NG222"},
		{"corporate author with a trailing comma",
			f(Author, "Cochrane Collaboration,", Author, "Smith, J"),
			func(r *bib.Record) string {
				a := r.Authors
				return a[0].Literal + "|" + a[0].Family + "|" + a[1].Family + "|" + a[1].Given
			}, "Cochrane Collaboration||Smith|J"},
		{"a standard written as its author, without a comma",
			f(RefType, "Standard", Author, "ISO 17281:2002 ", Author, "3M Company"),
			func(r *bib.Record) string {
				a := r.Authors
				return a[0].Literal + "|" + a[0].Family + "|" + a[1].Literal
			}, "ISO 17281:2002||3M Company"},
		{"a person's name without a comma is still parsed",
			f(Author, "Mack Roach III"),
			func(r *bib.Record) string { return r.Authors[0].Family + "|" + r.Authors[0].Given }, "Roach|Mack"},
		{"several names in one value",
			f(Author, "Smith, J; Jones, K\nBrown, L"),
			func(r *bib.Record) string { return names(r.Authors) }, "Smith, J; Jones, K; Brown, L"},
		{"edited book: the authors are the editors",
			f(RefType, "Edited Book", Author, "Hall, P", SecondaryAuthor, "Series, E"),
			func(r *bib.Record) string { return names(r.Authors) + "|" + names(r.Editors) }, "|Hall, P"},
		{"book section: secondary authors are editors, tertiary are not",
			f(RefType, "Book Section", Author, "Lee, M", SecondaryAuthor, "Hall, P", TertiaryAuthor, "Series, E"),
			func(r *bib.Record) string { return names(r.Authors) + "|" + names(r.Editors) }, "Lee, M|Hall, P"},
		{"book: secondary title is the series, pages a count",
			f(RefType, "Book", Title, "T", SecondaryTitle, "Lecture Notes", Pages, "327 p.", Number, "12"),
			func(r *bib.Record) string { return r.Container + "|" + r.Series + "|" + r.Pages() + "|" + r.Issue }, "|Lecture Notes||"},
		{"book section: secondary title is the book",
			f(RefType, "Book Section", SecondaryTitle, "Handbook", TertiaryTitle, "Series", Pages, "184-213"),
			func(r *bib.Record) string { return r.Container + "|" + r.Series + "|" + r.Pages() }, "Handbook|Series|184-213"},
		{"journal: full title over secondary title, abbreviation",
			f(RefType, "Journal Article", SecondaryTitle, "Br J Cancer", Periodical, "British Journal of Cancer", PeriodicalAbbr, "Br J Cancer"),
			func(r *bib.Record) string { return r.Container + "|" + r.ContainerAbbrev }, "British Journal of Cancer|Br J Cancer"},
		{"journal: alternate journal is the abbreviation",
			f(RefType, "Journal Article", SecondaryTitle, "The Lancet", AltTitle, "Lancet"),
			func(r *bib.Record) string { return r.Container + "|" + r.ContainerAbbrev }, "The Lancet|Lancet"},
		{"journal: number is the issue, start page, article number",
			f(RefType, "Journal Article", Number, "6", Section, "e12", Custom7, "e12"),
			func(r *bib.Record) string { return r.Issue + "|" + r.FirstPage + "|" + r.ArticleNumber }, "6|e12|e12"},
		{"journal: epub date when there is no year, never the access date",
			f(RefType, "Journal Article", Edition, "2023/04/19", AccessDate, "2024/01/05"),
			func(r *bib.Record) string { return r.Date.String() + "|" + r.Edition }, "2023-04-19|"},
		{"web page: the access date is when it was read",
			f(RefType, "Web Page", Year, "2019", AccessDate, "2024/01/05"),
			func(r *bib.Record) string { return r.Date.String() + "|" + r.Accessed.String() }, "2019|2024-01-05"},
		{"access date of no known form: none",
			f(RefType, "Web Page", AccessDate, "last week"),
			func(r *bib.Record) string { return r.Accessed.String() }, ""},
		{"thesis: the volume field holds the degree",
			f(RefType, "Thesis", Volume, "PhD thesis", Publisher, "Univ", WorkType, "Doctoral dissertation"),
			func(r *bib.Record) string { return r.Volume + "|" + strings.Join(r.PublicationTypes, ";") }, "|Doctoral dissertation;PhD thesis"},
		{"thesis: the degree given twice is one type of work",
			f(RefType, "Thesis", Volume, "Master's thesis", WorkType, "master's thesis"),
			func(r *bib.Record) string { return r.Volume + "|" + strings.Join(r.PublicationTypes, ";") }, "|master's thesis"},
		{"thesis: a number in the volume field stays the volume",
			f(RefType, "Thesis", Volume, "12"),
			func(r *bib.Record) string { return r.Volume + "|" + strings.Join(r.PublicationTypes, ";") }, "12|"},
		{"journal: a volume is a volume whatever it says",
			f(RefType, "Journal Article", Volume, "Thesis issue"),
			func(r *bib.Record) string { return r.Volume }, "Thesis issue"},
		{"newspaper: edition kept",
			f(RefType, "Newspaper Article", Edition, "Late edition", Year, "2012", PubDate, "March 4"),
			func(r *bib.Record) string { return r.Date.String() + "|" + r.Edition }, "2012-03-04|Late edition"},
		{"publication date of another year does not change the year",
			f(Year, "2015", PubDate, "2014/12/01"),
			func(r *bib.Record) string { return r.Date.String() }, "2015"},
		{"year from the publication date",
			f(PubDate, "2016 Jan 15"),
			func(r *bib.Record) string { return r.Date.String() }, "2016-01-15"},
		{"type by number when the name is not EndNote's",
			f(RefType, "Buchabschnitt", RefTypeNumber, "5"),
			func(r *bib.Record) string { return r.Type + " " + fmt.Sprint(len(r.Warnings)) }, "chapter 0"},
		{"type by name when the number is another program's",
			f(RefType, "Report", RefTypeNumber, "10"),
			func(r *bib.Record) string { return r.Type }, "report"},
		{"type guessed: journal",
			f(SecondaryTitle, "MIS Quarterly", Volume, "45"),
			func(r *bib.Record) string { return r.Type }, "article-journal"},
		{"type guessed: chapter",
			f(SecondaryTitle, "A Handbook"),
			func(r *bib.Record) string { return r.Type }, "chapter"},
		{"type guessed: book",
			f(Publisher, "Oxford University Press"),
			func(r *bib.Record) string { return r.Type }, "book"},
		{"keywords split, MeSH told apart",
			f(Keyword, "Humans; *Neoplasms/therapy\nHIV/AIDS"),
			func(r *bib.Record) string { return fmt.Sprint(r.Keywords) }, "[{Humans author  false } {Neoplasms mesh therapy true } {HIV/AIDS author  false }]"},
		{"affiliations split, repeats dropped",
			f(AuthAddress, "Univ A, UK.\nand Univ A, UK\nUniv B; Univ C"),
			func(r *bib.Record) string { return strings.Join(r.Affiliations, " | ") }, "Univ A, UK | Univ B | Univ C"},
		{"links to local files are left out",
			f(PDFURL, "internal-pdf://123/a.pdf\nfile://localhost/a.pdf\nhttps://example.org/a.pdf"),
			func(r *bib.Record) string { return strings.Join(r.URLs, " ") }, "https://example.org/a.pdf"},
		{"markup in titles, entities escaped twice",
			f(Title, "<i>Homo sapiens</i> &amp; friends", SecondaryTitle, "Nature &amp; Science"),
			func(r *bib.Record) string { return r.Title + "|" + r.Container }, "Homo sapiens & friends|Nature & Science"},
		{"the record's own number is the PMID when a PubMed link names it",
			f(RefType, "Journal Article", RecNumber, "15023344", AccessionNum, "15023344",
				Other, "http://www.ncbi.nlm.nih.gov/entrez/query.fcgi?cmd=Retrieve&db=PubMed&list_uids=15023344"),
			func(r *bib.Record) string { return ids(r) + "|" + r.SourceID }, "pmid:15023344|15023344"},
		{"a PubMed link naming another number leaves the record's own number alone",
			f(RefType, "Journal Article", RecNumber, "15023344", AccessionNum, "15023344", Other, "https://pubmed.ncbi.nlm.nih.gov/150233440/"),
			ids, ""},
		{"an old Entrez link gives the PMID",
			f(URL, "http://www.ncbi.nlm.nih.gov/entrez/query.fcgi?cmd=Retrieve&db=pubmed&dopt=Abstract&list_uids=9876543"),
			ids, "pmid:9876543"},
		{"an Entrez link to another database gives none",
			f(URL, "http://www.ncbi.nlm.nih.gov/entrez/query.fcgi?cmd=Retrieve&db=nucleotide&list_uids=9876543"),
			ids, ""},
		{"ProQuest's document id, whichever of its databases are named",
			f(RefType, "Thesis", AccessionNum, "915500123", RemoteDatabaseName, "Dissertations & Theses @ Some University; ProQuest Dissertations & Theses Global"),
			ids, "proquest:915500123"},
		{"several databases: the first names the scheme",
			f(AccessionNum, "A123", RemoteDatabaseName, "Agricola; CAB Abstracts"),
			ids, "agricola:A123"},
		{"thesis: number is the document number, advisors left out, the page count no page range",
			f(RefType, "Thesis", Author, "Okafor, A", TertiaryAuthor, "Brandt, H", Number, "3489001", Pages, "230"),
			func(r *bib.Record) string {
				return names(r.Authors) + "|" + names(r.Editors) + "|" + r.ArticleNumber + "|" + r.Issue + "|" + r.Pages()
			}, "Okafor, A||3489001||"},
		{"escaped angle brackets in a title are text",
			f(Title, "<Sleep in the elderly.pdf>", SecondaryTitle, "<i>Sleep</i>"),
			func(r *bib.Record) string { return r.Title + "|" + r.Container }, "<Sleep in the elderly.pdf>|Sleep"},
		{"database and source id",
			f(RecNumber, "412", AccessionNum, "1", RemoteDatabaseName, "PubMed", RemoteDatabaseProvider, "NLM"),
			func(r *bib.Record) string { return r.Database + "|" + r.SourceID }, "PubMed|412"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.get(Map(tt.fields)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestCSLType(t *testing.T) {
	for name, want := range map[string]string{
		"Journal Article": "article-journal", "journal  article": "article-journal", "Book Section": "chapter",
		"Conference Proceedings": "paper-conference", "Film or Broadcast": "motion_picture", "Thesis": "thesis",
		"Unused 1": "",
	} {
		if got := CSLType(name); got != want {
			t.Errorf("CSLType(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestManyFields maps a record with more fields than the mapper keeps room
// for without allocating.
func TestManyFields(t *testing.T) {
	var fields []Field
	for i := 0; i < 300; i++ {
		fields = append(fields, Field{Name: Author, Value: fmt.Sprintf("Author%d, A", i)})
	}
	fields = append(fields, Field{Name: Title, Value: "Big team"})
	r := Map(fields)
	if len(r.Authors) != 300 || r.Title != "Big team" {
		t.Errorf("got %d authors, title %q", len(r.Authors), r.Title)
	}
}

func TestMapAtPosition(t *testing.T) {
	tests := []struct {
		name     string
		fields   []Field
		position int
		want     string
	}{
		{"the record's place in the file", f(RefType, "Journal Article", AccessionNum, "5"), 5, ""},
		{"another number", f(RefType, "Journal Article", AccessionNum, "5"), 6, "5"},
		{"from PubMed, whatever the place", f(RefType, "Journal Article", AccessionNum, "5", RemoteDatabaseName, "PubMed"), 5, "5"},
		{"place unknown", f(RefType, "Journal Article", AccessionNum, "5"), 0, "5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MapAt(tt.fields, tt.position).Identifier(bib.PMID); got != tt.want {
				t.Errorf("PMID %q, want %q", got, tt.want)
			}
		})
	}
}
