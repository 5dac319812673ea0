package calc

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// bankPayout is a month of three teachers paid 929.00, 840.00 and 0.00,
// as a payout read back holds it: 合计 1769.00.
func bankPayout() *PaidPayout {
	d := decimal.RequireFromString
	pp := &PaidPayout{PaidMonth: PaidMonth{Month: rules.Month{Year: 2026, Month: 9}}}
	for i, l := range []struct{ id, name, net string }{{"T01", "王芳", "929.00"}, {"T02", "李强", "840.00"}, {"T03", "陈静", "0.00"}} {
		p := Person{ID: l.id, Name: l.name}
		pp.Lines = append(pp.Lines, Line{Person: p, Net: d(l.net)})
		pp.Teachers = append(pp.Teachers, PaidTeacher{Person: p, Net: d(l.net), Src: Ref{File: "发放表.xlsx", Sheet: "发放明细", Col: 15, Row: 3 + i}})
	}
	pp.Total.Net = d("1769.00")
	return pp
}

// staffRow is a member of the staff list at row r of 教师名单.xlsx, its
// 户名 in column C and 账号 in D.
func staffRow(r int, id, name, holder, account string) StaffMember {
	at := func(col int) Ref { return Ref{File: "教师名单.xlsx", Sheet: "名单", Col: col, Row: r} }
	return StaffMember{Person: Person{ID: id, Name: name}, AccountName: holder, Account: account,
		IDSrc: at(1), NameSrc: at(2), AccountNameSrc: at(3), AccountSrc: at(4)}
}

func TestMakeBatch(t *testing.T) {
	members := []StaffMember{
		staffRow(2, "T01", "王芳", "王芳", "6222 0212 3456 7890 123"),
		staffRow(3, "t02", "李强", "李　强", "６２１７００１２３４５６７８９０４５６"), // 工号 and digits as a bursar types them
		staffRow(4, "T03", "陈静", "", ""),                       // paid 0.00: no account needed
	}
	b, problems := MakeBatch(bankPayout(), members, "教师名单.xlsx")
	if b == nil {
		t.Fatalf("MakeBatch: %v", problems)
	}
	var got []string
	for _, p := range b.Payments {
		got = append(got, fmt.Sprintf("%s %s %s %s", p.ID, p.AccountName, p.Account, p.Amount.StringFixed(2)))
	}
	want := "T01 王芳 6222021234567890123 929.00; T02 李强 6217001234567890456 840.00"
	if strings.Join(got, "; ") != want {
		t.Errorf("payments = %q, want %q", strings.Join(got, "; "), want)
	}
	// 929.00 + 840.00 = 1769.00, the payout's 合计; 2 of 3 people, one 0.00.
	if !b.Total.Equal(decimal.RequireFromString("1769.00")) || b.WantCount != 2 || len(b.Zero) != 1 || b.Zero[0].Name != "陈静" {
		t.Errorf("total %s, want count %d, zero %v: want 1769.00, 2 and 陈静", b.Total, b.WantCount, b.Zero)
	}
}

// TestMakeBatchRefuses: each problem at its cell, with its code, and no
// account number in any message but its last four digits.
func TestMakeBatchRefuses(t *testing.T) {
	ok1 := staffRow(2, "T01", "王芳", "王芳", "6222021234567890123")
	for _, c := range []struct {
		name    string
		members []StaffMember
		want    string // code and cell
	}{
		{"not on the list", []StaffMember{ok1}, "bank-no-staff 发放表.xlsx 发放明细!O4"},
		{"no account", []StaffMember{ok1, staffRow(3, "T02", "李强", "李强", "")}, "bank-no-account 教师名单.xlsx 名单!D3"},
		{"no holder", []StaffMember{ok1, staffRow(3, "T02", "李强", "", "6217001234567890456")}, "bank-no-holder 教师名单.xlsx 名单!C3"},
		{"another holder", []StaffMember{ok1, staffRow(3, "T02", "李强", "李刚", "6217001234567890456")}, "bank-holder 教师名单.xlsx 名单!C3"},
		{"another name", []StaffMember{ok1, staffRow(3, "T02", "李刚", "李强", "6217001234567890456")}, "bank-name 教师名单.xlsx 名单!B3"},
		{"account twice", []StaffMember{ok1, staffRow(3, "T02", "李强", "李强", "6222021234567890123")}, "bank-account-twice 教师名单.xlsx 名单!D3"},
		{"letters", []StaffMember{ok1, staffRow(3, "T02", "李强", "李强", "62170012345678904O6")}, "bank-bad-account 教师名单.xlsx 名单!D3"},
		{"too short", []StaffMember{ok1, staffRow(3, "T02", "李强", "李强", "621700")}, "bank-bad-account 教师名单.xlsx 名单!D3"},
		{"scientific text", []StaffMember{ok1, staffRow(3, "T02", "李强", "李强", "6.21700123456789E+18")}, "bank-account-number 教师名单.xlsx 名单!D3"},
		{"number cell", []StaffMember{ok1, func() StaffMember {
			m := staffRow(3, "T02", "李强", "李强", "6217001234567890000")
			m.AccountNumber = "6.21700123456789E+18"
			return m
		}()}, "bank-account-number 教师名单.xlsx 名单!D3"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, problems := MakeBatch(bankPayout(), c.members, "教师名单.xlsx")
			if b != nil || len(problems) != 1 {
				t.Fatalf("MakeBatch = %v, %v; want one problem", b, problems)
			}
			p := problems[0]
			if got := string(p.Code) + " " + p.Ref.String(); got != c.want {
				t.Errorf("problem %s (%s), want %s", got, p.Error(), c.want)
			}
			for _, acct := range []string{"6222021234567890123", "6217001234567890456", "62170012345678904O6", "621700123456789"} {
				if strings.Contains(p.Error(), acct) {
					t.Errorf("the message shows an account number: %s", p.Error())
				}
			}
		})
	}
}

// TestMakeBatchCorrection: a corrected payout's batch pays the 补发 alone;
// a 扣回 is listed, never paid.
func TestMakeBatchCorrection(t *testing.T) {
	d := decimal.RequireFromString
	pp := bankPayout()
	pp.Correction = &Correction{Lines: []CorrectionLine{
		{Person: Person{ID: "T01", Name: "王芳"}, Paid: d("929.00"), Due: d("929.00"), InSigned: true, InPayout: true},
		{Person: Person{ID: "T02", Name: "李强"}, Paid: d("840.00"), Due: d("780.00"), Recover: d("60.00"), InSigned: true, InPayout: true},
		{Person: Person{ID: "T03", Name: "陈静"}, Paid: d("0.00"), Due: d("20.00"), Topup: d("20.00"), InPayout: true},
	}}
	pp.Correction.Total = CorrectionLine{Topup: d("20.00"), Recover: d("60.00")}
	b, problems := MakeBatch(pp, []StaffMember{staffRow(4, "T03", "陈静", "陈静", "6228481234567890789")}, "教师名单.xlsx")
	if b == nil {
		t.Fatal(problems)
	}
	if len(b.Payments) != 1 || !b.Payments[0].Amount.Equal(d("20.00")) || len(b.Recover) != 1 || b.Recover[0].Name != "李强" || len(b.Zero) != 1 {
		t.Errorf("payments %v, recover %v, zero %v: want 陈静 20.00 paid, 李强 to recover, 王芳 unchanged", b.Payments, b.Recover, b.Zero)
	}
}

// TestMakeBatchByName: a payout without 工号 pays by name, unless two on
// the list have it.
func TestMakeBatchByName(t *testing.T) {
	pp := bankPayout()
	for i := range pp.Lines {
		pp.Lines[i].ID, pp.Teachers[i].ID = "", ""
	}
	members := []StaffMember{staffRow(2, "T01", "王芳", "王芳", "6222021234567890123"), staffRow(3, "T02", "李强", "李强", "6217001234567890456")}
	if b, problems := MakeBatch(pp, members, "教师名单.xlsx"); b == nil || len(b.Payments) != 2 {
		t.Fatalf("by name: %v, %v", b, problems)
	}
	members = append(members, staffRow(4, "T09", "李强", "李强", "6217001234567899999"))
	_, problems := MakeBatch(pp, members, "教师名单.xlsx")
	if len(problems) != 1 || problems[0].Code != CodeBankAmbiguous {
		t.Errorf("two 李强 on the list: %v, want %s", problems, CodeBankAmbiguous)
	}
}

// TestReasons: each record of a teacher in words, as a slip says it, worked
// from the records: the count of a kind recorded more than once, the yuan
// when the payout lists them, the cap of 100%.
func TestReasons(t *testing.T) {
	d := decimal.RequireFromString
	me, other := Person{ID: "T03", Name: "陈静"}, Person{ID: "T01", Name: "王芳"}
	on := func(day int) rules.Date { return rules.MakeDate(2026, 10, day) }
	events := []PaidEvent{
		{Date: on(8), Person: me, Label: "早退", Percent: d("0.1"), HasPercent: true, Status: Deducted},
		{Date: on(9), Person: other, Label: "早退", Percent: d("0.1"), HasPercent: true, Status: Deducted},
		{Date: on(10), Person: me, Label: "请假", Percent: d("0"), HasPercent: true, Status: NoEffect, Note: "病假"},
		{Date: on(13), Person: me, Label: "早退", Percent: d("0.1"), HasPercent: true, Status: Deducted},
		{Date: on(15), Person: me, Label: "早退", Percent: d("1"), HasPercent: true, Yuan: d("100.00"), HasYuan: true, Status: Deducted},
		{Date: on(20), Person: me, Label: "重大安全事故", Percent: d("0.6"), HasPercent: true, Status: Pending},
		{Date: on(29), Person: me, Label: "奖励", Yuan: d("50.00"), HasYuan: true, Status: Rewarded, Note: "区级公开课"},
	}
	// 10% + 10% + 100% = 120%, applied 100%.
	want := []string{
		"10-08 早退（第 1 次）扣 10%",
		"10-10 请假，不扣款：病假",
		"10-13 早退（第 2 次）扣 10%",
		"10-15 早退（第 3 次）扣 100%，100.00 元",
		"10-20 重大安全事故 60%，学期结算时扣除",
		"10-29 奖励 50.00 元：区级公开课",
		"各项比例合计 120%，按最高 100% 扣除",
	}
	got := Reasons(events, me, d("1"))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Reasons =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := Reasons(events, Person{ID: "T09", Name: "周杰"}, decimal.Zero); len(got) != 0 {
		t.Errorf("a teacher without records: %q", got)
	}
}
