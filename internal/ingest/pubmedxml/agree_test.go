package pubmedxml

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest/ingesttest"
)

// TestAgreesWithEncodingXML checks the lean parser against the standard
// library's: every record read is well-formed XML to encoding/xml too (with
// HTML entities allowed), with the same PMID and the same title text.
func TestAgreesWithEncodingXML(t *testing.T) {
	t.Run("generated and testdata", func(t *testing.T) {
		data, _ := generate(t, 200)
		files, _ := filepath.Glob(filepath.Join("testdata", "*.input"))
		if n := checkAgreement(t, "generated", data) + checkFiles(t, files); n < 200 {
			t.Errorf("only %d records checked", n)
		}
	})
	t.Run("corpus", func(t *testing.T) {
		files, _ := filepath.Glob(filepath.Join(ingesttest.CorpusDir(t, "pubmedxml"), "*.xml"))
		checkFiles(t, files)
	})
}

func checkFiles(t *testing.T, files []string) int {
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n += checkAgreement(t, filepath.Base(f), b)
	}
	return n
}

// checkAgreement reads b and compares each record with what encoding/xml
// makes of its raw text; it returns the number of records compared.
func checkAgreement(t *testing.T, name string, b []byte) int {
	t.Helper()
	recs, _, err := ingesttest.ReadAll(NewReader(bytes.NewReader(b)))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, r := range recs {
		if hasWarning(r, "unknown entity") || hasWarning(r, "control characters") {
			continue // leniencies encoding/xml does not share
		}
		pmid, title, err := reference(r.Raw)
		if err != nil {
			t.Errorf("%s record %d: encoding/xml: %v", name, r.Position, err)
			continue
		}
		if pmid != r.SourceID && r.Warnings == nil {
			t.Errorf("%s record %d: PMID %q, encoding/xml %q", name, r.Position, r.SourceID, pmid)
		}
		if title != "" && title != r.Title {
			t.Errorf("%s record %d: title\n %q\nencoding/xml\n %q", name, r.Position, r.Title, title)
		}
		checked++
	}
	return checked
}

// underlined maps the text of an underlined sign to the sign it stands for.
var underlined = map[string]string{"<": "≤", ">": "≥", "+": "±"}

// reference decodes one record with encoding/xml and returns the first
// MedlineCitation PMID and the text of ArticleTitle (MathML annotations
// left out and underlined signs read, as the reader does).
func reference(raw string) (pmid, title string, err error) {
	d := xml.NewDecoder(strings.NewReader(raw))
	d.Entity = xml.HTMLEntity
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var path []string
	var tb strings.Builder
	skip := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", "", err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			path = append(path, tok.Name.Local)
			if skip > 0 || tok.Name.Local == "annotation" || tok.Name.Local == "annotation-xml" {
				skip++
			}
		case xml.EndElement:
			path = path[:len(path)-1]
			if skip > 0 {
				skip--
			}
		case xml.CharData:
			in := func(name string) bool {
				for _, p := range path {
					if p == name {
						return true
					}
				}
				return false
			}
			switch {
			case skip > 0:
			case in("ArticleTitle") && !in("CommentsCorrections") && !in("ReferenceList"):
				if sign, ok := underlined[string(tok)]; ok && path[len(path)-1] == "u" {
					tb.WriteString(sign) // an underlined "<" is "≤"
					break
				}
				tb.Write(tok)
			case pmid == "" && len(path) > 0 && path[len(path)-1] == "PMID" && !in("CommentsCorrections") && !in("DeleteCitation"):
				pmid = bib.NormalizePMID(string(tok))
			}
		}
	}
	return pmid, bib.NFC(bib.CleanText(tb.String())), nil
}
