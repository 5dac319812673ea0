package sheettest

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Fill types the rows of src into the first visible sheet of the workbook at
// path, from the row below the last one in use, the way a person types into
// Excel, and saves the workbook. It is for templates: a typed cell takes the
// style of its column, so the template's number formats are what tell a
// reader a percent or a date. Rows are written in the syntax of Build, but a
// date (@2026-09-01) or a percent (30%) is stored as the number Excel stores
// for what was typed, without a number format of its own; a number or a text
// keeps the column's format too. Directives are not allowed, and an empty
// line leaves an empty row.
func Fill(path string, src []byte) error {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sheet := ""
	for _, name := range f.GetSheetList() {
		if visible, _ := f.GetSheetVisible(name); visible {
			sheet = name
			break
		}
	}
	if sheet == "" {
		return errors.New("no visible sheet")
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	next := len(rows) + 1
	lastCol := 0
	for _, r := range rows {
		lastCol = max(lastCol, len(r))
	}
	p := &parser{b: &book{}, title: -1}
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	for i, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		n, err := fillRow(f, p, sheet, next, line)
		if err != nil {
			return fmt.Errorf("line %d: %w", i+1, err)
		}
		lastCol = max(lastCol, n)
		next++
	}
	// Excel records the used range on saving, and readers check rows
	// against it; excelize leaves it as it was.
	if lastCol > 0 && next > 1 {
		last, err := excelize.CoordinatesToCellName(lastCol, next-1)
		if err != nil {
			return err
		}
		if err := f.SetSheetDimension(sheet, "A1:"+last); err != nil {
			return err
		}
	}
	return f.Save()
}

// FillFile fills the workbook at path with the rows in the file descPath.
func FillFile(path, descPath string) error {
	src, err := os.ReadFile(descPath)
	if err != nil {
		return err
	}
	if err := Fill(path, src); err != nil {
		return fmt.Errorf("%s: %w", descPath, err)
	}
	return nil
}

// fillRow types one row line into row r and returns how many cells it has.
func fillRow(f *excelize.File, p *parser, sheet string, r int, line string) (int, error) {
	if _, _, ok := directive(line); ok {
		return 0, errors.New("directives are not allowed when filling a workbook")
	}
	srcs, err := splitRow(line)
	if err != nil {
		return 0, err
	}
	for i, src := range srcs {
		ref, err := excelize.CoordinatesToCellName(i+1, r)
		if err != nil {
			return 0, err
		}
		c, err := p.cell(src)
		if err != nil {
			return 0, fmt.Errorf("cell %s %q: %w", ref, src, err)
		}
		// SetCellStr and SetCellDefault give a new cell its column's style,
		// as Excel does.
		switch {
		case c.formula != "":
			return 0, fmt.Errorf("cell %s: formulas are not allowed when filling a workbook", ref)
		case c.struck != "":
			return 0, fmt.Errorf("cell %s: ~strike is not allowed when filling a workbook", ref)
		case c.kind == text:
			err = f.SetCellStr(sheet, ref, c.value)
		case c.kind == number:
			err = f.SetCellDefault(sheet, ref, c.value)
		case c.kind == boolean:
			err = f.SetCellBool(sheet, ref, c.value == "1")
		}
		if err != nil {
			return 0, fmt.Errorf("cell %s: %w", ref, err)
		}
	}
	return len(srcs), nil
}
