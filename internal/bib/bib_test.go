package bib

import (
	"math/rand/v2"
	"reflect"
	"testing"
)

func TestParseName(t *testing.T) {
	tests := []struct {
		in   string
		want Person
	}{
		{"Byng, Richard", Person{Family: "Byng", Given: "Richard"}},
		{"Tseng RMWW", Person{Family: "Tseng", Given: "RMWW"}},
		{"Wellcome Trust Case Control, Consortium", Person{Literal: "Wellcome Trust Case Control Consortium"}},
		{"Group, Anna", Person{Family: "Group", Given: "Anna"}},
		{"Higa, Darrel H, PhD", Person{Family: "Higa", Given: "Darrel H"}},
		{"Fedotovich, G., V", Person{Family: "Fedotovich", Given: "G. V.", Raw: "Fedotovich, G., V"}},
		{"Dimarogonas, Dimos, V", Person{Family: "Dimarogonas", Given: "Dimos V.", Raw: "Dimarogonas, Dimos, V"}},
		{"Roach, Mack, III", Person{Family: "Roach", Given: "Mack", Suffix: "III"}},
		{"Mittelbach, Frank.", Person{Family: "Mittelbach", Given: "Frank", Raw: "Mittelbach, Frank."}},
		{"Knuth, Donald E.", Person{Family: "Knuth", Given: "Donald E."}},
		{"Takada, Mitsuo eds", Person{Family: "Takada", Given: "Mitsuo", Raw: "Takada, Mitsuo eds"}},
		{"Smith, Ed", Person{Family: "Smith", Given: "Ed"}},
		{"., S. N. Agbo", Person{Family: "Agbo", Given: "S. N.", Raw: "., S. N. Agbo"}},
		{"Hern, Matt, Ed.", Person{Family: "Hern", Given: "Matt"}},
		{"Smith, John, M.D.", Person{Family: "Smith", Given: "John"}},
		{"Ed, Ma, Jr", Person{Family: "Ed", Given: "Ma", Suffix: "Jr"}},
		{"Smith Jr A", Person{Family: "Smith", Given: "A", Suffix: "Jr"}},
		{"van der Berg JABC", Person{Family: "van der Berg", Given: "JABC"}},
		{"Y WANG", Person{Family: "WANG", Given: "Y"}},
		{"Byng, R.J.", Person{Family: "Byng", Given: "R.J."}},
		{"Shi,Yu ", Person{Family: "Shi", Given: "Yu"}},
		{"Roach, Mack, III", Person{Family: "Roach", Given: "Mack", Suffix: "III"}},
		{"Petrov, IV", Person{Family: "Petrov", Given: "IV"}},
		{"Coates, JR", Person{Family: "Coates", Given: "JR"}},
		{"LI Y", Person{Family: "LI", Given: "Y"}},
		{"David De Roure", Person{Family: "De Roure", Given: "David"}},
		{"Smith, ,", Person{Family: "Smith"}},
		{"King, Jr", Person{Family: "King", Suffix: "Jr"}},
		{"Byng R", Person{Family: "Byng", Given: "R"}},
		{"Liu R.", Person{Family: "Liu", Given: "R."}},
		{"Salim H. M.", Person{Family: "Salim", Given: "H. M."}},
		{"De Toro-Martin J.", Person{Family: "De Toro-Martin", Given: "J."}},
		{"van der Berg JA", Person{Family: "van der Berg", Given: "JA"}},
		{"R. Byng", Person{Family: "Byng", Given: "R."}},
		{"C. Hobson-Merrett", Person{Family: "Hobson-Merrett", Given: "C."}},
		{"R.J. Byng", Person{Family: "Byng", Given: "R.J."}},
		{"A. B. Smith", Person{Family: "Smith", Given: "A. B."}},
		{"Richard Byng", Person{Family: "Byng", Given: "Richard"}},
		{"Ludwig van Beethoven", Person{Family: "van Beethoven", Given: "Ludwig"}},
		{"Wesenbeeck, B. K. van", Person{Family: "Wesenbeeck", Given: "B. K.", Particle: "van", ParticleDrops: true}},
		{"Albuquerque, U. P. de", Person{Family: "Albuquerque", Given: "U. P.", Particle: "de", ParticleDrops: true}},
		{"Berg, Johan van der", Person{Family: "Berg", Given: "Johan", Particle: "van der", ParticleDrops: true}},
		{"Silva, José da", Person{Family: "Silva", Given: "José", Particle: "da", ParticleDrops: true}},
		{"Roure, David De", Person{Family: "Roure", Given: "David De"}},
		{"Smith, de", Person{Family: "Smith", Given: "de"}},
		{"Lee, al", Person{Family: "Lee", Given: "al"}},
		{"Plato", Person{Family: "Plato"}},
		{"義久 智樹", Person{Family: "義久", Given: "智樹"}},
		{"홍 길동", Person{Family: "홍", Given: "길동"}},
		{"欧阳 修", Person{Family: "欧阳", Given: "修"}},
		{"山田太郎", Person{Family: "山田太郎"}},
		{"田中, 太郎", Person{Family: "田中", Given: "太郎"}},
		{"PARTNERS2 Study Group", Person{Literal: "PARTNERS2 Study Group"}},
		{"World Health Organization", Person{Literal: "World Health Organization"}},
		{"[Anonymous]", Person{Literal: "[Anonymous]"}},
		{"Cochrane Collaboration,", Person{Literal: "Cochrane Collaboration"}},
		{"The Electronic Medicines Compendium,", Person{Literal: "The Electronic Medicines Compendium"}},
		{"Van Dung,", Person{Literal: "Van Dung"}},
		{"Smith J,", Person{Family: "Smith", Given: "J"}},
		{"Smith,", Person{Family: "Smith"}},
		{"et al.", Person{}},
		{"", Person{}},
	}
	for _, tt := range tests {
		got := ParseName(tt.in)
		got.Raw = ""
		if got.Family != tt.want.Family || got.Given != tt.want.Given || got.Suffix != tt.want.Suffix || got.Literal != tt.want.Literal ||
			got.Particle != tt.want.Particle || got.ParticleDrops != tt.want.ParticleDrops {
			t.Errorf("ParseName(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// TestParticleWrittenBack checks that a name with its particle after the
// given name is written as it was read, and that its family name, for
// keys and display, has the particle in front.
func TestParticleWrittenBack(t *testing.T) {
	for in, family := range map[string]string{
		"Wesenbeeck, B. K. van": "van Wesenbeeck",
		"Berg, Johan van der":   "van der Berg",
		"Koning, A. P. J. de":   "de Koning",
	} {
		p := ParseName(in)
		if p.String() != in || p.FamilyName() != family || p.Raw != "" {
			t.Errorf("ParseName(%q): String %q, FamilyName %q, Raw %q; want %q, %q, none", in, p.String(), p.FamilyName(), p.Raw, in, family)
		}
	}
}

func TestInitials(t *testing.T) {
	for in, want := range map[string]string{
		"Richard John": "RJ", "R.J.": "RJ", "Jean-Pierre": "JP", "FM": "FM", "R.": "R", "": "", "richard": "R",
	} {
		if got := Initials(in); got != want {
			t.Errorf("Initials(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFindDOIs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"10.1192/bjp.2023.28", []string{"10.1192/bjp.2023.28"}},
		{"https://dx.doi.org/10.1192/BJP.2023.28.", []string{"10.1192/bjp.2023.28"}},
		{"http://onlinelibrary.wiley.com/doi/10.1002/jcc.540080605/pdf", []string{"10.1002/jcc.540080605"}},
		{"https://www.frontiersin.org/articles/10.3389/fpsyg.2020.01234/full", []string{"10.3389/fpsyg.2020.01234"}},
		{"doi: 10.1000/abc/full", []string{"10.1000/abc/full"}},
		{"doi: 10.1016/S0140-6736(20)30183-5", []string{"10.1016/s0140-6736(20)30183-5"}},
		{"(see 10.1000/xyz)", []string{"10.1000/xyz"}},
		{"10.1000/a 10.1000/b; 10.1000/a", []string{"10.1000/a", "10.1000/b"}},
		{"http://sfx.example/?id=doi:10.1002%2Fpsp4.12345&x=1", []string{"10.1002/psp4.12345"}},
		{"10.1038/x1     LK  - https://lib.example/link?sid=EMBASE&id=doi:10.1038%2Fx1&atitle=A+b&spage=&date=2024", []string{"10.1038/x1"}},
		{"10.1000/a&b", []string{"10.1000/a&b"}},
		{"10.1234/abc [doi]", []string{"10.1234/abc"}},
		{"10.1002/(SICI)1097-4636(199901)44:1<35::AID-JBM5>3.0.CO;2-8", []string{"10.1002/(sici)1097-4636(199901)44:1<35::aid-jbm5>3.0.co;2-8"}},
		{"<doi>10.1000/xyz</doi>", []string{"10.1000/xyz"}},
		{"10.1002/(SICI)1098-1063(1998)8:6&lt;627::AID-HIPO5&gt;3.0.CO;2-X [doi]", []string{"10.1002/(sici)1098-1063(1998)8:6<627::aid-hipo5>3.0.co;2-x"}},
		{"no doi 110.1234/x here", nil},
		{"vol 10.5 p 3", nil},
		{"no identifier at all", nil},
		{"doi:10.1000/a; 10.1000/b.", []string{"10.1000/a", "10.1000/b"}},
		{"10.1002/1521-3951(199707)202:1<35::AID-PSSB35>3.0.CO;2-8", []string{"10.1002/1521-3951(199707)202:1<35::aid-pssb35>3.0.co;2-8"}},
		{"<doi>10.1892/0891-6640(2003)017<0680:DPFICK>2.3.CO;2</doi>", []string{"10.1892/0891-6640(2003)017<0680:dpfick>2.3.co;2"}},
		{"10.1002/(SICI)1521-396X(199711)164:1<141::AID-PSSA141>3.0.CO;2-G; 10.5555/x", []string{"10.1002/(sici)1521-396x(199711)164:1<141::aid-pssa141>3.0.co;2-g", "10.5555/x"}},
		{"https://doi.org/10.1177%2F20552076261415846", []string{"10.1177/20552076261415846"}},
	}
	for _, tt := range tests {
		got := FindDOIs(tt.in)
		if !equalStrings(got, tt.want) {
			t.Errorf("FindDOIs(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// Appended to DOIs found before, they follow them, and a text
		// with none leaves them as they were.
		before := []string{"10.9999/before"}
		if got := AppendDOIs(before, tt.in); !equalStrings(got, append(before, tt.want...)) {
			t.Errorf("AppendDOIs(%q, %q) = %q, want %q", before, tt.in, got, append(before, tt.want...))
		}
	}
}

func TestFindISSNs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"0007-1250 (Print);0007-1250", []string{"0007-1250"}},
		{"03064530 (ISSN)", []string{"0306-4530"}},
		{"1537-744x (Print)", []string{"1537-744X"}},
		{"2325-9671 (electronic) 1234-5678", []string{"2325-9671", "1234-5678"}},
		{"9780123456786", nil},
		{"978-0-12-345678-6", nil},
		{"ISSN-1234-5678", []string{"1234-5678"}},
		{"E2196-7822", []string{"2196-7822"}},
		{"0013-1881; E2196-7822", []string{"0013-1881", "2196-7822"}},
		{"TYPE2196-7822", nil},
	}
	for _, tt := range tests {
		if got := FindISSNs(tt.in); !equalStrings(got, tt.want) {
			t.Errorf("FindISSNs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFindISBNs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"978-0-12-345678-6", []string{"9780123456786"}},
		{"0-306-40615-2 (pbk.)", []string{"9780306406157"}},
		{"0007-1250", nil},
		{"080442957X", []string{"9780804429573"}},
		{"ISBN-978-0-12-345678-6", []string{"9780123456786"}},
		{"88-85020-66-6 978-88-85020-66-5", []string{"9788885020665"}},
		{"0-306-40615-2 978-0-12-345678-6", []string{"9780306406157", "9780123456786"}},
		{"978 0 12 345678 6", []string{"9780123456786"}},
	}
	for _, tt := range tests {
		if got := FindISBNs(tt.in); !equalStrings(got, tt.want) {
			t.Errorf("FindISBNs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizePMIDAndPMCID(t *testing.T) {
	for in, want := range map[string]string{"37078520": "37078520", "PMID: 37078520": "37078520", "23690738[pmid]": "23690738", "abc": "", "1234567890": "", "PUBMED 30005049": "30005049", "EMBASE 622222222": ""} {
		if got := NormalizePMID(in); got != want {
			t.Errorf("NormalizePMID(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"PMC1234567": "PMC1234567", "pmc12345 [pmc]": "PMC12345", "12345": "PMC12345", "PMCX": ""} {
		if got := NormalizePMCID(in); got != want {
			t.Errorf("NormalizePMCID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParsePages(t *testing.T) {
	tests := []struct{ in, first, last string }{
		{"466-75", "466", "475"},
		{"246-256", "246", "256"},
		{"246–256", "246", "256"},
		{"1008-12", "1008", "1012"},
		{"193--194", "193", "194"},
		{"pp. 12-19", "12", "19"},
		{"P.p.0", "0", ""}, // a label twice: read back as written
		{"page p. 7", "7", ""},
		{"e0815", "e0815", ""},
		{"256+", "256", ""},
		{"256+ -", "256", ""}, // the same, with an empty last page
		{"256+-258+", "256", "258"},
		{"99-101", "99", "101"},
		{"S12-S15", "S12", "S15"},
		{"2609 – 2625", "2609", "2625"},
		{"2307-2311 Vol.2", "2307", "2311"}, // IEEE Xplore: the volume after the pages
		{"1059-1064 vol. 2", "1059", "1064"},
		{"vii-xii vol.IV", "vii", "xii"},
		{"12-19 Volcanoes", "12", "19 Volcanoes"},
		{"Vol.2", "Vol.2", ""},
		{"-423", "", "423"}, // the last page alone, as MEDLINE writes it
		{"- 423", "", "423"},
		{"--423", "", "423"}, // and as BibTeX does
		{"–423", "", "423"},
		{"-", "-", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		f, l := ParsePages(tt.in)
		if f != tt.first || l != tt.last {
			t.Errorf("ParsePages(%q) = %q, %q, want %q, %q", tt.in, f, l, tt.first, tt.last)
		}
	}
}

func TestPages(t *testing.T) {
	tests := []struct{ first, last, want string }{
		{"246", "256", "246-256"},
		{"82", "82", "82-82"}, // a one-page range stays as the source gave it
		{"e0815", "", "e0815"},
		{"", "12", "12"},
		{"", "", ""},
	}
	for _, tt := range tests {
		r := Record{FirstPage: tt.first, LastPage: tt.last}
		if got := r.Pages(); got != tt.want {
			t.Errorf("Pages() of %q, %q = %q, want %q", tt.first, tt.last, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in               string
		year, month, day int
		season           string
	}{
		{"2023", 2023, 0, 0, ""},
		{"2023///", 2023, 0, 0, ""},
		{"2023/06/01/", 2023, 6, 1, ""},
		{"2019//", 2019, 0, 0, ""},
		{"2016/01/", 2016, 1, 0, ""},
		{"2018/04", 2018, 4, 0, ""},
		{"1987///Spr 1987", 1987, 0, 0, "Spring"},
		{"2007/08//2014 Sep", 2007, 8, 0, ""},
		{"2005/12//undefined", 2005, 12, 0, ""},
		{"2015/october", 2015, 10, 0, ""},
		{"APR 21", 0, 4, 21, ""},
		{"2023 JUL 21", 2023, 7, 21, ""},
		{"Mar 1", 0, 3, 1, ""},
		{"Jun", 0, 6, 0, ""},
		{"4-8 Aug. 2020", 2020, 8, 0, ""},
		{"1 Jan.-Feb. 2019", 2019, 1, 1, ""},
		{"Start date: 20170812", 2017, 8, 12, ""},
		{"0000", 0, 0, 0, ""},
		{"10 15", 0, 0, 0, ""},
		{"2016 Jan 15", 2016, 1, 15, ""},
		{"2016 Jan-Feb", 2016, 1, 0, ""},
		{"2010 Spring", 2010, 0, 0, "Spring"},
		{"2000 Dec 23-30", 2000, 12, 23, ""},
		{"1998 Dec-1999 Jan", 1998, 12, 0, ""},
		{"2023-06-01", 2023, 6, 1, ""},
		{"1983-03//", 1983, 3, 0, ""},
		{"1983-03-15/", 1983, 3, 15, ""},
		{"20170812", 2017, 8, 12, ""},
		{"Article 10 2019", 2019, 0, 0, ""},
		{"00000000", 0, 0, 0, ""},
		{"20200000", 2020, 0, 0, ""},
		{"x 20201300 y", 0, 0, 0, ""},
		{"20201399 or 2018", 2018, 0, 0, ""},
		{"21962020", 0, 0, 0, ""},
		{"10190822 2019", 2019, 0, 0, ""},
		{"-0044-03-15", 0, 0, 0, ""},
		{"-2012-13/-2013-14", 0, 0, 0, ""},
	}
	for _, tt := range tests {
		d := ParseDate(tt.in)
		if d.Year != tt.year || d.Month != tt.month || d.Day != tt.day || d.Season != tt.season {
			t.Errorf("ParseDate(%q) = %+v, want %d-%d-%d %s", tt.in, d, tt.year, tt.month, tt.day, tt.season)
		}
	}
}

func TestKeyAndFold(t *testing.T) {
	for in, want := range map[string]string{
		"The Effect of X–Y: a Trial": "the effect of x y a trial",
		"Łukasiewicz Søren Straße":   "lukasiewicz soren strasse",
		"O'Brien":                    "obrien",
		"Müller-Lüdenscheidt ﬁnance": "muller ludenscheidt finance",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCleanTextAndStripTags(t *testing.T) {
	for in, want := range map[string]string{"  a \r\n b\u00a0c  ": "a b c", "abc": "abc", "": ""} {
		if got := CleanText(in); got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"H<sub>2</sub>O and <i>E. coli</i>": "H2O and E. coli", "a < b > c": "a < b > c"} {
		if got := StripTags(in); got != want {
			t.Errorf("StripTags(%q) = %q, want %q", in, got, want)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestUnescapeEntities(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Taylor &amp; Francis", "Taylor & Francis"},
		{"&amp;lt;p&amp;gt;Wildfire", "<p>Wildfire"},
		{"risk &amp;amp;#8211; the hub", "risk – the hub"},
		{"dose &lt;5 mg", "dose <5 mg"},
		{"no references", "no references"},
		{"R&D; more", "R&D; more"},
		{"&amp;amp;amp;amp;amp;", "&amp;amp;"}, // three rounds at most
	} {
		if got := UnescapeEntities(tt.in); got != tt.want {
			t.Errorf("UnescapeEntities(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseMeSHBrackets(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []Keyword
	}{
		{"*Breast Neoplasms/dt [Drug Therapy]", []Keyword{{Term: "Breast Neoplasms", Vocabulary: VocabMeSH, Qualifier: "drug therapy", Major: true}}},
		{"Breast Neoplasms/pa [Pathology]", []Keyword{{Term: "Breast Neoplasms", Vocabulary: VocabMeSH, Qualifier: "pathology"}}},
		{"Liver/*de/me [Drug Effects, Metabolism]", []Keyword{
			{Term: "Liver", Vocabulary: VocabMeSH, Qualifier: "drug effects", Major: true},
			{Term: "Liver", Vocabulary: VocabMeSH, Qualifier: "metabolism"}}},
		{"Antiviral Agents [therapeutic use]", []Keyword{{Term: "Antiviral Agents", Vocabulary: VocabMeSH, Qualifier: "therapeutic use"}}},
		{"COVID-19 [*drug therapy, virology]", []Keyword{
			{Term: "COVID-19", Vocabulary: VocabMeSH, Qualifier: "drug therapy", Major: true},
			{Term: "COVID-19", Vocabulary: VocabMeSH, Qualifier: "virology"}}},
		// not qualifiers: a free keyword with brackets, or codes that do
		// not match the names
		{"Quality of life [QoL]", nil},
		{"Brain/dt/pa [Drug Therapy]", nil},
		{"Brain/drug [Drug Therapy]", nil},
		{" [Drug Therapy]", nil},
	} {
		isHeading := IsMeSHHeading(c.in)
		if isHeading != (c.want != nil) {
			t.Errorf("IsMeSHHeading(%q) = %v", c.in, isHeading)
		}
		if c.want == nil {
			continue
		}
		if got := ParseMeSHAll(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("ParseMeSHAll(%q) = %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestStripMarkup(t *testing.T) {
	for in, want := range map[string]string{
		"<i>Homo sapiens</i> in Africa":                 "Homo sapiens in Africa",
		"H<sub>2</sub>O and Ca<SUP>2+</SUP>":            "H2O and Ca2+",
		`<span class="nocase">mRNA</span> decay`:        "mRNA decay",
		"<a href='https://x.org/1'>link</a> text":       "link text",
		"Line one<br/>line two<p>three</p>":             "Line one line two three",
		"<h4>Background</h4>Text.<h4>Methods</h4>More.": "Background Text. Methods More.",
		"<mml:math><mml:mi>x</mml:mi></mml:math> bound": "x bound",
		"<Creep of welded joints.pdf>":                  "<Creep of welded joints.pdf>",
		"<A study of river ice.pdf>":                    "<A study of river ice.pdf>",
		"<I Was There.pdf> and <i>more</i>":             "<I Was There.pdf> and more",
		"Doses <5 mg, p < 0.05, <review>":               "Doses <5 mg, p < 0.05, <review>",
		"<b 2> and <i class=x y>":                       "<b 2> and <i class=x y>",
		"</i > closes, </i x> does not":                 "closes, </i x> does not",
		"<b(2)> and <i":                                 "<b(2)> and <i",
		"no markup":                                     "no markup",
	} {
		if got := StripMarkup(in); got != want {
			t.Errorf("StripMarkup(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDropCopyrightNotice(t *testing.T) {
	for in, want := range map[string]string{
		"Text. [ABSTRACT FROM AUTHOR] Copyright of Bone is the property of Elsevier. (Copyright applies to all Abstracts.)": "Text. [ABSTRACT FROM AUTHOR]",
		"Copyright of Bone is the property of Elsevier. (Copyright applies to all Abstracts.)":                              "",
		"Text about the Copyright of images.": "Text about the Copyright of images.",
		"Text.":                               "Text.",
	} {
		if got := DropCopyrightNotice(in); got != want {
			t.Errorf("DropCopyrightNotice(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDateEnd(t *testing.T) {
	tests := []struct {
		raw  string
		want string // End as ISO 8601, "" for none
	}{
		{"2010 Sep-Oct", "2010-10"},
		{"2010 Dec-2011 Jan", "2011-01"},
		{"2019 Nov 20-23", "2019-11-23"},
		{"2010 Nov 3-Dec 2", "2010-12-02"},
		{"1999-2000", "2000"},
		{"2014-12-31/2015-01-01", "2015-01-01"},
		{"2023-06", ""},
		{"2010 Sep", ""},
		{"in press", ""},
		{"2010 Oct-Sep 2009", ""},
	}
	for _, tt := range tests {
		d := ParseDate(tt.raw)
		d.Raw = tt.raw
		if got := d.End().String(); got != tt.want {
			t.Errorf("ParseDate(%q).End() = %q, want %q", tt.raw, got, tt.want)
		}
	}
	// Months written without their year, which the record gives apart
	// (Web of Science PD "NOV-DEC" with PY 2019).
	for _, tt := range []struct{ raw, want string }{
		{"NOV-DEC", "2019-12"},
		{"Dec-Jan", "2020-01"},
		{"Sept.-Oct.", "2019-10"},
		{"06-07", ""},
		{"Nov", ""},
	} {
		d := ParseDate(tt.raw)
		d.Year, d.Raw = 2019, tt.raw
		if got := d.End().String(); got != tt.want {
			t.Errorf("%q of 2019: End() = %q, want %q", tt.raw, got, tt.want)
		}
	}
}

// Folding Latin text a character at a time gives what decomposing the
// whole of it gives.
func TestFoldLatin(t *testing.T) {
	var all []rune
	for r := rune(0); r < 0x250; r++ {
		all = append(all, r)
	}
	cases := []string{
		string(all),
		"Müller-Łódź", "Ørsted Æbeltoft", "STRAßE", "Ñúñez, José", "ŉ", "Ǆemal", "Øye ǅ",
		"e\u0301", // a mark of its own: decomposition
		"Ωmega", "ﬁnance", "Ｆull width", "",
	}
	for _, s := range cases {
		if got, want := Fold(s), foldSlow(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
		if got, want := string(AppendFold([]byte("<"), s)), "<"+foldSlow(s); got != want {
			t.Errorf("AppendFold(%q) = %q, want %q", s, got, want)
		}
	}
	if got := Fold("Müller-Łódź Æ"); got != "muller-lodz ae" {
		t.Errorf("Fold = %q", got)
	}
}

// Key of ASCII text, made in one pass, is what folding it and then
// keeping its letters and digits gives.
func TestKeyASCII(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 100000; n++ {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			b[i] = byte(rng.IntN(0x80))
			if rng.IntN(2) == 0 {
				b[i] = "aZ9 '-.,x"[rng.IntN(9)]
			}
		}
		s := string(b)
		if got, want := Key(s), keyFolded(Fold(s)); got != want {
			t.Fatalf("Key(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestFindORCID(t *testing.T) {
	tests := []struct {
		in, id string
		ok     bool
	}{
		{"ORCID: 0000-0002-1825-0097", "0000-0002-1825-0097", true},
		{"ORCID: https://orcid.org/0000-0002-1825-0097", "0000-0002-1825-0097", true},
		{"ORCID: http://orcid.org/0000-0001-5109-3700", "0000-0001-5109-3700", true},
		{"0000000218250097", "0000-0002-1825-0097", true},
		{"ORCID: 0000-0002-1694-233X", "0000-0002-1694-233X", true},
		{"ORCID: 0000-0002-1825-0098", "0000-0002-1825-0098", false},
		{"ORCID: 0000-0002-1825", "", false},
		{"ORCID: 10000-0002-1825-0097", "", false},
		{"ORCID: not given", "", false},
		{"Clemente, Ana; ORCID: https://orcid.org/0000-0002-0460-6793", "0000-0002-0460-6793", true},
		{"http://orcid.org/0000-0001-5109-373X", "0000-0001-5109-373X", false},
		{"000000021825009x", "0000-0002-1825-009X", false},
		{"0000 0002 1825 0097", "0000-0002-1825-0097", true},
		{"https://orcid.org/0000-0002-9079-593x", "0000-0002-9079-593X", true},
		{"0000-0002-1825-0097-1", "", false},
		{"0000-000X-1825-0097", "", false},
		{"L-6080-2019", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		id, ok := FindORCID(tt.in)
		if id != tt.id || ok != tt.ok {
			t.Errorf("FindORCID(%q) = %q, %v; want %q, %v", tt.in, id, ok, tt.id, tt.ok)
		}
	}
}

func TestCutOutsideBrackets(t *testing.T) {
	for _, tt := range []struct{ in, before, after string }{
		{"Gaertner, A. [Author; E-mail: a@b.c]; Next, B.", "Gaertner, A. [Author; E-mail: a@b.c]", " Next, B."},
		{"One; Two", "One", " Two"},
		{"[a; [b; c]; d]", "[a; [b; c]; d]", ""},
		{"a]; b", "a]", " b"},
	} {
		b, a, _ := CutOutsideBrackets(tt.in, ';')
		if b != tt.before || a != tt.after {
			t.Errorf("CutOutsideBrackets(%q) = %q, %q; want %q, %q", tt.in, b, a, tt.before, tt.after)
		}
	}
}
