package sheet

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
	Cell  string // set when it is at one cell, e.g. D17
	Msg   string
	Err   error
}

// Error formats e as `课时登记.xlsx 9月!D17：…`.
func (e *FileError) Error() string {
	where := e.File
	if e.Sheet != "" {
		where += " " + e.Sheet
		if e.Cell != "" {
			where += "!" + e.Cell
		}
	}
	return where + "：" + e.Msg
}

func (e *FileError) Unwrap() error { return e.Err }

// The kinds of FileError, so that tests and callers can tell them apart
// without matching the Chinese text.
var (
	errNotFound          = errors.New("file not found")
	errUnreadable        = errors.New("file unreadable")
	errIsDir             = errors.New("path is a directory")
	errEmptyFile         = errors.New("empty file")
	errFileTooLarge      = errors.New("file too large")
	errNotZip            = errors.New("not a zip file")
	errLegacyXLS         = errors.New("legacy .xls (OLE2) file")
	errEncrypted         = errors.New("encrypted workbook")
	errNotWorkbook       = errors.New("zip is not a workbook")
	errMacroWorkbook     = errors.New("macro-enabled workbook")
	errPartTooLarge      = errors.New("zip part too large")
	errCorrupt           = errors.New("corrupt workbook")
	errTruncated         = errors.New("truncated worksheet")
	errNoSheet           = errors.New("no such sheet")
	errNotWorksheet      = errors.New("not a worksheet")
	errBadSharedString   = errors.New("shared string index out of range")
	errOutsideDimension  = errors.New("cell outside the sheet's dimension")
	errInternal          = errors.New("internal error reading workbook")
	errRowOutOfOrder     = errors.New("rows or cells out of order")
	errUnknownCellType   = errors.New("unknown cell type")
	errTooManyRowsOrCols = errors.New("row or column beyond Excel's limits")
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
