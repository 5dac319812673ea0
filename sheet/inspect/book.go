package inspect

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"kfpay/sheet/internal/cellnum"
	"kfpay/sheet/internal/xlsx"
)

// Book is a workbook open for reading its cells the way Dump renders them:
// what `kfpay dump` prints and `kfpay diff` compares. It reads through
// kfpay's one decoder (internal/xlsx), as every input reader does, with its
// limits and its Chinese messages: a number or a date in a dump is what
// the readers take it to be.
type Book struct {
	ctx context.Context // reading stops with its error when it is done
	wb  *xlsx.Workbook
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
	Text string // as Dump prints it; "" for an empty cell
	Kind CellKind
}

// Number is the value of a CellNumber or CellPercent (0.3 for 30%), and 0
// for any other cell: it is read back from Text, which holds every digit
// of the value.
func (c Cell) Number() decimal.Decimal {
	switch c.Kind {
	case CellNumber:
		if n, err := decimal.NewFromString(c.Text); err == nil {
			return n
		}
	case CellPercent:
		if n, err := decimal.NewFromString(strings.TrimSuffix(c.Text, "%")); err == nil {
			return n.Shift(-2)
		}
	}
	return decimal.Zero
}

// Row is one row of a sheet that holds a value: its 1-based number and its
// cells from column A to the last one that holds a value, empty cells
// between as zero Cells. It keeps its cells' texts in one string, the line
// Dump prints, and five bytes a cell beside it: a sheet of a district's
// 50,000 teachers is held in a few MB.
type Row struct {
	Num   int
	line  string   // the cells' texts joined by TAB
	cells []uint32 // per cell: the end of its text in line << kindBits | its kind
}

const kindBits = 3

// Len is the number of cells of r.
func (r Row) Len() int { return len(r.cells) }

// Cell returns cell i of r, counting from 0 for column A; a zero Cell
// beyond the last.
func (r Row) Cell(i int) Cell {
	if i < 0 || i >= len(r.cells) {
		return Cell{}
	}
	start := 0
	if i > 0 {
		start = int(r.cells[i-1]>>kindBits) + 1 // after the TAB
	}
	end := int(r.cells[i] >> kindBits)
	return Cell{Text: r.line[start:end], Kind: CellKind(r.cells[i] & (1<<kindBits - 1))}
}

// OpenBook opens the workbook at path. Every error is an *xlsx.FileError
// that names the file and says, in Chinese, what to do, or ctx's error
// once ctx is done: Ctrl-C stops a long read within a few thousand rows.
// The caller closes the Book.
func OpenBook(ctx context.Context, path string) (*Book, error) {
	wb, err := xlsx.Open(path)
	if err != nil {
		return nil, err
	}
	return &Book{ctx: ctx, wb: wb}, nil
}

// Verify checks that every sheet of b reads to its end (xlsx.Workbook.Verify).
func (b *Book) Verify() error { return b.wb.Verify(b.ctx) }

// verifySheet checks that one sheet of b reads to its end.
func (b *Book) verifySheet(sheet string) error { return b.wb.VerifySheet(b.ctx, sheet) }

// Close closes the workbook.
func (b *Book) Close() error { return b.wb.Close() }

// Sheets returns the names of the worksheets in workbook order, hidden ones
// too.
func (b *Book) Sheets() []string {
	var names []string
	for _, s := range b.wb.Sheets() {
		names = append(names, s.Name)
	}
	return names
}

// Rows calls fn for each row of sheet that holds a value, in order. The
// row is fn's to keep.
func (b *Book) Rows(sheet string, fn func(Row) error) error {
	return b.scan(sheet, func(r *rowText) error {
		return fn(r.row())
	})
}

// ReadSheet reads every row of sheet that holds a value.
func (b *Book) ReadSheet(sheet string) ([]Row, error) {
	var a rowArena
	err := b.scan(sheet, func(r *rowText) error {
		a.add(r)
		return nil
	})
	a.flush()
	return a.rows, err
}

// rowArena keeps the rows of a sheet with their texts in strings of about
// a MiB each and their cells in arrays of a MiB, not in two small objects
// a row: a sheet of a million rows is then a few hundred objects for the
// garbage collector, not two million, and no row pays for rounding its
// allocations up.
type rowArena struct {
	rows    []Row
	pending int      // rows[pending:] have their lines in text, not yet in a string
	text    []byte   // those lines, one after another
	ends    []int    // where each of them ends in text
	cells   []uint32 // the array the rows' cells are cut from
}

const arenaBytes = 1 << 20

// add keeps a copy of r.
func (a *rowArena) add(r *rowText) {
	if len(a.text)+len(r.line) > cap(a.text) {
		a.flush()
		if len(r.line) > cap(a.text) {
			a.text = make([]byte, 0, max(arenaBytes, len(r.line)))
		}
	}
	if len(a.cells)+len(r.cells) > cap(a.cells) {
		a.cells = make([]uint32, 0, max(arenaBytes/4, len(r.cells)))
	}
	start := len(a.cells)
	a.cells = append(a.cells, r.cells...)
	a.text = append(a.text, r.line...)
	a.ends = append(a.ends, len(a.text))
	a.rows = append(a.rows, Row{Num: r.num, cells: a.cells[start:len(a.cells):len(a.cells)]})
}

// flush gives the pending rows their lines, cut from one string.
func (a *rowArena) flush() {
	s := string(a.text)
	start := 0
	for i, end := range a.ends {
		a.rows[a.pending+i].line = s[start:end]
		start = end
	}
	a.pending, a.text, a.ends = len(a.rows), a.text[:0], a.ends[:0]
}

// rowText is one row rendered as Dump prints it: the cells' texts joined
// by TAB in line, and each cell's end and kind packed as in Row.
type rowText struct {
	num   int
	line  []byte
	cells []uint32
}

// row copies r into a Row.
func (r *rowText) row() Row {
	return Row{Num: r.num, line: string(r.line), cells: slices.Clone(r.cells)}
}

// add ends the current cell, of kind k, at the end of line.
func (r *rowText) add(k CellKind) {
	r.cells = append(r.cells, uint32(len(r.line))<<kindBits|uint32(k))
}

// scan renders each row of sheet that holds a value and calls fn with it.
// The rowText is reused for the next row.
func (b *Book) scan(sheet string, fn func(*rowText) error) error {
	it, err := b.wb.Rows(sheet)
	if err != nil {
		return err
	}
	defer it.Close()
	var r rowText
	for n := 1; it.Next(); n++ {
		if n%xlsx.CheckEvery == 0 && b.ctx.Err() != nil {
			return b.ctx.Err()
		}
		cells := it.Cells()
		last := len(cells) - 1
		for last >= 0 && cells[last].Value == "" {
			last-- // a formula without a cached value, an empty string
		}
		if last < 0 {
			continue
		}
		r.num, r.line, r.cells = it.Row(), r.line[:0], r.cells[:0]
		col := 1
		for _, c := range cells[:last+1] {
			for ; col < c.Col; col++ {
				r.add(CellText)
				r.line = append(r.line, '\t')
			}
			var kind CellKind
			if c.Value != "" {
				r.line, kind = b.appendCell(r.line, c)
			}
			r.add(kind)
			if col < cells[last].Col {
				r.line = append(r.line, '\t')
			}
			col++
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return it.Err()
}

// appendCell appends the rendering of a cell with a value to dst:
//
//   - a number in a fixed-decimals format such as #,##0.00: 1234.50, no
//     thousands separator (more decimals when the value has them, so that
//     no change hides behind the format);
//   - in a percent format: 30%, 12.5%;
//   - in a date or time format: 2026-09-01, 2026-09-01 12:00:00, 08:30:00;
//     in an elapsed-time format such as [h]:mm, the hours in all: 25:30:00;
//   - any other number: its value, normalised: 20, 2.5;
//   - a value with more digits than a double holds (Gnumeric saves 21) as
//     the 15-digit number it stands for, as every input reader takes it;
//   - text as it is, with \, TAB, CR and LF written as \\, \t, \r and \n;
//   - booleans as TRUE and FALSE; an error value such as #DIV/0! as text.
func (b *Book) appendCell(dst []byte, c xlsx.Cell) ([]byte, CellKind) {
	switch c.Type {
	case xlsx.CellNumber:
		f := b.wb.NumFormat(c.Style)
		if out, kind, ok := appendPlainNumber(dst, c.Value, f, b.wb.Date1904()); ok {
			return out, kind
		}
		if n, err := cellnum.Decimal(strings.TrimSpace(c.Value)); err == nil {
			text, kind := renderNumber(n, f, b.wb.Date1904())
			return append(dst, text...), kind
		}
	case xlsx.CellBool:
		switch c.Value {
		case "1":
			return append(dst, "TRUE"...), CellBool
		case "0":
			return append(dst, "FALSE"...), CellBool
		}
	}
	return appendEscaped(dst, c.Value), CellText
}

// appendEscaped appends text on one line, reversibly.
func appendEscaped(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			dst = append(dst, `\\`...)
		case '\t':
			dst = append(dst, `\t`...)
		case '\r':
			dst = append(dst, `\r`...)
		case '\n':
			dst = append(dst, `\n`...)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// escapeText writes a text on one line, reversibly, as appendEscaped.
var escapeText = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\r", `\r`, "\n", `\n`).Replace

// renderNumber renders n as its format shows it, without losing a digit.
// It is the definition; appendPlainNumber does the same, faster, for the
// numbers nearly every cell holds.
func renderNumber(n decimal.Decimal, f xlsx.NumFormat, date1904 bool) (string, CellKind) {
	switch {
	case f.Kind == xlsx.FormatPercent:
		return n.Shift(2).String() + "%", CellPercent
	case f.IsDate():
		if s, ok := renderSerial(n, f.Kind, date1904); ok {
			return s, CellDate
		}
	}
	text := n.String()
	if n.Equal(n.Round(int32(f.Places))) {
		text = n.StringFixed(int32(f.Places))
	}
	return text, CellNumber
}

const secondsPerDay = 24 * 60 * 60

// renderSerial renders a date serial as its format kind shows it: a date,
// a date and time (also for a date format when the serial has a time of
// day), a time of day, or the hours of an elapsed time in all. Time is
// rounded to the second. It reports false for a serial that is no day:
// negative, or past 9999-12-31, where Excel shows ####.
func renderSerial(n decimal.Decimal, kind xlsx.FormatKind, date1904 bool) (string, bool) {
	if n.IsNegative() || n.GreaterThan(decimal.NewFromInt(xlsx.MaxSerial+1)) {
		return "", false
	}
	whole := n.Floor()
	days, secs := whole.IntPart(), n.Sub(whole).Mul(decimal.NewFromInt(secondsPerDay)).Round(0).IntPart()
	return serialText(int(days), int(secs), !n.Equal(whole), kind, date1904)
}

// serialText renders day serial days and secs seconds into it (secs up to
// a whole day, which carries), as renderSerial describes; fraction says
// whether the serial has a time of day.
func serialText(days, secs int, fraction bool, kind xlsx.FormatKind, date1904 bool) (string, bool) {
	if secs >= secondsPerDay {
		days, secs = days+1, secs-secondsPerDay
	}
	if days < 0 || days > xlsx.MaxSerial {
		return "", false // Excel shows ####
	}
	clock := fmt.Sprintf("%02d:%02d:%02d", secs/3600, secs/60%60, secs%60)
	switch kind {
	case xlsx.FormatTime:
		return clock, true
	case xlsx.FormatElapsed:
		total := days*secondsPerDay + secs
		return fmt.Sprintf("%d:%02d:%02d", total/3600, total/60%60, total%60), true
	}
	if days == 0 && !date1904 {
		return "", false // Excel's 1900-01-00
	}
	t := xlsx.SerialDate(days, date1904)
	if t.Year() > 9999 {
		return "", false // the 1904 system ends on 9999-12-31 too
	}
	if kind == xlsx.FormatDateTime || fraction {
		return t.Format(time.DateOnly) + " " + clock, true
	}
	return t.Format(time.DateOnly), true
}

// appendPlainNumber renders raw as renderNumber does when raw is plainly
// written, -?digits[.digits] with no more than 15 significant digits, as
// Excel and kfpay write nearly every number: without a decimal, which
// costs a few allocations a cell. It reports false for any other raw.
func appendPlainNumber(dst []byte, raw string, f xlsx.NumFormat, date1904 bool) ([]byte, CellKind, bool) {
	neg, ip, fp, ok := splitPlain(raw)
	if !ok {
		return dst, 0, false
	}
	switch {
	case f.Kind == xlsx.FormatPercent:
		// × 100: two digits move from the fraction to the whole part.
		fp += "00"[min(len(fp), 2):]
		ip, fp = strings.TrimLeft(ip+fp[:2], "0"), strings.TrimRight(fp[2:], "0")
		return append(appendCanonical(dst, neg, ip, fp, 0), '%'), CellPercent, true
	case f.IsDate():
		if neg || fp != "" || len(ip) > 7 {
			return dst, 0, false // a time of day or no day: renderNumber
		}
		days, _ := strconv.Atoi(ip) // "" is day 0
		if s, ok := serialText(days, 0, false, f.Kind, date1904); ok {
			return append(dst, s...), CellDate, true
		}
	}
	return appendCanonical(dst, neg, ip, fp, f.Places), CellNumber, true
}

// splitPlain splits -?digits[.digits] into its sign, its whole part without
// leading zeros and its fraction without trailing zeros: "-007.50" is
// true, "7", "5". Zero is never negative. It reports false for any other
// text and for more than 15 significant digits, which cellnum rounds.
func splitPlain(raw string) (neg bool, ip, fp string, ok bool) {
	s := raw
	if strings.HasPrefix(s, "-") {
		neg, s = true, s[1:]
	}
	ip, fp, dot := strings.Cut(s, ".")
	if ip == "" && !dot || dot && fp == "" || !allDigits(ip) || !allDigits(fp) {
		return false, "", "", false
	}
	ip, fp = strings.TrimLeft(ip, "0"), strings.TrimRight(fp, "0")
	if significant := len(strings.TrimLeft(ip+fp, "0")); significant > 15 && fp != "" {
		return false, "", "", false
	}
	if ip == "" && fp == "" {
		neg = false
	}
	return neg, ip, fp, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// appendCanonical appends the number sign, ip, fp as decimal's String
// writes it, with the fraction padded to places when it has no more.
func appendCanonical(dst []byte, neg bool, ip, fp string, places int) []byte {
	if neg {
		dst = append(dst, '-')
	}
	if ip == "" {
		ip = "0"
	}
	dst = append(dst, ip...)
	if len(fp) <= places {
		if places > 0 {
			dst = append(append(dst, '.'), fp...)
			for range places - len(fp) {
				dst = append(dst, '0')
			}
		}
		return dst
	}
	return append(append(dst, '.'), fp...)
}
