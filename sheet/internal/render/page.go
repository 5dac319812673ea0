package render

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Page is how a sheet prints: on A4, one page wide and as many long as it
// takes.
type Page struct {
	Landscape bool
	Repeat    int    // rows 1 to Repeat print at the top of every page; 0 for none
	Header    string // centred in the page header
	// FooterLeft and FooterRight go left and right of the page number in
	// the page footer, such as the lines for who drew up and approved a
	// sheet: every printed page carries them.
	FooterLeft, FooterRight string
	OnePage                 bool // shrink the sheet to print on a single page, as a notice is posted
	// Paged marks a sheet whose page breaks kfpay places (KeepTogether,
	// BreakBefore): its page margins are written out, so that every
	// program lays the same height of rows on a page.
	Paged bool
}

// A4 in points, and the page margins of a Paged sheet, in inches: Excel's
// normal margins, which LibreOffice reads as given. The page header and
// footer print inside the top and bottom margins.
const (
	a4Width, a4Height          = 595.28, 841.89
	marginTop, marginBottom    = 0.75, 0.75
	marginLeft, marginRight    = 0.7, 0.7
	marginHeader, marginFooter = 0.3, 0.3
)

// BodyHeight is the height in points of the part of a page the sheet's
// rows print on at full size: the paper less the top and bottom margins.
// A sheet fitted to the page's width prints at full size or smaller, so its
// rows never take more of a page than this.
func (p Page) BodyHeight() float64 {
	h := a4Height
	if p.Landscape {
		h = a4Width
	}
	return h - (marginTop+marginBottom)*72
}

// PageSetup sets how the sheet prints, with page numbers in the footer. A
// grid's sheet takes it before Grid.Finish.
func (b *Book) PageSetup(sheet string, p Page) error {
	b.pages[sheet] = p
	f := b.f
	orientation := "portrait"
	if p.Landscape {
		orientation = "landscape"
	}
	a4, one, zero, yes := 9, 1, 0, true
	height := &zero // 0: as many pages long as the rows need
	if p.OnePage {
		height = &one
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size:        &a4,
		Orientation: &orientation,
		FitToWidth:  &one,
		FitToHeight: height,
	}); err != nil {
		return err
	}
	// Excel applies FitToWidth only to a sheet marked fit-to-page.
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}); err != nil {
		return err
	}
	margins := &excelize.PageLayoutMarginsOptions{Horizontally: &yes}
	if p.Paged {
		top, bottom, left, right, header, footer := marginTop, marginBottom, marginLeft, marginRight, marginHeader, marginFooter
		margins.Top, margins.Bottom, margins.Left, margins.Right, margins.Header, margins.Footer = &top, &bottom, &left, &right, &header, &footer
	}
	if err := f.SetPageMargins(sheet, margins); err != nil {
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
	footer := "&C第 &P 页，共 &N 页"
	if p.FooterLeft != "" {
		footer = "&L" + escapeHeader(p.FooterLeft) + footer
	}
	if p.FooterRight != "" {
		footer += "&R" + escapeHeader(p.FooterRight)
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&C" + escapeHeader(p.Header),
		OddFooter: footer,
	})
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
