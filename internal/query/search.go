// Package query answers questions about a bibdb database: search by
// full text, author, year, journal and keyword; one work in full; the
// records as imported; and read-only SQL. It reads only; writing belongs
// to package store.
package query

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/jmoiron/sqlx"

	"github.com/bibdb/bibdb/internal/bib"
)

// Filter selects works. Every set field must match.
type Filter struct {
	Text     string // full-text query: words, "phrases", AND/OR/NOT, prefix*
	Author   string // "Byng", "Byng R", "R Byng", "Byng, Richard", "Richard Byng"
	YearFrom int    // 0 for no lower bound
	YearTo   int    // 0 for no upper bound
	Journal  string // full title, abbreviation or ISSN
	Keyword  string // keyword or MeSH term ("term*" for a prefix)
	Limit    int    // 0 for no limit
}

// ParseYears reads a year filter: "2020", "2020-2023", "2020-", "-2023".
func ParseYears(s string) (from, to int, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, 0, nil
	}
	parse := func(p string) (int, error) {
		p = strings.TrimSpace(p)
		if p == "" {
			return 0, nil
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 1000 || n > 2999 {
			return 0, fmt.Errorf("bad year %q in %q (use Y, Y1-Y2, Y1- or -Y2)", p, s)
		}
		return n, nil
	}
	if i := strings.IndexAny(s, "-–:"); i >= 0 {
		if from, err = parse(s[:i]); err != nil {
			return 0, 0, err
		}
		if to, err = parse(strings.TrimLeft(s[i:], "-–:")); err != nil {
			return 0, 0, err
		}
		if from != 0 && to != 0 && from > to {
			return 0, 0, fmt.Errorf("year range %q ends before it starts", s)
		}
		if from == 0 && to == 0 {
			return 0, 0, fmt.Errorf("bad year range %q", s)
		}
		return from, to, nil
	}
	y, err := parse(s)
	return y, y, err
}

// Hit is one work found by Search.
type Hit struct {
	ID          int64   `db:"id" json:"id"`
	Year        *int    `db:"year" json:"year"`
	FirstAuthor *string `db:"first_author" json:"first_author"`
	Title       *string `db:"title" json:"title"`
	Journal     *string `db:"journal" json:"journal"`
	DOI         *string `db:"doi" json:"doi"`
	PMID        *string `db:"pmid" json:"pmid"`
	Records     int     `db:"records" json:"records"`
	Rank        float64 `db:"rank" json:"rank,omitempty"`
}

// Search returns the works that match f, best first when f has text (by
// BM25 relevance, the title weighing most), else newest first.
func Search(ctx context.Context, db *sqlx.DB, f Filter) ([]Hit, error) {
	ids, args, err := f.matches(true)
	if err != nil {
		return nil, err
	}
	// The view's columns are worked out for the works found only, after
	// the limit: at a million works, for every match they cost seconds.
	q := "SELECT s.id, s.year, s.first_author, s.title, s.journal, s.doi, s.pmid, s.records, f.rank FROM (" + ids +
		") f JOIN work_summary s ON s.id = f.id ORDER BY " + f.order("f")
	var hits []Hit
	if err := db.SelectContext(ctx, &hits, q, args...); err != nil {
		return nil, searchError(f, err)
	}
	return hits, nil
}

// WorkIDs returns the ids of the works that match f: best first when f has
// text, else in the order the works were made.
func WorkIDs(ctx context.Context, db *sqlx.DB, f Filter) ([]int64, error) {
	ids, args, err := f.matches(false)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		ID   int64   `db:"id"`
		Rank float64 `db:"rank"`
		Year *int    `db:"year"`
	}
	if err := db.SelectContext(ctx, &rows, ids, args...); err != nil {
		return nil, searchError(f, err)
	}
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out, nil
}

func searchError(f Filter, err error) error {
	if strings.Contains(err.Error(), "fts5") {
		return fmt.Errorf("search: cannot read the text query %q: %w", f.Text, err)
	}
	return fmt.Errorf("search: %w", err)
}

// order is the order of Search's results, over a table alias t that has
// the columns id, rank and year.
func (f Filter) order(t string) string {
	if strings.TrimSpace(f.Text) != "" {
		return t + ".rank, " + t + ".id"
	}
	return t + ".year DESC, " + t + ".id DESC" // works without a year last
}

// matches builds the query of the ids of the works that match f, with
// their rank (0 without text) and year, ordered and limited: by Search's
// order (newest first without text) when newestFirst is set, else by id.
//
// Each filter but the year is a set of work ids, from the index of the
// table it concerns. A text query drives the query from the full-text
// index, and the other filters keep or drop what it finds; the unary +
// keeps SQLite from asking the full-text index once for each id of a
// set, which at a million works ran for minutes on a year range. Without
// text, works are read newest first from the index works_year and kept
// while they are in every set, so that a limit stops the reading early.
func (f Filter) matches(newestFirst bool) (string, []any, error) {
	var sets []string
	var args []any
	if f.Author != "" {
		cond, a, err := authorCondition(f.Author)
		if err != nil {
			return "", nil, err
		}
		sets = append(sets, "SELECT sh.work_id FROM authorships sh JOIN authors au ON au.id = sh.author_id WHERE "+cond)
		args = append(args, a...)
	}
	if f.Journal != "" {
		set, a := journalSet(f.Journal)
		sets = append(sets, set)
		args = append(args, a...)
	}
	if f.Keyword != "" {
		set, a := keywordSet(f.Keyword)
		sets = append(sets, set)
		args = append(args, a...)
	}
	var years []string
	var yearArgs []any
	if f.YearFrom != 0 {
		years = append(years, "year >= ?")
		yearArgs = append(yearArgs, f.YearFrom)
	}
	if f.YearTo != 0 {
		years = append(years, "year <= ?")
		yearArgs = append(yearArgs, f.YearTo)
	}
	limit := ""
	if f.Limit > 0 {
		limit = " LIMIT " + strconv.Itoa(f.Limit)
	}

	if strings.TrimSpace(f.Text) != "" {
		text, err := FTSQuery(f.Text)
		if err != nil {
			return "", nil, err
		}
		if len(years) > 0 {
			sets = append(sets, "SELECT id FROM works WHERE "+strings.Join(years, " AND "))
			args = append(args, yearArgs...)
		}
		conds := []string{"works_fts MATCH ?"}
		for _, set := range sets {
			conds = append(conds, "+works_fts.rowid IN ("+set+")")
		}
		q := "SELECT works_fts.rowid AS id, bm25(works_fts, 10.0, 3.0, 5.0, 2.0) AS rank, NULL AS year FROM works_fts WHERE " +
			strings.Join(conds, " AND ") + " ORDER BY rank, id" + limit
		return q, append([]any{text}, args...), nil
	}

	in, order := "+w.id IN (", "w.year DESC, w.id DESC"
	if !newestFirst {
		in, order = "w.id IN (", "w.id"
	}
	var conds []string
	for _, set := range sets {
		conds = append(conds, in+set+")")
	}
	for _, y := range years {
		conds = append(conds, "w."+y)
	}
	args = append(args, yearArgs...)
	where := ""
	if len(conds) > 0 {
		where = " WHERE " + strings.Join(conds, " AND ")
	}
	return "SELECT w.id, 0 AS rank, w.year FROM works w" + where + " ORDER BY " + order + limit, args, nil
}

// authorCondition turns a name as a user types it into a condition on
// authors (alias au): the family name, folded, must match; initials or a
// given name, when given, must agree with the author's given name. A name
// of several words with neither comma nor initials ("Richard Byng",
// "Byng Richard", "van der Berg") may be a family name alone, or a given
// name and a family name in either order: any of these readings matches.
func authorCondition(name string) (string, []any, error) {
	family, given := splitQueryName(name)
	fk := bib.Key(family)
	if fk == "" {
		return "", nil, fmt.Errorf("search: no name in --author %q", name)
	}
	cond, args := nameCondition(family, given)
	if fk2 := bib.Key(name); family == "" || (given == "" && strings.Contains(fk2, " ")) {
		// a group author, or a family name of several words
		cond = "(" + cond + " OR au.name_key = ?)"
		args = append(args, "#"+fk2)
	}
	if toks := strings.Fields(family); given == "" && !strings.Contains(name, ",") && len(toks) > 1 {
		conds := []string{cond}
		for i := 1; i < len(toks); i++ {
			for _, fg := range [][2][]string{{toks[i:], toks[:i]}, {toks[:i], toks[i:]}} {
				c, a := nameCondition(strings.Join(fg[0], " "), strings.Join(fg[1], " "))
				conds = append(conds, "("+c+")")
				args = append(args, a...)
			}
		}
		cond = "(" + strings.Join(conds, " OR ") + ")"
	}
	return cond, args, nil
}

// nameCondition is the condition that an author has the family name and,
// when given is set, initials or a given name that agree with it.
func nameCondition(family, given string) (string, []any) {
	fk := bib.Key(family)
	cond := "(au.name_key >= ? AND au.name_key < ?)"
	args := []any{fk + "|", fk + "}"}
	if !strings.Contains(fk, " ") {
		// "Schalkwyk" finds "van Schalkwyk" and "de la Cruz" "Cruz":
		// the family name after a particle, each a range of the index
		// (in a union, which the planner reads range by range, where it
		// scans every author for as many ranges joined by OR)
		var b strings.Builder
		b.WriteString("au.id IN (SELECT id FROM authors WHERE name_key >= ? AND name_key < ?")
		for _, p := range familyParticles {
			b.WriteString(" UNION ALL SELECT id FROM authors WHERE name_key >= ? AND name_key < ?")
			args = append(args, p+" "+fk+"|", p+" "+fk+"}")
		}
		b.WriteString(")")
		cond = b.String()
	}
	if given == "" {
		return cond, args
	}
	gk := bib.Key(given)
	initials := bib.Initials(given)
	if isInitialsOnly(given) || initials == "" {
		// "Byng R": the author's initials start with these
		return cond + " AND au.initials LIKE ? ESCAPE '\\'", append(args, likePrefix(initials))
	}
	// "Byng, Richard": a given name that starts the same, or an author
	// known only by initials whose first one agrees
	return cond + " AND (substr(au.name_key, instr(au.name_key, '|') + 1) LIKE ? ESCAPE '\\' OR (length(au.given) <= 4 AND au.initials LIKE ? ESCAPE '\\'))",
		append(args, likePrefix(gk), likePrefix(initials[:1]))
}

// familyParticles are the particles, folded, that a family name may begin
// with and a user may leave out of --author.
var familyParticles = [...]string{
	"van", "von", "de", "der", "den", "van der", "van den", "van de", "von der", "de la", "de los", "de las",
	"del", "della", "da", "das", "dos", "di", "du", "des", "le", "la", "ten", "ter", "zu", "van t",
}

// splitQueryName splits "Byng, Richard", "Byng R", "R Byng", "R. Byng" and
// "Byng" into family and given parts.
func splitQueryName(s string) (family, given string) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ','); i >= 0 {
		return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	}
	toks := strings.Fields(s)
	switch {
	case len(toks) <= 1:
		return s, ""
	case isInitialsOnly(toks[len(toks)-1]):
		return strings.Join(toks[:len(toks)-1], " "), toks[len(toks)-1]
	case isInitialsOnly(toks[0]):
		return strings.Join(toks[1:], " "), toks[0]
	}
	return s, "" // a family name of several words: "van der Berg"
}

func isInitialsOnly(t string) bool {
	t = strings.ReplaceAll(strings.ReplaceAll(t, ".", ""), "-", "")
	if t == "" || len([]rune(t)) > 3 {
		return false
	}
	for _, r := range t {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func likePrefix(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s) + "%"
}

// journalSet selects the works of a journal given by ISSN, full title or
// abbreviation (compared folded, ignoring case, accents and punctuation),
// or of a book or proceedings title.
func journalSet(j string) (string, []any) {
	if issns := bib.FindISSNs(j); len(issns) == 1 && len(strings.TrimSpace(j)) <= 10 {
		return "SELECT w.id FROM works w JOIN journal_issns ji ON ji.journal_id = w.journal_id WHERE ji.issn = ?", []any{issns[0]}
	}
	k := bib.Key(j)
	return `SELECT w.id FROM works w JOIN journals jn ON jn.id = w.journal_id WHERE jn.title_key = ? OR jn.abbrev_key = ?
		UNION ALL SELECT w.id FROM works w WHERE w.journal_id IS NULL AND lower(w.container) = lower(?)`, []any{k, k, strings.TrimSpace(j)}
}

// keywordSet selects the works with a keyword of any vocabulary, compared
// folded; a trailing * matches a prefix.
func keywordSet(k string) (string, []any) {
	k = strings.TrimSpace(k)
	if strings.HasSuffix(k, "*") {
		p := bib.Key(strings.TrimSuffix(k, "*"))
		return "SELECT wk.work_id FROM work_keywords wk JOIN keywords kw ON kw.id = wk.keyword_id WHERE kw.term_key >= ? AND kw.term_key < ?",
			[]any{p, p + "\U0010FFFF"}
	}
	return "SELECT wk.work_id FROM work_keywords wk JOIN keywords kw ON kw.id = wk.keyword_id WHERE kw.term_key = ?", []any{bib.Key(k)}
}

// FTSQuery rewrites a user's text query into FTS5 syntax: quoted phrases,
// AND, OR, NOT, parentheses and prefix* pass through; any other word that
// FTS5 would not take as a bare word ("COVID-19", "IL-6", "t-test") is
// quoted, so that typing a term never makes a syntax error.
func FTSQuery(s string) (string, error) {
	var out []string
	rs := []rune(strings.TrimSpace(s))
	depth := 0
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '"':
			j := i + 1
			for j < len(rs) && rs[j] != '"' {
				j++
			}
			if j >= len(rs) {
				return "", fmt.Errorf("search: unclosed quote in %q", s)
			}
			out = append(out, string(rs[i:j+1]))
			i = j + 1
			if i < len(rs) && rs[i] == '*' {
				out[len(out)-1] += "*"
				i++
			}
		case r == '(' || r == ')':
			if r == '(' {
				depth++
			} else {
				depth--
				if depth < 0 {
					return "", fmt.Errorf("search: unbalanced ) in %q", s)
				}
			}
			out = append(out, string(r))
			i++
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && rs[j] != '(' && rs[j] != ')' && rs[j] != '"' {
				j++
			}
			word := string(rs[i:j])
			i = j
			switch word {
			case "AND", "OR", "NOT":
				out = append(out, word)
				continue
			}
			prefix := strings.HasSuffix(word, "*")
			word = strings.TrimRight(word, "*")
			if word == "" {
				continue
			}
			if bare(word) {
				out = append(out, word+map[bool]string{true: "*", false: ""}[prefix])
			} else {
				out = append(out, `"`+strings.ReplaceAll(word, `"`, `""`)+`"`+map[bool]string{true: "*", false: ""}[prefix])
			}
		}
	}
	if depth != 0 {
		return "", fmt.Errorf("search: unbalanced ( in %q", s)
	}
	if len(out) == 0 {
		return "", fmt.Errorf("search: empty text query")
	}
	// AND, OR and NOT stand between two terms: FTS5 reports one anywhere
	// else as a syntax error of its own.
	for i, t := range out {
		if t != "AND" && t != "OR" && t != "NOT" {
			continue
		}
		if i == 0 || i == len(out)-1 || out[i-1] == "(" || out[i+1] == ")" || isOperator(out[i-1]) || isOperator(out[i+1]) {
			return "", fmt.Errorf("search: %s in %q needs a term on each side (a word, \"phrase\" or (group); search for the word itself as \"%s\")", t, s, strings.ToLower(t))
		}
	}
	for i := 1; i < len(out); i++ {
		if out[i-1] == "(" && out[i] == ")" {
			return "", fmt.Errorf("search: empty ( ) in %q", s)
		}
	}
	return strings.Join(out, " "), nil
}

func isOperator(t string) bool { return t == "AND" || t == "OR" || t == "NOT" }

// bare reports whether FTS5 takes w as a bare word: letters, digits, '_'
// and any non-ASCII character.
func bare(w string) bool {
	for _, r := range w {
		if r < 0x80 && !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') {
			return false
		}
	}
	return true
}
