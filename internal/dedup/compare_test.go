package dedup

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/bibdb/bibdb/internal/bib"
)

// article is a record of a journal article to build test cases from.
func article() *bib.Record {
	r := &bib.Record{
		Type:            "article-journal",
		Title:           "Collaborative care for people with severe mental illness in primary care: a cluster randomised trial",
		Authors:         []bib.Person{{Family: "Byng", Given: "Richard"}, {Family: "Creanor", Given: "Siobhan"}, {Family: "Jones", Given: "Benjamin"}},
		Container:       "British Journal of Psychiatry",
		ContainerAbbrev: "Br J Psychiatry",
		Volume:          "222", Issue: "6", FirstPage: "246", LastPage: "256",
		Date: bib.Date{Year: 2023},
	}
	r.AddISSN("0007-1250", bib.ISSNPrint)
	return r
}

func with(change func(r *bib.Record)) *bib.Record {
	r := article()
	change(r)
	return r
}

// titledNoPages is the article with another title and no page range.
func titledNoPages(title string) *bib.Record {
	return with(func(r *bib.Record) {
		r.Title = title
		r.FirstPage, r.LastPage = "", ""
	})
}

// cochrane is a Cochrane review: no volume or pages, an article number.
func cochrane(title, number string) *bib.Record {
	return with(func(r *bib.Record) {
		r.Title = title
		r.Container, r.ContainerAbbrev, r.ISSNs = "Cochrane Database of Systematic Reviews", "", nil
		r.Volume, r.Issue, r.FirstPage, r.LastPage = "", "", number, ""
	})
}

// compareCases are pairs of records and the verdict the rules must give
// them; TestRulesVersion also keeps what the rules make of each.
var compareCases = []struct {
	name string
	a, b *bib.Record
	want Verdict
}{
	{"identical", article(), article(), Same},
	{"doi equal", with(func(r *bib.Record) { r.AddDOI("10.1192/bjp.2023.28") }),
		with(func(r *bib.Record) { r.AddDOI("https://doi.org/10.1192/BJP.2023.28"); r.Volume = ""; r.FirstPage = "" }), Same},
	{"pmid equal, title in capitals", with(func(r *bib.Record) { r.AddPMID("37078520") }),
		with(func(r *bib.Record) {
			r.AddPMID("37078520")
			r.Title = "COLLABORATIVE CARE FOR PEOPLE WITH SEVERE MENTAL ILLNESS IN PRIMARY CARE - A CLUSTER RANDOMISED TRIAL"
		}), Same},
	{"initials against given names, abbreviated journal and pages", article(),
		with(func(r *bib.Record) {
			r.Authors = []bib.Person{{Family: "Byng", Given: "R"}, {Family: "Creanor", Given: "S"}, {Family: "Jones", Given: "B"}}
			r.Container, r.ContainerAbbrev, r.ISSNs = "Br J Psychiatry", "", nil
			r.LastPage = "56"
			r.SetPages("246-56")
		}), Same},
	{"et al. author list", article(), with(func(r *bib.Record) { r.Authors = r.Authors[:1] }), Same},
	{"online first year", article(), with(func(r *bib.Record) { r.Date.Year = 2022; r.Volume = ""; r.Issue = ""; r.FirstPage = "" }), Same},
	{"markup, dashes, diacritics, ampersand", with(func(r *bib.Record) { r.Title = "Café <i>and</i> Müller–Lyer illusions & perception" }),
		with(func(r *bib.Record) { r.Title = "Cafe and Muller-Lyer illusions and perception." }), Same},
	{"translated title in brackets", with(func(r *bib.Record) {
		r.Title = "[Collaborative care for people with severe mental illness in primary care: a cluster randomised trial]."
	}),
		article(), Same},
	{"supplement number written as the volume", with(func(r *bib.Record) { r.Volume, r.Issue, r.FirstPage, r.LastPage = "30", "SUPPL. 3", "", "" }),
		with(func(r *bib.Record) { r.Volume, r.Issue = "3", "" }), Same},
	{"supplement number against another volume", with(func(r *bib.Record) { r.Volume, r.Issue, r.FirstPage, r.LastPage = "30", "SUPPL. 3", "", "" }),
		with(func(r *bib.Record) { r.Volume, r.Issue = "4", "" }), Different},
	{"journal of a conference abstract with the meeting appended", with(func(r *bib.Record) {
		r.Container, r.ContainerAbbrev, r.ISSNs, r.FirstPage, r.LastPage = "Atherosclerosis Supplements. Conference: 15th International Symposium on Atherosclerosis", "", nil, "", ""
	}),
		with(func(r *bib.Record) {
			r.Container, r.ContainerAbbrev, r.ISSNs, r.FirstPage, r.LastPage = "Atherosclerosis", "", nil, "", ""
			r.Issue = "S6"
		}), Same},
	{"page numbers with a letter", with(func(r *bib.Record) { r.FirstPage, r.LastPage = "c246", "c256" }),
		with(func(r *bib.Record) {
			r.Container, r.ContainerAbbrev, r.ISSNs = "Psychiatry - Clinical Practice", "", nil
		}), Same},
	{"volume, issue and pages written one field to the right", with(func(r *bib.Record) { r.Volume, r.Issue, r.FirstPage, r.LastPage = "", "222", "6", "" }),
		article(), Same},
	{"a meeting named for the journal", with(func(r *bib.Record) {
		r.Container, r.ContainerAbbrev, r.ISSNs = "23rd Congress of the International Society on Thrombosis and Haemostasis", "", nil
		r.Issue, r.FirstPage, r.LastPage = "", "", ""
	}), with(func(r *bib.Record) { r.Issue, r.FirstPage, r.LastPage = "", "", "" }), Same},
	{"years apart", article(), with(func(r *bib.Record) { r.Date.Year = 2020; r.Volume = ""; r.FirstPage = "" }), Different},
	{"different PMIDs", with(func(r *bib.Record) { r.AddPMID("1") }), with(func(r *bib.Record) { r.AddPMID("2"); r.LastPage = "" }), Different},
	{"different PMIDs, the same citation", with(func(r *bib.Record) { r.AddPMID("1") }), with(func(r *bib.Record) { r.AddPMID("2") }), Uncertain},
	{"different DOIs", with(func(r *bib.Record) { r.AddDOI("10.1000/a"); r.Volume = "" }), with(func(r *bib.Record) { r.AddDOI("10.1000/b"); r.FirstPage = "" }), Different},
	{"different DOIs, the same first page", with(func(r *bib.Record) { r.AddDOI("10.1000/a"); r.LastPage = "" }), with(func(r *bib.Record) { r.AddDOI("10.1000/b"); r.LastPage = "" }), Uncertain},
	{"different DOIs, the same citation", with(func(r *bib.Record) { r.AddDOI("10.1892/0891-6640(2003)017<0680:DPFICK>2.3.CO;2") }),
		with(func(r *bib.Record) { r.AddDOI("10.1111/j.1939-1676.2003.tb02500.x") }), Same},
	{"a DOI made from a SICI and its underscore alias", with(func(r *bib.Record) { r.AddDOI("10.1597/1545-1569(1994)031<0364:CPWART>2.3.CO;2") }),
		with(func(r *bib.Record) { r.AddDOI("10.1597/1545-1569_1994_031_0364_cpwart_2.3.co_2"); r.Volume = "" }), Same},
	{"Cochrane review versions", with(func(r *bib.Record) { r.AddDOI("10.1002/14651858.CD001234.pub2") }),
		with(func(r *bib.Record) { r.AddDOI("10.1002/14651858.CD001234") }), Same},
	{"shared DOI, different titles", with(func(r *bib.Record) { r.AddDOI("10.1000/suppl.1") }),
		with(func(r *bib.Record) {
			r.AddDOI("10.1000/suppl.1")
			r.Title = "Liraglutide protects against atherosclerosis in obese mice"
			r.Authors = []bib.Person{{Family: "Rakipovski", Given: "G"}}
			r.FirstPage = ""
		}), Unlikely},
	{"erratum", article(), with(func(r *bib.Record) { r.Title = "Erratum: " + r.Title; r.FirstPage = "" }), Different},
	{"correction", article(), with(func(r *bib.Record) { r.Title = "Correction to: " + r.Title; r.FirstPage = "" }), Different},
	{"retraction notice", article(), with(func(r *bib.Record) { r.Title = "Retraction notice to " + r.Title; r.FirstPage = "" }), Different},
	{"the retracted article marked so", article(), with(func(r *bib.Record) { r.Title = "RETRACTED: " + r.Title + " (Retracted Article)" }), Same},
	{"retraction notice titled retraction", article(), with(func(r *bib.Record) { r.Title = "Retraction: " + r.Title; r.FirstPage = "" }), Different},
	{"retraction notice titled retracted", article(), with(func(r *bib.Record) { r.Title = "Retracted: " + r.Title }), Different},
	{"the retracted article marked so by Springer", article(), with(func(r *bib.Record) { r.Title = "RETRACTED ARTICLE: " + r.Title }), Same},
	// Conference abstracts of two trials of one drug, phase II and phase
	// I/II, in one supplement with no pages: a reviewer tells.
	{"phase ii and phase i/ii abstracts", with(func(r *bib.Record) {
		r.Title = "Phase II trial of ixabepilone and dasatinib for metastatic breast cancer"
		r.Issue, r.FirstPage, r.LastPage = "15 Suppl 1", "", ""
	}), with(func(r *bib.Record) {
		r.Title = "Phase I/II trial of ixabepilone and dasatinib for metastatic breast cancer"
		r.Issue, r.FirstPage, r.LastPage = "15 Suppl 1", "", ""
	}), Uncertain},
	{"comment", article(), with(func(r *bib.Record) { r.Title = "Comment on " + r.Title; r.FirstPage = "" }), Different},
	{"reply", article(), with(func(r *bib.Record) { r.Title = "Reply to: " + r.Title; r.FirstPage = "" }), Different},
	{"erratum by publication type", article(), with(func(r *bib.Record) { r.PublicationTypes = []string{"Published Erratum"}; r.FirstPage = "" }), Different},
	{"conference abstract and full paper", with(func(r *bib.Record) {
		r.PublicationTypes = []string{"Conference Abstract"}
		r.Volume = ""
		r.FirstPage = ""
	}),
		article(), Different},
	{"part 1 and part 2", with(func(r *bib.Record) { r.Title += ". Part 1" }), with(func(r *bib.Record) { r.Title += ". Part 2"; r.FirstPage = "" }), Different},
	{"part I and part II", with(func(r *bib.Record) { r.Title = "Screening for cervical cancer, part I: methods" }),
		with(func(r *bib.Record) { r.Title = "Screening for cervical cancer, part II: methods"; r.FirstPage = "" }), Different},
	{"protocol and results", with(func(r *bib.Record) {
		r.Title = "Collaborative care for severe mental illness: study protocol for a cluster randomised trial"
		r.Date.Year = 2022
	}),
		with(func(r *bib.Record) {
			r.Title = "Collaborative care for severe mental illness: a cluster randomised trial"
			r.FirstPage = ""
		}), Different},
	{"editorial in another issue", with(func(r *bib.Record) { r.Title = "Editorial" }),
		with(func(r *bib.Record) { r.Title = "Editorial"; r.Issue = "7"; r.FirstPage = "300"; r.LastPage = "301" }), Different},
	{"editorial of another year", with(func(r *bib.Record) { r.Title = "Introduction"; r.Volume = ""; r.FirstPage = "" }),
		with(func(r *bib.Record) { r.Title = "Introduction"; r.Date.Year = 2024; r.Volume = ""; r.FirstPage = "" }), Uncertain},
	{"the same editorial", with(func(r *bib.Record) { r.Title = "Editorial" }), with(func(r *bib.Record) { r.Title = "Editorial." }), Same},
	{"guideline printed in several journals", article(),
		with(func(r *bib.Record) {
			r.Container, r.ContainerAbbrev, r.ISSNs = "American Journal of Clinical Pathology", "Am J Clin Pathol", nil
			r.Volume, r.FirstPage = "137", "516"
		}), Different},
	{"same text, another journal, no place", article(),
		with(func(r *bib.Record) {
			r.Container, r.ContainerAbbrev, r.ISSNs = "American Journal of Clinical Pathology", "Am J Clin Pathol", nil
			r.Volume, r.Issue, r.FirstPage, r.LastPage = "", "", "", ""
		}), Uncertain},
	{"different volumes and pages", article(), with(func(r *bib.Record) { r.Volume = "223"; r.FirstPage, r.LastPage = "300", "310" }), Different},
	{"different volumes, no pages", with(func(r *bib.Record) { r.FirstPage = "" }), with(func(r *bib.Record) { r.Volume = "223"; r.FirstPage = "" }), Different},
	{"different pages, other issue", article(), with(func(r *bib.Record) { r.Issue = "7"; r.FirstPage, r.LastPage = "300", "310" }), Different},
	{"a slip in the volume", article(), with(func(r *bib.Record) { r.Volume = "1" }), Same},
	{"a slip in the first page", article(), with(func(r *bib.Record) { r.FirstPage = "264" }), Same},
	{"translated title at the same citation", article(), with(func(r *bib.Record) {
		r.Title = "[Collaborative care of people with severe mental disorders in general practice: a randomised trial]"
	}), Same},
	{"reworded title at the same citation, author written another way", article(), with(func(r *bib.Record) {
		r.Title = "Primary care: collaborative care for people with severe mental illness in primary care, a cluster randomised trial"
		r.Authors = []bib.Person{{Family: "Richard Byng"}}
	}), Same},
	{"another title on the same single page", with(func(r *bib.Record) { r.LastPage = "246" }), with(func(r *bib.Record) {
		r.Title = "[Collaborative treatment of severe mental disorders in general practice: a randomised study]"
		r.LastPage = "246"
	}), Unlikely},
	{"another title, the same long range", with(func(r *bib.Record) { r.Issue, r.FirstPage, r.LastPage = "Suppl 1", "1", "212" }), with(func(r *bib.Record) {
		r.Title = "[Collaborative care of people with severe mental disorders in general practice: a randomised trial]"
		r.Issue, r.FirstPage, r.LastPage = "Suppl 1", "1", "212"
	}), Unlikely},
	{"conference abstracts given the supplement's range", with(func(r *bib.Record) {
		r.PublicationTypes = []string{"Conference Abstract"}
		r.Issue = "Suppl 1"
	}), with(func(r *bib.Record) {
		r.PublicationTypes = []string{"Conference Abstract"}
		r.Issue = "Suppl 1"
		r.Title = "Collaborative care for people with bipolar disorder in primary care: a pilot study"
	}), Unlikely},
	{"a slip in the first page of a range, subtitle left out", with(func(r *bib.Record) { r.Title += ": brief report" }),
		with(func(r *bib.Record) { r.FirstPage = "247" }), Same},
	{"reworded title, same authors, journal and year", article(), with(func(r *bib.Record) {
		r.Title = "Collaborative care for severe mental illness in primary care: a randomised controlled trial"
		r.Volume, r.Issue, r.FirstPage, r.LastPage = "", "", "", ""
	}), Uncertain},
	{"type 1 and type 2, no pages", titledNoPages("Sitagliptin improves glycaemic control in type 1 diabetes"),
		titledNoPages("Sitagliptin improves glycaemic control in type 2 diabetes"), Uncertain},
	{"12 and 24 months, no pages", with(func(r *bib.Record) { r.Title += ": 12-month outcomes"; r.FirstPage, r.LastPage = "", "" }),
		with(func(r *bib.Record) { r.Title += ": 24-month outcomes"; r.FirstPage, r.LastPage = "", "" }), Uncertain},
	{"increased and decreased, no pages", titledNoPages("Increased expression of the GLP-1 receptor in the kidney of diabetic mice"),
		titledNoPages("Decreased expression of the GLP-1 receptor in the kidney of diabetic mice"), Uncertain},
	{"CD4 and CD8, no pages", titledNoPages("Depletion of CD4 T cells in collaborative care"),
		titledNoPages("Depletion of CD8 T cells in collaborative care"), Uncertain},
	{"db/db and ob/ob mice, no pages", titledNoPages("Effects of exendin-4 on beta-cell mass in db/db mice"),
		titledNoPages("Effects of exendin-4 on beta-cell mass in ob/ob mice"), Uncertain},
	{"a gene name with its alias, no pages", titledNoPages("Value of p16INK4a as a marker of progression in cervical intraepithelial neoplasia grade 1"),
		titledNoPages("Value of p16(INK4a) as a marker of progression in cervical intraepithelial neoplasia grade 1"), Same},
	{"British and American spelling, no pages", titledNoPages("Eculizumab in children with atypical haemolytic uremic syndrome: a single centre's experience of 10 000 doses"),
		titledNoPages("Eculizumab in children with atypical hemolytic uremic syndrome: a single center's experience of 10000 doses"), Same},
	{"a word garbled at the same first page", with(func(r *bib.Record) { r.Title = "p6INK4a expression does not predict the outcome of cervical neoplasia" }),
		with(func(r *bib.Record) {
			r.Title = "p16(INK4a) expression does not predict the outcome of cervical neoplasia"
		}), Same},
	{"online ahead of print, pages of its own", article(),
		with(func(r *bib.Record) { r.Volume, r.Issue, r.FirstPage, r.LastPage = "", "", "1", "11" }), Same},
	{"online ahead of print the year before", article(),
		with(func(r *bib.Record) { r.Volume, r.Issue, r.FirstPage, r.LastPage, r.Date.Year = "", "", "1", "11", 2022 }), Uncertain},
	{"pages from 1 in a numbered issue", article(), with(func(r *bib.Record) { r.Volume, r.FirstPage, r.LastPage = "", "1", "11" }), Different},
	{"one Cochrane review, title reworded", cochrane("Medically assisted hydration for adult palliative care patients", "CD006273"),
		cochrane("Medically assisted hydration for palliative care patients", "CD006273"), Same},
	{"two versions of one Cochrane review", cochrane("Treatment for POEMS syndrome", "CD006828"),
		with(func(r *bib.Record) { *r = *cochrane("Treatment for POEMS syndrome", "CD006828"); r.Date.Year = 2019 }), Same},
	{"a treatment protocol is no study protocol", with(func(r *bib.Record) { r.Title += " (treatment protocol of a university hospital)" }),
		article(), Same},
	{"two Cochrane reviews", cochrane("Medically assisted hydration for adult palliative care patients", "CD006273"),
		cochrane("Medically assisted hydration for palliative care patients", "CD006274"), Different},
	{"different titles", article(), with(func(r *bib.Record) {
		r.Title = "Cognitive behavioural therapy for insomnia in older adults"
		r.FirstPage = ""
	}), Unlikely},
	{"similar titles, nothing else", with(func(r *bib.Record) {
		r.Volume, r.Issue, r.FirstPage, r.LastPage, r.Container, r.ISSNs = "", "", "", "", "", nil
	}),
		with(func(r *bib.Record) {
			r.Title = "Collaborative care for people with severe mental illness in primary care: a cluster trial"
			r.Volume, r.Issue, r.FirstPage, r.LastPage, r.Container, r.ContainerAbbrev, r.ISSNs = "", "", "", "", "", "", nil
		}), Uncertain},
	// Books: a short title, and no journal or pages to tell them by.
	{"book, isbn equal", book("book", "Courts Today", "9780195070001"), book("book", "Courts today", "978-0-19-507000-1"), Same},
	{"book, isbn equal, longer title", book("book", "Courts and their public in the twentieth century", "9780195070001"),
		book("book", "Courts and Their Public in the Twentieth Century", "9780195070001"), Same},
	{"book, no isbn", book("book", "Courts Today", ""), book("book", "Courts Today", ""), Uncertain},
	{"book, isbns of two formats", book("book", "Courts Today", "9780195070001"), book("book", "Courts Today", "9780195070002"), Uncertain},
	{"book and a chapter of its title, one isbn", book("book", "Courts Today", "9780195070001"), book("chapter", "Courts Today", "9780195070001"), Unlikely},
	{"two books of a set, one isbn", book("book", "Courts Today: Europe", "9780195070001"), book("book", "Courts Today: Asia", "9780195070001"), Unlikely},
	{"book, isbn equal, other author", book("book", "Courts Today", "9780195070001"),
		func() *bib.Record {
			r := book("book", "Courts Today", "9780195070001")
			r.Authors[0].Family = "Okafor"
			return r
		}(), Unlikely},
}

// book is a record of a book (or of a chapter, by typ) with an ISBN.
func book(typ, title, isbn string) *bib.Record {
	r := &bib.Record{Type: typ, Title: title, Authors: []bib.Person{{Family: "Abara", Given: "Richard L."}},
		Publisher: "University Press", Date: bib.Date{Year: 1991}}
	if isbn != "" {
		r.AddIdentifier(bib.ISBN, bib.NormalizeISBN(isbn))
	}
	return r
}

func TestCompare(t *testing.T) {
	for _, tt := range compareCases {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(Extract(tt.a), Extract(tt.b), Options{})
			if got.Verdict != tt.want {
				t.Errorf("Compare = %v (%s), want %v", got.Verdict, got.Reason, tt.want)
			}
			back := Compare(Extract(tt.b), Extract(tt.a), Options{})
			if back.Verdict != got.Verdict {
				t.Errorf("not symmetric: %v one way, %v the other", got.Verdict, back.Verdict)
			}
		})
	}
}

func TestCompareExplains(t *testing.T) {
	a := with(func(r *bib.Record) { r.AddDOI("10.1192/bjp.2023.28") })
	b := with(func(r *bib.Record) { r.AddDOI("10.1192/bjp.2023.28") })
	if got := Compare(Extract(a), Extract(b), Options{}); got.Reason != "doi equal" {
		t.Errorf("reason %q", got.Reason)
	}
	c := with(func(r *bib.Record) { r.Authors[0].Given = "R" })
	want := "title equal, authors 3/3, year, journal, volume, issue, pages equal"
	if got := Compare(Extract(article()), Extract(c), Options{}); got.Reason != want {
		t.Errorf("reason %q, want %q", got.Reason, want)
	}
	// A veto set aside is named.
	early := with(func(r *bib.Record) { r.Volume, r.Issue, r.FirstPage, r.LastPage = "", "", "1", "11" })
	want = "title equal, authors 3/3, year, journal equal, though pages 246 and 1"
	if got := Compare(Extract(article()), Extract(early), Options{}); got.Reason != want {
		t.Errorf("reason %q, want %q", got.Reason, want)
	}
}

func TestBoundedLevenshtein(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
	}{
		{"kitten", "sitting", 5}, {"kitten", "sitting", 2}, {"", "abc", 3}, {"abc", "abc", 0}, {"flaw", "lawn", 2},
		{"comparison of human papillomavirus", "comparison of human papilloma virus", 3},
	}
	for _, tt := range tests {
		want := levenshtein([]rune(tt.a), []rune(tt.b))
		if want > tt.limit {
			want = tt.limit + 1
		}
		if got := boundedLevenshtein([]rune(tt.a), []rune(tt.b), tt.limit); got != want {
			t.Errorf("boundedLevenshtein(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, want)
		}
	}
}

func TestJournalsAgree(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"British Journal of Psychiatry", "Br J Psychiatry", true},
		{"The Lancet", "Lancet", true},
		{"PLoS One [electronic resource]", "PLoS One", true},
		{"Journal of Clinical Virology", "Journal of clinical virology : the official publication of the Pan American Society for Clinical Virology", true},
		{"Nature", "Nature Medicine", false},
		{"Journal of Clinical Virology", "Journal of Clinical Oncology", false},
		{"Gan to Kagaku Ryoho [Japanese Journal of Cancer & Chemotherapy]", "Japanese Journal of Cancer and Chemotherapy", true},
		{"Gan to Kagaku Ryoho [Japanese Journal of Cancer & Chemotherapy]", "Gan To Kagaku Ryoho", true},
		{"Annales Françaises d'Anesthésie et de Réanimation", "Ann Fr Anesth Reanim", true},
		{"Annales francaises d anesthesie et de reanimation", "Ann Fr Anesth Reanim", true},
		{"Cirugía y Cirujanos", "Cir Cir", true},
		{"Physical Review E", "Phys Rev E", true},
		{"Physical Review E", "Physical Review B", false},
		{"Journal of Physics D: Applied Physics", "Journal of Physics A: Mathematical and Theoretical", false},
		{"PLoS One [electronic resource]", "Internet Journal of Surgery", false},
	}
	for _, tt := range tests {
		a := &Features{Journals: journalKeys(tt.a)}
		b := &Features{Journals: journalKeys(tt.b)}
		if got, _ := journalsAgree(a, b); got != tt.want {
			t.Errorf("journalsAgree(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestEncodeFeatures(t *testing.T) {
	recs := []*bib.Record{
		article(),
		with(func(r *bib.Record) {
			r.Title = "[Collaborative care (PARTNERS2)]: Part II"
			r.TranslatedTitle = "Zusammenarbeit"
			r.Authors = append(r.Authors, bib.Person{Literal: "PARTNERS2 Study Group"})
			r.AddDOI("10.1000/x")
			r.AddPMID("123")
			r.AddPMCID("PMC9")
			r.PublicationTypes = []string{"Published Erratum"}
			r.Type = "paper-conference"
		}),
		{},
	}
	for i, r := range recs {
		f := Extract(r)
		g, err := DecodeFeatures(f.Encode())
		if err != nil {
			t.Fatalf("record %d: %v", i, err)
		}
		if f.String() != g.String() || f.Part != g.Part || f.Flags != g.Flags || f.InProceedings != g.InProceedings ||
			f.TitleCore != g.TitleCore || len(f.Alt) != len(g.Alt) || len(f.sorted) != len(g.sorted) || len(f.ISSNs) != len(g.ISSNs) {
			t.Errorf("record %d: decoded %+v, want %+v", i, g, f)
		}
		if c := Compare(f, g, Options{}); r.Title != "" && c.Verdict != Same {
			t.Errorf("record %d: features and their decoded copy compare %v", i, c.Verdict)
		}
	}
	if _, err := DecodeFeatures("f0\x1fx"); err != ErrFeatureVersion {
		t.Errorf("old form: %v", err)
	}
}

func TestSpellings(t *testing.T) {
	tests := []struct {
		x, y string
		want bool
	}{
		{"haemolytic", "hemolytic", true},
		{"centre", "center", true},
		{"sulphate", "sulfate", true},
		{"randomised", "randomized", true},
		{"behaviour", "behavior", true},
		{"oesophageal", "esophageal", true},
		{"random", "randomised", true},
		{"increased", "decreased", false},
		{"hyperglycaemia", "hypoglycaemia", false},
		{"rats", "mice", false},
		{"adult", "paediatric", false},
	}
	for _, tt := range tests {
		if got := spellings(tt.x, tt.y); got != tt.want {
			t.Errorf("spellings(%q, %q) = %v, want %v", tt.x, tt.y, got, tt.want)
		}
	}
}

func TestStudyProtocol(t *testing.T) {
	tests := []struct {
		title string
		want  bool
	}{
		{"Collaborative care for severe mental illness: study protocol for a cluster randomised trial", true},
		{"Protocol for a systematic review of collaborative care", true},
		{"The PARTNERS2 trial protocol", true},
		{"Effect of exercise on falls: protocol of a multicentre randomised controlled trial", true},
		{"Neoadjuvant chemotherapy in stage IIIA lung cancer (treatment protocol of Essen University Hospital)", false},
		{"A new resuscitation protocol for septic shock reduces mortality", false},
	}
	for _, tt := range tests {
		key, _ := titleKeys(tt.title)
		if got := studyProtocol(key); got != tt.want {
			t.Errorf("studyProtocol(%q) = %v, want %v", tt.title, got, tt.want)
		}
	}
}

// TestFeaturesDetached checks that no string of a record's Features
// shares memory with the record's values, as readers cut them from the
// record's raw text: a cached Features would keep that text alive.
func TestFeaturesDetached(t *testing.T) {
	r := article()
	r.AddIdentifier(bib.DOI, "10.1192/bjp.2023.28")
	r.AddIdentifier(bib.PMID, "37078520")
	// Every value a substring of one text, as a reader leaves them.
	var raw strings.Builder
	values := []*string{&r.Title, &r.Container, &r.ContainerAbbrev, &r.Volume, &r.Issue, &r.FirstPage, &r.LastPage}
	for i := range r.Identifiers {
		values = append(values, &r.Identifiers[i].Value)
	}
	for i := range r.ISSNs {
		values = append(values, &r.ISSNs[i].Value)
	}
	for _, v := range values {
		raw.WriteString(*v)
	}
	text := raw.String()
	for _, v := range values {
		*v, text = text[:len(*v)], text[len(*v):]
	}
	start := uintptr(unsafe.Pointer(unsafe.StringData(r.Title)))
	end := start + uintptr(raw.Len())

	f := Extract(r)
	strs := []string{f.Title, f.TitleCore, f.Volume, f.Issue, f.Supplement, f.FirstPage, f.LastPage, f.Part}
	for _, ss := range [][]string{f.Alt, f.Tokens, f.sorted, f.coreSort, f.Journals, f.ISSNs, f.DOIs, f.PMIDs, f.PMCIDs} {
		strs = append(strs, ss...)
	}
	for _, a := range f.Authors {
		strs = append(strs, a.Family, a.Initial)
	}
	if len(f.DOIs) == 0 || len(f.ISSNs) == 0 || f.Volume == "" {
		t.Fatalf("features lack what the test is about: %+v", f)
	}
	for _, s := range strs {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); s != "" && p >= start && p < end {
			t.Errorf("feature %q is a part of the record's text", s)
		}
	}
}
