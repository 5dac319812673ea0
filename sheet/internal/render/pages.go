package render

import (
	"errors"
	"fmt"
)

// Block is the rows From to To of a sheet that print on one page: a slip
// that a page break must not cut in two. NewPage starts it on a new page,
// as the first slip of each class does.
type Block struct {
	From, To int
	NewPage  bool
}

// pageSlack is the share of a page left unfilled when blocks are laid on
// it: the reading program may round row heights (LibreOffice to 1/100 mm)
// or draw a border a little taller, and a block pushed by a fraction of a
// point onto the next page would be split after all.
const pageSlack = 0.02

// KeepTogether places manual page breaks in the grid's sheet so that, as p
// prints it, no block is split across two pages and each block marked
// NewPage starts a page: blocks are laid on a page while they fit, and the
// next one starts the next page. The rows between two blocks go with the
// block after them. p must be Paged. The pages are laid at full size: a
// program that shrinks the sheet to the page's width (a wider font than
// the widths allow for) only leaves more room at the foot of each page. The
// heights of the rows must be final (Height); KeepTogether comes after the
// last row and width, before Finish. It returns the rows that start a page,
// the first page's excepted.
func (g *Grid) KeepTogether(p Page, blocks []Block) ([]int, error) {
	if g.err != nil {
		return nil, g.err
	}
	if !p.Paged {
		return nil, errors.New("keep together: the page is not Paged")
	}
	repeat := 0.0 // the rows printed at the top of every page
	for r := 1; r <= p.Repeat; r++ {
		repeat += g.Height(r)
	}
	breaks, err := pageBreaks(p.BodyHeight()*(1-pageSlack), repeat, blocks, g.Height)
	if err != nil {
		return nil, fmt.Errorf("keep together in %s: %w", g.sheet, err)
	}
	g.breaks = breaks
	return breaks, nil
}

// pageBreaks lays blocks on pages of room points, of which repeat points
// on every page after the first are taken by the rows repeated at the top,
// and returns the rows before which a page breaks.
func pageBreaks(room, repeat float64, blocks []Block, height func(r int) float64) ([]int, error) {
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
		if b.From <= prev || b.To < b.From {
			return nil, fmt.Errorf("block %d (rows %d–%d) is not below the one before", i+1, b.From, b.To)
		}
		from := prev + 1 // with the rows above it, up to the block before
		if i > 0 && (b.NewPage || fill(top, b.To) > avail) {
			breaks = append(breaks, from)
			top, avail = from, room-repeat
		}
		if h := fill(top, b.To); h > avail {
			return nil, fmt.Errorf("rows %d–%d are %.0f points high, more than the %.0f of a page", top, b.To, h, avail)
		}
		prev = b.To
	}
	return breaks, nil
}
