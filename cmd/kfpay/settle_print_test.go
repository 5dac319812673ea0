package main

// The slips and the posted notice as they print (issue 14): rendered to PDF
// by LibreOffice and read back page by page with poppler's pdftotext, as a
// class teacher would find them coming out of the printer.

import (
	"archive/zip"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A slip as printed: its first row of fields, its seal line, its cut line.
var (
	slipFirst = regexp.MustCompile(`班级\s+(\S+)\s+学号\s+(\S+)\s+姓名`)
	slipSeal  = regexp.MustCompile(`（盖章）`)
	slipCut   = regexp.MustCompile(`沿虚线剪开`)
)

// printedSlip is where a slip printed: its class, its 学号 and its page.
type printedSlip struct {
	class, id string
	page      int
}

// slipPageProblems checks the printed pages of the slips: each slip whole
// on one page (its first row, its seal line and its cut line on the same
// page), each page holding one class's slips, and each class starting on a
// new page. It returns the slips in print order and what is wrong.
func slipPageProblems(pages []string) ([]printedSlip, []string) {
	var slips []printedSlip
	var problems []string
	for i, page := range pages {
		first := slipFirst.FindAllStringSubmatch(page, -1)
		seals, cuts := len(slipSeal.FindAllString(page, -1)), len(slipCut.FindAllString(page, -1))
		if len(first) == 0 || len(first) != seals || len(first) != cuts {
			problems = append(problems, fmt.Sprintf("page %d has %d slip tops, %d seal lines and %d cut lines: a slip is split across pages", i+1, len(first), seals, cuts))
		}
		for _, m := range first {
			if s := (printedSlip{class: m[1], id: m[2], page: i + 1}); len(slips) > 0 && slips[len(slips)-1].class != s.class && slips[len(slips)-1].page == s.page {
				problems = append(problems, fmt.Sprintf("page %d: class %s starts below a slip of %s", i+1, s.class, slips[len(slips)-1].class))
			}
			slips = append(slips, printedSlip{class: m[1], id: m[2], page: i + 1})
		}
	}
	return slips, problems
}

// withoutPageBreaks copies the workbook at src to dst without the manual
// page breaks of its sheets: the slips as they would print had kfpay not
// laid them on pages.
func withoutPageBreaks(t *testing.T, src, dst string) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	zw := zip.NewWriter(out)
	breaks := regexp.MustCompile(`<rowBreaks[^>]*>.*?</rowBreaks>`)
	removed := false
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(f.Name, "xl/worksheets/") && breaks.Match(data) {
			data, removed = breaks.ReplaceAll(data, nil), true
		}
		w, err := zw.Create(f.Name)
		if err == nil {
			_, err = w.Write(data)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if !removed {
		t.Fatalf("%s has no manual page breaks", filepath.Base(src))
	}
}

// TestSettlementPrints prints the demo term's slips and posted notice to
// PDF. Every slip prints whole on one page, two to a page, each class from
// a new page, in the order of 学生明细; the notice prints on one page and
// names no pupil. A copy of the slips without kfpay's page breaks is the
// check's control: printed, it splits slips and mixes classes, which the
// check must see.
func TestSettlementPrints(t *testing.T) {
	tools := needPrintTools(t)
	t.Parallel() // LibreOffice runs with a profile of its own
	dir := t.TempDir()
	work := mkdir(t, filepath.Join(dir, "work"))
	slipsBook := filepath.Join(work, "退费通知单-2026年秋季学期.xlsx")
	posted := filepath.Join(work, "收费结算-2026年秋季学期.xlsx")
	internal := filepath.Join(work, "收费结算-2026年秋季学期-内部.xlsx")
	kfpay(t, "settle", "--demo", "-o", posted, "--slips", slipsBook, "--internal", internal)
	control := filepath.Join(work, "control.xlsx")
	withoutPageBreaks(t, slipsBook, control)
	pdf := mkdir(t, filepath.Join(dir, "pdf"))
	tools.libreOffice(t, pdf, "pdf", "", slipsBook, posted, control)

	pupils := readPupilRows(t, internal)
	pages, _, _ := readPDF(t, tools, filepath.Join(pdf, "退费通知单-2026年秋季学期.pdf"))
	slips, problems := slipPageProblems(pages)
	for _, p := range problems {
		t.Error(p)
	}
	if len(slips) != len(pupils) {
		t.Fatalf("%d slips printed, want one for each of the %d pupils", len(slips), len(pupils))
	}
	perPage := map[int]int{}
	for i, s := range slips {
		if s.id != pupils[i].ID || s.class != pupils[i].Class {
			t.Errorf("printed slip %d is of %s %s, want %s %s", i+1, s.class, s.id, pupils[i].Class, pupils[i].ID)
		}
		perPage[s.page]++
	}
	// Six classes of 20 pupils, two slips to a page: 60 pages.
	if len(pages) != 60 {
		t.Errorf("the slips print on %d pages, want 60 (6 classes × 20 pupils ÷ 2 a page)", len(pages))
	}
	for page, n := range perPage {
		if n != 2 {
			t.Errorf("page %d holds %d slips, want 2", page, n)
		}
	}

	// The control: the same slips without kfpay's page breaks.
	controlPages, _, _ := readPDF(t, tools, filepath.Join(pdf, "control.pdf"))
	if _, problems := slipPageProblems(controlPages); len(problems) == 0 {
		t.Error("the slips printed without page breaks pass the check too: it sees nothing")
	}

	// The notice: one page, the lines to sign, and not one pupil.
	notice, _, _ := readPDF(t, tools, filepath.Join(pdf, "收费结算-2026年秋季学期.pdf"))
	if len(notice) != 1 {
		t.Errorf("the notice prints on %d pages, want 1", len(notice))
	}
	text := strings.Join(notice, "\f")
	for _, want := range []string{"课后服务收支情况公示", "经办人（出纳）", "校长", "家委会代表", "（盖章）", "公示日期", "每应缴 100 元退还"} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed notice lacks %q", want)
		}
	}
	for _, p := range pupils {
		if strings.Contains(text, p.ID) || strings.Contains(text, p.Name) {
			t.Errorf("the printed notice names %s %s", p.ID, p.Name)
		}
	}
}

// TestBigSchoolSlipsPrint prints the slips of a generated school of 2,400
// pupils, which go on two sheets (TestSettleBigSchoolSlipSheets), to PDF
// with LibreOffice: 1,200 pages, two slips to each, every slip whole, each
// class from a new page, in the order of 学生明细, and each sheet numbered
// from its own first page ("第 1 页，共 200 页" on the second sheet's).
func TestBigSchoolSlipsPrint(t *testing.T) {
	tools := needPrintTools(t)
	if testing.Short() {
		t.Skip("prints 1,200 pages")
	}
	t.Parallel() // LibreOffice runs with a profile of its own
	dir := t.TempDir()
	slipsBook, internal := bigSchoolSlips(t, mkdir(t, filepath.Join(dir, "work")), 2400)
	pdf := mkdir(t, filepath.Join(dir, "pdf"))
	tools.libreOffice(t, pdf, "pdf", "", slipsBook)
	text, err := exec.Command(tools.pdftotext, "-layout", filepath.Join(pdf, "结算-退费通知单.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimSuffix(string(text), "\f"), "\f")
	slips, problems := slipPageProblems(pages)
	for _, p := range problems {
		t.Error(p)
	}
	pupils := readPupilRows(t, internal)
	if len(slips) != len(pupils) || len(slips) != 2400 {
		t.Fatalf("%d slips printed for %d pupils, want 2400", len(slips), len(pupils))
	}
	for i, s := range slips {
		if s.id != pupils[i].ID || s.class != pupils[i].Class {
			t.Errorf("printed slip %d is of %s %s, want %s %s", i+1, s.class, s.id, pupils[i].Class, pupils[i].ID)
		}
	}
	// 60 classes of 40, 20 pages each: 50 classes on the first sheet (1,000
	// pages), 10 on the second (200).
	if len(pages) != 1200 {
		t.Fatalf("the slips print on %d pages, want 1200", len(pages))
	}
	for i, page := range pages {
		k, n := i+1, 1000
		if i >= 1000 {
			k, n = i-999, 200
		}
		if want := fmt.Sprintf("第 %d 页，共 %d 页", k, n); !strings.Contains(page, want) {
			t.Errorf("page %d: no %q: LibreOffice broke the pages elsewhere than kfpay", i+1, want)
		}
	}
}
