package wordbits

import (
	"encoding/binary"
	"testing"
)

func TestLoad64(t *testing.T) {
	s := "\x01\x02\x03\x04\x05\x06\x07\x08rest"
	if got, want := Load64(s), binary.LittleEndian.Uint64([]byte(s)); got != want {
		t.Errorf("Load64 = %#x, want %#x", got, want)
	}
}

// TestZeroBytes puts each byte value at each place of a word of other
// values, zero among them, and checks the bit of every byte.
func TestZeroBytes(t *testing.T) {
	for place := 0; place < 8; place++ {
		for v := 0; v < 256; v++ {
			for _, other := range []byte{0, 1, 0x7f, 0x80, 0xff} {
				var b [8]byte
				for i := range b {
					b[i] = other
				}
				b[place] = byte(v)
				got := ZeroBytes(binary.LittleEndian.Uint64(b[:]))
				for i, c := range b {
					if set := got>>(8*i+7)&1 == 1; set != (c == 0) {
						t.Fatalf("ZeroBytes(% x): byte %d is %#x, high bit set %v", b, i, c, set)
					}
				}
				if got&^highs != 0 {
					t.Fatalf("ZeroBytes(% x) = %#x: bits other than the high ones", b, got)
				}
			}
		}
	}
}
