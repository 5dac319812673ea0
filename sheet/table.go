package sheet

import (
	"errors"
	"fmt"
	"path/filepath"
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
}

// schema is the set of columns of one kind of input sheet.
type schema struct {
	role   string // 课时登记, 考核记录, …
	fields []field
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

// NormalizeName folds a person's name as typed (SPEC 2): trimmed,
// full-width letters and digits folded (NFKC), and the spaces typed inside
// a Chinese name to align it removed ("张　三" is 张三). A name without Han
// characters keeps single spaces between its words.
func NormalizeName(s string) string {
	if plainName(s) {
		return s
	}
	return foldName(s)
}

// foldName is NormalizeName the long way, for names that are not plain.
func foldName(s string) string {
	s = norm.NFKC.String(s)
	han := strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	if han {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// plainName reports whether NormalizeName leaves s as it is: s holds only
// printable ASCII other than the space and CJK unified ideographs, which
// NFKC does not change. Nearly every name, 工号 and kind label is plain;
// a session log has a million of them, and checking is a fraction of the
// cost of folding.
func plainName(s string) bool {
	for _, r := range s {
		if !(r > ' ' && r < 0x7f) && !(r >= 0x4e00 && r <= 0x9fff) {
			return false
		}
	}
	return true
}

// collector gathers the problems of one input file: up to calc.MaxProblems
// errors, where the reader stops, and as many warnings listed, the rest
// counted (calc.Capper). list is what was gathered.
type collector struct {
	file, sheet string
	list        calc.Problems
	caps        calc.Capper
	noHeader    bool // the sheet was read and has no header row of the schema
	lines       bool // text rows (openLines): a line has no columns to name
}

func (c *collector) ref(col, row int) calc.Ref {
	if c.lines {
		col = 0 // cases.toml 第 12 行, not 第 12 行 E 列: E is no column of the line
	}
	return calc.Ref{File: c.file, Sheet: c.sheet, Col: col, Row: row}
}

func (c *collector) add(p calc.Problem) {
	c.caps.Add(p)
	c.list = c.caps.Problems() // the same slice, grown
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

// full reports whether the collector has stopped taking problems.
func (c *collector) full() bool { return c.caps.Full() }

// fileProblem is a problem with a whole file, such as one that is not a workbook.
func fileProblem(path string, err error) calc.Problems {
	c := &collector{file: filepath.Base(path)}
	c.addErr(err)
	return c.list
}
