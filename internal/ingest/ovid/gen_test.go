package ovid

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/gen"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

var monthAbbrevs = strings.Fields("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")

// generate renders n synthetic records as Ovid MEDLINE writes its
// "Complete Reference" export with short tags: a record number line, one
// line per value, the full names in FA and the addresses in IN led by
// them, the citation in SO as well as in its own fields, CRLF line ends.
func generate(tb testing.TB, n int) []byte {
	tb.Helper()
	var b bytes.Buffer
	g := gen.New(gen.Options{Seed: 1})
	for i := 0; i < n; i++ {
		rec, _ := g.Next()
		writeRecord(&b, i+1, rec)
	}
	return b.Bytes()
}

func tag(b *bytes.Buffer, t string, values ...string) {
	for _, v := range values {
		if v != "" {
			b.WriteString(t + "  - " + v + "\r\n")
		}
	}
}

func writeRecord(b *bytes.Buffer, n int, rec *bib.Record) {
	fmt.Fprintf(b, "<%d. >\r\n", n)
	tag(b, "VN", "Ovid Technologies")
	tag(b, "DB", "Ovid MEDLINE(R) ALL")
	tag(b, "UI", rec.Identifier(bib.PMID))
	tag(b, "TI", rec.Title)
	date := strconv.Itoa(rec.Date.Year)
	if rec.Date.Month != 0 {
		date += " " + monthAbbrevs[rec.Date.Month-1]
	}
	tag(b, "SO", fmt.Sprintf("%s. %s(%s):%s, %s.", rec.Container, rec.Volume, rec.Issue, rec.Pages(), date))
	tag(b, "JN", rec.Container)
	tag(b, "JA", rec.ContainerAbbrev)
	tag(b, "VI", rec.Volume)
	tag(b, "IP", rec.Issue)
	tag(b, "PG", rec.Pages())
	for _, p := range rec.Authors {
		tag(b, "AU", p.FamilyName()+" "+p.Initials())
	}
	for _, p := range rec.Authors {
		tag(b, "FA", p.String())
	}
	for _, p := range rec.Authors {
		for _, a := range p.Affiliations {
			tag(b, "IN", p.String()+". "+a)
		}
	}
	for _, s := range rec.ISSNs {
		kind := "Print"
		if s.Kind == bib.ISSNElectronic {
			kind = "Electronic"
		}
		tag(b, "IS", s.Value+" ("+kind+")")
	}
	tag(b, "LG", rec.Language)
	for _, k := range rec.Keywords {
		switch k.Vocabulary {
		case bib.VocabMeSH:
			term := k.Term
			if k.Major {
				term = "*" + term
			}
			if k.Qualifier != "" {
				term += "/" + k.Qualifier
			}
			tag(b, "MH", term)
		default:
			tag(b, "KW", k.Term)
		}
	}
	tag(b, "AB", rec.Abstract)
	tag(b, "DP", date)
	tag(b, "YR", strconv.Itoa(rec.Date.Year))
	tag(b, "DO", rec.Identifier(bib.DOI))
	tag(b, "PT", "Journal Article")
	tag(b, "ED", fmt.Sprintf("%d0101", rec.Date.Year))
	b.WriteString("\r\n")
}

// TestGeneratedRoundTrip checks that what the generator writes comes back.
func TestGeneratedRoundTrip(t *testing.T) {
	const n = 300
	recs, perrs, err := readAllBytes(generate(t, n))
	if err != nil || len(perrs) > 0 {
		t.Fatalf("errors: %v %v", err, perrs)
	}
	fields := append([]string{ingesttest.FAuthorDetails}, ingesttest.GeneratedFields...)
	ingesttest.CheckGenerated(t, recs, n, fields, func(i int, got *bib.Record) {
		if got.Type != "article-journal" || got.Position != i+1 || len(got.Editors) > 0 {
			t.Fatalf("record %d: type %q, position %d, editors %v", i+1, got.Type, got.Position, got.Editors)
		}
	})
}

// BenchmarkRead reads 50 000 generated records.
func BenchmarkRead(b *testing.B) {
	ingesttest.BenchmarkRead(b, generate(b, 50000), 50000, func(r io.Reader) ingesttest.Reader { return NewReader(r) })
}
