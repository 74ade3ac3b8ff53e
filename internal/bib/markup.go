package bib

import (
	"strings"
	"unicode/utf8"
)

// StripMarkup removes the tags of rich text that exports leave in titles,
// sources and abstracts ("<i>Homo sapiens</i>", "H<sub>2</sub>O",
// "<i>H</i><i>eliconia</i>", MathML, JATS) and keeps their text; inline
// tags leave nothing, block tags (p, br, div) a space. Only the tags of
// markupTags, and names with the "mml:" or "jats:" prefix, are markup:
// anything else in angle brackets is text, as the reference was written.
// EndNote names a reference made from a PDF "<Creep of welded
// joints.pdf>", older Web of Science records write symbols so ("PSA <less
// than or equal to> 0.2"), and a title may hold "<10 mm" or "<review>".
// Text without '<', nearly all of it, is returned as it is.
func StripMarkup(s string) string {
	if strings.IndexByte(s, '<') < 0 {
		return s
	}
	var b strings.Builder
	stripped := false
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			b.WriteString(s[i:])
			break
		}
		b.WriteString(s[i : i+j])
		i += j
		if n, block := markupTag(s[i:]); n > 0 {
			if block {
				b.WriteByte(' ')
			}
			i += n
			stripped = true
			continue
		}
		b.WriteByte('<')
		i++
	}
	if !stripped {
		return s
	}
	return CleanText(b.String())
}

// markupTags are the tags of rich text in titles, in lower case; block
// tags are replaced by a space. A name with the "mml:" (MathML) or "jats:"
// prefix is markup too.
var markupTags = map[string]bool{
	"i": false, "b": false, "u": false, "em": false, "strong": false, "sup": false, "sub": false, "inf": false,
	"sc": false, "scp": false, "span": false, "font": false, "style": false, "a": false, "tt": false,
	"small": false, "big": false, "italic": false, "bold": false, "math": false,
	"p": true, "br": true, "div": true,
	// headings of an abstract's sections (Europe PMC: "<h4>Background</h4>...")
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
}

// markupTag returns the length of the markup tag at the start of s
// ("<i>", "</sup>", `<span class="nocase">`, "<br/>"), and whether it is
// a block tag; 0 when s starts with no such tag. Attributes must look like
// attributes (name="value"), so that "<A study of pain.pdf>" is no anchor.
func markupTag(s string) (n int, block bool) {
	i := 1
	closing := i < len(s) && s[i] == '/'
	if closing {
		i++
	}
	j := i
	for j < len(s) && isTagNameChar(s[j]) && s[j] < utf8.RuneSelf {
		j++
	}
	if j == i {
		return 0, false
	}
	name := strings.ToLower(s[i:j])
	block, known := markupTags[name]
	if !known && !strings.HasPrefix(name, "mml:") && !strings.HasPrefix(name, "jats:") {
		return 0, false
	}
	end := strings.IndexAny(s[j:], "<>")
	if end < 0 || s[j+end] != '>' {
		return 0, false
	}
	attrs := strings.TrimSuffix(s[j:j+end], "/")
	if attrs != "" && !isTagSpace(attrs[0]) {
		return 0, false // "<b(2)>": not a tag
	}
	if closing && TrimSpace(attrs) != "" || !closing && !attributesOnly(attrs) {
		return 0, false
	}
	return j + end + 1, block
}

// attributesOnly reports whether s is a run of name="value" attributes
// (values quoted with either quote, or unquoted).
func attributesOnly(s string) bool {
	for {
		s = strings.TrimLeft(s, " \t\r\n")
		if s == "" {
			return true
		}
		k := 0
		for k < len(s) && isTagNameChar(s[k]) {
			k++
		}
		if k == 0 {
			return false
		}
		s = strings.TrimLeft(s[k:], " \t\r\n")
		if !strings.HasPrefix(s, "=") {
			return false
		}
		s = strings.TrimLeft(s[1:], " \t\r\n")
		switch {
		case s == "":
			return false
		case s[0] == '"' || s[0] == '\'':
			e := strings.IndexByte(s[1:], s[0])
			if e < 0 {
				return false
			}
			s = s[e+2:]
		default:
			e := strings.IndexAny(s, " \t\r\n")
			if e < 0 {
				e = len(s)
			}
			s = s[e:]
		}
	}
}

func isTagNameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':' || c == '-' || c == '.' || c >= utf8.RuneSelf
}

func isTagSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
