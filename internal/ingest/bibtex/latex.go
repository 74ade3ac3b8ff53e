package bibtex

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bibdb/bibdb/internal/bib"
)

// Text turns the LaTeX of a BibTeX value into plain Unicode text: accent
// commands become accented letters ({\"u}, \"{u}, \'e, \v{r}, \c{c}, \k{a},
// \r{a}, \'{\i}), letter commands become letters (\ss, \o, \aa, \ae, \l, \i),
// escaped specials become themselves (\&, \%, \$, \#, \_, \{, \}), ~ is a
// space, -- and --- are dashes, doubled backquotes and apostrophes are
// curly double quotes (a single backquote is an opening quote), formatting
// commands keep their text (\textit{...}, \emph{...}, {\em ...}, \url{...},
// \href{url}{text}), math ($...$) keeps a readable form (Greek letters and
// common symbols as Unicode, x^2 as x², H_2 as H₂, n^{1/2} as n^(1/2): see
// script), protective braces are dropped, a control word swallows the
// spaces after it as in TeX (see symbolWord), HTML character references
// left in the text are decoded (see entities), and white space is
// collapsed. The result is in NFC.
//
// An unknown command with an argument keeps the argument's text; one
// without is kept as written ("\unknown").
func Text(s string) string {
	switch plain(s) {
	case plainASCII:
		return s
	case plainText:
		return bib.NFC(bib.CleanText(s))
	}
	var d decoder
	d.b.Grow(len(s))
	d.run(s)
	return bib.NFC(bib.CleanText(entities(d.b.String())))
}

// entities decodes the HTML character references that exports leave in
// values, once the LaTeX is read: ACM writes "Needs \&\#38; Motivations"
// and "People\&\#x2019;s", which are "&#38;" and "&#x2019;" in the text,
// others "&amp;". Numeric references and &amp;, &lt;, &gt;, &quot;,
// &apos; and &nbsp; are decoded; a reference must end in ';', so "R\&D"
// and "AT\&T;" stay as they are.
func entities(s string) string {
	i := strings.IndexByte(s, '&')
	if i < 0 || strings.IndexByte(s[i:], ';') < 0 {
		return s // the common case, "R&D": no builder
	}
	// Nor is one made for text whose '&' start no reference, as in a
	// list of MeSH terms ("Stroke/prevention & control; Humans"): the
	// text before the first reference is copied as it is.
	for {
		if _, n := reference(s[i:]); n > 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '&')
		if j < 0 {
			return s
		}
		i += 1 + j
	}
	var b strings.Builder
	b.Grow(len(s))
	for i >= 0 {
		b.WriteString(s[:i])
		s = s[i:]
		r, n := reference(s)
		if n == 0 {
			b.WriteByte('&')
			s = s[1:]
		} else {
			b.WriteRune(r)
			s = s[n:]
		}
		i = strings.IndexByte(s, '&')
	}
	b.WriteString(s)
	return b.String()
}

// reference reads the character reference at the start of s ("&#38;",
// "&#x2019;", "&amp;") and returns its character and length, or a length
// of 0 when there is none.
func reference(s string) (rune, int) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 10 {
		return 0, 0
	}
	name := s[1:end]
	if name[0] != '#' {
		if r, ok := namedEntities[name]; ok {
			return r, end + 1
		}
		return 0, 0
	}
	digits, base := name[1:], 10
	if digits != "" && (digits[0] == 'x' || digits[0] == 'X') {
		digits, base = digits[1:], 16
	}
	if digits == "" || digits[0] == '+' || digits[0] == '-' {
		return 0, 0
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || n == 0 || !utf8.ValidRune(rune(n)) {
		return 0, 0
	}
	return rune(n), end + 1
}

var namedEntities = map[string]rune{"amp": '&', "lt": '<', "gt": '>', "quot": '"', "apos": '\'', "nbsp": '\u00a0'}

// Kinds of text for Text's fast path.
const (
	latex      = iota // LaTeX to decode
	plainText         // no LaTeX, but white space or Unicode to normalize
	plainASCII        // clean printable ASCII: nothing to do
)

// plain tells whether s holds LaTeX that Text must decode and, when it
// does not, whether it is clean ASCII that needs nothing at all.
func plain(s string) int {
	kind := plainASCII
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		kind = plainText
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if special[c] {
			switch c {
			case '-':
				if i+1 < len(s) && s[i+1] == '-' {
					return latex
				}
				continue
			case '\'':
				if i+1 < len(s) && s[i+1] == '\'' {
					return latex
				}
				continue
			case ' ':
				if i+1 < len(s) && s[i+1] == ' ' {
					kind = plainText
				}
				continue
			case '&':
				if i+1 < len(s) && (s[i+1] == '#' || isLetter(s[i+1])) {
					return latex // perhaps a character reference
				}
				continue
			}
			return latex
		}
		if c < ' ' || c >= 0x7f {
			kind = plainText
		}
	}
	return kind
}

// special are the bytes plain looks at.
var special = func() (t [256]bool) {
	for _, c := range "\\{}$~`-' &" {
		t[c] = true
	}
	return t
}()

// Verbatim cleans a value that BibTeX tools treat as verbatim (url, doi,
// eprint): braces and \url{...} wrappers are dropped and escaped specials
// unescaped, nothing else is touched.
func Verbatim(s string) string {
	if s == "" {
		return "" // a field the entry does not have, as most asked for are
	}
	if strings.IndexByte(s, '\\') < 0 && strings.IndexByte(s, '{') < 0 && strings.IndexByte(s, '}') < 0 {
		return strings.TrimSpace(s)
	}
	for _, w := range []string{`\url{`, `\href{`, `\doi{`, `\path{`} {
		if i := strings.Index(s, w); i >= 0 {
			inner := s[i+len(w):]
			if j := strings.IndexByte(inner, '}'); j >= 0 {
				inner = inner[:j]
			}
			s = inner
			break
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '{' || c == '}':
			continue
		case c == '\\' && i+1 < len(s) && strings.IndexByte(`_%&#$~{}/ `, s[i+1]) >= 0:
			i++
			b.WriteByte(s[i])
			continue
		case c == '\\' && strings.HasPrefix(s[i:], `\textunderscore`):
			b.WriteByte('_')
			i += len(`\textunderscore`) - 1
			continue
		}
		b.WriteByte(c)
	}
	return strings.TrimSpace(b.String())
}

// decoder writes the plain text of LaTeX source into b.
type decoder struct {
	b    strings.Builder
	math bool
	// mathStart is the length of b where the current math began: a space
	// before it is the text's, not the formula's.
	mathStart int
}

// setMath enters (or leaves) math.
func (d *decoder) setMath(on bool) {
	d.math = on
	d.mathStart = d.b.Len()
}

func (d *decoder) run(s string) {
	for i := 0; i < len(s); {
		i = d.step(s, i)
	}
}

// step decodes the token of s at i and returns the index after it.
func (d *decoder) step(s string, i int) int {
	c := s[i]
	switch c {
	case '{':
		inner, next := group(s, i)
		d.run(inner)
		return next
	case '}':
		return i + 1 // unbalanced: dropped
	case '\\':
		return d.command(s, i)
	case '$':
		if i+1 < len(s) && s[i+1] == '$' {
			// display math stands apart from the text around it
			d.b.WriteByte(' ')
			d.setMath(!d.math)
			return i + 2
		}
		d.setMath(!d.math)
		return i + 1
	case '~':
		d.b.WriteString("\u00a0")
		return i + 1
	case '-':
		if d.math {
			d.b.WriteString("−")
			return i + 1
		}
		switch {
		case strings.HasPrefix(s[i:], "---"):
			d.b.WriteString("—")
			return i + 3
		case strings.HasPrefix(s[i:], "--"):
			d.b.WriteString("–")
			return i + 2
		}
	case '`':
		if strings.HasPrefix(s[i:], "``") {
			d.b.WriteString("“")
			return i + 2
		}
		d.b.WriteString("‘")
		return i + 1
	case '\'':
		if strings.HasPrefix(s[i:], "''") {
			d.b.WriteString("”")
			return i + 2
		}
	case '^', '_':
		if d.math {
			arg, next := argument(s, i+1)
			d.script(arg, c == '^', true)
			return next
		}
	case ' ', '\t', '\n', '\r':
		if d.math {
			// spaces in math are not spaces in the output, but keep words apart
			d.b.WriteByte(' ')
			return i + 1
		}
	}
	d.b.WriteByte(c)
	return i + 1
}

// group returns the text inside the brace group that opens at s[i] and the
// index after its closing brace (or the end of s when it is not closed).
func group(s string, i int) (string, int) {
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '\\':
			j++
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				return s[i+1 : j], j + 1
			}
		}
	}
	return s[i+1:], len(s)
}

// argument returns the argument of a command that starts at s[i]: a brace
// group, a control sequence, or one character (after spaces), and the
// index after it.
func argument(s string, i int) (string, int) {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
		i++
	}
	if i >= len(s) {
		return "", i
	}
	switch s[i] {
	case '{':
		return group(s, i)
	case '}':
		return "", i
	case '\\':
		j := i + 1
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		if j == i+1 && j < len(s) {
			return s[i : j+1], j + 1
		}
		k := j
		for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n') {
			k++ // a control word eats the spaces after it
		}
		return s[i:j], k
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return s[i : i+n], i + n
}

// optional skips an optional argument "[...]" at s[i], returning the
// index after it.
func optional(s string, i int) int {
	j := i
	for j < len(s) && s[j] == ' ' {
		j++
	}
	if j < len(s) && s[j] == '[' {
		if k := strings.IndexByte(s[j:], ']'); k >= 0 {
			return j + k + 1
		}
	}
	return i
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// command decodes the control sequence at s[i] (a backslash).
func (d *decoder) command(s string, i int) int {
	if i+1 >= len(s) {
		d.b.WriteByte('\\')
		return i + 1
	}
	c := s[i+1]
	if !isLetter(c) {
		return d.symbol(s, i, c)
	}
	j := i + 1
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	name := s[i+1 : j]
	// A control word eats the spaces after it.
	k := j
	for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n') {
		k++
	}
	if mark, ok := letterAccents[name]; ok {
		arg, next := argument(s, j)
		d.accent(arg, mark)
		return next
	}
	if r, ok := letters[name]; ok {
		d.b.WriteString(r)
		if k < len(s) && s[k] == '{' && k+1 < len(s) && s[k+1] == '}' {
			return k + 2 // \ss{}
		}
		return k
	}
	if r, ok := symbols[name]; ok {
		return d.symbolWord(s, name, r, j, k)
	}
	switch name {
	case "textit", "emph", "textbf", "textsc", "textrm", "textsf", "texttt", "textup", "textsl", "textmd",
		"textnormal", "mbox", "hbox", "text", "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal",
		"mathbb", "mathfrak", "mathscr", "boldsymbol", "bm", "operatorname", "url", "path", "nolinkurl", "NoCaseChange", "nocase",
		"ensuremath", "underline", "overline", "sout", "uline", "bibstring", "textcase", "emph*", "textsubscript",
		"textsuperscript", "tsup", "tsub", "hl", "uwave", "xout", "doi", "lowercase", "uppercase",
		"MakeUppercase", "MakeLowercase", "MakeTextUppercase", "MakeTextLowercase", "MakeSentenceCase",
		"enquote", "mkbibquote", "mkbibemph", "mkbibitalic", "mkbibbold", "textquote", "foreignquote",
		"hyphenquote", "footnote", "cite", "citet", "citep", "textcite", "parencite", "sqrt", "frac", "dfrac", "tfrac", "binom",
		"vec", "hat", "bar", "tilde", "dot", "ddot", "widehat", "widetilde", "overrightarrow", "mathring", "detokenize", "unskip",
		"acute", "grave", "breve", "check":
		return d.formatted(s, name, k)
	case "textcolor", "foreignlanguage", "colorbox", "href", "hyperref", "texorpdfstring", "ifmmode", "abbr":
		return d.twoArgs(s, name, k)
	case "noopsort", "selectlanguage", "hspace", "vspace", "label", "color", "index", "hyphenation", "nocite",
		"setlength", "addtolength", "iffalse", "phantom", "hphantom", "vphantom", "kern", "raisebox", "ElsevierGlyph":
		// commands whose argument prints nothing (or, for the glyph, a code point)
		arg, next := argument(s, optional(s, k))
		if name == "ElsevierGlyph" {
			if n, err := strconv.ParseUint(strings.TrimSpace(arg), 16, 32); err == nil && utf8.ValidRune(rune(n)) {
				d.b.WriteRune(rune(n))
			}
		}
		if name == "hspace" {
			d.b.WriteByte(' ')
		}
		if name == "raisebox" {
			arg2, next2 := argument(s, next)
			d.run(arg2)
			return next2
		}
		return next
	case "begin", "end":
		// \begin{env} and \end{env}: keep only the content between them
		_, next := argument(s, k)
		return next
	case "char":
		// \char"00E9, \char'351, \char233
		return d.char(s, k)
	}
	if declarations[name] {
		return k
	}
	if breaks[name] {
		d.b.WriteByte(' ')
		return k
	}
	if k < len(s) && s[k] == '{' {
		// an unknown command with an argument: keep the argument's text
		inner, next := group(s, k)
		d.run(inner)
		return next
	}
	d.b.WriteString(s[i:j])
	return j
}

// symbolWord writes r, the symbol of the control word name that ends at
// s[j]; k is the index after the white space that follows it. As in TeX, a
// control word swallows the spaces after it: "law\textemdash except" is
// "law—except" and "A\textendash B" "A–B", while "\LaTeX{} is" keeps its
// space through the empty group (and "\LaTeX\ is" through the control
// space). Where TeX sets an operator apart with space of its own, the
// space the source separates it with is kept instead of swallowed:
//
//   - a named or large operator (\log, \max, \sum, ...) stays apart from
//     the letters and digits around it: "$O(n \log n)$" and "$O(n\log n)$"
//     are "O(n log n)", "$\log(n)$" is "log(n)";
//   - a binary operator or relation (\times, \pm, \leq, \to, \in, ...)
//     keeps the space after it when the source also has one before it:
//     "$n \times n$" is "n × n", "$n\times n$" "n×n", and "$\pm 1$" "±1".
func (d *decoder) symbolWord(s, name, r string, j, k int) int {
	if k+1 < len(s) && s[k] == '{' && s[k+1] == '}' {
		d.b.WriteString(r)
		return k + 2 // \ldots{}, \LaTeX {}
	}
	switch {
	case mathOperators[name]:
		if alnumBefore(d.b.String()) {
			d.b.WriteByte(' ')
		}
		d.b.WriteString(r)
		if k > j {
			d.b.WriteByte(' ')
		}
	case spacedOperators[name]:
		spaced := spaceBefore(d.b.String()[d.mathStart:])
		d.b.WriteString(r)
		if k > j && spaced {
			d.b.WriteByte(' ')
		}
	default:
		d.b.WriteString(r)
	}
	return k
}

// alnumBefore reports whether s ends in a letter or digit.
func alnumBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// spaceBefore reports whether s ends in white space.
func spaceBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsSpace(r)
}

// symbol decodes a control symbol: a backslash and one non-letter.
func (d *decoder) symbol(s string, i int, c byte) int {
	if mark, ok := symbolAccents[c]; ok {
		arg, next := argument(s, i+2)
		d.accent(arg, mark)
		return next
	}
	switch c {
	case '&', '%', '$', '#', '_', '{', '}', '"', '@', '|', '<', '>':
		d.b.WriteByte(c)
	case '\\':
		d.b.WriteByte(' ')
		return optional(s, i+2)
	case ' ', ',', ';', ':', '\n', '\t':
		d.b.WriteByte(' ')
	case '!', '-', '/':
		// negative space, hyphenation point, italic correction
	case '(', ')', '[', ']':
		d.setMath(c == '(' || c == '[')
	default:
		d.b.WriteByte(c)
	}
	return i + 2
}

// formatted decodes a command with one argument whose text it keeps,
// changed where the command says so (case, superscripts, quotes).
func (d *decoder) formatted(s, name string, k int) int {
	k = optional(s, k)
	arg, next := argument(s, k)
	switch name {
	case "url", "path", "nolinkurl", "doi", "detokenize":
		d.b.WriteString(Verbatim(arg))
	case "textsuperscript", "tsup":
		d.script(arg, true, false)
	case "textsubscript", "tsub":
		d.script(arg, false, false)
	case "uppercase", "MakeUppercase", "MakeTextUppercase":
		d.b.WriteString(strings.ToUpper(Text(arg)))
	case "lowercase", "MakeLowercase", "MakeTextLowercase":
		d.b.WriteString(strings.ToLower(Text(arg)))
	case "enquote", "mkbibquote", "textquote", "foreignquote", "hyphenquote":
		d.b.WriteString("“")
		d.run(arg)
		d.b.WriteString("”")
	case "sqrt":
		d.b.WriteString("√")
		if len(arg) > 1 {
			d.b.WriteByte('(')
			d.run(arg)
			d.b.WriteByte(')')
		} else {
			d.run(arg)
		}
	case "frac", "dfrac", "tfrac", "binom":
		arg2, next2 := argument(s, next)
		d.run(arg)
		d.b.WriteByte('/')
		d.run(arg2)
		return next2
	case "vec", "hat", "bar", "tilde", "dot", "ddot", "widehat", "widetilde", "overrightarrow", "mathring", "acute", "grave", "breve", "check":
		d.accent(arg, mathAccents[name])
	case "footnote":
		d.b.WriteString(" (")
		d.run(arg)
		d.b.WriteString(")")
	default:
		d.run(arg)
	}
	return next
}

// twoArgs decodes a command with two arguments of which it keeps one.
func (d *decoder) twoArgs(s, name string, k int) int {
	k = optional(s, k)
	first, next := argument(s, k)
	second, next2 := argument(s, next)
	switch name {
	case "href", "hyperref":
		if strings.TrimSpace(second) == "" {
			d.b.WriteString(Verbatim(first))
		} else {
			d.run(second)
		}
	case "texorpdfstring":
		d.run(second)
	case "ifmmode":
		d.run(first)
	default: // \textcolor{red}{text}, \foreignlanguage{german}{text}
		d.run(second)
	}
	return next2
}

// char decodes \char followed by a number in TeX notation.
func (d *decoder) char(s string, k int) int {
	base := 10
	if k < len(s) {
		switch s[k] {
		case '"':
			base, k = 16, k+1
		case '\'':
			base, k = 8, k+1
		}
	}
	j := k
	for j < len(s) && (s[j] >= '0' && s[j] <= '9' || base == 16 && (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'f')) {
		j++
	}
	if n, err := strconv.ParseUint(s[k:j], base, 32); err == nil && utf8.ValidRune(rune(n)) {
		d.b.WriteRune(rune(n))
	}
	return j
}

// accent writes the decoded argument with a combining mark after its first
// character; an empty argument gives the accent itself.
func (d *decoder) accent(arg, mark string) {
	var base decoder
	base.math = d.math
	switch arg {
	case `\i`, `{\i}`:
		base.b.WriteByte('i')
	case `\j`, `{\j}`:
		base.b.WriteByte('j')
	default:
		base.run(arg)
	}
	t := base.b.String()
	if strings.TrimSpace(t) == "" {
		d.b.WriteString(spacingAccents[mark])
		d.b.WriteString(t)
		return
	}
	r, n := utf8.DecodeRuneInString(t)
	d.b.WriteRune(r)
	d.b.WriteString(mark)
	d.b.WriteString(t[n:])
}

// script writes a superscript or subscript, so that its meaning is not
// lost and it stays readable:
//
//   - a script whose characters all have a Unicode superscript (subscript)
//     form is written in them: x^2 is x², n^k nᵏ, x^{n+1} xⁿ⁺¹, H_2 H₂,
//     In\textsubscript{x}Ga InₓGa; ^\circ and ^o are a degree sign and
//     primes stay primes;
//   - a superscript in math that cannot be (capitals, q, '/', Greek, ...)
//     keeps its marker, with parentheses when it is longer than one
//     character: "2^{O(k)}n" is "2^(O(k))n", "n^{1/2}" "n^(1/2)", "A^T"
//     stays. Run into the text it would read as a factor ("2O(k)n",
//     "n1/2");
//   - a subscript that cannot be is run into the text: an index reads as
//     one there, as chemical formulas are written in plain text
//     ("Cu_{0.5}Au_{0.5}" is "Cu0.5Au0.5", "Cu_{2-y}O" "Cu2−yO");
//   - a superscript of text (\textsuperscript, or \text{...} in math) is an
//     ordinal or an abbreviation: only digits and signs become superscript
//     characters ("\textsuperscript{2}H" is "²H"), words stay plain
//     ("19\textsuperscript{th}" is "19th", "4$^{\textrm{ème}}$" "4ème").
func (d *decoder) script(arg string, sup, inMath bool) {
	if inMath && textArgument(arg) {
		inMath = false
	}
	var t decoder
	t.math = d.math
	t.run(arg)
	text := strings.TrimSpace(t.b.String())
	if text == "" {
		return
	}
	if sup && (text == "∘" || text == "o") {
		d.b.WriteString("°") // ^\circ, ^o: a degree sign
		return
	}
	if sup && strings.Trim(text, "′") == "" {
		d.b.WriteString(text) // ^\prime, ^{\prime\prime}
		return
	}
	table := subscripts
	if sup {
		table = superscripts
	}
	var b strings.Builder
	for _, r := range text {
		if r == ' ' {
			continue
		}
		m, ok := table[r]
		if ok && sup && !inMath && !scriptSign(r) {
			ok = false
		}
		if !ok {
			if !sup || !inMath {
				d.b.WriteString(text)
				return
			}
			d.b.WriteByte('^')
			if utf8.RuneCountInString(text) == 1 {
				d.b.WriteString(text)
			} else {
				d.b.WriteByte('(')
				d.b.WriteString(text)
				d.b.WriteByte(')')
			}
			return
		}
		b.WriteRune(m)
	}
	d.b.WriteString(b.String())
}

// scriptSign reports whether r is a digit or sign, what a superscript of
// text writes as superscript characters.
func scriptSign(r rune) bool {
	return r >= '0' && r <= '9' || strings.ContainsRune("+-−=()", r)
}

// textArgument reports whether a script's argument is text set in math
// (\text{...}, \textrm{...}, \mbox{...}).
func textArgument(arg string) bool {
	arg = strings.TrimSpace(arg)
	return strings.HasPrefix(arg, `\text`) || strings.HasPrefix(arg, `\mbox`) || strings.HasPrefix(arg, `\hbox`)
}

// Combining marks of the accent commands.
var symbolAccents = map[byte]string{
	'\'': "\u0301", '`': "\u0300", '^': "\u0302", '"': "\u0308", '~': "\u0303", '=': "\u0304", '.': "\u0307",
}

var letterAccents = map[string]string{
	"u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "d": "\u0323", "b": "\u0331", "r": "\u030a",
	"k": "\u0328", "t": "\u0361", "ocirc": "\u030a", "G": "\u030f", "U": "\u030e", "h": "\u0309", "f": "\u0311",
	"textogonekcentered": "\u0328", "textcommabelow": "\u0326",
}

var mathAccents = map[string]string{
	"vec": "\u20d7", "hat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "dot": "\u0307", "ddot": "\u0308",
	"widehat": "\u0302", "widetilde": "\u0303", "overrightarrow": "\u20d7", "mathring": "\u030a",
	"acute": "\u0301", "grave": "\u0300", "breve": "\u0306", "check": "\u030c",
}

// spacingAccents are the accents written on nothing (\~{}, \^{}).
var spacingAccents = map[string]string{
	"\u0301": "´", "\u0300": "`", "\u0302": "^", "\u0308": "¨", "\u0303": "~", "\u0304": "¯", "\u0307": "˙",
	"\u0306": "˘", "\u030c": "ˇ", "\u030b": "˝", "\u0327": "¸", "\u030a": "˚", "\u0328": "˛",
}

// letters are the commands for letters that have no accent form.
var letters = map[string]string{
	"ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
	"dj": "đ", "DJ": "Đ", "ij": "ĳ", "IJ": "Ĳ",
}

// declarations are commands that change the font or size of what follows
// and print nothing themselves.
var declarations = map[string]bool{
	"em": true, "it": true, "bf": true, "sc": true, "rm": true, "sf": true, "tt": true, "sl": true, "up": true,
	"itshape": true, "bfseries": true, "scshape": true, "upshape": true, "mdseries": true, "slshape": true,
	"rmfamily": true, "sffamily": true, "ttfamily": true, "normalfont": true, "small": true, "tiny": true,
	"large": true, "Large": true, "LARGE": true, "huge": true, "Huge": true, "footnotesize": true,
	"scriptsize": true, "normalsize": true, "relax": true, "protect": true, "displaystyle": true,
	"textstyle": true, "scriptstyle": true, "left": true, "right": true, "big": true, "Big": true,
	"bigl": true, "bigr": true, "Bigl": true, "Bigr": true, "limits": true, "nolimits": true, "boldmath": true,
	"unboldmath": true, "centering": true, "noindent": true, "allowbreak": true, "nobreak": true,
	"mathversion": true, "ignorespaces": true, "xspace": true, "null": true, "smallskip": true, "medskip": true,
	"bigskip": true, "hfill": true, "vfill": true, "normalcolor": true, "sloppy": true, "frenchspacing": true,
	"mathstrut": true, "strut": true, "hline": true, "fussy": true,
}

// breaks are commands that end a line or paragraph: a space in plain text.
var breaks = map[string]bool{
	"newblock": true, "par": true, "newline": true, "linebreak": true, "break": true, "cr": true,
}

// symbols are commands that print one symbol, in text or in math.
var symbols = map[string]string{
	// text symbols
	"textbackslash": `\`, "ldots": "…", "dots": "…", "textellipsis": "…", "cdots": "⋯", "textendash": "–",
	"cprime": "ʹ", "cdprime": "ʺ", // MathSciNet's transliterated soft and hard signs: Bol\cprime shoi
	"textemdash": "—", "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
	"textquotedbl": `"`, "textquotesingle": "'", "quotedblbase": "„", "quotesinglbase": "‚", "guillemotleft": "«",
	"guillemotright": "»", "guillemetleft": "«", "guillemetright": "»", "guilsinglleft": "‹", "guilsinglright": "›",
	"copyright": "©", "textcopyright": "©", "textregistered": "®", "texttrademark": "™", "S": "§", "P": "¶",
	"textsection": "§", "textparagraph": "¶", "pounds": "£", "textsterling": "£", "euro": "€", "texteuro": "€",
	"EUR": "€", "textyen": "¥", "yen": "¥", "textcent": "¢", "textdollar": "$", "textdegree": "°", "degree": "°",
	"textasciitilde": "~", "textasciicircum": "^", "textasciigrave": "`", "textasciiacute": "´", "textunderscore": "_", "textbar": "|", "textless": "<",
	"textgreater": ">", "textbullet": "•", "textperiodcentered": "·", "textdagger": "†", "dag": "†", "dagger": "†",
	"textdaggerdbl": "‡", "ddag": "‡", "ddagger": "‡", "textexclamdown": "¡", "textquestiondown": "¿",
	"textmu": "µ", "textperthousand": "‰", "permil": "‰", "textonehalf": "½", "textonequarter": "¼",
	"textthreequarters": "¾", "texttimes": "×", "textdiv": "÷", "textpm": "±", "textminus": "−",
	"textordfeminine": "ª", "textordmasculine": "º", "textnumero": "№", "textbrokenbar": "¦", "textasteriskcentered": "*",
	"slash": "/", "textslash": "/", "nobreakspace": "\u00a0", "enspace": " ", "quad": " ", "qquad": " ",
	"thinspace": " ", "space": " ", "textvisiblespace": "␣", "textcelsius": "℃", "textohm": "Ω", "textestimated": "℮",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "LaTeXe": "LaTeX2e", "XeTeX": "XeTeX", "LuaTeX": "LuaTeX",
	"checkmark": "✓", "textinterrobang": "‽", "textlangle": "⟨",
	"textrangle": "⟩", "textbraceleft": "{", "textbraceright": "}", "lbrace": "{", "rbrace": "}", "textdollaroldstyle": "$",
	// Greek
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
	"theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
	"omicron": "ο", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
	"upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
	"Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ",
	"Omega": "Ω", "Alpha": "Α", "Beta": "Β", "Epsilon": "Ε", "Zeta": "Ζ", "Eta": "Η", "Iota": "Ι", "Kappa": "Κ",
	"Mu": "Μ", "Nu": "Ν", "Omicron": "Ο", "Rho": "Ρ", "Tau": "Τ", "Chi": "Χ", "textalpha": "α", "textbeta": "β",
	"textgamma": "γ", "textdelta": "δ", "textmugreek": "μ", "textpi": "π", "textsigma": "σ", "textomega": "ω",
	"upalpha": "α", "upbeta": "β", "upgamma": "γ", "updelta": "δ", "upmu": "μ", "uppi": "π",
	// math
	"times": "×", "div": "÷", "pm": "±", "mp": "∓", "cdot": "·", "ast": "∗", "star": "⋆", "circ": "∘", "bullet": "•",
	"leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃",
	"cong": "≅", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫", "lesssim": "≲", "gtrsim": "≳", "leqslant": "⩽",
	"geqslant": "⩾", "prec": "≺", "succ": "≻", "infty": "∞", "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏",
	"int": "∫", "oint": "∮", "surd": "√", "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←",
	"Rightarrow": "⇒", "Leftarrow": "⇐", "leftrightarrow": "↔", "Leftrightarrow": "⇔", "longrightarrow": "⟶",
	"longleftarrow": "⟵", "Longrightarrow": "⟹", "uparrow": "↑", "downarrow": "↓", "mapsto": "↦",
	"rightleftharpoons": "⇌", "in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
	"supseteq": "⊇", "cup": "∪", "cap": "∩", "setminus": "∖", "emptyset": "∅", "varnothing": "∅", "forall": "∀",
	"exists": "∃", "neg": "¬", "lnot": "¬", "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨", "oplus": "⊕",
	"otimes": "⊗", "odot": "⊙", "prime": "′", "perp": "⊥", "parallel": "∥", "angle": "∠", "ell": "ℓ", "hbar": "ℏ",
	"Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "wp": "℘", "langle": "⟨", "rangle": "⟩", "lceil": "⌈", "rceil": "⌉",
	"lfloor": "⌊", "rfloor": "⌋", "mid": "|", "vert": "|", "Vert": "‖", "backslash": `\`, "triangle": "△",
	"square": "□", "Box": "□", "diamond": "⋄", "top": "⊤", "bot": "⊥", "vdash": "⊢", "models": "⊨",
	"colon": ":", "lvert": "|", "rvert": "|", "sharp": "♯", "flat": "♭", "natural": "♮", "clubsuit": "♣",
	"heartsuit": "♡", "spadesuit": "♠", "diamondsuit": "♢", "therefore": "∴", "because": "∵", "AA": "Å",
	"micro": "µ", "ohm": "Ω", "celsius": "℃", "percent": "%", "log": "log", "ln": "ln", "exp": "exp", "sin": "sin",
	"cos": "cos", "tan": "tan", "max": "max", "min": "min", "lim": "lim", "det": "det", "arg": "arg", "deg": "deg",
	"sup": "sup", "inf": "inf", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "cot": "cot", "sec": "sec",
	"csc": "csc", "arcsin": "arcsin", "arccos": "arccos", "arctan": "arctan", "gcd": "gcd", "lg": "lg",
	"Pr": "Pr", "ker": "ker", "dim": "dim", "hom": "hom", "liminf": "lim inf", "limsup": "lim sup", "bmod": "mod",
	// biblatex's text commands
	"hyphen": "-", "nbhyphen": "-", "hyphenate": "-", "bibrangedash": "–", "bibdatedash": "–",
	"addspace": " ", "addnbspace": "\u00a0", "addthinspace": " ", "adddot": ".", "addperiod": ".",
	"addcomma": ",", "addcolon": ":", "addsemicolon": ";",
}

// mathOperators are the named and large operators of math, which TeX sets
// apart from what is around them (see symbolWord).
var mathOperators = map[string]bool{
	"log": true, "ln": true, "lg": true, "exp": true, "sin": true, "cos": true, "tan": true, "cot": true,
	"sec": true, "csc": true, "sinh": true, "cosh": true, "tanh": true, "arcsin": true, "arccos": true,
	"arctan": true, "max": true, "min": true, "lim": true, "liminf": true, "limsup": true, "sup": true,
	"inf": true, "det": true, "arg": true, "deg": true, "gcd": true, "Pr": true, "ker": true, "dim": true,
	"hom": true, "bmod": true, "sum": true, "prod": true, "int": true, "oint": true,
}

// spacedOperators are the binary operators and relations of math, which
// TeX sets with space on both sides (see symbolWord).
var spacedOperators = map[string]bool{
	"times": true, "div": true, "pm": true, "mp": true, "cdot": true, "ast": true, "star": true, "circ": true,
	"bullet": true, "oplus": true, "otimes": true, "odot": true, "cup": true, "cap": true, "setminus": true,
	"wedge": true, "vee": true, "land": true, "lor": true, "leq": true, "le": true, "geq": true, "ge": true,
	"neq": true, "ne": true, "approx": true, "sim": true, "simeq": true, "cong": true, "equiv": true,
	"propto": true, "ll": true, "gg": true, "lesssim": true, "gtrsim": true, "leqslant": true, "geqslant": true,
	"prec": true, "succ": true, "to": true, "rightarrow": true, "leftarrow": true, "gets": true,
	"Rightarrow": true, "Leftarrow": true, "leftrightarrow": true, "Leftrightarrow": true,
	"longrightarrow": true, "longleftarrow": true, "Longrightarrow": true, "mapsto": true,
	"rightleftharpoons": true, "in": true, "notin": true, "ni": true, "subset": true, "subseteq": true,
	"supset": true, "supseteq": true, "perp": true, "parallel": true, "mid": true, "vdash": true, "models": true,
}

// superscripts and subscripts are the characters that have a Unicode
// superscript or subscript form: digits, signs and the lower-case letters
// that have one (every letter but q for superscripts; fewer for
// subscripts).
var superscripts = map[rune]rune{
	'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
	'+': '⁺', '-': '⁻', '−': '⁻', '=': '⁼', '(': '⁽', ')': '⁾',
	'a': 'ᵃ', 'b': 'ᵇ', 'c': 'ᶜ', 'd': 'ᵈ', 'e': 'ᵉ', 'f': 'ᶠ', 'g': 'ᵍ', 'h': 'ʰ', 'i': 'ⁱ', 'j': 'ʲ',
	'k': 'ᵏ', 'l': 'ˡ', 'm': 'ᵐ', 'n': 'ⁿ', 'o': 'ᵒ', 'p': 'ᵖ', 'r': 'ʳ', 's': 'ˢ', 't': 'ᵗ', 'u': 'ᵘ',
	'v': 'ᵛ', 'w': 'ʷ', 'x': 'ˣ', 'y': 'ʸ', 'z': 'ᶻ',
}

var subscripts = map[rune]rune{
	'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
	'+': '₊', '-': '₋', '−': '₋', '=': '₌', '(': '₍', ')': '₎', 'a': 'ₐ', 'e': 'ₑ', 'h': 'ₕ', 'i': 'ᵢ',
	'j': 'ⱼ', 'k': 'ₖ', 'l': 'ₗ', 'm': 'ₘ', 'n': 'ₙ', 'o': 'ₒ', 'p': 'ₚ', 'r': 'ᵣ', 's': 'ₛ', 't': 'ₜ',
	'u': 'ᵤ', 'v': 'ᵥ', 'x': 'ₓ',
}
