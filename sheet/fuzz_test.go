package sheet

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/xlsx"
	"kfpay/sheet/sheettest"
)

// The fuzz targets below give each reader whole workbooks. A workbook is
// zip-compressed, so mutating its bytes mostly breaks a checksum and
// reaches no further than the zip reader; the targets mutate instead the
// workbook's parts, kept as a txtar archive (one "-- name --" file per part),
// and zip them, uncompressed, before each read. An input that holds no
// archive at all is written as it is, so that the checks of the file as a
// whole (not a zip, an OLE2 file, CSV text) are fuzzed too.
//
// Seeds are the testdata workbooks: the demo month, the generated inputs of
// the bad corpus (testdata/bad/files) and the workbooks its cases describe
// (mkxlsx lines), and payouts that WritePayout writes.
//
// Run one target at a time, e.g.
//
//	go test ./sheet -run '^$' -fuzz '^FuzzSessionLog$' -fuzztime 3m -fuzzminimizetime 0
//
// An input takes a millisecond or more, and by default the fuzzer spends up
// to a minute minimizing each input that finds new coverage, fuzzing nothing
// meanwhile: early on, when most inputs find some, it barely fuzzes at all.
// -fuzzminimizetime 0 turns minimizing off; a failing input is still saved,
// only not made smaller.

// FuzzOpenWorkbook gives xlsx.Open and every worksheet's rows arbitrary
// file bytes, seeded with every testdata file as it is on disk.
func FuzzOpenWorkbook(f *testing.F) {
	for _, b := range rawSeeds(f) {
		f.Add(b)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "课时登记.xlsx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		// No panic (kfpay's only recover is at the top of the command, so a
		// panic here fails the fuzz test), and every error a *FileError
		// with a kind.
		var fe *xlsx.FileError
		if err := xlsx.Verify(path); err != nil && (!errors.As(err, &fe) || fe.Code() == "" || fe.Msg == "") {
			t.Fatalf("Verify = %v (%T), want a *FileError with a code and a message", err, err)
		}
	})
}

// FuzzSessionLog reads fuzzed workbooks as the session log, in whichever
// layout they look like, and works out the month's pay from what read well.
func FuzzSessionLog(f *testing.F) {
	for _, a := range archiveSeeds(f, "课时登记", "考勤", "汇总") {
		f.Add(a)
	}
	r := rules.Default()
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, archive []byte) {
		path := fuzzWorkbook(t, dir, archive, "课时登记.xlsx")
		tl := calc.NewTally(r, september)
		info, problems := ReadSessions(context.Background(), path, "", r, tl)
		checkRead(t, "课时登记.xlsx", info, problems)
		if len(problems.Errors()) > 0 {
			return
		}
		// What reads well is paid: calc re-adds every total and reports a
		// mismatch as a problem, which no input may cause.
		if _, ps := calc.Payroll(r, tl, nil); slices.ContainsFunc(ps, func(p calc.Problem) bool { return p.Code == calc.CodeInternal }) {
			t.Fatalf("Payroll: %v", ps)
		}
	})
}

// FuzzRecords reads fuzzed workbooks as discipline records.
func FuzzRecords(f *testing.F) {
	for _, a := range archiveSeeds(f, "考核记录") {
		f.Add(a)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, archive []byte) {
		path := fuzzWorkbook(t, dir, archive, "考核记录.xlsx")
		recs, info, problems := ReadRecords(context.Background(), path, "", september)
		checkRead(t, "考核记录.xlsx", info, problems)
		if len(problems.Errors()) == 0 && len(recs) != info.Used {
			t.Fatalf("%d records, %d rows used", len(recs), info.Used)
		}
	})
}

// FuzzRoster reads fuzzed workbooks as the roster and checks the pupils
// against the default term.
func FuzzRoster(f *testing.F) {
	for _, a := range archiveSeeds(f, "名单") {
		f.Add(a)
	}
	term := rules.Default().Term
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, archive []byte) {
		path := fuzzWorkbook(t, dir, archive, "学生名单.xlsx")
		pupils, info, problems := ReadRoster(context.Background(), path, "")
		checkRead(t, "学生名单.xlsx", info, problems)
		if len(problems.Errors()) == 0 && len(pupils) != info.Used {
			t.Fatalf("%d pupils, %d rows used", len(pupils), info.Used)
		}
		calc.CheckRoster(term, pupils)
	})
}

// FuzzExpenses reads fuzzed workbooks as the expenses and checks the lines
// against the default term.
func FuzzExpenses(f *testing.F) {
	for _, a := range archiveSeeds(f, "支出") {
		f.Add(a)
	}
	term := rules.Default().Term
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, archive []byte) {
		path := fuzzWorkbook(t, dir, archive, "支出明细.xlsx")
		lines, info, problems := ReadExpenses(context.Background(), path, "")
		checkRead(t, "支出明细.xlsx", info, problems)
		if len(problems.Errors()) == 0 && len(lines) != info.Used {
			t.Fatalf("%d lines, %d rows used", len(lines), info.Used)
		}
		calc.CheckSpending(term, lines)
	})
}

// FuzzPayout reads fuzzed workbooks back as payouts, seeded with payouts
// WritePayout wrote and the look-alikes of the bad corpus.
func FuzzPayout(f *testing.F) {
	dir := f.TempDir()
	for i, p := range []*calc.Payout{workedExample(), pendingExample()} {
		path := filepath.Join(dir, string(rune('a'+i))+".xlsx")
		if _, err := WritePayout(context.Background(), path, p, workedMeta(), false); err != nil {
			f.Fatal(err)
		}
		f.Add(toArchive(f, readSeed(f, path)))
	}
	for _, a := range archiveSeeds(f, "发放表") {
		f.Add(a)
	}
	f.Fuzz(func(t *testing.T, archive []byte) {
		path := fuzzWorkbook(t, dir, archive, "发放表.xlsx")
		p, info, problems := ReadPayout(context.Background(), path)
		checkRead(t, "发放表.xlsx", info, problems)
		if len(problems.Errors()) == 0 && len(p.Teachers) != info.Used {
			t.Fatalf("%d teachers, %d rows used", len(p.Teachers), info.Used)
		}
	})
}

// checkRead checks what every reader promises: no panic (a panic fails
// the fuzz test: kfpay's only recover is at the top of the command), every
// problem of a kind, at the file read, with a sentence, none of them
// kfpay's own bug, and, when the file read without an error, every row read
// either used, skipped as empty or counted as holding no entry.
func checkRead(t *testing.T, file string, info InputFile, problems calc.Problems) {
	t.Helper()
	for _, p := range problems {
		if p.Code == "" || p.Code == calc.CodeInternal || p.Ref.File != file || p.Msg == "" {
			t.Fatalf("problem %q (%q) has no code, is kfpay's bug, is not at %s or says nothing", p.Error(), p.Code, file)
		}
	}
	if len(problems.Errors()) == 0 && info.Rows != info.Used+info.Empty+info.Other {
		t.Fatalf("read %d rows, used %d, empty %d, other %d: %d rows neither used nor reported",
			info.Rows, info.Used, info.Empty, info.Other, info.Rows-info.Used-info.Empty-info.Other)
	}
}

// fuzzWorkbook writes the workbook archive describes (see above) to the
// file name in dir and returns its path. Each fuzzing process calls its
// target's function one input at a time, so one folder per target serves,
// and saves making and removing one per input.
func fuzzWorkbook(t *testing.T, dir string, archive []byte, name string) string {
	t.Helper()
	data := archive
	if parts := sheettest.Parts(string(archive)); len(parts) > 0 {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, n := range slices.Sorted(maps.Keys(parts)) {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
			if err != nil {
				t.Skip() // a name the zip writer refuses is no workbook to read
			}
			io.WriteString(w, parts[n])
		}
		if err := zw.Close(); err != nil {
			t.Skip()
		}
		data = buf.Bytes()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// toArchive turns a zip into the txtar archive of its parts. A file that
// is no zip is returned as it is.
func toArchive(f *testing.F, data []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return data
	}
	var b bytes.Buffer
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			return data // a damaged zip: seed it whole
		}
		part, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return data
		}
		b.WriteString("-- " + zf.Name + " --\n")
		b.Write(part)
		if len(part) > 0 && part[len(part)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return b.Bytes()
}

// archiveSeeds returns, as archives, the testdata workbooks whose name
// holds one of the words: the demo month and the workbooks the bad corpus
// describes or generated.
func archiveSeeds(f *testing.F, words ...string) [][]byte {
	var out [][]byte
	books := testdataWorkbooks(f)
	for _, name := range slices.Sorted(maps.Keys(books)) {
		for _, w := range words {
			if strings.Contains(name, w) {
				out = append(out, toArchive(f, books[name]))
				break
			}
		}
	}
	return out
}

// rawSeeds returns every testdata workbook, and every generated input of
// the bad corpus, as it is on disk.
func rawSeeds(f *testing.F) [][]byte {
	var out [][]byte
	books := testdataWorkbooks(f)
	for _, name := range slices.Sorted(maps.Keys(books)) {
		out = append(out, books[name])
	}
	// The generated inputs that are no .xlsx: an .xls, an .xlsm, a rules file.
	files, _ := filepath.Glob("../testdata/bad/files/*")
	for _, p := range files {
		if !strings.HasSuffix(p, ".xlsx") {
			out = append(out, readSeed(f, p))
		}
	}
	return out
}

// seedBooks caches testdataWorkbooks: building the corpus's workbooks once
// rather than once per target keeps go test quick.
var seedBooks map[string][]byte

// testdataWorkbooks builds or reads the testdata workbooks, by a name that
// tells what each is (课时登记, 考核记录, 学生名单, 支出明细, 发放表).
func testdataWorkbooks(f *testing.F) map[string][]byte {
	if seedBooks != nil {
		return seedBooks
	}
	books := map[string][]byte{}
	demo, _ := filepath.Glob("../cmd/kfpay/demo/*.xlsx")
	for _, p := range demo {
		books["demo/"+filepath.Base(p)] = readSeed(f, p)
	}
	// The generated inputs are damaged session logs.
	gen, _ := filepath.Glob("../testdata/bad/files/*.xlsx")
	for _, p := range gen {
		books["files/课时登记-"+filepath.Base(p)] = readSeed(f, p)
	}
	cases, _ := filepath.Glob("../testdata/bad/*.txtar")
	dir := f.TempDir()
	built := map[string]bool{} // descriptions: many cases share one
	for _, c := range cases {
		parts := sheettest.Parts(string(readSeed(f, c)))
		comment := string(readSeed(f, c))
		if i := strings.Index(comment, "\n-- "); i >= 0 {
			comment = comment[:i]
		}
		for _, line := range strings.Split(comment, "\n") {
			fields := strings.Fields(line)
			if len(fields) != 3 || fields[0] != "mkxlsx" {
				continue
			}
			key := filepath.Base(c) + "/" + fields[1]
			if built[parts[fields[2]]] {
				continue
			}
			built[parts[fields[2]]] = true
			path := filepath.Join(dir, "book.xlsx")
			if err := sheettest.Build(path, []byte(parts[fields[2]])); err != nil {
				f.Fatalf("%s: %v", key, err)
			}
			books[key] = readSeed(f, path)
		}
	}
	seedBooks = books
	return books
}

func readSeed(f *testing.F, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	return b
}

// FuzzCSV reads fuzzed text as a CSV file with every input schema, seeded
// with the demo's CSV exports and the CSV files of the test sessions.
func FuzzCSV(f *testing.F) {
	for _, dir := range []string{"../testdata/csv/demo"} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
		for _, p := range paths {
			f.Add(readSeed(f, p))
		}
	}
	scripts, _ := filepath.Glob("../testdata/script/*csv*.txtar")
	for _, s := range scripts {
		for name, data := range sheettest.Parts(string(readSeed(f, s))) {
			if strings.HasSuffix(name, ".csv") {
				f.Add([]byte(data))
			}
		}
	}
	r := rules.Default()
	term := r.Term
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "输入.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		tl := calc.NewTally(r, september)
		info, problems := ReadSessions(context.Background(), path, "", r, tl)
		checkRead(t, "输入.csv", info, problems)
		if len(problems.Errors()) == 0 {
			if _, ps := calc.Payroll(r, tl, nil); slices.ContainsFunc(ps, func(p calc.Problem) bool { return p.Code == calc.CodeInternal }) {
				t.Fatalf("Payroll: %v", ps)
			}
		}
		recs, info, problems := ReadRecords(context.Background(), path, "", september)
		checkRead(t, "输入.csv", info, problems)
		if len(problems.Errors()) == 0 && len(recs) != info.Used {
			t.Fatalf("%d records, %d rows used", len(recs), info.Used)
		}
		pupils, info, problems := ReadRoster(context.Background(), path, "")
		checkRead(t, "输入.csv", info, problems)
		calc.CheckRoster(term, pupils)
		lines, info, problems := ReadExpenses(context.Background(), path, "")
		checkRead(t, "输入.csv", info, problems)
		calc.CheckSpending(term, lines)
	})
}
