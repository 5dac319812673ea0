package render

import (
	"hash/crc32"
	"strings"
	"testing"
)

// TestCRC32Combine: the checksum of two pieces combined is the checksum of
// the whole, for pieces of every length up to a few blocks of bits.
func TestCRC32Combine(t *testing.T) {
	whole := []byte(strings.Repeat("发放明细 <row r=\"3\"><c r=\"A3\" s=\"5\"><v>1</v></c></row>", 40))
	for _, cut := range []int{0, 1, 2, 3, 7, 8, 31, 32, 33, 100, 511, len(whole) - 1, len(whole)} {
		a, b := whole[:cut], whole[cut:]
		got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b)))
		if want := crc32.ChecksumIEEE(whole); got != want {
			t.Errorf("crc32Combine at %d = %08x, want %08x", cut, got, want)
		}
	}
}
