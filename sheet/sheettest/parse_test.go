package sheettest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSplitRow(t *testing.T) {
	tests := []struct {
		name string
		line string
		want []string
	}{
		{"tab cells kept as they are", "a\t b \t", []string{"a", " b ", ""}},
		{"empty line", "", []string{""}},
		{"pipe cells trimmed", "| a |  b|c  |", []string{"a", "b", "c"}},
		{"closing pipe optional", "| a | b", []string{"a", "b"}},
		{"empty pipe cells", "| | b | |", []string{"", "b", ""}},
		{"full-width space not trimmed", "|\u3000张三 |", []string{"\u3000张三"}},
		{"leading space makes a tab row", " | a |", []string{" | a |"}},
		{"quoted pipe", `| "a|b" | c |`, []string{`"a|b"`, "c"}},
		{"quoted escaped quote", `| "a\"|" | c |`, []string{`"a\"|"`, "c"}},
		{"quoted tab in a tab row", "\"a\tb\"\tc", []string{"\"a\tb\"", "c"}},
		{"formula string holds a pipe", `| =IF(A1="|",1,2)=>"|" | c |`, []string{`=IF(A1="|",1,2)=>"|"`, "c"}},
		{"quote inside text is a character", `| 他说"好 | c |`, []string{`他说"好`, "c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := splitRow(tt.line)
			if err != nil {
				t.Fatalf("splitRow(%q) = %v", tt.line, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("splitRow(%q) (-want +got):\n%s", tt.line, diff)
			}
		})
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name string
		desc string
		want string // in the error
	}{
		{"unknown directive", "a\n# shet 9月\n", "line 2: unknown directive # shet"},
		{"directive without argument", "# sheet\n", "line 1: # sheet needs an argument"},
		{"directive with argument", "# hidden yes\n", "line 1: # hidden takes no argument"},
		{"row going back", "a\nb\n# row 2\n", "line 3: # row 2: want a row number from 3"},
		{"row not a number", "# row x\n", "line 1: # row x"},
		{"sheet named twice", "# sheet 9月\n# sheet 9月\n", `line 2: sheet "9月" named twice`},
		{"sheet name case-insensitive", "a\n# sheet sheet1\n", `line 2: sheet "sheet1" named twice`},
		{"hidden row at the end", "a\n# hiddenrow\n", "line 2: # hiddenrow with no row after it"},
		{"hidden row before a sheet", "# hiddenrow\n# sheet 二\n", "line 2: # hiddenrow with no row after it"},
		{"bad date", "| a | @2026-13-01 |\n", `line 1: cell B1 "@2026-13-01": bad date`},
		{"date without day", "@2026-09\n", `line 1: cell A1 "@2026-09": want a date`},
		{"date before 1900-03-01", "@1900-02-28\n", "date before 1900-03-01"},
		{"date before 1904", "# date1904\n@1903-12-31\n", "date before 1904-01-01"},
		{"bad money", "~money 1,234\n", "want ~money and a number"},
		{"bad bool", "#bool yes\n", "want #bool TRUE or #bool FALSE"},
		{"number out of range", "1e999\n", "number out of range"},
		{"bad quoted text", `"a\q"` + "\n", "want a Go string literal"},
		{"unterminated quote", `| "a | b |` + "\n", "no closing quote"},
		{"text after quote", `| "a" b | c |` + "\n", "text after the closing quote"},
		{"empty formula", "=\n", "empty formula"},
		{"bad cached value", "=A1=>abc\n", "want a cached value"},
		{"bad cached text", `=A1=>"a` + "\n", "want a cached text"},
		{"every sheet hidden", "# hidden\na\n", "every sheet is hidden"},
		{"bad sheet name", "# sheet a/b\n", `sheet "a/b"`},
		{"merge without range", "# merge\n", "line 1: # merge needs an argument"},
		{"merge of one cell", "# merge A3:A3\n", "line 1: # merge A3:A3: want a range of two or more cells"},
		{"merge backwards", "# merge A4:A3\n", "want a range of two or more cells"},
		{"merge not a range", "# merge A3\n", "want a range of two or more cells"},
		{"merges overlapping", "# merge A3:A4\n# merge A4:B5\n", "line 2: # merge A4:B5 overlaps A3:A4"},
		{"merge over a title", "# title 表\n# merge A1:A2\n| a | b |\n", "line 2: # merge A1:A2 overlaps the title A1:B1"},
		{"value under a merge", "| 张三 | 上课 |\n|  | 安全管理 |\n|  b | c |\n# merge A1:A2\n# merge A3:B3\n", "line 5: # merge A3:B3: B3 holds a value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Build(filepath.Join(t.TempDir(), "book.xlsx"), []byte(tt.desc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Build(%q) = %v, want an error with %q", tt.desc, err, tt.want)
			}
		})
	}
}

func TestBuildFile(t *testing.T) {
	dir := t.TempDir()
	desc := filepath.Join(dir, "log.txt")
	if err := os.WriteFile(desc, []byte("| 教师 | 节数 |\r\n| 张三 | 2 |\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	book := filepath.Join(dir, "课时登记.xlsx")
	if err := BuildFile(book, desc); err != nil {
		t.Fatalf("BuildFile = %v", err)
	}
	if diff := cmp.Diff([][]string{{"教师", "节数"}, {"张三", "2"}}, cells(t, book, "Sheet1")); diff != "" {
		t.Errorf("Cells (-want +got):\n%s", diff)
	}

	if err := os.WriteFile(desc, []byte("#bool TRUE\n#bool maybe\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := BuildFile(book, desc); err == nil || !strings.HasPrefix(err.Error(), desc+": line 2: ") {
		t.Errorf("BuildFile = %v, want an error starting %q", err, desc+": line 2: ")
	}
	if err := BuildFile(book, filepath.Join(dir, "none.txt")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("BuildFile of a missing description = %v, want fs.ErrNotExist", err)
	}
}

func TestCellsErrors(t *testing.T) {
	path := build(t, "a\n")
	if _, err := Cells(path, "9月"); err == nil {
		t.Error("Cells of a missing sheet: no error")
	}
	if _, err := Cells(filepath.Join(t.TempDir(), "none.xlsx"), "Sheet1"); err == nil {
		t.Error("Cells of a missing file: no error")
	}
}

func FuzzBuild(f *testing.F) {
	f.Add("# sheet 9月\n# title t\n| a | 'b | \"c|d\" |\n# hiddenrow\n\n# row 9\n30%\t@2026-09-01\t=A1=>\"x\"\n")
	f.Add("# date1904\n# inline\n~money 1.5\t#bool TRUE\t=IF(A1=\"|\",1,2)=>2\n")
	f.Fuzz(func(t *testing.T, desc string) {
		// Any description either builds or is an error; none panics.
		_ = Build(filepath.Join(t.TempDir(), "book.xlsx"), []byte(desc))
	})
}
