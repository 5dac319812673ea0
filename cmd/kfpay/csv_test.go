package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet"
	"kfpay/sheet/inspect"
	"kfpay/sheet/sheettest"
)

// demoCSVDir holds the demo workbooks of the first month and the term's
// roster and spending as LibreOffice saves them as CSV (UTF-8, each cell as
// shown): real exports, not text kfpay's tests wrote. go test ./cmd/kfpay
// -run TestDemoCSVFiles -update makes them again, with soffice.
const demoCSVDir = "../../testdata/csv/demo"

// demoCSVBooks are the demo workbooks kept as CSV.
var demoCSVBooks = []string{demoSessions, demoRecords, demoRoster, demoExpenses}

// loCSV is LibreOffice's filter for File > Save As > Text CSV, each cell as
// shown, in the character set given: 76 is UTF-8, 67 GBK (61, Windows-936,
// writes the same but for the euro sign); see loCSVAsShown.
func loCSV(charset int) string {
	return fmt.Sprintf("csv:Text - txt - csv (StarCalc):44,34,%d,1,,0,false,true,true,false,false", charset)
}

func csvName(book string) string { return strings.TrimSuffix(book, ".xlsx") + ".csv" }

// TestDemoCSVFiles checks that the demo's CSV exports are there, and with
// -update makes them again from the demo workbooks.
func TestDemoCSVFiles(t *testing.T) {
	if *update {
		progs := needPrograms(t)
		dir := t.TempDir()
		var books []string
		for _, b := range demoCSVBooks {
			copyFile(t, filepath.Join("demo", b), filepath.Join(dir, b))
			books = append(books, filepath.Join(dir, b))
		}
		progs.libreOffice(t, dir, loCSV(76), "", books...)
		mkdir(t, demoCSVDir)
		for _, b := range demoCSVBooks {
			copyFile(t, filepath.Join(dir, csvName(b)), filepath.Join(demoCSVDir, csvName(b)))
		}
	}
	for _, b := range demoCSVBooks {
		if _, err := os.Stat(filepath.Join(demoCSVDir, csvName(b))); err != nil {
			t.Error(err)
		}
	}
}

// The cells an output or a warning cites, in a workbook (考核记录.xlsx
// 考核!C4) or a CSV file (考核记录.csv 第 4 行 C 列), so that the two can be
// compared: both become 考核记录 C4.
var (
	xlsxRef = regexp.MustCompile(`([^\s]+)\.xlsx [^\s!]+!([A-Z]+)(\d+)`)
	csvRef  = regexp.MustCompile(`([^\s]+)\.csv 第 (\d+) 行 ([A-Z]+) 列`)
	// The warnings of 计算说明 name an input by its role: 课时登记 9月!C3,
	// 课时登记 第 3 行 C 列.
	roleXLSXRef = regexp.MustCompile(`(课时登记|考核记录) [^\s!]+!([A-Z]+)(\d+)`)
	roleCSVRef  = regexp.MustCompile(`(课时登记|考核记录) 第 (\d+) 行 ([A-Z]+) 列`)
	// inputLine is a line of 计算说明 naming an input file other than the
	// rules file: its name, sheet or encoding and sha256 differ by design.
	inputLine = regexp.MustCompile(`(?m)^输入文件（(课时登记|考核记录|学生名单|支出明细)）\t.*\n`)
)

// neutral rewrites text for comparing a run on workbooks with the same run
// on their CSV exports: cells cited alike, the input files' lines dropped,
// and the sha256 of the payouts a settlement reads masked, since those
// record their own inputs.
func neutral(s string) string {
	s = xlsxRef.ReplaceAllString(s, "$1 $2$3")
	s = csvRef.ReplaceAllString(s, "$1 $3$2")
	s = roleXLSXRef.ReplaceAllString(s, "$1 $2$3")
	s = roleCSVRef.ReplaceAllString(s, "$1 $3$2")
	s = inputLine.ReplaceAllString(s, "")
	return sha256Hex.ReplaceAllString(s, "<sha256>")
}

// dumpAll dumps the workbooks named in dir, one after another.
func dumpAll(t *testing.T, dir string, books ...string) string {
	t.Helper()
	var b bytes.Buffer
	for _, book := range books {
		fmt.Fprintf(&b, "### %s\n", book)
		if err := inspect.Dump(&b, filepath.Join(dir, book)); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

// TestDemoMonthAsCSV runs the demo month from its LibreOffice CSV exports,
// as UTF-8, UTF-8 with a byte order mark and CRLF (Excel's "CSV UTF-8") and
// GBK with CRLF (Excel's and WPS's "CSV（逗号分隔）" on Chinese Windows). The
// payout must be the payout of the workbooks, byte for byte in every sheet
// but for the cells that cite an input cell (扣款明细's 来源), which name it
// as the CSV file does, and the lines of 计算说明 naming the input files.
func TestDemoMonthAsCSV(t *testing.T) {
	want := t.TempDir()
	copyFile(t, filepath.Join("demo", demoSessions), filepath.Join(want, demoSessions))
	copyFile(t, filepath.Join("demo", demoRecords), filepath.Join(want, demoRecords))
	wantWarnings := kfpay(t, "payroll", "--month", demoMonth, "--sessions", filepath.Join(want, demoSessions),
		"--records", filepath.Join(want, demoRecords), "-o", filepath.Join(want, "发放表.xlsx"))
	wantDump := dumpAll(t, want, "发放表.xlsx")
	if !strings.Contains(wantDump, demoRecords+" ") {
		t.Fatalf("the demo payout cites no cell of %s: nothing to compare", demoRecords)
	}
	for _, enc := range []struct{ name, read string }{{"utf8", "UTF-8"}, {"utf8bom", "UTF-8"}, {"gbk", "GBK"}} {
		t.Run(enc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, b := range []string{demoSessions, demoRecords} {
				text, err := os.ReadFile(filepath.Join(demoCSVDir, csvName(b)))
				if err != nil {
					t.Fatal(err)
				}
				data, err := encodeCSV(enc.name, text)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, csvName(b)), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr bytes.Buffer
			args := []string{"payroll", "--month", demoMonth, "--sessions", filepath.Join(dir, csvName(demoSessions)),
				"--records", filepath.Join(dir, csvName(demoRecords)), "-o", filepath.Join(dir, "发放表.xlsx")}
			if code := run(t.Context(), args, nil, &stdout, &stderr); code != 0 {
				t.Fatalf("kfpay %s: exit %d\n%s", strings.Join(args, " "), code, stderr.String())
			}
			if line := fmt.Sprintf("课时登记：逐条登记（%s，CSV 文件，按 %s 读取）", csvName(demoSessions), enc.read); !strings.Contains(stdout.String(), line) {
				t.Errorf("stdout does not say %q:\n%s", line, stdout.String())
			}
			got := dumpAll(t, dir, "发放表.xlsx")
			if !strings.Contains(got, csvName(demoRecords)+" 第 ") {
				t.Errorf("the payout cites no cell of %s as 第 N 行 X 列", csvName(demoRecords))
			}
			if diff := cmp.Diff(neutral(wantDump), neutral(got)); diff != "" {
				t.Errorf("payout from the CSV files differs (-workbooks +CSV):\n%s", diff)
			}
			if diff := cmp.Diff(neutral(wantWarnings), neutral(stderr.String())); diff != "" {
				t.Errorf("warnings differ (-workbooks +CSV):\n%s", diff)
			}
		})
	}
}

// TestDemoTermRosterAsCSV settles the demo term with its roster and
// spending as GBK CSV files (Excel's "CSV（逗号分隔）"): the settlement must be
// the one of the workbooks but for the input files' lines.
func TestDemoTermRosterAsCSV(t *testing.T) {
	dir := t.TempDir()
	var payouts []string
	for _, m := range demoTermMonths {
		for _, b := range []string{demoSessionsOf(m), demoRecordsOf(m)} {
			copyFile(t, filepath.Join("demo", b), filepath.Join(dir, b))
		}
		out := filepath.Join(dir, "发放表-"+m+".xlsx")
		kfpay(t, "payroll", "--month", m, "--sessions", filepath.Join(dir, demoSessionsOf(m)),
			"--records", filepath.Join(dir, demoRecordsOf(m)), "-o", out)
		payouts = append(payouts, "--payouts", out)
	}
	for _, b := range []string{demoRoster, demoExpenses} {
		copyFile(t, filepath.Join("demo", b), filepath.Join(dir, b))
		text, err := os.ReadFile(filepath.Join(demoCSVDir, csvName(b)))
		if err != nil {
			t.Fatal(err)
		}
		data, err := encodeCSV("gbk", text)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, csvName(b)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	settle := func(roster, expenses string) (dump, warnings string) {
		out := t.TempDir()
		args := append([]string{"settle", "--roster", filepath.Join(dir, roster), "--expenses", filepath.Join(dir, expenses),
			"-o", filepath.Join(out, "结算.xlsx"), "--internal", filepath.Join(out, "结算-内部.xlsx")}, payouts...)
		warnings = kfpay(t, args...)
		return dumpAll(t, out, "结算.xlsx", "结算-内部.xlsx"), warnings
	}
	wantDump, wantWarnings := settle(demoRoster, demoExpenses)
	gotDump, gotWarnings := settle(csvName(demoRoster), csvName(demoExpenses))
	if diff := cmp.Diff(neutral(wantDump), neutral(gotDump)); diff != "" {
		t.Errorf("settlement from the CSV roster and spending differs (-workbooks +CSV):\n%s", diff)
	}
	if diff := cmp.Diff(neutral(wantWarnings), neutral(gotWarnings)); diff != "" {
		t.Errorf("warnings differ (-workbooks +CSV):\n%s", diff)
	}
}

// csvCase is a set of input workbooks and the run on them, for
// TestInputsExportedAsCSV.
type csvCase struct {
	name  string
	dir   string   // holds the workbooks (and the rules file)
	books []string // the input workbooks
	// run runs kfpay on the inputs in dir, named with ext (.xlsx or .csv),
	// and returns the output workbooks and the warnings.
	run func(t *testing.T, dir, ext string) (outputs []string, warnings string)
}

// in names an input book of dir with the extension ext.
func in(dir, book, ext string) string {
	return filepath.Join(dir, strings.TrimSuffix(book, ".xlsx")+ext)
}

func csvPayrollRun(month, sessions, records string) func(t *testing.T, dir, ext string) ([]string, string) {
	return func(t *testing.T, dir, ext string) ([]string, string) {
		warnings := kfpay(t, "payroll", "--month", month, "--sessions", in(dir, sessions, ext),
			"--records", in(dir, records, ext), "-o", filepath.Join(dir, "发放表.xlsx"))
		return []string{"发放表.xlsx"}, warnings
	}
}

// TestInputsExportedAsCSV saves the test-data input workbooks as CSV from
// LibreOffice, as shown, in GBK and in UTF-8, as a bursar does who exports
// them, and runs kfpay on the CSV files: the outputs must be the outputs of
// the workbooks, but for the cells cited and the input files' lines. The
// daily grid whose names are merged over a person's rows loses the merges
// in CSV, and kfpay must say so at the first row without a name.
func TestInputsExportedAsCSV(t *testing.T) {
	progs := needPrograms(t)
	t.Parallel()
	root := t.TempDir()
	demo := csvCase{name: "demo", dir: mkdir(t, filepath.Join(root, "demo")), books: []string{demoSessions, demoRecords},
		run: csvPayrollRun(demoMonth, demoSessions, demoRecords)}
	for _, b := range demo.books {
		copyFile(t, filepath.Join("demo", b), filepath.Join(demo.dir, b))
	}
	worked := csvCase{name: "worked_example", dir: mkdir(t, filepath.Join(root, "worked")),
		run: csvPayrollRun("2026-09", "课时登记.xlsx", "考核记录.xlsx")}
	worked.books = scriptInputs(t, "payroll_worked_example", worked.dir)
	digits := csvCase{name: "digits", dir: mkdir(t, filepath.Join(root, "digits")), books: []string{"课时登记.xlsx", "考核记录.xlsx"},
		run: csvPayrollRun("2026-09", "课时登记.xlsx", "考核记录.xlsx")}
	for i, desc := range []string{digitsLog, digitsRecords} {
		if err := sheettest.Build(filepath.Join(digits.dir, digits.books[i]), []byte(desc)); err != nil {
			t.Fatal(err)
		}
	}
	layouts := csvCase{name: "layouts", dir: mkdir(t, filepath.Join(root, "layouts")),
		run: func(t *testing.T, dir, ext string) (outputs []string, warnings string) {
			for _, log := range []string{"课时登记.xlsx", "汇总表.xlsx"} {
				o, w := csvPayrollRun("2026-09", log, "考核记录.xlsx")(t, dir, ext)
				out := strings.TrimSuffix(log, ".xlsx") + "-" + o[0]
				if err := os.Rename(filepath.Join(dir, o[0]), filepath.Join(dir, out)); err != nil {
					t.Fatal(err)
				}
				outputs, warnings = append(outputs, out), warnings+w
			}
			return outputs, warnings
		}}
	layouts.books = scriptInputs(t, "payroll_layouts", layouts.dir)
	settle := csvCase{name: "settle", dir: mkdir(t, filepath.Join(root, "settle")),
		run: func(t *testing.T, dir, ext string) (outputs []string, warnings string) {
			var payouts []string
			for _, m := range []string{"09", "10"} {
				out := "发放表-2026-" + m + ".xlsx"
				warnings += kfpay(t, "payroll", "--rules", filepath.Join(dir, "rules.toml"), "--month", "2026-"+m,
					"--sessions", in(dir, "课时登记-"+m+".xlsx", ext), "--records", in(dir, "考核记录-"+m+".xlsx", ext),
					"-o", filepath.Join(dir, out))
				outputs = append(outputs, out)
				payouts = append(payouts, "--payouts", filepath.Join(dir, out))
			}
			args := append([]string{"settle", "--rules", filepath.Join(dir, "rules.toml"),
				"--roster", in(dir, "学生名单.xlsx", ext), "--expenses", in(dir, "支出明细.xlsx", ext),
				"-o", filepath.Join(dir, "结算.xlsx"), "--internal", filepath.Join(dir, "结算-内部.xlsx")}, payouts...)
			warnings += kfpay(t, args...)
			return append(outputs, "结算.xlsx", "结算-内部.xlsx"), warnings
		}}
	settle.books = scriptInputs(t, "settle", settle.dir)

	for _, c := range []csvCase{demo, worked, digits, layouts, settle} {
		t.Run(c.name, func(t *testing.T) {
			outputs, wantWarnings := c.run(t, c.dir, ".xlsx")
			wantDump := dumpAll(t, c.dir, outputs...)
			for _, charset := range []struct {
				name string
				code int
			}{{"GBK", 67}, {"UTF-8", 76}} {
				t.Run(charset.name, func(t *testing.T) {
					dir := t.TempDir()
					var books []string
					for _, b := range c.books {
						books = append(books, filepath.Join(c.dir, b))
					}
					progs.libreOffice(t, dir, loCSV(charset.code), "", books...)
					for _, b := range c.books {
						data, err := os.ReadFile(in(dir, b, ".csv"))
						if err != nil {
							t.Fatal(err)
						}
						if utf8.Valid(data) != (charset.code == 76) {
							t.Fatalf("LibreOffice's %s export of %s is %sUTF-8", charset.name, b, map[bool]string{false: "not "}[utf8.Valid(data)])
						}
					}
					if rules, err := os.ReadFile(filepath.Join(c.dir, "rules.toml")); err == nil {
						os.WriteFile(filepath.Join(dir, "rules.toml"), rules, 0o644)
					}
					outputs, gotWarnings := c.run(t, dir, ".csv")
					gotDump := dumpAll(t, dir, outputs...)
					if diff := cmp.Diff(neutral(wantDump), neutral(gotDump)); diff != "" {
						t.Errorf("outputs from the %s CSV exports differ (-workbooks +CSV):\n%s", charset.name, diff)
					}
					if diff := cmp.Diff(neutral(wantWarnings), neutral(gotWarnings)); diff != "" {
						t.Errorf("warnings differ (-workbooks +CSV):\n%s", diff)
					}
				})
			}
		})
	}

	// The grid's 教师 is merged over each person's two rows (A4:A5, A6:A7
	// in payroll_layouts' grid.txt: title in row 1, header 2, weekdays 3);
	// a CSV export keeps the name in the first row of each, so rows 5 and 7
	// lack a name, and the message says why.
	t.Run("grid loses its merges", func(t *testing.T) {
		dir := t.TempDir()
		progs.libreOffice(t, dir, loCSV(67), "", filepath.Join(layouts.dir, "考勤表.xlsx"), filepath.Join(layouts.dir, "考核记录.xlsx"))
		var stdout, stderr bytes.Buffer
		args := []string{"payroll", "--month", "2026-09", "--sessions", filepath.Join(dir, "考勤表.csv"),
			"--records", filepath.Join(dir, "考核记录.csv"), "-o", filepath.Join(dir, "发放表.xlsx")}
		if code := run(t.Context(), args, nil, &stdout, &stderr); code != exitBadInput {
			t.Fatalf("kfpay on the grid exported as CSV: exit %d\n%s\nwant exit %d", code, stderr.String(), exitBadInput)
		}
		r := rules.Default()
		_, problems := sheet.ReadSessions(t.Context(), filepath.Join(dir, "考勤表.csv"), "", r, calc.NewTally(r, rules.Month{Year: 2026, Month: 9}))
		var got []string
		for _, p := range problems.Errors() {
			got = append(got, fmt.Sprintf("%s %s %s %s", p.Code, p.Ref, p.Column, map[bool]string{true: "CSV hint"}[strings.Contains(p.Msg, "CSV 文件不保存合并单元格")]))
		}
		want := []string{"missing 考勤表.csv 第 5 行 A 列 教师 CSV hint", "missing 考勤表.csv 第 7 行 A 列 教师 CSV hint"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("problems of the grid exported as CSV (-want +got):\n%s", diff)
		}
	})
}
