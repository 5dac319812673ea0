package render

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The rows of kfpay's long sheets are written as XML here, not through
// excelize's StreamWriter.SetRow: a district's payout of 50,000 teachers
// is 800,000 cells, and SetRow made about 190 allocations per teacher (a
// cell name, a value string, an escaped copy of each text), most of the
// time of writing the payout (issue 20). The XML is the same, byte for
// byte, as SetRow writes, so that every reader sees what it saw: excelize
// still writes each sheet, with an empty <sheetData>, and its rows are put
// in when the workbook is saved (sortedZip). Each sheet's rows are
// deflated on a goroutine of their own as they are made, beside the making.

// sheetBody is the deflated XML of the rows of one sheet, the content of
// its <sheetData>: a raw deflate stream ended by a sync flush, so that the
// sheet's head and tail, deflated apart, can be set around it.
type sheetBody struct {
	sheet    string
	deflated chunks
	crc      uint32 // of the XML
	size     int64  // of the XML
	// breaks is the sheet's <rowBreaks> (rowBreaksXML), which goes after
	// its <headerFooter>; nil for none.
	breaks []byte
	// merges are the sheet's merged cells, whose <mergeCells> goes in
	// place of the marker (mergeMarker) excelize wrote.
	merges []merge
	done   chan struct{}
	err    error
}

// bodyChunk is how much row XML is handed to the deflating goroutine at a
// time; bodyBuffers how many such chunks are in flight.
const (
	bodyChunk   = 256 << 10
	bodyBuffers = 3
)

// rowWriter writes the rows of one sheet as the XML excelize's StreamWriter
// writes (v2.11.1: stream.go SetRow and writeCell), in chunks that a
// goroutine deflates into the sheet's body.
type rowWriter struct {
	body      *sheetBody
	buf       []byte
	full      chan []byte
	free      chan []byte
	colStyles []int    // by column - 1: a column's style, for cells without their own
	names     []string // column letters, by column - 1
	esc       bytes.Buffer
	closed    bool
	made      int // chunk buffers made, at most bodyBuffers
	// row and rowText are the row last started and its number as text,
	// which each of its cells' references repeats.
	row     int
	rowText []byte
	// styleAttrs are the attributes ` s="N"` of the styles met, by id:
	// a book has a few dozen, a payout's cells 4 million (issue 20).
	styleAttrs []string
}

// newRowWriter starts the rows of sheet; colStyles are the styles its
// columns have (SetColStyle), which excelize gives a cell of style 0.
func newRowWriter(sheet string, colStyles []int) *rowWriter {
	w := &rowWriter{
		body:      &sheetBody{sheet: sheet, done: make(chan struct{})},
		buf:       make([]byte, 0, 4096), // grows to a chunk: a short sheet needs no more
		full:      make(chan []byte, bodyBuffers),
		free:      make(chan []byte, bodyBuffers),
		colStyles: colStyles,
		made:      1,
	}
	go w.deflate()
	return w
}

// deflate deflates the chunks as they come, until the writer closes.
func (w *rowWriter) deflate() {
	b := w.body
	defer close(b.done)
	fw := getDeflater(&b.deflated)
	defer putDeflater(fw)
	for chunk := range w.full {
		b.crc = crc32Update(b.crc, chunk)
		b.size += int64(len(chunk))
		if b.err == nil {
			_, b.err = fw.Write(chunk)
		}
		w.free <- chunk[:0]
	}
	if b.err == nil {
		b.err = fw.Flush()
	}
}

// close hands the last chunk over and ends the body; the body is complete
// once its done channel closes.
func (w *rowWriter) close() *sheetBody {
	if !w.closed {
		w.closed = true
		if len(w.buf) > 0 {
			w.full <- w.buf
		}
		close(w.full)
	}
	return w.body
}

// spill hands a full chunk to the deflating goroutine.
func (w *rowWriter) spill() {
	if len(w.buf) < bodyChunk {
		return
	}
	w.full <- w.buf
	select {
	case w.buf = <-w.free:
	default:
		if w.made < bodyBuffers {
			w.made++
			w.buf = make([]byte, 0, bodyChunk+4096)
		} else {
			w.buf = <-w.free
		}
	}
}

// startRow opens row r, height points high (0: the default height).
func (w *rowWriter) startRow(r int, height float64) error {
	if height > excelize.MaxRowHeight {
		return excelize.ErrMaxRowHeight
	}
	w.spill()
	w.row, w.rowText = r, strconv.AppendInt(w.rowText[:0], int64(r), 10)
	w.buf = append(w.buf, `<row r="`...)
	w.buf = append(w.buf, w.rowText...)
	w.buf = append(w.buf, '"')
	if height > 0 {
		w.buf = append(w.buf, ` ht="`...)
		w.buf = strconv.AppendFloat(w.buf, height, 'f', -1, 64)
		w.buf = append(w.buf, `" customHeight="1"`...)
	}
	w.buf = append(w.buf, '>')
	return nil
}

func (w *rowWriter) endRow() { w.buf = append(w.buf, `</row>`...) }

// styleAttr is a cell's attribute of style id, ` s="id"`.
func (w *rowWriter) styleAttr(id int) string {
	if id < 0 || id >= 1<<12 {
		return ` s="` + strconv.Itoa(id) + `"`
	}
	for len(w.styleAttrs) <= id {
		w.styleAttrs = append(w.styleAttrs, "")
	}
	if w.styleAttrs[id] == "" {
		w.styleAttrs[id] = ` s="` + strconv.Itoa(id) + `"`
	}
	return w.styleAttrs[id]
}

// colName is the letters of column col.
func (w *rowWriter) colName(col int) string {
	for len(w.names) < col {
		name, _ := excelize.ColumnNumberToName(len(w.names) + 1)
		w.names = append(w.names, name)
	}
	return w.names[col-1]
}

// cell writes the cell at col, r in style (0: the column's), holding v.
func (w *rowWriter) cell(col, r, style int, v value) error {
	if col < 1 || col > excelize.MaxColumns {
		return excelize.ErrColumnNumber
	}
	if style == 0 && col <= len(w.colStyles) {
		style = w.colStyles[col-1]
	}
	w.buf = append(w.buf, `<c r="`...)
	w.buf = append(w.buf, w.colName(col)...)
	if r == w.row && r != 0 {
		w.buf = append(w.buf, w.rowText...)
	} else {
		w.buf = strconv.AppendInt(w.buf, int64(r), 10)
	}
	w.buf = append(w.buf, '"')
	if style != 0 {
		w.buf = append(w.buf, w.styleAttr(style)...)
	}
	switch v.vt {
	case valueNone:
		w.buf = append(w.buf, `></c>`...)
	case valueInt:
		w.buf = append(w.buf, `><v>`...)
		w.buf = strconv.AppendInt(w.buf, int64(v.bits), 10)
		w.buf = append(w.buf, `</v></c>`...)
	case valueFloat:
		f := math.Float64frombits(v.bits)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			w.inlineString(fmt.Sprint(f))
			break
		}
		w.buf = append(w.buf, `><v>`...)
		w.buf = appendCellFloat(w.buf, f)
		w.buf = append(w.buf, `</v></c>`...)
	case valueText:
		w.inlineString(v.text)
	case valueFormula:
		// A formula cell: excelize marks it str, then its int value unmarks it.
		w.buf = append(w.buf, `><f>`...)
		w.appendEscaped(v.form.expr)
		w.buf = append(w.buf, `</f><v>`...)
		w.buf = strconv.AppendInt(w.buf, int64(v.form.value), 10)
		w.buf = append(w.buf, `</v></c>`...)
	default:
		return fmt.Errorf("render: a cell of value type %d", v.vt)
	}
	return nil
}

// inlineString ends a cell holding s as an inline string, as excelize's
// setInlineStr and trimCellValue write it: xml:space="preserve" when it
// starts or ends with white space, escaped but for line breaks, with
// excelize's escape of _xHHHH_.
func (w *rowWriter) inlineString(s string) {
	if len(s) > excelize.TotalCellChars { // bytes ≥ UTF-16 units: no count of a short text
		s = fitCell(s)
	}
	w.buf = append(w.buf, ` t="inlineStr"><is><t`...)
	if s != "" {
		switch s[0] {
		case 9, 10, 13, 32:
			w.buf = append(w.buf, ` xml:space="preserve"`...)
		default:
			switch s[len(s)-1] {
			case 9, 10, 13, 32:
				w.buf = append(w.buf, ` xml:space="preserve"`...)
			}
		}
	}
	w.buf = append(w.buf, '>')
	if b, ok := appendInlineText(w.buf, s); ok {
		w.buf = b
	} else {
		w.esc.Reset()
		_ = xml.EscapeText(&w.esc, []byte(s))
		esc := strings.ReplaceAll(w.esc.String(), "&#xA;", "\n")
		w.buf = append(w.buf, bstrMarshal(esc)...)
	}
	w.buf = append(w.buf, `</t></is></c>`...)
}

// appendInlineText appends s as inlineString writes it, escaped as
// xml.EscapeText escapes it but for line breaks, which stay. ok is false,
// and nothing appended, when s needs more: a character EscapeText
// replaces, or an _x that excelize escapes. The seal's rows, joined by
// TAB, took the slow way through a buffer and two strings (issue 20).
func appendInlineText(b []byte, s string) (_ []byte, ok bool) {
	if strings.Contains(s, "_x") {
		return b, false
	}
	n := len(b)
	// The bytes that stay as they are go in runs, not one by one: a seal
	// row is a hundred of them (issue 20).
	plain := 0 // where the run not yet appended starts
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF {
				return b[:n], false
			}
			i += size
			continue
		}
		var esc string
		switch c {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\r':
			esc = "&#xD;"
		case '\n':
			i++
			continue
		default:
			if c < 0x20 {
				return b[:n], false
			}
			i++
			continue
		}
		b = append(append(b, s[plain:i]...), esc...)
		i++
		plain = i
	}
	return append(b, s[plain:]...), true
}

// appendEscaped appends s escaped as xml.EscapeText escapes it.
func (w *rowWriter) appendEscaped(s string) {
	if plainText(s) {
		w.buf = append(w.buf, s...)
		return
	}
	w.esc.Reset()
	_ = xml.EscapeText(&w.esc, []byte(s))
	w.buf = append(w.buf, w.esc.Bytes()...)
}

// plainText reports whether xml.EscapeText leaves s as it is: valid UTF-8
// of XML characters, none of them a control character or one of "'&<>.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\'' || c == '&' || c == '<' || c == '>' {
				return false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || r == 0xFFFE || r == 0xFFFF {
			return false
		}
		i += size - 1
	}
	return true
}

// appendCellFloat appends v as excelize writes a float64 cell
// (formatCellFloat with automatic precision): at most 15 significant
// digits, the rest cut, as Excel keeps them.
func appendCellFloat(buf []byte, v float64) []byte {
	if b, ok := appendCents(buf, v); ok {
		return b
	}
	return appendFloatCut(buf, v)
}

// appendCents appends v as appendFloatCut does when v is the double
// nearest a whole number of cents c under 10^15 in size: then the
// shortest text that reads back as v is c/100 itself, since no two
// decimals of at most 15 significant digits share a double, and the cut
// to 15 digits leaves it. Nearly every figure of a payout is such a
// number; strconv's shortest formatting of each was a tenth of the
// writing's CPU time (issue 20). ok is false for any other v.
func appendCents(buf []byte, v float64) (_ []byte, ok bool) {
	c := math.Round(v * 100)
	if !(math.Abs(c) < 1e15) || c/100 != v || (v == 0 && math.Signbit(v)) {
		return buf, false
	}
	n := int64(c)
	if n < 0 {
		buf, n = append(buf, '-'), -n
	}
	buf = strconv.AppendInt(buf, n/100, 10)
	switch f := n % 100; {
	case f == 0:
	case f%10 == 0:
		buf = append(buf, '.', byte('0'+f/10))
	default:
		buf = append(buf, '.', byte('0'+f/10), byte('0'+f%10))
	}
	return buf, true
}

// appendFloatCut is appendCellFloat for any v: strconv's shortest text,
// cut to 15 significant digits as excelize cuts it.
func appendFloatCut(buf []byte, v float64) []byte {
	start := len(buf)
	buf = strconv.AppendFloat(buf, v, 'f', -1, 64)
	if math.Abs(v) == math.MaxFloat64 {
		return buf
	}
	str := buf[start:]
	const maxPrec = 15
	dot := bytes.IndexByte(str, '.')
	significant := 0
	for idx := range str {
		if str[idx] < '0' || str[idx] > '9' || significant == 0 && str[idx] == '0' {
			continue
		}
		significant++
		if significant <= maxPrec {
			continue
		}
		if dot >= 0 && idx > dot {
			cut := str[:idx]
			if cut[len(cut)-1] == '.' {
				cut = cut[:len(cut)-1]
			}
			return buf[:start+len(cut)]
		}
		if dot < 0 {
			dot = len(str)
		}
		for ; idx < dot; idx++ {
			str[idx] = '0'
		}
		return buf[:start+dot]
	}
	return buf
}

// bstrExp and bstrEscapeExp are excelize's (lib.go): text that reads as an
// escaped character, _xHHHH_, is escaped itself so that it is read back as
// written.
var (
	bstrExp       = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)
	bstrEscapeExp = regexp.MustCompile(`x[a-fA-F\d]{4}_`)
)

// bstrMarshal is excelize's bstrMarshal (lib.go, v2.11.1), which SetRow
// applies to every text.
func bstrMarshal(s string) (result string) {
	if !strings.Contains(s, "_x") {
		return s
	}
	matches, l, cursor := bstrExp.FindAllStringSubmatchIndex(s, -1), len(s), 0
	for _, match := range matches {
		result += s[cursor:match[0]]
		subStr := s[match[0]:match[1]]
		if subStr == "_x005F_" {
			cursor = match[1]
			if match[1]+6 <= l && bstrEscapeExp.MatchString(s[match[1]:match[1]+6]) {
				_, err := strconv.Unquote(`"\u` + s[match[1]+1:match[1]+5] + `"`)
				if err == nil {
					result += subStr + "x005F" + subStr
					continue
				}
			}
			result += subStr + "x005F_"
			continue
		}
		if bstrExp.MatchString(subStr) {
			cursor = match[1]
			if _, err := strconv.Unquote(`"\u` + s[match[0]+2:match[1]-1] + `"`); err == nil {
				result += "_x005F" + subStr
				continue
			}
		}
	}
	if cursor < l {
		result += s[cursor:]
	}
	return result
}

// emptySheetData is what excelize writes for a streamed sheet of no rows,
// where the body goes.
var emptySheetData = []byte("<sheetData></sheetData>")

// errNoSheetData is a sheet whose XML from excelize has no empty
// <sheetData> to put its rows in: a bug of kfpay's, or a version of
// excelize that writes it otherwise.
var errNoSheetData = errors.New("render: no empty <sheetData> in the sheet's XML")
