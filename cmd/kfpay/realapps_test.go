package main

// Real spreadsheet programs (issue 8). Bursars open kfpay's workbooks in Excel
// or WPS and save their inputs from them; an accountant may use LibreOffice.
// kfpay's reader reading kfpay's writer proves little, so these tests open
// what kfpay writes in LibreOffice Calc and in Gnumeric, and feed kfpay what
// those programs save. .ci/run installs both from Debian's packages.

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"

	"kfpay/sheet/inspect"
	"kfpay/sheet/sheettest"
)

// programs are the paths of the spreadsheet programs the tests drive.
type programs struct {
	soffice   string // LibreOffice, headless
	ssconvert string // Gnumeric's command-line converter
}

// needPrograms finds LibreOffice and Gnumeric. Without them a test is skipped
// on a developer's machine, but fails in CI (CI=true), where .ci/run installs
// them: a broken install must not pass as a skipped test.
func needPrograms(t *testing.T) programs {
	t.Helper()
	var p programs
	missing := findTools(
		tool{"soffice", "libreoffice-calc-nogui", &p.soffice},
		tool{"ssconvert", "gnumeric", &p.ssconvert},
	)
	skipOrFail(t, missing)
	return p
}

// tool is a program a test drives, the Debian package it comes in, and
// where to put its path.
type tool struct {
	name, pkg string
	path      *string
}

// findTools looks the tools up on PATH and describes the missing ones.
func findTools(tools ...tool) (missing []string) {
	for _, prog := range tools {
		path, err := exec.LookPath(prog.name)
		if err != nil {
			missing = append(missing, fmt.Sprintf("%s (Debian package %s)", prog.name, prog.pkg))
		}
		*prog.path = path
	}
	return missing
}

// skipOrFail ends the test when something it needs is missing: skipped on a
// developer's machine, failed in CI (CI=true), where .ci/run installs it.
func skipOrFail(t *testing.T, missing []string) {
	t.Helper()
	if len(missing) == 0 {
		return
	}
	msg := "not installed: " + strings.Join(missing, ", ") + "; .ci/run installs them"
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatal(msg + " (CI is set: these tests must run)")
	}
	t.Skip(msg)
}

// runProgram runs a program to its end, failing the test with its output
// when it fails. The time limit keeps a hung soffice from holding CI.
func runProgram(t *testing.T, name string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.WaitDelay = 10 * time.Second // soffice starts a child that may hold the output pipe
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
}

// LibreOffice filter strings. The CSV filter's options are, in order: field
// separator 44 (,), text delimiter 34 ("), character set 76 (UTF-8), first
// line 1, column formats (none), language 0 (the default), then quote all
// text cells (export) or quoted field as text (import), detect special
// numbers such as dates (import), save cell contents as shown (export),
// export formulas, remove spaces, and the sheet to export: -1 writes every
// sheet to NAME-SHEET.csv (LibreOffice 7.4 and later).
const (
	// loCSVRaw exports every sheet with raw values, and quotes every text
	// cell and no number, which is how the test tells them apart.
	loCSVRaw = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1"
	// loCSVAsShown is what File > Save As > Text CSV writes by default: the
	// first sheet, each cell as shown.
	loCSVAsShown = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false"
	// loCSVImport reads UTF-8 and detects dates and other special numbers,
	// as File > Open of a CSV offers it.
	loCSVImport = "Text - txt - csv (StarCalc):44,34,76,1,,0,false,true"
	// loXLSX saves as Excel 2007-365 .xlsx.
	loXLSX = "xlsx:Calc MS Excel 2007 XML"
)

// loRecalcAlways is a LibreOffice profile setting: recalculate every formula
// when an .xlsx is opened. By default Calc keeps the cached values of a file,
// and a wrong cached value would pass unseen.
const loRecalcAlways = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

// libreOffice converts files into dir with soffice --convert-to to, reading
// them with the import filter infilter unless it is empty. Each run has a
// fresh profile, so that no setting or lock of another run reaches it.
func (p programs) libreOffice(t *testing.T, dir, to, infilter string, files ...string) {
	t.Helper()
	profile := t.TempDir()
	if err := os.MkdirAll(filepath.Join(profile, "user"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(profile, "user", "registrymodifications.xcu"), []byte(loRecalcAlways), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{
		"-env:UserInstallation=" + (&url.URL{Scheme: "file", Path: profile}).String(),
		"--headless", "--norestore", "--convert-to", to, "--outdir", dir,
	}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	runProgram(t, p.soffice, append(args, files...)...)
}

// gnumeric runs ssconvert with args.
func (p programs) gnumeric(t *testing.T, args ...string) {
	t.Helper()
	runProgram(t, p.ssconvert, args...)
}

// writtenBy returns the application that saved the workbook at path, from
// its docProps/app.xml: proof that a round trip really rewrote the file.
func writtenBy(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	data, err := xlsxPart(&zr.Reader, "docProps/app.xml")
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var app struct {
		Application string
	}
	if err := xml.Unmarshal(data, &app); err != nil {
		t.Fatalf("%s docProps/app.xml: %v", path, err)
	}
	return app.Application
}

// copyFile copies src to dst.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err == nil {
		err = os.WriteFile(dst, data, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// mkdir makes the folder dir and returns it.
func mkdir(t *testing.T, dir string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// kfpay runs one kfpay command line in this process and returns what it
// printed on stderr, failing the test unless it exits 0.
func kfpay(t *testing.T, args ...string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), args, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("kfpay %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
	}
	return stderr.String()
}

// TestOutputsInRealPrograms opens every workbook that the demo run and the
// sessions under testdata/script write in LibreOffice and in Gnumeric, and
// checks that each program reads every cell as kfpay's dump shows it: a
// number as a number of the same value, text as the same text. Both programs
// recalculate formulas on load, so a formula's cached value is checked too.
func TestOutputsInRealPrograms(t *testing.T) {
	progs := needPrograms(t)
	t.Parallel() // each LibreOffice run has its own profile
	demo := filepath.Join(mkdir(t, filepath.Join(t.TempDir(), "demo")), "发放表-2026-09.xlsx")
	kfpay(t, "payroll", "--demo", "-o", demo)
	books := append([]workbook{{"demo/发放表-2026-09.xlsx", demo}}, goldenWorkbooks(t)...)

	// One soffice run converts every workbook; copies with distinct names
	// keep the CSVs of two sessions' 发放表-2026-09.xlsx apart.
	dir := t.TempDir()
	in, lo, gn := mkdir(t, filepath.Join(dir, "in")), mkdir(t, filepath.Join(dir, "lo")), mkdir(t, filepath.Join(dir, "gn"))
	staged := make([]string, len(books))
	for i, book := range books {
		staged[i] = filepath.Join(in, fmt.Sprintf("book%d.xlsx", i+1))
		copyFile(t, book.path, staged[i])
	}
	progs.libreOffice(t, lo, loCSVRaw, "", staged...)

	for i, book := range books {
		t.Run(book.name, func(t *testing.T) {
			t.Parallel() // Gnumeric's runs are independent
			checkInPrograms(t, progs, book.path, staged[i], lo, gn)
		})
	}
}

// workbook is an output workbook to check: a name for the subtest, and its path.
type workbook struct {
	name, path string
}

// checkInPrograms checks the workbook book as LibreOffice and Gnumeric read
// it. staged is a copy of it whose CSVs LibreOffice wrote into lo; Gnumeric
// writes its own into gn.
func checkInPrograms(t *testing.T, progs programs, book, staged, lo, gn string) {
	t.Helper()
	raw := readRawXLSX(t, book)
	checkRawCells(t, raw)
	want, names := dumpSheets(t, book)
	if got := sheetNames(raw); !slices.Equal(got, names) {
		t.Fatalf("the XML has sheets %q, kfpay's dump %q", got, names)
	}

	base := strings.TrimSuffix(filepath.Base(staged), ".xlsx")
	for _, rs := range raw {
		got := libreOfficeGrid(t, filepath.Join(lo, base+"-"+rs.name+".csv"))
		compareSheet(t, "LibreOffice", rs, want[rs.name], got)
	}

	// Gnumeric's CSV shows raw values but not whether a cell is a number;
	// its own file format tells that.
	progs.gnumeric(t, "--recalc", "-S", "--export-type=Gnumeric_stf:stf_assistant", "-O", "format=raw",
		staged, filepath.Join(gn, base+".%s.csv"))
	native := filepath.Join(gn, base+".gnumeric")
	progs.gnumeric(t, "--recalc", staged, native)
	types := gnumericTypes(t, native)
	for _, rs := range raw {
		got := gnumericGrid(t, filepath.Join(gn, base+"."+rs.name+".csv"), types[rs.name])
		compareSheet(t, "Gnumeric", rs, want[rs.name], got)
	}
}

// goldenWorkbooks runs the sessions under testdata/script again, in work
// folders that are kept, and returns the workbooks kfpay wrote in them, each
// named by the session and its path in the session's folder. The
// others are a session's inputs: those that mkxlsx built or fillxlsx filled
// in, and copies of those (a session may copy a filled-in template before
// it tries something on it). A session added later is covered without a
// change here.
func goldenWorkbooks(t *testing.T) []workbook {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	p := scriptParams()
	p.WorkdirRoot = root
	p.UpdateScripts = false
	var mu sync.Mutex
	made := map[string]bool{}
	for _, name := range []string{"mkxlsx", "fillxlsx"} {
		cmd := p.Cmds[name]
		if cmd == nil {
			continue
		}
		p.Cmds[name] = func(ts *testscript.TestScript, neg bool, args []string) {
			if len(args) > 0 {
				mu.Lock()
				made[ts.MkAbs(args[0])] = true
				mu.Unlock()
			}
			cmd(ts, neg, args)
		}
	}
	// t.Run returns once the sessions, which run in parallel, are done.
	t.Run("scripts", func(t *testing.T) { testscript.Run(t, p) })
	if t.Failed() {
		t.FailNow()
	}

	var books []workbook
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".xlsx") {
			rel, err := filepath.Rel(root, path)
			books = append(books, workbook{strings.TrimPrefix(filepath.ToSlash(rel), "script-"), path})
			return err
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[[sha256.Size]byte]bool{}
	for path := range made {
		if data, err := os.ReadFile(path); err == nil { // a failed mkxlsx may have made nothing
			inputs[sha256.Sum256(data)] = true
		}
	}
	books = slices.DeleteFunc(books, func(book workbook) bool {
		data, err := os.ReadFile(book.path)
		if err != nil {
			t.Fatal(err)
		}
		return inputs[sha256.Sum256(data)]
	})
	if len(books) == 0 {
		t.Fatal("the sessions under testdata/script wrote no workbook")
	}
	return books
}

// sheetNames lists the names of sheets in order.
func sheetNames(sheets []rawSheet) []string {
	var names []string
	for _, s := range sheets {
		names = append(names, s.name)
	}
	return names
}

// checkRawCells checks what kfpay wrote, whatever program reads it: every
// formula carries its cached value (a program that keeps cached values,
// as Calc does by default, would show an empty cell), and no text sits in a
// cell formatted as money, a percent or a date (SPEC 5: money cells are
// numbers, not text).
func checkRawCells(t *testing.T, sheets []rawSheet) {
	t.Helper()
	for _, s := range sheets {
		for _, row := range s.rows {
			for _, c := range row.cells {
				switch {
				case c == nil:
				case c.hasFormula && c.value == "":
					t.Errorf("%s!%s: formula =%s has no cached value", s.name, c.ref, c.formula)
				case !c.number && c.value != "" && c.hasNumberFormat():
					t.Errorf("%s!%s: the text %q in a cell formatted as a number (%s); a figure must be a number",
						s.name, c.ref, c.value, c.formatName())
				}
			}
		}
	}
}

// compareSheet checks, cell by cell, that a program's reading of a sheet
// agrees with kfpay's dump of it: where kfpay wrote a number, the program
// holds a number equal to the figure the dump shows; where kfpay wrote
// text, the program holds the same text.
func compareSheet(t *testing.T, prog string, rs rawSheet, want [][]string, got grid) {
	t.Helper()
	rows := rs.valueRows()
	if len(rows) != len(want) {
		t.Fatalf("%s: the XML has %d rows with a value, kfpay's dump %d", rs.name, len(rows), len(want))
	}
	if len(got) != len(want) {
		t.Errorf("%s shows %d rows with a value in %s, kfpay's dump %d", prog, len(got), rs.name, len(want))
		return
	}
	for i, row := range rows {
		for col := range max(len(want[i]), len(got[i])) {
			w, g := "", shownCell{}
			if col < len(want[i]) {
				w = want[i][col]
			}
			if col < len(got[i]) {
				g = got[i][col]
			}
			var rc *rawCell
			if col < len(row.cells) {
				rc = row.cells[col]
			}
			// kfpay's cell, as its dump shows it and with the type it was written with
			k := shownCell{text: w, number: rc != nil && rc.number}
			if k.text == "" && g.text == "" {
				continue
			}
			same := g.number == k.number && g.text == k.text
			if k.number {
				kv, _ := figure(k.text)
				gv, ok := figure(g.text)
				same = g.number && ok && sameFigure(gv, kv)
			}
			if !same {
				t.Errorf("%s reads %s!%s%d as %s; kfpay's dump shows %s", prog, rs.name, columnName(col), row.num, g, k)
			}
		}
	}
}

// String describes a shown cell in a failure message.
func (c shownCell) String() string {
	switch {
	case c.text == "":
		return "empty"
	case c.number:
		return "the number " + c.text
	}
	return fmt.Sprintf("the text %q", c.text)
}

// inputCase is a set of test-data inputs in a folder, and the kfpay runs
// whose outputs the input checks compare.
type inputCase struct {
	name  string
	dir   string   // the folder holding the inputs
	books []string // the input workbooks, by name
	log   string   // the session log among them, which TestSessionLogThroughCSV saves as CSV
	// run runs kfpay on the inputs in dir, writing its outputs there too,
	// and returns the output workbooks' names and the warnings printed.
	run func(t *testing.T, dir string) (outputs []string, warnings string)
}

// inputCases writes the test-data inputs into folders under dir: the demo
// month's two workbooks, the inputs of the worked example of SPEC 3.7 and
// of the term settlement as their sessions under testdata/script build them
// with sheettest, a month of figures no double holds exactly, a month
// typed with every feature of a workbook that kfpay reads, and a month
// typed into kfpay's own templates.
func inputCases(t *testing.T, dir string) []inputCase {
	t.Helper()
	demo := inputCase{name: "demo", dir: mkdir(t, filepath.Join(dir, "demo")),
		books: []string{demoSessions, demoRecords}, log: demoSessions,
		run: payrollRun(demoMonth, demoSessions, demoRecords)}
	for _, name := range demo.books {
		copyFile(t, filepath.Join("demo", name), filepath.Join(demo.dir, name))
	}

	worked := inputCase{name: "worked_example", dir: mkdir(t, filepath.Join(dir, "worked_example")),
		log: "课时登记.xlsx", run: payrollRun("2026-09", "课时登记.xlsx", "考核记录.xlsx")}
	worked.books = scriptInputs(t, "payroll_worked_example", worked.dir)

	settle := inputCase{name: "settle", dir: mkdir(t, filepath.Join(dir, "settle")),
		run: func(t *testing.T, dir string) ([]string, string) {
			payouts, w1 := termPayrolls(t, dir)
			settlements, w2 := termSettle(t, dir)
			return append(payouts, settlements...), w1 + w2
		}}
	settle.books = scriptInputs(t, "settle", settle.dir)

	// The payouts that settle reads back, as saved by the program the bursar
	// printed them from for the teachers to sign.
	payouts := inputCase{name: "settle_payouts", dir: mkdir(t, filepath.Join(dir, "settle_payouts")), run: termSettle}
	scriptInputs(t, "settle", payouts.dir)
	payouts.books, _ = termPayrolls(t, payouts.dir)

	digits := inputCase{name: "digits", dir: mkdir(t, filepath.Join(dir, "digits")),
		books: []string{"课时登记.xlsx", "考核记录.xlsx"}, log: "课时登记.xlsx",
		run: payrollRun("2026-09", "课时登记.xlsx", "考核记录.xlsx")}
	for i, desc := range []string{digitsLog, digitsRecords} {
		if err := sheettest.Build(filepath.Join(digits.dir, digits.books[i]), []byte(desc)); err != nil {
			t.Fatal(err)
		}
	}

	// The session log in its three layouts (SPEC 2.1a). The monthly summary
	// goes through CSV: the daily grid would lose the merge of a name over a
	// person's rows, and kfpay rightly asks for the name on each row then.
	layouts := inputCase{name: "layouts", dir: mkdir(t, filepath.Join(dir, "layouts")), log: "汇总表.xlsx",
		run: func(t *testing.T, dir string) (outputs []string, warnings string) {
			for _, log := range []string{"课时登记.xlsx", "考勤表.xlsx", "汇总表.xlsx"} {
				out := "发放表-" + log
				warnings += kfpay(t, "payroll", "--month", "2026-09", "--sessions", filepath.Join(dir, log),
					"--records", filepath.Join(dir, "考核记录.xlsx"), "-o", filepath.Join(dir, out))
				outputs = append(outputs, out)
			}
			return outputs, warnings
		}}
	layouts.books = scriptInputs(t, "payroll_layouts", layouts.dir)

	// Gnumeric's .xlsx loses a sheet's hidden state, so the hidden 说明
	// would come first; a bursar then names the sheet, as this run does.
	features := inputCase{name: "features", dir: mkdir(t, filepath.Join(dir, "features")),
		books: []string{"课时登记.xlsx", "考核记录.xlsx"},
		run: func(t *testing.T, dir string) ([]string, string) {
			warnings := kfpay(t, "payroll", "--month", "2026-09", "--sessions", filepath.Join(dir, "课时登记.xlsx"),
				"--sheet", "9月", "--records", filepath.Join(dir, "考核记录.xlsx"), "-o", filepath.Join(dir, "发放表.xlsx"))
			return []string{"发放表.xlsx"}, warnings
		}}
	for i, desc := range []string{featuresLog, featuresRecords} {
		if err := sheettest.Build(filepath.Join(features.dir, features.books[i]), []byte(desc)); err != nil {
			t.Fatal(err)
		}
	}

	// A month typed into the templates that kfpay init writes, whose column
	// formats make the dates and percents, as the session firstday types it.
	first := inputCase{name: "firstday", dir: mkdir(t, filepath.Join(dir, "firstday")),
		books: []string{"课时登记-2026-09.xlsx", "考核记录-2026-09.xlsx"}, log: "课时登记-2026-09.xlsx",
		run: func(t *testing.T, dir string) ([]string, string) {
			warnings := kfpay(t, "payroll", "--rules", filepath.Join(dir, "rules.toml"), "--month", "2026-09",
				"--sessions", filepath.Join(dir, "课时登记-2026-09.xlsx"), "--records", filepath.Join(dir, "考核记录-2026-09.xlsx"),
				"-o", filepath.Join(dir, "发放表.xlsx"))
			return []string{"发放表.xlsx"}, warnings
		}}
	scriptFiles(t, "firstday", first.dir)
	templates := filepath.Join(first.dir, "学校")
	kfpay(t, "init", templates)
	copyFile(t, filepath.Join(templates, "rules.toml"), filepath.Join(first.dir, "rules.toml"))
	for i, rows := range []string{"log.txt", "records.txt"} {
		book := filepath.Join(first.dir, first.books[i])
		copyFile(t, filepath.Join(templates, strings.TrimSuffix(first.books[i], "-2026-09.xlsx")+".xlsx"), book)
		if err := sheettest.FillFile(book, filepath.Join(first.dir, rows)); err != nil {
			t.Fatal(err)
		}
	}
	return []inputCase{demo, worked, settle, payouts, layouts, digits, features, first}
}

// featuresLog and featuresRecords hold what the other inputs lack and a
// program may write its own way: inline strings, the 1904 date system,
// dates in custom formats and as text, a hidden sheet and a hidden row, a
// formula with a text value, a 工号 typed as a number, a count as
// full-width text, a percent of two decimals and as text, and a money cell.
const (
	featuresLog = `# sheet 说明
# hidden
| 本表由教务处填写 |
# sheet 9月
# inline
# date1904
# title 2026年9月课后服务登记表
| 日期                           | 工号 | 教师               | 类型     | 节数    | 备注 |
| @2026-09-01                    | 1001 | ="王"&"芳"=>"王芳" | 上课     | 2       |      |
| @2026-09-02:yyyy"年"m"月"d"日" | 1001 | 王芳               | 上课     | =1+1=>2 |      |
# hiddenrow
| @2026-09-03                    | 1002 | "李　强"           | 安全管理 | '３     | 补登 |
| @2026-09-04:m/d/yyyy           | 1002 | 李强               | 上课     | 1       |      |
| 2026/9/7                       | 1003 | 张伟               | 行政值班 | 2       |      |
`
	featuresRecords = `# sheet 考核
| 日期        | 工号 | 教师 | 事项     | 比例   | 金额           |
| @2026-09-08 | 1001 | 王芳 | 家长投诉 | 12.50% |                |
| @2026-09-08 | 1002 | 李强 | 奖励     |        | ~money 1234.56 |
| @2026-09-09 | 1002 | 李强 | 家长投诉 | '15%   |                |
| 2026-09-10  | 1001 | 王芳 | 早退     |        |                |
`
)

// digitsLog and digitsRecords are a month whose figures a double cannot
// hold exactly: Gnumeric saves the 10.5% as 0.104999999999999999997 and the
// 33.3 as 33.2999999999999999993. 王芳's fee is 5.00, so her deduction,
// 5.00 × 10.5% = 0.525, is 0.53 rounded half up, and 0.52 from the noise.
const (
	digitsLog = `# sheet 9月
| 日期        | 教师 | 类型 | 节数 |
| @2026-09-01 | 王芳 | 上课 | 1    |
| @2026-09-02 | 陈静 | 上课 | 1    |
`
	digitsRecords = `# sheet 考核
| 日期        | 教师 | 事项     | 比例  | 金额 |
| @2026-09-03 | 王芳 | 家长投诉 | 10.5% |      |
| @2026-09-03 | 陈静 | 奖励     |       | 33.3 |
`
)

// termPayrolls runs the two months of the term of testdata/script/settle
// on its inputs in dir.
func termPayrolls(t *testing.T, dir string) (outputs []string, warnings string) {
	t.Helper()
	for _, m := range []string{"09", "10"} {
		out := "发放表-2026-" + m + ".xlsx"
		warnings += kfpay(t, "payroll", "--rules", filepath.Join(dir, "rules.toml"), "--month", "2026-"+m,
			"--sessions", filepath.Join(dir, "课时登记-"+m+".xlsx"), "--records", filepath.Join(dir, "考核记录-"+m+".xlsx"),
			"-o", filepath.Join(dir, out))
		outputs = append(outputs, out)
	}
	return outputs, warnings
}

// termSettle settles the term of testdata/script/settle on its inputs and
// the payouts of termPayrolls in dir.
func termSettle(t *testing.T, dir string) (outputs []string, warnings string) {
	t.Helper()
	in := func(name string) string { return filepath.Join(dir, name) }
	warnings = kfpay(t, "settle", "--rules", in("rules.toml"), "--roster", in("学生名单.xlsx"),
		"--payouts", in("发放表-2026-09.xlsx"), "--payouts", in("发放表-2026-10.xlsx"),
		"--expenses", in("支出明细.xlsx"), "-o", in("收费结算.xlsx"), "--internal", in("收费结算-内部.xlsx"))
	return []string{"收费结算.xlsx", "收费结算-退费通知单.xlsx", "收费结算-内部.xlsx"}, warnings
}

// payrollRun is the run of a payroll case: kfpay payroll for month on the
// session log and records named.
func payrollRun(month, sessions, records string) func(t *testing.T, dir string) ([]string, string) {
	return func(t *testing.T, dir string) ([]string, string) {
		warnings := kfpay(t, "payroll", "--month", month, "--sessions", filepath.Join(dir, sessions),
			"--records", filepath.Join(dir, records), "-o", filepath.Join(dir, "发放表.xlsx"))
		return []string{"发放表.xlsx"}, warnings
	}
}

// scriptFiles writes the files of the session testdata/script/NAME.txtar
// into dir and returns its script.
func scriptFiles(t *testing.T, name, dir string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("..", "..", "testdata", "script", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return string(ar.Comment)
}

// scriptInputs writes the files of the session testdata/script/NAME.txtar
// into dir and builds the workbooks its mkxlsx lines build, returning their
// names.
func scriptInputs(t *testing.T, name, dir string) []string {
	t.Helper()
	var books []string
	for _, line := range strings.Split(scriptFiles(t, name, dir), "\n") {
		args := strings.Fields(line)
		if len(args) != 3 || args[0] != "mkxlsx" {
			continue
		}
		if err := sheettest.BuildFile(filepath.Join(dir, args[1]), filepath.Join(dir, args[2])); err != nil {
			t.Fatalf("%s.txtar: %s: %v", name, line, err)
		}
		books = append(books, args[1])
	}
	if len(books) == 0 {
		t.Fatalf("%s.txtar builds no workbook", name)
	}
	return books
}

// sha256Hex matches the sha256 of an input file that 计算说明 records.
var sha256Hex = regexp.MustCompile(`\b[0-9a-f]{64}\b`)

// outputs runs c on the inputs in dir and returns the dump of every output
// workbook, each sha256 masked, and the warnings kfpay printed. Both name
// files by their base names, so inputs of the same names in another folder
// give the same text.
func (c inputCase) outputs(t *testing.T, dir string) (dump, warnings string) {
	t.Helper()
	books, warnings := c.run(t, dir)
	var b bytes.Buffer
	for _, book := range books {
		fmt.Fprintf(&b, "### %s\n", book)
		if err := inspect.Dump(&b, filepath.Join(dir, book)); err != nil {
			t.Fatal(err)
		}
	}
	return sha256Hex.ReplaceAllString(b.String(), "<sha256>"), warnings
}

// folder copies the files of c's folder into a new one and returns it,
// without the books when they are to come from a program. Runs write their
// outputs into the copy, so c's folder keeps only inputs.
func (c inputCase) folder(t *testing.T, books bool) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() && (books || !slices.Contains(c.books, e.Name())) {
			copyFile(t, filepath.Join(c.dir, e.Name()), filepath.Join(dir, e.Name()))
		}
	}
	return dir
}

// TestInputsSavedByRealPrograms opens the test-data inputs in LibreOffice
// and in Gnumeric and saves them again as .xlsx, as a bursar does who keeps
// them in one of those: shared strings where the original had inline ones,
// the program's own styles, number and date formats, its own XML. kfpay's
// outputs from what they saved must be the outputs from the originals in
// every cell but the input files' sha256 in 计算说明.
func TestInputsSavedByRealPrograms(t *testing.T) {
	progs := needPrograms(t)
	t.Parallel() // each LibreOffice run has its own profile
	for _, c := range inputCases(t, t.TempDir()) {
		t.Run(c.name, func(t *testing.T) {
			wantDump, wantWarnings := c.outputs(t, c.folder(t, true))
			originals := make([]string, len(c.books))
			for i, book := range c.books {
				originals[i] = filepath.Join(c.dir, book)
			}
			for _, prog := range []struct {
				name, app string // app: what the program writes in docProps/app.xml
				save      func(dir string)
			}{
				{"LibreOffice", "LibreOffice", func(dir string) {
					progs.libreOffice(t, dir, loXLSX, "", originals...)
				}},
				{"Gnumeric", "gnumeric", func(dir string) {
					for _, f := range originals {
						progs.gnumeric(t, "--export-type=Gnumeric_Excel:xlsx2", f, filepath.Join(dir, filepath.Base(f)))
					}
				}},
			} {
				dir := c.folder(t, false)
				prog.save(dir)
				for _, book := range c.books {
					if app := writtenBy(t, filepath.Join(dir, book)); !strings.Contains(app, prog.app) {
						t.Fatalf("%s was written by %q, not by %s", book, app, prog.name)
					}
				}
				gotDump, gotWarnings := c.outputs(t, dir)
				if diff := cmp.Diff(wantDump, gotDump); diff != "" {
					t.Errorf("outputs from the inputs saved by %s differ (-original +%s):\n%s", prog.name, prog.name, diff)
				}
				if diff := cmp.Diff(wantWarnings, gotWarnings); diff != "" {
					t.Errorf("warnings from the inputs saved by %s differ (-original +%s):\n%s", prog.name, prog.name, diff)
				}
			}
		})
	}
}

// TestSessionLogThroughCSV saves each test-data session log as CSV from
// LibreOffice, as shown, opens the CSV in LibreOffice again, detecting
// dates, and saves it as .xlsx: a bursar who keeps the log as CSV. The
// payout from it must be the payout from the original.
func TestSessionLogThroughCSV(t *testing.T) {
	progs := needPrograms(t)
	t.Parallel() // each LibreOffice run has its own profile
	for _, c := range inputCases(t, t.TempDir()) {
		if c.log == "" {
			continue
		}
		t.Run(c.name, func(t *testing.T) {
			wantDump, wantWarnings := c.outputs(t, c.folder(t, true))

			// A CSV opened in Calc gives its sheet the file's name: naming
			// the CSV after the log's sheet keeps the sheet name, which
			// 计算说明 and the warnings show.
			sheetName := readRawXLSX(t, filepath.Join(c.dir, c.log))[0].name
			tmp := t.TempDir()
			named := filepath.Join(mkdir(t, filepath.Join(tmp, "xlsx")), sheetName+".xlsx")
			copyFile(t, filepath.Join(c.dir, c.log), named)
			csvDir := mkdir(t, filepath.Join(tmp, "csv"))
			progs.libreOffice(t, csvDir, loCSVAsShown, "", named)
			backDir := mkdir(t, filepath.Join(tmp, "back"))
			progs.libreOffice(t, backDir, loXLSX, loCSVImport, filepath.Join(csvDir, sheetName+".csv"))

			dir := c.folder(t, true)
			copyFile(t, filepath.Join(backDir, sheetName+".xlsx"), filepath.Join(dir, c.log))

			gotDump, gotWarnings := c.outputs(t, dir)
			if diff := cmp.Diff(wantDump, gotDump); diff != "" {
				t.Errorf("payout from the log saved through CSV differs (-original +through CSV):\n%s", diff)
			}
			if diff := cmp.Diff(wantWarnings, gotWarnings); diff != "" {
				t.Errorf("warnings from the log saved through CSV differ (-original +through CSV):\n%s", diff)
			}
		})
	}
}
