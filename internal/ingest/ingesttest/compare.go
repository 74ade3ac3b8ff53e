package ingesttest

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
)

// Field names for CompareRecords.
const (
	FType            = "type"
	FTitle           = "title"
	FShortTitle      = "short_title"
	FTranslatedTitle = "translated_title"
	FOriginalTitle   = "original_title"
	FAuthors         = "authors"           // names in order
	FAuthorDetails   = "author_details"    // names with ORCIDs and per-author affiliations
	FEditors         = "editors"           // names in order
	FTranslators     = "translators"       // names in order
	FDate            = "date"              // year, month, day, season
	FYear            = "year"              // year only
	FContainer       = "container"         // full journal or book title
	FContainerAbbrev = "container_abbrev"  // journal abbreviation
	FSeries          = "series"            // series title
	FVolume          = "volume"            // volume
	FIssue           = "issue"             // issue
	FPages           = "pages"             // first and last page
	FArticleNumber   = "article_number"    // article number
	FEdition         = "edition"           // edition
	FPublisher       = "publisher"         // publisher and place
	FAbstract        = "abstract"          // abstract
	FLanguage        = "language"          // language
	FIdentifiers     = "identifiers"       // every identifier
	FMainIdentifiers = "main_identifiers"  // DOI, PMID, PMCID, ISBN
	FISSNs           = "issns"             // ISSN values
	FISSNKinds       = "issn_kinds"        // ISSN values with kinds
	FKeywords        = "keywords"          // keyword terms
	FKeywordDetails  = "keyword_details"   // keywords with vocabulary, qualifier, major flag
	FAffiliations    = "affiliations"      // every affiliation, record-level and per author, as a set
	FURLs            = "urls"              // URLs
	FNotes           = "notes"             // notes
	FPubTypes        = "publication_types" // publication types
	FDatabase        = "database"          // database the record came from
	FMore            = "more"              // number in series, pages in all, version, event place, accessed
)

// AllFields are all the fields but FYear (which FDate holds): the fields
// a format that carries every part of a record (CSL-JSON, bibdb's table)
// keeps through bibdb's writer and reader.
var AllFields = []string{FType, FTitle, FShortTitle, FTranslatedTitle, FOriginalTitle, FAuthors, FAuthorDetails,
	FEditors, FTranslators, FDate, FContainer, FContainerAbbrev, FSeries, FVolume, FIssue, FPages, FArticleNumber, FEdition,
	FPublisher, FAbstract, FLanguage, FIdentifiers, FMainIdentifiers, FISSNs, FISSNKinds, FKeywords, FKeywordDetails,
	FAffiliations, FURLs, FNotes, FPubTypes, FDatabase, FMore}

// GeneratedFields are the fields of a generated journal article that a
// test generator in any format writes: what a reader must give back from it.
var GeneratedFields = []string{FTitle, FAuthors, FContainer, FContainerAbbrev, FVolume, FIssue, FPages, FLanguage,
	FAbstract, FMainIdentifiers, FISSNs, FKeywords}

// RISFields are the fields RIS carries through bibdb's writer and reader.
var RISFields = []string{FType, FTitle, FShortTitle, FTranslatedTitle, FOriginalTitle, FAuthors, FEditors, FTranslators, FDate,
	FContainer, FContainerAbbrev, FSeries, FVolume, FIssue, FPages, FArticleNumber, FEdition, FPublisher, FAbstract,
	FLanguage, FMainIdentifiers, FISSNKinds, FKeywords, FAffiliations, FURLs, FNotes, FPubTypes, FDatabase, FMore}

// Project returns the named field of a record in a form that compares
// equal when the field carries the same information.
func Project(r *bib.Record, field string) any {
	names := func(ps []bib.Person) []string {
		var out []string
		for _, p := range ps {
			out = append(out, p.String())
		}
		return out
	}
	switch field {
	case FType:
		return r.Type
	case FTitle:
		return r.Title
	case FShortTitle:
		return r.ShortTitle
	case FTranslatedTitle:
		return r.TranslatedTitle
	case FOriginalTitle:
		return r.OriginalTitle
	case FAuthors:
		return names(r.Authors)
	case FAuthorDetails:
		var out []string
		for _, p := range r.Authors {
			out = append(out, p.String()+" | "+p.ORCID+" | "+strings.Join(p.Affiliations, " ; "))
		}
		return out
	case FEditors:
		return names(r.Editors)
	case FTranslators:
		return names(r.Translators)
	case FDate:
		d := r.Date
		d.Raw = ""
		return d
	case FYear:
		return r.Date.Year
	case FContainer:
		return r.Container
	case FContainerAbbrev:
		return r.ContainerAbbrev
	case FSeries:
		return r.Series
	case FVolume:
		return r.Volume
	case FIssue:
		return r.Issue
	case FPages:
		return r.FirstPage + "|" + r.LastPage
	case FArticleNumber:
		return r.ArticleNumber
	case FEdition:
		return r.Edition
	case FMore:
		return strings.Join([]string{r.CollectionNumber, r.NumberOfPages, r.Version, r.EventPlace, r.Accessed.String()}, "|")
	case FPublisher:
		return r.Publisher + "|" + r.Place
	case FAbstract:
		return r.Abstract
	case FLanguage:
		return r.Language
	case FIdentifiers:
		return sortedIDs(r.Identifiers, nil)
	case FMainIdentifiers:
		return sortedIDs(r.Identifiers, map[string]bool{bib.DOI: true, bib.PMID: true, bib.PMCID: true, bib.ISBN: true})
	case FISSNs:
		var out []string
		for _, s := range r.ISSNs {
			out = append(out, s.Value)
		}
		sort.Strings(out)
		return out
	case FISSNKinds:
		var out []string
		for _, s := range r.ISSNs {
			out = append(out, s.Value+" "+s.Kind)
		}
		sort.Strings(out)
		return out
	case FKeywords:
		set := map[string]bool{}
		for _, k := range r.Keywords {
			set[k.Term] = true
		}
		return sortedSet(set)
	case FKeywordDetails:
		var out []string
		for _, k := range r.Keywords {
			b, _ := json.Marshal(k)
			out = append(out, string(b))
		}
		sort.Strings(out)
		return out
	case FAffiliations:
		set := map[string]bool{}
		for _, a := range r.Affiliations {
			set[a] = true
		}
		for _, p := range r.Authors {
			for _, a := range p.Affiliations {
				set[a] = true
			}
		}
		return sortedSet(set)
	case FURLs:
		return r.URLs
	case FNotes:
		return r.Notes
	case FPubTypes:
		return r.PublicationTypes
	case FDatabase:
		return r.Database
	}
	panic("ingesttest: unknown field " + field)
}

func sortedIDs(ids []bib.Identifier, only map[string]bool) []string {
	var out []string
	for _, id := range ids {
		if only == nil || only[id.Scheme] {
			out = append(out, id.Scheme+":"+id.Value)
		}
	}
	sort.Strings(out)
	return out
}

func sortedSet(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// CompareRecords reports every listed field that differs between want and
// got.
func CompareRecords(t *testing.T, want, got *bib.Record, fields []string) {
	t.Helper()
	for _, f := range fields {
		w, _ := json.Marshal(Project(want, f))
		g, _ := json.Marshal(Project(got, f))
		if string(w) != string(g) {
			t.Errorf("record %d: %s differs:\n  want %s\n  got  %s", want.Position, f, w, g)
		}
	}
}
