package wos

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/gen"
)

// This file renders generated records the way Web of Science exports them,
// for benchmarks and round trips: the tagged form with its header, wrapped
// titles, one author per line, address groups, cited references and the
// usual counts, and the tab-delimited form with its header row.

var monthTags = []string{"", "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

var languageNames = map[string]string{"eng": "English", "ger": "German", "fre": "French", "spa": "Spanish"}

// wosRecord is a generated record as the cells of a Web of Science export:
// each list value holds one item per element.
type wosRecord struct {
	cells map[string][]string
}

// render turns a generated record into Web of Science fields.
func render(rec *bib.Record, n int) wosRecord {
	c := map[string][]string{}
	set := func(tag string, v ...string) {
		for _, s := range v {
			if s != "" {
				c[tag] = append(c[tag], s)
			}
		}
	}
	set("PT", "J")
	for _, p := range rec.Authors {
		set("AU", p.Family+", "+bib.Initials(p.Given))
		set("AF", p.Family+", "+p.Given)
	}
	set("TI", rec.Title)
	set("SO", strings.ToUpper(rec.Container))
	set("LA", languageNames[rec.Language])
	set("DT", "Article")
	var de, id []string
	for _, k := range rec.Keywords {
		switch k.Vocabulary {
		case bib.VocabAuthor:
			de = append(de, k.Term)
		case bib.VocabMeSH:
			id = append(id, strings.ToUpper(k.Term))
		}
	}
	set("DE", strings.Join(de, "; "))
	set("ID", strings.Join(dedupe(id), "; "))
	set("AB", rec.Abstract)
	// Address groups: the authors of each affiliation in brackets.
	var affs []string
	who := map[string][]string{}
	for _, p := range rec.Authors {
		for _, a := range p.Affiliations {
			if _, ok := who[a]; !ok {
				affs = append(affs, a)
			}
			if l := who[a]; len(l) == 0 || l[len(l)-1] != p.Family+", "+p.Given {
				who[a] = append(who[a], p.Family+", "+p.Given)
			}
		}
	}
	for _, a := range affs {
		set("C1", "["+strings.Join(who[a], "; ")+"] "+a+".")
	}
	if len(rec.Authors) > 0 && len(affs) > 0 {
		p := rec.Authors[0]
		set("RP", fmt.Sprintf("%s, %s (corresponding author), %s.", p.Family, bib.Initials(p.Given), affs[0]))
		set("EM", strings.ToLower(fmt.Sprintf("%s.%d@example.org", bib.Key(p.Family), n)))
	}
	for i := 0; i < 20+n%25; i++ {
		set("CR", fmt.Sprintf("%s %s, %d, %s, V%d, P%d, DOI 10.%d/ref.%d.%d",
			strings.ToUpper(bib.Key(rec.Authors[i%len(rec.Authors)].Family)), "A", 1960+(n+i)%60,
			strings.ToUpper(bib.Key(rec.ContainerAbbrev)), 1+i, 10+i*7, 1000+i, n, i))
	}
	set("NR", fmt.Sprint(len(c["CR"])))
	set("TC", fmt.Sprint(n%97))
	set("Z9", fmt.Sprint(n%97+1))
	set("U1", "0")
	set("U2", fmt.Sprint(n%13))
	set("PU", "GENERATED PUBLISHER LTD")
	set("PI", "LONDON")
	set("PA", "1 EXAMPLE ST, LONDON EC1 1AA, ENGLAND")
	for _, s := range rec.ISSNs {
		if s.Kind == bib.ISSNElectronic {
			set("EI", s.Value)
		} else {
			set("SN", s.Value)
		}
	}
	set("J9", strings.ToUpper(rec.ContainerAbbrev))
	set("JI", rec.ContainerAbbrev)
	if rec.Date.Month > 0 {
		set("PD", monthTags[rec.Date.Month])
	}
	if rec.Date.Year > 0 {
		set("PY", fmt.Sprint(rec.Date.Year))
	}
	set("VL", rec.Volume)
	set("IS", rec.Issue)
	set("BP", rec.FirstPage)
	set("EP", rec.LastPage)
	set("DI", rec.Identifier(bib.DOI))
	set("PG", "10")
	set("WC", "Psychiatry; Public, Environmental & Occupational Health")
	set("SC", "Psychiatry; Public, Environmental & Occupational Health")
	set("GA", fmt.Sprintf("%05X", n))
	set("UT", fmt.Sprintf("WOS:%015d", 100000000+n))
	set("PM", rec.Identifier(bib.PMID))
	set("DA", "2024-01-15")
	return wosRecord{cells: c}
}

func dedupe(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// taggedOrder is the order of tags in a tagged export.
var taggedOrder = strings.Fields(`PT AU AF TI SO LA DT DE ID AB C1 RP EM CR NR TC Z9 U1 U2 PU PI PA SN EI J9 JI PD PY
	VL IS BP EP DI PG WC SC GA UT PM DA`)

// wrapTags are wrapped at the usual width; the rest are written on one line
// per item.
var wrapTags = map[string]bool{"TI": true, "SO": true, "DE": true, "ID": true, "WC": true, "SC": true, "PA": true}

// writeTagged writes one record in the tagged form.
func (w wosRecord) writeTagged(b *bytes.Buffer) {
	for _, tag := range taggedOrder {
		vals := w.cells[tag]
		if len(vals) == 0 {
			continue
		}
		var lines []string
		if wrapTags[tag] {
			lines = wrap(vals[0], 67)
		} else {
			lines = vals
		}
		for i, l := range lines {
			if i == 0 {
				b.WriteString(tag)
				b.WriteByte(' ')
			} else {
				b.WriteString("   ")
			}
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	b.WriteString("ER\n\n")
}

// wrap breaks s at spaces into lines of at most width bytes (a longer word
// stands on a line of its own).
func wrap(s string, width int) []string {
	var out []string
	for len(s) > width {
		i := strings.LastIndexByte(s[:width+1], ' ')
		if i <= 0 {
			i = strings.IndexByte(s, ' ')
			if i < 0 {
				break
			}
		}
		out = append(out, s[:i])
		s = s[i+1:]
	}
	return append(out, s)
}

// tabColumns are the columns of the tab-delimited export.
var tabColumns = strings.Fields(`PT AU BA BE GP AF BF CA TI SO SE BS LA DT CT CY CL SP HO DE ID AB C1 C3 RP EM RI OI FU
	FP FX CR NR TC Z9 U1 U2 PU PI PA SN EI BN J9 JI PD PY VL IS PN SU SI MA BP EP AR DI DL D2 EA PG WC WE SC GA PM
	OA HC HP DA UT`)

// writeTabbed writes one record as a line of the tab-delimited form, with
// the trailing tab and the CRLF Web of Science writes.
func (w wosRecord) writeTabbed(b *bytes.Buffer) {
	for i, tag := range tabColumns {
		if i > 0 {
			b.WriteByte('\t')
		}
		b.WriteString(strings.Join(w.cells[tag], "; "))
	}
	b.WriteString("\t\r\n")
}

// generateTagged returns n generated records as a tagged export and the
// records themselves.
func generateTagged(tb testing.TB, n int) ([]byte, []*bib.Record) {
	tb.Helper()
	var b bytes.Buffer
	b.WriteString("\ufeffFN Clarivate Analytics Web of Science\nVR 1.0\n")
	recs := gen.Records(n, 1)
	for i, rec := range recs {
		render(rec, i+1).writeTagged(&b)
	}
	b.WriteString("EF\n")
	return b.Bytes(), recs
}

// generateTabbed returns n generated records as a tab-delimited export and
// the records themselves.
func generateTabbed(tb testing.TB, n int) ([]byte, []*bib.Record) {
	tb.Helper()
	var b bytes.Buffer
	b.WriteString(strings.Join(tabColumns, "\t"))
	b.WriteString("\t\r\n")
	recs := gen.Records(n, 1)
	for i, rec := range recs {
		render(rec, i+1).writeTabbed(&b)
	}
	return b.Bytes(), recs
}
