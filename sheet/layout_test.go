package sheet

import (
	"archive/zip"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kfpay/rules"
)

// layout describes what the text dump leaves out of a workbook kfpay writes:
// for every sheet its dimension, column widths, custom row heights, merged
// ranges, frozen panes, page setup, page header and footer and print titles,
// and for every cell its kind of value and its style, spelled out. The
// golden layouts pin the writer's output down to how it prints, whatever
// way the XML is written (shared or inline strings, in memory or streamed).
func layout(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var names []string
	for _, dn := range f.GetDefinedName() {
		names = append(names, fmt.Sprintf("%s@%s=%s", dn.Name, dn.Scope, dn.RefersTo))
	}
	sort.Strings(names)
	fmt.Fprintf(&b, "defined names: %s\n", strings.Join(names, " "))
	for _, sheet := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s ==\n", sheet)
		// A hidden sheet (a payout's 校验数据) is never printed or read by
		// eye: its content is the dump's, its layout nobody's.
		if visible, err := f.GetSheetVisible(sheet); err == nil && !visible {
			fmt.Fprintf(&b, "hidden\n")
			continue
		}
		dim, err := f.GetSheetDimension(sheet)
		must(err)
		fmt.Fprintf(&b, "dimension %s\n", dim)
		lastCol, lastRow, err := excelize.CellNameToCoordinates(dim[strings.Index(dim, ":")+1:])
		must(err)

		var widths []string
		for c := 1; c <= lastCol+1; c++ {
			name, _ := excelize.ColumnNumberToName(c)
			w, err := f.GetColWidth(sheet, name)
			must(err)
			widths = append(widths, fmt.Sprintf("%s=%g", name, w))
		}
		fmt.Fprintf(&b, "widths %s\n", strings.Join(widths, " "))
		var heights []string
		for r := 1; r <= lastRow+1; r++ {
			h, err := f.GetRowHeight(sheet, r)
			must(err)
			if h != 15 { // excelize's default height, for rows with none set

				heights = append(heights, fmt.Sprintf("%d=%g", r, h))
			}
		}
		fmt.Fprintf(&b, "heights %s\n", strings.Join(heights, " "))

		merged, err := f.GetMergeCells(sheet)
		must(err)
		var ranges []string
		for _, m := range merged {
			ranges = append(ranges, m.GetStartAxis()+":"+m.GetEndAxis())
		}
		fmt.Fprintf(&b, "merged %s\n", strings.Join(ranges, " "))

		panes, err := f.GetPanes(sheet)
		must(err)
		fmt.Fprintf(&b, "panes freeze=%t x=%d y=%d top-left=%s active=%s selection=%v\n",
			panes.Freeze, panes.XSplit, panes.YSplit, panes.TopLeftCell, panes.ActivePane, panes.Selection)
		pl, err := f.GetPageLayout(sheet)
		must(err)
		fmt.Fprintf(&b, "page size=%d orientation=%s scale=%s first-page=%s breaks=%s\n", *pl.Size, *pl.Orientation,
			optional(pl.AdjustTo), optional(pl.FirstPageNumber), rowBreaks(t, path, f, sheet))
		pm, err := f.GetPageMargins(sheet)
		must(err)
		fmt.Fprintf(&b, "margins centered=%t\n", pm.Horizontally != nil && *pm.Horizontally)
		props, err := f.GetSheetProps(sheet)
		must(err)
		fmt.Fprintf(&b, "fit-to-page=%t\n", props.FitToPage != nil && *props.FitToPage)
		hf, err := f.GetHeaderFooter(sheet)
		must(err)
		fmt.Fprintf(&b, "header %q footer %q\n", hf.OddHeader, hf.OddFooter)

		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		must(err)
		for r := 1; r <= lastRow; r++ {
			var cells []string
			for c := 1; c <= lastCol; c++ {
				ref, _ := excelize.CoordinatesToCellName(c, r)
				id, err := f.GetCellStyle(sheet, ref)
				must(err)
				value := ""
				if r <= len(rows) && c <= len(rows[r-1]) {
					value = rows[r-1][c-1]
				}
				typ, err := f.GetCellType(sheet, ref)
				must(err)
				if value == "" && id == 0 {
					continue
				}
				cells = append(cells, fmt.Sprintf("%s %s %s", ref, valueKind(typ, value), styleText(t, f, id)))
			}
			if len(cells) > 0 {
				fmt.Fprintf(&b, "%s\n", strings.Join(cells, "\n"))
			}
		}
	}
	return b.String()
}

// optional shows a setting that may be absent.
func optional(v *uint) string {
	if v == nil {
		return "-"
	}
	return fmt.Sprint(*v)
}

// rowBreaks lists the rows that start a page of sheet by a manual break,
// from the sheet's XML: excelize sets them but has no getter.
func rowBreaks(t *testing.T, path string, f *excelize.File, sheet string) string {
	t.Helper()
	part := ""
	for id, name := range f.GetSheetMap() {
		if name == sheet {
			part = fmt.Sprintf("xl/worksheets/sheet%d.xml", id)
		}
	}
	var rows []string
	for _, m := range brkID.FindAllSubmatch(worksheetParts(t, path)[part], -1) {
		n, _ := strconv.Atoi(string(m[1]))
		rows = append(rows, strconv.Itoa(n+1))
	}
	if len(rows) == 0 {
		return "none"
	}
	return strings.Join(rows, ",")
}

var brkID = regexp.MustCompile(`<brk id="(\d+)"`)

// worksheetParts reads the XML of every worksheet of the workbook at path,
// by part name.
func worksheetParts(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := map[string][]byte{}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		xml, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[zf.Name] = xml
	}
	return parts
}

// valueKind says what a cell holds: text, a number or nothing. Whether the
// text is a shared or an inline string does not show in Excel.
func valueKind(typ excelize.CellType, value string) string {
	switch {
	case value == "":
		return "empty"
	case typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString:
		return "text"
	}
	return "number"
}

// styleText spells out the style with id: font, alignment, borders, fill and
// number format.
func styleText(t *testing.T, f *excelize.File, id int) string {
	t.Helper()
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	var parts []string
	if st.Font != nil {
		parts = append(parts, fmt.Sprintf("font(%s bold=%t size=%g)", st.Font.Family, st.Font.Bold, st.Font.Size))
	}
	if a := st.Alignment; a != nil {
		parts = append(parts, fmt.Sprintf("align(%s %s wrap=%t)", a.Horizontal, a.Vertical, a.WrapText))
	}
	var borders []string
	for _, bd := range st.Border {
		borders = append(borders, fmt.Sprintf("%s:%d", bd.Type, bd.Style))
	}
	if len(borders) > 0 {
		parts = append(parts, "border("+strings.Join(borders, " ")+")")
	}
	if st.Fill.Pattern != 0 {
		parts = append(parts, fmt.Sprintf("fill(%d %v)", st.Fill.Pattern, st.Fill.Color))
	}
	numFmt := fmt.Sprint(st.NumFmt)
	if st.CustomNumFmt != nil {
		numFmt = *st.CustomNumFmt
	}
	parts = append(parts, "fmt("+numFmt+")")
	return strings.Join(parts, " ")
}

func TestPayoutLayoutGolden(t *testing.T) {
	checkSnapshot(t, "payout-2026-09.layout.txt", []byte(layout(t, writeWorked(t, workedExample()))))
}

func TestSettlementLayoutGolden(t *testing.T) {
	files := writeSettlement(t, testSettlement(t))
	checkSnapshot(t, "settlement-posted.layout.txt", []byte(layout(t, files.Posted)))
	checkSnapshot(t, "settlement-slips.layout.txt", []byte(layout(t, files.Slips)))
	checkSnapshot(t, "settlement-internal.layout.txt", []byte(layout(t, files.Internal)))
}

// TestTemplateLayoutGolden covers the blank workbooks of kfpay init, whose
// sheets also go through the grid, with column styles and drop-down lists
// set around it.
func TestTemplateLayoutGolden(t *testing.T) {
	for name, path := range saveTemplates(t, rules.Default()) {
		checkSnapshot(t, "template-"+strings.TrimSuffix(name, ".xlsx")+".layout.txt", []byte(layout(t, path)))
	}
}

// TestColumnsInOrder: Excel wants a sheet's <col> elements in column order,
// which excelize leaves to the caller for a streamed sheet.
func TestColumnsInOrder(t *testing.T) {
	files := writeSettlement(t, testSettlement(t))
	paths := []string{writeWorked(t, workedExample()), files.Posted, files.Slips, files.Internal}
	for _, path := range saveTemplates(t, rules.Default()) {
		paths = append(paths, path)
	}
	colMin := regexp.MustCompile(`<col\b[^>]*\bmin="(\d+)"`)
	for _, path := range paths {
		for name, xml := range worksheetParts(t, path) {
			prev := 0
			for _, m := range colMin.FindAllSubmatch(xml, -1) {
				n, _ := strconv.Atoi(string(m[1]))
				if n <= prev {
					t.Errorf("%s %s: <col min=%d> after <col min=%d>", filepath.Base(path), name, n, prev)
				}
				prev = n
			}
		}
	}
}
