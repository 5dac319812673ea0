package render

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"
)

// templateRows is how many blank person rows a template has. A bursar who
// needs more inserts rows above the 合计 row, and its sums grow with them.
const templateRows = 40

// CountSheet is a blank template of counts, as the grid and the summary
// templates lay it out: a title, a header, one row per person (and kind),
// then a 合计 row summing each count column, then a note on filling it in.
type CountSheet struct {
	Sheet, Title string
	Headers      []any // text, or a day's number
	FirstCount   int   // the first count column; the counts run to the last column
	RowTotal     bool  // the last column is the 合计 of the row's counts
	KindCol      int   // the 类型 column, given a drop-down of Labels; 0 for none
	Labels       []string
	CountWidth   float64
	Shaded       func(col int) bool // a column of a day without service
	Note         string
}

// Save builds the sheet and writes it to path the way every kfpay output is
// written: no clock time in it, through a temporary file.
func (cs CountSheet) Save(path string, force bool) error {
	f, err := cs.workbook()
	if err != nil {
		return fmt.Errorf("生成模板失败：%w", err)
	}
	b := &Book{f: f}
	defer b.Close()
	return b.Save(path, force)
}

// strFormula is a formula cell as excelize writes it: t="str" says its saved
// value is text.
var strFormula = regexp.MustCompile(`(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="str"(><f>)`)

// workbook builds the template. excelize marks every formula's saved value as
// text, which a program that shows saved values without computing them
// (LibreOffice, by default) would show as the text "0", so the sums are
// marked as numbers in the sheet XML and the workbook opened again.
func (cs CountSheet) workbook() (*excelize.File, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := cs.build(f); err != nil {
		return nil, err
	}
	var sheetPart string
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		return &rewriteZip{zw: zip.NewWriter(w), rewrite: func(name string, b []byte) []byte {
			if strings.HasPrefix(name, "xl/worksheets/") {
				sheetPart = name
				return strFormula.ReplaceAll(b, []byte("$1$2"))
			}
			return b
		}}
	})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	if sheetPart == "" {
		return nil, errors.New("no worksheet written")
	}
	return excelize.OpenReader(buf)
}

// rewriteZip is an excelize.ZipWriter that passes each entry through rewrite.
type rewriteZip struct {
	zw      *zip.Writer
	rewrite func(name string, b []byte) []byte
	name    string
	buf     *bytes.Buffer
}

func (z *rewriteZip) Create(name string) (io.Writer, error) {
	if err := z.flush(); err != nil {
		return nil, err
	}
	z.name, z.buf = name, new(bytes.Buffer)
	return z.buf, nil
}

func (z *rewriteZip) flush() error {
	if z.buf == nil {
		return nil
	}
	w, err := z.zw.Create(z.name)
	if err == nil {
		_, err = w.Write(z.rewrite(z.name, z.buf.Bytes()))
	}
	z.buf = nil
	return err
}

// AddFS is part of excelize.ZipWriter; excelize does not call it when saving.
func (z *rewriteZip) AddFS(fs.FS) error { return errors.New("rewriteZip: AddFS is not supported") }

func (z *rewriteZip) Close() error {
	if err := z.flush(); err != nil {
		return err
	}
	return z.zw.Close()
}

func (cs CountSheet) build(f *excelize.File) error {
	if err := f.SetSheetName("Sheet1", cs.Sheet); err != nil {
		return err
	}
	b, err := newBook(f)
	if err != nil {
		return err
	}
	st := b.st
	// The same styles with a grey fill, for the days without service.
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}
	shade := map[int]int{}
	for _, id := range []int{st.header, st.body[KindCount], st.total[KindCount]} {
		s, err := f.GetStyle(id)
		if err != nil {
			return err
		}
		s.Fill = grey
		if shade[id], err = f.NewStyle(s); err != nil {
			return err
		}
	}
	lastCol := len(cs.Headers)
	lastCount := lastCol
	if cs.RowTotal {
		lastCount--
	}
	const header, first = 2, 3
	last := first + templateRows - 1
	totalRow, noteRow := last+1, last+3

	w := &templateWriter{f: f, sheet: cs.Sheet}
	style := func(col, id int) int {
		if cs.Shaded != nil && cs.Shaded(col) {
			return shade[id]
		}
		return id
	}
	w.set(1, 1, cs.Title, st.title)
	w.merge(1, 1, lastCol, 1)
	for i, h := range cs.Headers {
		w.set(i+1, header, h, style(i+1, st.header))
	}
	for row := first; row <= last; row++ {
		for col := 1; col <= lastCol; col++ {
			id := st.body[KindText]
			if col >= cs.FirstCount {
				id = style(col, st.body[KindCount])
			}
			w.set(col, row, nil, id)
		}
		if cs.RowTotal {
			w.sum(lastCol, row, cs.FirstCount, row, lastCount, row, st.body[KindCount])
		}
	}
	w.set(1, totalRow, "合计", st.total[KindCenter])
	w.merge(1, totalRow, cs.FirstCount-1, totalRow)
	for col := cs.FirstCount; col <= lastCol; col++ {
		w.sum(col, totalRow, col, first, col, last, style(col, st.total[KindCount]))
	}
	w.set(1, noteRow, cs.Note, st.body[KindText])
	w.merge(1, noteRow, lastCol, noteRow)

	// Drop-downs and checks as the bursar types, before kfpay sees the file.
	if cs.KindCol > 0 {
		dv := excelize.NewDataValidation(true)
		dv.Sqref = w.area(cs.KindCol, first, cs.KindCol, last)
		if err := dv.SetDropList(cs.Labels); err != nil {
			return err
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, "类型", "请从下拉列表中选择服务类型")
		w.validate(dv)
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = w.area(cs.FirstCount, first, lastCount, last)
	if err := dv.SetRange(0, 0, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual); err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, "节数", "请填不小于 0 的数字，没有就空着")
	w.validate(dv)
	if w.err != nil {
		return w.err
	}

	for col := 1; col <= lastCol; col++ {
		width := cs.CountWidth
		if s, text := cs.Headers[col-1].(string); text && (col < cs.FirstCount || width < DisplayWidth(s)+PadWidth) {
			width = max(DisplayWidth(s)+PadWidth, minWidth+2)
		}
		name, _ := excelize.ColumnNumberToName(col)
		if err := f.SetColWidth(cs.Sheet, name, name, width); err != nil {
			return err
		}
	}
	for _, r := range []struct {
		row    int
		height float64
	}{{1, 28}, {noteRow, 2 * LineHeight}} {
		if err := f.SetRowHeight(cs.Sheet, r.row, r.height); err != nil {
			return err
		}
	}
	// The header and the name columns stay in view while the days scroll.
	topLeft, _ := excelize.CoordinatesToCellName(cs.FirstCount, first)
	if err := f.SetPanes(cs.Sheet, &excelize.Panes{
		Freeze: true, XSplit: cs.FirstCount - 1, YSplit: header, TopLeftCell: topLeft, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: topLeft, ActiveCell: topLeft, Pane: "bottomRight"}},
	}); err != nil {
		return err
	}
	if err := f.SetSheetDimension(cs.Sheet, w.area(1, 1, lastCol, noteRow)); err != nil {
		return err
	}
	return b.PageSetup(cs.Sheet, Page{Landscape: true, Repeat: header, Header: cs.Title})
}

// templateWriter writes a template's cells; the first error sticks, so the
// layout reads as a list of cells.
type templateWriter struct {
	f     *excelize.File
	sheet string
	err   error
}

func (w *templateWriter) cell(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if w.err == nil {
		w.err = err
	}
	return name
}

func (w *templateWriter) area(fromCol, fromRow, toCol, toRow int) string {
	return w.cell(fromCol, fromRow) + ":" + w.cell(toCol, toRow)
}

// set writes v (nil for none) with the style id.
func (w *templateWriter) set(col, row int, v any, id int) {
	name := w.cell(col, row)
	if w.err == nil && v != nil {
		w.err = w.f.SetCellValue(w.sheet, name, v)
	}
	if w.err == nil {
		w.err = w.f.SetCellStyle(w.sheet, name, name, id)
	}
}

// sum writes a SUM of the area with its value, 0: the template is blank.
// excelize writes a formula without a value, so the value goes in first and
// the formula is added to it.
func (w *templateWriter) sum(col, row, fromCol, fromRow, toCol, toRow, id int) {
	w.set(col, row, 0, id)
	if w.err == nil {
		w.err = w.f.SetCellFormula(w.sheet, w.cell(col, row), "SUM("+w.area(fromCol, fromRow, toCol, toRow)+")")
	}
}

func (w *templateWriter) merge(fromCol, fromRow, toCol, toRow int) {
	if w.err == nil && (fromCol != toCol || fromRow != toRow) {
		w.err = w.f.MergeCell(w.sheet, w.cell(fromCol, fromRow), w.cell(toCol, toRow))
	}
}

func (w *templateWriter) validate(dv *excelize.DataValidation) {
	if w.err == nil {
		w.err = w.f.AddDataValidation(w.sheet, dv)
	}
}
