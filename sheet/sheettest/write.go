package sheettest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"

	"github.com/xuri/excelize/v2"
)

// builtinNumFmt holds the built-in number format ids Excel writes for these
// codes instead of a custom format.
var builtinNumFmt = map[string]int{"0%": 9, "0.00%": 10, "#,##0.00": 4}

// writer writes a book through excelize.
type writer struct {
	f   *excelize.File
	zip *patchZip
}

// write returns the bytes of the workbook b describes.
func (b *book) write() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	w := &writer{f: f, zip: &patchZip{}}
	f.SetZipWriter(func(out io.Writer) excelize.ZipWriter {
		w.zip.zw = zip.NewWriter(out)
		return w.zip
	})
	if b.date1904 {
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &b.date1904}); err != nil {
			return nil, err
		}
	}
	active := -1
	for i, s := range b.sheets {
		var err error
		if i == 0 {
			err = f.SetSheetName("Sheet1", s.name)
		} else {
			_, err = f.NewSheet(s.name)
		}
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", s.name, err)
		}
		if err := w.sheet(s); err != nil {
			return nil, fmt.Errorf("sheet %q: %w", s.name, err)
		}
		if s.state == "" && active < 0 {
			active = i
		}
	}
	if len(b.sheets) > 0 && active < 0 {
		return nil, errors.New("every sheet is hidden: a workbook needs a visible one")
	}
	// excelize will not hide the selected sheet, and Excel opens on the
	// active one, so select the first visible sheet before hiding the others.
	f.SetActiveSheet(max(active, 0))
	for _, s := range b.sheets {
		if s.state != "" {
			if err := f.SetSheetVisible(s.name, false, s.state == "veryHidden"); err != nil {
				return nil, fmt.Errorf("sheet %q: %w", s.name, err)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (w *writer) sheet(s *sheetDesc) error {
	var used usedRange
	for _, r := range s.rows {
		for i, c := range r.cells {
			if c == (cell{}) {
				continue
			}
			ref, err := excelize.CoordinatesToCellName(i+1, r.num)
			if err != nil {
				return err
			}
			if err := w.cell(s, ref, c, r.red); err != nil {
				return fmt.Errorf("%s: %w", ref, err)
			}
			used.add(i+1, r.num)
		}
		if r.mergeTo > 1 {
			last, err := excelize.CoordinatesToCellName(r.mergeTo, r.num)
			if err != nil {
				return err
			}
			if err := w.f.MergeCell(s.name, fmt.Sprintf("A%d", r.num), last); err != nil {
				return err
			}
		}
		if r.hidden {
			if err := w.f.SetRowVisible(s.name, r.num, false); err != nil {
				return err
			}
		}
	}
	for _, m := range s.merges {
		from, _ := excelize.CoordinatesToCellName(m.fromCol, m.fromRow)
		to, _ := excelize.CoordinatesToCellName(m.toCol, m.toRow)
		if err := w.f.MergeCell(s.name, from, to); err != nil {
			return err
		}
	}
	// excelize leaves the <dimension> of a new sheet at A1; Excel writes the
	// used range, and readers check what they read against it.
	ref, err := used.ref()
	if err != nil {
		return err
	}
	return w.f.SetSheetDimension(s.name, ref)
}

// usedRange is the smallest range holding every cell written to a sheet.
type usedRange struct {
	minCol, minRow, maxCol, maxRow int
}

func (u *usedRange) add(col, row int) {
	if u.maxRow == 0 {
		*u = usedRange{col, row, col, row}
		return
	}
	u.minCol, u.minRow = min(u.minCol, col), min(u.minRow, row)
	u.maxCol, u.maxRow = max(u.maxCol, col), max(u.maxRow, row)
}

// ref returns the range as Excel writes it in <dimension>: "A1" for an empty
// sheet, "B2" for a single cell, else "A1:E7".
func (u usedRange) ref() (string, error) {
	if u.maxRow == 0 {
		return "A1", nil
	}
	first, err := excelize.CoordinatesToCellName(u.minCol, u.minRow)
	if err != nil {
		return "", err
	}
	last, err := excelize.CoordinatesToCellName(u.maxCol, u.maxRow)
	if err != nil || last == first {
		return first, err
	}
	return first + ":" + last, nil
}

func (w *writer) cell(s *sheetDesc, ref string, c cell, red bool) error {
	if red && (c.formula != "" && c.kind != blank || c.kind == text && s.inline) {
		// These are written by hand (raw), without a style.
		return errors.New("# redrow of an inline string or a formula's cached value is not supported")
	}
	if err := w.value(s, ref, c); err != nil {
		return err
	}
	if c.numFmt == "" && !red {
		return nil
	}
	style := &excelize.Style{}
	if c.numFmt != "" {
		style.NumFmt = builtinNumFmt[c.numFmt]
		if style.NumFmt == 0 {
			style.CustomNumFmt = &c.numFmt
		}
	}
	if red {
		// Excel's 红色 from the fill colour button.
		style.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FF0000"}}
	}
	id, err := w.f.NewStyle(style)
	if err != nil {
		return err
	}
	return w.f.SetCellStyle(s.name, ref, ref, id)
}

// value writes the value or formula of c at ref.
func (w *writer) value(s *sheetDesc, ref string, c cell) error {
	switch {
	case c.formula != "" && c.kind == blank:
		return w.f.SetCellFormula(s.name, ref, c.formula)
	case c.formula != "":
		// excelize writes no cached value with a formula.
		return w.raw(s.name, ref, formulaXML(ref, c))
	case c.struck != "" && s.inline:
		return errors.New("~strike in an # inline sheet is not supported")
	case c.struck != "":
		runs := []excelize.RichTextRun{{Text: c.struck, Font: &excelize.Font{Strike: true}}}
		if rest := c.value[len(c.struck):]; rest != "" {
			runs = append(runs, excelize.RichTextRun{Text: rest, Font: &excelize.Font{}})
		}
		return w.f.SetCellRichText(s.name, ref, runs)
	case c.kind == text && s.inline:
		// excelize writes inline strings only for text that does not look
		// like a number, so write them all by hand.
		return w.raw(s.name, ref, inlineXML(ref, c.value))
	case c.kind == text:
		return w.f.SetCellStr(s.name, ref, c.value)
	case c.kind == boolean:
		return w.f.SetCellBool(s.name, ref, c.value == "1")
	case c.kind == number:
		// SetCellDefault stores a numeric string as the <v> of a number cell
		// as it is, where SetCellValue would go through a float64.
		return w.f.SetCellDefault(s.name, ref, c.value)
	}
	return nil
}

// raw writes a placeholder formula at ref, which the zip writer replaces with
// the cell XML x when the workbook is saved.
func (w *writer) raw(sheet, ref, x string) error {
	placeholder := fmt.Sprintf("SHEETTEST(%d)", len(w.zip.patches))
	if err := w.f.SetCellFormula(sheet, ref, placeholder); err != nil {
		return err
	}
	w.zip.patches = append(w.zip.patches, patch{
		old: []byte(fmt.Sprintf(`<c r="%s" t="str"><f>%s</f></c>`, ref, placeholder)),
		new: []byte(x),
	})
	return nil
}

// formulaXML returns a formula cell with its cached value.
func formulaXML(ref string, c cell) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<c r="%s"`, ref)
	if c.kind == text {
		b.WriteString(` t="str"`)
	}
	b.WriteString(`><f>`)
	xml.EscapeText(&b, []byte(c.formula))
	b.WriteString(`</f><v>`)
	xml.EscapeText(&b, []byte(c.value))
	b.WriteString(`</v></c>`)
	return b.String()
}

// inlineXML returns a text cell holding its string inline.
func inlineXML(ref, s string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t`, ref)
	if strings.TrimSpace(s) != s {
		b.WriteString(` xml:space="preserve"`)
	}
	b.WriteString(`>`)
	xml.EscapeText(&b, []byte(s))
	b.WriteString(`</t></is></c>`)
	return b.String()
}

// patch replaces the XML of one placeholder cell.
type patch struct {
	old, new []byte
}

// patchZip is an excelize.ZipWriter that applies the patches to the
// worksheet parts as they are saved, keeping excelize's order of parts.
type patchZip struct {
	zw      *zip.Writer
	patches []patch
	names   []string
	parts   []*bytes.Buffer
}

func (z *patchZip) Create(name string) (io.Writer, error) {
	buf := new(bytes.Buffer)
	z.names = append(z.names, name)
	z.parts = append(z.parts, buf)
	return buf, nil
}

func (z *patchZip) AddFS(fs.FS) error {
	return errors.New("sheettest: AddFS is not supported")
}

func (z *patchZip) Close() error {
	applied := 0
	for i, name := range z.names {
		data := z.parts[i].Bytes()
		if strings.HasPrefix(name, "xl/worksheets/") {
			for _, p := range z.patches {
				if bytes.Contains(data, p.old) {
					data = bytes.Replace(data, p.old, p.new, 1)
					applied++
				}
			}
		}
		part, err := z.zw.Create(name)
		if err != nil {
			return err
		}
		if _, err := part.Write(data); err != nil {
			return err
		}
	}
	if applied != len(z.patches) {
		return fmt.Errorf("sheettest: found %d of %d placeholder cells in the sheet XML: has excelize changed how it writes a formula?", applied, len(z.patches))
	}
	return z.zw.Close()
}
