package bibtex

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"  spaced \n out  ", "spaced out"},
		{`M{\"u}ller`, "Müller"},
		{`M\"uller`, "Müller"},
		{`M\"{u}ller`, "Müller"},
		{`{\'e}t{\'e} \'{e}t\'e`, "été été"},
		{`Dvo\v{r}{\'a}k \v r`, "Dvořák ř"},
		{`Fran\c{c}ois \c c`, "François ç"},
		{`Stra{\ss}e Stra\ss e`, "Straße Straße"},
		{`{\o} {\O} {\aa} {\AA} {\ae} {\oe} {\l} {\L} {\i}`, "ø Ø å Å æ œ ł Ł ı"},
		{`Mar\'{\i}a Mar\'\i a`, "María María"},
		{`\k{a} \r{u} \H{o} \u{g} \={a} \.{z} \d{s} \~n \^o`, "ą ů ő ğ ā ż ṣ ñ ô"},
		{`A~B`, "A B"},
		{`pages 1--2, a---b`, "pages 1–2, a—b"},
		{`a \& b \% c \$ d \# e \_ f \{g\}`, "a & b % c $ d # e _ f {g}"},
		{`\textit{italic} \emph{emph} \textbf{bold} {\em em} {\it it} \textsc{sc}`, "italic emph bold em it sc"},
		{`a\it b{\bf c}`, "abc"},
		{"``double'' `single'", "“double” ‘single'"},
		{`$\alpha$-helix and $\beta_2$`, "α-helix and β₂"},
		{`$x^2 + y^{10}$`, "x² + y¹⁰"},
		{`H$_2$O CO$_{2}$ In$_{x}$Ga$_{1-x}$N`, "H₂O CO₂ InₓGa₁₋ₓN"},
		{`37$^\circ$C`, "37°C"},
		// A superscript with a character that has no script form keeps its
		// marker; such a subscript runs into the text.
		{`$x^{ab}_{b}$ $A^{T}$ $y_{ab}$`, "xᵃᵇb A^T yab"},
		{`{$\Theta (m^j) $} time`, "Θ(mʲ) time"},
		{`$3^{O(j)}m$, $m^{1/3}$, $e^{-x^2}$`, "3^(O(j))m, m^(1/3), e^(−x²)"},
		{`$x^{n + 1}$ $x_{ij}$ $f^{\prime}$`, "xⁿ⁺¹ xᵢⱼ f′"},
		{`Cu$_{0.5}$Au$_{0.5}$ Cu$_{2-y}$O`, "Cu0.5Au0.5 Cu2−yO"},
		// Superscripts of text: digits and signs only.
		{`5\textsuperscript{th} 4$^{\textrm{ème}}$ In\textsubscript{x}Ga \textsubscript{1-x}`, "5th 4ème InₓGa ₁₋ₓ"},
		// A control word swallows the spaces after it, as in TeX ...
		{`war\textemdash peace, X\textendash Y, a\hyphen b\slash c`, "war—peace, X–Y, a-b/c"},
		{`\LaTeX{} and \TeX\ and \LaTeX and \LaTeX {} and`, "LaTeX and TeX and LaTeXand LaTeX and"},
		{`{\o} {\aa} \aa{} x \"{o}x \ss e`, "ø å å x öx ße"},
		{`$\alpha \beta$ \ldots and`, "αβ …and"},
		// ... but operators keep the space that sets them apart.
		{`$m \times m$ $m\times m$ $a \leq b$ $\pm 2$ and $\pm$2`, "m × m m×m a ≤ b ±2 and ±2"},
		{`$O(m \log m)$ $O(m\log m)$ $\log(m)$ $\max_i x$`, "O(m log m) O(m log m) log(m) maxᵢ x"},
		// HTML character references left in the text are decoded.
		{`Fish \&\#38; Chips, the Cook\&\#x2019;s \&\#X2013; Tea\&\#39;s`, "Fish & Chips, the Cook’s – Tea's"},
		{`R\&D, AT\&T; a &amp; b &lt;x&gt; &quot;q&quot;&nbsp;&apos; &#0; &#xZZ; &copy;`, `R&D, AT&T; a & b <x> "q" ' &#0; &#xZZ; &copy;`},
		{`$\Phi$ $\leq$ $\infty$ $\times$`, "Φ ≤ ∞ ×"},
		{`\url{https://a.example/x_y}`, "https://a.example/x_y"},
		{`\href{https://a.example}{the link}`, "the link"},
		{`\unknown`, `\unknown`},
		{`\foo{kept}`, "kept"},
		{`\textsuperscript{2}H`, "²H"},
		{`{\noopsort{b}}A`, "A"},
		{`\ElsevierGlyph{2014}`, "—"},
		{`\char"00E9 \char233`, "é é"},
		{`\textasciitilde{}x\textbackslash{}`, `~x\`},
		{`\ldots{} and \dots`, "… and …"},
		{`line\\break \par par`, "line break par"},
		{`Franc{\ocirc{u}}`, "Franců"},
		{`{Unbalanced`, "Unbalanced"},
		{`Unbalanced}`, "Unbalanced"},
		{`\`, `\`},
		{`\'`, "´"},
		{"cafe\u0301", "caf\u00e9"}, // composed (NFC)
	}
	for _, tt := range tests {
		if got := Text(tt.in); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestVerbatim(t *testing.T) {
	tests := []struct{ in, want string }{
		{"10.1000/abc", "10.1000/abc"},
		{`10.1000/a\_b`, "10.1000/a_b"},
		{`{10.1000/ABC}`, "10.1000/ABC"},
		{`\url{https://a.example/x%20y}`, "https://a.example/x%20y"},
		{` https://a.example `, "https://a.example"},
	}
	for _, tt := range tests {
		if got := Verbatim(tt.in); got != tt.want {
			t.Errorf("Verbatim(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string // Person.String() of each
		etAl bool
	}{
		{"Smith, John and Jones, Ann", []string{"Smith, John", "Jones, Ann"}, false},
		{"John Smith and Ann Jones", []string{"Smith, John", "Jones, Ann"}, false},
		{"Ludwig van Beethoven", []string{"van Beethoven, Ludwig"}, false},
		{"van Beethoven, Ludwig", []string{"van Beethoven, Ludwig"}, false},
		{"de la Fontaine, Jean", []string{"de la Fontaine, Jean"}, false},
		{"Roach, Jr., Mack", []string{"Roach, Mack, Jr."}, false},
		{"von Last, Jr, First", []string{"von Last, First, Jr"}, false},
		{"{World Health Organization}", []string{"World Health Organization"}, false},
		{"{{Cochrane Collaboration}}", []string{"Cochrane Collaboration"}, false},
		{"{[Anonymous]}", []string{"[Anonymous]"}, false},
		{"Hermann {von Helmholtz}", []string{"von Helmholtz, Hermann"}, false},
		{"Barnes {and} Noble", []string{"Noble, Barnes and"}, false},
		{"Smith, J. and others", []string{"Smith, J."}, true},
		{"Smith, J. and {others}", []string{"Smith, J."}, true},
		{"Smith, J. and et al.", []string{"Smith, J."}, true},
		{"Lesk, M. E. AND Kernighan, B. W.", []string{"Lesk, M. E.", "Kernighan, B. W."}, false},
		{"{\\\"O}zkal, Erhan and J{\\\"o}rg M{\\\"u}ller", []string{"Özkal, Erhan", "Müller, Jörg"}, false},
		{"{\\'E}mile Zola", []string{"Zola, Émile"}, false},
		{"Byng RJ and Frost S", []string{"Byng, RJ", "Frost, S"}, false},
		{"R. J. Byng", []string{"Byng, R. J."}, false},
		{"family=Berg, given=Anna, prefix=van den", []string{"van den Berg, Anna"}, false},
		{"Plato", []string{"Plato"}, false},
		{"義久 智樹 and 水野 慎士 and 山田太郎", []string{"義久, 智樹", "水野, 慎士", "山田太郎"}, false},
		{"홍 길동", []string{"홍, 길동"}, false},
		{"Wu, Yi--Ching", []string{"Wu, Yi-Ching"}, false},
		{"Smith, John and", []string{"Smith, John"}, false},
		{"A and , and B", []string{"A", "B"}, false},
		{"jean de la fontaine", []string{"jean de la fontaine"}, false},
		{"Roach, Mack, III", []string{"Roach, Mack, III"}, false},
		{"PARTNERS2 Study Group and Byng, R.", []string{"PARTNERS2 Study Group", "Byng, R."}, false},
	}
	for _, tt := range tests {
		people, etAl := Names(tt.in)
		var got []string
		for _, p := range people {
			got = append(got, p.String())
		}
		if strings.Join(got, " | ") != strings.Join(tt.want, " | ") || etAl != tt.etAl {
			t.Errorf("Names(%q) = %q, %v; want %q, %v", tt.in, got, etAl, tt.want, tt.etAl)
		}
	}
}

func TestNameParts(t *testing.T) {
	p := Name("Ludwig van Beethoven")
	if p.Given != "Ludwig" || p.Particle != "van" || p.Family != "Beethoven" {
		t.Errorf("parts %+v", p)
	}
	p = Name("{World Health Organization}")
	if p.Literal != "World Health Organization" || p.Family != "" {
		t.Errorf("literal %+v", p)
	}
}

// FuzzText checks that a value the parser calls clean (no flags) is
// exactly what Text makes of it, so that the fast path skipping Text is
// right, and that Text never panics.
func FuzzText(f *testing.F) {
	for _, s := range []string{"plain", "a  b", `\"u`, "{x}", "a--b", "a-b", "é", " lead", "trail ", "$x$", "a''b", "it's",
		"R&D", "a &amp; b", "&#38;", "& x", "a &"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.ContainsAny(s, "{}\"") {
			Text(s)
			return
		}
		value := "{" + s + "}"
		end, flags := scanValue(value, 0, '}')
		if end != len(value)-1 {
			return
		}
		if got := Text(s); flags == 0 && got != s {
			t.Errorf("flags say %q is clean, but Text gives %q", s, got)
		}
	})
}
