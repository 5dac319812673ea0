package main

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kfpay/sheet"
)

// TestPrintedSlips prints the pay slips (kfpay slips) of the demo month and
// of a school of 120 teachers with LibreOffice and reads the pages back
// with poppler: LibreOffice printed the pages kfpay laid out (each page's
// footer is its own, "第 k 页，共 N 页"), every teacher's row of figures is
// on exactly one page, and every page holds as many strip titles as rows
// of figures: no strip is split across two pages, its title on one and its
// figures on the next.
func TestPrintedSlips(t *testing.T) {
	tools := needPrintTools(t)
	t.Parallel() // LibreOffice runs with a profile of its own
	dir := t.TempDir()
	out := func(name string) string { return filepath.Join(dir, name) }

	kfpay(t, "payroll", "--demo", "-o", out("发放表-demo.xlsx"))
	kfpay(t, "gen", "--teachers", "120", "--month", "2026-09", "-o", out("课时登记-120.xlsx"), "--records", out("考核记录-120.xlsx"))
	kfpay(t, "payroll", "--month", "2026-09", "--sessions", out("课时登记-120.xlsx"), "--records", out("考核记录-120.xlsx"), "-o", out("发放表-120.xlsx"))
	payouts := []string{out("发放表-demo.xlsx"), out("发放表-120.xlsx")}
	in, pdf := mkdir(t, out("in")), mkdir(t, out("pdf"))
	var staged []string
	for i, p := range payouts {
		slips := strings.Replace(p, "发放表", "工资条", 1)
		kfpay(t, "slips", p)
		staged = append(staged, filepath.Join(in, fmt.Sprintf("slips%d.xlsx", i+1)))
		copyFile(t, slips, staged[i])
	}
	tools.libreOffice(t, pdf, "pdf", "", staged...)

	for i, p := range payouts {
		t.Run(filepath.Base(p), func(t *testing.T) {
			pp, _, problems := sheet.ReadPayoutDetail(context.Background(), p)
			if len(problems.Errors()) > 0 {
				t.Fatal(problems)
			}
			text, err := exec.Command(tools.pdftotext, "-layout", filepath.Join(pdf, fmt.Sprintf("slips%d.pdf", i+1)), "-").Output()
			if err != nil {
				t.Fatal(err)
			}
			pages := strings.Split(strings.TrimSuffix(string(text), "\f"), "\f")
			// The slips sheet's pages, then 说明's one page.
			slipPages := pages[:len(pages)-1]
			title := "课后服务补助工资条"
			seen := map[string]int{} // 工号 → pages it is on
			for k, page := range slipPages {
				if want := fmt.Sprintf("第 %d 页，共 %d 页", k+1, len(slipPages)); !strings.Contains(page, want) {
					t.Errorf("page %d: no %q: LibreOffice broke the pages elsewhere than kfpay", k+1, want)
				}
				// One title is the page header's.
				titles := strings.Count(page, title) - 1
				rows := 0
				for _, l := range pp.Lines {
					if regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(l.ID) + `\s+` + regexp.QuoteMeta(l.Name) + `\s`).MatchString(page) {
						rows++
						seen[l.ID]++
					}
				}
				if titles != rows {
					t.Errorf("page %d holds %d strip titles and %d rows of figures: a strip is split across pages", k+1, titles, rows)
				}
			}
			for _, l := range pp.Lines {
				if seen[l.ID] != 1 {
					t.Errorf("%s %s: its figures are on %d pages, want 1", l.ID, l.Name, seen[l.ID])
				}
			}
			t.Logf("%d strips on %d pages", len(pp.Lines), len(slipPages))
		})
	}
}
