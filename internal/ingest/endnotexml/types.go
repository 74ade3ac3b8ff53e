package endnotexml

import (
	"strconv"
	"strings"
)

// class groups the reference types whose fields mean the same things: the
// secondary title of a journal article is its journal, of a book section
// its book, of a book its series.
type class uint8

const (
	classGeneric    class = iota // Generic and types without a container of their own
	classArticle                 // journal, magazine, newspaper and electronic articles
	classBook                    // books: the secondary title is the series
	classEditedBook              // Edited Book: the authors are the editors
	classChapter                 // book sections and entries in dictionaries and encyclopedias
	classConference              // conference papers and proceedings
	classReport                  // reports and documents with a report number
	classThesis                  // theses: the secondary title is the department
	classPatent                  // patents: the ISBN field holds the patent number
	classWeb                     // web pages, blogs, online databases
)

type refType struct {
	csl   string
	class class
}

// refTypes maps EndNote's reference type names (lower case) onto CSL types.
var refTypes = map[string]refType{
	"journal article":          {"article-journal", classArticle},
	"electronic article":       {"article-journal", classArticle},
	"magazine article":         {"article-magazine", classArticle},
	"newspaper article":        {"article-newspaper", classArticle},
	"book":                     {"book", classBook},
	"electronic book":          {"book", classBook},
	"edited book":              {"book", classEditedBook},
	"classical work":           {"classic", classBook},
	"ancient text":             {"classic", classBook},
	"catalog":                  {"book", classBook},
	"serial":                   {"periodical", classBook},
	"serial publication":       {"periodical", classBook},
	"pamphlet":                 {"pamphlet", classBook},
	"book section":             {"chapter", classChapter},
	"electronic book section":  {"chapter", classChapter},
	"dictionary":               {"entry-dictionary", classChapter},
	"encyclopedia":             {"entry-encyclopedia", classChapter},
	"conference paper":         {"paper-conference", classConference},
	"conference":               {"paper-conference", classConference}, // JabRef's name for it
	"conference proceedings":   {"paper-conference", classConference},
	"report":                   {"report", classReport},
	"government document":      {"report", classReport},
	"grant":                    {"report", classReport},
	"standard":                 {"standard", classReport},
	"thesis":                   {"thesis", classThesis},
	"patent":                   {"patent", classPatent},
	"web page":                 {"webpage", classWeb},
	"electronic source":        {"webpage", classWeb},
	"online multimedia":        {"webpage", classWeb},
	"online database":          {"dataset", classWeb},
	"aggregated database":      {"dataset", classWeb},
	"dataset":                  {"dataset", classWeb},
	"blog":                     {"post-weblog", classWeb},
	"discussion forum":         {"post", classWeb},
	"social media":             {"post", classWeb},
	"generic":                  {"article", classGeneric},
	"unpublished work":         {"manuscript", classGeneric},
	"manuscript":               {"manuscript", classGeneric},
	"personal communication":   {"personal_communication", classGeneric},
	"interview":                {"interview", classGeneric},
	"press release":            {"article", classGeneric},
	"computer program":         {"software", classGeneric},
	"map":                      {"map", classGeneric},
	"film or broadcast":        {"motion_picture", classGeneric},
	"audiovisual material":     {"motion_picture", classGeneric},
	"television episode":       {"broadcast", classGeneric},
	"podcast":                  {"broadcast", classGeneric},
	"audio":                    {"song", classGeneric},
	"music":                    {"song", classGeneric},
	"artwork":                  {"graphic", classGeneric},
	"figure":                   {"figure", classGeneric},
	"chart or table":           {"figure", classGeneric},
	"equation":                 {"article", classGeneric},
	"multimedia application":   {"software", classGeneric},
	"case":                     {"legal_case", classGeneric},
	"statute":                  {"legislation", classGeneric},
	"legal rule or regulation": {"legislation", classGeneric},
	"bill":                     {"bill", classGeneric},
	"hearing":                  {"hearing", classGeneric},
	"journal":                  {"article-journal", classArticle}, // a common shortening of Journal Article
}

// refTypeNumbers are EndNote's numbers for its reference types, which its
// XML export writes beside the name (<ref-type name="Book">6</ref-type>).
// They are used when the name is missing or not one EndNote ships (a
// library in another language names its types in that language).
var refTypeNumbers = map[int]string{
	2: "Artwork", 3: "Audiovisual Material", 4: "Bill", 5: "Book Section", 6: "Book",
	7: "Case", 9: "Computer Program", 10: "Conference Proceedings", 12: "Web Page", 13: "Generic",
	14: "Hearing", 17: "Journal Article", 19: "Magazine Article", 20: "Map",
	21: "Film or Broadcast", 23: "Newspaper Article", 25: "Patent", 26: "Personal Communication",
	27: "Report", 28: "Edited Book", 31: "Statute", 32: "Thesis", 34: "Unpublished Work", 36: "Manuscript",
	37: "Figure", 38: "Chart or Table", 39: "Equation", 43: "Electronic Article", 44: "Electronic Book",
	45: "Online Database", 46: "Government Document", 47: "Conference Paper", 48: "Online Multimedia",
	49: "Ancient Text", 50: "Legal Rule or Regulation", 51: "Classical Work", 52: "Dictionary",
	53: "Encyclopedia", 54: "Grant", 55: "Aggregated Database", 56: "Blog", 57: "Serial", 58: "Standard",
	59: "Dataset", 60: "Electronic Book Section", 61: "Music",
}

// legacyRefTypes are the numbers the upper-case XML of EndNote 7 and
// earlier writes in <REFERENCE_TYPE>: EndNote's own ids of its reference
// types, which differ from the numbers its later XML writes in <ref-type>
// (0 for a journal article, which <ref-type> gives 17). Only the ids
// EndNote has always given its standard types are listed; the others may
// name a type the library renamed or added, and such a record's type is
// guessed from its fields.
var legacyRefTypes = map[int]string{
	0: "Journal Article", 1: "Book", 2: "Thesis", 3: "Conference Proceedings", 4: "Personal Communication",
	5: "Newspaper Article", 6: "Computer Program", 7: "Book Section", 8: "Magazine Article", 9: "Edited Book",
	10: "Report", 11: "Map", 12: "Audiovisual Material", 31: "Generic",
}

// legacyTypeName returns the name of the reference type a legacy
// <REFERENCE_TYPE> number stands for, or "" when it is not one of
// legacyRefTypes. A name written instead of a number is kept.
func legacyTypeName(v string) string {
	v = strings.TrimSpace(v)
	n, err := strconv.Atoi(v)
	if err != nil {
		return v
	}
	return legacyRefTypes[n]
}

// refTypesByName holds refTypes under the names as EndNote writes them
// ("Journal Article", "Film or Broadcast"), found without folding case.
var refTypesByName = func() map[string]refType {
	m := make(map[string]refType, len(refTypes))
	for k, t := range refTypes {
		words := strings.Fields(k)
		for i, w := range words {
			if w != "or" {
				words[i] = strings.ToUpper(w[:1]) + w[1:]
			}
		}
		m[strings.Join(words, " ")] = t
	}
	return m
}()

// CSLType returns the CSL type for an EndNote reference type name
// ("Journal Article" → "article-journal", "Book Section" → "chapter"), or
// "" when the name is not one EndNote uses.
func CSLType(name string) string {
	return refTypes[strings.ToLower(strings.Join(strings.Fields(name), " "))].csl
}

// lookupType finds the reference type by name, then by number. ok is false
// when neither is known.
func lookupType(name, number string) (refType, bool) {
	if t, ok := refTypesByName[name]; ok {
		return t, true
	}
	if name != "" {
		if t, ok := refTypes[strings.ToLower(strings.Join(strings.Fields(name), " "))]; ok {
			return t, true
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(number)); err == nil {
		if nm, ok := refTypeNumbers[n]; ok {
			return refTypes[strings.ToLower(nm)], true
		}
	}
	return refType{}, false
}
