package xlsx

import (
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
	ErrPartTooLarge      = &Kind{"part-too-large", "zip part too large"}
	ErrCorrupt           = &Kind{"corrupt", "corrupt workbook"}
	ErrTruncated         = &Kind{"truncated", "truncated worksheet"}
	ErrNoSheet           = &Kind{"no-sheet", "no such sheet"}
	ErrNotWorksheet      = &Kind{"not-worksheet", "not a worksheet"}
	ErrBadSharedString   = &Kind{"bad-shared-string", "shared string index out of range"}
	ErrRowOutOfOrder     = &Kind{"out-of-order", "rows or cells out of order"}
	ErrUnknownCellType   = &Kind{"unknown-cell-type", "unknown cell type"}
	ErrTooManyRowsOrCols = &Kind{"beyond-limits", "row or column beyond Excel's limits"}

	// What a file that is not a workbook kfpay reads is, told by its bytes
	// (formats.go). Each comes with one of the kinds above, which says how
	// the file fails to be an .xlsx (ErrWPS with ErrLegacyXLS): errors.Is
	// finds either, and the code is this one's.
	ErrHTML        = &Kind{"html", "HTML or web archive"}
	ErrXML2003     = &Kind{"xml-2003", "Excel 2003 XML spreadsheet"}
	ErrPDF         = &Kind{"pdf", "PDF document"}
	ErrImage       = &Kind{"image", "image"}
	ErrWPS         = &Kind{"wps-et", "WPS spreadsheet (.et)"}
	ErrODS         = &Kind{"ods", "OpenDocument spreadsheet"}
	ErrXLSB        = &Kind{"xlsb", "Excel binary workbook (.xlsb)"}
	ErrNumbers     = &Kind{"numbers", "Apple Numbers document"}
	ErrDocument    = &Kind{"document", "word-processing or presentation document"}
	ErrPlainText   = &Kind{"plain-text", "text, not a workbook"}
	ErrUnknownKind = &Kind{"unknown-format", "unrecognised file"}
)

// Code is the Code of e's kind, "corrupt" when it has none. For a file that
// is not a workbook kfpay reads, it is the code of what the file is
// (ErrWPS), which formatError puts before how it fails (ErrLegacyXLS).
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

// formatError builds the FileError of a file that is not a workbook kfpay
// reads: what it is (ErrWPS), which gives the code, and how it fails to be
// an .xlsx (ErrLegacyXLS). errors.Is finds either.
func formatError(name string, what, how *Kind, msg string) *FileError {
	return &FileError{File: name, Msg: msg, Err: fmt.Errorf("%w: %w", what, how)}
}

// resaveHint ends the messages about a damaged file: saving it again from
// Excel or WPS writes a clean copy, which is the one thing a bursar can do.
const resaveHint = "在 Excel 或 WPS 中打开后另存为 .xlsx 再试"
