package endnotexml

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/gen"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

// generate renders n synthetic records as EndNote itself writes its XML
// export: the whole file on one line, every value in a <style> run,
// several values of one field separated by &#xD;.
func generate(tb testing.TB, n int) []byte {
	tb.Helper()
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" ?><xml><records>`)
	g := gen.New(gen.Options{Seed: 1})
	for i := 0; i < n; i++ {
		rec, _ := g.Next()
		writeRecord(&b, rec, i+1)
	}
	b.WriteString(`</records></xml>`)
	return b.Bytes()
}

var monthNames = strings.Fields("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "\r", "&#xD;", "\n", "&#xD;")

// styled writes <name><style ...>value</style></name>.
func styled(b *bytes.Buffer, name, value string) {
	if value == "" {
		return
	}
	b.WriteString("<" + name + `><style face="normal" font="default" size="100%">`)
	xmlEscaper.WriteString(b, value)
	b.WriteString("</style></" + name + ">")
}

func writeRecord(b *bytes.Buffer, rec *bib.Record, n int) {
	b.WriteString("<record>")
	b.WriteString("<database name=\"Review library.enl\" path=\"C:\\Users\\reviewer\\Documents\\Review\nlibrary.enl\">Review library.enl</database>")
	b.WriteString(`<source-app name="EndNote" version="20.6">EndNote</source-app>`)
	fmt.Fprintf(b, `<rec-number>%d</rec-number><foreign-keys><key app="EN" db-id="a9xsd2z0tzs5p2edx5rvx2z8s9vvtwzfx5sz" timestamp="1700000000">%d</key></foreign-keys>`, n, n)
	b.WriteString(`<ref-type name="Journal Article">17</ref-type>`)
	b.WriteString("<contributors><authors>")
	var affs []string
	for _, p := range rec.Authors {
		styled(b, "author", p.String())
		affs = append(affs, p.Affiliations...)
	}
	b.WriteString("</authors></contributors>")
	styled(b, "auth-address", strings.Join(affs, "\r"))
	b.WriteString("<titles>")
	styled(b, "title", rec.Title)
	styled(b, "secondary-title", rec.Container)
	styled(b, "alt-title", rec.ContainerAbbrev)
	b.WriteString("</titles><periodical>")
	styled(b, "full-title", rec.Container)
	styled(b, "abbr-1", rec.ContainerAbbrev)
	b.WriteString("</periodical>")
	styled(b, "pages", rec.Pages())
	styled(b, "volume", rec.Volume)
	styled(b, "number", rec.Issue)
	styled(b, "edition", fmt.Sprintf("%d/%02d/01", rec.Date.Year, max(rec.Date.Month, 1)))
	b.WriteString("<keywords>")
	for _, k := range rec.Keywords {
		term := k.Term
		if k.Vocabulary == bib.VocabMeSH {
			if k.Major {
				term = "*" + term
			}
			if k.Qualifier != "" {
				term += "/" + k.Qualifier
			}
		}
		styled(b, "keyword", term)
	}
	b.WriteString("</keywords><dates>")
	styled(b, "year", strconv.Itoa(rec.Date.Year))
	if rec.Date.Month != 0 {
		b.WriteString("<pub-dates>")
		styled(b, "date", monthNames[rec.Date.Month-1]+" 15")
		b.WriteString("</pub-dates>")
	}
	b.WriteString("</dates>")
	var issns []string
	for _, s := range rec.ISSNs {
		kind := "Print"
		if s.Kind == bib.ISSNElectronic {
			kind = "Electronic"
		}
		issns = append(issns, s.Value+" ("+kind+")")
	}
	styled(b, "isbn", strings.Join(issns, "\r"))
	styled(b, "accession-num", rec.Identifier(bib.PMID))
	styled(b, "abstract", rec.Abstract)
	styled(b, "notes", "Published online ahead of print")
	styled(b, "work-type", strings.Join(rec.PublicationTypes, "\r"))
	b.WriteString("<urls><related-urls>")
	if pmid := rec.Identifier(bib.PMID); pmid != "" {
		styled(b, "url", "https://www.ncbi.nlm.nih.gov/pubmed/"+pmid)
	}
	b.WriteString("</related-urls></urls>")
	styled(b, "electronic-resource-num", rec.Identifier(bib.DOI))
	styled(b, "remote-database-name", rec.Database)
	styled(b, "remote-database-provider", "NLM")
	styled(b, "language", rec.Language)
	b.WriteString("</record>")
}

// TestGeneratedRoundTrip checks that what the generator writes comes back.
func TestGeneratedRoundTrip(t *testing.T) {
	const n = 300
	recs, perrs, err := readAllBytes(generate(t, n))
	if err != nil || len(perrs) > 0 {
		t.Fatalf("errors: %v %v", err, perrs)
	}
	ingesttest.CheckGenerated(t, recs, n, ingesttest.GeneratedFields, func(i int, got *bib.Record) {
		if got.Database != "PubMed" || got.SourceID != strconv.Itoa(i+1) || got.Position != i+1 {
			t.Fatalf("record %d: database %q, source id %q, position %d", i+1, got.Database, got.SourceID, got.Position)
		}
	})
}
