package render

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/xuri/excelize/v2"

	"kfpay/sheet/sheettest"
)

// streamedWorkbook builds a fresh four-sheet workbook whose sheets are all
// written with StreamWriter: the case where excelize orders zip entries by
// map iteration.
func streamedWorkbook(t *testing.T) *excelize.File {
	t.Helper()
	f := excelize.NewFile()
	t.Cleanup(func() { _ = f.Close() })
	for i, name := range []string{"甲", "乙", "丙", "丁"} {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		sw, err := f.NewStreamWriter(name)
		if err != nil {
			t.Fatal(err)
		}
		for r := 1; r <= 3; r++ {
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if err := sw.SetRow(cell, []any{name, r, float64(r) * 1.5}); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func TestSaveWorkbookSameBytes(t *testing.T) {
	dir := t.TempDir()
	var first []byte
	// Several fresh workbooks: with 4 streamed sheets, map order would give
	// the same entry order twice in a row only by chance.
	for i := range 5 {
		path := filepath.Join(dir, fmt.Sprintf("out%d.xlsx", i))
		if err := (&Book{ctx: context.Background(), f: streamedWorkbook(t)}).Save(path, false); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = got
			continue
		}
		if !bytes.Equal(first, got) {
			t.Fatalf("write %d differs from write 0 (%d and %d bytes)", i, len(got), len(first))
		}
	}
	if bytes.Contains(first, []byte("xuri")) {
		t.Error("docProps still name excelize's author as creator")
	}
}

func TestSaveWorkbookNoClockTime(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out.xlsx")
	if err := (&Book{ctx: context.Background(), f: streamedWorkbook(t)}).Save(path, false); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	const want = "1980-01-01T00:00:00Z"
	if props.Created != want || props.Modified != want {
		t.Errorf("docProps created %q, modified %q; want both %q", props.Created, props.Modified, want)
	}
}

func TestSaveWorkbookRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "发放表-2026-09.xlsx")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := (&Book{ctx: context.Background(), f: streamedWorkbook(t)}).Save(path, false)
	var exists *ExistsError
	if !errors.As(err, &exists) || !errors.Is(err, fs.ErrExist) {
		t.Fatalf("Save over an existing file = %v, want an *ExistsError", err)
	}
	if want := path + " 已存在；如需覆盖请加 --force"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("existing file changed to %q", got)
	}
	sheettest.OnlyFiles(t, dir, "发放表-2026-09.xlsx")
}

// TestSaveWorkbookForceKeepsEveryVersion: each --force keeps the file it
// replaces under the next number, never replacing or deleting a backup,
// and says which name the old file now has (issue 12: three runs with
// --force lost the first, possibly signed, version). A backup deleted by
// hand leaves its number unused: the numbers keep the order of versions.
func TestSaveWorkbookForceKeepsEveryVersion(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.xlsx")
	if err := os.WriteFile(path, []byte("signed"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+".bak", []byte("from an older kfpay"), 0o644); err != nil {
		t.Fatal(err)
	}
	var versions [][]byte
	for i := 1; i <= 3; i++ {
		before, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		versions = append(versions, before)
		backup, err := (&Book{ctx: context.Background(), f: streamedWorkbook(t)}).SaveKeeping(path, true)
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%s.%d.bak", path, i); backup != want {
			t.Errorf("round %d: backup = %q, want %q", i, backup, want)
		}
	}
	for i, want := range versions {
		if got, _ := os.ReadFile(fmt.Sprintf("%s.%d.bak", path, i+1)); !bytes.Equal(got, want) {
			t.Errorf("out.xlsx.%d.bak holds %.20q, want the version it replaced, %.20q", i+1, got, want)
		}
	}
	if got, _ := os.ReadFile(path + ".bak"); string(got) != "from an older kfpay" {
		t.Errorf("out.xlsx.bak = %q, want it left alone", got)
	}
	if _, err := excelize.OpenFile(path); err != nil {
		t.Errorf("new file does not open: %v", err)
	}
	sheettest.OnlyFiles(t, dir, "out.xlsx", "out.xlsx.1.bak", "out.xlsx.2.bak", "out.xlsx.3.bak", "out.xlsx.bak")

	if err := os.Remove(path + ".2.bak"); err != nil {
		t.Fatal(err)
	}
	if backup, err := (&Book{ctx: context.Background(), f: streamedWorkbook(t)}).SaveKeeping(path, true); err != nil || backup != path+".4.bak" {
		t.Errorf("after .2.bak was deleted: backup = %q, %v; want %s.4.bak", backup, err, path)
	}
}

func TestSaveWorkbookFileMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permission bits on Windows")
	}
	path := filepath.Join(t.TempDir(), "out.xlsx")
	if err := (&Book{ctx: context.Background(), f: streamedWorkbook(t)}).Save(path, false); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := info.Mode().Perm(); got != 0o644 {
		t.Errorf("mode = %v, want 0644", got)
	}
}

func TestWriteFileAtomicFailureLeavesNothing(t *testing.T) {
	boom := errors.New("boom")
	fail := func(w io.Writer) error {
		_, _ = w.Write([]byte("half a file"))
		return boom
	}
	tests := []struct {
		name     string
		existing bool
		force    bool
	}{
		{"new file", false, false},
		{"forced over an existing file", true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.xlsx")
			want := []string{}
			if tt.existing {
				if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
					t.Fatal(err)
				}
				want = append(want, "out.xlsx")
			}
			if err := writeFile(path, tt.force, fail); !errors.Is(err, boom) {
				t.Fatalf("writeFile = %v, want the write error", err)
			}
			sheettest.OnlyFiles(t, dir, want...)
			if tt.existing {
				if got, _ := os.ReadFile(path); string(got) != "old" {
					t.Errorf("existing file changed to %q", got)
				}
			}
		})
	}
}

func TestWriteFileAtomicRefusesDirectory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.xlsx")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	err := writeFile(path, true, func(io.Writer) error { return nil })
	if err == nil {
		t.Fatal("writeFile over a directory with force succeeded")
	}
	sheettest.OnlyFiles(t, dir, "out.xlsx")
}

// TestWriteFilesPanicLeavesNothing checks that a panic while writing
// (excelize has known ones), on its way to the one recover at the top of
// kfpay, leaves no temporary file, of the file that panicked or of one
// staged before it. The clean-up once ran on an error only.
func TestWriteFilesPanicLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	ok := func(w io.Writer) error { _, err := w.Write([]byte("whole")); return err }
	panics := func(w io.Writer) error {
		_, _ = w.Write([]byte("half"))
		panic("index out of range")
	}
	func() {
		defer func() {
			if r := recover(); r != "index out of range" {
				t.Errorf("recovered %v, want the writer's panic", r)
			}
		}()
		_, _ = WriteFiles(context.Background(), false,
			File{filepath.Join(dir, "公示.xlsx"), ok},
			File{filepath.Join(dir, "内部.xlsx"), panics})
		t.Error("WriteFiles returned, want the writer's panic")
	}()
	sheettest.OnlyFiles(t, dir)
}

// TestWriteFile checks the writer of the outputs that are not workbooks:
// the content lands whole with kfpay's file mode, an existing file is
// refused without force, and with force it is kept as .1.bak.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.toml")
	if err := WriteFile(context.Background(), path, []byte("a = 1\n"), false); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "a = 1\n" {
		t.Errorf("content = %q", got)
	}
	if info, err := os.Stat(path); err != nil || (runtime.GOOS != "windows" && info.Mode().Perm() != outputMode) {
		t.Errorf("stat = %v, %v; want mode %v", info, err, fs.FileMode(outputMode))
	}
	if err := WriteFile(context.Background(), path, []byte("b = 2\n"), false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("WriteFile over an existing file = %v, want fs.ErrExist", err)
	}
	if err := WriteFile(context.Background(), path, []byte("b = 2\n"), true); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path + ".1.bak"); string(got) != "a = 1\n" {
		t.Errorf(".1.bak = %q, want the previous content", got)
	}
	sheettest.OnlyFiles(t, dir, "rules.toml", "rules.toml.1.bak")
}

// writeFile writes one file through WriteFiles.
func writeFile(path string, force bool, write func(io.Writer) error) error {
	_, err := WriteFiles(context.Background(), force, File{path, write})
	return err
}

// TestCommitAllTakesBack: when the second rename fails after the first file
// is in place, the first is taken back and the file it replaced restored.
func TestCommitAllTakesBack(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	if err := os.WriteFile(a, []byte("old a"), 0o644); err != nil {
		t.Fatal(err)
	}
	write := func(s string) func(w io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	sa, err := stageFile(a, true, write("new a"))
	if err != nil {
		t.Fatal(err)
	}
	sb, err := stageFile(b, true, write("new b"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(sb.tmp); err != nil { // b's rename will fail
		t.Fatal(err)
	}
	if err := commitAll([]*stagedFile{sa, sb}); err == nil {
		t.Fatal("commitAll succeeded without b's temporary file")
	}
	sheettest.OnlyFiles(t, dir, "a.xlsx")
	if got, _ := os.ReadFile(a); string(got) != "old a" {
		t.Errorf("a.xlsx = %q, want the old content back", got)
	}
}
