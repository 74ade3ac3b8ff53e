package csvtable

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/gen"
)

// scopusHeader is the header of a 2023-on Scopus export.
var scopusHeader = []string{"Authors", "Author full names", "Author(s) ID", "Title", "Year", "Source title", "Volume", "Issue",
	"Art. No.", "Page start", "Page end", "Page count", "Cited by", "DOI", "Link", "Affiliations", "Authors with affiliations",
	"Abstract", "Author Keywords", "Index Keywords", "Molecular Sequence Numbers", "Chemicals/CAS", "Tradenames", "Manufacturers",
	"Funding Details", "Funding Texts", "References", "Correspondence Address", "Editors", "Publisher", "Sponsors",
	"Conference name", "Conference date", "Conference location", "Conference code", "ISSN", "ISBN", "CODEN", "PubMed ID",
	"Language of Original Document", "Abbreviated Source Title", "Document Type", "Publication Stage", "Open Access", "Source", "EID"}

// generateScopus renders n generated records the way Scopus exports them:
// every cell quoted, "Family I." authors, full names with author ids,
// per-author affiliations, ISSN without its hyphen, "NA" for nothing.
func generateScopus(tb testing.TB, n int) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	if err := w.Write(scopusHeader); err != nil {
		tb.Fatal(err)
	}
	g := gen.New(gen.Options{Seed: 2})
	row := make([]string, len(scopusHeader))
	for i := 0; i < n; i++ {
		rec, _ := g.Next()
		var short, full, ids, withAff, affs, authorKW, indexKW []string
		seen := map[string]bool{}
		for j, p := range rec.Authors {
			s := p.Family + " " + bib.Initials(p.Given) + "."
			id := strconv.Itoa(57000000000 + i*300 + j)
			short = append(short, s)
			full = append(full, p.Family+", "+p.Given+" ("+id+")")
			ids = append(ids, id)
			withAff = append(withAff, s+", "+strings.Join(p.Affiliations, ", "))
			for _, a := range p.Affiliations {
				if !seen[a] {
					seen[a] = true
					affs = append(affs, a)
				}
			}
		}
		for _, k := range rec.Keywords {
			if k.Vocabulary == bib.VocabAuthor {
				authorKW = append(authorKW, k.Term)
			} else {
				indexKW = append(indexKW, k.Term)
			}
		}
		eid := "2-s2.0-" + strconv.Itoa(85000000000+i)
		for j := range row {
			row[j] = ""
		}
		set := func(col, v string) {
			for j, h := range scopusHeader {
				if h == col {
					row[j] = v
					return
				}
			}
			tb.Fatalf("no column %q", col)
		}
		set("Authors", strings.Join(short, "; "))
		set("Author full names", strings.Join(full, "; "))
		set("Author(s) ID", strings.Join(ids, "; "))
		set("Title", rec.Title)
		set("Year", strconv.Itoa(rec.Date.Year))
		set("Source title", rec.Container)
		set("Volume", rec.Volume)
		set("Issue", rec.Issue)
		set("Page start", rec.FirstPage)
		set("Page end", rec.LastPage)
		set("DOI", rec.Identifier(bib.DOI))
		set("Link", "https://www.scopus.com/inward/record.uri?eid="+eid+"&partnerID=40")
		set("Affiliations", strings.Join(affs, "; "))
		set("Authors with affiliations", strings.Join(withAff, "; "))
		set("Abstract", rec.Abstract)
		set("Author Keywords", strings.Join(authorKW, "; "))
		set("Index Keywords", strings.Join(indexKW, "; "))
		set("Molecular Sequence Numbers", "NA")
		set("Editors", "NA")
		set("ISSN", strings.ReplaceAll(rec.ISSNs[0].Value, "-", ""))
		set("ISBN", "NA")
		set("PubMed ID", rec.Identifier(bib.PMID))
		set("Language of Original Document", "English")
		set("Abbreviated Source Title", rec.ContainerAbbrev)
		set("Document Type", "Article")
		set("Publication Stage", "Final")
		set("Source", "Scopus")
		set("EID", eid)
		if err := w.Write(row); err != nil {
			tb.Fatal(err)
		}
	}
	w.Flush()
	return buf.Bytes()
}
