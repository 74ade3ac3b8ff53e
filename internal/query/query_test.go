package query

import "testing"

func TestParseYears(t *testing.T) {
	for _, tt := range []struct {
		in       string
		from, to int
		bad      bool
	}{
		{"", 0, 0, false},
		{"2020", 2020, 2020, false},
		{" 2020-2023 ", 2020, 2023, false},
		{"2020–2023", 2020, 2023, false},
		{"2020-", 2020, 0, false},
		{"-2023", 0, 2023, false},
		{"2023-2020", 0, 0, true},
		{"-", 0, 0, true},
		{"20", 0, 0, true},
		{"two thousand", 0, 0, true},
	} {
		from, to, err := ParseYears(tt.in)
		if (err != nil) != tt.bad || from != tt.from || to != tt.to {
			t.Errorf("ParseYears(%q) = %d, %d, %v; want %d, %d, error %v", tt.in, from, to, err, tt.from, tt.to, tt.bad)
		}
	}
}

func TestSplitQueryName(t *testing.T) {
	for _, tt := range []struct{ in, family, given string }{
		{"Byng", "Byng", ""},
		{"Byng R", "Byng", "R"},
		{"R Byng", "Byng", "R"},
		{"R. Byng", "Byng", "R."},
		{"Byng, Richard", "Byng", "Richard"},
		{"van der Berg", "van der Berg", ""},
		{"van der Berg JA", "van der Berg", "JA"},
		{"Müller, Anna", "Müller", "Anna"},
	} {
		family, given := splitQueryName(tt.in)
		if family != tt.family || given != tt.given {
			t.Errorf("splitQueryName(%q) = %q, %q; want %q, %q", tt.in, family, given, tt.family, tt.given)
		}
	}
}

func TestFTSQuery(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"collaborative care", "collaborative care"},
		{`"collaborative care" AND psychosis`, `"collaborative care" AND psychosis`},
		{"schizo* OR bipolar NOT mania", "schizo* OR bipolar NOT mania"},
		{"COVID-19 IL-6", `"COVID-19" "IL-6"`},
		{"(care OR support) AND trial", "( care OR support ) AND trial"},
		{"t-test*", `"t-test"*`},
		{"Müller", "Müller"},
		{`say "a"*`, `say "a"*`},
	} {
		got, err := FTSQuery(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("FTSQuery(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, in := range []string{"", "   ", `"unclosed`, "(care", "care)", "***",
		"NOT", "AND care", "care OR", "care AND OR trial", "(NOT care)", "(care AND) trial", "care ()"} {
		if got, err := FTSQuery(in); err == nil {
			t.Errorf("FTSQuery(%q) = %q, want an error", in, got)
		}
	}
}

func TestStatementChecks(t *testing.T) {
	for _, tt := range []struct {
		in     string
		first  string
		second bool
	}{
		{"SELECT 1", "SELECT", false},
		{"  (select 1)", "select", false},
		{"SELECT 1; DELETE FROM works", "SELECT", true},
		{"SELECT ';' AS x", "SELECT", false},
		{"SELECT 1 -- ; DELETE\n", "SELECT", false},
		{"SELECT 1 /* ; */ ", "SELECT", false},
		{"SELECT [a;b] FROM t", "SELECT", false},
		{"WITH x AS (SELECT 1) SELECT * FROM x;", "WITH", false},
		{"-- works by year\nSELECT year FROM works", "SELECT", false},
		{"/* a note */ -- and a line\n  (SELECT 1)", "SELECT", false},
		{"-- a comment then a write\nDELETE FROM works", "DELETE", false},
		{"-- nothing but a comment", "", false},
		{"/* unclosed SELECT 1", "", false},
	} {
		if got := firstWord(tt.in); got != tt.first {
			t.Errorf("firstWord(%q) = %q, want %q", tt.in, got, tt.first)
		}
		if got := hasSecondStatement(tt.in); got != tt.second {
			t.Errorf("hasSecondStatement(%q) = %v, want %v", tt.in, got, tt.second)
		}
	}
}
