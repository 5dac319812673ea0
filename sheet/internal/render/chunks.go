package render

import (
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

// deflaters are flate writers to reuse: a writer holds a few hundred
// kilobytes of tables, and a workbook has a dozen entries and a few sheets
// deflated apart, which made a school's month of 2,000 rows slower than it
// was with compress/flate (issue 20 asks 25 ms of the whole run).
var deflaters = sync.Pool{New: func() any {
	fw, err := flate.NewWriter(io.Discard, zipLevel)
	if err != nil {
		panic(err) // zipLevel is a valid level
	}
	return fw
}}

// getDeflater is a flate writer at zipLevel writing to w.
func getDeflater(w io.Writer) *flate.Writer {
	fw := deflaters.Get().(*flate.Writer)
	fw.Reset(w)
	return fw
}

// putDeflater gives back a writer whose stream is closed or flushed.
func putDeflater(fw *flate.Writer) {
	fw.Reset(io.Discard)
	deflaters.Put(fw)
}

// chunkSize is the size of the pieces a chunks holds.
const chunkSize = 1 << 20

// chunks is a buffer of compressed bytes held as pieces of a MiB: unlike a
// bytes.Buffer, it never holds twice what it was given while it grows, and
// another's pieces join it without a copy. A district's payout holds
// tens of megabytes of deflated sheets until the zip is written.
type chunks struct {
	bufs [][]byte
	n    int
}

// Write appends p.
func (c *chunks) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		last := len(c.bufs) - 1
		if last < 0 || len(c.bufs[last]) == cap(c.bufs[last]) {
			// From 4 KiB, doubling up to a MiB: most entries of a
			// workbook are a few kilobytes.
			size := 4 << 10
			if last >= 0 {
				size = min(chunkSize, 2*cap(c.bufs[last]))
			}
			c.bufs = append(c.bufs, make([]byte, 0, size))
			last++
		}
		b := c.bufs[last]
		m := min(len(p), cap(b)-len(b))
		c.bufs[last] = append(b, p[:m]...)
		p = p[m:]
	}
	c.n += n
	return n, nil
}

// join appends the pieces of o, which must not change after.
func (c *chunks) join(o *chunks) {
	for _, b := range o.bufs {
		c.bufs = append(c.bufs, b[:len(b):len(b)]) // full: a later Write starts a piece of its own
	}
	c.n += o.n
}

// Len is the number of bytes held.
func (c *chunks) Len() int { return c.n }

// WriteTo writes the bytes held to w.
func (c *chunks) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for _, b := range c.bufs {
		m, err := w.Write(b)
		n += int64(m)
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
