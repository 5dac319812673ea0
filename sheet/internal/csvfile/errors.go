package csvfile

import (
	"errors"
	"fmt"
)

// Error is a problem with a CSV file: it cannot be read, or its text cannot
// be split into rows and fields at Row and Col. Msg is a plain Chinese
// sentence for the bursar that says what to do; Err is one of the kinds
// below, for errors.Is.
type Error struct {
	File string // base name
	Row  int    // the row (record) it is at, 0 for the whole file
	Col  int    // the field, 0 for the whole row
	Msg  string
	Err  error
}

// Error formats e for logs; package sheet names the cell as the bursar
// finds it (课时登记.csv 第 7 行 E 列).
func (e *Error) Error() string {
	where := e.File
	if e.Row > 0 {
		where += fmt.Sprintf(" 第 %d 行", e.Row)
		if e.Col > 0 {
			where += fmt.Sprintf("第 %d 个字段", e.Col)
		}
	}
	return where + "：" + e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// The kinds of Error.
var (
	ErrUnreadable     = errors.New("file unreadable")
	ErrFileTooLarge   = errors.New("file too large")
	ErrEncoding       = errors.New("byte not in the file's encoding")
	ErrQuote          = errors.New("misplaced quote")
	ErrNotText        = errors.New("control character in text")
	ErrCellTooLong    = errors.New("field longer than a cell")
	ErrTooManyColumns = errors.New("more columns than Excel has")
)

func fileError(name string, kind, cause error, msg string) *Error {
	err := kind
	if cause != nil {
		err = fmt.Errorf("%w: %w", kind, cause)
	}
	return &Error{File: name, Msg: msg, Err: err}
}
