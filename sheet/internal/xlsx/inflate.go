package xlsx

import (
	"io"

	"github.com/klauspost/compress/flate"
)

// newInflater is the zip.Decompressor of deflated entries: klauspost's
// inflate, which reads the same streams as compress/flate, faster.
func newInflater(r io.Reader) io.ReadCloser { return flate.NewReader(r) }
