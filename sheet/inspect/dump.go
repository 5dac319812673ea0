package inspect

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"kfpay/sheet/internal/cellnum"
	"kfpay/sheet/internal/xlsx"
)

// Limits on a workbook Dump opens. kfpay's own outputs are far below them;
// they keep a broken or hostile file from exhausting memory, since excelize's
// default unzip limit is 16 GB and is checked against the sizes the zip
// declares: with excelize v2.11.1, a file declaring an 8 GB part opened
// without an error.
const (
	dumpMaxFileSize  = 64 << 20  // bytes of the .xlsx file
	dumpUnzipLimit   = 256 << 20 // bytes of all parts unzipped
	dumpXMLPartLimit = 16 << 20  // bytes of one XML part kept in memory
)

// Dump writes every sheet of the workbook at path to w as stable text, for
// golden files, for `kfpay dump` and as a git textconv driver. For each sheet,
// in workbook order, it writes a line `== NAME ==`, then each row that holds
// a value as its cells joined by TAB, trailing empty cells trimmed and blank
// rows left out. A cell is rendered from its raw value and its number format,
// never through float formatting:
//
//   - a number with a fixed-decimals format such as #,##0.00: 1234.50, no
//     thousands separator (more decimals when the value has them, so that no
//     change hides behind the format);
//   - a percent format: 30%, 12.5%;
//   - a date format: 2026-09-01 (with the time of day when it has one);
//   - any other number: its value, normalised: 20, 2.5;
//   - text as it is, with \, TAB, CR and LF written as \\, \t, \r and \n;
//   - booleans as TRUE and FALSE.
//
// Lines end in LF. The output holds no path and no time: the sheet name is
// its only header.
//
// With sheets given, only those sheets are printed, in workbook order; a name
// the workbook lacks is an error.
func Dump(w io.Writer, path string, sheets ...string) error {
	b, err := OpenBook(path)
	if err != nil {
		return err
	}
	defer b.Close()
	list := b.Sheets()
	want := map[string]bool{}
	for _, s := range sheets {
		if !slices.Contains(list, s) {
			return fmt.Errorf("%s 中没有名为 %q 的工作表；现有工作表：%s", b.name, s, strings.Join(list, "、"))
		}
		want[s] = true
	}
	bw := bufio.NewWriter(w)
	for _, sheet := range list {
		if len(want) > 0 && !want[sheet] {
			continue
		}
		fmt.Fprintf(bw, "== %s ==\n", escapeText(sheet))
		err := b.Rows(sheet, func(_ int, cells []Cell) error {
			for i, c := range cells {
				if i > 0 {
					bw.WriteByte('\t')
				}
				bw.WriteString(c.Text)
			}
			return bw.WriteByte('\n')
		})
		if err != nil {
			return err
		}
	}
	return bw.Flush()
}

// Book is a workbook open for reading its cells the way Dump renders them:
// what `kfpay dump` prints and `kfpay diff` compares.
type Book struct {
	name     string // base name, for messages
	f        *excelize.File
	date1904 bool
	formats  map[int]string // number format code by style id
}

// CellKind says what a rendered cell holds.
type CellKind uint8

const (
	CellText    CellKind = iota // text, an error value, or nothing
	CellNumber                  // a number that is not a percent or a date
	CellPercent                 // a number in a percent format
	CellDate                    // a number in a date or time format
	CellBool
)

// Cell is one cell of a Book as Dump renders it.
type Cell struct {
	Text   string // as Dump prints it; "" for an empty cell
	Kind   CellKind
	Number decimal.Decimal // the raw value, for CellNumber and CellPercent
}

// OpenBook opens the workbook at path for reading with Rows, with limits
// that keep a broken or hostile file from exhausting memory. The caller
// closes it.
func OpenBook(path string) (b *Book, err error) {
	name := filepath.Base(path)
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("无法读取 %s：%w", name, err)
	}
	if info.Size() > dumpMaxFileSize {
		return nil, fmt.Errorf("%s 有 %d 字节，超过 %d 字节的上限", name, info.Size(), dumpMaxFileSize)
	}
	f, err := excelize.OpenFile(path, excelize.Options{
		RawCellValue:      true,
		UnzipSizeLimit:    dumpUnzipLimit,
		UnzipXMLSizeLimit: dumpXMLPartLimit,
	})
	if err != nil {
		return nil, fmt.Errorf("%s 不是可读取的 xlsx 工作簿：%w", name, err)
	}
	props, err := f.GetWorkbookProps()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s：%w", name, err)
	}
	return &Book{
		name:     name,
		f:        f,
		date1904: props.Date1904 != nil && *props.Date1904,
		formats:  map[int]string{},
	}, nil
}

// Sheets returns the names of the sheets in workbook order.
func (b *Book) Sheets() []string { return b.f.GetSheetList() }

// Close closes the workbook.
func (b *Book) Close() error { return b.f.Close() }

// Rows calls fn for each row of sheet that holds a value, in order, with its
// 1-based number and its cells from column A to the last one that holds a
// value; empty cells between are zero Cells. The slice is fn's to keep.
func (b *Book) Rows(sheet string, fn func(row int, cells []Cell) error) (err error) {
	rows, err := b.f.Rows(sheet)
	if err != nil {
		return fmt.Errorf("%s %s：%w", b.name, sheet, err)
	}
	defer rows.Close()
	for r := 1; rows.Next(); r++ {
		raws, err := rows.Columns()
		if err != nil {
			return fmt.Errorf("%s %s：%w", b.name, sheet, err)
		}
		cells := make([]Cell, len(raws))
		last := -1
		for c, raw := range raws {
			if raw == "" {
				continue
			}
			ref, err := excelize.CoordinatesToCellName(c+1, r)
			if err != nil {
				return err
			}
			if cells[c], err = b.cell(sheet, ref, raw); err != nil {
				return fmt.Errorf("%s %s!%s：%w", b.name, sheet, ref, err)
			}
			last = c
		}
		if last < 0 {
			continue
		}
		if err := fn(r, cells[:last+1]); err != nil {
			return err
		}
	}
	if err := rows.Error(); err != nil {
		return fmt.Errorf("%s %s：%w", b.name, sheet, err)
	}
	return nil
}

// cell renders the raw value of the cell ref.
func (b *Book) cell(sheet, ref, raw string) (Cell, error) {
	typ, err := b.f.GetCellType(sheet, ref)
	if err != nil {
		return Cell{}, err
	}
	switch typ {
	case excelize.CellTypeBool:
		switch raw {
		case "1":
			return Cell{Text: "TRUE", Kind: CellBool}, nil
		case "0":
			return Cell{Text: "FALSE", Kind: CellBool}, nil
		}
		return Cell{Text: escapeText(raw)}, nil
	case excelize.CellTypeUnset, excelize.CellTypeNumber:
		// a number; a formula's cached number has no type either
	default:
		// text, a formula's cached text, an error such as #DIV/0!, an ISO date string
		return Cell{Text: escapeText(raw)}, nil
	}
	// Read like the input readers: a value with more digits than a double
	// holds (Gnumeric saves 21) is the 15-digit number it stands for.
	n, err := cellnum.Decimal(strings.TrimSpace(raw))
	if err != nil {
		return Cell{Text: escapeText(raw)}, nil
	}
	style, err := b.f.GetCellStyle(sheet, ref)
	if err != nil {
		return Cell{}, err
	}
	code, err := b.format(style)
	if err != nil {
		return Cell{}, err
	}
	return b.number(n, code), nil
}

// number renders n as its format code shows it, without losing digits.
func (b *Book) number(n decimal.Decimal, code string) Cell {
	f := parseNumFmt(code)
	switch {
	case f.percent:
		return Cell{Text: n.Shift(2).String() + "%", Kind: CellPercent, Number: n}
	case f.date || f.time:
		if s, ok := b.dateTime(n, f); ok {
			return Cell{Text: s, Kind: CellDate}
		}
	}
	text := n.String()
	if n.Equal(n.Round(int32(f.places))) {
		text = n.StringFixed(int32(f.places))
	}
	return Cell{Text: text, Kind: CellNumber, Number: n}
}

// dateTime renders an Excel serial as a date, a time of day or both.
func (b *Book) dateTime(n decimal.Decimal, f numFmt) (string, bool) {
	if n.IsNegative() {
		return "", false
	}
	t, err := excelize.ExcelDateToTime(n.InexactFloat64(), b.date1904)
	if err != nil {
		return "", false
	}
	t = t.Round(time.Second)
	wholeDay := n.Equal(n.Floor())
	switch {
	case f.time && !f.date:
		return t.Format(time.TimeOnly), true
	case f.time || !wholeDay:
		return t.Format(time.DateTime), true
	}
	return t.Format(time.DateOnly), true
}

// format returns the number format code of a style id, "" for General.
func (b *Book) format(style int) (string, error) {
	if code, ok := b.formats[style]; ok {
		return code, nil
	}
	s, err := b.f.GetStyle(style)
	if err != nil {
		return "", err
	}
	code := builtinFormatCode(s.NumFmt)
	if s.CustomNumFmt != nil {
		code = *s.CustomNumFmt
	}
	b.formats[style] = code
	return code, nil
}

// builtinFormatCode is the format code of a built-in number format id, as far as
// Dump needs it: the decimals, percents and dates. Ids 27–36 and 50–58 are
// the dates of the Chinese, Japanese and Korean locales.
func builtinFormatCode(id int) string {
	switch id {
	case 1, 3, 37, 38:
		return "0"
	case 2, 4, 39, 40:
		return "0.00"
	case 9:
		return "0%"
	case 10:
		return "0.00%"
	case 14, 15, 16, 17, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58:
		return "yyyy-mm-dd"
	case 18, 19, 20, 21, 32, 33, 45, 46, 47, 55, 56:
		return "hh:mm:ss"
	case 22:
		return "yyyy-mm-dd hh:mm:ss"
	}
	return ""
}

// numFmt is what Dump needs to know of a number format code.
type numFmt struct {
	percent bool
	date    bool // has a year, month or day
	time    bool // has an hour or second
	places  int  // decimals of a plain number
}

// parseNumFmt reads the first section of a number format code (the one for
// positive numbers), ignoring quoted text, escaped characters, fill and
// padding characters and [colour] or [$-locale] tags.
func parseNumFmt(code string) numFmt {
	var f numFmt
	var kept strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case ';':
			i = len(code)
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				i = len(code)
			}
		case '\\', '_', '*':
			i++ // the next character is literal, padding or fill
		case '[':
			end := strings.IndexByte(code[i:], ']')
			if end < 0 {
				i = len(code)
				break
			}
			// [h], [mm], [ss] are elapsed times; other tags are colours and locales.
			if tag := strings.ToLower(code[i+1 : i+end]); tag != "" && strings.Trim(tag, "hms") == "" {
				f.time = true
			}
			i += end
		default:
			kept.WriteByte(c)
		}
	}
	s := strings.ReplaceAll(strings.ToLower(kept.String()), "general", "")
	s = strings.ReplaceAll(s, "am/pm", "h")
	f.percent = strings.Contains(s, "%")
	f.date = strings.ContainsAny(s, "yd")
	f.time = f.time || strings.ContainsAny(s, "hs")
	if strings.Contains(s, "m") && !f.time {
		f.date = true // m alone is a month; beside h or s it is a minute
	}
	if f.percent || f.date || f.time {
		return f // rendered from the value, whatever the decimals
	}
	if _, frac, ok := strings.Cut(s, "."); ok {
		for f.places < len(frac) && strings.IndexByte("0#?", frac[f.places]) >= 0 {
			f.places++
		}
	}
	return f
}

// escapeText writes a text cell on one line, reversibly.
var escapeText = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\r", `\r`, "\n", `\n`).Replace

// Verify checks that the workbook at path is one kfpay can read whole (see
// xlsx.Verify): Dump and DiffBooks read through excelize, which passes over
// damage in silence, so the commands that dump or compare workbooks call
// Verify first.
func Verify(path string) error { return xlsx.Verify(path) }
