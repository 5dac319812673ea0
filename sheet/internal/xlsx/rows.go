package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Excel's limits on a sheet.
const (
	MaxRows = 1048576
	MaxCols = 16384
)

// CellType is what a cell holds, from its t attribute.
type CellType uint8

const (
	CellNumber CellType = iota // t="n" or no t: Value is the number as stored
	CellString                 // t="s" (shared), t="inlineStr" or t="str" (a formula's text)
	CellBool                   // t="b": Value is "1" or "0"
	CellError                  // t="e": Value is the error, e.g. #DIV/0!
	CellDate                   // t="d": Value is ISO 8601 text
)

// Cell is one non-empty cell as stored.
type Cell struct {
	Col     int      // 1-based
	Type    CellType // see CellType
	Strike  Strike   // a rich-text string's: the fonts of its text, struck or not (see Struck)
	Value   string   // numbers exactly as stored in <v>, never through a float; strings resolved
	Style   int      // index into the cell styles: the s attribute, else the row's or column's (see Rows.inherited)
	Formula bool     // has <f>; a formula with no cached value has Value "", which readers reject
}

// Shown is the cell's value as the bursar sees it in Excel: a boolean is
// stored as 1 or 0 and shown as TRUE or FALSE, and a message that quoted
// "1" for a cell showing TRUE would send the bursar looking for a 1.
func (c Cell) Shown() string {
	if c.Type == CellBool {
		if c.Value == "0" {
			return "FALSE"
		}
		return "TRUE"
	}
	return c.Value
}

// Range is a rectangle of cells, such as a merge or a sheet's dimension.
type Range struct{ FromCol, FromRow, ToCol, ToRow int }

// Contains reports whether the cell at col, row lies in r.
func (r Range) Contains(col, row int) bool {
	return r.FromCol <= col && col <= r.ToCol && r.FromRow <= row && row <= r.ToRow
}

// String formats r as A1:F10.
func (r Range) String() string {
	return CellName(r.FromCol, r.FromRow) + ":" + CellName(r.ToCol, r.ToRow)
}

// CellName is the A1-style name of a cell within Excel's limits, R5C0 for
// one outside them.
func CellName(col, row int) string {
	if col < 1 || col > MaxCols || row < 1 || row > MaxRows {
		return fmt.Sprintf("R%dC%d", row, col)
	}
	return ColumnName(col) + strconv.Itoa(row)
}

// ColumnName is the letters of column col (1-based): A, Z, AA, XFD.
func ColumnName(col int) string {
	var b [4]byte
	i := len(b)
	for col > 0 {
		col--
		i--
		b[i] = byte('A' + col%26)
		col /= 26
	}
	return string(b[i:])
}

// Where the iterator is in the worksheet XML.
type iterState uint8

const (
	statePrelude iterState = iota // before <sheetData>: root element, <dimension>
	stateRows                     // inside <sheetData>
	stateTail                     // after </sheetData>: <mergeCells>, end of the root
	stateDone
)

// Rows streams the rows of one worksheet, parsing the sheet XML straight
// from the zip entry with the scanner in scan.go.
type Rows struct {
	wb     *Workbook
	sheet  string
	rc     io.ReadCloser
	x      *xmlReader
	state  iterState
	root   string // local name of the root element
	row    int
	hidden bool
	// The styles that a cell without an s attribute takes, as LibreOffice,
	// Gnumeric and excelize read it: its row's (customFormat="1" s="N"),
	// else its column's (<col min max style>). Gnumeric writes a cell
	// without s when its style is its column's: a 30% typed into a column
	// formatted 0% is stored as a bare 0.3.
	rowStyle  int // -1 when the row has none
	colStyles []colStyle
	cells     []Cell
	spans     []span // where each cell's value lies in text; start < 0 when it is set already
	text      []byte // the values of this row that are not shared strings
	lastRow   int    // the last row of the declared dimension: a hint
	merges    []Range
	err       error
	pipe      *pipe // the goroutine that parses the rows of a long sheet, from src
	src       *Rows
}

// colStyle is the style of the columns min to max, from a <col> element.
type colStyle struct{ min, max, style int }

// inherited returns the style of a cell without an s attribute in column
// col of the current row.
func (it *Rows) inherited(col int) int {
	if it.rowStyle >= 0 {
		return it.rowStyle
	}
	for _, c := range it.colStyles {
		if c.min <= col && col <= c.max {
			return c.style
		}
	}
	return 0
}

// span is a value's place in Rows.text.
type span struct{ start, end int }

// Rows returns an iterator over the rows of the worksheet named sheet.
// Errors while reading come from Err, after Next returns false. The caller
// must Close the iterator, also when it stops early: a large sheet is
// decompressed on a goroutine that Close stops.
func (wb *Workbook) Rows(sheet string) (*Rows, error) {
	e := wb.findSheet(sheet)
	if e == nil {
		if kind, ok := wb.other[sheet]; ok {
			what := map[string]string{"chartsheet": "图表工作表", "dialogsheet": "对话框工作表", "macrosheet": "宏工作表"}[kind]
			if what == "" {
				what = "不是普通工作表"
			}
			return nil, &FileError{File: wb.name, Sheet: sheet, Err: ErrNotWorksheet,
				Msg: "这是" + what + "，没有单元格可读；请指定存放数据的工作表"}
		}
		names := make([]string, len(wb.sheets))
		for i, s := range wb.sheets {
			names[i] = s.Name
		}
		return nil, fileError(wb.name, ErrNoSheet, nil,
			fmt.Sprintf("没有名为“%s”的工作表（有：%s）", sheet, strings.Join(names, "、")))
	}
	var fe *FileError
	zf := wb.part(e.part)
	switch {
	case zf == nil:
		fe = wb.corrupt(e.part, errors.New("worksheet part missing"))
	default:
		rc, err := zf.Open()
		if err == nil {
			if zf.UncompressedSize64 <= prefetchBuffers*prefetchChunk { // small sheets need no other goroutine
				return newRowIter(wb, e.Name, rc, windowBytes), nil
			}
			return pipelined(newRowIter(wb, e.Name, newPrefetcher(rc), windowBytes)), nil
		}
		fe = wb.corrupt(e.part, err)
	}
	fe.Sheet = e.Name
	return nil, fe
}

// newRowIter returns an iterator over the worksheet XML that rc reads,
// with an initial window of window bytes (small in tests, to make rows
// straddle the window's end).
func newRowIter(wb *Workbook, sheet string, rc io.ReadCloser, window int) *Rows {
	return &Rows{wb: wb, sheet: sheet, rc: rc, x: newXMLReader(rc, window)}
}

// findSheet finds a worksheet by name; like Excel, it falls back to a match
// that ignores case.
func (wb *Workbook) findSheet(name string) *sheetEntry {
	for i := range wb.sheets {
		if wb.sheets[i].Name == name {
			return &wb.sheets[i]
		}
	}
	for i := range wb.sheets {
		if strings.EqualFold(wb.sheets[i].Name, name) {
			return &wb.sheets[i]
		}
	}
	return nil
}

// MergedCells returns the merged ranges of the worksheet named sheet. The
// merges are stored after the cells, so this reads the whole sheet: cheap
// for the small sheets that need it (the daily grid), not for a long log.
func (wb *Workbook) MergedCells(sheet string) ([]Range, error) {
	it, err := wb.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	for it.Next() {
	}
	return it.Merges(), it.Err()
}

// Merges returns the merged ranges of the sheet once Next has returned
// false at its end: they are stored after the cells, so a reader that has
// gone through the rows has them without reading the sheet again. Before
// the end, and after an error, it returns what was read of them.
func (it *Rows) Merges() []Range { return it.merges }

// Next advances to the next <row> element in the sheet XML, and reports
// whether there is one. Rows with no element (blank rows Excel does not
// store) are not visited: Row tells which row this is.
func (it *Rows) Next() bool {
	if it.err != nil || it.state == stateDone {
		return false
	}
	if it.pipe != nil {
		return it.pipeNext()
	}
	ok, err := it.next()
	if err != nil {
		it.err, it.state = it.toFileError(err), stateDone
		return false
	}
	return ok
}

// Row returns the 1-based number of the current row.
func (it *Rows) Row() int { return it.row }

// LastRow is the last row of the sheet's declared dimension, 0 when it
// declares none or a single row (the one cell that WPS and streaming
// writers leave). It is a hint, for a progress display: the sheet may go
// on past it.
func (it *Rows) LastRow() int { return it.lastRow }

// Hidden reports whether the current row is hidden.
func (it *Rows) Hidden() bool { return it.hidden }

// Cells returns the current row's non-empty cells in ascending column order:
// those with a value or a formula. The slice is reused by the next call of
// Next, so copy what must outlive the row; the Value strings themselves may
// be kept.
func (it *Rows) Cells() []Cell { return it.cells }

// Err returns the error that stopped the iteration, nil at a clean end. A
// sheet cut short, damaged XML, a failed zip checksum and a shared string
// that does not exist are all errors here: a short read never passes for a
// short sheet.
func (it *Rows) Err() error { return it.err }

// Close releases the zip entry. It does not repeat Err.
func (it *Rows) Close() error {
	it.state = stateDone
	if it.pipe != nil {
		it.pipe.stop() // before the parsing goroutine's Rows is closed
		return it.src.Close()
	}
	return it.rc.Close()
}

// next reads to the next row, or to the end of the sheet (false).
func (it *Rows) next() (bool, error) {
	x := it.x
	for {
		d := x.data()
		i := bytes.IndexByte(d, '<')
		if i < 0 {
			x.pos = x.end // text between elements means nothing here
			if !x.more() {
				return false, it.atEOF()
			}
			continue
		}
		x.pos += i
		d = d[i:]
		t, err := lexTag(d)
		n := t.n
		if err == nil {
			switch it.state {
			case statePrelude:
				err = it.prelude(t)
			case stateRows:
				switch {
				case t.opens("row"):
					if n, err = it.parseRow(d, t); err == nil {
						x.pos += n
						return true, nil
					}
				case t.is(tagEnd, "sheetData"):
					it.state = stateTail
				case t.kind == tagStart:
					var m int
					m, err = skipElement(d[n:])
					n += m
				case t.kind == tagEnd:
					err = syntaxError(fmt.Sprintf("<sheetData> closed by </%s>", t.name))
				}
			case stateTail:
				it.tail(t)
			}
		}
		if err == errShort {
			if !x.more() {
				return false, it.atEOF()
			}
			continue
		}
		if err != nil {
			return false, err
		}
		x.pos += n
		if it.state == stateDone {
			// Read to the end so that the zip checksum is checked.
			if x.drain(); x.err != nil {
				return false, x.err
			}
			return false, nil
		}
	}
}

// prelude handles a tag before <sheetData>.
func (it *Rows) prelude(t tag) error {
	switch {
	case it.root == "" && (t.kind == tagStart || t.kind == tagEmpty):
		it.root = string(t.name)
		if it.root != "worksheet" {
			return ErrNotWorksheet
		}
		if t.kind == tagEmpty {
			return syntaxError("worksheet without sheetData")
		}
	case t.opens("dimension"):
		// The dimension is a hint, as Excel takes it: the cells are what
		// the sheet holds. WPS and streaming writers leave a one-cell
		// dimension whatever the data, a template filled in by a program
		// keeps its old one, and formatting extends it past the data. It
		// only gives a progress display its last row; a sheet cut short is
		// caught by its missing end tags and the checksum.
		if r, ok := parseRange(attr(t.body, "ref")); ok && r.ToRow > 1 {
			it.lastRow = r.ToRow
		}
	case t.opens("col"):
		lo, ok1 := parseUint(attr(t.body, "min"))
		hi, ok2 := parseUint(attr(t.body, "max"))
		style, ok3 := parseUint(attr(t.body, "style"))
		if ok1 && ok2 && ok3 && style > 0 {
			it.colStyles = append(it.colStyles, colStyle{lo, hi, style})
		}
	case t.kind == tagEnd && string(t.name) == it.root:
		return syntaxError("worksheet without sheetData")
	case t.is(tagStart, "sheetData"):
		it.state = stateRows
	case t.is(tagEmpty, "sheetData"):
		it.state = stateTail
	}
	return nil
}

// tail handles a tag after </sheetData>.
func (it *Rows) tail(t tag) {
	switch {
	case t.opens("mergeCell"):
		if r, ok := parseRange(attr(t.body, "ref")); ok {
			it.merges = append(it.merges, r)
		}
	case t.kind == tagEnd && string(t.name) == it.root:
		it.state = stateDone
	}
}

// atEOF explains why the input ended before the worksheet did.
func (it *Rows) atEOF() error {
	if it.x.err != nil {
		return it.x.err
	}
	if it.state == statePrelude && it.root == "" {
		return syntaxError("no worksheet element")
	}
	return errTruncatedXML
}

var errTruncatedXML = errors.New("xml: worksheet ends before its end tag")

// parseRow reads a <row> element whose start tag t is at the start of d and
// returns the length consumed. The row's number and cells become current
// only when the whole element has been read, since on errShort it is read
// again with more input.
func (it *Rows) parseRow(d []byte, t tag) (int, error) {
	row, hidden := it.row+1, false
	rowStyle, customFormat := -1, false
	a := attrScan{d: t.body}
	for {
		name, val, ok := a.next()
		if !ok {
			break
		}
		switch string(name) {
		case "r":
			n, ok := parseUint(val)
			if !ok || n < 1 {
				return 0, syntaxError(fmt.Sprintf("bad row number %q", val))
			}
			row = n
		case "hidden":
			hidden = isTrue(val)
		case "s":
			if n, ok := parseUint(val); ok {
				rowStyle = n
			}
		case "customFormat":
			customFormat = isTrue(val)
		}
	}
	if !customFormat {
		rowStyle = -1 // a row's s applies only with customFormat (ECMA-376 18.3.1.73)
	}
	it.rowStyle = rowStyle
	if row > MaxRows {
		return 0, fileError(it.wb.name, ErrTooManyRowsOrCols, nil,
			fmt.Sprintf("第 %d 行超出了 Excel 的行数上限，文件已损坏；请%s", row, resaveHint))
	}
	if row <= it.row {
		return 0, fileError(it.wb.name, ErrRowOutOfOrder, nil,
			fmt.Sprintf("第 %d 行出现在第 %d 行之后，行的顺序错乱，文件已损坏；请%s", row, it.row, resaveHint))
	}
	it.cells, it.spans, it.text = it.cells[:0], it.spans[:0], it.text[:0]
	i := t.n
	col := 0
	for done := t.kind == tagEmpty; !done; {
		if i < len(d) && d[i] != '<' { // cells usually follow each other directly
			j := bytes.IndexByte(d[i:], '<')
			if j < 0 {
				return 0, errShort
			}
			i += j
		}
		if i == len(d) {
			return 0, errShort
		}
		if n := cellTagName(d[i:]); n > 0 {
			m, err := it.parseCell(d[i:], 1+n, row, &col)
			if err != nil {
				return 0, err
			}
			i += m
			continue
		}
		ct, err := lexTag(d[i:])
		if err != nil {
			return 0, err
		}
		i += ct.n
		var m int
		switch {
		case ct.kind == tagStart:
			m, err = skipElement(d[i:])
		case ct.kind == tagEnd:
			if string(ct.name) != "row" {
				return 0, syntaxError(fmt.Sprintf("<row> closed by </%s>", ct.name))
			}
			done = true
		}
		if err != nil {
			return 0, err
		}
		i += m
	}
	it.row, it.hidden = row, hidden
	if len(it.text) > 0 {
		// One string for the whole row: its cells' values are slices of it.
		s := string(it.text)
		for k, sp := range it.spans {
			if sp.start >= 0 {
				it.cells[k].Value = s[sp.start:sp.end]
			}
		}
	}
	return i, nil
}

// cellTagName returns the length of the tag name at d[0] == '<' if it is a
// cell's, <c> or a prefixed <x:c>, and 0 otherwise.
func cellTagName(d []byte) int {
	n, local := scanName(d[1:])
	if n-local == 1 && d[1+local] == 'c' && 1+n < len(d) {
		return n
	}
	return 0
}

// parseCell reads the <c> element at the start of d, whose tag name ends at
// d[nameEnd], and returns its length. col is the previous cell's column, and
// becomes this one's. It reads the start tag in one pass, and the two shapes
// nearly every cell has through fastContent: cells are the bulk of a sheet.
func (it *Rows) parseCell(d []byte, nameEnd int, row int, col *int) (int, error) {
	ref, typ, style, i, empty, ok := fastCellTag(d, nameEnd)
	if !ok {
		var err error
		if ref, typ, style, i, empty, err = cellTag(d, nameEnd); err != nil {
			return 0, err
		}
	}
	c := *col + 1
	if ref != nil {
		cc, rr, ok := parseCellRef(ref)
		if !ok {
			return 0, syntaxError(fmt.Sprintf("bad cell reference %q", ref))
		}
		if rr != row {
			return 0, fileError(it.wb.name, ErrRowOutOfOrder, nil,
				fmt.Sprintf("单元格 %s 写在第 %d 行里，文件已损坏；请%s", ref, row, resaveHint))
		}
		c = cc
	}
	if c > MaxCols {
		return 0, fileError(it.wb.name, ErrTooManyRowsOrCols, nil,
			fmt.Sprintf("第 %d 行有超出 Excel 列数上限的单元格，文件已损坏；请%s", row, resaveHint))
	}
	if c <= *col {
		return 0, it.atCell(ErrRowOutOfOrder, c, row, "单元格重复或顺序错乱，文件已损坏；请"+resaveHint)
	}
	*col = c
	if style < 0 {
		style = it.inherited(c)
	}
	if empty {
		return i, nil // a styled blank
	}

	v, is, n, ok := it.fastContent(d[i:])
	formula := false
	strike := StrikeNone // of an inline rich-text string; fastContent's have no runs
	for done := ok; !done; {
		j := bytes.IndexByte(d[i:], '<')
		if j < 0 {
			return 0, errShort
		}
		i += j
		t, err := lexTag(d[i:])
		if err != nil {
			return 0, err
		}
		i += t.n
		m := 0
		switch {
		case t.is(tagStart, "v"):
			start := len(it.text)
			it.text, m, err = appendContent(it.text, d[i:], "v")
			v = span{start, len(it.text)}
		case t.is(tagEmpty, "v"):
			v = span{len(it.text), len(it.text)}
		case t.opens("f"):
			formula = true
			if t.kind == tagStart {
				m, err = skipElement(d[i:])
			}
		case t.is(tagStart, "is"):
			start := len(it.text)
			it.text, m, strike, err = appendRichText(it.text, d[i:], "is")
			is = span{start, len(it.text)}
		case t.is(tagEmpty, "is"):
			is = span{len(it.text), len(it.text)}
		case t.kind == tagStart:
			m, err = skipElement(d[i:])
		case t.kind == tagEnd:
			if string(t.name) != "c" {
				return 0, syntaxError(fmt.Sprintf("<c> closed by </%s>", t.name))
			}
			done = true
		}
		if err != nil {
			return 0, err
		}
		i += m
	}
	i += n

	cell := Cell{Col: c, Style: style, Formula: formula}
	sp := v
	switch string(typ) {
	case "", "n":
		cell.Type = CellNumber
	case "str":
		cell.Type = CellString
	case "inlineStr":
		cell.Type = CellString
		if is.start >= 0 {
			sp = is
			cell.Strike = strike
		}
	case "b":
		cell.Type = CellBool
	case "e":
		cell.Type = CellError
	case "d":
		cell.Type = CellDate
	case "s":
		cell.Type = CellString
		if v.start >= 0 && v.end > v.start {
			idx, ok := parseUint(bytes.TrimSpace(it.text[v.start:v.end]))
			s, found := it.wb.sharedString(idx)
			if !ok || !found {
				return 0, it.atCell(ErrBadSharedString, c, row, fmt.Sprintf(
					"单元格引用的共享字符串 %q 不存在（文件里只有 %d 个），文件已损坏；请%s",
					it.text[v.start:v.end], len(it.wb.sstEnd), resaveHint))
			}
			cell.Value = s
			if it.wb.sstStrike != nil {
				cell.Strike = it.wb.sstStrike[idx]
			}
		}
		sp = span{-1, -1}
	default:
		return 0, it.atCell(ErrUnknownCellType, c, row, fmt.Sprintf(
			"单元格类型 t=%q 无法识别，文件可能不是 Excel 写的；请%s", typ, resaveHint))
	}
	if cell.Value == "" && sp.start == sp.end && !formula {
		return i, nil // no value: blank, as excelize has it
	}
	it.cells = append(it.cells, cell)
	it.spans = append(it.spans, sp)
	return i, nil
}

// cellTag reads the attributes of a cell's start tag, whose name ends at
// d[nameEnd], and returns its r, t and s (-1 when absent), its length and
// whether it is self-closing.
func cellTag(d []byte, nameEnd int) (ref, typ []byte, style, end int, empty bool, err error) {
	style = -1
	a := attrScan{d: d, i: nameEnd}
	for {
		name, val, ok := a.next()
		if !ok {
			break
		}
		switch string(name) {
		case "r":
			ref = val
		case "s":
			n, ok := parseUint(val)
			if !ok {
				return nil, nil, -1, 0, false, syntaxError(fmt.Sprintf("bad style index %q", val))
			}
			style = n
		case "t":
			typ = val
		}
	}
	if a.err != nil {
		return nil, nil, -1, 0, false, a.err
	}
	return ref, typ, style, a.i, a.kind == tagEmpty, nil
}

// fastCellTag reads the start tag of a cell written the way Excel,
// excelize and openpyxl write it: <c r="A1" s="1" t="s">, each attribute
// optional, in that order, separated by one space, double-quoted, with a
// reference of letters and digits, a style of 1 to 9 digits and a type of
// letters. For such a tag it returns what the general attribute loop of
// parseCell would, without that loop's per-attribute name scan and switch
// (a third of the scan's time per cell went there). For any other tag,
// or one that the window cuts, it reports false and parseCell reads the
// tag with cellTag, which also finds any error in it.
func fastCellTag(d []byte, nameEnd int) (ref, typ []byte, style, end int, empty, ok bool) {
	style = -1
	i := nameEnd
	if hasPrefix(d[i:], ` r="`) {
		i += 4
		k := i
		for k < len(d) && (isLetter(d[k]) || '0' <= d[k] && d[k] <= '9') {
			k++
		}
		if k == len(d) || d[k] != '"' {
			return nil, nil, -1, 0, false, false
		}
		ref, i = d[i:k], k+1
	}
	if hasPrefix(d[i:], ` s="`) {
		i += 4
		k := i
		for k < len(d) && '0' <= d[k] && d[k] <= '9' {
			k++
		}
		if k == i || k-i > 9 || k == len(d) || d[k] != '"' {
			return nil, nil, -1, 0, false, false
		}
		style, _ = parseUint(d[i:k])
		i = k + 1
	}
	if hasPrefix(d[i:], ` t="`) {
		i += 4
		k := i
		for k < len(d) && isLetter(d[k]) {
			k++
		}
		if k == len(d) || d[k] != '"' {
			return nil, nil, -1, 0, false, false
		}
		typ, i = d[i:k], k+1
	}
	switch {
	case i < len(d) && d[i] == '>':
		return ref, typ, style, i + 1, false, true
	case i+1 < len(d) && d[i] == '/' && d[i+1] == '>':
		return ref, typ, style, i + 2, true, true
	}
	return nil, nil, -1, 0, false, false
}

// fastContent reads the content and end tag of a cell if it has one of the
// two shapes that nearly all cells have, <v>text</v></c> and
// <is><t>text</t></is></c>, into it.text. For anything else, or anything
// wrong, it reports false and leaves the cell to the general loop.
func (it *Rows) fastContent(d []byte) (v, is span, n int, ok bool) {
	none := span{-1, -1}
	start := len(it.text)
	var open, end string
	switch {
	case hasPrefix(d, "<v>"):
		open, end = "<v>", "</v></c>"
	case hasPrefix(d, "<is><t>"):
		open, end = "<is><t>", "</t></is></c>"
	default:
		return none, none, 0, false
	}
	k := bytes.IndexByte(d[len(open):], '<')
	if k < 0 || !hasPrefix(d[len(open)+k:], end) {
		return none, none, 0, false
	}
	text, err := appendText(it.text, d[len(open):len(open)+k])
	if err != nil {
		it.text = it.text[:start]
		return none, none, 0, false
	}
	it.text = text
	n = len(open) + k + len(end)
	if open == "<v>" {
		return span{start, len(it.text)}, none, n, true
	}
	it.text = it.text[:start+len(unescapeBstr(it.text[start:]))]
	return none, span{start, len(it.text)}, n, true
}

// atCell builds an error at one cell of the sheet.
func (it *Rows) atCell(kind error, col, row int, msg string) *FileError {
	return &FileError{File: it.wb.name, Sheet: it.sheet, Col: col, Row: row, Msg: msg, Err: kind}
}

// toFileError turns an error met while reading into the *FileError that Err
// returns.
func (it *Rows) toFileError(err error) *FileError {
	var fe *FileError
	var se syntaxError
	where := "开头"
	if it.row > 0 {
		where = fmt.Sprintf("第 %d 行之后", it.row)
	}
	switch {
	case errors.As(err, &fe):
	case errors.Is(err, ErrNotWorksheet):
		fe = fileError(it.wb.name, ErrNotWorksheet, nil, "这不是普通工作表，没有单元格可读；请指定存放数据的工作表")
	case errors.Is(err, errTruncatedXML):
		fe = fileError(it.wb.name, ErrTruncated, err,
			"工作表的数据在"+where+"中断了，文件不完整或已损坏；请重新拷贝或下载一份，或"+resaveHint)
	case errors.Is(err, errItemTooLarge):
		fe = fileError(it.wb.name, ErrCorrupt, err,
			fmt.Sprintf("工作表在%s有一行超过 %d MiB，不像正常的工作簿；请确认选对了文件", where, maxItemBytes>>20))
	case errors.As(err, &se):
		fe = fileError(it.wb.name, ErrCorrupt, err,
			"工作表的内容格式有误（在"+where+"），文件已损坏；请"+resaveHint)
	default: // from the zip entry: checksum, deflate stream, size
		fe = fileError(it.wb.name, ErrCorrupt, err,
			"文件已损坏（工作表在"+where+"解压出错），请重新拷贝或下载一份，或"+resaveHint)
	}
	fe.Sheet = it.sheet
	return fe
}

// isTrue reads an XML boolean as strconv.ParseBool, and so excelize, does.
func isTrue(b []byte) bool {
	switch string(b) {
	case "1", "t", "T", "true", "TRUE", "True":
		return true
	}
	return false
}

// attr returns the value of the attribute name of a start tag, nil if it
// has none.
func attr(body []byte, name string) []byte {
	a := attrScan{d: body}
	for {
		n, v, ok := a.next()
		if !ok {
			return nil
		}
		if string(n) == name {
			return v
		}
	}
}

// parseCellRef parses a cell reference such as AB12, in either case.
func parseCellRef(b []byte) (col, row int, ok bool) {
	i := 0
	for i < len(b) && i < 4 {
		c := b[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		i++
	}
	if i == 0 || col > MaxCols {
		return 0, 0, false
	}
	row, ok = parseUint(b[i:])
	if !ok || row < 1 || row > MaxRows {
		return 0, 0, false
	}
	return col, row, true
}

// parseRange parses A1:F10 or a single cell A1.
func parseRange(b []byte) (Range, bool) {
	from, to, found := bytes.Cut(b, []byte(":"))
	c1, r1, ok := parseCellRef(from)
	if !ok {
		return Range{}, false
	}
	c2, r2 := c1, r1
	if found {
		if c2, r2, ok = parseCellRef(to); !ok {
			return Range{}, false
		}
	}
	return Range{min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)}, true
}
