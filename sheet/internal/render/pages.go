package render

import (
	"errors"
	"fmt"
)

// Block is a run of rows, First to Last, that stays on one page: a slip
// that a page break must not cut in two.
type Block struct{ First, Last int }

// pageSlack is the share of a page left unfilled when rows are laid on it:
// the reading program may round row heights (LibreOffice to 1/100 mm) or
// draw a border a little taller, and a block pushed by a fraction of a
// point onto the next page would be split after all.
const pageSlack = 0.02

// KeepTogether keeps rows first to last on one page: a block that must not
// be cut, such as a family's slip.
func (g *Grid) KeepTogether(first, last int) {
	g.keep = append(g.keep, Block{first, last})
}

// BreakBefore starts a new page at row r, as the slips start each class on
// a page of its own.
func (g *Grid) BreakBefore(r int) { g.breaks = append(g.breaks, r) }

// pageBreaks are the rows before which the sheet's pages break, as p prints
// it: blocks kept together are laid on a page while they fit, and the next
// one starts the next page; the rows between two blocks go with the block
// after them; a page breaks too before each row of BreakBefore, which must
// be the first row of a block. p must be Paged. The pages are laid at full
// size: a program that shrinks the sheet to the page's width (a wider font
// than the widths allow for) only leaves more room at the foot of each
// page. The heights of the rows must be final (Height).
func (g *Grid) pageBreaks(p Page) ([]int, error) {
	if len(g.keep) == 0 && len(g.breaks) == 0 {
		return nil, nil
	}
	if !p.Paged {
		return nil, errors.New("rows kept together on a page not Paged")
	}
	repeat := 0.0 // the rows printed at the top of every page
	for r := 1; r <= p.Repeat; r++ {
		repeat += g.Height(r)
	}
	breaks, err := layPages(p.BodyHeight()*(1-pageSlack), repeat, g.keep, g.breaks, g.Height)
	if err != nil {
		return nil, fmt.Errorf("pages of %s: %w", g.sheet, err)
	}
	return breaks, nil
}

// layPages lays blocks on pages of room points, of which repeat points on
// every page after the first are taken by the rows repeated at the top, and
// returns the rows before which a page breaks: before a block that does not
// fit on what is left of its page, and before a block starting at a row of
// newPage.
func layPages(room, repeat float64, blocks []Block, newPage []int, height func(r int) float64) ([]int, error) {
	starts := map[int]bool{}
	for _, b := range blocks {
		starts[b.First] = true
	}
	forced := map[int]bool{}
	for _, r := range newPage {
		if !starts[r] {
			return nil, fmt.Errorf("a page break before row %d, which starts no block", r)
		}
		forced[r] = true
	}
	var breaks []int
	top, avail := 1, room // the first row of the page and its room
	fill := func(from, to int) float64 {
		h := 0.0
		for r := from; r <= to; r++ {
			h += height(r)
		}
		return h
	}
	prev := 0 // the last row of the block before
	for i, b := range blocks {
		if b.First <= prev || b.Last < b.First {
			return nil, fmt.Errorf("block %d (rows %d–%d) is not below the one before", i+1, b.First, b.Last)
		}
		from := prev + 1 // with the rows above it, up to the block before
		if i > 0 && (forced[b.First] || fill(top, b.Last) > avail) {
			breaks = append(breaks, from)
			top, avail = from, room-repeat
		}
		if h := fill(top, b.Last); h > avail {
			return nil, fmt.Errorf("rows %d–%d are %.0f points high, more than the %.0f of a page", top, b.Last, h, avail)
		}
		prev = b.Last
	}
	return breaks, nil
}
