package sheettest

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// build writes the workbook described by desc to a temporary file and returns
// its path.
func build(t *testing.T, desc string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := Build(path, []byte(desc)); err != nil {
		t.Fatalf("Build(%q) = %v", desc, err)
	}
	return path
}

// open opens a built workbook for the duration of the test.
func open(t *testing.T, path string) *excelize.File {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// part returns one part of the zip package at path, such as
// "xl/worksheets/sheet1.xml".
func part(t *testing.T, path, name string) string {
	t.Helper()
	s, err := Part(path, name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// cellXML returns the <c> element of ref in a sheet part, or "".
func cellXML(sheetXML, ref string) string {
	re := regexp.MustCompile(`<c r="` + ref + `"[^>]*>.*?</c>`)
	return re.FindString(sheetXML)
}

var typeRE = regexp.MustCompile(`^<c [^>]*\bt="([^"]*)"`)

// cellType returns the t attribute of a <c> element, or "".
func cellType(c string) string {
	if m := typeRE.FindStringSubmatch(c); m != nil {
		return m[1]
	}
	return ""
}

// numFmt describes the number format of a cell: "" for none, "id 9" for a
// built-in format, else the custom format code.
func numFmt(t *testing.T, f *excelize.File, sheet, ref string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, ref)
	if err != nil {
		t.Fatal(err)
	}
	style, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case style.CustomNumFmt != nil:
		return *style.CustomNumFmt
	case style.NumFmt != 0:
		return "id " + strconv.Itoa(style.NumFmt)
	}
	return ""
}

func TestCellSyntax(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		raw     string // as Cells reads it
		typ     string // the t attribute of the <c> element
		numFmt  string // as numFmt describes it
		formula string
	}{
		{"integer", "20", "20", "", "", ""},
		{"decimal", "2.5", "2.5", "", "", ""},
		{"negative", "-1", "-1", "", "", ""},
		{"exponent stored as typed", "1e3", "1e3", "", "", ""},
		{"trailing zero stored as typed", "2.50", "2.50", "", "", ""},
		{"float artefact stored as typed", "20.000000000000004", "20.000000000000004", "", "", ""},
		{"leading zeros make a number", "007", "007", "", "", ""},
		{"quote mark makes text", "'2", "2", "s", "", ""},
		{"quote mark keeps full-width digit", "'２", "２", "s", "", ""},
		{"quote mark alone is empty text", "'", "", "s", "", ""},
		{"quoted text holds separators", `"a|b\tc"`, "a|b\tc", "s", "", ""},
		{"quoted text keeps spaces", `" 2 "`, " 2 ", "s", "", ""},
		{"quoted text decodes escapes", `"张\u3000三"`, "张\u3000三", "s", "", ""},
		{"plain text", "张三", "张三", "s", "", ""},
		{"full-width digit is text", "２", "２", "s", "", ""},
		{"date typed as text", "2026-09-01", "2026-09-01", "s", "", ""},
		{"plus sign is text", "+5", "+5", "s", "", ""},
		{"thousands separator is text", "1,234", "1,234", "s", "", ""},
		{"spaced percent is text", "30 %", "30 %", "s", "", ""},
		{"error value is text", "#N/A", "#N/A", "s", "", ""},
		{"percent", "30%", "0.3", "", "id 9", ""},
		{"percent with one decimal", "12.5%", "0.125", "", "0.0%", ""},
		{"percent with two decimals", "12.50%", "0.125", "", "id 10", ""},
		{"negative percent", "-5%", "-0.05", "", "id 9", ""},
		{"hundred percent", "100%", "1", "", "id 9", ""},
		{"date", "@2026-09-01", "46266", "", "yyyy-mm-dd", ""},
		{"date with format", `@2026-09-01:yyyy"年"m"月"d"日"`, "46266", "", `yyyy"年"m"月"d"日"`, ""},
		{"money", "~money 1234.5", "1234.5", "", "id 4", ""},
		{"true", "#bool TRUE", "1", "b", "", ""},
		{"false", "#bool FALSE", "0", "b", "", ""},
		{"formula without cached value", "=SUM(1,2)", "", "str", "", "SUM(1,2)"},
		{"formula with cached number", "=SUM(1,2)=>3", "3", "", "", "SUM(1,2)"},
		{"formula with cached text", `=A2&"x"=>"ax"`, "ax", "str", "", `A2&"x"`},
		{"formula with => in a string", `=IF(A2="=>",1,2)=>2`, "2", "", "", `IF(A2="=>",1,2)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := build(t, tt.src)
			rows, err := Cells(path, "Sheet1")
			if err != nil {
				t.Fatal(err)
			}
			// Cells drops a trailing empty value, so the empty text reads
			// as an empty row; the <c> element below shows it is there.
			if len(rows) != 1 || strings.Join(rows[0], "|") != tt.raw {
				t.Errorf("Cells = %q, want [[%q]]", rows, tt.raw)
			}
			c := cellXML(part(t, path, "xl/worksheets/sheet1.xml"), "A1")
			if got := cellType(c); got != tt.typ {
				t.Errorf("cell %s: t=%q, want %q", c, got, tt.typ)
			}
			if tt.typ == "" && tt.raw != "" && !strings.Contains(c, "<v>"+tt.raw+"</v>") {
				t.Errorf("cell %s: want <v>%s</v>", c, tt.raw)
			}
			f := open(t, path)
			if got := numFmt(t, f, "Sheet1", "A1"); got != tt.numFmt {
				t.Errorf("number format = %q, want %q", got, tt.numFmt)
			}
			if got, err := f.GetCellFormula("Sheet1", "A1"); err != nil || got != tt.formula {
				t.Errorf("GetCellFormula = %q, %v, want %q", got, err, tt.formula)
			}
		})
	}
}
