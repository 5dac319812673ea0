package rules

import (
	"errors"
	"fmt"
	"strings"
)

// maxProblems caps how many problems one Error lists; a file that bad is
// better fixed from the top and loaded again.
const maxProblems = 200

// FileError is a rules file that cannot be read as one: missing, a folder,
// too large, or not text. Err is the cause, for errors.Is.
type FileError struct {
	File string // base name
	Msg  string // one plain Chinese sentence for the bursar
	Err  error
}

func (e *FileError) Error() string { return e.File + "：" + e.Msg }

func (e *FileError) Unwrap() error { return e.Err }

// The causes of a FileError that are not the system's.
var (
	errIsDir    = errors.New("rules path is a directory")
	errTooLarge = errors.New("rules file too large")
	errNotText  = errors.New("rules file is a workbook or archive")
)

// LineError is one problem in a rules file, at the line where it is written.
type LineError struct {
	File string // the file's base name, e.g. rules.toml
	Line int    // 1-based; 0 when no line of the file holds the problem
	Key  string // the key path, e.g. rates.lesson, event[1].per_event, term.holidays[2]; empty for a syntax error
	Msg  string // one plain Chinese sentence for the bursar
	// Warning marks a doubt, kept in Rules.Warnings, that does not stop the
	// file from loading.
	Warning bool
}

// Error formats e as `rules.toml 第 12 行：…`.
func (e LineError) Error() string {
	if e.Line <= 0 {
		return e.File + "：" + e.Msg
	}
	return fmt.Sprintf("%s 第 %d 行：%s", e.File, e.Line, e.Msg)
}

// Error is every problem found in one rules file, in line order. Callers
// reach the problems with errors.As, either as *Error or one LineError.
type Error struct {
	Problems []LineError
	Omitted  int // problems found beyond the first maxProblems, not listed
}

// Error lists the problems one per line.
func (e *Error) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	if e.Omitted > 0 {
		fmt.Fprintf(&b, "\n……另有 %d 处问题未列出", e.Omitted)
	}
	return b.String()
}

// Unwrap returns the problems, so that errors.As finds a LineError.
func (e *Error) Unwrap() []error {
	errs := make([]error, len(e.Problems))
	for i, p := range e.Problems {
		errs[i] = p
	}
	return errs
}
