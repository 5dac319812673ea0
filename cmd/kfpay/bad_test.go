package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/cryptotest"
	"time"
	"unicode/utf16"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/xuri/excelize/v2"

	"kfpay/sheet/sheettest"
)

// badDir holds the bad-input corpus: one case per .txtar file, and the
// generated inputs of the cases under files/.
const badDir = "../../testdata/bad"

// badCase is one case of the corpus, read from its txtar file. The comment
// of the archive holds the directives, one a line ('#' starts a comment):
//
//	mkxlsx OUT DESC   build OUT from the sheettest description DESC, a file of the archive
//	mkcsv ENC OUT TEXT  write the UTF-8 text TEXT, a file of the archive, as the CSV
//	                  file OUT in ENC (utf8, utf8bom, gbk, utf16; \xNN for a raw byte)
//	cp NAME OUT       copy testdata/bad/NAME (a generated input under files/) to OUT
//	mkdir DIR         make a folder
//	truncate OUT N    make OUT a sparse file of N bytes
//	setcell BOOK SHEET!CELL V  type V over a cell of BOOK, as in Excel (a
//	                  number when V reads as one)
//	before ARGS…      run kfpay ARGS to set the case up; it must succeed
//	run ARGS…         the kfpay command line under test (exactly one)
//	exit N            its exit status (default 2)
//	stderr TEXT       text its standard error must hold (repeatable)
//	stdout TEXT       text its standard output must hold (repeatable), for a
//	                  command whose report is its result (check); without
//	                  one, a failed run must print nothing on standard output
//	creates FILE      a file the run may create or replace (for exit 0)
//	backup FILE       FILE.N.bak, N the next number after FILE's backups,
//	                  must hold what FILE held before the run
//
// Every other file of the archive is written into the case's folder as it is.
type badCase struct {
	name    string
	corpus  string // testdata/bad as an absolute path, for cp
	archive *txtar.Archive
	setup   [][]string // mkxlsx, mkcsv, cp, mkdir, truncate and before lines, in order
	args    []string
	exit    int
	stderr  []string
	stdout  []string
	creates []string
	backups []string
}

// parseBadCase reads the directives of a case.
func parseBadCase(name string, data []byte) (*badCase, error) {
	c := &badCase{name: name, archive: txtar.Parse(data), exit: exitBadInput}
	for i, line := range strings.Split(string(c.archive.Comment), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		args := strings.Fields(rest)
		bad := func(want int) error {
			if len(args) == want {
				return nil
			}
			return fmt.Errorf("%s line %d: %s takes %d arguments", name, i+1, verb, want)
		}
		var err error
		switch verb {
		case "mkxlsx", "cp", "truncate":
			err = bad(2)
			c.setup = append(c.setup, append([]string{verb}, args...))
		case "mkcsv":
			err = bad(3)
			c.setup = append(c.setup, append([]string{verb}, args...))
		case "mkdir":
			err = bad(1)
			c.setup = append(c.setup, append([]string{verb}, args...))
		case "setcell":
			err = bad(3)
			c.setup = append(c.setup, append([]string{verb}, args...))
		case "before":
			c.setup = append(c.setup, append([]string{verb}, args...))
		case "run":
			if c.args != nil {
				err = fmt.Errorf("%s line %d: a second run", name, i+1)
			}
			c.args = args
		case "exit":
			c.exit, err = strconv.Atoi(rest)
		case "stderr":
			c.stderr = append(c.stderr, rest)
		case "stdout":
			c.stdout = append(c.stdout, rest)
		case "creates":
			err = bad(1)
			c.creates = append(c.creates, rest)
		case "backup":
			err = bad(1)
			c.backups = append(c.backups, rest)
		default:
			err = fmt.Errorf("%s line %d: unknown directive %q", name, i+1, verb)
		}
		if err != nil {
			return nil, err
		}
	}
	switch {
	case len(c.args) == 0:
		return nil, fmt.Errorf("%s: no run line", name)
	case len(c.stderr)+len(c.stdout) == 0 && c.exit != exitOK:
		return nil, fmt.Errorf("%s: a failing case needs a stderr or stdout line", name)
	case c.exit == exitOK && len(c.creates) == 0:
		return nil, fmt.Errorf("%s: a case that succeeds needs a creates line", name)
	}
	return c, nil
}

// TestBadCorpus runs every case of testdata/bad: kfpay must not panic, must
// exit with the status the case gives, say what the case expects on
// standard error, and leave the folder as it found it: no output, no
// temporary or backup file, every file there before byte for byte the same
// (issue 6). With -update it first rewrites the generated inputs under
// testdata/bad/files.
func TestBadCorpus(t *testing.T) {
	if *update {
		writeBadFiles(t)
	}
	corpus, err := filepath.Abs(badDir)
	if err != nil {
		t.Fatal(err)
	}
	paths, err := filepath.Glob(filepath.Join(corpus, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 40 {
		t.Errorf("the corpus has %d cases, want at least 40", len(paths))
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c, err := parseBadCase(filepath.Base(p), data)
		if err != nil {
			t.Fatal(err)
		}
		c.corpus = corpus
		t.Run(strings.TrimSuffix(c.name, ".txtar"), c.run)
	}
}

// run sets the case up in a folder of its own and checks what kfpay does there.
func (c *badCase) run(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for _, f := range c.archive.Files {
		if err := os.MkdirAll(filepath.Dir(f.Name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f.Name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range c.setup {
		c.setUp(t, s)
	}
	before := snapshot(t, ".")

	var stdout, stderr bytes.Buffer
	code := runNoPanic(t, c.args, &stdout, &stderr)
	t.Logf("kfpay %s\nexit %d\nstderr:\n%s", strings.Join(c.args, " "), code, stderr.String())
	if code != c.exit {
		t.Errorf("exit status %d, want %d", code, c.exit)
	}
	for _, want := range c.stderr {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr does not say %q", want)
		}
	}
	for _, want := range c.stdout {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("stdout does not say %q:\n%s", want, stdout.String())
		}
	}
	if code != exitOK && len(c.stdout) == 0 && stdout.Len() > 0 {
		t.Errorf("a failed run printed on stdout:\n%s", stdout.String())
	}

	after := snapshot(t, ".")
	mayChange := map[string]bool{}
	for _, f := range c.creates {
		mayChange[f] = true
		if _, ok := after[f]; !ok {
			t.Errorf("%s was not written", f)
		}
	}
	for _, f := range c.backups {
		// The next number after the backups there before: no backup is
		// ever replaced.
		n := 1
		for n > 0 {
			if _, ok := before[fmt.Sprintf("%s.%d.bak", f, n)]; !ok {
				break
			}
			n++
		}
		bak := fmt.Sprintf("%s.%d.bak", f, n)
		mayChange[bak] = true
		if got, ok := after[bak]; !ok || got != before[f] {
			t.Errorf("%s does not hold the previous %s", bak, f)
		}
	}
	for name, data := range before {
		if mayChange[name] {
			continue
		}
		if got, ok := after[name]; !ok {
			t.Errorf("%s is gone", name)
		} else if got != data {
			t.Errorf("%s was changed", name)
		}
	}
	for name := range after {
		if _, ok := before[name]; !ok && !mayChange[name] {
			t.Errorf("%s was left behind", name)
		}
	}
}

// setUp carries out one setup directive in the current folder.
func (c *badCase) setUp(t *testing.T, s []string) {
	t.Helper()
	var err error
	switch s[0] {
	case "mkxlsx":
		err = sheettest.BuildFile(s[1], s[2])
	case "mkcsv":
		var data []byte
		if data, err = os.ReadFile(s[3]); err == nil {
			if data, err = encodeCSV(s[1], data); err == nil {
				err = os.WriteFile(s[2], data, 0o644)
			}
		}
	case "cp":
		var data []byte
		if data, err = os.ReadFile(filepath.Join(c.corpus, s[1])); err == nil {
			err = os.WriteFile(s[2], data, 0o644)
		}
	case "mkdir":
		err = os.Mkdir(s[1], 0o755)
	case "truncate":
		var n int64
		if n, err = strconv.ParseInt(s[2], 10, 64); err == nil {
			if err = os.WriteFile(s[1], nil, 0o644); err == nil {
				err = os.Truncate(s[1], n) // sparse: costs no disk
			}
		}
	case "setcell":
		err = setCell(s[1], s[2], s[3])
	case "before":
		var stdout, stderr bytes.Buffer
		if code := runNoPanic(t, s[1:], &stdout, &stderr); code != exitOK {
			err = fmt.Errorf("exit %d:\n%s", code, stderr.String())
		}
	}
	if err != nil {
		t.Fatalf("%s: %s: %v", c.name, strings.Join(s, " "), err)
	}
}

// setCell types value over one cell of the workbook at path, a number
// when it reads as one, as a bursar editing it in Excel would.
func setCell(path, at, value string) error {
	sheet, cell, ok := strings.Cut(at, "!")
	if !ok {
		return fmt.Errorf("want SHEET!CELL, got %s", at)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var v any = value
	if n, err := strconv.ParseFloat(value, 64); err == nil {
		v = n
	}
	if err := f.SetCellValue(sheet, cell, v); err != nil {
		return err
	}
	return f.Save()
}

// runNoPanic runs kfpay in this process and fails the test if kfpay meets
// a bug of its own (exit status exitBug: a panic, which run recovers, or a
// figure that does not add up): no input may make it.
func runNoPanic(t *testing.T, args []string, stdout, stderr *bytes.Buffer) int {
	t.Helper()
	code := run(context.Background(), args, strings.NewReader(""), stdout, stderr)
	if code == exitBug {
		t.Fatalf("kfpay %s met a bug of its own:\n%s", strings.Join(args, " "), stderr)
	}
	return code
}

// snapshot maps every file and folder under dir to its content ("/" marks
// a folder), so that a run can be checked to have changed nothing.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		if d.IsDir() {
			files[p] = "/"
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() > 1<<20 {
			// The sparse files of the too-large cases: their size stands for them.
			files[p] = fmt.Sprintf("%d bytes", info.Size())
			return nil
		}
		data, err := os.ReadFile(p)
		files[p] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// badGoodLog is the session log the generated inputs are made from: a
// month a bursar could have kept, which each generator then damages in one
// way.
const badGoodLog = `# sheet 9月
| 日期        | 工号 | 教师 | 类型     | 节数 |
| @2026-09-01 | T01  | 王芳 | 上课     | 2    |
| @2026-09-01 | T01  | 王芳 | 安全管理 | 1    |
| @2026-09-02 | T02  | 李强 | 上课     | 2    |
| @2026-09-03 | T03  | 张伟 | 行政值班 | 1    |
`

// badFiles makes the inputs of the corpus that a sheettest description
// cannot express: files that are not workbooks, and workbooks damaged below
// the level of cells. Each is written to testdata/bad/files under its name
// by go test ./cmd/kfpay -run TestBadCorpus -update.
var badFiles = []struct {
	name string
	make func(t *testing.T) []byte
}{
	// A real Excel 97-2003 workbook, saved by LibreOffice from the good log.
	{"legacy.xls", func(t *testing.T) []byte { return convertWithLibreOffice(t, goodLogBytes(t), "xls") }},
	// A real password-protected workbook (an OLE2 file holding
	// EncryptionInfo and EncryptedPackage).
	{"encrypted.xlsx", encryptedWorkbook},
	// A macro-enabled workbook: Excel's .xlsm content type for the workbook part.
	{"macro.xlsm", func(t *testing.T) []byte {
		return rezip(t, goodLogBytes(t), editPart("[Content_Types].xml", func(b []byte) []byte {
			return replaceOnce(t, b, "spreadsheetml.sheet.main+xml", "sheet.macroEnabled.main+xml")
		}), nil)
	}},
	// An Excel 97-2003 workbook as WPS saves it: the legacy .xls with WPS's
	// KSOProductBuildVer property name after its sectors, where WPS keeps
	// it in DocumentSummaryInformation (no WPS runs here to save a real one).
	{"wps.xls", func(t *testing.T) []byte {
		b, err := os.ReadFile(filepath.Join(badDir, "files", "legacy.xls"))
		if err != nil {
			t.Fatal(err)
		}
		marker := make([]byte, 512)
		for i, c := range "KSOProductBuildVer" {
			marker[2*i] = byte(c)
		}
		return append(b, marker...)
	}},
	// An Excel binary workbook: a zip whose workbook part is xl/workbook.bin.
	{"book.xlsb", func(t *testing.T) []byte {
		return zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "xl/workbook.bin": "\x83\x01\x00"})
	}},
	// An Apple Numbers document saved as one file: a zip of .iwa parts.
	{"课时登记.numbers", func(t *testing.T) []byte {
		return zipOf(t, map[string]string{"Index/Document.iwa": "x", "Metadata/Properties.plist": "x"})
	}},
	// A photo of the paper sheet: the start of a JPEG.
	{"photo.jpg", func(t *testing.T) []byte {
		return []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
	}},
	// A zip that holds no workbook.
	{"no-workbook.xlsx", func(t *testing.T) []byte {
		return zipOf(t, map[string]string{"说明.txt": "课时登记见附件"})
	}},
	// A Word document renamed .xlsx.
	{"word.xlsx", func(t *testing.T) []byte {
		return zipOf(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
	}},
	// An OpenDocument spreadsheet renamed .xlsx.
	{"ods.xlsx", func(t *testing.T) []byte {
		return zipOf(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office:document-content/>"})
	}},
	// A zip bomb: the worksheet declares 8 GiB unzipped.
	{"bomb-declared.xlsx", func(t *testing.T) []byte {
		return rezip(t, goodLogBytes(t), nil, func(name string, fh *zip.FileHeader) {
			if name == "xl/worksheets/sheet1.xml" {
				fh.UncompressedSize64 = 8 << 30
			}
		})
	}},
	// A zip bomb that lies: the shared strings inflate to 32 MiB of
	// padding but declare 1 KiB.
	{"bomb-lying.xlsx", func(t *testing.T) []byte {
		return rezip(t, goodLogBytes(t), editPart("xl/sharedStrings.xml", func(b []byte) []byte {
			return replaceOnce(t, b, "<si>", strings.Repeat(" ", 32<<20)+"<si>")
		}), func(name string, fh *zip.FileHeader) {
			if name == "xl/sharedStrings.xml" {
				fh.UncompressedSize64 = 1 << 10
			}
		})
	}},
	// A download cut short: the first half of the file.
	{"cut-zip.xlsx", func(t *testing.T) []byte {
		b := goodLogBytes(t)
		return b[:len(b)/2]
	}},
	// A sound zip whose worksheet XML was cut inside row 4 before it was
	// zipped: without a check that the XML is complete, the rows read
	// would pass for a shorter month.
	{"cut-sheet.xlsx", func(t *testing.T) []byte {
		return rezip(t, goodLogBytes(t), editPart("xl/worksheets/sheet1.xml", func(b []byte) []byte {
			return b[:bytes.Index(b, []byte(`<row r="4"`))+20]
		}), nil)
	}},
	// A worksheet whose compressed data does not match its checksum.
	{"checksum.xlsx", func(t *testing.T) []byte {
		return rezip(t, goodLogBytes(t), nil, func(name string, fh *zip.FileHeader) {
			if name == "xl/worksheets/sheet1.xml" {
				fh.CRC32 ^= 1
			}
		})
	}},
	// A 教师 cell that points past the end of the shared string table.
	{"bad-shared-string.xlsx", func(t *testing.T) []byte {
		return rezip(t, goodLogBytes(t), editPart("xl/worksheets/sheet1.xml", func(b []byte) []byte {
			return replaceCell(t, b, "C3", `<c r="C3" t="s"><v>999</v></c>`)
		}), nil)
	}},
	// A 节数 cell holding the error a formula left when its source was
	// deleted, as Excel saves it (t="e").
	{"error-cell.xlsx", func(t *testing.T) []byte {
		return rezip(t, goodLogBytes(t), editPart("xl/worksheets/sheet1.xml", func(b []byte) []byte {
			return replaceCell(t, b, "E2", `<c r="E2" t="e"><f>#REF!*2</f><v>#REF!</v></c>`)
		}), nil)
	}},
	// A workbook whose only sheet is hidden, which Excel lets a macro do and
	// a sheettest description does not.
	{"all-hidden.xlsx", func(t *testing.T) []byte {
		return rezip(t, goodLogBytes(t), editPart("xl/workbook.xml", func(b []byte) []byte {
			return replaceOnce(t, b, `<sheet name="9月"`, `<sheet state="hidden" name="9月"`)
		}), nil)
	}},
	// A rules file saved by Notepad as "Unicode": UTF-16LE with a byte
	// order mark. Kept out of the case's txtar, which is text.
	{"rules-utf16.toml", func(t *testing.T) []byte {
		b := []byte{0xFF, 0xFE}
		for _, r := range utf16.Encode([]rune("school = \"示例小学\"\n[rates]\nlesson = \"20.00\"\n")) {
			b = binary.LittleEndian.AppendUint16(b, r)
		}
		return b
	}},
	// Shared strings cut short inside a sound zip.
	{"cut-shared-strings.xlsx", func(t *testing.T) []byte {
		return rezip(t, goodLogBytes(t), editPart("xl/sharedStrings.xml", func(b []byte) []byte {
			return b[:len(b)/2]
		}), nil)
	}},
}

// writeBadFiles writes every generated input of the corpus.
func writeBadFiles(t *testing.T) {
	dir := filepath.Join(badDir, "files")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range badFiles {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.make(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// goodLogBytes builds badGoodLog.
func goodLogBytes(t *testing.T) []byte {
	t.Helper()
	p := filepath.Join(t.TempDir(), "log.xlsx")
	if err := sheettest.Build(p, []byte(badGoodLog)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rezip copies the zip src entry by entry through edit, which may change an
// entry's data. The CRC and sizes are computed from the edited data, and
// then tweak, when not nil, may change what the header declares.
func rezip(t *testing.T, src []byte, edit func(name string, data []byte) []byte, tweak func(name string, fh *zip.FileHeader)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if edit != nil {
			data = edit(f.Name, data)
		}
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.BestCompression)
		fw.Write(data)
		fw.Close()
		fh := &zip.FileHeader{
			Name:               f.Name,
			Method:             zip.Deflate,
			Modified:           f.Modified,
			CRC32:              crc32.ChecksumIEEE(data),
			CompressedSize64:   uint64(comp.Len()),
			UncompressedSize64: uint64(len(data)),
		}
		if tweak != nil {
			tweak(f.Name, fh)
		}
		w, err := zw.CreateRaw(fh)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(comp.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// editPart is a rezip edit that changes the part name only.
func editPart(name string, change func([]byte) []byte) func(string, []byte) []byte {
	return func(n string, data []byte) []byte {
		if n == name {
			return change(data)
		}
		return data
	}
}

// zipOf makes a zip of the given files, in name order.
func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, files[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// replaceCell replaces the XML of the cell ref in a worksheet.
func replaceCell(t *testing.T, sheet []byte, ref, cell string) []byte {
	t.Helper()
	start := bytes.Index(sheet, []byte(`<c r="`+ref+`"`))
	if start < 0 {
		t.Fatalf("no cell %s", ref)
	}
	end := bytes.Index(sheet[start:], []byte("</c>"))
	return slices.Concat(sheet[:start], []byte(cell), sheet[start+end+len("</c>"):])
}

// replaceOnce replaces the first old in b with new, and fails the test when
// there is none: a generator must not quietly make a sound file.
func replaceOnce(t *testing.T, b []byte, old, new string) []byte {
	t.Helper()
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("no %q to replace", old)
	}
	return bytes.Replace(b, []byte(old), []byte(new), 1)
}

// encryptedWorkbook saves the good log with an opening password.
func encryptedWorkbook(t *testing.T) []byte {
	t.Helper()
	// The salt and key come from crypto/rand: seed it, so that -update
	// leaves the file as it was.
	cryptotest.SetGlobalRandom(t, 6)
	f, err := excelize.OpenReader(bytes.NewReader(goodLogBytes(t)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if err := f.Write(&buf, excelize.Options{Password: "kfpay"}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// convertWithLibreOffice converts a workbook to format with a headless
// LibreOffice. Without one, the file already in the corpus is kept.
func convertWithLibreOffice(t *testing.T, xlsx []byte, format string) []byte {
	t.Helper()
	name := "legacy." + format
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Logf("no soffice: keeping files/%s as it is", name)
		old, err := os.ReadFile(filepath.Join(badDir, "files", name))
		if err != nil {
			t.Fatal(err)
		}
		return old
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "legacy.xlsx")
	if err := os.WriteFile(in, xlsx, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "--convert-to", format, "--outdir", dir, in)
	cmd.Env = append(os.Environ(), "HOME="+dir) // a profile of its own, not the user's
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return out
}
