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

// Kind is a kind of Error, for errors.Is; its Code is a short ASCII word,
// which package sheet gives the problem it reports. (Package xlsx has a
// type of the same shape; neither imports the other.)
type Kind struct{ code, text string }

func (k *Kind) Error() string { return k.text }

// Code is the kind's short ASCII name, such as csv-quote.
func (k *Kind) Code() string { return k.code }

// The kinds of Error. The first two have the codes of package xlsx's kinds
// of the same name: a file too large is one whatever its format.
var (
	ErrUnreadable     = &Kind{"file-unreadable", "file unreadable"}
	ErrFileTooLarge   = &Kind{"file-too-large", "file too large"}
	ErrEncoding       = &Kind{"csv-encoding", "byte not in the file's encoding"}
	ErrQuote          = &Kind{"csv-quote", "misplaced quote"}
	ErrNotText        = &Kind{"csv-not-text", "control character in text"}
	ErrCellTooLong    = &Kind{"csv-cell-too-long", "field longer than a cell"}
	ErrTooManyColumns = &Kind{"csv-too-many-columns", "more columns than Excel has"}
)

// Code is the code of e's kind.
func (e *Error) Code() string {
	var k *Kind
	if errors.As(e.Err, &k) {
		return k.code
	}
	return ErrUnreadable.code
}

func fileError(name string, kind *Kind, cause error, msg string) *Error {
	var err error = kind
	if cause != nil {
		err = fmt.Errorf("%w: %w", kind, cause)
	}
	return &Error{File: name, Msg: msg, Err: err}
}
