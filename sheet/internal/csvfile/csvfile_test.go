package csvfile

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func write(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gbk(t testing.TB, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// rowsOf reads the file at path as "row: col=value|col=value" lines.
func rowsOf(t *testing.T, path string) (*File, []string, error) {
	t.Helper()
	f, err := Open(path)
	if err != nil {
		return nil, nil, err
	}
	rs, err := f.Rows(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var out []string
	for rs.Next() {
		var fs []string
		for _, fd := range rs.Fields() {
			fs = append(fs, fmt.Sprintf("%d=%s", fd.Col, fd.Value))
		}
		out = append(out, fmt.Sprintf("%d: %s", rs.Row(), strings.Join(fs, "|")))
	}
	return f, out, rs.Err()
}

const log = "日期,教师,类型,节数\r\n2026/9/1,王芳,上课,2\r\n"

// TestEncodings checks that each encoding the bursar's programs write is
// detected and read to the same text.
func TestEncodings(t *testing.T) {
	want := []string{"1: 1=日期|2=教师|3=类型|4=节数", "2: 1=2026/9/1|2=王芳|3=上课|4=2"}
	for _, tc := range []struct {
		name string
		data []byte
		enc  Encoding
	}{
		{"utf-8", []byte(log), UTF8},
		{"utf-8 with a byte order mark", append([]byte("\xEF\xBB\xBF"), log...), UTF8BOM},
		{"gbk", gbk(t, log), GBK},
		{"gb18030 four-byte character", slices.Concat(gbk(t, log+"2026/9/2,"), []byte{0x95, 0x32, 0x82, 0x36}, gbk(t, ",上课,1\r\n")), GB18030},
		{"utf-16 with tabs", utf16LE(strings.ReplaceAll(log, ",", "\t")), UTF16LE},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, got, err := rowsOf(t, write(t, "a.csv", tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if f.Encoding() != tc.enc {
				t.Errorf("Encoding() = %v (%d), want %d", f.Encoding(), f.Encoding(), tc.enc)
			}
			if strings.Join(got[:2], "\n") != strings.Join(want, "\n") {
				t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestGB18030 reads a four-byte character: 0x95328236 is U+20000 (𠀀), a
// character GBK has not.
func TestGB18030(t *testing.T) {
	f, got, err := rowsOf(t, write(t, "a.csv", append(gbk(t, "教师,备注\n王芳,"), 0x95, 0x32, 0x82, 0x36, '\n')))
	if err != nil || f.Encoding() != GB18030 || got[1] != "2: 1=王芳|2=\U00020000" {
		t.Errorf("got %q, %v, %v", got, f.Encoding(), err)
	}
}

// TestCP936Euro reads Windows' 0x80 as €, as Excel on Chinese Windows writes it.
func TestCP936Euro(t *testing.T) {
	f, got, err := rowsOf(t, write(t, "a.csv", append(gbk(t, "教师,备注\n王芳,"), 0x80, '5', '\n')))
	if err != nil || f.Encoding() != GBK || got[1] != "2: 1=王芳|2=€5" {
		t.Errorf("got %q, %v, %v", got, f.Encoding(), err)
	}
}

// TestParse checks how text splits into rows and fields, and how the rows
// are numbered: as Excel numbers them, a record a row, blank lines counted.
func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"LF", "a,b\nc,d\n", []string{"1: 1=a|2=b", "2: 1=c|2=d"}},
		{"CRLF", "a,b\r\nc,d\r\n", []string{"1: 1=a|2=b", "2: 1=c|2=d"}},
		{"old Mac CR", "a,b\rc,d\r", []string{"1: 1=a|2=b", "2: 1=c|2=d"}},
		{"no line end at the end", "a,b\nc,d", []string{"1: 1=a|2=b", "2: 1=c|2=d"}},
		{"trailing empty lines", "a,b\r\n\r\n\r\n", []string{"1: 1=a|2=b"}},
		{"blank rows count", "a\n\n,,\nb\n", []string{"1: 1=a", "4: 1=b"}},
		{"empty fields keep their columns", ",x,,y,", []string{"1: 2=x|4=y"}},
		{"quoted comma", `"1,234.50",b` + "\n", []string{"1: 1=1,234.50|2=b"}},
		{"quoted line break is one row", "\"上课\n代课\",b\r\nc,d\r\n", []string{"1: 1=上课\n代课|2=b", "2: 1=c|2=d"}},
		{"doubled quote", `"他说""好""",b`, []string{`1: 1=他说"好"|2=b`}},
		{"quote inside an unquoted field is text", `三(1)"班,b`, []string{`1: 1=三(1)"班|2=b`}},
		{"excel text form", `="0012",王芳`, []string{"1: 1=0012|2=王芳"}},
		{"excel text form quoted", `"=""0012""",王芳`, []string{"1: 1=0012|2=王芳"}},
		{"excel text form with a quote", `="a""b",c`, []string{`1: 1=a"b|2=c`}},
		{"empty excel text is empty", `="",b`, []string{"1: 2=b"}},
		{"formula kept as text", `="a"&"b",c`, []string{`1: 1=="a"&"b"|2=c`}},
		{"quoted empty", `"",b`, []string{"1: 2=b"}},
		{"spaces kept", " a , b ", []string{"1: 1= a |2= b "}},
		{"tab separated", "日期\t教师\t节数\n2026/9/1\t王芳\t2\n", []string{"1: 1=日期|2=教师|3=节数", "2: 1=2026/9/1|2=王芳|3=2"}},
		{"tab separated with commas in notes", "日期\t教师\t备注\n2026/9/1\t王芳\t代课, 补课\n", []string{"1: 1=日期|2=教师|3=备注", "2: 1=2026/9/1|2=王芳|3=代课, 补课"}},
		{"semicolons", "日期;教师;金额\n2026/9/1;王芳;1,5\n", []string{"1: 1=日期|2=教师|3=金额", "2: 1=2026/9/1|2=王芳|3=1,5"}},
		{"excel sep line", "sep=;\r\n日期;教师\r\n2026/9/1;王芳\r\n", []string{"1: 1=日期|2=教师", "2: 1=2026/9/1|2=王芳"}},
		{"title row without separators", "2026年9月课后服务登记表\n日期,教师\n2026/9/1,王芳\n", []string{"1: 1=2026年9月课后服务登记表", "2: 1=日期|2=教师", "3: 1=2026/9/1|2=王芳"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got, err := rowsOf(t, write(t, "a.csv", []byte(tc.text)))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("rows:\n%q\nwant:\n%q", got, tc.want)
			}
		})
	}
}

// TestErrors checks that text that cannot be split or read is an error at
// its row and column, never a guess.
func TestErrors(t *testing.T) {
	long := `"` + strings.Repeat("字", maxCellRunes+1) + `"`
	for _, tc := range []struct {
		name     string
		data     []byte
		kind     *Kind
		row, col int
		msg      string // part of the message, the advice that tells this case apart
	}{
		{"unclosed quote", []byte("日期,教师\n2026/9/1,\"王芳\n2026/9/2,李强\n"), ErrQuote, 2, 2, "没有对应的引号"},
		{"text after a closing quote", []byte("日期,教师\n2026/9/1,\"王\"芳\n"), ErrQuote, 2, 2, "引号后面还有文字"},
		{"unquoted field longer than a cell", []byte("a,b\n1," + strings.Repeat("字", 4*maxCellRunes) + "\n"), ErrCellTooLong, 2, 2, "32767"},
		{"field longer than a cell", []byte("a,b\n1," + long + "\n"), ErrCellTooLong, 2, 2, "32767"},
		{"unclosed quote swallowing a long file", []byte("a,b\n1,\"x" + strings.Repeat("2026/9/1,王芳,上课,2\n", 10000)), ErrCellTooLong, 2, 2, "引号"},
		{"lone byte neither UTF-8 nor GBK", append(gbk(t, "日期,教师\n2026/9/1,王芳\n2026/9/2,"), 0xFF, '\n'), ErrEncoding, 3, 2, "既不是 UTF-8 也不是 GBK"},
		{"lone byte in UTF-8 with few characters", []byte("date,teacher\n2026-09-01,王芳\xff\n"), ErrEncoding, 2, 2, "不是 UTF-8 编码"},
		{"lone byte in ASCII", []byte("a,b\n1,2\n3,\xff\n"), ErrEncoding, 3, 2, "既不是 UTF-8 也不是 GBK"},
		{"damaged UTF-8", []byte(strings.Repeat("日期,教师,类型\n", 5) + "2026/9/1,王\xe8芳,上课\n"), ErrEncoding, 6, 2, "不是 UTF-8 编码"},
		{"damaged UTF-8 with a byte order mark", []byte("\xEF\xBB\xBF日期,教师\n2026/9/1,\xe8\n"), ErrEncoding, 2, 2, "不是 UTF-8 编码"},
		{"GBK lead byte cut at the end", append(gbk(t, "日期,教师\n2026/9/1,王芳"), 0xCD), ErrEncoding, 2, 2, "GBK"},
		{"NUL in a field", []byte("a,b\n1,x\x00y\n"), ErrNotText, 2, 2, "NUL"},
		{"unpaired surrogate in UTF-16", append(utf16LE("a\tb\n1\t"), 0x00, 0xD8, '\n', 0), ErrEncoding, 2, 2, "UTF-16"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := rowsOf(t, write(t, "课时登记.csv", tc.data))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want an *Error", err)
			}
			t.Log(e)
			if !errors.Is(err, tc.kind) || e.Code() != tc.kind.Code() || e.Row != tc.row || e.Col != tc.col || e.File != "课时登记.csv" || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("err = %v (kind %v, row %d, col %d), want kind %v at row %d col %d saying %q", e, e.Err, e.Row, e.Col, tc.kind, tc.row, tc.col, tc.msg)
			}
		})
	}
}

// TestRowsCanceled checks that the rows stop once their context is done,
// looking at it every checkEvery records, blank ones included: a header, a
// million blank lines and a row, read under a cancelled context, give the
// header (record 1), then stop at record 4096 without reaching the row.
func TestRowsCanceled(t *testing.T) {
	path := write(t, "课时登记.csv", []byte("日期,教师\n"+strings.Repeat("\n", 1_000_000)+"2026/9/1,王芳\n"))
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rs, err := f.Rows(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	if !rs.Next() || rs.Row() != 1 {
		t.Fatalf("first Next: row %d, err %v; want the header at row 1", rs.Row(), rs.Err())
	}
	if rs.Next() {
		t.Fatalf("second Next gave row %d, want the rows stopped", rs.Row())
	}
	if !errors.Is(rs.Err(), context.Canceled) || rs.Row() != checkEvery {
		t.Errorf("stopped at row %d with %v, want row %d and context.Canceled", rs.Row(), rs.Err(), checkEvery)
	}
}

// TestTooManyColumns checks Excel's column limit.
func TestTooManyColumns(t *testing.T) {
	_, _, err := rowsOf(t, write(t, "a.csv", []byte("a"+strings.Repeat(",x", maxCols)+"\n")))
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrTooManyColumns) || e.Row != 1 {
		t.Errorf("err = %v, want ErrTooManyColumns at row 1", err)
	}
}

// TestSniff checks which files the input readers take as CSV.
func TestSniff(t *testing.T) {
	for _, tc := range []struct {
		name string
		head []byte
		want bool
	}{
		{"utf-8", []byte(log), true},
		{"gbk", gbk(t, log), true},
		{"utf-8 bom", append([]byte("\xEF\xBB\xBF"), log...), true},
		{"utf-16 tabs", utf16LE("日期\t教师\r\n"), true},
		{"tab separated", []byte("日期\t教师\n"), true},
		{"no separator", []byte("课后服务登记\n"), false},
		{"html", []byte("\r\n<html><table><tr><td>1,2</td></tr></table></html>"), false},
		{"xml", []byte(`<?xml version="1.0"?><Workbook a="1,2"/>`), false},
		{"pdf", []byte("%PDF-1.4\n1,2"), false},
		{"rtf", []byte(`{\rtf1 a,b}`), false},
		{"mht", []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related, x"), false},
		{"zip", []byte("PK\x03\x04\x14\x00,"), false},
		{"ole", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1,"), false},
		{"empty", nil, false},
	} {
		if got := Sniff(tc.head); got != tc.want {
			t.Errorf("Sniff(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// FuzzRows checks that no text makes the reader panic or loop, and that
// every field it returns lies inside Excel's limits.
func FuzzRows(f *testing.F) {
	f.Add([]byte(log))
	f.Add([]byte("\"a\nb\",\"c\"\"d\"\r\n,,=\"0012\"\r"))
	f.Add([]byte("sep=\t\n1\t2"))
	f.Add(utf16LE("a\tb\n"))
	f.Add([]byte{0xD5, 0xC5, ',', 0xFF, '"'})
	f.Fuzz(func(t *testing.T, data []byte) {
		p := write(t, "f.csv", data)
		cf, err := Open(p)
		if err != nil {
			return
		}
		rs, err := cf.Rows(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer rs.Close()
		last := 0
		for rs.Next() {
			if rs.Row() <= last {
				t.Fatalf("row %d after row %d", rs.Row(), last)
			}
			last = rs.Row()
			col := 0
			for _, fd := range rs.Fields() {
				if fd.Col <= col || fd.Col > maxCols || fd.Value == "" {
					t.Fatalf("row %d: field %+v after column %d", rs.Row(), fd, col)
				}
				col = fd.Col
			}
		}
	})
}
