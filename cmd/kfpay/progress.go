package main

import (
	"fmt"
	"io"
	"time"

	"kfpay/sheet"
)

// progress shows on stderr how a long read is going: after a second on one
// file, the row reached, redrawn a few times a second on one line. It shows
// nothing when stderr is not a terminal, so piped or logged output stays
// clean, and nothing for a read that ends within the second.
type progress struct {
	w     io.Writer
	on    bool
	now   func() time.Time // the clock, injected for tests
	drawn time.Time        // when the line was last drawn
	shown bool             // a progress line is on the screen
}

// Timings of the progress line.
const (
	progressAfter  = time.Second            // a read shorter than this shows nothing
	progressRedraw = 200 * time.Millisecond // at most five redraws a second
)

func newProgress(w io.Writer) *progress {
	return &progress{w: w, on: isTerminal(w), now: time.Now}
}

// reading returns the read option that reports the reading of the file
// name, or nil when nothing is shown.
func (p *progress) reading(name string) sheet.ReadOption {
	if !p.on {
		return nil
	}
	return sheet.WithProgress(p.reporter(name))
}

// reporter returns the function a reader calls with the row it has reached
// in the file name and the sheet's last row.
func (p *progress) reporter(name string) func(row, last int) {
	start := p.now()
	return func(row, last int) {
		now := p.now()
		if now.Sub(start) < progressAfter || now.Sub(p.drawn) < progressRedraw {
			return
		}
		p.drawn = now
		if last > 0 && row <= last { // the last row is a hint a stale dimension gives: past it, no percent
			fmt.Fprintf(p.w, "\r正在读取 %s：第 %d 行，共 %d 行（%d%%）\033[K", name, row, last, row*100/last)
		} else {
			fmt.Fprintf(p.w, "\r正在读取 %s：第 %d 行\033[K", name, row)
		}
		p.shown = true
	}
}

// done clears the progress line, so that the messages after it start on a
// clean line.
func (p *progress) done() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}
