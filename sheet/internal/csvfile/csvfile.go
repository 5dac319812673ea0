// Package csvfile reads a CSV file the way kfpay's readers read a
// worksheet: the rows of its one table, each field the text it holds,
// numbered as Excel or WPS number them when the file is opened there (a
// field's column is its place in the record, a row is a record, blank
// lines counted, a line break inside quotes part of its field).
//
// A CSV file does not say how it was saved, so Open works it out from the
// bytes: UTF-8 with or without a byte order mark ("CSV UTF-8" in Excel),
// GBK as Excel and WPS write "CSV (逗号分隔)" on Chinese Windows (read as
// GB18030, its superset, which also takes Windows' 0x80 for €), or UTF-16
// with a byte order mark (Excel's "Unicode 文本"); and the separator: the
// comma of the Chinese locale, the tab of text exports and web systems, the
// semicolon of European Excel, or the one an Excel "sep=" first line names.
// A byte the encoding cannot read, a quote left open and a field longer than
// Excel's cell are errors at their row and column, never guesses.
//
// Like package xlsx beside it, it knows nothing of kfpay's schemas: every
// field is text, and giving it a meaning is package sheet's.
package csvfile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
)

// maxFileBytes is the largest CSV file read: the same as a workbook's
// limit (package xlsx), far above a month's session log.
const maxFileBytes = 256 << 20

// Excel's limits, which a CSV file opened there is held to as well.
const (
	maxCols      = 16384
	maxCellRunes = 32767
)

// Encoding is the character encoding a file was read in.
type Encoding uint8

const (
	UTF8    Encoding = iota // UTF-8 without a byte order mark
	UTF8BOM                 // UTF-8 with one, as Excel's "CSV UTF-8" writes
	GBK                     // GBK (code page 936), Excel's and WPS's CSV on Chinese Windows
	GB18030                 // GBK with GB18030's four-byte characters
	UTF16LE                 // Excel's "Unicode 文本", with a byte order mark
	UTF16BE
)

// String names e as the bursar's programs name it: 按 GBK 读取.
func (e Encoding) String() string {
	switch e {
	case GBK:
		return "GBK"
	case GB18030:
		return "GB18030"
	case UTF16LE, UTF16BE:
		return "UTF-16"
	}
	return "UTF-8"
}

// File is a CSV file whose encoding and separator are known.
type File struct {
	path    string
	name    string // base name, for messages
	enc     Encoding
	valid   bool // every byte reads in enc; when false, Rows reports the first that does not
	delim   byte
	skipSep bool // the first line is Excel's "sep=X", which is no row
	lines   int  // line ends, for an estimate of the last row
	sha     string
}

// Open reads the file at path once, to learn its encoding, separator and
// sha256. Every error is an *Error that says what to do.
func Open(path string) (*File, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) {
			return nil, fileError(name, ErrUnreadable, err, "没有读取这个文件的权限，请把它复制到自己的文件夹里再试")
		}
		return nil, fileError(name, ErrUnreadable, err, "无法读取这个文件（"+err.Error()+"）")
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fileError(name, ErrUnreadable, err, "无法读取这个文件（"+err.Error()+"）")
	}
	if fi.Size() > maxFileBytes {
		return nil, fileError(name, ErrFileTooLarge, nil, fmt.Sprintf(
			"文件有 %d MiB，超过了 %d MiB 的上限；请确认选对了文件", (fi.Size()+1<<20-1)>>20, maxFileBytes>>20))
	}
	s, head, err := scanFile(f, fi.Size())
	if err != nil {
		return nil, fileError(name, ErrUnreadable, err, "无法读取这个文件（"+err.Error()+"）")
	}
	cf := &File{path: path, name: name, lines: s.lines, sha: hex.EncodeToString(s.sum)}
	switch {
	case bytes.HasPrefix(head, bomUTF16LE):
		cf.enc, cf.valid = UTF16LE, false // the decoder marks what it cannot read
		head = decodeHead(head, unicode.LittleEndian)
	case bytes.HasPrefix(head, bomUTF16BE):
		cf.enc, cf.valid = UTF16BE, false
		head = decodeHead(head, unicode.BigEndian)
	case bytes.HasPrefix(head, bomUTF8):
		cf.enc, cf.valid = UTF8BOM, s.utf8.bad == 0
		head = head[len(bomUTF8):]
	case s.utf8.bad == 0:
		cf.enc, cf.valid = UTF8, true
	case s.utf8.multi > s.utf8.bad:
		// More well-formed UTF-8 characters than bytes that are not: a
		// UTF-8 file with a damaged byte, which read as GBK would turn its
		// names into other characters, often without a byte GBK cannot
		// read. Rows reports the damaged byte. GBK text is the other way
		// round: about one character in five happens to be well-formed
		// UTF-8 (测 试 in the header row 日期,教师,类型,节数 make 1 to 14).
		cf.enc, cf.valid = UTF8, false
	case s.gbk.four > 0:
		cf.enc, cf.valid = GB18030, false
	default:
		cf.enc, cf.valid = GBK, false
	}
	cf.delim, cf.skipSep = sniffDelimiter(head)
	return cf, nil
}

// Encoding is the encoding the file is read in.
func (f *File) Encoding() Encoding { return f.enc }

// Delimiter is the separator between fields: ',', '\t' or ';'.
func (f *File) Delimiter() byte { return f.delim }

// SHA256 is the hex sha256 of the file's bytes.
func (f *File) SHA256() string { return f.sha }

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// headBytes is how much of the file Sniff and the separator's choice look at.
const headBytes = 64 << 10

// scanStats is what one pass over the file learns.
type scanStats struct {
	sum   []byte
	utf8  utf8Check
	gbk   gbkCheck
	lines int
}

// scanFile reads f once: its sha256, whether it is UTF-8 and how much of it
// looks so, whether it is GBK, and its line count. It returns the first
// headBytes bytes too.
func scanFile(f io.Reader, size int64) (scanStats, []byte, error) {
	var s scanStats
	h := sha256.New()
	var head []byte
	buf := make([]byte, min(size+1, 1<<20))
	for {
		n, err := f.Read(buf)
		b := buf[:n]
		h.Write(b)
		if len(head) < headBytes {
			head = append(head, b[:min(n, headBytes-len(head))]...)
		}
		s.lines += bytes.Count(b, []byte{'\n'})
		s.utf8.write(b)
		s.gbk.write(b)
		if err == io.EOF {
			break
		}
		if err != nil {
			return s, nil, err
		}
	}
	s.utf8.end()
	s.gbk.end()
	s.sum = h.Sum(nil)
	return s, head, nil
}

// utf8Check validates UTF-8 a byte at a time, across reads: bad counts the
// bytes that cannot be where they are, multi the well-formed characters of
// more than one byte.
type utf8Check struct {
	need   int  // continuation bytes still expected
	lo, hi byte // the range of the next one
	bad    int
	multi  int
}

func (u *utf8Check) write(b []byte) {
	for _, c := range b {
		if u.need == 0 && c < utf8.RuneSelf {
			continue
		}
		if u.need > 0 {
			if u.lo <= c && c <= u.hi {
				u.need--
				u.lo, u.hi = 0x80, 0xBF
				if u.need == 0 {
					u.multi++
				}
				continue
			}
			u.bad++
			u.need = 0 // c starts afresh
			if c < utf8.RuneSelf {
				continue
			}
		}
		// The first bytes of well-formed UTF-8 (Unicode table 3-7).
		switch {
		case 0xC2 <= c && c <= 0xDF:
			u.need, u.lo, u.hi = 1, 0x80, 0xBF
		case c == 0xE0:
			u.need, u.lo, u.hi = 2, 0xA0, 0xBF
		case 0xE1 <= c && c <= 0xEC, c == 0xEE, c == 0xEF:
			u.need, u.lo, u.hi = 2, 0x80, 0xBF
		case c == 0xED:
			u.need, u.lo, u.hi = 2, 0x80, 0x9F
		case c == 0xF0:
			u.need, u.lo, u.hi = 3, 0x90, 0xBF
		case 0xF1 <= c && c <= 0xF3:
			u.need, u.lo, u.hi = 3, 0x80, 0xBF
		case c == 0xF4:
			u.need, u.lo, u.hi = 3, 0x80, 0x8F
		default:
			u.bad++
		}
	}
}

func (u *utf8Check) end() {
	if u.need > 0 {
		u.bad++
		u.need = 0
	}
}

// gbkCheck follows the byte structure of GB18030 (and so of GBK, its
// two-byte part): a byte below 0x80 alone; 0x80 alone (Windows' €); a lead
// 0x81–0xFE and a trail 0x40–0x7E or 0x80–0xFE; or a lead, a digit, a lead
// and a digit. four counts the four-byte characters, which GBK has not.
type gbkCheck struct {
	state int // 0: between characters; 1, 2, 3: after that many bytes of one
	bad   int
	four  int
}

func (g *gbkCheck) write(b []byte) {
	for _, c := range b {
		if g.state == 0 && c < 0x80 {
			continue
		}
		g.byte(c)
	}
}

func (g *gbkCheck) byte(c byte) {
	switch g.state {
	case 0:
		switch {
		case c <= 0x80:
		case c <= 0xFE:
			g.state = 1
		default:
			g.bad++
		}
		return
	case 1:
		switch {
		case 0x40 <= c && c <= 0x7E, 0x80 <= c && c <= 0xFE:
			g.state = 0
			return
		case '0' <= c && c <= '9':
			g.state = 2
			return
		}
	case 2:
		if 0x81 <= c && c <= 0xFE {
			g.state = 3
			return
		}
	case 3:
		if '0' <= c && c <= '9' {
			g.state = 0
			g.four++
			return
		}
	}
	g.bad++
	g.state = 0
	g.byte(c)
}

func (g *gbkCheck) end() {
	if g.state != 0 {
		g.bad++
		g.state = 0
	}
}

// decodeHead decodes the UTF-16 head of a file, for the separator's choice.
func decodeHead(head []byte, e unicode.Endianness) []byte {
	out, _ := unicode.UTF16(e, unicode.ExpectBOM).NewDecoder().Bytes(head[:len(head)&^1])
	return out
}

// sniffDelimiter chooses the separator from the start of the file: the one
// an Excel "sep=X" first line names, else whichever of comma, tab and
// semicolon occurs most outside quotes in the first ten lines (a title row
// above the header often has none), the comma on a tie or when there is
// none, as a one-column file has.
func sniffDelimiter(head []byte) (delim byte, skipSep bool) {
	first, _, _ := bytes.Cut(head, []byte{'\n'})
	first = bytes.TrimSuffix(first, []byte{'\r'})
	if len(first) == 5 && bytes.EqualFold(first[:4], []byte("sep=")) {
		return first[4], true
	}
	var commas, tabs, semis, lines int
	quoted := false
	for _, c := range head {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			commas++
		case c == '\t':
			tabs++
		case c == ';':
			semis++
		case c == '\n':
			lines++
		}
		if lines == 10 {
			break
		}
	}
	switch {
	case tabs > commas && tabs >= semis:
		return '\t', false
	case semis > commas && semis > tabs:
		return ';', false
	}
	return ',', false
}

// Sniff reports whether head, the first bytes of a file, is text kfpay
// reads as CSV: text in UTF-8, GBK or UTF-16 (with its byte order mark),
// with no control characters but tab and line ends, not markup (HTML and
// XML start with <), not a PDF, RTF or web archive, and holding a comma, tab
// or semicolon somewhere. A file that is not is left to package xlsx to
// name.
func Sniff(head []byte) bool {
	switch {
	case bytes.HasPrefix(head, bomUTF16LE):
		head = decodeHead(head, unicode.LittleEndian)
	case bytes.HasPrefix(head, bomUTF16BE):
		head = decodeHead(head, unicode.BigEndian)
	default:
		head = bytes.TrimPrefix(head, bomUTF8)
	}
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
			return false
		}
	}
	start := bytes.TrimLeft(head, " \t\r\n")
	lower := bytes.ToLower(start[:min(len(start), 32)])
	for _, p := range []string{"<", "%pdf", "{\\rtf", "mime-version:"} {
		if bytes.HasPrefix(lower, []byte(p)) {
			return false
		}
	}
	return len(start) > 0 && bytes.ContainsAny(head, ",\t;")
}
