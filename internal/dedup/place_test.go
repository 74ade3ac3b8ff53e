package dedup

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/bibdb/bibdb/internal/bib"
	"github.com/bibdb/bibdb/internal/ingest/ris"
)

func member(id int64, r *bib.Record) Member {
	return Member{ID: id, Key: strconv.FormatInt(id, 10), F: Extract(r)}
}

func TestPlaceJoinsAndLinks(t *testing.T) {
	m := NewMemory()
	// Two records of one article that do not match each other directly
	// (one has only the DOI, the other only the PMID and a shortened title)...
	a := with(func(r *bib.Record) { r.AddDOI("10.1192/bjp.2023.28"); r.Volume, r.FirstPage = "", "" })
	b := with(func(r *bib.Record) { r.AddPMID("37078520"); r.Title = "" })
	// ...and a third that matches both.
	c := with(func(r *bib.Record) { r.AddDOI("10.1192/bjp.2023.28"); r.AddPMID("37078520") })
	_, wa, _ := m.Add(member(1, a))
	_, wb, _ := m.Add(member(2, b))
	if wa == wb {
		t.Fatalf("a and b should start apart")
	}
	p, wc, err := m.Add(member(3, c))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Merge) != 1 || m.Work(1) != wc || m.Work(2) != wc {
		t.Errorf("the third record should join and link both works: %+v, works %d %d %d", p, m.Work(1), m.Work(2), wc)
	}
}

func TestPlaceNeverChainsThroughAVeto(t *testing.T) {
	m := NewMemory()
	// The article and its erratum are different works...
	art := with(func(r *bib.Record) { r.Volume, r.FirstPage = "", "" })
	erratum := with(func(r *bib.Record) {
		r.PublicationTypes = []string{"Published Erratum"}
		r.Volume, r.FirstPage = "", ""
	})
	m.Add(member(1, art))
	m.Add(member(2, erratum))
	if m.Work(1) == m.Work(2) {
		t.Fatal("erratum merged with its article")
	}
	// ...and a record that looks like both joins the article only, never
	// both: every member of a work must accept a newcomer.
	m.Add(member(3, with(func(r *bib.Record) { r.Volume, r.FirstPage = "", "" })))
	if m.Work(3) != m.Work(1) || m.Work(1) == m.Work(2) {
		t.Errorf("works: article %d, erratum %d, newcomer %d", m.Work(1), m.Work(2), m.Work(3))
	}
}

func TestPlaceFollowsDecisions(t *testing.T) {
	m := NewMemory()
	m.Decide("1", "2", Different)
	m.Decide("3", "4", Same)
	m.Add(member(1, article()))
	m.Add(member(2, article()))
	if m.Work(1) == m.Work(2) {
		t.Error("records judged different were merged")
	}
	m.Add(member(3, article()))
	m.Add(member(4, with(func(r *bib.Record) { r.Title = "Something else entirely"; r.Date.Year = 1999 })))
	if m.Work(3) != m.Work(4) {
		t.Error("records judged the same were not merged")
	}
}

func TestPlaceQueuesUncertainPairs(t *testing.T) {
	m := NewMemory()
	bare := func(r *bib.Record) {
		r.Volume, r.Issue, r.FirstPage, r.LastPage, r.Container, r.ContainerAbbrev, r.ISSNs = "", "", "", "", "", "", nil
	}
	m.Add(member(1, with(bare)))
	p, _, _ := m.Add(member(2, with(func(r *bib.Record) {
		bare(r)
		r.Title = "Collaborative care for people with severe mental illness in primary care: a cluster trial"
	})))
	if p.Work != 0 || len(p.Review) != 1 || p.Review[0].B.ID != 1 {
		t.Errorf("placement %+v: want a new work and one pair for review", p)
	}
}

// TestLabelledSets clusters the labelled benchmark sets in ../shared/dedup
// (when present) and checks that no two publications are merged and that
// recall does not fall below what the rules reach today; and that Compare
// calls no pair of different publications the same, among all pairs of a
// set and not only those that blocking brings together.
func TestLabelledSets(t *testing.T) {
	root := ""
	for up := 0; up < 6; up++ {
		dir := filepath.Join(filepathRepeat("..", up), "..", "shared", "dedup")
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			root = dir
			break
		}
	}
	if root == "" {
		t.Skip("labelled dedup data not present")
	}
	for name, floor := range map[string]float64{"cytology_screening": 0.99, "diabetes": 0.99, "haematology": 0.80, "special_cases": 0.99} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(root, name)
			gold := readGold(t, filepath.Join(dir, "gold.csv"))
			f, err := os.Open(filepath.Join(dir, name+".ris"))
			if err != nil {
				t.Skip(err)
			}
			defer f.Close()
			m := NewMemory()
			features := map[int]*Features{}
			r := ris.NewReader(f)
			for {
				rec, err := r.Read()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				if _, _, err := m.Add(member(int64(rec.Position), rec)); err != nil {
					t.Fatal(err)
				}
				features[rec.Position] = Extract(rec)
			}
			var truePairs, falsePairs, goldPairs int
			for i := range gold {
				for j := i + 1; j < len(gold); j++ {
					same := gold[i].cluster == gold[j].cluster
					merged := m.Work(int64(gold[i].pos)) == m.Work(int64(gold[j].pos))
					switch {
					case same && merged:
						truePairs++
						goldPairs++
					case same:
						goldPairs++
					case merged:
						falsePairs++
						t.Errorf("false merge: %d and %d", gold[i].pos, gold[j].pos)
					}
					if !same {
						if res := Compare(features[gold[i].pos], features[gold[j].pos], Options{}); res.Verdict == Same {
							t.Errorf("records %d and %d, different publications, compare the same: %s", gold[i].pos, gold[j].pos, res.Reason)
						}
					}
				}
			}
			recall := float64(truePairs) / float64(goldPairs)
			t.Logf("%s: pairs %d/%d, recall %.4f, false %d", name, truePairs, goldPairs, recall, falsePairs)
			if recall < floor {
				t.Errorf("recall %.4f below %.2f", recall, floor)
			}
		})
	}
}

type goldRow struct {
	pos     int
	cluster string
}

func readGold(t *testing.T, path string) []goldRow {
	f, err := os.Open(path)
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []goldRow
	for _, r := range rows[1:] {
		p, err := strconv.Atoi(r[0])
		if err != nil {
			t.Fatal(fmt.Errorf("%s: %w", path, err))
		}
		out = append(out, goldRow{p, r[1]})
	}
	return out
}

func filepathRepeat(s string, n int) string {
	p := "."
	for i := 0; i < n; i++ {
		p = filepath.Join(p, s)
	}
	return p
}

func TestQueryKeysOf(t *testing.T) {
	r := &bib.Record{Title: "Collaborative care for people with severe mental illness", Date: bib.Date{Year: 2023},
		Authors: []bib.Person{{Family: "Byng", Given: "Richard"}}}
	f := Extract(r)
	keys := Keys(f)
	before := slices.Clone(keys)
	if got, want := QueryKeysOf(f, keys), QueryKeys(f); !slices.Equal(got, want) {
		t.Errorf("QueryKeysOf = %q, want %q", got, want)
	}
	if !slices.Equal(keys, before) {
		t.Errorf("QueryKeysOf changed the keys it was given: %q, was %q", keys, before)
	}
}
