package dedup

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/rules.golden")

// TestRulesVersion keeps, in testdata/rules.golden, what the rules make of
// the records of compareCases: their features, their blocking keys and
// the verdict on each pair. When that changes, RulesVersion must go up:
// the test fails until it has, and -update writes the new golden file
// only then.
func TestRulesVersion(t *testing.T) {
	var body bytes.Buffer
	for _, tt := range compareCases {
		fa, fb := Extract(tt.a), Extract(tt.b)
		r := Compare(fa, fb, Options{})
		fmt.Fprintf(&body, "%s\n  a %q\n    keys %s\n  b %q\n    keys %s\n  %s: %s\n",
			tt.name, fa.Encode(), strings.Join(Keys(fa), " "), fb.Encode(), strings.Join(Keys(fb), " "), r.Verdict, r.Reason)
	}
	golden := filepath.Join("testdata", "rules.golden")
	head := fmt.Sprintf("rules version %d\n", RulesVersion)
	old, err := os.ReadFile(golden)
	if err != nil && !*update {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	oldHead, oldBody, _ := bytes.Cut(old, []byte("\n"))
	changed := !bytes.Equal(oldBody, body.Bytes())
	sameVersion := string(oldHead)+"\n" == head
	switch {
	case changed && sameVersion:
		t.Fatalf("the rules make other features, keys or verdicts than %s records for %s: raise dedup.RulesVersion, then run go test -update", golden, oldHead)
	case *update:
		if err := os.WriteFile(golden, append([]byte(head), body.Bytes()...), 0o644); err != nil {
			t.Fatal(err)
		}
	case !sameVersion:
		t.Fatalf("%s is of %s, the rules are version %d: run go test -update", golden, oldHead, RulesVersion)
	}
}
