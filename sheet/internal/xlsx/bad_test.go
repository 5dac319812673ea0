package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// checkFileError fails unless err is a *FileError of the kind want that
// names the file base name in its message.
func checkFileError(t *testing.T, err error, want error, base string) *FileError {
	t.Helper()
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error = %v (%T), want a *FileError", err, err)
	}
	if !errors.Is(err, want) {
		t.Errorf("error = %v (%v), want kind %v", err, fe.Err, want)
	}
	t.Log(fe)
	if fe.File != base || !strings.HasPrefix(fe.Error(), base) {
		t.Errorf("error %q does not name the file %q", fe.Error(), base)
	}
	return fe
}

// rawZip writes a zip of parts (defaults added), with tweak given the
// chance to change each part's header, including its CRC and sizes, after
// they are computed from the data.
func rawZip(t *testing.T, parts map[string]string, tweak func(name string, fh *zip.FileHeader)) string {
	t.Helper()
	all := map[string]string{}
	for k, v := range defaultParts {
		all[k] = v
	}
	for k, v := range parts {
		all[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range all {
			if !yield(k) {
				return
			}
		}
	}) {
		data := []byte(all[name])
		var comp bytes.Buffer
		fw, _ := flate.NewWriter(&comp, flate.DefaultCompression)
		fw.Write(data)
		fw.Close()
		fh := &zip.FileHeader{
			Name:               name,
			Method:             zip.Deflate,
			CRC32:              crc32.ChecksumIEEE(data),
			CompressedSize64:   uint64(comp.Len()),
			UncompressedSize64: uint64(len(data)),
		}
		if tweak != nil {
			tweak(name, fh)
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
	p := filepath.Join(t.TempDir(), "bad.xlsx")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestOpenNotAWorkbook checks that each kind of file that is not a readable
// workbook gets its own error, which names the file.
func TestOpenNotAWorkbook(t *testing.T) {
	ole := func(stream string) []byte {
		b := append([]byte{}, oleMagic...)
		b = append(b, make([]byte, 1000)...)
		return append(b, utf16le(stream)...)
	}
	encrypted := func(t *testing.T) string {
		f := excelize.NewFile()
		defer f.Close()
		f.SetCellValue("Sheet1", "A1", 1)
		p := filepath.Join(t.TempDir(), "加密.xlsx")
		if err := f.SaveAs(p, excelize.Options{Password: "secret"}); err != nil {
			t.Fatal(err)
		}
		return p
	}
	macro := func(t *testing.T) string {
		f := excelize.NewFile()
		defer f.Close()
		f.SetCellValue("Sheet1", "A1", 1)
		p := filepath.Join(t.TempDir(), "宏.xlsm")
		if err := f.SaveAs(p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name string
		path func(t *testing.T) string
		want error
		msg  string // part of the message that tells this case apart
	}{
		{"missing", func(t *testing.T) string { return filepath.Join(t.TempDir(), "无.xlsx") }, ErrNotFound, "找不到"},
		{"empty", func(t *testing.T) string { return writeFile(t, "空.xlsx", nil) }, ErrEmptyFile, "空"},
		{"directory", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "目录.xlsx")
			os.Mkdir(p, 0o755)
			return p
		}, ErrIsDir, "文件夹"},
		{"csv", func(t *testing.T) string {
			return writeFile(t, "课时登记.xlsx", []byte("日期,教师,类型,节数\n2026-09-01,张三,上课,2\n"))
		}, ErrNotZip, "CSV"},
		{"gbk csv", func(t *testing.T) string {
			return writeFile(t, "gbk.xlsx", []byte("\xc8\xd5\xc6\xda,\xbd\xcc\xca\xa6\r\n"))
		}, ErrNotZip, "CSV"},
		{"html", func(t *testing.T) string {
			return writeFile(t, "export.xls", []byte("<html><body><table><tr><td>1</td></tr></table></body></html>"))
		}, ErrNotZip, "HTML"},
		{"binary", func(t *testing.T) string { return writeFile(t, "a.xlsx", []byte{0, 1, 2, 3, 0xff}) }, ErrNotZip, "无法识别"},
		{"xls", func(t *testing.T) string { return writeFile(t, "旧.xlsx", ole("Workbook")) }, ErrLegacyXLS, ".xls"},
		{"encrypted", encrypted, ErrEncrypted, "密码"},
		{"encrypted by hand", func(t *testing.T) string { return writeFile(t, "e.xlsx", ole("EncryptionInfo")) }, ErrEncrypted, "密码"},
		{"zip of text", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "z.xlsx", map[string]string{"readme.txt": "hi"}, true)
		}, ErrNotWorkbook, "压缩包"},
		{"docx", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "d.xlsx", map[string]string{"word/document.xml": "<w/>"}, true)
		}, ErrNotWorkbook, "Word"},
		{"xlsb", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "b.xlsb", map[string]string{"xl/workbook.bin": "x"}, true)
		}, ErrNotWorkbook, ".xlsb"},
		{"ods", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "o.ods", map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}, true)
		}, ErrNotWorkbook, ".ods"},
		{"xlsm", macro, ErrMacroWorkbook, ".xlsm"},
		{"too large", func(t *testing.T) string {
			p := writeFile(t, "大.xlsx", nil)
			if err := os.Truncate(p, maxFileBytes+1); err != nil { // sparse: costs no disk
				t.Fatal(err)
			}
			return p
		}, ErrFileTooLarge, "上限"},
		{"cut zip", func(t *testing.T) string {
			b, _ := os.ReadFile(oneSheet(t, sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`), ""))
			return writeFile(t, "cut.xlsx", b[:len(b)/2])
		}, ErrCorrupt, "损坏"},
		{"shared strings too large", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/sharedStrings.xml": "<sst/>", "xl/worksheets/sheet1.xml": sheetXML("")},
				func(name string, fh *zip.FileHeader) {
					if name == "xl/sharedStrings.xml" {
						fh.UncompressedSize64 = maxUnzippedBytes + 1
					}
				})
		}, ErrPartTooLarge, "sharedStrings.xml 解压后超过 1024 MiB"},
		{"styles too large to read whole", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML("")},
				func(name string, fh *zip.FileHeader) {
					if name == "xl/styles.xml" {
						fh.UncompressedSize64 = maxWholePartBytes + 1
					}
				})
		}, ErrPartTooLarge, "styles.xml 解压后超过 64 MiB"},
		// Two parts each within the limit, too large together: a zip
		// bomb may spread itself over many parts.
		{"parts too large together", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/sharedStrings.xml": "<sst/>", "xl/worksheets/sheet1.xml": sheetXML("")},
				func(name string, fh *zip.FileHeader) {
					if name == "xl/sharedStrings.xml" || name == "xl/worksheets/sheet1.xml" {
						fh.UncompressedSize64 = maxUnzippedBytes/2 + 1
					}
				})
		}, ErrPartTooLarge, "文件解压后共有 1025 MiB，超过了 1024 MiB 的上限"},
		// A sheet that declares 8 GiB: refused from the declared size,
		// when the workbook is opened, before anything is decompressed.
		{"sheet declares an absurd size", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML("")}, func(name string, fh *zip.FileHeader) {
				if name == "xl/worksheets/sheet1.xml" {
					fh.UncompressedSize64 = 8 << 30
				}
			})
		}, ErrPartTooLarge, "sheet1.xml 解压后超过 1024 MiB"},
		{"shared strings cut", func(t *testing.T) string {
			return oneSheet(t, sheetXML(""), `<sst><si><t>a</t></si><si><t>b`)
		}, ErrCorrupt, "sharedStrings"},
		{"shared strings with bad XML", func(t *testing.T) string {
			return oneSheet(t, sheetXML(""), `<sst><si><t>a &nbsp; b</t></si></sst>`)
		}, ErrCorrupt, "sharedStrings"},
		{"workbook with bad XML", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "w.xlsx", map[string]string{"xl/workbook.xml": "<workbook><sheets>"}, false)
		}, ErrCorrupt, "workbook.xml"},
		{"sheet without relationship", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "r.xlsx", map[string]string{
				"xl/workbook.xml": `<workbook ` + nsMain + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId7"/></sheets></workbook>`,
			}, false)
		}, ErrCorrupt, "workbook.xml"},
		{"styles checksum", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML("")}, func(name string, fh *zip.FileHeader) {
				if name == "xl/styles.xml" {
					fh.CRC32++
				}
			})
		}, ErrCorrupt, "styles.xml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.path(t)
			wb, err := Open(p)
			if err == nil {
				wb.Close()
				t.Fatalf("Open(%s) succeeded, want an error", tc.name)
			}
			fe := checkFileError(t, err, tc.want, filepath.Base(p))
			if !strings.Contains(fe.Msg, tc.msg) {
				t.Errorf("message %q does not say %q", fe.Msg, tc.msg)
			}
		})
	}
}

// TestRowsBad checks that every way a worksheet can be damaged surfaces as
// an error from Rows or Err, never as fewer rows or an empty cell.
func TestRowsBad(t *testing.T) {
	rows100 := ""
	for r := 1; r <= 100; r++ {
		rows100 += `<row r="` + strconv.Itoa(r) + `"><c r="A` + strconv.Itoa(r) + `"><v>` + strconv.Itoa(r) + `</v></c><c r="B` + strconv.Itoa(r) + `" t="s"><v>0</v></c></row>`
	}
	full := sheetXML(rows100)
	sst := `<sst><si><t>名</t></si></sst>`
	for _, tc := range []struct {
		name  string
		path  func(t *testing.T) string
		want  error
		cell  string // where the error is, when at one cell
		sheet string // sheet to read; Sheet1 when empty
	}{
		{"cut in half", func(t *testing.T) string { return oneSheet(t, full[:len(full)/2], sst) }, ErrTruncated, "", ""},
		{"cut inside a tag", func(t *testing.T) string { return oneSheet(t, full[:len(full)-len("</sheetData></worksheet>")-3], sst) }, ErrTruncated, "", ""},
		{"cut after sheetData", func(t *testing.T) string { return oneSheet(t, strings.TrimSuffix(full, "</worksheet>"), sst) }, ErrTruncated, "", ""},
		{"checksum", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/worksheets/sheet1.xml": full, "xl/sharedStrings.xml": sst}, func(name string, fh *zip.FileHeader) {
				if name == "xl/worksheets/sheet1.xml" {
					fh.CRC32 ^= 1
				}
			})
		}, zip.ErrChecksum, "", ""},
		{"checksum of a big sheet", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/worksheets/sheet1.xml": bigSheet(30000)}, func(name string, fh *zip.FileHeader) {
				if name == "xl/worksheets/sheet1.xml" {
					fh.CRC32 ^= 1
				}
			})
		}, zip.ErrChecksum, "", ""},
		{"declared size too small", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/worksheets/sheet1.xml": full, "xl/sharedStrings.xml": sst}, func(name string, fh *zip.FileHeader) {
				if name == "xl/worksheets/sheet1.xml" {
					fh.UncompressedSize64 /= 2
				}
			})
		}, ErrCorrupt, "", ""},
		{"shared string out of range", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`), sst)
		}, ErrBadSharedString, "B1", ""},
		{"shared string not a number", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="2"><c r="C2" t="s"><v>abc</v></c></row>`), sst)
		}, ErrBadSharedString, "C2", ""},
		{"shared string without table", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), "")
		}, ErrBadSharedString, "A1", ""},
		{"rows out of order", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="2"><c r="A2"><v>1</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>`), "")
		}, ErrRowOutOfOrder, "", ""},
		{"duplicate cell", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="1"><c r="B1"><v>1</v></c><c r="B1"><v>2</v></c></row>`), "")
		}, ErrRowOutOfOrder, "B1", ""},
		{"cell in the wrong row", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="1"><c r="A2"><v>1</v></c></row>`), "")
		}, ErrRowOutOfOrder, "", ""},
		{"row beyond Excel", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="1048577"><c><v>1</v></c></row>`), "")
		}, ErrTooManyRowsOrCols, "", ""},
		{"column beyond Excel", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row>`), "")
		}, ErrTooManyRowsOrCols, "", ""},
		{"unknown cell type", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="1"><c r="A1" t="x"><v>1</v></c></row>`), "")
		}, ErrUnknownCellType, "A1", ""},
		{"mismatched end tag", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="1"><c r="A1"><v>1</x></c></row>`), "")
		}, ErrCorrupt, "", ""},
		{"unknown entity", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>a&nbsp;b</t></is></c></row>`), "")
		}, ErrCorrupt, "", ""},
		{"control character", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="1"><c r="A1" t="inlineStr"><is><t>a&#1;b</t></is></c></row>`), "")
		}, ErrCorrupt, "", ""},
		{"invalid UTF-8", func(t *testing.T) string {
			return oneSheet(t, sheetXML("<row r=\"1\"><c r=\"A1\" t=\"str\"><v>\xc8\xd5</v></c></row>"), "")
		}, ErrCorrupt, "", ""},
		{"bad style", func(t *testing.T) string {
			return oneSheet(t, sheetXML(`<row r="1"><c r="A1" s="-1"><v>1</v></c></row>`), "")
		}, ErrCorrupt, "", ""},
		{"no sheetData", func(t *testing.T) string { return oneSheet(t, `<worksheet></worksheet>`, "") }, ErrCorrupt, "", ""},
		{"no sheetData, cut", func(t *testing.T) string { return oneSheet(t, `<worksheet><sheetPr/>`, "") }, ErrTruncated, "", ""},
		{"not XML", func(t *testing.T) string { return oneSheet(t, `日期,教师`, "") }, ErrCorrupt, "", ""},
		{"chart sheet behind a worksheet relationship", func(t *testing.T) string {
			return oneSheet(t, `<chartsheet><sheetPr/><drawing r:id="rId1"/></chartsheet>`, "")
		}, ErrNotWorksheet, "", ""},
		{"no such sheet", func(t *testing.T) string { return oneSheet(t, sheetXML(""), "") }, ErrNoSheet, "", "10月"},
		{"part missing", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "m.xlsx", map[string]string{}, false)
		}, ErrCorrupt, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.path(t)
			sheet := tc.sheet
			if sheet == "" {
				sheet = "Sheet1"
			}
			wb, err := Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer wb.Close()
			it, err := wb.Rows(sheet)
			if err == nil {
				n := 0
				for it.Next() {
					n++
				}
				err = it.Err()
				it.Close()
				if err == nil {
					t.Fatalf("read %d rows and no error, want %v", n, tc.want)
				}
				if it.Next() {
					t.Errorf("Next() = true after an error")
				}
			}
			fe := checkFileError(t, err, tc.want, filepath.Base(p))
			if fe.Cell() != tc.cell {
				t.Errorf("error at cell %q, want %q: %v", fe.Cell(), tc.cell, fe)
			}
			if tc.sheet == "" && fe.Sheet != sheet {
				t.Errorf("error in sheet %q, want %q: %v", fe.Sheet, sheet, fe)
			}
		})
	}
}

// TestDimensionIsAHint reads sheets whose declared dimension is not their
// extent, as Excel reads them: every cell, whatever the dimension says.
// WPS and streaming writers declare one cell (A1), a template filled in by
// a program keeps its stale range, and formatting stretches it past the
// data. LastRow passes it on as a hint, without the one-cell kind.
func TestDimensionIsAHint(t *testing.T) {
	for _, tc := range []struct {
		name, dim string
		lastRow   int
	}{
		{"one cell, as WPS writes it", `<dimension ref="A1"/>`, 0},
		{"one cell elsewhere", `<dimension ref="C7"/>`, 7},
		{"stale, above and left of the data", `<dimension ref="A1:B2"/>`, 2},
		{"beyond the data", `<dimension ref="A1:Z900"/>`, 900},
		{"none", ``, 0},
		{"unreadable", `<dimension ref="A1:?"/>`, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := oneSheet(t, `<worksheet>`+tc.dim+`<sheetData><row r="1"><c r="B1"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c><c r="C3"><v>3</v></c></row><row r="5"><c r="E5"><v>4</v></c></row></sheetData></worksheet>`, "")
			want := map[int][]string{1: {"B1=1"}, 3: {"A3=2", "C3=3"}, 5: {"E5=4"}}
			if got := values(readAll(t, p, "Sheet1")); !cmp.Equal(got, want) {
				t.Errorf("rows = %v, want %v", got, want)
			}
			wb, err := Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer wb.Close()
			it, err := wb.Rows("Sheet1")
			if err != nil {
				t.Fatal(err)
			}
			defer it.Close()
			it.Next()
			if it.LastRow() != tc.lastRow {
				t.Errorf("LastRow() = %d, want %d", it.LastRow(), tc.lastRow)
			}
		})
	}
}

// TestRowsNotWorksheet checks the error for a chart sheet named by the caller.
func TestRowsNotWorksheet(t *testing.T) {
	p := writeParts(t, t.TempDir(), "c.xlsx", map[string]string{
		"xl/workbook.xml":            `<workbook ` + nsMain + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="图" sheetId="2" r:id="rId9"/><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml":   sheetXML(""),
		"xl/chartsheets/sheet1.xml":  `<chartsheet/>`,
	}, false)
	wb, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got := wb.Sheets(); len(got) != 1 || got[0].Name != "Sheet1" {
		t.Errorf("Sheets() = %v, want only Sheet1", got)
	}
	_, err = wb.Rows("图")
	checkFileError(t, err, ErrNotWorksheet, "c.xlsx")
}
