// Package sheet is kfpay's workbooks: it reads the input workbooks (session
// log, grid, summary, records, roster, expenses, payout read-back) into
// calc's types, with the cell each value came from, and lays out calc's
// results as the output workbooks (payout, correction, settlement,
// templates). It holds no pay rule.
//
// Its rooms, each with one job; imports only go down, and nothing here
// imports cmd:
//
//	sheet/                  the input schemas and the output layouts
//	sheet/internal/xlsx     the streaming XLSX decoder every reader goes through;
//	                        standard library only, no kfpay import; it names
//	                        the office formats kfpay does not read
//	sheet/internal/csvfile  the same rows from a CSV file: encoding and
//	                        separator detected, every field text (source.go
//	                        puts both behind one interface for the schemas);
//	                        standard library and golang.org/x/text only
//	sheet/internal/render   styles, grids, page setup, atomic save: the only
//	                        excelize writer
//	sheet/internal/cellnum  a number cell's stored text as an exact decimal
//	sheet/inspect           dump and diff: workbooks as text, for people and goldens
//	sheet/synth             the synthetic workbooks of kfpay gen
//	sheet/sheettest         workbooks described in text, for tests
//
// A new input schema or output sheet goes here; a new tool over workbooks
// gets a room beside inspect.
package sheet

// InputFile describes one input workbook as 计算说明 records it.
type InputFile struct {
	Role   string // 课时登记, 考核记录, 规则文件, …
	Name   string // base name
	Sheet  string // the sheet read; "" for a CSV file, which has none
	Layout string // 逐条登记 / 按日考勤表 / 月度汇总 (session log only)
	SHA256 string // hex
	Rows   int    // data rows read below the header
	Used   int    // rows that became entries or records
	Empty  int    // fully empty rows skipped
	// Other counts the rows read that hold no entry by design: a grid's row
	// of weekdays under the days, a 合计 row (checked against the rows above
	// it), the signature lines below it, a person's row with nothing to
	// count. Rows = Used + Empty + Other once a sheet reads without a
	// problem: every row is used or accounted for (issue 6).
	Other int
	// ChosenBy says why Sheet was read when no --sheet named it and the
	// workbook has several visible sheets: 按 --month 2026-10 选用. Empty
	// when the sheet was named or is the only visible one.
	ChosenBy string
	// Edited says, for a payout read back with --accept-edited, that its
	// figures no longer match its seal and where they first differ, for
	// the output that used it to record.
	Edited string
	// Encoding is a CSV file's text encoding as detected (UTF-8, GBK,
	// GB18030, UTF-16), "" for a workbook; Delimiter its separator when it
	// is not the comma (制表符, 分号).
	Encoding  string
	Delimiter string
}

// Table reports whether in is a sheet or a CSV file that was opened and
// read, rather than the rules file or an input that could not be opened.
func (in InputFile) Table() bool { return in.Sheet != "" || in.Encoding != "" }

// Source says what of the file was read, for the bursar: 工作表 9月, or for a
// CSV file its encoding, reported once here rather than at every cell: CSV
// 文件，按 GBK 读取.
func (in InputFile) Source() string {
	switch {
	case in.Encoding == "":
		return "工作表 " + in.Sheet
	case in.Delimiter != "":
		return in.Delimiter + "分隔的文本文件，按 " + in.Encoding + " 读取"
	}
	return "CSV 文件，按 " + in.Encoding + " 读取"
}

// RowPerEntry reports whether each data row of the input is one entry: any
// input but a session log kept as a daily grid or a monthly summary, whose
// rows each hold a person's counts of several days or kinds.
func (in InputFile) RowPerEntry() bool { return in.Layout != layoutGrid && in.Layout != layoutSummary }
