package pubmedxml

import (
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/gen"
)

// generate renders n synthetic records as a PubMed XML file (see
// gen.PubMedXML).
func generate(tb testing.TB, n int) ([]byte, []*bib.Record) {
	tb.Helper()
	return gen.PubMedXML(n, 1)
}
