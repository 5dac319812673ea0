// Package sheet is kfpay's only importer of excelize: it reads input workbooks
// into calc's types, with the cell each value came from, and writes calc's
// results as workbooks. It holds no pay rule.
package sheet

// InputFile describes one input workbook as 计算说明 records it.
type InputFile struct {
	Role   string // 课时登记, 考核记录, 规则文件, …
	Name   string // base name
	Sheet  string // the sheet read
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
}
