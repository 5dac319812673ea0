package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/sheettest"
)

// wantProblems checks that problems are exactly the errors want, each given
// as a part of its message (cell, column, value and sentence).
// wantProblems checks the errors among problems, in order, each written as
// its code, where it is and the value it quotes: not-date 学生名单.xlsx
// Sheet1!D2 "9月1日".
func wantProblems(t *testing.T, problems calc.Problems, want ...string) {
	t.Helper()
	var got []string
	for _, p := range problems.Errors() {
		s := string(p.Code) + " " + p.Ref.String()
		if p.Value != "" {
			s += fmt.Sprintf(" %q", p.Value)
		}
		got = append(got, s)
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems = %v\nas %q,\nwant %q", problems, got, want)
	}
}

func TestReadRoster(t *testing.T) {
	path := build(t, "学生名单.xlsx", `# sheet 名单
# title 2026年秋季学期课后服务学生名单
| 班级     | 学号      | 姓名      | 开始日期    | 退出日期      | 减免 | 已缴   | 家长电话 |
| 一（1）班 | 2026001   | 王　小明  |             |               |      |        | 138      |
| 一(1)班  | 2026002   | 欧阳小明  | @2026-09-14 |               | 300  |        |          |
| 二(1)班  | '2026003  | 李四      |             | 2026年10月9日 | 50%  | 600.00 |          |
| 二(1)班  | 2026004   | 张三      |             |               | '50% | '３００ |          |

| 二(1)班  | 2026005   | 赵六      | 2026/9/1    |               | '300 |        |          |
`)
	pupils, info, problems := ReadRoster(context.Background(), path, "")
	wantProblems(t, problems)
	if info.Used != 5 || info.Empty != 1 || info.Sheet != "名单" {
		t.Errorf("info = %+v, want 5 used, 1 empty, sheet 名单", info)
	}
	type got struct {
		id, name, class, start, end, waiver, paid string
	}
	var rows []got
	for _, p := range pupils {
		g := got{p.ID, p.Name, p.Class, "", "", "", ""}
		if !p.Start.IsZero() {
			g.start = p.Start.String()
		}
		if !p.End.IsZero() {
			g.end = p.End.String()
		}
		if p.Waiver.IsPercent || !p.Waiver.Amount.IsZero() {
			g.waiver = p.Waiver.String()
		}
		if p.HasPaid {
			g.paid = p.Paid.String()
		}
		rows = append(rows, g)
	}
	want := []got{
		// Full-width brackets fold (NFKC) so that 一（1）班 and 一(1)班 are one class.
		{"2026001", "王小明", "一(1)班", "", "", "", ""},
		{"2026002", "欧阳小明", "一(1)班", "2026-09-14", "", "300", ""},
		{"2026003", "李四", "二(1)班", "", "2026-10-09", "50%", "600"},
		{"2026004", "张三", "二(1)班", "", "", "50%", "300"},
		{"2026005", "赵六", "二(1)班", "2026-09-01", "", "300", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("ReadRoster = %+v, want %+v", rows, want)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("pupil %d = %+v, want %+v", i, rows[i], want[i])
		}
	}
	if p := pupils[1]; p.Src.String() != "学生名单.xlsx 名单!B4" || p.WaiverSrc.Cell() != "F4" {
		t.Errorf("pupil 2 refs %s %s, want 学生名单.xlsx 名单!B4 and F4", p.Src, p.WaiverSrc.Cell())
	}
}

func TestReadRosterProblems(t *testing.T) {
	path := build(t, "学生名单.xlsx", `| 学号 | 姓名 | 班级 | 开始日期 | 减免 | 已缴 |
| 1 | 甲 | 一 | 9月1日 |  |  |
| 2 |    | 一 |  | 三百 |  |
| 3 | 丙 | 一 |  | 30 | -5 |
| 4 | 丁 | 一 |  | 12.345 | 1.001 |
`)
	_, _, problems := ReadRoster(context.Background(), path, "")
	wantProblems(t, problems,
		`not-date 学生名单.xlsx Sheet1!D2 "9月1日"`,
		`missing 学生名单.xlsx Sheet1!B3`,
		`not-number 学生名单.xlsx Sheet1!E3 "三百"`,
		`not-money 学生名单.xlsx Sheet1!F4 "-5"`,
		`not-money 学生名单.xlsx Sheet1!E5 "12.345"`,
		`not-money 学生名单.xlsx Sheet1!F5 "1.001"`,
	)
}

func TestReadRosterEmpty(t *testing.T) {
	_, _, problems := ReadRoster(context.Background(), build(t, "学生名单.xlsx", "| 学号 | 姓名 | 班级 |\n"), "")
	wantProblems(t, problems, "no-pupils 学生名单.xlsx Sheet1")
}

func TestReadExpenses(t *testing.T) {
	path := build(t, "支出明细.xlsx", `# sheet 支出
| 日期 | 类别 | 金额 | 摘要 |
| @2026-09-05 | 设备耗材 | ~money 1234.5 | 体育器材 |
| 2026-10-12 | 集体培训 | '８０ | |
| 2026-10-13 | 管理　运行 | 0.1 | |
| 2026-10-14 | 其他 | 十元 | |
| 2026-10-15 |  | 10 | |
`)
	lines, info, problems := ReadExpenses(context.Background(), path, "")
	wantProblems(t, problems, `not-number 支出明细.xlsx 支出!C5 "十元"`, `missing 支出明细.xlsx 支出!B6`)
	if len(lines) != 3 || info.Used != 3 {
		t.Fatalf("ReadExpenses = %+v (%d used), want 3 lines", lines, info.Used)
	}
	for i, w := range []struct{ date, cat, amount, note string }{
		{"2026-09-05", "设备耗材", "1234.5", "体育器材"},
		{"2026-10-12", "集体培训", "80", ""},
		{"2026-10-13", "管理运行", "0.1", ""},
	} {
		l := lines[i]
		if l.Date.String() != w.date || l.Category != w.cat || l.Amount.String() != w.amount || l.Note != w.note {
			t.Errorf("line %d = %s %s %s %q, want %+v", i, l.Date, l.Category, l.Amount, l.Note, w)
		}
	}
	if lines[0].Src.String() != "支出明细.xlsx 支出!C2" {
		t.Errorf("line 1 Src = %s", lines[0].Src)
	}
}

// pendingExample is the worked example of SPEC 3.7 with a 重大安全事故 of
// 60% for 李强 left pending for the term.
func pendingExample() *calc.Payout {
	p := workedExample()
	ev := eventLine(p.Rules, 24, p.Lines[1].Person, "重大安全事故", "0.6", "", calc.Pending, 9, "放学时学生在校门口摔伤")
	p.Events = append(p.Events, ev)
	return p
}

func TestReadPayout(t *testing.T) {
	path := writeWorked(t, pendingExample())
	p, info, problems := ReadPayout(context.Background(), path)
	wantProblems(t, problems)
	if p.Month != (rules.Month{Year: 2026, Month: time.September}) || p.Src.File != "发放表-2026-09.xlsx" {
		t.Errorf("month %s of %s, want 2026-09 of 发放表-2026-09.xlsx", p.Month, p.Src.File)
	}
	if want := "2026-09-01 起 2026年8月28日教代会讨论通过（学期初的规定）"; p.Version != want {
		t.Errorf("Version = %q, want the 规则版本 of 计算说明, %q", p.Version, want)
	}
	// Five teachers, the 合计 row the sum is checked against, and below it
	// the total in capitals and the day of payment.
	if info.Role != "发放表" || info.Rows != 8 || info.Used != 5 || info.Empty != 0 || info.Other != 3 || len(info.SHA256) != 64 {
		t.Errorf("info = %+v, want role 发放表, 8 rows read, 5 used, 3 other and a sha256", info)
	}
	if !p.Total.Equal(decimal.RequireFromString("2423")) || !p.PaidOn.IsZero() {
		t.Errorf("Total %s, PaidOn %s: want the 合计 2423.00 and no day (the line left to fill in)", p.Total, p.PaidOn)
	}
	want := []struct{ id, name, fee, deduction, net string }{
		{"T01", "王芳", "170", "51", "929"},
		{"T02", "李强", "150", "30", "840"},
		{"T03", "陈静", "125", "125", "500"},
		{"T04", "张伟", "0", "0", "91"},
		{"T05", "刘洋", "0", "0", "63"},
	}
	if len(p.Teachers) != len(want) {
		t.Fatalf("teachers = %+v", p.Teachers)
	}
	for i, w := range want {
		g := p.Teachers[i]
		if g.ID != w.id || g.Name != w.name || !g.Fee.Equal(dec(w.fee)) || !g.Deduction.Equal(dec(w.deduction)) || !g.Net.Equal(dec(w.net)) {
			t.Errorf("teacher %d = %s %s %s %s %s, want %+v", i, g.ID, g.Name, g.Fee, g.Deduction, g.Net, w)
		}
	}
	if len(p.Pending) != 1 {
		t.Fatalf("pending = %+v, want the one 重大安全事故", p.Pending)
	}
	e := p.Pending[0]
	if e.Person != (calc.Person{ID: "T02", Name: "李强"}) || e.Label != "重大安全事故" || !e.Percent.Equal(dec("0.6")) ||
		e.Date.String() != "2026-09-24" || e.Source != "考核记录.xlsx 9月!D9" || e.Note != "放学时学生在校门口摔伤" {
		t.Errorf("pending = %+v", e)
	}
}

func TestReadPayoutNotKfpay(t *testing.T) {
	for _, c := range []struct{ name, src, want string }{
		{"no 计算说明", "# sheet 发放明细\n| 序号 | 教师 |\n", "没有“扣款明细”工作表"},
		{"a hand-made payout", `# sheet 发放明细
| 序号 | 工号 | 教师 | 绩效服务费 | 扣除金额 | 实发合计 |
| 1 | T01 | 王芳 | 170 | 0 | 900 |
| 合计 | | | 170 | 0 | 900 |
# sheet 扣款明细
| 日期 | 工号 | 教师 | 事项 | 比例 | 金额 | 状态 | 来源 | 说明 |
# sheet 计算说明
| 项目 | 内容 |
| 月份 | 2026年9月 |
`, "计算说明中没有“kfpay 版本”一行"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, problems := ReadPayout(context.Background(), build(t, "发放表.xlsx", c.src))
			// The message says why: that is what the case is about.
			wantProblems(t, problems, "not-kfpay-payout 发放表.xlsx")
			if !strings.Contains(problems[0].Msg, c.want) {
				t.Errorf("%s, want it to say %s", problems[0].Msg, c.want)
			}
		})
	}
}

func TestReadPayoutEdited(t *testing.T) {
	path := writeWorked(t, workedExample())
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(sheetPayout, "O3", 1000.0); err != nil { // 王芳's 实发合计, 929 in the sheet
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, _, problems := ReadPayout(context.Background(), path)
	// 2423.00 − 929 + 1000 = 2494.00 by row.
	wantProblems(t, problems, "payout-edited 发放表-2026-09.xlsx 发放明细")
	if !strings.Contains(problems[0].Msg, "2494.00") || !strings.Contains(problems[0].Msg, "2423.00") {
		t.Errorf("%s, want the sum of the rows, 2494.00, and the 合计, 2423.00", problems[0].Msg)
	}
}

// TestReadPayoutRowAfterTotal checks that a row added below 合计 is an
// error at that row: it was once left unread, and its pay out of the term.
func TestReadPayoutRowAfterTotal(t *testing.T) {
	path := writeWorked(t, workedExample())
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Row 8 is 合计, 9 and 10 the capitals and the day of payment; a
	// teacher added by hand two rows below them.
	for cell, v := range map[string]any{"A12": 6, "B12": "T06", "C12": "赵六", "K12": 0.0, "M12": 0.0, "O12": 100.0} {
		if err := f.SetCellValue(sheetPayout, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	// As Excel would: excelize keeps the dimension it read.
	if err := f.SetSheetDimension(sheetPayout, "A1:P12"); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, _, problems := ReadPayout(context.Background(), path)
	wantProblems(t, problems, "payout-edited 发放表-2026-09.xlsx 发放明细!12:12")
}

// TestReadPayoutDamaged checks that a payout sheet that cannot be read is
// reported as what is wrong with it. It was once reported as a workbook
// kfpay did not write, which sent the bursar looking for the wrong file.
func TestReadPayoutDamaged(t *testing.T) {
	path := writeWorked(t, workedExample())
	// 发放明细 cut off inside its row 6, the zip around it sound.
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	cut := false
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if zf.Name == "xl/worksheets/sheet1.xml" {
			i := bytes.Index(b, []byte(`<row r="6"`))
			if i < 0 {
				t.Fatalf("no row 6 in %s", zf.Name)
			}
			b, cut = b[:i+20], true
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	zr.Close()
	if err := zw.Close(); err != nil || !cut {
		t.Fatalf("rezip: %v, cut %v", err, cut)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, problems := ReadPayout(context.Background(), path)
	wantProblems(t, problems, "truncated 发放表-2026-09.xlsx 发放明细")
}

// testSettlement settles a small term: sepTerm of the calc tests (S = 22),
// with every kind of pupil the posted workbook must not give away.
func testSettlement(t *testing.T) *calc.Settlement {
	t.Helper()
	r := defaultRules()
	r.Term = rules.Term{
		Name: "测试学期", Start: rules.MakeDate(2026, 9, 1), End: rules.MakeDate(2026, 9, 30), Fee: dec("600.00"),
		Holidays: []rules.Date{rules.MakeDate(2026, 9, 25)}, Workdays: []rules.Date{rules.MakeDate(2026, 9, 20)},
	}
	pupil := func(id, name, class string, end int, waiver string, paid string) calc.Pupil {
		p := calc.Pupil{ID: id, Name: name, Class: class}
		if end > 0 {
			p.End = rules.MakeDate(2026, 9, end)
		}
		switch {
		case strings.HasSuffix(waiver, "%"):
			p.Waiver = calc.Waiver{Percent: dec(strings.TrimSuffix(waiver, "%")).Shift(-2), IsPercent: true}
		case waiver != "":
			p.Waiver = calc.Waiver{Amount: dec(waiver)}
		}
		if paid != "" {
			p.Paid, p.HasPaid = dec(paid), true
		}
		return p
	}
	roster := []calc.Pupil{
		pupil("20260917", "王小明", "一(1)班", 0, "", ""),
		pupil("20260923", "欧阳小明", "二(1)班", 11, "", ""),
		pupil("20260918", "李四", "一(1)班", 0, "300", ""),
		pupil("20260931", "张三丰", "二(1)班", 0, "100%", ""),
		pupil("20260942", "赵六", "二(1)班", 0, "", "500.00"),
	}
	payouts := []calc.PaidMonth{{Month: rules.Month{Year: 2026, Month: 9}, Src: calc.Ref{File: "发放表-2026-09.xlsx"},
		Teachers: []calc.PaidTeacher{{Person: calc.Person{ID: "T01", Name: "王芳"}, Fee: dec("170"), Deduction: dec("0"), Net: dec("1000.00")}},
		Pending: []calc.TermEvent{{Date: rules.MakeDate(2026, 9, 24), Person: calc.Person{ID: "T01", Name: "王芳"}, Label: "重大安全事故",
			Percent: dec("0.5"), Source: "考核记录.xlsx 9月!D9", Src: calc.Ref{File: "发放表-2026-09.xlsx", Sheet: "扣款明细", Col: 7, Row: 9}}},
	}}
	spending := []calc.Expense{{Date: rules.MakeDate(2026, 9, 8), Category: "设备耗材", Amount: dec("123.45"), Note: "跳绳 30 根",
		Src: calc.Ref{File: "支出明细.xlsx", Sheet: "支出", Col: 3, Row: 2}}}
	s, problems := calc.Settle(r, roster, payouts, spending)
	if s == nil {
		t.Fatal(problems)
	}
	return s
}

func settlementMeta() SettlementMeta {
	return SettlementMeta{Version: "kfpay 0.1.0", Inputs: []InputFile{
		{Role: "规则文件", Name: "rules.toml", SHA256: hexSum("rules.toml")},
		{Role: "学生名单", Name: "学生名单.xlsx", Sheet: "名单", SHA256: hexSum("学生名单"), Rows: 5, Used: 5},
	}}
}

func writeSettlement(t *testing.T, s *calc.Settlement) SettlementFiles {
	t.Helper()
	dir := t.TempDir()
	files := SettlementFiles{Posted: filepath.Join(dir, "收费结算.xlsx"), Slips: filepath.Join(dir, "退费通知单.xlsx"),
		Internal: filepath.Join(dir, "收费结算-内部.xlsx")}
	if _, err := WriteSettlement(context.Background(), files, s, settlementMeta(), false); err != nil {
		t.Fatal(err)
	}
	return files
}

// TestPostedTotalsOnly checks that the posted workbook is the notice alone,
// with totals only (SPEC 4.5): no pupil's name or 学号, and no figure of any
// one pupil that is not also a figure of the term (the fee, 0), while the
// slips and the bursar's workbook hold them all. The words are a parent's:
// no clause of the plan, no name of a method.
func TestPostedTotalsOnly(t *testing.T) {
	s := testSettlement(t)
	files := writeSettlement(t, s)
	pub, slips, in := dumpString(t, files.Posted), dumpString(t, files.Slips), dumpString(t, files.Internal)
	if got := strings.Count(pub, "== "); got != 1 || !strings.HasPrefix(pub, "== 收支公示 ==\n") {
		t.Errorf("the posted workbook has %d sheets, want 收支公示 alone:\n%s", got, pub)
	}
	cells := map[string]bool{}
	for _, line := range strings.Split(pub, "\n") {
		for _, c := range strings.Split(line, "\t") {
			cells[c] = true
		}
	}
	for _, l := range s.Pupils {
		for _, private := range []string{l.ID, l.Name} {
			if strings.Contains(pub, private) {
				t.Errorf("the posted workbook shows %s", private)
			}
			if !strings.Contains(in, private) || !strings.Contains(slips, private) {
				t.Errorf("the slips or the bursar's workbook lack %s", private)
			}
		}
		for _, f := range []decimal.Decimal{l.Gross.Decimal(), l.Waived.Decimal(), l.Due.Decimal(), l.PaidAmount.Decimal(), l.Leaver.Decimal(), l.Share.Decimal(), l.Refund.Decimal()} {
			if f.IsZero() || f.Equal(s.Rules.Term.Fee) {
				continue
			}
			if cells[f.StringFixed(2)] {
				t.Errorf("the posted workbook shows %s, a figure of %s", f.StringFixed(2), l.ID)
			}
		}
	}
	for _, banned := range []string{"篇四", "最大余数", "SPEC", "实收"} {
		if strings.Contains(pub, banned) {
			t.Errorf("the posted notice says %q", banned)
		}
	}
	for _, want := range []string{"减：困难家庭减免\t900.00", "每应缴 100 元退还", "经办人（出纳）", "校长：", "家委会代表：", "示例小学（盖章）", "公示日期"} {
		if !strings.Contains(pub, want) {
			t.Errorf("the posted workbook lacks %q", want)
		}
	}
}

// TestSettlementWorkbooks checks the sheets of the slips and of the
// bursar's workbook: one table to a sheet, the families who owe apart.
func TestSettlementWorkbooks(t *testing.T) {
	files := writeSettlement(t, testSettlement(t))
	for path, want := range map[string][]string{
		files.Slips:    {"退费通知单"},
		files.Internal: {"学生明细", "应补缴", "教师扣回", "扣回记录", "支出明细", "对账"},
	} {
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := f.GetSheetList(); !slices.Equal(got, want) {
			t.Errorf("%s has sheets %q, want %q", filepath.Base(path), got, want)
		}
		f.Close()
	}
}

func TestWriteSettlementSameBytes(t *testing.T) {
	s := testSettlement(t)
	a, b := writeSettlement(t, s), writeSettlement(t, s)
	for _, pair := range [][2]string{{a.Posted, b.Posted}, {a.Slips, b.Slips}, {a.Internal, b.Internal}} {
		x, _ := os.ReadFile(pair[0])
		y, _ := os.ReadFile(pair[1])
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("two writes of %s differ", filepath.Base(pair[0]))
		}
	}
}

// TestWriteSettlementAllOrNothing: when one of the three workbooks may not
// be written, neither are the others.
func TestWriteSettlementAllOrNothing(t *testing.T) {
	s := testSettlement(t)
	for _, last := range []string{"退费通知单.xlsx", "收费结算-内部.xlsx"} {
		t.Run(last, func(t *testing.T) {
			dir := t.TempDir()
			files := SettlementFiles{Posted: filepath.Join(dir, "收费结算.xlsx"), Slips: filepath.Join(dir, "退费通知单.xlsx"),
				Internal: filepath.Join(dir, "收费结算-内部.xlsx")}
			there := filepath.Join(dir, last)
			if err := os.WriteFile(there, []byte("last term's"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := WriteSettlement(context.Background(), files, s, settlementMeta(), false)
			if !errors.Is(err, fs.ErrExist) {
				t.Fatalf("WriteSettlement = %v, want an ExistsError", err)
			}
			sheettest.OnlyFiles(t, dir, last)

			// A directory where that file goes: nothing is written either.
			if err := os.Remove(there); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(there, 0o755); err != nil {
				t.Fatal(err)
			}
			if _, err := WriteSettlement(context.Background(), files, s, settlementMeta(), true); err == nil {
				t.Fatal("WriteSettlement over a directory succeeded")
			}
			sheettest.OnlyFiles(t, dir, last)
		})
	}
}

func TestReadPayoutInputs(t *testing.T) {
	path := writeWorked(t, pendingExample())
	got, problems := ReadPayoutInputs(context.Background(), path)
	wantProblems(t, problems)
	// What 计算说明 records of each input of workedMeta, the row counts aside.
	var want []InputFile
	for _, in := range workedMeta().Inputs {
		want = append(want, InputFile{Role: in.Role, Name: in.Name, Sheet: in.Sheet, Layout: in.Layout, SHA256: in.SHA256})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("inputs (-want +got):\n%s", diff)
	}
}
