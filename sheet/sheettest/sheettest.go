// Package sheettest builds real .xlsx workbooks from a readable text
// description, so that tests and testscript scripts can make every input a
// kfpay reader must handle: a title merged above the header, hidden sheets and
// rows, blank rows, numbers stored as text, percent and date cells, formulas
// with and without a cached value, shared and inline strings, the 1904 date
// system.
//
// # Lines
//
// A description is UTF-8 text. A line that starts with "# " (a hash and a
// space) is a directive; every other line is a row. Rows fill the current
// sheet from row 1 down, one line per row, and every row line moves the row
// number on by one, an empty line included: an empty line is an empty row,
// nothing is written. A final newline does not make a row. A first cell that
// is text starting with "# " is written '# in a TAB row.
//
// A row line whose first character is "|" has its cells separated by "|": the
// closing "|" at the end is optional, and spaces and tabs around each cell are
// trimmed. Any other row line has its cells separated by TAB and taken as they
// are, spaces included. So these two lines make the same row:
//
//	| 日期 | 教师 | 节数 |
//	日期<TAB>教师<TAB>节数
//
// A cell that starts with a double quote runs to its closing quote, whatever
// separators it holds; in a formula a "|" or TAB inside a quoted string does not
// end the cell either. Full-width spaces (U+3000) are never trimmed: they are data.
//
// # Directives
//
//	# sheet NAME   Start a new sheet named NAME. Rows and sheet directives
//	               before the first "# sheet" go to a sheet named Sheet1, so
//	               a "# sheet" on the first line names the first sheet.
//	# hidden       Hide the current sheet (state="hidden").
//	# veryhidden   Hide it so that only a program can show it again
//	               (state="veryHidden"). The first sheet left visible is the
//	               active one; at least one must be left.
//	# inline       Write the text cells of the current sheet as inline strings
//	               (t="inlineStr"), as streaming writers such as excelize's
//	               StreamWriter do. Without it text goes to the shared string
//	               table (t="s"), as Excel and SetCellValue do.
//	# title TEXT   A title row: TEXT in column A of the current row, merged
//	               across to the last column of the next row that has cells
//	               (the header, as in "2026年9月课后服务登记表").
//	# row N        The next row is row N, leaving rows empty; N may not go back.
//	# merge A3:A4  Merge the range on the current sheet, as a daily grid merges
//	               one person's name across their kind rows. Only the top-left
//	               cell keeps its value, as in Excel: leave the others empty.
//	               Merges may not overlap each other or a title.
//	# hiddenrow    Hide the next row: a row line, an empty line or a title.
//	# redrow       Fill the cells of the next row red (FF0000, solid), as a
//	               bursar marks a row cancelled without deleting it.
//	# date1904     Use the 1904 date system. It applies to the whole workbook,
//	               every date cell included, wherever the line is.
//
// An unknown directive is an error.
//
// # Cells
//
//	(empty)           No cell.
//	20  2.5  -1  1e3  A number (-?digits[.digits][e±digits]) whose stored value
//	                  is exactly the text typed, never passed through a float:
//	                  1e3 is stored as "1e3", 007 as "007" (write '007 for text).
//	'text             Text, everything after the quote mark as is: '2 is the
//	                  text "2", '２ the full-width text "２", ' alone the empty
//	                  text.
//	"text"            Text written as a Go string literal, for text holding a
//	                  separator, spaces to keep at either end, or escapes:
//	                  "a|b", " 2 ", "张\u3000三", "两\n行".
//	30%  12.5%        A percent: the number 0.3 formatted 0%, 0.125 formatted
//	                  0.0%, one 0 per decimal typed (12.50% is 0.125 as 0.00%).
//	@2026-09-01       A date: its serial number formatted yyyy-mm-dd. 2026-09-01
//	                  is 46266, or 44804 in the 1904 system. Dates before
//	                  1900-03-01 are not supported.
//	@2026-09-01:FMT   The same with the number format FMT, for example
//	                  @2026-09-01:yyyy"年"m"月"d"日".
//	~money 1234.5     The number 1234.5 formatted #,##0.00.
//	~fmt 000 1        The number 1 with the number format 000 (shown 001);
//	                  the format code may not hold a space.
//	~strike 3 2       Rich text "32" whose first run "3" is struck through and
//	                  second "2" is not, as a bursar leaves a cell after
//	                  striking part of it; ~strike 李强 strikes all of it.
//	                  Runs hold no spaces. Not in an # inline sheet.
//	#bool TRUE        A boolean cell, TRUE or FALSE.
//	=FORMULA          A formula with no cached value, as programs that do not
//	                  calculate (excelize, openpyxl) save it: =SUM(D2:D9).
//	=FORMULA=>VALUE   A formula with a cached value, as Excel saves it: VALUE is
//	                  a number (=SUM(D2:D9)=>12) or a quoted text
//	                  (=B2&"老师"=>"张三老师"). The formula ends at the first
//	                  "=>" outside quotes.
//	anything else     Text: 张三, 2026-09-01, ２, +5, 1,234, 30 %.
//
// A cell that starts with ', ", =, @, "~money ", "~fmt ", "~strike " or "#bool " but is malformed
// after it is an error, not text; write '@ for a text starting with @.
//
// Number formats take the built-in id Excel uses where one exists (0% is 9,
// 0.00% is 10, #,##0.00 is 4) and a custom format otherwise, so a reader
// meets what Excel writes. Each sheet's <dimension> is its used range, as
// Excel writes it. Column widths, fonts and fills are not described, but
// for # redrow and ~strike. The same
// description gives the same bytes.
//
// # Example
//
// A session log kept by a bursar, behind a hidden sheet, with a title, a blank
// row inside the data, a count typed as text and a total computed by Excel
// (whose SUM skips the text, hence 3):
//
//	# sheet 说明
//	# hidden
//	| 本表由教务处填写 |
//	# sheet 9月
//	# title 2026年9月课后服务登记表
//	| 日期        | 教师    | 类型     | 节数 | 备注 |
//	| @2026-09-01 | 张三    | 上课     | 2    |      |
//	| @2026-09-01 | "李 四" | 安全管理 | '１  | 补登 |
//
//	| @2026-09-02 | 张三    | 上课     | 1    |      |
//	|             | 合计    |          | =SUM(D3:D6)=>3 | |
//
// Errors name the line of the description: "line 7: ...".
//
// # In testscript scripts
//
// A script builds its inputs with a command that calls BuildFile, registered
// in testscript.Params.Cmds, so that a bursar's session reads
// "mkxlsx 课时登记.xlsx log.txt" with log.txt a file of the txtar archive:
//
//	"mkxlsx": func(ts *testscript.TestScript, neg bool, args []string) {
//		if len(args) != 2 {
//			ts.Fatalf("usage: mkxlsx book.xlsx description")
//		}
//		err := sheettest.BuildFile(ts.MkAbs(args[0]), ts.MkAbs(args[1]))
//		if neg && err == nil {
//			ts.Fatalf("mkxlsx succeeded unexpectedly")
//		}
//		if !neg {
//			ts.Check(err)
//		}
//	},
package sheettest

import (
	"archive/zip"
	"fmt"
	"io"
	"os"

	"github.com/xuri/excelize/v2"
)

// Build writes the workbook described by src to path.
func Build(path string, src []byte) error {
	b, err := parse(src)
	if err != nil {
		return err
	}
	data, err := b.write()
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// BuildFile writes the workbook described in the file descPath to path.
func BuildFile(path, descPath string) error {
	src, err := os.ReadFile(descPath)
	if err != nil {
		return err
	}
	if err := Build(path, src); err != nil {
		return fmt.Errorf("%s: %w", descPath, err)
	}
	return nil
}

// Cells returns the raw values of the named sheet of the workbook at path, row
// by row, as excelize's Rows and Columns read them with RawCellValue: numbers
// and dates as stored ("0.3", "46266"), formulas as their cached value ("" for
// none), an empty row as a nil slice. Like excelize, it drops empty values at
// the end of a row.
func Cells(path, sheet string) ([][]string, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, err
		}
		out = append(out, cols)
	}
	if err := rows.Error(); err != nil {
		return nil, err
	}
	return out, nil
}

// Part returns one part of the zip package at path, such as
// "xl/worksheets/sheet1.xml", for tests that check the XML itself.
func Part(path, name string) (string, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return "", err
	}
	defer zr.Close()
	r, err := zr.Open(name)
	if err != nil {
		return "", err
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	return string(b), err
}
