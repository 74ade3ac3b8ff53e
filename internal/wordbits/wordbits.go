// Package wordbits tests the bytes of text eight at a time: a string's
// bytes read as one 64-bit word, and which of them are zero. The readers
// and the text helpers use it to check long values (for control
// characters, runs of plain ASCII) without going byte by byte.
package wordbits

const (
	lows  = 0x7f7f7f7f7f7f7f7f
	highs = 0x8080808080808080
)

// Load64 returns the first eight bytes of s, a string or a byte slice, as
// a little-endian word: one load, with one bounds check.
func Load64[T string | []byte](s T) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// ZeroBytes returns a word with the high bit set of each byte of x that
// is zero, and no other bit: the low seven bits plus 0x7f carry into the
// high bit unless they are all zero, and never into the next byte.
// (x ^ c*0x0101010101010101 finds the bytes equal to c.)
func ZeroBytes(x uint64) uint64 {
	return ^(((x & lows) + lows) | x) & highs
}
