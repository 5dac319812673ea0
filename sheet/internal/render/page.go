package render

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Page is how a sheet prints. Every sheet prints on A4, one page wide and as
// many pages long as its rows need, at a scale that keeps its body text at
// least at its Type's floor (9 pt for a table, 12 pt for a notice). Where the
// pages break is decided when the grid finishes, from the rows it holds (see
// Paginate): the breaks, the scale and the orientation are written into the
// workbook, so that Excel, WPS and LibreOffice print the same pages.
type Page struct {
	// Notice sets the sheet in the larger type of a notice posted for
	// parents or teachers to read from a step away (TypeNotice); otherwise
	// it is a table read at a desk (TypeTable).
	Notice bool
	// Landscape prefers landscape paper. The sheet still turns to the other
	// orientation when only that one prints it at a readable size.
	Landscape bool
	Repeat    int    // rows 1 to Repeat print at the top of every page; 0 for none
	Header    string // centred in the page header, unless the repeated rows hold the title
	// FooterLeft and FooterRight go left and right of the page number in
	// the page footer, such as the lines for who drew up and approved a
	// sheet: every printed page carries them.
	FooterLeft, FooterRight string
}

// Type is the type size the page is set in.
func (p Page) Type() Type {
	if p.Notice {
		return TypeNotice
	}
	return TypeTable
}

// PageSetup says how the sheet prints. It takes effect when the sheet's
// grid finishes, which lays out the pages from the rows: call it before
// Grid.Finish.
func (b *Book) PageSetup(sheet string, p Page) error {
	if _, ok := b.pages[sheet]; ok {
		return fmt.Errorf("page setup of %s given twice", sheet)
	}
	b.pages[sheet] = p
	return nil
}

// The paper and its margins, in points and inches. A4 is what Chinese
// schools print on. The side margins, 12.7 mm, leave room to punch and file
// a sheet; the top and bottom ones, Excel's usual 19 mm, hold the page
// header and footer.
const (
	a4Short, a4Long = 595.28, 841.89 // points
	marginSide      = 0.5            // inches, left and right
	marginTopBottom = 0.75
	marginHeaderFtr = 0.3 // from the paper's edge to the page header and footer
)

// unitPoints is the width of a column width unit in points, as kfpay counts
// it to fit a sheet to the paper: the digit width of the default font,
// Arial at 11 pt, is 8 pixels at 96 dpi in Excel and WPS (6.0 pt) and
// 0.556 em in Liberation Sans, LibreOffice's Arial (6.12 pt). The count
// takes a little more than either, so that a sheet fitted to one page wide
// stays one page wide in each.
const unitPoints = 6.2

// bodyReserve is what kfpay keeps free of rows at the foot of each page, in
// points: LibreOffice 7.4 takes room for the page header and footer out of
// the page body (measured with margins of 0.8 in and both a header and a
// footer: 35 rows of 20 pt fit on a portrait A4 page whose body Excel makes
// 726.7 pt high, 36.3 rows), where Excel draws them in the margins. Pages
// laid out this much short end where kfpay put the break in both; the
// printed-pages test checks that LibreOffice adds no page of its own.
const bodyReserve = 36

// paper is the printable width and height of a page, in points.
func paper(landscape bool) (width, height float64) {
	w, h := a4Short, a4Long
	if landscape {
		w, h = h, w
	}
	return w - 2*marginSide*72, h - 2*marginTopBottom*72
}

// fitScale is the print scale, in percent, at which a sheet width units
// wide fits one page wide: at most 100.
func fitScale(width float64, landscape bool) int {
	pw, _ := paper(landscape)
	s := math.Floor(pw / (width * unitPoints) * 100)
	return int(min(max(s, 10), 100))
}

// orient chooses the orientation and scale of a sheet width units wide, set
// in Type t: the orientation the sheet prefers if its body prints there at
// t's floor or larger, else the other if that one does, else whichever
// prints larger.
func orient(width float64, t Type, preferLandscape bool) (landscape bool, scale int) {
	floor, body := typeSpecs[t].floor, typeSpecs[t].body
	readable := func(scale int) bool { return body*float64(scale)/100 >= floor-1e-9 }
	pref, other := fitScale(width, preferLandscape), fitScale(width, !preferLandscape)
	switch {
	case readable(pref):
		return preferLandscape, pref
	case readable(other) || other > pref:
		return !preferLandscape, other
	}
	return preferLandscape, pref
}

// Block is a run of rows, First to Last, that stays on one page: a 合计 row
// with the row above it, a class's rows, a slip.
type Block struct{ First, Last int }

// Paginate lays out rows first to len(heights) (heights[r-1] is row r's
// height in points) on pages that each hold room points of them, and
// returns the first row of each page. A page ends early
//   - before a row of breaks (a class that starts on a new page), and
//   - before a block of keep that would not fit in what is left of it, so
//     that the block starts the next page, when the block fits on a page;
//     blocks that overlap or touch a kept block travel with it as far as the
//     whole still fits on a page. A block taller than a page is split where
//     its rows fill the pages.
//
// A row taller than room takes a page of its own. Paginate is a function of
// the rows alone, for any sheet to lay out its pages with.
func Paginate(heights []float64, first int, room float64, keep []Block, breaks []int) []int {
	last := len(heights)
	if first > last {
		return []int{first}
	}
	// above[r] is the height of rows 1 to r - 1: a run's height in one step.
	above := make([]float64, last+2)
	for r := 1; r <= last; r++ {
		above[r+1] = above[r] + heights[r-1]
	}
	span := func(a, b int) float64 { return above[b+1] - above[a] }
	brk := map[int]bool{}
	for _, r := range breaks {
		brk[r] = true
	}
	// By first row, so that the blocks that start among some rows are found
	// without looking at the others: a sheet of slips has one per person.
	keep = slices.Clone(keep)
	slices.SortFunc(keep, func(a, b Block) int { return a.First - b.First })
	// blockEnd is the last row that goes with row r on its page: the
	// blocks that start at r, and those that start among the rows they take
	// and reach beyond them, as long as all fits on a page.
	blockEnd := func(r int) int {
		end := r
		i, _ := slices.BinarySearchFunc(keep, r, func(b Block, r int) int { return b.First - r })
		for ; i < len(keep) && keep[i].First <= end; i++ {
			if k := keep[i]; k.Last > end && k.Last <= last && span(r, k.Last) <= room {
				end = k.Last
			}
		}
		return end
	}
	starts := []int{first}
	used := 0.0
	for r := first; r <= last; {
		if r > starts[len(starts)-1] && brk[r] {
			starts, used = append(starts, r), 0
		}
		end := blockEnd(r)
		need := span(r, end)
		if used > 0 && used+need > room {
			starts, used = append(starts, r), 0
		}
		used += need
		r = end + 1
	}
	return starts
}

// pageLayout is how a sheet prints, as Finish works it out.
type pageLayout struct {
	landscape bool
	scale     int   // percent
	starts    []int // the first row of each page
}

// layOutPages works out how a sheet of t whose columns are widths wide and
// whose rows are heights high prints under p.
func layOutPages(p Page, widths, heights []float64, keep []Block, breaks []int) pageLayout {
	t := p.Type()
	total := 0.0
	for _, w := range widths {
		if w == 0 {
			w = defaultWidth
		}
		total += w
	}
	var l pageLayout
	l.landscape, l.scale = orient(total, t, p.Landscape)
	_, ph := paper(l.landscape)
	s := float64(l.scale) / 100
	room := (ph-bodyReserve)/s - sumHeights(heights, 1, min(p.Repeat, len(heights)))
	l.starts = Paginate(heights, p.Repeat+1, room, keep, breaks)
	return l
}

// defaultWidth is the width of a column kfpay does not size, as Excel has it.
const defaultWidth = 9.140625

func sumHeights(heights []float64, a, b int) float64 {
	s := 0.0
	for r := a; r <= b; r++ {
		s += heights[r-1]
	}
	return s
}

// hfFont is the font of the page header and footer: FontText at 10 pt.
const hfFont = `&"` + FontText + `,Regular"&10`

// writePageSetup writes the page setup of sheet: A4 in the layout's
// orientation and scale, centred, page numbers that start at 1 on each
// sheet, the rows to repeat, and a manual break before each page but the
// first. The footer says how many pages the sheet has as a number: its &N
// counts the pages of the whole print job, every sheet of a workbook
// printed at once in Excel and every sheet of the document in LibreOffice
// ("第 1 页，共 6 页" on a sheet of three), where a school files each sheet
// on its own. The page header holds p.Header unless the repeated rows hold
// the title already (title is the title's row, 0 for none).
func (b *Book) writePageSetup(sheet string, p Page, l pageLayout, title int) error {
	f := b.f
	orientation := "portrait"
	if l.landscape {
		orientation = "landscape"
	}
	a4, scale, one, no, yes := 9, uint(l.scale), uint(1), false, true
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size:            &a4,
		Orientation:     &orientation,
		AdjustTo:        &scale,
		FirstPageNumber: &one,
	}); err != nil {
		return err
	}
	// A set scale, not fit-to-page: Excel ignores manual page breaks on a
	// sheet fitted to pages.
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &no}); err != nil {
		return err
	}
	side, tb, hf := marginSide, marginTopBottom, marginHeaderFtr
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &tb, Bottom: &tb, Header: &hf, Footer: &hf, Horizontally: &yes,
	}); err != nil {
		return err
	}
	if p.Repeat > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{
			Name:     "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("%s!$1:$%d", quoteSheet(sheet), p.Repeat),
			Scope:    sheet,
		}); err != nil {
			return err
		}
	}
	footer := fmt.Sprintf("&C%s第 &P 页，共 %d 页", hfFont, len(l.starts))
	if p.FooterLeft != "" {
		footer = "&L" + hfFont + escapeHeader(p.FooterLeft) + footer
	}
	if p.FooterRight != "" {
		footer += "&R" + hfFont + escapeHeader(p.FooterRight)
	}
	header := ""
	if p.Header != "" && (title == 0 || title > p.Repeat) {
		// The school's name may be long: the header keeps what fits.
		header = fitPageHeader("&C"+hfFont, p.Header)
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: header,
		OddFooter: footer,
	})
}

// rowBreaksXML is the <rowBreaks> element of a sheet whose pages start at
// rows starts, a manual break before each but the first, and the empty
// <colBreaks> after it: the bytes excelize writes for the same breaks given
// one at a time with InsertPageBreak, which looks through every break made
// before adding one, so that 38,000 breaks (100,000 slips) took 0.6–1.8 s.
// It is nil for a sheet of one page, where excelize writes neither.
func rowBreaksXML(starts []int) []byte {
	if len(starts) < 2 {
		return nil
	}
	n := strconv.Itoa(len(starts) - 1)
	x := make([]byte, 0, 64+48*len(starts))
	x = append(x, `<rowBreaks count="`+n+`" manualBreakCount="`+n+`">`...)
	for _, r := range starts[1:] {
		// excelize's id is the row above the break, counted from 1: the
		// break before row r is after row r - 1.
		x = append(x, `<brk id="`...)
		x = strconv.AppendInt(x, int64(r-1), 10)
		x = append(x, `" max="16383" man="true"></brk>`...)
	}
	return append(x, `</rowBreaks><colBreaks></colBreaks>`...)
}

// escapeHeader doubles the & that starts a code in a page header or footer.
func escapeHeader(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// FreezeRows keeps rows 1 to n in view while the rest scrolls. A grid's
// sheet takes it before Grid.Finish.
func (b *Book) FreezeRows(sheet string, n int) error {
	first, _ := excelize.CoordinatesToCellName(1, n+1)
	return b.f.SetPanes(sheet, &excelize.Panes{
		Freeze:      true,
		YSplit:      n,
		TopLeftCell: first,
		ActivePane:  "bottomLeft",
		Selection:   []excelize.Selection{{SQRef: first, ActiveCell: first, Pane: "bottomLeft"}},
	})
}

// quoteSheet quotes a sheet name for a formula or defined name.
func quoteSheet(name string) string {
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}
