package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestBankCommentedIsGeneric: the [bank] block init writes, commented, is
// the built-in layout; taking the #s away changes nothing.
func TestBankCommentedIsGeneric(t *testing.T) {
	var lines []string
	in := false
	for _, line := range strings.Split(string(DefaultFile()), "\n") {
		switch {
		case strings.HasPrefix(line, "# [bank]"):
			in = true
		case in && !strings.HasPrefix(line, "# "):
			in = false
		}
		if in {
			line = strings.TrimPrefix(line, "# ")
		}
		lines = append(lines, line)
	}
	r, err := Parse("rules.toml", []byte(strings.Join(lines, "\n")))
	if err != nil {
		t.Fatalf("the file with [bank] uncommented: %v", err)
	}
	if diff := cmp.Diff(GenericBank(), r.Bank); diff != "" {
		t.Errorf("[bank] as init writes it differs from the built-in layout (-want +got):\n%s", diff)
	}
	if got := r.Bank.NoteOf(Month{2026, time.September}); got != "2026年9月课后服务补助" {
		t.Errorf("NoteOf = %q", got)
	}
}

// TestBankLayout: a bank's own template, with its headers, a constant
// column, a text amount and a 合计 row.
func TestBankLayout(t *testing.T) {
	r, err := Parse("rules.toml", []byte(`
[bank]
sheet = "Sheet1"
columns = ["序号", "收款人账号=账号", "收款人姓名=户名", "金额", "币种=固定:人民币", "用途=备注"]
amount = "text"
total_row = true
note = "课后服务费"
`))
	if err != nil {
		t.Fatal(err)
	}
	want := Bank{Sheet: "Sheet1", Header: true, Amount: AmountText, Total: true, Note: "课后服务费",
		Columns: []BankColumn{{"序号", BankSeq, ""}, {"收款人账号", BankAccount, ""}, {"收款人姓名", BankAccountName, ""},
			{"金额", BankAmountField, ""}, {"币种", "", "人民币"}, {"用途", BankNote, ""}}}
	if diff := cmp.Diff(want, r.Bank); diff != "" {
		t.Errorf("[bank] (-want +got):\n%s", diff)
	}
	// The layout is the same in every version: a change does not carry it.
	if got := r.At(Month{2027, time.January}).Bank; got.Sheet != "Sheet1" {
		t.Errorf("the version of January has sheet %q", got.Sheet)
	}
}

// TestBankErrors: each mistake in [bank] at its line.
func TestBankErrors(t *testing.T) {
	for _, c := range []struct{ name, file, want string }{
		{"no account", "[bank]\ncolumns = [\"户名\", \"金额\"]\n", "rules.toml 第 2 行：[bank] columns 中没有“账号”"},
		{"unknown field", "[bank]\ncolumns = [\"户名\", \"账号\", \"金额\", \"身份证号\"]\n", "“身份证号”不是 kfpay 认识的列"},
		{"field twice", "[bank]\ncolumns = [\"账号\", \"卡号=账号\", \"金额\"]\n", "“账号”已在第 1 项"},
		{"header twice", "[bank]\ncolumns = [\"账号\", \"金额\", \"账号=固定:1\"]\n", "表头“账号”与第 1 项重复"},
		{"amount", "[bank]\namount = \"0.00\"\n", `[bank] amount = "0.00" 不认识`},
		{"total without amount", "[bank]\ncolumns = [\"户名\", \"账号\"]\ntotal_row = true\n", "没有“金额”"},
		{"sheet name", "[bank]\nsheet = \"代发/9月\"\n", "含有工作表名称不能有的字符"},
		{"unknown key", "[bank]\nformat = \"csv\"\n", "是未知的设置项，[bank] 下只认"},
		{"in a change", "[[change]]\nfrom = 2026-11-01\napproved = \"决议\"\nbank.sheet = \"Sheet1\"\n", "代发文件格式 [bank] 不随日期变更"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("rules.toml", []byte(c.file))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Parse = %v, want an error saying %q", err, c.want)
			}
		})
	}
}
