package main

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"kfpay/sheet/sheettest"
)

// slipFigures are the figures of one pupil, as a family slip or a row of
// 学生明细 gives them. Leaver and Refund are signed as in 学生明细: a slip
// shows 少缴 and 应补缴 as positive amounts under their own labels.
type slipFigures struct {
	Class, ID, Name string
	Days            string
	Gross, Waived   string
	Due, Paid       string
	Leaver, Share   string
	Refund          string
	Sentence        string // the slip's 计算方法, "" for a row of 学生明细
}

// moneyCell reads a raw money cell as kfpay writes it (600, 338.46, -300) and
// formats it to the fen.
func moneyCell(t *testing.T, s string) string {
	t.Helper()
	d, err := decimal.NewFromString(s)
	if err != nil {
		t.Fatalf("money cell %q: %v", s, err)
	}
	return d.StringFixed(2)
}

// readSlips reads every slip of the slips workbook at path, in order, by
// the labels of its rows: the one sheet 退费通知单, or the sheets of a big
// school in their order.
func readSlips(t *testing.T, path string) []slipFigures {
	t.Helper()
	var slips []slipFigures
	for _, sheet := range slipSheetNames(t, path) {
		slips = append(slips, readSlipSheet(t, path, sheet)...)
	}
	return slips
}

// slipSheetNames is the sheets of the workbook at path, in order.
func slipSheetNames(t *testing.T, path string) []string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return f.GetSheetList()
}

// readSlipSheet reads the slips of one sheet of the slips workbook.
func readSlipSheet(t *testing.T, path, sheet string) []slipFigures {
	t.Helper()
	rows, err := sheettest.Cells(path, sheet)
	if err != nil {
		t.Fatal(err)
	}
	cell := func(row []string, i int) string {
		if i < len(row) {
			return row[i]
		}
		return ""
	}
	var slips []slipFigures
	var cur *slipFigures
	for _, row := range rows {
		switch label := cell(row, 0); {
		case label == "班级":
			slips = append(slips, slipFigures{Class: cell(row, 1), ID: cell(row, 3), Name: cell(row, 5)})
			cur = &slips[len(slips)-1]
			if cell(row, 2) != "学号" || cell(row, 4) != "姓名" {
				t.Fatalf("slip row %q: want 班级, 学号, 姓名", row)
			}
		case cur == nil:
		case label == "服务期间":
			cur.Days = cell(row, 5)
		case label == "服务费":
			cur.Gross, cur.Waived, cur.Due = moneyCell(t, cell(row, 1)), moneyCell(t, cell(row, 3)), moneyCell(t, cell(row, 5))
		case label == "已缴":
			cur.Paid, cur.Leaver, cur.Share = moneyCell(t, cell(row, 1)), moneyCell(t, cell(row, 3)), moneyCell(t, cell(row, 5))
			switch cell(row, 2) {
			case "多缴退费":
			case "少缴":
				cur.Leaver = "-" + cur.Leaver
			default:
				t.Fatalf("slip of %s: %q where 多缴退费 or 少缴 belongs", cur.ID, cell(row, 2))
			}
		case label == "合计退费":
			cur.Refund = moneyCell(t, cell(row, 1))
		case label == "应补缴":
			cur.Refund = "-" + moneyCell(t, cell(row, 1))
		case strings.HasPrefix(label, "计算方法："):
			cur.Sentence = strings.TrimPrefix(label, "计算方法：")
		}
	}
	return slips
}

// readPupilRows reads the pupils' rows of 学生明细 in the internal workbook
// at path: every row with a 学号, by the header's names.
func readPupilRows(t *testing.T, path string) []slipFigures {
	t.Helper()
	rows, err := sheettest.Cells(path, "学生明细")
	if err != nil {
		t.Fatal(err)
	}
	var col map[string]int
	var out []slipFigures
	for _, row := range rows {
		if col == nil {
			if slices.Contains(row, "学号") {
				col = map[string]int{}
				for i, h := range row {
					col[h] = i
				}
			}
			continue
		}
		get := func(h string) string {
			i, ok := col[h]
			if !ok {
				t.Fatalf("学生明细 has no column %s", h)
			}
			if i < len(row) {
				return row[i]
			}
			return ""
		}
		if get("学号") == "" {
			continue // a subtotal, the 合计, the note below
		}
		out = append(out, slipFigures{
			Class: get("班级"), ID: get("学号"), Name: get("姓名"), Days: get("服务天数"),
			Gross: moneyCell(t, get("服务费")), Waived: moneyCell(t, get("减免")), Due: moneyCell(t, get("应缴")), Paid: moneyCell(t, get("已缴")),
			Leaver: moneyCell(t, get("多缴退费")), Share: moneyCell(t, get("结余退费")), Refund: moneyCell(t, get("合计退费")),
		})
	}
	return out
}

// checkSlipsMatch checks that the slips workbook has one slip per pupil of
// 学生明细, in its order, each with that row's figures, and returns the
// slips by 学号.
func checkSlipsMatch(t *testing.T, slipsPath, internalPath string) map[string]slipFigures {
	t.Helper()
	slips, pupils := readSlips(t, slipsPath), readPupilRows(t, internalPath)
	if len(slips) != len(pupils) || len(slips) == 0 {
		t.Fatalf("%d slips for %d pupils of 学生明细", len(slips), len(pupils))
	}
	byID := map[string]slipFigures{}
	for i, p := range pupils {
		s := slips[i]
		if s.Sentence == "" {
			t.Errorf("the slip of %s says not how its refund was worked out", s.ID)
		}
		byID[s.ID] = s
		s.Sentence = ""
		if s != p {
			t.Errorf("slip %d = %+v,\nits row of 学生明细 = %+v", i+1, s, p)
		}
	}
	return byID
}

// TestSettleSlipsMatchInternal settles the term of testdata/script/settle
// and checks that every family slip carries its pupil's row of 学生明细, and
// the figures of five families worked by hand from SPEC 4.3–4.4.
//
// The term: 2026-09-01 to 2026-10-29, S = 39 service days (September 22,
// October 17), fee 600.00. Income Σ 应缴 = 2076.92; teacher pay 834.00 +
// 762.00 − 王芳's recovery 180.00 = 1416.00; spending 236.50; surplus
// 2076.92 − 1416.00 − 236.50 = 424.42, shared in proportion to 应缴 by
// largest remainder on 42442 fen: quotas (fen) 12261.04 (600.00), 6130.52
// (300.00), 12261.04 (600.00), 6916.45 (338.46), 2672.29 (130.77), 0 (0),
// 2200.65 (107.69); floors 42440, the 2 fen left to the largest remainders
// .65 and .52.
func TestSettleSlipsMatchInternal(t *testing.T) {
	dir := t.TempDir()
	scriptInputs(t, "settle", dir)
	termPayrolls(t, dir)
	termSettle(t, dir)
	slips := checkSlipsMatch(t, filepath.Join(dir, "收费结算-退费通知单.xlsx"), filepath.Join(dir, "收费结算-内部.xlsx"))

	for _, want := range []slipFigures{
		// A full payer, 王小明: 39 days = S, so 服务费 = fee = 600.00; no
		// waiver, 应缴 600.00; 已缴 empty, so what was asked on joining:
		// 600.00; 多缴退费 600.00 − 600.00 = 0; share 12261.04 fen → 122.61;
		// 合计退费 0 + 122.61 = 122.61.
		{Class: "一(1)班", ID: "2026010101", Name: "王小明", Days: "39", Gross: "600.00", Waived: "0.00", Due: "600.00",
			Paid: "600.00", Leaver: "0.00", Share: "122.61", Refund: "122.61"},
		// A half waiver, 李四: 减免 300 of the 600.00 fee, whole term: 600.00
		// × 300 ÷ 600 = 300.00; 应缴 300.00; asked on joining 600.00 −
		// 300.00 = 300.00, so 多缴退费 0; share 6130.52 fen, lifted by a
		// remainder of .52 to 61.31; 合计退费 61.31.
		{Class: "一(1)班", ID: "2026010102", Name: "李四", Days: "39", Gross: "600.00", Waived: "300.00", Due: "300.00",
			Paid: "300.00", Leaver: "0.00", Share: "61.31", Refund: "61.31"},
		// A family that owes, 孙七: 应缴 600.00, 已缴 300 given, so 多缴退费
		// 300.00 − 600.00 = −300.00 (the slip says 少缴 300.00); share
		// 122.61; 合计退费 −300.00 + 122.61 = −177.39 (the slip says 应补缴
		// 177.39).
		{Class: "一(1)班", ID: "2026010103", Name: "孙七", Days: "39", Gross: "600.00", Waived: "0.00", Due: "600.00",
			Paid: "300.00", Leaver: "-300.00", Share: "122.61", Refund: "-177.39"},
		// A leaver, 欧阳小明, out on 2026-09-30: September's 22 days; 服务费
		// 600 × 22 ÷ 39 = 338.4615… → 338.46; 应缴 338.46; asked on joining
		// the whole 600.00; 多缴退费 600.00 − 338.46 = 261.54; share 6916.45
		// fen → 69.16; 合计退费 261.54 + 69.16 = 330.70.
		{Class: "二(1)班", ID: "2026020101", Name: "欧阳小明", Days: "22", Gross: "338.46", Waived: "0.00", Due: "338.46",
			Paid: "600.00", Leaver: "261.54", Share: "69.16", Refund: "330.70"},
		// A full waiver, 赵六: 100% of 600.00; 应缴 0; asked 0, 已缴 0; no
		// share of the surplus (shares go by 应缴); nothing refunded or owed.
		{Class: "二(1)班", ID: "2026020103", Name: "赵六", Days: "39", Gross: "600.00", Waived: "600.00", Due: "0.00",
			Paid: "0.00", Leaver: "0.00", Share: "0.00", Refund: "0.00"},
	} {
		got := slips[want.ID]
		got.Sentence = ""
		if got != want {
			t.Errorf("slip of %s = %+v,\nworked by hand   %+v", want.ID, got, want)
		}
	}
	// The sentence of the leaver, with its own figures.
	if got, want := slips["2026020101"].Sentence, "9月1日至9月30日参加 22 天，服务费 600.00 × 22 ÷ 39 = 338.46 元"; !strings.Contains(got, want) {
		t.Errorf("the leaver's slip says %q, want it to contain %q", got, want)
	}
}

// TestSettleDemoSlipsMatchInternal: the same check on every one of the 120
// slips of the demo term, whose kinds of pupil the session settle_demo
// works by hand.
func TestSettleDemoSlipsMatchInternal(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	kfpay(t, "settle", "--demo")
	slips := checkSlipsMatch(t, filepath.Join(dir, "退费通知单-2026年秋季学期.xlsx"), filepath.Join(dir, "收费结算-2026年秋季学期-内部.xlsx"))
	if len(slips) != 120 {
		t.Errorf("%d slips, want 120", len(slips))
	}
}

// TestSettleBigSchoolSlipSheets settles a generated school of 2,400
// pupils (60 classes of 40), whose slips print on 1,200 pages, two to a
// page: more than the 1,026 manual page breaks Excel keeps on a sheet. The
// slips go on two sheets of whole classes, each under 1,000 breaks, named
// by the first and last class they hold, and every slip still carries its
// row of 学生明细.
func TestSettleBigSchoolSlipSheets(t *testing.T) {
	if testing.Short() {
		t.Skip("settles 2,400 pupils")
	}
	dir := t.TempDir()
	slipsPath, internal := bigSchoolSlips(t, dir, 2400)
	slips := checkSlipsMatch(t, slipsPath, internal)
	if len(slips) != 2400 {
		t.Fatalf("%d slips, want 2400", len(slips))
	}
	sheets := slipSheetNames(t, slipsPath)
	// 60 classes of 40 slips, 20 pages each: 50 classes (1,000 pages, 999
	// breaks) fit a sheet of at most 1,001 pages, the other 10 go on the
	// second.
	if len(sheets) != 2 {
		t.Fatalf("the slips are on sheets %q, want two", sheets)
	}
	classOf := map[string]string{} // sheet of each class
	for _, sheet := range sheets {
		sheetSlips := readSlipSheet(t, slipsPath, sheet)
		first, last := sheetSlips[0].Class, sheetSlips[len(sheetSlips)-1].Class
		if want := first + "至" + last; sheet != want {
			t.Errorf("sheet %q holds the classes %s to %s: want it named %q", sheet, first, last, want)
		}
		for _, s := range sheetSlips {
			if other, ok := classOf[s.Class]; ok && other != sheet {
				t.Errorf("class %s is on sheets %q and %q", s.Class, other, sheet)
			}
			classOf[s.Class] = sheet
		}
		breaks := sheetBreaks(t, slipsPath, sheet)
		if breaks > 1000 {
			t.Errorf("sheet %q has %d page breaks, more than Excel keeps", sheet, breaks)
		}
		if want := len(sheetSlips)/2 - 1; breaks != want {
			t.Errorf("sheet %q has %d page breaks for %d slips two to a page, want %d", sheet, breaks, len(sheetSlips), want)
		}
	}
	if n := len(readSlipSheet(t, slipsPath, sheets[0])); n != 2000 {
		t.Errorf("the first sheet holds %d slips, want 2000 (50 classes of 40)", n)
	}
}

// bigSchoolSlips settles a generated roster of n pupils in dir against
// five small generated months and returns the paths of the slips and of
// the bursar's workbook.
func bigSchoolSlips(t *testing.T, dir string, n int) (slips, internal string) {
	t.Helper()
	roster := filepath.Join(dir, "学生名单.xlsx")
	kfpay(t, "gen", "--pupils", strconv.Itoa(n), "-o", roster)
	args := []string{"settle", "--roster", roster, "--no-expenses", "-o", filepath.Join(dir, "结算.xlsx")}
	for _, m := range []string{"2026-09", "2026-10", "2026-11", "2026-12", "2027-01"} {
		log, rec, pay := filepath.Join(dir, "log-"+m+".xlsx"), filepath.Join(dir, "rec-"+m+".xlsx"), filepath.Join(dir, "发放表-"+m+".xlsx")
		kfpay(t, "gen", "--rows", "400", "--month", m, "-o", log, "--records", rec)
		kfpay(t, "payroll", "--month", m, "--sessions", log, "--records", rec, "-o", pay)
		args = append(args, "--payouts", pay)
	}
	kfpay(t, args...)
	return filepath.Join(dir, "结算-退费通知单.xlsx"), filepath.Join(dir, "结算-内部.xlsx")
}

// sheetBreaks is the number of manual page breaks of sheet in the
// workbook at path, by its <rowBreaks>.
func sheetBreaks(t *testing.T, path, sheet string) int {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	id, _ := f.GetSheetIndex(sheet)
	x, err := sheettest.Part(path, fmt.Sprintf("xl/worksheets/sheet%d.xml", id+1))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(x, "<brk ")
}
