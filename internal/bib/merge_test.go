package bib

import (
	"reflect"
	"testing"
)

func TestMerge(t *testing.T) {
	wos := &Record{
		Type:      "article-journal",
		Title:     "SLEEP DEPRIVATION AND WORKING-MEMORY IN ADOLESCENTS",
		Authors:   []Person{{Family: "MULLER", Given: "HANS JURGEN"}, {Family: "Okafor", Given: "Chidi"}},
		Container: "JOURNAL OF SLEEP RESEARCH",
		Volume:    "7", FirstPage: "201",
		Identifiers: []Identifier{{Scheme: WOS, Value: "WOS:000075123400007"}},
	}
	scopus := &Record{
		Type:      "article-journal",
		Title:     "Sleep deprivation and working memory in adolescents",
		Authors:   []Person{{Family: "Müller", Given: "H.J."}, {Family: "Okafor", Given: "C."}},
		Container: "Journal of Sleep Research",
		Volume:    "7", FirstPage: "201", LastPage: "209",
		Identifiers: []Identifier{{Scheme: EID, Value: "2-s2.0-0031999999"}},
	}
	pubmed := &Record{
		Type:            "article-journal",
		Title:           "Sleep deprivation and working memory in adolescents.",
		Authors:         []Person{{Family: "Muller", Given: "Hans Jürgen"}, {Family: "Okafor", Given: "Chidi"}},
		Container:       "Journal of sleep research",
		ContainerAbbrev: "J Sleep Res",
		Abstract:        "Forty adolescents ...",
	}
	tests := []struct {
		name      string
		recs      []*Record
		title     string
		container string
		authors   []Person
		pages     [2]string
		ids       int
	}{
		{
			name:  "capitals give way to mixed case, names keep their diacritics",
			recs:  []*Record{wos, scopus},
			title: "Sleep deprivation and working memory in adolescents", container: "Journal of Sleep Research",
			authors: []Person{{Family: "Müller", Given: "HANS JURGEN"}, {Family: "Okafor", Given: "Chidi"}},
			pages:   [2]string{"201", "209"}, ids: 2,
		},
		{
			name:  "the same in the other order",
			recs:  []*Record{scopus, wos},
			title: "Sleep deprivation and working memory in adolescents", container: "Journal of Sleep Research",
			authors: []Person{{Family: "Müller", Given: "HANS JURGEN"}, {Family: "Okafor", Given: "Chidi"}},
			pages:   [2]string{"201", "209"}, ids: 2,
		},
		{
			name:  "given names in capitals take the record's mixed case and diacritics",
			recs:  []*Record{wos, scopus, pubmed},
			title: "Sleep deprivation and working memory in adolescents", container: "Journal of Sleep Research",
			authors: []Person{{Family: "Müller", Given: "Hans Jürgen"}, {Family: "Okafor", Given: "Chidi"}},
			pages:   [2]string{"201", "209"}, ids: 2,
		},
		{
			name:  "one record",
			recs:  []*Record{wos},
			title: wos.Title, container: wos.Container, authors: wos.Authors,
			pages: [2]string{"201", ""}, ids: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Merge(tt.recs)
			if got.Title != tt.title {
				t.Errorf("title = %q, want %q", got.Title, tt.title)
			}
			if got.Container != tt.container {
				t.Errorf("container = %q, want %q", got.Container, tt.container)
			}
			if !reflect.DeepEqual(got.Authors, tt.authors) {
				t.Errorf("authors = %+v, want %+v", got.Authors, tt.authors)
			}
			if p := [2]string{got.FirstPage, got.LastPage}; p != tt.pages {
				t.Errorf("pages = %q, want %q", p, tt.pages)
			}
			if len(got.Identifiers) != tt.ids {
				t.Errorf("identifiers = %v, want %d", got.Identifiers, tt.ids)
			}
		})
	}
	// Merge must not change its records.
	if wos.Authors[0].Family != "MULLER" || scopus.Authors[0].Given != "H.J." {
		t.Errorf("Merge changed a record's authors: %+v, %+v", wos.Authors, scopus.Authors)
	}
}

func TestBetterWritten(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"Journal of Sleep Research", "JOURNAL OF SLEEP RESEARCH", true},
		{"JOURNAL OF SLEEP RESEARCH", "Journal of Sleep Research", false},
		{"Müller", "Muller", true},
		{"Muller", "Müller", false},
		{"Müller", "MÜLLER", true},
		{"Journal of sleep research", "Journal of Sleep Research", false}, // the same to bibdb: the first seen stays
	}
	for _, tt := range tests {
		if got := BetterWritten(tt.a, tt.b); got != tt.want {
			t.Errorf("BetterWritten(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}
