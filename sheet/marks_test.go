package sheet

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kfpay/calc"
	"kfpay/rules"
)

// styled is a range of cells given a style.
type styled struct {
	from, to string
	style    *excelize.Style
}

// rich is a cell of rich text: runs, some struck through.
type rich struct {
	cell string
	runs []excelize.RichTextRun
}

// struckRun and plainRun are runs of rich text as a bursar leaves them
// after striking part of a cell's text in Excel's or WPS's edit bar.
func struckRun(s string) excelize.RichTextRun {
	return excelize.RichTextRun{Text: s, Font: &excelize.Font{Strike: true}}
}

func plainRun(s string) excelize.RichTextRun {
	return excelize.RichTextRun{Text: s, Font: &excelize.Font{}}
}

// fill is a solid fill of the colour rgb, as Excel's fill colour button
// gives a cell.
func fill(rgb string) *excelize.Style {
	return &excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{rgb}}}
}

// markedBook writes rows to Sheet1 of a workbook named name, then the
// styles and rich text, and returns its path.
func markedBook(t *testing.T, name string, rows [][]any, styles []styled, texts []rich) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range styles {
		id, err := f.NewStyle(s.style)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle("Sheet1", s.from, s.to, id); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range texts {
		if err := f.SetCellRichText("Sheet1", r.cell, r.runs); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// marked lists the problems of the codes that tell of a row marked
// cancelled, one a line: each problem as it is printed.
func marked(problems calc.Problems) string {
	var got []string
	for _, p := range problems {
		switch p.Code {
		case "struck-row", "red-row", "struck-part":
			kind := "警告"
			if !p.Warning {
				kind = "错误"
			}
			got = append(got, kind+" "+p.Error())
		}
	}
	return strings.Join(got, "\n")
}

// paid is each teacher's lessons in the payroll of tl, by name.
func paid(t *testing.T, r *rules.Rules, tl *calc.Tally) string {
	t.Helper()
	p, _ := calc.Payroll(r, tl, nil)
	var out []string
	for _, l := range p.Lines {
		out = append(out, l.Name+" "+l.Lessons.String())
	}
	return strings.Join(out, ", ")
}

// TestRedRow: a bursar who fills a row red to cancel it has not deleted
// it, and kfpay pays it, as Excel's SUM counts it, with a warning at the
// first red cell it reads. A yellow or green highlight, used for other
// reasons, says nothing, nor does a red 合计 row, which is not paid.
func TestRedRow(t *testing.T) {
	path := markedBook(t, "课时登记.xlsx", [][]any{
		{"日期", "教师", "类型", "节数", "备注"},
		{"2026-09-01", "王芳", "上课", 2, ""},
		{"2026-09-02", "王芳", "上课", 3, ""},      // 3: filled red, Excel's 红色
		{"2026-09-03", "李强", "上课", 1, ""},      // 4: yellow
		{"2026-09-04", "李强", "上课", 1, ""},      // 5: green
		{"2026-09-07", "王芳", "上课", 1, ""},      // 6: only 节数 dark red
		{"2026-09-08", "李强", "上课", 2, ""},      // 7: 教师 light red and struck
		{"2026-09-09", "李强", "上课", 1, "作废"},    // 8: only 备注 red
		{"2026-09-10", "王芳", "上课", 1, "", "x"}, // 9: red outside the columns kfpay reads
		{"", "合计", "", 12, ""},                 // 10: a total row made to stand out, not paid
	}, []styled{
		{"A3", "E3", fill("FF0000")},
		{"A4", "E4", fill("FFFF00")},
		{"A5", "E5", fill("00B050")},
		{"D6", "D6", fill("C00000")},
		{"B7", "B7", &excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFC7CE"}}, Font: &excelize.Font{Strike: true}}},
		{"E8", "E8", fill("FF5050")},
		{"F9", "F9", fill("FF0000")},
		{"A10", "E10", fill("FF0000")},
	}, nil)
	r := rules.Default()
	tl := calc.NewTally(r, september)
	_, problems := ReadSessions(context.Background(), path, "", r, tl)
	if errs := problems.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	want := "警告 课时登记.xlsx Sheet1!A3：第 3 行填了红色底色，已照常读取；如这一行已作废，请删除该行\n" +
		"警告 课时登记.xlsx Sheet1!D6：第 6 行填了红色底色，已照常读取；如这一行已作废，请删除该行\n" +
		"警告 课时登记.xlsx Sheet1!B7：第 7 行的内容带删除线，已照常读取；如这一行已作废，请删除该行\n" +
		"警告 课时登记.xlsx Sheet1!B7：第 7 行填了红色底色，已照常读取；如这一行已作废，请删除该行\n" +
		"警告 课时登记.xlsx Sheet1!E8：第 8 行填了红色底色，已照常读取；如这一行已作废，请删除该行"
	if got := marked(problems); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	// Still paid: 王芳 2 + 3 + 1 + 1 = 7 lessons, 李强 1 + 1 + 2 + 1 = 5.
	if got, want := paid(t, r, tl), "李强 5, 王芳 7"; got != want {
		t.Errorf("paid %s, want %s", got, want)
	}
}

// TestStruckRun: a bursar who strikes part of a cell's text ("3" struck,
// "2" typed beside it) leaves a rich-text cell whose whole text reads
// "32". In a count, an amount or a name kfpay cannot tell which part the
// bursar meant, so it is an error at the cell; in 备注 it changes no
// figure and the row is read with the struck-row warning, as is a cell
// whose every run is struck.
func TestStruckRun(t *testing.T) {
	r := rules.Default()
	t.Run("errors", func(t *testing.T) {
		path := markedBook(t, "课时登记.xlsx", [][]any{
			{"日期", "教师", "类型", "节数", "备注"},
			{"2026-09-01", "王芳", "上课", 2, ""},
			{"2026-09-02", "王芳", "上课", "", ""},
			{"2026-09-03", "", "上课", 1, ""},
			{"2026-09-04", "李强", "上课", "", ""},
		}, []styled{
			{"D5", "D5", &excelize.Style{Font: &excelize.Font{Strike: true}}},
		}, []rich{
			{"D3", []excelize.RichTextRun{struckRun("3"), plainRun("2")}},
			{"B4", []excelize.RichTextRun{struckRun("王芳"), plainRun("李强")}},
			// A cell struck whole (Ctrl+5) whose "1" was then unstruck: the
			// "2" in the cell's font is still struck.
			{"D5", []excelize.RichTextRun{plainRun("1"), {Text: "2"}}},
		})
		tl := calc.NewTally(r, september)
		_, problems := ReadSessions(context.Background(), path, "", r, tl)
		want := "错误 课时登记.xlsx Sheet1!D3 节数 \"32\"：这一格的文字只有一部分带删除线，而 kfpay 读到的是整格文字（连同划掉的部分），无法判断哪一部分作废；请删去划掉的文字，只留下应计入的内容\n" +
			"错误 课时登记.xlsx Sheet1!B4 教师 \"王芳李强\"：这一格的文字只有一部分带删除线，而 kfpay 读到的是整格文字（连同划掉的部分），无法判断哪一部分作废；请删去划掉的文字，只留下应计入的内容" + "\n" +
			"错误 课时登记.xlsx Sheet1!D5 节数 \"12\"：这一格的文字只有一部分带删除线，而 kfpay 读到的是整格文字（连同划掉的部分），无法判断哪一部分作废；请删去划掉的文字，只留下应计入的内容"
		if got := marked(problems); got != want {
			t.Errorf("problems:\n%s\nwant:\n%s", got, want)
		}
	})
	t.Run("warnings", func(t *testing.T) {
		path := markedBook(t, "课时登记.xlsx", [][]any{
			{"日期", "教师", "类型", "节数", "备注"},
			{"2026-09-01", "王芳", "上课", 2, ""},
			{"2026-09-02", "王芳", "上课", 3, ""},
			{"2026-09-03", "", "上课", 1, ""},
		}, nil, []rich{
			{"E3", []excelize.RichTextRun{struckRun("代课"), plainRun("自习")}},
			{"B4", []excelize.RichTextRun{struckRun("李"), struckRun("强")}},
		})
		tl := calc.NewTally(r, september)
		_, problems := ReadSessions(context.Background(), path, "", r, tl)
		if errs := problems.Errors(); len(errs) > 0 {
			t.Fatal(errs)
		}
		want := "警告 课时登记.xlsx Sheet1!E3：第 3 行的内容带删除线，已照常读取；如这一行已作废，请删除该行\n" +
			"警告 课时登记.xlsx Sheet1!B4：第 4 行的内容带删除线，已照常读取；如这一行已作废，请删除该行"
		if got := marked(problems); got != want {
			t.Errorf("problems:\n%s\nwant:\n%s", got, want)
		}
		// Still paid: 王芳 2 + 3 = 5 lessons, 李强 1.
		if got, want := paid(t, r, tl), "李强 1, 王芳 5"; got != want {
			t.Errorf("paid %s, want %s", got, want)
		}
	})
}

// TestRecordsMarked: the records are read by the same rows as the session
// log, so a red row there is warned of and an amount partly struck is an
// error, where "100" struck and "50" typed beside it would deduct 10050.
func TestRecordsMarked(t *testing.T) {
	path := markedBook(t, "考核记录.xlsx", [][]any{
		{"日期", "教师", "事项", "金额", "说明"},
		{"2026-09-02", "王芳", "迟到", "", ""},
		{"2026-09-03", "李强", "罚款", "", ""},
	}, []styled{{"A2", "E2", fill("FF0000")}}, []rich{
		{"D3", []excelize.RichTextRun{struckRun("100"), plainRun("50")}},
	})
	_, _, problems := ReadRecords(context.Background(), path, "", september)
	want := "警告 考核记录.xlsx Sheet1!A2：第 2 行填了红色底色，已照常读取；如这一行已作废，请删除该行\n" +
		"错误 考核记录.xlsx Sheet1!D3 金额 \"10050\"：这一格的文字只有一部分带删除线，而 kfpay 读到的是整格文字（连同划掉的部分），无法判断哪一部分作废；请删去划掉的文字，只留下应计入的内容"
	if got := marked(problems); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}

// TestRedColumn: a column filled red, its header too, was made to stand
// out, and its cells say nothing of their rows; a row filled red across
// the other columns is still warned of, at its first red cell there.
func TestRedColumn(t *testing.T) {
	path := markedBook(t, "课时登记.xlsx", [][]any{
		{"日期", "教师", "类型", "节数"},
		{"2026-09-01", "王芳", "上课", 2},
		{"2026-09-02", "王芳", "上课", 3},
		{"2026-09-03", "李强", "上课", 1},
	}, []styled{
		{"D1", "D4", fill("FF0000")},
		{"B3", "C3", fill("FF0000")},
	}, nil)
	r := rules.Default()
	tl := calc.NewTally(r, september)
	_, problems := ReadSessions(context.Background(), path, "", r, tl)
	if errs := problems.Errors(); len(errs) > 0 {
		t.Fatal(errs)
	}
	want := "警告 课时登记.xlsx Sheet1!B3：第 3 行填了红色底色，已照常读取；如这一行已作废，请删除该行"
	if got := marked(problems); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
	if got, want := paid(t, r, tl), "李强 1, 王芳 5"; got != want {
		t.Errorf("paid %s, want %s", got, want)
	}
}
