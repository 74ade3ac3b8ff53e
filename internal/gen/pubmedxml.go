package gen

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/bibdb/bibdb/internal/bib"
)

// PubMedXML renders n generated records as a PubMed XML file, as efetch
// and the PubMed baseline write them: a declaration, a DOCTYPE and a
// PubmedArticleSet.
func PubMedXML(n int, seed int64) ([]byte, []*bib.Record) {
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" ?>` + "\n")
	b.WriteString(`<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">` + "\n")
	b.WriteString("<PubmedArticleSet>\n")
	g := New(Options{Seed: seed})
	recs := make([]*bib.Record, 0, n)
	for i := 0; i < n; i++ {
		rec, _ := g.Next()
		WritePubMedArticle(&b, rec)
		recs = append(recs, rec)
	}
	b.WriteString("</PubmedArticleSet>\n")
	return b.Bytes(), recs
}

var monthAbbr = []string{"", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// WritePubMedArticle renders one record as a PubmedArticle element, the
// way efetch writes one: dates, journal, authors with affiliations, MeSH,
// keywords and history. Benchmarks and tests of PubMed XML use it.
func WritePubMedArticle(b *bytes.Buffer, rec *bib.Record) {
	esc := func(s string) string {
		var sb strings.Builder
		xml.EscapeText(&sb, []byte(s))
		return sb.String()
	}
	yn := func(v bool) string {
		if v {
			return "Y"
		}
		return "N"
	}
	pmid := rec.Identifier(bib.PMID)
	year := rec.Date.Year
	fmt.Fprintf(b, "<PubmedArticle>\n    <MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\" IndexingMethod=\"Automated\">\n        <PMID Version=\"1\">%s</PMID>\n", pmid)
	fmt.Fprintf(b, "        <DateCompleted>\n            <Year>%d</Year>\n            <Month>%02d</Month>\n            <Day>12</Day>\n        </DateCompleted>\n", year+1, rec.Date.Month)
	fmt.Fprintf(b, "        <DateRevised>\n            <Year>%d</Year>\n            <Month>03</Month>\n            <Day>02</Day>\n        </DateRevised>\n", year+2)
	b.WriteString("        <Article PubModel=\"Print-Electronic\">\n            <Journal>\n")
	var linking string
	for _, s := range rec.ISSNs {
		kind := "Print"
		if s.Kind == bib.ISSNElectronic {
			kind = "Electronic"
		} else if linking == "" {
			linking = s.Value
		}
		fmt.Fprintf(b, "                <ISSN IssnType=\"%s\">%s</ISSN>\n", kind, s.Value)
	}
	fmt.Fprintf(b, "                <JournalIssue CitedMedium=\"Internet\">\n                    <Volume>%s</Volume>\n                    <Issue>%s</Issue>\n", esc(rec.Volume), esc(rec.Issue))
	fmt.Fprintf(b, "                    <PubDate>\n                        <Year>%d</Year>\n", year)
	if rec.Date.Month > 0 {
		fmt.Fprintf(b, "                        <Month>%s</Month>\n", monthAbbr[rec.Date.Month])
	}
	b.WriteString("                    </PubDate>\n                </JournalIssue>\n")
	fmt.Fprintf(b, "                <Title>%s</Title>\n                <ISOAbbreviation>%s</ISOAbbreviation>\n            </Journal>\n", esc(rec.Container), esc(rec.ContainerAbbrev))
	fmt.Fprintf(b, "            <ArticleTitle>%s</ArticleTitle>\n", esc(rec.Title))
	if rec.FirstPage != "" {
		// MEDLINE abbreviates the last page: 1234-1245 becomes 1234-45.
		first, last := rec.FirstPage, rec.LastPage
		short := last
		for len(short) > 1 && len(short) <= len(first) && short[0] == first[len(first)-len(short)] {
			short = short[1:]
		}
		fmt.Fprintf(b, "            <Pagination>\n                <StartPage>%s</StartPage>\n                <EndPage>%s</EndPage>\n                <MedlinePgn>%s-%s</MedlinePgn>\n            </Pagination>\n", first, last, first, short)
	}
	if doi := rec.Identifier(bib.DOI); doi != "" {
		fmt.Fprintf(b, "            <ELocationID EIdType=\"doi\" ValidYN=\"Y\">%s</ELocationID>\n", esc(doi))
	}
	fmt.Fprintf(b, "            <Abstract>\n                <AbstractText>%s</AbstractText>\n                <CopyrightInformation>© %d The Authors.</CopyrightInformation>\n            </Abstract>\n", esc(rec.Abstract), year)
	b.WriteString("            <AuthorList CompleteYN=\"Y\">\n")
	for _, p := range rec.Authors {
		fmt.Fprintf(b, "                <Author ValidYN=\"Y\">\n                    <LastName>%s</LastName>\n                    <ForeName>%s</ForeName>\n                    <Initials>%s</Initials>\n", esc(p.Family), esc(p.Given), bib.Initials(p.Given))
		for _, a := range p.Affiliations {
			fmt.Fprintf(b, "                    <AffiliationInfo>\n                        <Affiliation>%s</Affiliation>\n                    </AffiliationInfo>\n", esc(a))
		}
		b.WriteString("                </Author>\n")
	}
	b.WriteString("            </AuthorList>\n")
	fmt.Fprintf(b, "            <Language>%s</Language>\n            <PublicationTypeList>\n", rec.Language)
	for _, t := range rec.PublicationTypes {
		fmt.Fprintf(b, "                <PublicationType UI=\"D016428\">%s</PublicationType>\n", esc(t))
	}
	b.WriteString("            </PublicationTypeList>\n")
	fmt.Fprintf(b, "            <ArticleDate DateType=\"Electronic\">\n                <Year>%d</Year>\n                <Month>01</Month>\n                <Day>15</Day>\n            </ArticleDate>\n        </Article>\n", year)
	fmt.Fprintf(b, "        <MedlineJournalInfo>\n            <Country>England</Country>\n            <MedlineTA>%s</MedlineTA>\n            <NlmUniqueID>0342367</NlmUniqueID>\n", esc(rec.ContainerAbbrev))
	if linking != "" {
		fmt.Fprintf(b, "            <ISSNLinking>%s</ISSNLinking>\n", linking)
	}
	b.WriteString("        </MedlineJournalInfo>\n        <CitationSubset>IM</CitationSubset>\n        <MeshHeadingList>\n")
	var kws []bib.Keyword
	for _, k := range rec.Keywords {
		if k.Vocabulary == bib.VocabMeSH {
			b.WriteString("            <MeshHeading>\n")
			if k.Qualifier == "" {
				fmt.Fprintf(b, "                <DescriptorName UI=\"D006801\" MajorTopicYN=\"%s\">%s</DescriptorName>\n", yn(k.Major), esc(k.Term))
			} else {
				fmt.Fprintf(b, "                <DescriptorName UI=\"D006801\" MajorTopicYN=\"N\">%s</DescriptorName>\n", esc(k.Term))
				fmt.Fprintf(b, "                <QualifierName UI=\"Q000628\" MajorTopicYN=\"%s\">%s</QualifierName>\n", yn(k.Major), esc(k.Qualifier))
			}
			b.WriteString("            </MeshHeading>\n")
		} else {
			kws = append(kws, k)
		}
	}
	b.WriteString("        </MeshHeadingList>\n")
	if len(kws) > 0 {
		b.WriteString("        <KeywordList Owner=\"NOTNLM\">\n")
		for _, k := range kws {
			fmt.Fprintf(b, "            <Keyword MajorTopicYN=\"N\">%s</Keyword>\n", esc(k.Term))
		}
		b.WriteString("        </KeywordList>\n")
	}
	b.WriteString("    </MedlineCitation>\n    <PubmedData>\n        <History>\n")
	for _, st := range []string{"received", "accepted", "pubmed", "medline", "entrez"} {
		fmt.Fprintf(b, "            <PubMedPubDate PubStatus=\"%s\">\n                <Year>%d</Year>\n                <Month>2</Month>\n                <Day>3</Day>\n            </PubMedPubDate>\n", st, year)
	}
	b.WriteString("        </History>\n        <PublicationStatus>ppublish</PublicationStatus>\n        <ArticleIdList>\n")
	fmt.Fprintf(b, "            <ArticleId IdType=\"pubmed\">%s</ArticleId>\n", pmid)
	if doi := rec.Identifier(bib.DOI); doi != "" {
		fmt.Fprintf(b, "            <ArticleId IdType=\"doi\">%s</ArticleId>\n", esc(doi))
	}
	b.WriteString("        </ArticleIdList>\n    </PubmedData>\n</PubmedArticle>\n")
}
