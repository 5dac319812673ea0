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

// The kinds of FileError, so that tests and callers can tell them apart
// without matching the Chinese text.
var (
	ErrNotFound          = errors.New("file not found")
	ErrUnreadable        = errors.New("file unreadable")
	ErrIsDir             = errors.New("path is a directory")
	ErrEmptyFile         = errors.New("empty file")
	ErrFileTooLarge      = errors.New("file too large")
	ErrNotZip            = errors.New("not a zip file")
	ErrLegacyXLS         = errors.New("legacy .xls (OLE2) file")
	ErrEncrypted         = errors.New("encrypted workbook")
	ErrNotWorkbook       = errors.New("zip is not a workbook")
	ErrPartTooLarge      = errors.New("zip part too large")
	ErrCorrupt           = errors.New("corrupt workbook")
	ErrTruncated         = errors.New("truncated worksheet")
	ErrNoSheet           = errors.New("no such sheet")
	ErrNotWorksheet      = errors.New("not a worksheet")
	ErrBadSharedString   = errors.New("shared string index out of range")
	ErrOutsideDimension  = errors.New("cell outside the sheet's dimension")
	ErrInternal          = errors.New("internal error reading workbook")
	ErrRowOutOfOrder     = errors.New("rows or cells out of order")
	ErrUnknownCellType   = errors.New("unknown cell type")
	ErrTooManyRowsOrCols = errors.New("row or column beyond Excel's limits")
)

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

// internalError turns a panic caught while reading into an error: kfpay must
// not crash on any input, and a bug found this way still reaches the user
// with the file named.
func internalError(name string, r any) *FileError {
	return fileError(name, ErrInternal, fmt.Errorf("panic: %v", r),
		"读取时出错，文件可能已损坏；请"+resaveHint+"，如仍出错请把文件交给维护人员")
}
