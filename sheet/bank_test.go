package sheet

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"kfpay/calc"
	"kfpay/rules"
)

// TestWriteBankCells: an account number of 19 digits is a text cell in a
// column formatted as text, whatever program opens the file next; an amount
// is a number formatted 0.00 (1234.50, no separator), or the text 1234.50
// when the bank's layout says so.
func TestWriteBankCells(t *testing.T) {
	d := decimal.RequireFromString
	pp := &calc.PaidPayout{PaidMonth: calc.PaidMonth{Month: rules.Month{Year: 2026, Month: 9}}}
	b := &calc.Batch{PaidPayout: pp, Total: d("1234.50"), Payments: []calc.Payment{
		{Person: calc.Person{ID: "T01", Name: "王芳"}, AccountName: "王芳", Account: "6222021234567890123", Amount: d("1234.50")},
	}}
	for _, c := range []struct {
		amount         rules.BankAmount
		wantType       excelize.CellType
		wantFmt        int
		wantAmountText string
	}{
		{rules.AmountNumber, excelize.CellTypeNumber, 2, "1234.50"},
		{rules.AmountText, excelize.CellTypeSharedString, 49, "1234.50"},
	} {
		t.Run(string(c.amount), func(t *testing.T) {
			layout := rules.GenericBank()
			layout.Amount = c.amount
			path := filepath.Join(t.TempDir(), "代发.xlsx")
			if _, err := WriteBank(context.Background(), path, b, layout, false); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenFile(path, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			// Row 2: 1, 王芳, the account, the amount, the note.
			check := func(cell string, wantType excelize.CellType, wantFmt int, want string) {
				t.Helper()
				typ, _ := f.GetCellType(layout.Sheet, cell)
				switch typ {
				case excelize.CellTypeInlineString:
					typ = excelize.CellTypeSharedString // a streamed text cell: text all the same
				case excelize.CellTypeUnset:
					typ = excelize.CellTypeNumber // no t attribute: a number
				}
				v, _ := f.GetCellValue(layout.Sheet, cell)
				id, _ := f.GetCellStyle(layout.Sheet, cell)
				st, _ := f.GetStyle(id)
				if typ != wantType || st.NumFmt != wantFmt || v != want {
					t.Errorf("%s: type %v, format %d, value %q; want %v, %d, %q", cell, typ, st.NumFmt, v, wantType, wantFmt, want)
				}
			}
			check("C2", excelize.CellTypeSharedString, 49, "6222021234567890123")
			if c.amount == rules.AmountNumber {
				check("D2", c.wantType, c.wantFmt, "1234.5")
			} else {
				check("D2", c.wantType, c.wantFmt, c.wantAmountText)
			}
			// The account's column is text for what is typed into it later.
			if id, _ := f.GetColStyle(layout.Sheet, "C"); id == 0 {
				t.Error("the account column has no style: a number typed there would be a number")
			} else if st, _ := f.GetStyle(id); st.NumFmt != 49 {
				t.Errorf("the account column's format is %d, want 49 (@, text)", st.NumFmt)
			}
			if names := f.GetSheetList(); len(names) != 1 || names[0] != "代发明细" {
				t.Errorf("sheets %q, want the one sheet 代发明细: a bank's import reads every row", names)
			}
		})
	}
}

// TestReadPayoutDetail reads the worked example's payout back whole: every
// figure of each row, the 合计, each record, as the writer wrote them.
func TestReadPayoutDetail(t *testing.T) {
	p := workedExample()
	path := writeWorked(t, p)
	pp, info, problems := ReadPayoutDetail(context.Background(), path)
	wantProblems(t, problems)
	if info.Role != "发放表" || len(info.SHA256) != 64 {
		t.Errorf("info %+v", info)
	}
	if pp.School != p.Rules.School || pp.Month != p.Month || len(pp.Lines) != len(p.Lines) || pp.Correction != nil {
		t.Fatalf("school %q, month %s, %d lines, correction %v", pp.School, pp.Month, len(pp.Lines), pp.Correction)
	}
	same := func(a, b calc.Line) bool {
		for _, f := range [][2]decimal.Decimal{{a.Lessons, b.Lessons}, {a.LessonPay, b.LessonPay}, {a.Breaks, b.Breaks}, {a.SafetyPay, b.SafetyPay},
			{a.Shifts, b.Shifts}, {a.AdminHours, b.AdminHours}, {a.AdminPay, b.AdminPay}, {a.Fee, b.Fee}, {a.Deduction, b.Deduction},
			{a.Reward, b.Reward}, {a.Net, b.Net}} {
			if !f[0].Equal(f[1]) {
				return false
			}
		}
		return a.ID == b.ID && a.Name == b.Name
	}
	for i, l := range p.Lines {
		if !same(pp.Lines[i], l) || !pp.Lines[i].Percent.Equal(l.Percent) {
			t.Errorf("line %d = %+v, want %+v", i, pp.Lines[i], l)
		}
	}
	total := p.Total
	total.ID, total.Name = "", ""
	if !same(pp.Total, total) {
		t.Errorf("total = %+v, want %+v", pp.Total, total)
	}
	if len(pp.Events) != len(p.Events) {
		t.Fatalf("%d events, want %d", len(pp.Events), len(p.Events))
	}
	for i, e := range p.Events {
		got := pp.Events[i]
		if got.Date != e.Date || got.Person.Key() != e.Person.Key() || got.Label != e.Label || got.Status != e.Status || got.Note != e.Note {
			t.Errorf("event %d = %+v, want %+v", i, got, e)
		}
		if e.Event.Reward && (!got.HasYuan || !got.Yuan.Equal(e.Amount)) {
			t.Errorf("reward %d: yuan %s, want %s", i, got.Yuan, e.Amount)
		}
	}
}
