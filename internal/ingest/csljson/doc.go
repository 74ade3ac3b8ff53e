// Package csljson reads and writes CSL-JSON, the citation data format of
// the Citation Style Language (CSL 1.0.2 csl-data.json schema), used by
// Zotero, Pandoc, citation.js and Better BibTeX.
package csljson
