package sheet

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/inspect"
	"kfpay/sheet/internal/render"
	"kfpay/sheet/sheettest"
)

// The -update flag rewrites the snapshot goldens under testdata/snapshot,
// and never the hand-worked ones under testdata/handworked (see
// testdata/README.md). It is registered only if another test file of the
// package has not registered it already.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the snapshot goldens under testdata/snapshot")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// checkSnapshot compares got with the snapshot golden name under
// testdata/snapshot, or rewrites it with -update.
func checkSnapshot(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "snapshot", name)
	if updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./sheet -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("dump differs from %s (run go test ./sheet -update to accept):\n%s", path, sheettest.LineDiff(string(want), string(got)))
	}
}

// checkHandWorked compares got with the golden file name under
// testdata/handworked, whose figures were worked out by hand: -update never
// rewrites it. A difference is fixed in the code, or, when the change is
// meant, by working the figures again and editing the file by hand.
func checkHandWorked(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "handworked", name)
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("dump differs from the hand-worked %s (not rewritten by -update: check the figures, then edit it by hand if the change is meant):\n%s",
			path, sheettest.LineDiff(string(want), string(got)))
	}
}

var dec = decimal.RequireFromString

func hexSum(s string) string { return fmt.Sprintf("%x", sha256.Sum256([]byte(s))) }

// defaultRules are the rules of SPEC 7, built by hand.
func defaultRules() *rules.Rules {
	return &rules.Rules{
		School:   "示例小学",
		Approved: "2026年8月28日教代会讨论通过",
		Rates:    rules.Rates{Lesson: dec("20.00"), Safety: dec("10.00")},
		Admin:    rules.Admin{Percent: dec("0.08"), Rate: dec("7.00"), Mode: rules.AdminPool},
		Performance: rules.Performance{
			Basis:  rules.PerSession,
			Amount: dec("5.00"),
		},
		Sessions: rules.Sessions{
			Lesson: []string{"上课"}, Safety: []string{"安全管理"}, Admin: []string{"行政值班"},
			CountStep: dec("1"), MaxPerDay: 4,
		},
		Events: []rules.Event{
			{Label: "无故空堂", Scope: rules.ScopeMonth, PerEvent: dec("1")},
			{Label: "早退", Scope: rules.ScopeMonth, PerEvent: dec("0.1"), AllFrom: 3},
			{Label: "交接违规", Scope: rules.ScopeMonth, PerEvent: dec("0.1"), AllFrom: 3},
			{Label: "家长投诉", Scope: rules.ScopeMonth, Ranged: true, PercentMin: dec("0.1"), PercentMax: dec("1")},
			{Label: "重大安全事故", Scope: rules.ScopeTerm, Ranged: true, PercentMin: dec("0.5"), PercentMax: dec("1")},
			{Label: "请假", Scope: rules.ScopeMonth, PerEvent: dec("0")},
			{Label: "奖励", Scope: rules.ScopeMonth, Reward: true},
		},
		Term: rules.Term{
			Name:  "2026年秋季学期",
			Start: rules.MakeDate(2026, time.September, 1),
			End:   rules.MakeDate(2027, time.January, 22),
			Fee:   dec("600.00"),
		},
		Source: "rules.toml",
		SHA256: hexSum("rules.toml"),
	}
}

// line builds a 发放明细 line from its figures, in column order:
// 上课节数 安全管理次数 行政值班次数 行政值班课时 | 上课补助 安全管理补助 行政值班补助
// 绩效服务费 扣除比例 扣除金额 奖励 实发合计.
func line(id, name, figures string, eventCounts ...int) calc.Line {
	f := strings.Fields(strings.ReplaceAll(figures, "|", ""))
	if len(f) != 12 {
		panic("line " + name + ": want 12 figures")
	}
	return calc.Line{
		Person:  calc.Person{ID: id, Name: name},
		Lessons: dec(f[0]), Breaks: dec(f[1]), Shifts: dec(f[2]), AdminHours: dec(f[3]),
		LessonPay: dec(f[4]), SafetyPay: dec(f[5]), AdminPay: dec(f[6]),
		Fee: dec(f[7]), Percent: dec(f[8]), Deduction: dec(f[9]), Reward: dec(f[10]), Net: dec(f[11]),
		EventCounts: eventCounts,
	}
}

// eventLine builds a 扣款明细 line for the record in row of 考核记录.xlsx.
func eventLine(ru *rules.Rules, day int, p calc.Person, label, percent, amount string, status calc.Status, row int, note string) calc.EventLine {
	var ev rules.Event
	for _, e := range ru.Events {
		if e.Label == label {
			ev = e
		}
	}
	rec := calc.Record{
		Date:   rules.MakeDate(2026, time.September, day),
		Person: p,
		Label:  label,
		Note:   note,
		Src:    calc.Ref{File: "考核记录.xlsx", Sheet: "9月", Col: 4, Row: row},
	}
	el := calc.EventLine{Event: ev, Status: status}
	if amount != "" {
		rec.Amount, rec.HasAmount = dec(amount), true
	}
	if percent != "" {
		el.Percent = dec(percent)
	}
	// Ranged kinds take the percent from the record.
	if ev.Ranged {
		rec.Percent, rec.HasPercent = el.Percent, true
	}
	el.Record = rec
	if status == calc.Rewarded {
		el.Yuan = rec.Amount
	}
	return el
}

// took sets the yuan a deducting record took of its person's fee, with the
// running percent and what the person's earlier records took (calc.Share).
func took(el calc.EventLine, fee, upto, before, yuan string) calc.EventLine {
	el.Share = calc.Share{Fee: dec(fee), Upto: dec(upto), Before: dec(before)}
	el.Yuan = dec(yuan)
	return el
}

// workedExample is the payout of SPEC 3.7, with the figures worked out by hand:
// 王芳 34×20=680, 8×10=80, fee 34×5=170, 30% of it 51, reward 50, net 929;
// 李强 600+120, fee 150, two 早退 20% = 30, net 840; 陈静 500, fee 125, three
// 早退 10%+10%+100% capped at 100% = 125, net 500; admin base 1780+200=1980,
// pool 158.40, 22 hours shared 6:4 as 13.2/8.8 → 13 and 9, paid 154, unspent 4.40.
// 扣款明细, each record's yuan by the running total (calc.Share): 李强 150 ×
// 10% = 15, then 150 × 20% = 30 less 15 = 15 (15 + 15 = 30); 陈静 125 × 10%
// = 12.50, 125 × 20% = 25 less 12.50 = 12.50, then 120% capped at 100%:
// 125 less 25 = 100 (12.50 + 12.50 + 100 = 125); 王芳 170 × 30% = 51. The
// 合计 row: 15 + 12.50 + 15 + 12.50 + 51 + 100 = 206 = 发放明细's 合计
// 扣除金额; 奖励 50.
func workedExample() *calc.Payout {
	ru := defaultRules()
	wang := line("T01", "王芳", "34  8 0 0 | 680.00  80.00  0.00 170.00 0.3  51.00 50.00 929.00", 0, 0, 0, 1, 0, 0, 1)
	li := line("T02", "李强", "30 12 0 0 | 600.00 120.00  0.00 150.00 0.2  30.00  0.00 840.00", 0, 2, 0, 0, 0, 0, 0)
	chen := line("T03", "陈静", "25  0 0 0 | 500.00   0.00  0.00 125.00 1   125.00  0.00 500.00", 0, 3, 0, 0, 0, 0, 0)
	zhang := line("T04", "张伟", " 0  0 6 13 |  0.00   0.00 91.00   0.00 0     0.00  0.00  91.00", 0, 0, 0, 0, 0, 0, 0)
	liu := line("T05", "刘洋", " 0  0 4 9 |   0.00   0.00 63.00   0.00 0     0.00  0.00  63.00", 0, 0, 0, 0, 0, 0, 0)
	total := line("", "", "89 20 10 22 | 1780.00 200.00 154.00 445.00 0 206.00 50.00 2423.00")
	total.EventCounts = nil
	return &calc.Payout{
		Month: rules.Month{Year: 2026, Month: time.September},
		Rules: ru,
		Lines: []calc.Line{wang, li, chen, zhang, liu},
		Total: total,
		Events: []calc.EventLine{
			took(eventLine(ru, 3, li.Person, "早退", "0.1", "", calc.Deducted, 2, ""), "150.00", "0.1", "0", "15.00"),
			took(eventLine(ru, 8, chen.Person, "早退", "0.1", "", calc.Deducted, 3, ""), "125.00", "0.1", "0", "12.50"),
			took(eventLine(ru, 10, li.Person, "早退", "0.1", "", calc.Deducted, 4, "提前20分钟离校"), "150.00", "0.2", "15.00", "15.00"),
			took(eventLine(ru, 15, chen.Person, "早退", "0.1", "", calc.Deducted, 5, ""), "125.00", "0.2", "12.50", "12.50"),
			took(eventLine(ru, 16, wang.Person, "家长投诉", "0.3", "", calc.Deducted, 6, "家长反映放学交接不清，已核实"), "170.00", "0.3", "0", "51.00"),
			took(eventLine(ru, 22, chen.Person, "早退", "1", "", calc.Deducted, 7, "当月第3次"), "125.00", "1.2", "25.00", "100.00"),
			eventLine(ru, 29, wang.Person, "奖励", "", "50.00", calc.Rewarded, 8, "区级公开课"),
		},
		Admin: calc.AdminChain{
			Mode:    rules.AdminPool,
			Base:    dec("1980.00"),
			Percent: dec("0.08"),
			Pool:    dec("158.40"),
			Rate:    dec("7.00"),
			Shifts:  dec("10"),
			Hours:   dec("22"),
			Paid:    dec("154.00"),
			Unspent: dec("4.40"),
		},
		Placeholder: true,
	}
}

func workedMeta() PayoutMeta {
	return PayoutMeta{
		Version: "kfpay 0.1.0",
		Inputs: []InputFile{
			{Role: "规则文件", Name: "rules.toml", SHA256: hexSum("rules.toml")},
			{Role: "课时登记", Name: "课时登记.xlsx", Sheet: "9月", Layout: "逐条登记", SHA256: hexSum("课时登记"), Rows: 42, Used: 41, Empty: 1},
			{Role: "考核记录", Name: "考核记录.xlsx", Sheet: "9月", SHA256: hexSum("考核记录"), Rows: 7, Used: 7},
		},
	}
}

// writeWorked writes the worked example to a new file and returns its path.
func writeWorked(t *testing.T, p *calc.Payout) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "发放表-2026-09.xlsx")
	if _, err := WritePayout(context.Background(), path, p, workedMeta(), false); err != nil {
		t.Fatal(err)
	}
	return path
}

func dumpString(t *testing.T, path string) string {
	t.Helper()
	var b bytes.Buffer
	if err := inspect.Dump(&b, path); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWritePayoutGolden(t *testing.T) {
	path := writeWorked(t, workedExample())
	checkHandWorked(t, "payout-2026-09.txt", []byte(dumpString(t, path)))
}

func TestWritePayoutSameBytes(t *testing.T) {
	a, err := os.ReadFile(writeWorked(t, workedExample()))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(writeWorked(t, workedExample()))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same payout differ")
	}
}

// TestHelperWritePayout is run by TestWritePayoutSameBytesAcrossProcesses in a
// child process; on its own it does nothing.
func TestHelperWritePayout(t *testing.T) {
	path := os.Getenv("KFPAY_TEST_WRITE_PAYOUT")
	if path == "" {
		t.Skip("helper of TestWritePayoutSameBytesAcrossProcesses")
	}
	if _, err := WritePayout(context.Background(), path, workedExample(), workedMeta(), false); err != nil {
		t.Fatal(err)
	}
}

// TestWritePayoutSameBytesAcrossProcesses writes the payout in two processes:
// anything seeded per process (map order, hashing) must not reach the bytes.
func TestWritePayoutSameBytesAcrossProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := t.TempDir()
	var outs [2][]byte
	for i := range outs {
		path := filepath.Join(dir, fmt.Sprintf("out%d.xlsx", i))
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWritePayout$")
		cmd.Env = append(os.Environ(), "KFPAY_TEST_WRITE_PAYOUT="+path)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("child process: %v\n%s", err, out)
		}
		var err error
		if outs[i], err = os.ReadFile(path); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("the payouts written by two processes differ")
	}
}

func TestWritePayoutCells(t *testing.T) {
	f, err := excelize.OpenFile(writeWorked(t, workedExample()), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	if got, want := fmt.Sprint(f.GetSheetList()), "[发放明细 扣款明细 计算说明 出勤公示 校验数据]"; got != want {
		t.Errorf("sheets = %s, want %s", got, want)
	}
	// The seal's copy of the figures is hidden: it is not printed, and a
	// bursar does not fill it in.
	if visible, err := f.GetSheetVisible("校验数据"); err != nil || visible {
		t.Errorf("校验数据 visible = %t, %v; want hidden", visible, err)
	}

	// Money is written as numbers, never as text (SPEC 5), in Excel's
	// built-in formats: 0 General, 4 #,##0.00, 9 0%.
	const (
		numFmtGeneral  = 0
		numFmtMoney    = 4
		numFmtPercent0 = 9
	)
	const s = sheetPayout
	for _, tc := range []struct {
		cell, raw string
		numFmt    int
	}{
		{"E3", "680", numFmtMoney},    // 王芳 上课补助
		{"G4", "120", numFmtMoney},    // 李强 安全管理补助
		{"J6", "91", numFmtMoney},     // 张伟 行政值班补助
		{"M3", "51", numFmtMoney},     // 王芳 扣除金额
		{"O3", "929", numFmtMoney},    // 王芳 实发合计
		{"O8", "2423", numFmtMoney},   // 合计 实发合计
		{"L3", "0.3", numFmtPercent0}, // 王芳 扣除比例
		{"D3", "34", numFmtGeneral},   // 王芳 上课节数
		{"I6", "13", numFmtGeneral},   // 张伟 行政值班课时
	} {
		typ, err := f.GetCellType(s, tc.cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s!%s has cell type %v, want a number", s, tc.cell, typ)
		}
		if raw, _ := f.GetCellValue(s, tc.cell); raw != tc.raw {
			t.Errorf("%s!%s = %q, want %q", s, tc.cell, raw, tc.raw)
		}
		id, _ := f.GetCellStyle(s, tc.cell)
		if st, err := f.GetStyle(id); err != nil || st.NumFmt != tc.numFmt {
			t.Errorf("%s!%s number format %d, want %d (%v)", s, tc.cell, st.NumFmt, tc.numFmt, err)
		}
	}

	layout, err := f.GetPageLayout(s)
	if err != nil {
		t.Fatal(err)
	}
	// The columns are 139 units wide: 序号, 工号, 教师 6 each (a two-character
	// name, 4, and 1.5 of padding, at least 6); the one-line headers of four
	// characters 44 pt, which a cell leaves room for from 8.25 units (8.25 ×
	// 6.0 − 5 = 44.5 pt): 上课节数, the five of 安全管理 and 行政值班, 扣除比例,
	// 扣除金额; 上课补助 and 实发合计 8.5 for their totals (2,423.00: six digits,
	// comma and point half a digit each, and 1.5); 绩效服务费 10 (five
	// characters, 55 pt, from 10 units: 55 pt); 奖励 6; 签字 22. At 6.2 pt a
	// unit that is 861.8 pt, and landscape A4 less 0.5 in margins is 769.89
	// pt wide: 769.89 / 861.8 = 89.3%, 89% (11 pt prints at 9.8 pt).
	if *layout.Orientation != "landscape" || *layout.Size != 9 || layout.AdjustTo == nil || *layout.AdjustTo != 89 ||
		layout.FirstPageNumber == nil || *layout.FirstPageNumber != 1 {
		t.Errorf("page layout %s %d, scale %v, first page %v; want landscape A4 (9) at 89%%, pages numbered from 1",
			*layout.Orientation, *layout.Size, optional(layout.AdjustTo), optional(layout.FirstPageNumber))
	}
	// A set scale: Excel ignores manual page breaks on a sheet fitted to pages.
	props, err := f.GetSheetProps(s)
	if err != nil || props.FitToPage != nil && *props.FitToPage {
		t.Errorf("sheet set to fit to page (%v)", err)
	}

	var titles string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == s {
			titles = dn.RefersTo
		}
	}
	if want := "'发放明细'!$1:$2"; titles != want {
		t.Errorf("print titles %q, want %q", titles, want)
	}

	panes, err := f.GetPanes(s)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 2 || panes.XSplit != 0 || panes.TopLeftCell != "A3" {
		t.Errorf("panes %+v, want frozen below row 2", panes)
	}

	hf, err := f.GetHeaderFooter(s)
	if err != nil {
		t.Fatal(err)
	}
	// The title row repeats on every page, so the page header is empty;
	// the footer counts this sheet's one page, not the workbook's (&N).
	if hf.OddHeader != "" || !strings.Contains(hf.OddFooter, "第 &P 页，共 1 页") || strings.Contains(hf.OddFooter, "&N") {
		t.Errorf("header %q, footer %q: want no header, and the page of this sheet's 1", hf.OddHeader, hf.OddFooter)
	}

	merged, err := f.GetMergeCells(s)
	if err != nil {
		t.Fatal(err)
	}
	var ranges []string
	for _, m := range merged {
		ranges = append(ranges, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	if got, want := fmt.Sprint(ranges), "[A1:P1 A8:C8 A9:C9 D9:P9 A10:C10 D10:P10]"; got != want {
		t.Errorf("merged cells %s, want %s (title, 合计, the capitals and the day of payment)", got, want)
	}

	if dim, _ := f.GetSheetDimension(s); dim != "A1:P10" {
		t.Errorf("dimension %q, want A1:P10: readers check the rows they read against it", dim)
	}

	// Below 合计: 2423.00 in capitals, 贰仟 肆佰 贰拾 叁 元整, and the day of
	// payment left blank to be written by hand.
	for cell, want := range map[string]string{"A9": "合计（大写）", "D9": "人民币贰仟肆佰贰拾叁元整", "A10": "发放日期", "D10": "______年____月____日"} {
		if got, _ := f.GetCellValue(s, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}

	// The totals row is bold.
	id, _ := f.GetCellStyle(s, "O8")
	if st, _ := f.GetStyle(id); st.Font == nil || !st.Font.Bold {
		t.Error("合计 row is not bold")
	}

	// 扣款明细: real date cells.
	if raw, _ := f.GetCellValue(sheetEvents, "A2"); raw != "46268" {
		t.Errorf("扣款明细!A2 = %q, want the serial of 2026-09-03, 46268", raw)
	}
}

func TestWritePayoutEmptyMonth(t *testing.T) {
	p := workedExample()
	p.Events = nil
	p.Placeholder = false
	p.Rules.Approved = ""
	dump := dumpString(t, writeWorked(t, p))

	want := "== 扣款明细 ==\n日期\t工号\t教师\t事项\t比例\t扣除金额\t奖励\t状态\t计算\t来源\t说明\n本月无考核记录\n== 计算说明 =="
	if !strings.Contains(dump, want) {
		t.Errorf("dump lacks\n%s\ngot\n%s", want, dump)
	}
	if !strings.Contains(dump, "规则审批\t未经教代会审批（规则文件的 approved 未填写）\n") {
		t.Error("an empty approval line does not show as 未经教代会审批")
	}
	if strings.Contains(dump, "占位") {
		t.Error("placeholder notice shown for a confirmed performance fee")
	}
}

func TestWritePayoutNoPaths(t *testing.T) {
	meta := workedMeta()
	meta.Inputs[1].Name = "/home/bursar/工资/课时登记.xlsx"
	p := workedExample()
	p.Rules.Source = `C:\Users\bursar\rules.toml`
	p.Events[0].Src.File = "/home/bursar/考核记录.xlsx"
	path := filepath.Join(t.TempDir(), "out.xlsx")
	if _, err := WritePayout(context.Background(), path, p, meta, false); err != nil {
		t.Fatal(err)
	}
	dump := dumpString(t, path)
	for _, s := range []string{"/home", "bursar", `C:\`} {
		if strings.Contains(dump, s) {
			t.Errorf("a path reaches the workbook: %q", s)
		}
	}
}

func TestWritePayoutCappedAdmin(t *testing.T) {
	p := workedExample()
	p.Rules.Admin.Mode = rules.AdminCapped
	p.Admin.Mode = rules.AdminCapped
	p.Admin.Scaled = true
	dump := dumpString(t, writeWorked(t, p))
	for _, want := range []string{"行政值班计算方式\t按次计发（capped）：每次 7.00 元", "本月计发\t按登记次数计发超出经费，已按比例缩减"} {
		if !strings.Contains(dump, want) {
			t.Errorf("capped mode: dump lacks %q", want)
		}
	}
	if strings.Contains(dump, "折算课时") {
		t.Error("capped mode: dump shows the pool mode's hours")
	}
}

// TestInputTextCountsEveryRow checks that 计算说明 accounts for every row
// it says it read: used, empty, or, when there are any, rows that hold no
// entry by design, such as a 合计 row.
func TestInputTextCountsEveryRow(t *testing.T) {
	for _, c := range []struct {
		in   InputFile
		want string
	}{
		{InputFile{Name: "课时登记.xlsx", Sheet: "9月", Rows: 5, Used: 4, Empty: 1, SHA256: "ab"},
			"课时登记.xlsx；工作表 9月；读取 5 行，使用 4 行，跳过空行 1 行；sha256 ab"},
		{InputFile{Name: "发放表.xlsx", Sheet: "发放明细", Rows: 6, Used: 5, Other: 1, SHA256: "ab"},
			"发放表.xlsx；工作表 发放明细；读取 6 行，使用 5 行，跳过空行 0 行，合计行、签字行等非数据行 1 行；sha256 ab"},
	} {
		if got := inputText(c.in); got != c.want {
			t.Errorf("inputText(%+v) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestWritePayoutRefusesUnrounded: a payout whose amount calc left
// unrounded (here 王芳's 扣除金额 51.004, which would print as 51.00 beside a
// 实发合计 worked from 51.004) is not rounded again and written: WritePayout
// fails with render.ErrUnrounded and leaves no file.
func TestWritePayoutRefusesUnrounded(t *testing.T) {
	p := workedExample()
	p.Lines[0].Deduction = dec("51.004")
	dir := t.TempDir()
	path := filepath.Join(dir, "发放表-2026-09.xlsx")
	if _, err := WritePayout(context.Background(), path, p, workedMeta(), false); !errors.Is(err, render.ErrUnrounded) {
		t.Fatalf("WritePayout = %v, want render.ErrUnrounded", err)
	}
	sheettest.OnlyFiles(t, dir)
}

// TestWritePayoutWarnings checks that a payout made with warnings says so
// by 发放明细's title and in 计算说明, each warning at its cell, and that a
// log warning on every row lists the first 50 and counts the rest.
func TestWritePayoutWarnings(t *testing.T) {
	log := calc.Ref{File: "/tmp/课时登记.xlsx", Sheet: "9月"}
	warn := func(row int) calc.Problem {
		return calc.Problem{Code: "not-service-day", Ref: log.At(1), Column: "日期", Value: "2026-09-05", Warning: true,
			Msg: "这一天按学期校历不是课后服务日"}
	}
	t.Run("three", func(t *testing.T) {
		p := workedExample()
		p.Warnings = calc.Problems{warn(3), warn(4), {Code: "duplicate-row", Ref: log.At(3), Warning: true, Msg: "与第 3 行各列完全相同"}}
		p.Warnings[0].Ref.Row, p.Warnings[1].Ref.Row, p.Warnings[2].Ref.Row = 3, 4, 9
		dump := dumpString(t, writeWorked(t, p))
		for _, want := range []string{
			"== 发放明细 ==\n示例小学 2026年9月 课后服务补助发放表（生成时有 3 处警告，见“计算说明”）\n",
			"\n警告\t生成本表时有 3 处警告（可疑之处，照常计算），逐条列在本表下方“警告 1”起的各行；发放前请逐一核对\n",
			"\n警告 1\t课时登记 9月!A3 日期 \"2026-09-05\"：这一天按学期校历不是课后服务日\n",
			"\n警告 2\t课时登记 9月!A4 日期 \"2026-09-05\"：这一天按学期校历不是课后服务日\n",
			"\n警告 3\t课时登记 9月!C9：与第 3 行各列完全相同\n校验码\tSHA-256 ",
		} {
			if !strings.Contains(dump, want) {
				t.Errorf("dump lacks %q", want)
			}
		}
	})
	t.Run("a warning on every row", func(t *testing.T) {
		// A reader lists 200 warnings and counts the rest in one
		// (calc.Capper): 200 + 999,800 = 1,000,000. 计算说明 lists the first
		// 50 and says 1,000,000 − 50 = 999,950 are not listed.
		var c calc.Capper
		for row := 2; row < 1_000_002; row++ {
			w := warn(row)
			w.Ref.Row = row
			c.Add(w)
		}
		p := workedExample()
		p.Warnings = c.Problems()
		if got := p.Warnings.WarningCount(); got != 1_000_000 {
			t.Fatalf("WarningCount = %d, want 1000000", got)
		}
		dump := dumpString(t, writeWorked(t, p))
		for _, want := range []string{
			"课后服务补助发放表（生成时有 1000000 处警告，见“计算说明”）\n",
			"\n警告\t生成本表时有 1000000 处警告（可疑之处，照常计算），本表下方“警告 1”起列出前 50 处，其余请用 kfpay check 查看；发放前请逐一核对\n",
			"\n警告 50\t课时登记 9月!A51 日期 \"2026-09-05\"：这一天按学期校历不是课后服务日\n其余警告\t另有 999950 处警告未在此列出\n校验码\tSHA-256 ",
		} {
			if !strings.Contains(dump, want) {
				t.Errorf("dump lacks %q", want)
			}
		}
		if strings.Contains(dump, "警告 51\t") {
			t.Error("more than 50 warnings listed")
		}
	})
}
