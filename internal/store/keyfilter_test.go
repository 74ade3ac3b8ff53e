package store

import (
	"math/rand/v2"
	"testing"
)

func TestKeyFilter(t *testing.T) {
	const n = 300000
	rng := rand.New(rand.NewPCG(1, 2))
	f := newKeyFilter(n)
	added := make(map[int64]bool, n)
	for len(added) < n {
		h := int64(rng.Uint64())
		added[h] = true
		f.add(h)
	}
	for h := range added {
		if !f.mayHave(h) {
			t.Fatalf("key %d was added but the filter says no", h)
		}
	}
	falsePositives, tries := 0, 0
	for tries < n {
		h := int64(rng.Uint64())
		if added[h] {
			continue
		}
		tries++
		if f.mayHave(h) {
			falsePositives++
		}
	}
	if rate := float64(falsePositives) / float64(tries); rate > 0.02 {
		t.Errorf("false positive rate %.4f at capacity, want about 0.01", rate)
	}
	if f.full() {
		t.Error("filter full at its capacity")
	}
	f.add(1)
	if !f.full() {
		t.Error("filter not full past its capacity")
	}
}
