package calc

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"
)

// The bank's batch-pay file (代发, kfpay bank): the month's payout paid into
// each teacher's account, from the payout as it was signed and the staff
// list's accounts. Everything is checked before a line is written, since a
// bank pays what the file says: every teacher paid has an account, the
// account's holder (户名) is the teacher the payout names, no account is
// given twice, and the batch's count and sum are the payout's to the fen.

// Problem codes of the bank's batch.
const (
	CodeBankNoStaff    Code = "bank-no-staff"       // a teacher paid is not on the staff list
	CodeBankNoAccount  Code = "bank-no-account"     // …has no account
	CodeBankBadAccount Code = "bank-bad-account"    // an account that is not digits
	CodeBankNumber     Code = "bank-account-number" // an account stored as a number: digits lost
	CodeBankNoHolder   Code = "bank-no-holder"      // no 户名
	CodeBankHolder     Code = "bank-holder"         // 户名 is not the payout's name
	CodeBankName       Code = "bank-name"           // the staff list's 教师 is not the payout's
	CodeBankTwice      Code = "bank-account-twice"  // one account for two people
	CodeBankAmbiguous  Code = "bank-ambiguous"      // a payout name without 工号 that names two people
)

// Payment is one line of the batch: who is paid, into which account, how much.
type Payment struct {
	Person             // as the payout names them
	Dept        string // 部门 of the staff list
	AccountName string // 户名
	Account     string // 账号, digits only
	Branch      string // 开户行
	Amount      decimal.Decimal
}

// Batch is the bank's batch-pay file of one payout.
type Batch struct {
	PaidPayout *PaidPayout
	Payments   []Payment
	Total      decimal.Decimal // Σ Amount
	// Zero are the teachers of the payout paid 0.00, left out of the
	// batch: a bank line of 0.00 is refused by most banks and pays nothing.
	Zero []Person
	// Correction says the payout corrects a signed one: the batch pays the
	// 补发 of each teacher, and Recover lists the 扣回, which no batch pays.
	Correction bool
	Recover    []CorrectionLine
	// Want are the count and the sum the batch must have: the payout's 人数
	// and 实发合计 (or the 更正's 补发), less the teachers paid 0.00.
	WantCount int
	WantTotal decimal.Decimal
}

// MakeBatch makes the batch of payout pp from the staff list's members (read
// from staffFile). Every problem is reported, each at its cell: a teacher
// paid without a row on the list or without an account, a 户名 that is not
// the payout's name, an account that is not digits or was stored as a
// number, an account given to two people. The batch is nil when there is
// one.
func MakeBatch(pp *PaidPayout, members []StaffMember, staffFile string) (*Batch, Problems) {
	b := &Batch{PaidPayout: pp}
	var problems Problems

	// Whom to pay, and how much: each 实发合计, or a correction's 补发.
	type due struct {
		Person
		amount decimal.Decimal
		src    Ref
	}
	var dues []due
	src := map[string]Ref{}
	for _, t := range pp.Teachers {
		src[t.Key()] = t.Src
	}
	if c := pp.Correction; c != nil {
		b.Correction = true
		for _, l := range c.Lines {
			switch {
			case l.Topup.IsPositive():
				dues = append(dues, due{l.Person, l.Topup, src[l.Key()]})
			case l.Recover.IsPositive():
				b.Recover = append(b.Recover, l)
			default:
				b.Zero = append(b.Zero, l.Person)
			}
		}
		b.WantTotal = c.Total.Topup
	} else {
		for _, l := range pp.Lines {
			if l.Net.IsZero() {
				b.Zero = append(b.Zero, l.Person)
				continue
			}
			dues = append(dues, due{l.Person, l.Net, src[l.Key()]})
		}
		b.WantTotal = pp.Total.Net
	}
	b.WantCount = len(dues)

	// The staff list, by 工号 and by name.
	byKey := map[string]int{}
	byName := map[string][]int{}
	for i, m := range members {
		if m.ID != "" {
			byKey[IDKey(m.ID)] = i
		}
		byName[m.Name] = append(byName[m.Name], i)
	}
	staffRef := Ref{File: staffFile}
	accountAt := map[string]int{} // account → index in members of its first holder
	for i, m := range members {
		acct, _, ok := accountOf(m)
		if !ok || acct == "" {
			continue
		}
		if j, dup := accountAt[acct]; dup {
			first := members[j]
			problems = append(problems, Problem{Code: CodeBankTwice, Ref: m.AccountSrc, Column: "账号", Value: AccountTail(acct),
				Msg: fmt.Sprintf("与 %s %s（%s）的账号相同：一个账号只能属于一位教师；请核对两人的账号", first.AccountSrc.Sheet+"!"+first.AccountSrc.Cell(), first.Name, first.ID)})
			continue
		}
		accountAt[acct] = i
	}

	for _, d := range dues {
		who := d.Name
		if d.ID != "" {
			who = d.Name + "（" + d.ID + "）"
		}
		var m StaffMember
		found := false
		if d.ID != "" {
			if i, ok := byKey[IDKey(d.ID)]; ok {
				m, found = members[i], true
			}
		} else {
			switch is := byName[d.Name]; len(is) {
			case 1:
				m, found = members[is[0]], true
			case 0:
			default:
				problems = append(problems, Problem{Code: CodeBankAmbiguous, Ref: d.src, Column: "教师", Value: d.Name,
					Msg: fmt.Sprintf("发放表中没有工号，教师名单 %s 中有 %d 位 %s，不知道付给谁；请在课时登记中填写工号后重新生成发放表", staffFile, len(is), d.Name)})
				continue
			}
		}
		if !found {
			problems = append(problems, Problem{Code: CodeBankNoStaff, Ref: d.src, Column: "实发合计", Value: d.amount.StringFixed(2),
				Msg: fmt.Sprintf("%s 不在教师名单 %s 中，没有账号可以付款；请把这位教师（工号、姓名、户名、账号）加进教师名单", who, staffFile)})
			continue
		}
		if m.Name != d.Name {
			problems = append(problems, Problem{Code: CodeBankName, Ref: m.NameSrc, Column: "教师", Value: m.Name,
				Msg: fmt.Sprintf("与发放表中工号 %s 的姓名 %s 不同；请核对是否同一人", d.ID, d.Name)})
			continue
		}
		acct, accountProblem, ok := accountOf(m)
		switch {
		case !ok:
			problems = append(problems, accountProblem)
			continue
		case acct == "":
			problems = append(problems, Problem{Code: CodeBankNoAccount, Ref: m.AccountSrc.orRow(staffRef, m.NameSrc), Column: "账号",
				Msg: fmt.Sprintf("%s 本月实发 %s 元，教师名单中没有账号；请在“账号”一栏填写工资卡账号（按文本保存）", who, d.amount.StringFixed(2))})
			continue
		}
		holder := NormalizeName(m.AccountName)
		switch {
		case holder == "":
			problems = append(problems, Problem{Code: CodeBankNoHolder, Ref: m.AccountNameSrc.orRow(staffRef, m.NameSrc), Column: "户名",
				Msg: fmt.Sprintf("%s 的账号 %s 没有户名；请填写工资卡的户名（银行按户名核对收款人）", who, AccountTail(acct))})
			continue
		case holder != d.Name:
			problems = append(problems, Problem{Code: CodeBankHolder, Ref: m.AccountNameSrc, Column: "户名", Value: m.AccountName,
				Msg: fmt.Sprintf("与发放表中的姓名 %s 不同：账号 %s 的户名须是领取补助的教师本人；请核对户名或账号", d.Name, AccountTail(acct))})
			continue
		}
		b.Payments = append(b.Payments, Payment{Person: d.Person, Dept: m.Dept, AccountName: holder, Account: acct, Branch: m.Bank, Amount: d.amount})
	}
	if len(problems) > 0 {
		return nil, problems
	}
	// The batch's control totals, against the payout's (moov-io/ach's batch
	// control): a difference is kfpay's bug, and nothing is written.
	for _, p := range b.Payments {
		b.Total = b.Total.Add(p.Amount)
	}
	if len(b.Payments) != b.WantCount || !b.Total.Equal(b.WantTotal) {
		return nil, Problems{{Code: CodeInternal, Msg: fmt.Sprintf("代发文件不平衡（程序错误，请报告）：%d 笔共 %s 元，发放表为 %d 人共 %s 元",
			len(b.Payments), b.Total.StringFixed(2), b.WantCount, b.WantTotal.StringFixed(2))}}
	}
	return b, nil
}

// orRow is r, or when r names no cell the row of at in file: the staff
// list's row of a person whose column is missing.
func (r Ref) orRow(file Ref, at Ref) Ref {
	if r.Row > 0 {
		return r
	}
	if at.Row > 0 {
		at.Col = 0
		return at
	}
	return file
}

// minAccount and maxAccount bound the digits of a personal account: bank
// cards have 16 to 19, passbooks and the accounts of smaller banks fewer.
const (
	minAccount = 8
	maxAccount = 30
)

// accountOf is the account number of m as the bank is given it: its digits,
// with the spaces and dashes a card is printed with taken out and full-width
// digits read as digits. An account the list stored as a number has lost
// its digits beyond the 15th, or its leading zeros, or is shown in
// scientific notation: it is refused at its cell, as is one that is not
// digits. ok is false with the problem; an empty account is "" and ok.
func accountOf(m StaffMember) (account string, problem Problem, ok bool) {
	const retype = "请把“账号”一列设为文本格式，再照银行卡重新输入（或在数字前加英文单引号 '）"
	if raw := m.AccountNumber; raw != "" {
		d, err := decimal.NewFromString(raw)
		lost := err != nil || strings.ContainsAny(raw, "eE.") || len(d.String()) > 15
		msg := "账号存成了数字，位数已经丢失：Excel 只保存 15 位有效数字，超过的位数变成 0（或显示成 6.22E+18 这样的科学计数法）；" + retype
		if !lost {
			msg = "账号存成了数字：开头的 0 会丢失，银行的导入程序也要求账号是文本；" + retype
		}
		return "", Problem{Code: CodeBankNumber, Ref: m.AccountSrc, Column: "账号", Value: maskedNumber(raw), Msg: msg}, false
	}
	s := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\u3000' {
			return -1
		}
		return r
	}, norm.NFKC.String(strings.TrimSpace(m.Account)))
	// The apostrophe Excel takes as "keep this as text", typed into a CSV
	// file, where it stays.
	s = strings.TrimPrefix(s, "'")
	if s == "" {
		return "", Problem{}, true
	}
	if _, err := decimal.NewFromString(s); err == nil && strings.ContainsAny(s, "eE.") {
		// A number Excel showed in scientific notation, saved as text (a
		// CSV file): its digits are gone.
		return "", Problem{Code: CodeBankNumber, Ref: m.AccountSrc, Column: "账号", Value: maskedNumber(s),
			Msg: "账号是科学计数法写的数字，位数已经丢失（Excel 把超过 15 位的数字显示成 6.22E+18）；" + retype}, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", Problem{Code: CodeBankBadAccount, Ref: m.AccountSrc, Column: "账号", Value: MaskAccounts(m.Account),
				Msg: "账号只能是数字；请照银行卡或存折填写（不要写字母、小数点或 E+ 这样的科学计数法）"}, false
		}
	}
	if n := len(s); n < minAccount || n > maxAccount {
		return "", Problem{Code: CodeBankBadAccount, Ref: m.AccountSrc, Column: "账号", Value: AccountTail(s),
			Msg: fmt.Sprintf("账号有 %d 位，银行卡一般是 16 到 19 位；请照银行卡或存折核对", n)}, false
	}
	return s, Problem{}, true
}

// maskedNumber is the raw value of an account stored as a number, as a
// message may show it: never its digits but the last four; in scientific
// notation, its exponent, which says what went wrong.
func maskedNumber(raw string) string {
	if i := strings.IndexAny(raw, "eE"); i >= 0 {
		return "科学计数法 …" + strings.ToUpper(raw[i:])
	}
	return AccountTail(raw)
}
