package csvtable

// isPlain reports whether s is text that bib.CleanText and bib.NFC return
// unchanged because it is printable ASCII with single spaces and nothing
// around it: most cells are, and checking eight bytes at a time is several
// times faster than letting those functions find out. It may say no to
// clean text; it never says yes to text that needs cleaning.
func isPlain(s string) bool {
	n := len(s)
	if n == 0 {
		return true
	}
	if s[0] == ' ' || s[n-1] == ' ' {
		return false
	}
	const lo, hi = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	prevSpace := false
	i := 0
	for ; i+8 <= n; i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if w&hi != 0 {
			return false // a byte of 0x80 or more
		}
		if ^((w&lo)+0x6060606060606060)&hi != 0 {
			return false // a byte below 0x20
		}
		t := w ^ 0x2020202020202020
		sp := ^(((t & lo) + lo) | t | lo) // the high bit of each space byte
		if sp&(sp<<8) != 0 || prevSpace && sp&0x80 != 0 {
			return false // two spaces in a row
		}
		prevSpace = sp>>63 != 0
	}
	for ; i < n; i++ {
		c := s[i]
		if c < 0x20 || c >= 0x80 || c == ' ' && prevSpace {
			return false
		}
		prevSpace = c == ' '
	}
	return true
}

// hasControl reports whether s holds a byte below 0x20 other than tab, CR
// and LF.
func hasControl(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if (w-0x2020202020202020)&^w&0x8080808080808080 != 0 {
			break // a byte below 0x20 is somewhere from here on
		}
	}
	for ; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return true
		}
	}
	return false
}
