package csvtable

import "strings"

// cslTypes are the item types of CSL 1.0.2.
var cslTypes = map[string]bool{
	"article": true, "article-journal": true, "article-magazine": true, "article-newspaper": true, "bill": true,
	"book": true, "broadcast": true, "chapter": true, "classic": true, "collection": true, "dataset": true,
	"document": true, "entry": true, "entry-dictionary": true, "entry-encyclopedia": true, "event": true,
	"figure": true, "graphic": true, "hearing": true, "interview": true, "legal_case": true, "legislation": true,
	"manuscript": true, "map": true, "motion_picture": true, "musical_score": true, "pamphlet": true,
	"paper-conference": true, "patent": true, "performance": true, "periodical": true,
	"personal_communication": true, "post": true, "post-weblog": true, "regulation": true, "report": true,
	"review": true, "review-book": true, "software": true, "song": true, "speech": true, "standard": true,
	"thesis": true, "treaty": true, "webpage": true,
}

func isCSLType(s string) bool { return cslTypes[s] }

// workTypes maps the document types of exports, as keys (letters only,
// lower case), onto CSL types: Scopus and Web of Science document types,
// Zotero item types, Lens and OpenAlex publication types, Springer content
// types and IEEE Xplore document identifiers.
var workTypes = map[string]string{
	// Scopus, Web of Science, Lens, OpenAlex
	"article": "article-journal", "review": "article-journal", "letter": "article-journal",
	"editorial": "article-journal", "editorialmaterial": "article-journal", "note": "article-journal",
	"erratum": "article-journal", "correction": "article-journal", "shortsurvey": "article-journal",
	"datapaper": "article-journal", "dataarticle": "article-journal", "articleinpress": "article-journal",
	"retracted": "article-journal", "retraction": "article-journal", "earlyaccess": "article-journal",
	"bookreview": "article-journal", "meetingabstract": "paper-conference", "abstract": "article-journal",
	"journalarticle": "article-journal", "journal": "article-journal", "journals": "article-journal",
	"conferencepaper": "paper-conference", "conferencereview": "paper-conference", "proceedingspaper": "paper-conference",
	"conferenceproceedingsarticle": "paper-conference", "conferenceproceedings": "book", "conference": "paper-conference",
	"conferences": "paper-conference", "proceedingsarticle": "paper-conference", "proceedings": "book",
	"book": "book", "books": "book", "editedbook": "book", "monograph": "book", "referencebook": "book",
	"bookchapter": "chapter", "chapter": "chapter", "booksection": "chapter", "bookpart": "chapter",
	"referenceentry": "entry", "referenceworkentry": "entry", "encyclopediaarticle": "entry-encyclopedia",
	"dictionaryentry": "entry-dictionary", "report": "report", "dissertation": "thesis", "thesis": "thesis",
	"preprint": "article", "postedcontent": "article", "dataset": "dataset", "patent": "patent",
	"standard": "standard", "standards": "standard", "magazinearticle": "article-magazine", "magazine": "article-magazine",
	"magazines": "article-magazine", "newspaperarticle": "article-newspaper", "webpage": "webpage",
	"blogpost": "post-weblog", "computerprogram": "software", "software": "software", "manuscript": "manuscript",
	"presentation": "speech", "videorecording": "motion_picture", "film": "motion_picture", "podcast": "song",
	"audiorecording": "song", "map": "map", "case": "legal_case", "statute": "legislation", "bill": "bill",
	"hearing": "hearing", "interview": "interview", "letterpersonal": "personal_communication", "document": "document",
	"ieeejournals": "article-journal", "ieeemagazines": "article-magazine", "ieeeconferences": "paper-conference",
	"ieeeearlyaccessarticles": "article-journal", "ieeestandards": "standard", "ieeebooks": "book",
	"ieeecourses": "document",
}

// workType returns the CSL type for a type code (CSL type, Zotero item
// type, OpenAlex type) or a type label (Scopus "Conference Paper"), or
// "article" when neither is known.
func workType(code, label string) string {
	for _, s := range []string{code, label} {
		if s == "" {
			continue
		}
		var key [64]byte
		if t, ok := workTypes[string(appendTypeKey(key[:0], s))]; ok {
			return t
		}
		if l := strings.ToLower(s); cslTypes[l] {
			return l
		}
	}
	return "article"
}

// appendTypeKey appends the key of a type code or label to dst: its
// letters, in lower case.
func appendTypeKey(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			dst = append(dst, c)
		case c >= 'A' && c <= 'Z':
			dst = append(dst, c+'a'-'A')
		}
	}
	return dst
}
