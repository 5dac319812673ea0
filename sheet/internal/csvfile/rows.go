package csvfile

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Field is one non-empty field of a row.
type Field struct {
	Col   int    // 1-based: the column it shows in when Excel opens the file
	Value string // its text, unquoted; Excel's text-keeping ="0012" is 0012
}

// Rows streams the rows of a CSV file that hold at least one non-empty
// field, as a worksheet's XML leaves out its empty rows: Row tells which
// row each is.
type Rows struct {
	ctx    context.Context
	f      *File
	fh     *os.File
	r      *bufio.Reader
	row    int
	fields []Field
	buf    []byte // the current record's fields, one after another
	start  int    // where the field being read starts in buf
	spans  []span // the non-empty fields of the record in buf
	err    error
	done   bool
}

// span is a field's place in Rows.buf.
type span struct{ col, start, end int }

// checkEvery is how many records pass between looks at the context, blank
// ones included: a few milliseconds of reading, as package sheet looks at it
// every 4,096 rows it is given, so that a file of a million blank lines
// stops at once too.
const checkEvery = 1 << 12

// Rows opens the file again and returns an iterator over its rows, which
// stops, its Err ctx's error, once ctx is done. The caller must Close it.
func (f *File) Rows(ctx context.Context) (*Rows, error) {
	fh, err := os.Open(f.path)
	if err != nil {
		return nil, fileError(f.name, ErrUnreadable, err, "无法读取这个文件（"+err.Error()+"）")
	}
	var src io.Reader = fh
	switch f.enc {
	case UTF8BOM:
		if _, err := fh.Seek(int64(len(bomUTF8)), io.SeekStart); err != nil {
			fh.Close()
			return nil, fileError(f.name, ErrUnreadable, err, "无法读取这个文件（"+err.Error()+"）")
		}
	case GBK, GB18030:
		// GB18030 reads GBK and Windows' 0x80 (€) alike, and marks a byte
		// it cannot read with U+FFFD, which add reports.
		src = transform.NewReader(fh, simplifiedchinese.GB18030.NewDecoder())
	case UTF16LE:
		src = transform.NewReader(fh, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder())
	case UTF16BE:
		src = transform.NewReader(fh, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder())
	}
	rs := &Rows{ctx: ctx, f: f, fh: fh, r: bufio.NewReaderSize(src, 64<<10)}
	if f.skipSep {
		// Excel's "sep=;" line names the separator and is no row.
		if _, err := rs.r.ReadSlice('\n'); err != nil && err != io.EOF {
			rs.fail(fileError(f.name, ErrUnreadable, err, "无法读取这个文件（"+err.Error()+"）"))
		}
	}
	return rs, nil
}

// Next advances to the next row that holds something, and reports whether
// there is one.
func (rs *Rows) Next() bool {
	for !rs.done && rs.err == nil {
		if rs.record() && len(rs.fields) > 0 {
			return true
		}
	}
	return false
}

// Row is the 1-based number of the current row.
func (rs *Rows) Row() int { return rs.row }

// Fields are the current row's non-empty fields in column order. The slice
// is reused by the next call of Next.
func (rs *Rows) Fields() []Field { return rs.fields }

// LastRow estimates the last row from the file's line count, for a progress
// display; quoted line breaks make it a little high.
func (rs *Rows) LastRow() int { return rs.f.lines + 1 }

// Err is the error that stopped the rows, nil at a clean end: an *Error,
// or the context's error when it was done.
func (rs *Rows) Err() error { return rs.err }

// Close releases the file.
func (rs *Rows) Close() error {
	rs.done = true
	return rs.fh.Close()
}

func (rs *Rows) fail(e *Error) {
	rs.err, rs.done = e, true
}

// at builds an error at field col of the current row.
func (rs *Rows) at(kind *Kind, col int, format string, args ...any) *Error {
	return &Error{File: rs.f.name, Row: rs.row, Col: col, Msg: fmt.Sprintf(format, args...), Err: kind}
}

// record reads one record into fields. It returns false at the end of the
// file or on an error.
func (rs *Rows) record() bool {
	rs.fields, rs.buf, rs.spans = rs.fields[:0], rs.buf[:0], rs.spans[:0]
	c, err := rs.r.ReadByte()
	if err != nil {
		rs.end(err)
		return false
	}
	rs.row++
	if rs.row%checkEvery == 0 {
		if err := rs.ctx.Err(); err != nil {
			rs.err, rs.done = err, true
			return false
		}
	}
	for col := 1; ; col++ {
		if col > maxCols {
			rs.fail(rs.at(ErrTooManyColumns, 0, "这一行超过了 Excel 的 %d 列上限；请确认选对了文件，或检查分隔符", maxCols))
			return false
		}
		rs.start = len(rs.buf)
		var end byte // what ended the field: the separator, '\n', or 0 at the end of the file
		var ok bool
		if c == '"' {
			end, ok = rs.quoted(col)
		} else {
			end, ok = rs.unquoted(c, col)
		}
		if !ok {
			return false
		}
		if len(rs.buf) > rs.start {
			rs.spans = append(rs.spans, span{col, rs.start, len(rs.buf)})
		}
		if end != rs.f.delim {
			return rs.finish()
		}
		if c, err = rs.r.ReadByte(); err != nil {
			// a,b, at the very end: the last field is empty
			rs.end(err)
			return rs.err == nil && rs.finish()
		}
	}
}

// end records the end of the file, or a read error.
func (rs *Rows) end(err error) {
	rs.done = true
	if err != io.EOF {
		rs.err = fileError(rs.f.name, ErrUnreadable, err, "读取时出错（"+err.Error()+"）；请重新拷贝一份再试")
	}
}

// lineEnd reads what follows a '\r': a '\n' of the same line end, or
// anything else, which is left for the next field.
func (rs *Rows) lineEnd() {
	if c, err := rs.r.ReadByte(); err == nil && c != '\n' {
		rs.r.UnreadByte()
	}
}

// unquoted reads field col, which does not start with a quote, c its first
// byte. A quote inside it is text, as Excel reads it.
func (rs *Rows) unquoted(c byte, col int) (end byte, ok bool) {
	for {
		switch c {
		case rs.f.delim:
			return c, true
		case '\n':
			return '\n', true
		case '\r':
			rs.lineEnd()
			return '\n', true
		}
		rs.buf = append(rs.buf, c)
		if len(rs.buf)-rs.start > 4*maxCellRunes {
			return 0, rs.tooLong(col)
		}
		var err error
		if c, err = rs.r.ReadByte(); err != nil {
			rs.end(err)
			return 0, rs.err == nil
		}
	}
}

// quoted reads a field that starts with a quote: up to the next quote not
// doubled, separators and line breaks included.
func (rs *Rows) quoted(col int) (end byte, ok bool) {
	for {
		c, err := rs.r.ReadByte()
		if err == io.EOF {
			rs.fail(rs.at(ErrQuote, col, "这一格以引号开头，但直到文件末尾都没有对应的引号，其后的内容都会被当成这一格；"+
				"请用记事本打开文件，找到这一格补上引号或删去多余的引号"))
			return 0, false
		}
		if err != nil {
			rs.end(err)
			return 0, false
		}
		if c != '"' {
			rs.buf = append(rs.buf, c)
			if len(rs.buf)-rs.start > 4*maxCellRunes {
				return 0, rs.tooLong(col)
			}
			continue
		}
		c, err = rs.r.ReadByte()
		switch {
		case err == io.EOF:
			rs.done = true
			return 0, true
		case err != nil:
			rs.end(err)
			return 0, false
		case c == '"':
			rs.buf = append(rs.buf, '"')
		case c == rs.f.delim, c == '\n':
			return c, true
		case c == '\r':
			rs.lineEnd()
			return '\n', true
		default:
			rs.r.UnreadByte()
			next, _, _ := rs.r.ReadRune()
			rs.fail(rs.at(ErrQuote, col, "这一格的引号后面还有文字（%s），引号没有配对；"+
				"请用记事本打开文件检查这一格：格内的引号要写成两个（\"\"），整格用一对引号括起", quoteContext(rs.buf[rs.start:], next)))
			return 0, false
		}
	}
}

// quoteContext shows where a quote went wrong: the end of the field so
// far, the quote and the character after it.
func quoteContext(field []byte, next rune) string {
	r := []rune(string(field))
	if len(r) > 10 {
		r = append([]rune("…"), r[len(r)-10:]...)
	}
	return string(r) + `"` + string(next)
}

func (rs *Rows) tooLong(col int) bool {
	rs.fail(rs.at(ErrCellTooLong, col, "这一格超过了 Excel 单元格 %d 个字符的上限：多半是前面某个引号没有配对，"+
		"其后的内容都被当成了这一格；请用记事本打开文件检查引号", maxCellRunes))
	return false
}

// finish makes the fields of the record just read, from one string for
// the record: a row costs one allocation, not one a field.
func (rs *Rows) finish() bool {
	if len(rs.spans) == 0 {
		return true
	}
	rec := string(rs.buf)
	for _, sp := range rs.spans {
		v := rec[sp.start:sp.end]
		if !rs.f.valid {
			if e := rs.checkEncoding(v, sp.col); e != nil {
				rs.fail(e)
				return false
			}
		}
		if strings.IndexByte(v, 0) >= 0 {
			rs.fail(rs.at(ErrNotText, sp.col, "这一格含有空字符（NUL），不是文本；请确认选对了文件"))
			return false
		}
		if len(v) > maxCellRunes && utf8.RuneCountInString(v) > maxCellRunes {
			return rs.tooLong(sp.col)
		}
		if v = excelText(v); v != "" {
			rs.fields = append(rs.fields, Field{Col: sp.col, Value: v})
		}
	}
	return true
}

// checkEncoding reports a field holding a byte the file's encoding cannot
// read: in UTF-8 an ill-formed sequence, in GBK or UTF-16 what the decoder
// marked U+FFFD.
func (rs *Rows) checkEncoding(v string, col int) *Error {
	switch rs.f.enc {
	case UTF8, UTF8BOM:
		if !utf8.ValidString(v) {
			return rs.at(ErrEncoding, col, "这一格有不是 UTF-8 编码的字节：文件其余部分都是 UTF-8，这一格可能已损坏；"+
				"请在 Excel 或 WPS 中打开文件，改正这一格后另存为“CSV UTF-8（逗号分隔）”再试")
		}
	case GBK, GB18030:
		if strings.ContainsRune(v, utf8.RuneError) {
			return rs.at(ErrEncoding, col, "这一格有既不是 UTF-8 也不是 GBK 编码的字节，读不出是什么字"+
				"（整个文件都读不出时，多半是繁体 Big5 等其他编码）；请在 Excel 或 WPS 中打开文件，改正这一格或另存为“CSV UTF-8（逗号分隔）”再试")
		}
	default:
		if strings.ContainsRune(v, utf8.RuneError) {
			return rs.at(ErrEncoding, col, "这一格有不成对的 UTF-16 代理字符，读不出是什么字；"+
				"请在 Excel 或 WPS 中打开文件，改正这一格后另存为“CSV UTF-8（逗号分隔）”再试")
		}
	}
	return nil
}

// excelText unwraps Excel's way of writing text that would otherwise be
// read as a number, ="0012": the text between the quotes, each doubled
// quote one. A formula of any other form is kept as written, for the
// reader to reject as the text it is.
func excelText(v string) string {
	if len(v) < 3 || !strings.HasPrefix(v, `="`) || !strings.HasSuffix(v, `"`) {
		return v
	}
	inner := v[2 : len(v)-1]
	if strings.Count(inner, `"`) != 2*strings.Count(inner, `""`) {
		return v // ="a"&"b" is a formula
	}
	return strings.ReplaceAll(inner, `""`, `"`)
}
