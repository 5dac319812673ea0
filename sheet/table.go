package sheet

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"kfpay/calc"
	"kfpay/sheet/internal/csvfile"
	"kfpay/sheet/internal/xlsx"
)

// field is a column an input schema looks for (SPEC 2).
type field struct {
	name     string   // the header as kfpay writes it, e.g. 节数
	aliases  []string // other headers accepted for it
	required bool
	numeric  bool // a count or an amount: merged over several cells, it is warned of
	// note marks free text that changes no figure (备注, 说明): part of
	// it struck through is a warning, not an error (read.go, marks).
	note bool
}

// schema is the set of columns of one kind of input sheet.
type schema struct {
	role   string // 课时登记, 考核记录, …
	fields []field
	// ownLayout marks a sheet kfpay wrote, read back: its merges are its
	// own (a title, a 合计 label across three columns, a line of text),
	// never a value meant for each cell they cover.
	ownLayout bool
	// readsAll warns of any value in a column outside the schema, not only
	// of numbers (unread.go): in the discipline records every column is
	// about pay.
	readsAll bool
}

// headerRows is how far down a sheet the header row may be (SPEC 2).
const headerRows = 10

// headerKey folds a header for matching: full-width and half-width alike,
// spaces removed, Latin letters in lower case.
func headerKey(s string) string {
	s = norm.NFKC.String(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, s)
	return s
}

// match returns, for each field of s, the column of cells that holds its
// header (0 when absent), and whether every required field was found.
func (s schema) match(cells []xlsx.Cell) (cols []int, ok bool) {
	cols = make([]int, len(s.fields))
	byKey := map[string]int{}
	for _, c := range cells {
		if c.Type == xlsx.CellString {
			k := headerKey(c.Value)
			if _, dup := byKey[k]; !dup {
				byKey[k] = c.Col
			}
		}
	}
	ok = true
	for i, f := range s.fields {
		for _, h := range append([]string{f.name}, f.aliases...) {
			if col, found := byKey[headerKey(h)]; found {
				cols[i] = col
				break
			}
		}
		if cols[i] == 0 && f.required {
			ok = false
		}
	}
	return cols, ok
}

// missing lists the required headers of s that cols lacks.
func (s schema) missing(cols []int) []string {
	var out []string
	for i, f := range s.fields {
		if f.required && cols[i] == 0 {
			out = append(out, f.name)
		}
	}
	return out
}

// NormalizeName folds a person's name as typed before it is compared
// (SPEC 2): see calc.NormalizeName, which owns the identity of people.
func NormalizeName(s string) string { return calc.NormalizeName(s) }

// collector gathers the problems of one input file: up to calc.MaxProblems
// errors, where the reader stops, and as many warnings listed, the rest
// counted in one omitted-warnings problem (calc.CodeOmitted), as
// calc.Capper does. list is what was gathered; readers may reorder it.
type collector struct {
	file, sheet string
	list        calc.Problems
	// errors and warnings count the problems of each kind added to list;
	// omitted is the index in list of the omitted-warnings problem plus
	// one, 0 before there is one (found again if list was reordered).
	errors, warnings, omitted int
	noHeader                  bool // the sheet was read and has no header row of the schema
	// hidden holds the names and 工号 already warned of for hidden
	// characters: one warning for each way of writing them, not one a row.
	hidden map[string]bool
	lines  bool // text rows (openLines): a line has no columns to name
}

func (c *collector) ref(col, row int) calc.Ref {
	if c.lines {
		col = 0 // cases.toml 第 12 行, not 第 12 行 E 列: E is no column of the line
	}
	return calc.Ref{File: c.file, Sheet: c.sheet, Col: col, Row: row}
}

func (c *collector) add(p calc.Problem) {
	switch {
	case !p.Warning:
		if c.errors < calc.MaxProblems {
			c.list = append(c.list, p)
		}
		c.errors++
	case c.warnings < calc.MaxProblems:
		c.list = append(c.list, p)
		c.warnings++
	default:
		// Counted, not listed: a warning never stops a reader.
		if c.omitted == 0 || c.omitted > len(c.list) || c.list[c.omitted-1].Code != calc.CodeOmitted {
			c.omitted = slices.IndexFunc(c.list, func(q calc.Problem) bool { return q.Code == calc.CodeOmitted }) + 1
		}
		if c.omitted == 0 {
			c.list = append(c.list, calc.OmittedWarnings(p.Ref, 0))
			c.omitted = len(c.list)
		}
		c.list[c.omitted-1].Omitted++
	}
}

func (c *collector) errorf(code calc.Code, col, row int, column, value, format string, args ...any) {
	c.add(calc.Problem{Code: code, Ref: c.ref(col, row), Column: column, Value: value, Msg: fmt.Sprintf(format, args...)})
}

func (c *collector) warnf(code calc.Code, col, row int, column, value, format string, args ...any) {
	c.add(calc.Problem{Code: code, Ref: c.ref(col, row), Column: column, Value: value, Msg: fmt.Sprintf(format, args...), Warning: true})
}

// addErr adds an error of the row sources. A *xlsx.FileError or a
// *csvfile.Error already says where it is, and its kind becomes the
// problem's code (their Code methods); any other error is put at the sheet
// being read.
func (c *collector) addErr(err error) {
	var fe *xlsx.FileError
	var ce *csvfile.Error
	switch {
	case errors.As(err, &fe):
		ref := calc.Ref{File: fe.File, Sheet: fe.Sheet, Col: fe.Col, Row: fe.Row}
		c.add(calc.Problem{Code: calc.Code(fe.Code()), Ref: ref, Msg: fe.Msg})
	case errors.As(err, &ce):
		c.add(calc.Problem{Code: calc.Code(ce.Code()), Ref: calc.Ref{File: ce.File, Col: ce.Col, Row: ce.Row}, Msg: ce.Msg})
	default:
		c.add(calc.Problem{Code: "unreadable", Ref: c.ref(0, 0), Msg: err.Error()})
	}
}

// take removes and returns the problem added after the first n, or nil
// when none was (the collector may be full).
func (c *collector) take(n int) *calc.Problem {
	if len(c.list) != n+1 {
		return nil
	}
	p := c.list[n]
	if p.Code == calc.CodeOmitted {
		return nil // a warning counted, not a problem of its own
	}
	c.list = c.list[:n]
	if p.Warning {
		c.warnings--
	} else {
		c.errors--
	}
	return &p
}

// full reports whether the collector has stopped taking problems.
func (c *collector) full() bool { return c.errors >= calc.MaxProblems }

// fileProblem is a problem with a whole file, such as one that is not a workbook.
func fileProblem(path string, err error) calc.Problems {
	c := &collector{file: filepath.Base(path)}
	c.addErr(err)
	return c.list
}
