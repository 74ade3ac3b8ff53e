package ris

import (
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
)

// TestPlainPMID checks the shortcut addPMID takes for "PMID: 123" against
// bib.NormalizePMID, which it stands in for.
func TestPlainPMID(t *testing.T) {
	for _, val := range []string{
		"PMID: 10000001", "pmid:10000001", "Pmid:  37078520 ", "PMID: 123456789", "PMID: 1234567890",
		"PMID: 0123", "PMID: 0", "PMID:", "PMID: ", "PMID: 12a", "PMID: 12 34", "PMID: PMID 123",
		"PMID: 123 [pmid]", "PMID: 123/", "PMID: \u00a0123\u00a0", "PMID 123", " PMID: 123", "PMID: ١٢٣",
		"PUBMED 123", "12345678",
	} {
		d, ok := plainPMID(val)
		want := bib.NormalizePMID(val)
		if ok && d != want {
			t.Errorf("plainPMID(%q) = %q, but NormalizePMID gives %q", val, d, want)
		}
		var viaAdd, viaBib bib.Record
		addPMID(&viaAdd, val)
		viaBib.AddPMID(val)
		if got, want := viaAdd.Identifier(bib.PMID), viaBib.Identifier(bib.PMID); got != want || len(viaAdd.Identifiers) != len(viaBib.Identifiers) {
			t.Errorf("addPMID(%q) gives %q, AddPMID %q", val, got, want)
		}
	}
}
