package inspect

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kfpay/sheet/sheettest"
)

// diffLines builds the two described workbooks, compares them and writes
// the result one line per row or column: `sheet 修改 key: col old→new (delta)`.
func diffLines(t *testing.T, oldDesc, newDesc string, sheets ...string) []string {
	t.Helper()
	return diffLinesWith(t, oldDesc, newDesc, Options{Sheets: sheets})
}

// diffLinesWith is diffLines with the options o.
func diffLinesWith(t *testing.T, oldDesc, newDesc string, o Options) []string {
	t.Helper()
	dir := t.TempDir()
	oldPath, newPath := filepath.Join(dir, "old.xlsx"), filepath.Join(dir, "new.xlsx")
	for path, desc := range map[string]string{oldPath: oldDesc, newPath: newDesc} {
		if err := sheettest.Build(path, []byte(desc)); err != nil {
			t.Fatal(err)
		}
	}
	d, err := DiffBooksWith(t.Context(), oldPath, newPath, o)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	word := map[Change]string{Added: "新增", Removed: "删除", Changed: "修改", Moved: "移动"}
	for _, s := range d.Sheets {
		prefix := s.Name
		if s.Only != "" {
			prefix += "(" + s.Only + ")"
		}
		if !s.Keyed {
			prefix += "(按行号)"
		}
		for _, c := range s.Columns {
			out = append(out, prefix+" "+word[c.Change]+"列 "+c.Name)
		}
		for _, r := range s.Rows {
			var cells []string
			for _, c := range r.Cells {
				cells = append(cells, c.String())
			}
			out = append(out, prefix+" "+word[r.Change]+" "+r.Key+": "+strings.Join(cells, "; "))
		}
	}
	return out
}

func TestDiffBooks(t *testing.T) {
	for _, tc := range []struct {
		name     string
		old, new string
		want     []string
	}{{
		name: "identical",
		old:  "# sheet 发放明细\n| 工号 | 教师 | 实发合计 |\n| T01 | 王芳 | ~money 929 |\n",
		new:  "# sheet 发放明细\n| 工号 | 教师 | 实发合计 |\n| T01 | 王芳 | ~money 929 |\n",
	}, {
		name: "a number is compared by value, not by how it is shown",
		old:  "# sheet 发放明细\n| 工号 | 教师 | 实发合计 |\n| T01 | 王芳 | 929 |\n",
		new:  "# sheet 发放明细\n| 工号 | 教师 | 实发合计 |\n| T01 | 王芳 | ~money 929 |\n",
	}, {
		name: "person by 工号, else by name; 序号 not compared; columns in any order",
		old: `# sheet 发放明细
# title 2026年9月 发放表
| 序号 | 工号 | 教师 | 实发合计 |
| 1 | T01 | 王芳 | ~money 929 |
| 2 | T02 | 李强 | ~money 840 |
| 3 | | 张伟 | ~money 91 |
| 合计 | | | ~money 1860 |
`,
		new: `# sheet 发放明细
# title 2026年9月 发放表
| 序号 | 教师 | 工号 | 实发合计 |
| 1 | 新人 | T00 | ~money 10 |
| 2 | 王芳 | T01 | ~money 950 |
| 3 | 李强 | T02 | ~money 840 |
| 4 | 张伟 | | ~money 91 |
| 合计 | | | ~money 1891 |
`,
		want: []string{
			"发放明细 新增 T00 新人: 教师 （空） → 新人; 工号 （空） → T00; 实发合计 （空） → 10.00 (+10.00)",
			"发放明细 修改 T01 王芳: 实发合计 929.00 → 950.00 (+21.00)",
			"发放明细 修改 合计: 实发合计 1860.00 → 1891.00 (+31.00)",
		},
	}, {
		name: "a title change is a change of its row",
		old:  "# sheet 发放明细\n# title 2026年9月\n| 工号 | 教师 |\n| T01 | 王芳 |\n",
		new:  "# sheet 发放明细\n# title 2026年10月\n| 工号 | 教师 |\n| T01 | 王芳 |\n",
		want: []string{"发放明细 修改 第 1 行: A 2026年9月 → 2026年10月"},
	}, {
		// The second and third rows of one key are told apart by their
		// order; a name that reads like a 工号 is not that 工号.
		name: "rows sharing a key, by their order",
		old:  "# sheet 明细\n| 工号 | 教师 | 金额 |\n| T01 | 王芳 | 10 |\n| T01 | 王芳 | 20 |\n| | T02 | 7 |\n",
		new:  "# sheet 明细\n| 工号 | 教师 | 金额 |\n| T01 | 王芳 | 10 |\n| T01 | 王芳 | 25 |\n| T01 | 王芳 | 5 |\n| T02 | 李强 | 7 |\n",
		want: []string{
			"明细 修改 T01 王芳（第 2 个）: 金额 20 → 25 (+5)",
			// After the last row the two tables share, what the old one
			// had is removed before what the new one has is added, as
			// diff(1) shows it.
			"明细 删除 T02: 教师 T02 → （空）; 金额 7 → （空） (-7)",
			"明细 新增 T01 王芳（第 3 个）: 工号 （空） → T01; 教师 （空） → 王芳; 金额 （空） → 5 (+5)",
			"明细 新增 T02 李强: 工号 （空） → T02; 教师 （空） → 李强; 金额 （空） → 7 (+7)",
		},
	}, {
		name: "扣款明细 by what a record says, with or without a source cell",
		old: `# sheet 扣款明细
| 日期 | 教师 | 事项 | 比例 | 状态 | 来源 |
| @2026-09-03 | 李强 | 早退 | 10% | 已扣除 | 考核记录.xlsx 考核!D2 |
| @2026-09-08 | 李强 | 早退 | 10% | 已扣除 | 考核记录.xlsx 考核!D3 |
| @2026-09-09 | 陈静 | 早退 | 10% | 已扣除 | |
`,
		new: `# sheet 扣款明细
| 日期 | 教师 | 事项 | 比例 | 状态 | 来源 |
| @2026-09-01 | 李强 | 早退 | 10% | 已扣除 | 考核记录.xlsx 考核!D5 |
| @2026-09-03 | 李强 | 早退 | 10% | 已扣除 | 考核记录.xlsx 考核!D2 |
| @2026-09-08 | 李强 | 早退 | 100% | 已扣除 | 考核记录.xlsx 考核!D3 |
| @2026-09-09 | 陈静 | 早退 | 20% | 已扣除 | |
`,
		want: []string{
			"扣款明细 新增 2026-09-01 李强 早退: 日期 （空） → 2026-09-01; 教师 （空） → 李强; 事项 （空） → 早退; 比例 （空） → 10%; 状态 （空） → 已扣除; 来源 （空） → 考核记录.xlsx 考核!D5",
			"扣款明细 修改 2026-09-08 李强 早退: 比例 10% → 100%",
			"扣款明细 修改 2026-09-09 陈静 早退: 比例 10% → 20%",
		},
	}, {
		name: "计算说明 by 项目",
		old:  "# sheet 计算说明\n| 项目 | 内容 |\n| 月份 | 2026年9月 |\n| 规则文件 sha256 | aa |\n| kfpay 版本 | 0.1.0 |\n",
		new:  "# sheet 计算说明\n| 项目 | 内容 |\n| 月份 | 2026年9月 |\n| kfpay 版本 | 0.2.0 |\n| 规则文件 sha256 | aa |\n",
		want: []string{"计算说明 修改 kfpay 版本: 内容 0.1.0 → 0.2.0"},
	}, {
		name: "a column added and one removed are reported once",
		old:  "# sheet 出勤公示\n| 工号 | 教师 | 早退 | 请假 |\n| T01 | 王芳 | 1 | 0 |\n",
		new:  "# sheet 出勤公示\n| 工号 | 教师 | 早退 | 迟到 |\n| T01 | 王芳 | 2 | 1 |\n",
		want: []string{
			"出勤公示 删除列 请假",
			"出勤公示 新增列 迟到",
			"出勤公示 修改 T01 王芳: 早退 1 → 2 (+1)",
		},
	}, {
		name: "the posted settlement: a masked 学号 repeats, so 班级 joins the key",
		old: `# sheet 学生结算
# title 2026年秋季学期 退费公示
| 班级 | 学号 | 姓名 | 服务天数 | 合计退费 |
| 一(1)班 | '0001 | 王*明 | 90 | ~money 12.5 |
| 一(1)班 | '0002 | 李* | 90 | ~money 12.5 |
| 二(1)班 | '0001 | 欧**明 | 90 | ~money 12.5 |
`,
		new: `# sheet 学生结算
# title 2026年秋季学期 退费公示
| 班级 | 学号 | 姓名 | 服务天数 | 合计退费 |
| 一(1)班 | '0001 | 王*明 | 90 | ~money 12.5 |
| 一(1)班 | '0002 | 李* | 60 | ~money 210.3 |
| 二(1)班 | '0001 | 欧**明 | 90 | ~money 12.4 |
`,
		want: []string{
			"学生结算 修改 一(1)班 0002 李*: 服务天数 90 → 60 (-30); 合计退费 12.50 → 210.30 (+197.80)",
			"学生结算 修改 二(1)班 0001 欧**明: 合计退费 12.50 → 12.40 (-0.10)",
		},
	}, {
		name: "the bursar's settlement: two 学号 tables, subtotals by their text",
		old: `# sheet 学生明细
| 班级 | 学号 | 姓名 | 应收 |
| 一(1)班 | 20260001 | 王小明 | ~money 600 |
| 一(1)班 | 20260002 | 李四 | ~money 600 |
| 一(1)班小计 | | | ~money 1200 |
| 合计 | | | ~money 1200 |

| 班级 | 学号 | 姓名 | 应补缴 |
| 一(1)班 | 20260002 | 李四 | ~money 10 |
`,
		new: `# sheet 学生明细
| 班级 | 学号 | 姓名 | 应收 |
| 一(1)班 | 20260001 | 王小明 | ~money 600 |
| 一(1)班 | 20260002 | 李四 | ~money 300 |
| 一(1)班小计 | | | ~money 900 |
| 合计 | | | ~money 900 |

| 班级 | 学号 | 姓名 | 应补缴 |
| 一(1)班 | 20260001 | 王小明 | ~money 5 |
`,
		want: []string{
			"学生明细 修改 20260002 李四: 应收 600.00 → 300.00 (-300.00)",
			"学生明细 修改 一(1)班小计: 应收 1200.00 → 900.00 (-300.00)",
			"学生明细 修改 合计: 应收 1200.00 → 900.00 (-300.00)",
			"学生明细 删除 20260002 李四: 班级 一(1)班 → （空）; 学号 20260002 → （空）; 姓名 李四 → （空）; 应补缴 10.00 → （空） (-10.00)",
			"学生明细 新增 20260001 王小明: 班级 （空） → 一(1)班; 学号 （空） → 20260001; 姓名 （空） → 王小明; 应补缴 （空） → 5.00 (+5.00)",
		},
	}, {
		name: "rows sharing a key are told apart by their order",
		old:  "# sheet 项\n| 项目 | 金额 |\n| 其他 | 1 |\n| 其他 | 2 |\n",
		new:  "# sheet 项\n| 项目 | 金额 |\n| 其他 | 1 |\n| 其他 | 3 |\n",
		want: []string{"项 修改 其他（第 2 个）: 金额 2 → 3 (+1)"},
	}, {
		name: "no key column: by row number and column letter",
		old:  "# sheet 库存\n| 品名 | 数量 |\n| 跳绳 | 20 |\n",
		new:  "# sheet 库存\n| 品名 | 数量 |\n| 跳绳 | 25 |\n| 毽子 | 1 |\n",
		want: []string{
			"库存(按行号) 修改 第 2 行: B 20 → 25 (+5)",
			"库存(按行号) 新增 第 3 行: A （空） → 毽子; B （空） → 1 (+1)",
		},
	}, {
		name: "a sheet in one workbook only",
		old:  "# sheet 甲\n| 教师 | 工号 |\n| 王芳 | T01 |\n",
		new:  "# sheet 甲\n| 教师 | 工号 |\n| 王芳 | T01 |\n# sheet 更正\n| 工号 | 教师 | 补发 |\n| T01 | 王芳 | ~money 21 |\n",
		want: []string{"更正(new) 新增 T01 王芳: 工号 （空） → T01; 教师 （空） → 王芳; 补发 （空） → 21.00 (+21.00)"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := diffLines(t, tc.old, tc.new)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("DiffBooks mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDiffBooksSheets(t *testing.T) {
	old := "# sheet 甲\n| 教师 | 工号 |\n| 王芳 | T01 |\n# sheet 乙\n| 项目 | 内容 |\n| a | 1 |\n"
	new := "# sheet 甲\n| 教师 | 工号 |\n| 王芳 | T02 |\n# sheet 乙\n| 项目 | 内容 |\n| a | 2 |\n"
	got := diffLines(t, old, new, "乙")
	want := []string{"乙 修改 a: 内容 1 → 2 (+1)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("DiffBooks(乙) mismatch (-want +got):\n%s", diff)
	}
}

func TestCellDiffDelta(t *testing.T) {
	num := func(s string) Cell { return Cell{Text: s, Kind: CellNumber} }
	for _, tc := range []struct {
		old, new Cell
		want     string
		ok       bool
	}{
		{num("929.00"), num("950.00"), "+21.00", true},
		{num("950.00"), num("929.00"), "-21.00", true},
		{num("12"), num("13"), "+1", true},
		{num("12"), num("12.5"), "+0.5", true},
		{Cell{}, num("10.00"), "+10.00", true},
		{num("10.00"), Cell{}, "-10.00", true},
		{num("0.00"), num("0.00"), "0.00", true},
		{Cell{Text: "a"}, Cell{Text: "b"}, "", false},
		{Cell{Text: "10%", Kind: CellPercent}, Cell{Text: "20%", Kind: CellPercent}, "", false},
		{Cell{Text: "a"}, num("1"), "", false},
		{Cell{}, Cell{}, "", false},
	} {
		got, ok := CellDiff{Old: tc.old, New: tc.new}.Delta()
		if got != tc.want || ok != tc.ok {
			t.Errorf("Delta(%q → %q) = %q, %v; want %q, %v", tc.old.Text, tc.new.Text, got, ok, tc.want, tc.ok)
		}
	}
}

// TestDiffBooksSeal checks that the seal of a payout, its hidden 校验数据
// and the 校验码 row of 计算说明, is compared only when --sheet names its
// sheet: it follows from figures the diff shows already.
func TestDiffBooksSeal(t *testing.T) {
	book := func(code, total string) string {
		return "# sheet 计算说明\n| 项目 | 内容 |\n| 月份 | 2026-09 |\n| 校验码 | " + code + " |\n" +
			"# sheet 校验数据\n# hidden\n| 工号 | 合计 |\n| T01 | " + total + " |\n"
	}
	old, new := book("aaa", "10"), book("bbb", "11")
	if got := diffLines(t, old, new); len(got) != 0 {
		t.Errorf("DiffBooks = %q, want no difference", got)
	}
	if got, want := diffLines(t, old, new, "校验数据"), []string{"校验数据 修改 T01: 合计 10 → 11 (+1)"}; !cmp.Equal(got, want) {
		t.Errorf("DiffBooks(校验数据) = %q, want %q", got, want)
	}
	if got, want := diffLines(t, old, new, "计算说明"), []string{"计算说明 修改 校验码: 内容 aaa → bbb"}; !cmp.Equal(got, want) {
		t.Errorf("DiffBooks(计算说明) = %q, want %q", got, want)
	}
}

// records is a 扣款明细 of the described rows, each `date|工号|教师|事项|
// 比例|扣除金额|奖励|来源|说明`, under its header and above its 合计 row.
func records(total string, rows ...string) string {
	var b strings.Builder
	b.WriteString("# sheet 扣款明细\n| 日期 | 工号 | 教师 | 事项 | 比例 | 扣除金额 | 奖励 | 状态 | 来源 | 说明 |\n")
	for _, r := range rows {
		f := strings.Split(r, "|")
		b.WriteString("| @" + f[0] + " | " + f[1] + " | " + f[2] + " | " + f[3] + " | " + f[4] + " | " + f[5] + " | " + f[6] + " | 已扣除 | " + f[7] + " | " + f[8] + " |\n")
	}
	b.WriteString("| 合计 | | | | | " + total + " | | | | |\n")
	return b.String()
}

// TestDiffRecordsByContent checks that the rows of 扣款明细 are matched by
// what each record says (issue 17), not by the cell it came from.
func TestDiffRecordsByContent(t *testing.T) {
	early := func(day, src, pct, yuan string) string {
		return "2026-09-" + day + "|T02|李强|早退|" + pct + "|" + yuan + "||考核记录.xlsx 考核!" + src + "|"
	}
	complaint := func(day, who, src, pct, yuan string) string {
		return "2026-09-" + day + "|T01|" + who + "|家长投诉|" + pct + "|" + yuan + "||" + src + "|"
	}
	for _, tc := range []struct {
		name     string
		old, new string
		moves    bool
		want     []string
	}{{
		// The corrected file has another name, so every 来源 changed; the
		// late complaint is the one record added.
		name: "a late complaint in a corrected file",
		old:  records("30.00", early("03", "D2", "10%", "15.00"), early("08", "D3", "10%", "15.00")),
		new: records("90.00", "2026-09-03|T02|李强|早退|10%|15.00||考核记录-更正.xlsx 考核!D2|",
			"2026-09-08|T02|李强|早退|10%|15.00||考核记录-更正.xlsx 考核!D3|",
			"2026-09-24|T02|李强|家长投诉|40%|60.00||考核记录-更正.xlsx 考核!D4|"),
		want: []string{
			"扣款明细 新增 2026-09-24 T02 李强 家长投诉: 日期 （空） → 2026-09-24; 工号 （空） → T02; 教师 （空） → 李强; 事项 （空） → 家长投诉; 比例 （空） → 40%; 扣除金额 （空） → 60 (+60); 状态 （空） → 已扣除; 来源 （空） → 考核记录-更正.xlsx 考核!D4",
			"扣款明细 修改 合计: 扣除金额 30 → 90 (+60)",
		},
	}, {
		// An early leave inserted in the middle shifts the rows below it
		// and makes the one of the 8th the third of the month: one added,
		// one changed.
		name: "a record inserted in the middle",
		old:  records("30.00", early("03", "D2", "10%", "15.00"), early("08", "D3", "10%", "15.00")),
		new:  records("150.00", early("03", "D2", "10%", "15.00"), early("05", "D3", "10%", "15.00"), early("08", "D4", "100%", "120.00")),
		want: []string{
			"扣款明细 新增 2026-09-05 T02 李强 早退: 日期 （空） → 2026-09-05; 工号 （空） → T02; 教师 （空） → 李强; 事项 （空） → 早退; 比例 （空） → 10%; 扣除金额 （空） → 15 (+15); 状态 （空） → 已扣除; 来源 （空） → 考核记录.xlsx 考核!D3",
			"扣款明细 修改 2026-09-08 T02 李强 早退: 比例 10% → 100%; 扣除金额 15 → 120 (+105)",
			"扣款明细 修改 合计: 扣除金额 30 → 150 (+120)",
		},
	}, {
		name: "the same records in another order",
		old:  records("30.00", early("03", "D2", "10%", "15.00"), early("08", "D3", "10%", "15.00")),
		new:  records("30.00", early("08", "D2", "10%", "15.00"), early("03", "D3", "10%", "15.00")),
	}, {
		name:  "moved, on request",
		old:   records("30.00", early("03", "D2", "10%", "15.00"), early("08", "D3", "10%", "15.00")),
		new:   records("30.00", early("08", "D2", "10%", "15.00"), early("03", "D3", "10%", "15.00")),
		moves: true,
		want: []string{
			"扣款明细 移动 2026-09-08 T02 李强 早退: 来源 考核记录.xlsx 考核!D3 → 考核记录.xlsx 考核!D2",
			"扣款明细 移动 2026-09-03 T02 李强 早退: 来源 考核记录.xlsx 考核!D2 → 考核记录.xlsx 考核!D3",
		},
	}, {
		// Two complaints about one teacher on one day: the one of 30%
		// went, the 50% one stayed; the third, new, is the second of the
		// day now.
		name: "records alike are told apart by what they say, then by order",
		old: records("80.00", complaint("10", "王芳", "A2", "30%", "30.00"), complaint("10", "王芳", "A3", "50%", "50.00"),
			complaint("12", "王芳", "A4", "10%", "10.00")),
		new: records("60.00", complaint("10", "王芳", "A2", "50%", "50.00"), complaint("12", "王芳", "A3", "10%", "10.00"),
			complaint("12", "王芳", "A4", "10%", "0.00")),
		want: []string{
			"扣款明细 删除 2026-09-10 T01 王芳 家长投诉: 日期 2026-09-10 → （空）; 工号 T01 → （空）; 教师 王芳 → （空）; 事项 家长投诉 → （空）; 比例 30% → （空）; 扣除金额 30 → （空） (-30); 状态 已扣除 → （空）; 来源 A2 → （空）",
			"扣款明细 新增 2026-09-12 T01 王芳 家长投诉（第 2 个）: 日期 （空） → 2026-09-12; 工号 （空） → T01; 教师 （空） → 王芳; 事项 （空） → 家长投诉; 比例 （空） → 10%; 扣除金额 （空） → 0 (0); 状态 （空） → 已扣除; 来源 （空） → A4",
			"扣款明细 修改 合计: 扣除金额 80 → 60 (-20)",
		},
	}, {
		// A percent corrected: the same record, changed.
		name: "a percent corrected",
		old:  records("30.00", complaint("10", "王芳", "A2", "30%", "30.00")),
		new:  records("40.00", complaint("10", "王芳", "A2", "40%", "40.00")),
		want: []string{
			"扣款明细 修改 2026-09-10 T01 王芳 家长投诉: 比例 30% → 40%; 扣除金额 30 → 40 (+10)",
			"扣款明细 修改 合计: 扣除金额 30 → 40 (+10)",
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := diffLinesWith(t, tc.old, tc.new, Options{Moves: tc.moves})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("DiffBooks (-want +got):\n%s", diff)
			}
		})
	}
}
