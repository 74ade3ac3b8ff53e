package bib

import (
	"errors"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/bibdb/bibdb/internal/wordbits"
)

// CleanText collapses runs of white space (including no-break spaces and
// line breaks) into one space and trims the ends. It returns s itself when
// there is nothing to change, so cleaning clean text does not allocate.
func CleanText(s string) string {
	if IsPlain(s) || isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if isSpaceRune(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// isClean reports whether s has no leading, trailing, doubled or
// non-ASCII white space (the common case, checked without allocating).
func isClean(s string) bool {
	if s == "" {
		return true
	}
	prev := byte(' ') // the start counts as white space: a leading space is not clean
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c > ' ' && c < utf8.RuneSelf {
			prev = c
			continue
		}
		if c == ' ' {
			if prev == ' ' {
				return false
			}
			prev = ' '
			continue
		}
		if c < ' ' {
			return false
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || isSpaceRune(r) || r == '\u0085' {
			return false
		}
		prev = 'x'
		i += size - 1
	}
	return prev != ' '
}

// foldTable folds letters that Unicode decomposition leaves alone.
var foldTable = map[rune]string{
	'ł': "l", 'Ł': "l", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d", 'ð': "d", 'Ð': "d",
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'ı': "i", 'þ': "th", 'Þ': "th",
	'ħ': "h", 'Ħ': "h", 'ŀ': "l", 'Ŀ': "l", 'ŧ': "t", 'Ŧ': "t", 'ĸ': "k", 'ſ': "s",
}

// Fold returns s as a comparison key: lower case, diacritics removed
// (ø, ł, ß and the like included), compatibility forms unified (ligatures,
// full-width letters). Everything else is kept; see Key for a key that also
// drops punctuation.
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	if f, ok := foldLatin(s); ok {
		return f
	}
	return foldSlow(s)
}

// latinFolds holds Fold of each letter of Latin-1 and Latin Extended-A
// and B (U+00C0 to U+024F), worked out once by foldSlow.
var latinFolds = func() (t [0x250 - 0xc0]string) {
	for r := rune(0xc0); r < 0x250; r++ {
		t[r-0xc0] = foldSlow(string(r))
	}
	return t
}()

// foldLatin is Fold of s when every character of s is ASCII or in
// latinFolds, which covers the names and words of most European
// languages; ok is false otherwise. Folding such text a character at a
// time gives what decomposing the whole of it does, as each of its
// characters decomposes on its own and the marks it leaves are dropped.
func foldLatin(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		case r >= 0xc0 && r < 0x250:
			b = append(b, latinFolds[r-0xc0]...)
		default:
			return "", false
		}
	}
	return string(b), true
}

// foldSlow is Fold by Unicode decomposition.
func foldSlow(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if f, ok := foldTable[r]; ok {
			b.WriteString(f)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Key returns a comparison key for free text: folded (see Fold), with every
// run of characters that are not letters or digits turned into one space,
// and trimmed. "The Effect of X–Y: a Trial" → "the effect of x y a trial".
func Key(s string) string {
	if isASCII(s) {
		return keyASCII(s)
	}
	return keyFolded(Fold(s))
}

// keyASCII is Key of ASCII text, made in one pass: Fold of ASCII only
// lowers its capitals, and its letters and digits are a-z, A-Z and 0-9.
func keyASCII(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'':
			continue
		default:
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}

// keyFolded is Key of text already folded.
func keyFolded(f string) string {
	var b strings.Builder
	b.Grow(len(f))
	space := false
	for _, r := range f {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		if r == '\'' || r == '’' { // o'brien → obrien
			continue
		}
		space = true
	}
	return b.String()
}

// TrimSpace is strings.TrimSpace, which looks for white space at both ends
// a byte at a time and for Unicode's too: text that begins and ends with
// ASCII other than white space ('!' to DEL), as most does, is told with two
// comparisons.
func TrimSpace(s string) string {
	// A byte below '!' wraps around when '!' is taken from it.
	if len(s) > 0 && s[0]-'!' < utf8.RuneSelf-'!' && s[len(s)-1]-'!' < utf8.RuneSelf-'!' {
		return s
	}
	return strings.TrimSpace(s)
}

// IsPlain reports whether s is text that CleanText and NFC return
// unchanged because it is printable ASCII with single spaces and nothing
// around it: most cells are, and checking eight bytes at a time is several
// times faster than letting those functions find out. It may say no to
// clean text; it never says yes to text that needs cleaning. s is a string
// or a byte slice: readers check the lines in their buffers.
func IsPlain[T string | []byte](s T) bool {
	n := len(s)
	if n < 8 {
		// Too short for a word: a byte at a time, the start counting as
		// a space so that a leading space is not plain.
		prevSpace := true
		for i := 0; i < n; i++ {
			c := s[i]
			if c < 0x20 || c >= 0x80 || c == ' ' && prevSpace {
				return false
			}
			prevSpace = c == ' '
		}
		return n == 0 || !prevSpace
	}
	if s[0] == ' ' || s[n-1] == ' ' {
		return false
	}
	// Sixteen bytes a step, the string cut as it goes so that the loads
	// need no bounds checks. prev has the high bit of its low byte set
	// when the byte before the step is a space.
	rest := s
	var prev uint64
	for len(rest) >= 16 {
		w0, w1 := wordbits.Load64(rest), wordbits.Load64(rest[8:])
		rest = rest[16:]
		if notPrintable(w0)|notPrintable(w1) != 0 {
			return false
		}
		sp0, sp1 := spaces(w0), spaces(w1)
		// two spaces in a row: in a word, or across into one
		if (sp0<<8|prev)&sp0|(sp1<<8|sp0>>56)&sp1 != 0 {
			return false
		}
		prev = sp1 >> 56
	}
	if len(rest) >= 8 {
		w := wordbits.Load64(rest)
		rest = rest[8:]
		if notPrintable(w) != 0 {
			return false
		}
		sp := spaces(w)
		if (sp<<8|prev)&sp != 0 {
			return false
		}
	}
	if len(rest) > 0 {
		// The last eight bytes, read again in part: they hold the byte
		// before the ones left (n is 8 or more), so two spaces across
		// are in the word, and no byte loop is needed.
		w := wordbits.Load64(s[n-8:])
		if notPrintable(w) != 0 {
			return false
		}
		if sp := spaces(w); sp&(sp<<8) != 0 {
			return false
		}
	}
	return true
}

// notPrintable returns, for the eight bytes of w, a word with the high bit
// of each byte set that is below 0x20 or 0x80 and above (and perhaps of
// others, when one is 0x80 and above): zero when all eight are printable
// ASCII. For bytes below 0x80, adding 0x60 carries into the high bit just
// when the byte is 0x20 or more, and never into the next byte.
func notPrintable(w uint64) uint64 {
	return (w | ^(w + 0x6060606060606060)) & 0x8080808080808080
}

// spaces returns a word with the high bit of each byte of w that is a
// space set, and no other bit; w must hold printable ASCII. A byte of w
// xor 0x20 is zero just for a space, and adding 0x7f to it carries into
// its high bit unless it is zero.
func spaces(w uint64) uint64 {
	return ^((w ^ 0x2020202020202020) + 0x7f7f7f7f7f7f7f7f) & 0x8080808080808080
}

// HasControl reports whether s holds a byte below 0x20 other than tab, CR
// and LF. It looks at eight bytes at a time, and exactly: the line feeds
// of long text do not send it back to a byte at a time.
func HasControl(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if controlBytes(wordbits.Load64(s[i:])) != 0 {
			return true
		}
	}
	return hasControl(s[i:])
}

// controlBytes returns a word with the high bit set of each byte of w
// that is below 0x20 other than tab, LF and CR, and no other bit.
func controlBytes(w uint64) uint64 {
	const lows, highs = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	// Below 0x20: the low seven bits plus 0x60 do not carry into the
	// high bit (and never into the next byte), and the high bit is clear.
	if (w-0x2020202020202020)&^w&highs == 0 {
		return 0 // no byte below 0x20 (the usual test, cheaper, exact for "none")
	}
	below := ^((w & lows) + 0x6060606060606060) &^ w & highs
	return below &^ (wordbits.ZeroBytes(w^0x0909090909090909) | wordbits.ZeroBytes(w^0x0a0a0a0a0a0a0a0a) | wordbits.ZeroBytes(w^0x0d0d0d0d0d0d0d0d))
}

func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}

// NFC returns s in Unicode normalization form C, the form bibdb stores.
func NFC(s string) string {
	if isASCII(s) || isNFCQuick(s) {
		return s
	}
	if norm.NFC.IsNormalString(s) { // allocates: kept for what isNFCQuick does not know
		return s
	}
	return norm.NFC.String(s)
}

// isNFCQuick reports whether every character of s is one that Unicode's
// quick check says yes to: in NFC on its own, a starter (canonical
// combining class 0), and never composed with the character before it.
// Text made only of such characters is in NFC. It knows those below
// U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic), the punctuation and
// symbols from U+2000 to U+21FF (dashes, quotes, arrows) and the CJK
// unified ideographs, and says no to anything else and to invalid UTF-8.
func isNFCQuick(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !nfcKnownYes(r) {
			return false // invalid UTF-8 decodes to U+FFFD: no
		}
		i += size
	}
	return true
}

// nfcKnownYes is nfcQuickYes(r) for the characters isNFCQuick knows, and
// false for the others.
func nfcKnownYes(r rune) bool {
	switch {
	case r < 0x800:
	case punctFirst <= r && r <= punctLast:
		r -= punctFirst - 0x800 // kept after the first range
	case cjkFirst <= r && r <= cjkLast:
		return true
	default:
		return false
	}
	return nfcStarters[r/64]&(1<<(r%64)) != 0
}

// The ranges isNFCQuick knows beyond U+0800: every CJK unified ideograph
// is a quick-check yes (as a test verifies); the punctuation is looked up.
const (
	punctFirst, punctLast = 0x2000, 0x21ff
	cjkFirst, cjkLast     = 0x4e00, 0x9fff
)

// nfcStarters marks, one bit each, the characters below U+0800 and then
// those from punctFirst to punctLast that the quick check says yes to,
// worked out once from the normalization tables.
var nfcStarters = func() (t [(0x800 + punctLast + 1 - punctFirst) / 64]uint64) {
	for i := rune(0); i < rune(len(t)*64); i++ {
		r := i
		if r >= 0x800 {
			r += punctFirst - 0x800
		}
		if nfcQuickYes(r) {
			t[i/64] |= 1 << (i % 64)
		}
	}
	return t
}()

// nfcQuickYes reports whether r is in NFC on its own, has combining class
// 0 and does not combine with a character before it.
func nfcQuickYes(r rune) bool {
	var buf [utf8.UTFMax]byte
	b := buf[:utf8.EncodeRune(buf[:], r)]
	p := norm.NFC.Properties(b)
	return p.CCC() == 0 && p.BoundaryBefore() && norm.NFC.IsNormal(b)
}

// isASCII reports whether s has only ASCII bytes, eight at a time.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := wordbits.Load64(s[i:])
		if w&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// StripTags removes XML/HTML-like tags ("<i>", "</sup>", "<mml:math ...>")
// from s, keeping their text. Block elements (p, br, div, li, sec,
// AbstractText, ...) leave a space so that their texts do not run
// together, and a PubMed AbstractText's Label attribute is kept as the
// paragraph's heading ("RESULTS: ..."). Text with no '<' is returned
// unchanged.
func StripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c == '<' && i+1 < len(s) {
			j := i + 1
			closing := s[j] == '/'
			if closing {
				j++
			}
			if j < len(s) && isASCIILetter(s[j]) {
				if end := strings.IndexByte(s[j:], '>'); end >= 0 && !strings.ContainsAny(s[j:j+end], "<") {
					tag := s[j : j+end]
					name := strings.ToLower(strings.TrimRight(strings.Fields(tag)[0], "/"))
					if k := strings.IndexByte(name, ':'); k >= 0 {
						name = name[k+1:]
					}
					if blockElements[name] {
						b.WriteByte(' ')
						if !closing && name == "abstracttext" {
							if label := attribute(tag, "Label"); label != "" {
								b.WriteString(label + ": ")
							}
						}
					}
					i = j + end + 1
					continue
				}
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

var blockElements = map[string]bool{"p": true, "br": true, "div": true, "li": true, "ul": true, "ol": true, "sec": true,
	"title": true, "abstracttext": true, "para": true, "table": true, "tr": true, "td": true, "h1": true, "h2": true,
	"h3": true, "h4": true, "blockquote": true, "list-item": true, "abstract": true}

// attribute returns the value of a quoted attribute in a tag's text.
func attribute(tag, name string) string {
	i := strings.Index(tag, name+"=")
	if i < 0 || i+len(name)+2 > len(tag) {
		return ""
	}
	v := tag[i+len(name)+1:]
	q := v[0]
	if q != '"' && q != '\'' {
		return ""
	}
	if j := strings.IndexByte(v[1:], q); j >= 0 {
		return v[1 : j+1]
	}
	return ""
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// AllDigits reports whether s is non-empty and only ASCII digits.
func AllDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// splitN is strings.SplitN (n < 0: every part) appending to dst, so that
// a caller can keep the parts in an array of its own.
func splitN(dst []string, s, sep string, n int) []string {
	for parts := 1; n < 0 || parts < n; parts++ {
		before, after, ok := strings.Cut(s, sep)
		if !ok {
			break
		}
		dst = append(dst, before)
		s = after
	}
	return append(dst, s)
}

var errNotNumber = errors.New("not a number")

// atoi reads a non-negative decimal number of up to nine ASCII digits.
// Unlike strconv.Atoi it does not allocate an error for text that is not
// a number, which the date and page parsers meet all the time.
func atoi(s string) (int, error) {
	if len(s) == 0 || len(s) > 9 {
		return 0, errNotNumber
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, errNotNumber
		}
		n = n*10 + int(c-'0')
	}
	return n, nil
}

// ContainsFold reports whether s contains sub, which is lower-case ASCII,
// in any ASCII case, without allocating.
func ContainsFold(s, sub string) bool {
	if sub == "" {
		return true
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == sub[0] && strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// HasPrefixFold reports whether s begins with prefix, which is lower-case
// ASCII, in any ASCII case, without allocating.
func HasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// AppendFold appends Fold(s) to dst; for ASCII, most names, without
// allocating.
func AppendFold(dst []byte, s string) []byte {
	if isASCII(s) {
		return appendLowerASCII(dst, s)
	}
	return append(dst, Fold(s)...)
}

// appendLowerASCII appends s to dst with its ASCII letters in lower case.
// Given a buffer on the stack, a map lookup with string(result) as the key
// does not allocate.
func appendLowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// TrimASCII is strings.Trim for a cutset of ASCII bytes, without the set
// strings.Trim builds at every call.
func TrimASCII(s, cutset string) string {
	i, j := 0, len(s)
	for i < j && strings.IndexByte(cutset, s[i]) >= 0 {
		i++
	}
	for j > i && strings.IndexByte(cutset, s[j-1]) >= 0 {
		j--
	}
	return s[i:j]
}

// TrimRightASCII is strings.TrimRight for a cutset of ASCII bytes.
func TrimRightASCII(s, cutset string) string {
	j := len(s)
	for j > 0 && strings.IndexByte(cutset, s[j-1]) >= 0 {
		j--
	}
	return s[:j]
}

// UnescapeEntities decodes HTML character references (&amp;, &#8211;,
// &lt;p&gt;). Text escaped twice, as some Lens and Dimensions exports are
// (&amp;lt;p&amp;gt;), is decoded again while a decoded reference is left,
// at most three times.
func UnescapeEntities(s string) string {
	for i := 0; i < 3 && strings.IndexByte(s, '&') >= 0; i++ {
		u := html.UnescapeString(s)
		if u == s {
			break
		}
		s = u
		if !hasEscapedReference(s) {
			break
		}
	}
	return s
}

// hasEscapedReference reports whether s holds a character reference that
// decoding once left: what was escaped twice.
func hasEscapedReference(s string) bool {
	for _, r := range []string{"&amp;", "&lt;", "&gt;", "&quot;", "&#"} {
		if strings.Contains(s, r) {
			return true
		}
	}
	return false
}

// DropCopyrightNotice removes the notice EBSCOhost appends to an abstract
// ("... [ABSTRACT FROM AUTHOR] Copyright of PLoS ONE is the property of
// Public Library of Science and its content may not be copied ...
// (Copyright applies to all Abstracts.)"): at the end of the abstract in
// its CSV, as an AB of its own in its RIS. A value that is only the
// notice gives "".
func DropCopyrightNotice(s string) string {
	if !strings.Contains(s, "Copyright of ") {
		return s // most abstracts, told by a forward search for a rare capital
	}
	i := strings.LastIndex(s, "Copyright of ")
	if i < 0 || i > 0 && s[i-1] != ' ' || !strings.Contains(s[i:], " is the property of ") {
		return s
	}
	return strings.TrimSpace(s[:i])
}

// CutOutsideBrackets cuts s at the first sep that is not inside square
// brackets, where a name's roles and address may hold one ("Gaertner,
// Alfred L. [Author, Reprint Author; E-mail: ...]; Next, A."): it returns
// the text before and after it, and whether there was one.
func CutOutsideBrackets(s string, sep byte) (before, after string, found bool) {
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			if depth > 0 {
				depth--
			}
		case sep:
			if depth == 0 {
				return s[:i], s[i+1:], true
			}
		}
	}
	return s, "", false
}
