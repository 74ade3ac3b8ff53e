package enw

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

var monthNames = strings.Fields("January February March April May June July August September October November December")

// generate renders n synthetic records as EndNote writes its tagged
// export: one tag per line, several values of one field on continuation
// lines, CRLF line ends, a blank line after each record.
func generate(tb testing.TB, n int) []byte {
	tb.Helper()
	var b bytes.Buffer
	g := gen.New(gen.Options{Seed: 1})
	for i := 0; i < n; i++ {
		rec, _ := g.Next()
		writeRecord(&b, rec)
	}
	return b.Bytes()
}

func tag(b *bytes.Buffer, t string, values ...string) {
	var vs []string
	for _, v := range values {
		if v != "" {
			vs = append(vs, v)
		}
	}
	if len(vs) == 0 {
		return
	}
	b.WriteString("%" + t + " " + strings.Join(vs, "\r\n") + "\r\n")
}

func writeRecord(b *bytes.Buffer, rec *bib.Record) {
	tag(b, "0", "Journal Article")
	var affs []string
	for _, p := range rec.Authors {
		tag(b, "A", p.String())
		affs = append(affs, p.Affiliations...)
	}
	tag(b, "+", affs...)
	tag(b, "T", rec.Title)
	tag(b, "J", rec.Container)
	tag(b, "O", rec.ContainerAbbrev)
	tag(b, "D", strconv.Itoa(rec.Date.Year))
	if rec.Date.Month != 0 {
		tag(b, "8", fmt.Sprintf("%s  1, %d", monthNames[rec.Date.Month-1], rec.Date.Year))
	}
	tag(b, "V", rec.Volume)
	tag(b, "N", rec.Issue)
	tag(b, "P", rec.Pages())
	var issns []string
	for _, s := range rec.ISSNs {
		kind := "Print"
		if s.Kind == bib.ISSNElectronic {
			kind = "Electronic"
		}
		issns = append(issns, s.Value+" ("+kind+")")
	}
	tag(b, "@", issns...)
	tag(b, "R", rec.Identifier(bib.DOI))
	tag(b, "M", rec.Identifier(bib.PMID))
	var kws []string
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
		kws = append(kws, term)
	}
	tag(b, "K", kws...)
	tag(b, "X", rec.Abstract)
	if pmid := rec.Identifier(bib.PMID); pmid != "" {
		tag(b, "U", "https://www.ncbi.nlm.nih.gov/pubmed/"+pmid)
	}
	tag(b, "G", rec.Language)
	tag(b, "9", rec.PublicationTypes...)
	tag(b, "~", rec.Database)
	tag(b, "W", "NLM")
	b.WriteString("\r\n")
}

// TestGeneratedRoundTrip checks that what the generator writes comes back.
func TestGeneratedRoundTrip(t *testing.T) {
	const n = 300
	recs, perrs, err := readAllBytes(generate(t, n))
	if err != nil || len(perrs) > 0 {
		t.Fatalf("errors: %v %v", err, perrs)
	}
	ingesttest.CheckGenerated(t, recs, n, ingesttest.GeneratedFields, func(i int, got *bib.Record) {
		if got.Type != "article-journal" {
			t.Errorf("record %d: type %q", i+1, got.Type)
		}
		if got.Database != "PubMed" || got.Position != i+1 {
			t.Fatalf("record %d: database %q, position %d", i+1, got.Database, got.Position)
		}
	})
}
