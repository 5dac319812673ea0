package rules

import (
	"fmt"
	"slices"
	"strings"
)

// Bank is the layout of the batch-pay file a school hands its bank to pay
// the month's payout into the teachers' accounts (代发, kfpay bank). Banks
// differ in the columns they want, their headers and order, how an amount
// is written and whether a 合计 row may follow the rows; each publishes a
// template, and [bank] in the rules file says it as data. It is no pay
// rule: nothing it says changes a figure, and a [[change]] may not set it
// (the bank's format is the one it wants today, whatever month is paid).
type Bank struct {
	Sheet   string       // the sheet's name
	Columns []BankColumn // in the bank's order
	Amount  BankAmount   // how an amount cell is written
	Header  bool         // a header row above the rows
	Total   bool         // a 合计 row below the rows
	Note    string       // the text of a 备注 column; {月份} is the month paid, 2026年9月
}

// BankColumn is one column of the batch-pay file: the bank's header and
// what goes under it, a field of the payment or, when Field is empty, the
// same Text on every row (a bank's 币种 人民币, a 跨行标识 0).
type BankColumn struct {
	Header string
	Field  BankField
	Text   string
}

// BankField is a value of one payment.
type BankField string

// The fields a batch-pay file may hold.
const (
	BankSeq         BankField = "序号"
	BankID          BankField = "工号"
	BankTeacher     BankField = "教师"
	BankAccountName BankField = "户名"
	BankAccount     BankField = "账号"
	BankBranch      BankField = "开户行"
	BankAmountField BankField = "金额"
	BankNote        BankField = "备注"
)

// bankFields lists the fields, for messages and checks.
var bankFields = []BankField{BankSeq, BankID, BankTeacher, BankAccountName, BankAccount, BankBranch, BankAmountField, BankNote}

// BankAmount says how an amount cell is written.
type BankAmount string

const (
	// AmountNumber is a number cell with the format 0.00: 1234.5 shows
	// as 1234.50, no thousands separator.
	AmountNumber BankAmount = "number"
	// AmountText is the text "1234.50", for banks whose import reads the
	// cell's text.
	AmountText BankAmount = "text"
)

// bankConstant starts the right side of a column that is the same text on
// every row: "币种=固定:人民币".
const bankConstant = "固定:"

// monthPlaceholder in Note is replaced by the month paid.
const monthPlaceholder = "{月份}"

// GenericBank is the built-in layout, the columns every bank's template
// has: 序号, 户名, 账号, 金额, 备注, a number amount, no 合计 row.
func GenericBank() Bank {
	return Bank{
		Sheet:  "代发明细",
		Header: true,
		Amount: AmountNumber,
		Note:   monthPlaceholder + "课后服务补助",
		Columns: []BankColumn{
			{Header: "序号", Field: BankSeq},
			{Header: "户名", Field: BankAccountName},
			{Header: "账号", Field: BankAccount},
			{Header: "金额", Field: BankAmountField},
			{Header: "备注", Field: BankNote},
		},
	}
}

// NoteOf is the 备注 of a payment of month m.
func (b Bank) NoteOf(m Month) string {
	return strings.ReplaceAll(b.Note, monthPlaceholder, m.Chinese())
}

// Has reports whether the layout has a column of field f.
func (b Bank) Has(f BankField) bool {
	return slices.ContainsFunc(b.Columns, func(c BankColumn) bool { return c.Field == f })
}

// maxBankText caps a header, a constant, the note and the sheet's name.
const maxBankText = 40

// bank reads the [bank] table into b, over the built-in layout: a key left
// out keeps the generic layout's value.
func (p *parser) bank(at keyPath, t map[string]any, b *Bank) {
	for _, name := range sortedKeys(t) {
		v, k := t[name], at.with(name)
		if !p.known("bank", k) {
			continue
		}
		switch name {
		case "sheet":
			var s string
			if p.setString(k, v, &s) && p.short(k, s, 31) {
				// Excel's own rules for a sheet's name.
				switch {
				case s == "":
					p.fail(k, "是空的：写上银行模板的工作表名称，如 \"Sheet1\"")
				case strings.ContainsAny(s, `:\/?*[]`):
					p.fail(k, "= %s 含有工作表名称不能有的字符（: \\ / ? * [ ]）", show(v))
				default:
					b.Sheet = s
				}
			}
		case "columns":
			p.bankColumns(k, v, b)
		case "amount":
			var s string
			if !p.setString(k, v, &s) {
				continue
			}
			switch a := BankAmount(s); a {
			case AmountNumber, AmountText:
				b.Amount = a
			default:
				p.fail(k, `= %s 不认识，只能写 "number"（数字单元格，显示为 1234.50）或 "text"（文字 "1234.50"）`, show(v))
			}
		case "header", "total_row":
			on, isBool := v.(bool)
			if !isBool {
				p.fail(k, "= %s 应写 true 或 false，不加引号", show(v))
				continue
			}
			if name == "header" {
				b.Header = on
			} else {
				b.Total = on
			}
		case "note":
			p.setText(k, v, &b.Note, maxBankText)
		}
	}
	if b.Total && !b.Has(BankAmountField) {
		p.fail(at.with("total_row"), "= true 但 columns 中没有“金额”：合计行合计的是金额")
	}
}

// bankColumns reads columns: a list of the bank's headers in its order,
// each the name of a field ("户名"), the bank's header for a field
// ("收款人姓名=户名") or a text the same on every row ("币种=固定:人民币").
func (p *parser) bankColumns(k keyPath, v any, b *Bank) {
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		p.fail(k, `应是列的列表，如 ["序号", "户名", "账号", "金额", "备注"]；现在写成了%s`, kindOf(v))
		return
	}
	var cols []BankColumn
	seenHeader := map[string]int{}
	seenField := map[BankField]int{}
	good := true
	for j, e := range list {
		ek := k.with(elem(j))
		s, isStr := e.(string)
		s = strings.TrimSpace(s)
		if !isStr || s == "" {
			p.fail(ek, `应是加引号的列名，如 "户名" 或 "收款人姓名=户名"`)
			good = false
			continue
		}
		header, right, renamed := strings.Cut(s, "=")
		header, right = strings.TrimSpace(header), strings.TrimSpace(right)
		if !renamed {
			right = header
		}
		c := BankColumn{Header: header}
		switch {
		case header == "":
			p.fail(ek, "= %s 没有表头：等号前写银行模板的表头，如 \"收款人姓名=户名\"", show(e))
			good = false
			continue
		case !p.short(ek, header, maxBankText):
			good = false
			continue
		case strings.HasPrefix(right, bankConstant) || strings.HasPrefix(right, "固定："):
			c.Text = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(right, bankConstant), "固定："))
			if !p.short(ek, c.Text, maxBankText) {
				good = false
				continue
			}
		case slices.Contains(bankFields, BankField(right)):
			c.Field = BankField(right)
			if i, dup := seenField[c.Field]; dup {
				p.fail(ek, "= %s：“%s”已在第 %d 项，一列只能出现一次", show(e), right, i+1)
				good = false
				continue
			}
			seenField[c.Field] = j
		default:
			names := make([]string, len(bankFields))
			for i, f := range bankFields {
				names[i] = string(f)
			}
			p.fail(ek, "= %s：“%s”不是 kfpay 认识的列；可写 %s，或 \"表头=%s文字\"（每行相同的文字）", show(e), right, strings.Join(names, "、"), bankConstant)
			good = false
			continue
		}
		if i, dup := seenHeader[header]; dup {
			p.fail(ek, "= %s：表头“%s”与第 %d 项重复", show(e), header, i+1)
			good = false
			continue
		}
		seenHeader[header] = j
		cols = append(cols, c)
	}
	if !good {
		return
	}
	// A batch pays an amount into an account: without either it pays nothing.
	for _, need := range []BankField{BankAccount, BankAmountField} {
		if _, ok := seenField[need]; !ok {
			p.fail(k, "中没有“%s”：代发文件至少要有账号和金额两列", need)
			good = false
		}
	}
	if good {
		b.Columns = cols
	}
}

// BankText describes the layout in words, for the summary of kfpay bank.
func (b Bank) BankText() string {
	var cols []string
	for _, c := range b.Columns {
		switch {
		case c.Field == "":
			cols = append(cols, c.Header+"（固定为“"+c.Text+"”）")
		case string(c.Field) != c.Header:
			cols = append(cols, fmt.Sprintf("%s（%s）", c.Header, c.Field))
		default:
			cols = append(cols, c.Header)
		}
	}
	amount := "数字，格式 0.00"
	if b.Amount == AmountText {
		amount = "文字，如 1234.50"
	}
	total := "无合计行"
	if b.Total {
		total = "末行合计"
	}
	return fmt.Sprintf("工作表 %s；列 %s；金额为%s；%s", b.Sheet, strings.Join(cols, "、"), amount, total)
}
