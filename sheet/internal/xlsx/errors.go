package xlsx

import (
	"bytes"
	"errors"
	"fmt"
)

// FileError is a problem with an input workbook as a whole rather than with
// one value in it: the file is not a workbook, is damaged, or is too large.
// Msg is a plain Chinese sentence for the bursar that says what to do; Err
// is the cause for logs and for errors.Is (one of the errXxx kinds below,
// wrapped together with any lower-level error).
type FileError struct {
	File  string // base name
	Sheet string // set when the problem is in one sheet
	Col   int    // set with Row when it is at one cell
	Row   int
	Msg   string
	Err   error
}

// Error formats e as `课时登记.xlsx 9月!D17：…`.
func (e *FileError) Error() string {
	where := e.File
	if e.Sheet != "" {
		where += " " + e.Sheet
		if e.Row > 0 {
			where += "!" + e.Cell()
		}
	}
	return where + "：" + e.Msg
}

func (e *FileError) Unwrap() error { return e.Err }

// Cell is the name of the cell the problem is at, such as D17; "" when it
// is not at one cell.
func (e *FileError) Cell() string {
	if e.Row == 0 {
		return ""
	}
	return CellName(e.Col, e.Row)
}

// Kind is a kind of FileError, so that tests and callers can tell them
// apart without matching the Chinese text: errors.Is(err, ErrNotZip). Its
// Code is a short ASCII word, which the readers give the problem they
// report.
type Kind struct{ code, text string }

func (k *Kind) Error() string { return k.text }

// Code is the kind's short ASCII name, such as not-xlsx.
func (k *Kind) Code() string { return k.code }

// The kinds of FileError.
var (
	ErrNotFound          = &Kind{"file-not-found", "file not found"}
	ErrUnreadable        = &Kind{"file-unreadable", "file unreadable"}
	ErrIsDir             = &Kind{"is-directory", "path is a directory"}
	ErrEmptyFile         = &Kind{"empty-file", "empty file"}
	ErrFileTooLarge      = &Kind{"file-too-large", "file too large"}
	ErrNotZip            = &Kind{"not-xlsx", "not a zip file"}
	ErrLegacyXLS         = &Kind{"legacy-xls", "legacy .xls (OLE2) file"}
	ErrEncrypted         = &Kind{"encrypted", "encrypted workbook"}
	ErrNotWorkbook       = &Kind{"not-workbook", "zip is not a workbook"}
	ErrMacroWorkbook     = &Kind{"macro-workbook", "macro-enabled workbook"}
	ErrPartTooLarge      = &Kind{"part-too-large", "zip part too large"}
	ErrCorrupt           = &Kind{"corrupt", "corrupt workbook"}
	ErrTruncated         = &Kind{"truncated", "truncated worksheet"}
	ErrNoSheet           = &Kind{"no-sheet", "no such sheet"}
	ErrNotWorksheet      = &Kind{"not-worksheet", "not a worksheet"}
	ErrBadSharedString   = &Kind{"bad-shared-string", "shared string index out of range"}
	ErrRowOutOfOrder     = &Kind{"out-of-order", "rows or cells out of order"}
	ErrUnknownCellType   = &Kind{"unknown-cell-type", "unknown cell type"}
	ErrTooManyRowsOrCols = &Kind{"beyond-limits", "row or column beyond Excel's limits"}
)

// Code is the Code of e's kind, "corrupt" when it has none.
func (e *FileError) Code() string {
	var k *Kind
	if errors.As(e.Err, &k) {
		return k.code
	}
	return ErrCorrupt.code
}

// fileError builds a FileError of kind for the file name. cause, when not
// nil, is wrapped beside kind.
func fileError(name string, kind, cause error, msg string) *FileError {
	err := kind
	if cause != nil {
		err = fmt.Errorf("%w: %w", kind, cause)
	}
	return &FileError{File: name, Msg: msg, Err: err}
}

// resaveHint ends the messages about a damaged file: saving it again from
// Excel or WPS writes a clean copy, which is the one thing a bursar can do.
const resaveHint = "在 Excel 或 WPS 中打开后另存为 .xlsx 再试"

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// oleError tells a legacy .xls from an encrypted .xlsx: both are OLE2
// compound files, and an encrypted workbook is one whose directory holds
// the streams EncryptionInfo and EncryptedPackage (MS-OFFCRYPTO). Stream
// names are stored in UTF-16LE in directory sectors anywhere in the file, so
// the file is searched for the name; it is at most maxFileBytes.
func (wb *Workbook) oleError(size int64) error {
	name := utf16le("EncryptionInfo")
	buf := make([]byte, 1<<20)
	for off := int64(0); off < size; off += int64(len(buf) - len(name)) {
		n, _ := wb.f.ReadAt(buf, off)
		if bytes.Contains(buf[:n], name) {
			return fileError(wb.name, ErrEncrypted, nil,
				"工作簿设置了打开密码（已加密），kfpay 读不了；请在 Excel 中打开，"+
					"在“文件 → 信息 → 保护工作簿 → 用密码进行加密”里清空密码，保存为 .xlsx 后再试")
		}
		if n < len(buf) {
			break
		}
	}
	return fileError(wb.name, ErrLegacyXLS, nil,
		"这是旧版 Excel 97-2003 工作簿（.xls），kfpay 只读 .xlsx；请在 Excel 或 WPS 中打开后另存为 .xlsx")
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// describeNonZip guesses, from its first bytes, what a file that is not a
// zip is, to say so: files exported from web systems as "xls" are often
// HTML or CSV text.
func describeNonZip(head []byte) string {
	lower := bytes.ToLower(head)
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return "像是 Unicode 文本，例如“Unicode 文本”格式导出的表格"
	case bytes.Contains(lower, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		return "像是 Excel 2003 XML 表格"
	case bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<!doctype html")) || bytes.Contains(lower, []byte("<table")):
		return "像是网页（HTML），常见于从网站系统导出的表格"
	case isText(head):
		if bytes.ContainsAny(head, ",\t") || bytes.Contains(head, []byte("，")) {
			return "像是 CSV 文本"
		}
		return "像是文本文件"
	}
	return "文件格式无法识别"
}

// isText reports whether b looks like text: no control bytes but tab and
// line ends. Bytes above 0x7F pass, so GBK text counts as text as well as
// UTF-8.
func isText(b []byte) bool {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
			return false
		}
	}
	return len(b) > 0
}

// notWorkbookError explains a zip without a workbook part, naming what it
// is when that is recognisable.
func (wb *Workbook) notWorkbookError() error {
	what := "这是一个压缩包（zip），不是 Excel 工作簿"
	switch {
	case wb.part("xl/workbook.bin") != nil:
		what = "这是 Excel 二进制工作簿（.xlsb），kfpay 只读 .xlsx；请在 Excel 中另存为 .xlsx"
	case wb.part("content.xml") != nil && wb.part("mimetype") != nil:
		what = "这是 OpenDocument 表格（.ods），kfpay 只读 .xlsx；请在 WPS、LibreOffice 或 Excel 中另存为 .xlsx"
	case wb.part("word/document.xml") != nil:
		what = "这是 Word 文档，不是 Excel 工作簿；请指定登记表的 .xlsx 文件"
	case wb.part("ppt/presentation.xml") != nil:
		what = "这是 PowerPoint 演示文稿，不是 Excel 工作簿；请指定登记表的 .xlsx 文件"
	default:
		what += "（缺少 xl/workbook.xml）；请确认选对了文件，或" + resaveHint
	}
	return fileError(wb.name, ErrNotWorkbook, nil, what)
}
