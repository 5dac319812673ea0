package xlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

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
	for _, tc := range []struct {
		name string
		path func(t *testing.T) string
		want error  // the kind errors.Is finds
		code string // the code of the problem the readers report
		msg  string // part of the message, the advice that tells this case apart
	}{
		{"missing", func(t *testing.T) string { return filepath.Join(t.TempDir(), "无.xlsx") }, ErrNotFound, "file-not-found", "找不到"},
		{"empty", func(t *testing.T) string { return writeFile(t, "空.xlsx", nil) }, ErrEmptyFile, "empty-file", "空"},
		{"directory", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "目录.xlsx")
			os.Mkdir(p, 0o755)
			return p
		}, ErrIsDir, "is-directory", "文件夹"},
		{"csv", func(t *testing.T) string {
			return writeFile(t, "课时登记.xlsx", []byte("日期,教师,类型,节数\n2026-09-01,张三,上课,2\n"))
		}, ErrNotZip, "plain-text", "CSV"},
		{"gbk csv", func(t *testing.T) string {
			return writeFile(t, "gbk.xlsx", []byte("\xc8\xd5\xc6\xda,\xbd\xcc\xca\xa6\r\n"))
		}, ErrNotZip, "plain-text", "CSV"},
		{"html", func(t *testing.T) string {
			return writeFile(t, "export.xls", []byte("<html><body><table><tr><td>1</td></tr></table></body></html>"))
		}, ErrNotZip, "html", "HTML"},
		{"binary", func(t *testing.T) string { return writeFile(t, "a.xlsx", []byte{0, 1, 2, 3, 0xff}) }, ErrNotZip, "unknown-format", "无法识别"},
		{"xls", func(t *testing.T) string { return writeFile(t, "旧.xlsx", ole("Workbook")) }, ErrLegacyXLS, "legacy-xls", ".xls"},
		{"encrypted", encrypted, ErrEncrypted, "encrypted", "密码"},
		{"encrypted by hand", func(t *testing.T) string { return writeFile(t, "e.xlsx", ole("EncryptionInfo")) }, ErrEncrypted, "encrypted", "密码"},
		{"zip of text", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "z.xlsx", map[string]string{"readme.txt": "hi"}, true)
		}, ErrNotWorkbook, "not-workbook", "压缩包"},
		{"docx", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "d.xlsx", map[string]string{"word/document.xml": "<w/>"}, true)
		}, ErrNotWorkbook, "document", "Word"},
		{"xlsb", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "b.xlsb", map[string]string{"xl/workbook.bin": "x"}, true)
		}, ErrNotWorkbook, "xlsb", ".xlsb"},
		{"ods", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "o.ods", map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}, true)
		}, ErrNotWorkbook, "ods", ".ods"},
		{"xls by its directory", func(t *testing.T) string { return writeFile(t, "导出.xlsx", oleFile(t, nil, "Workbook")) }, ErrLegacyXLS, "legacy-xls", ".xls"},
		{"excel 5 workbook", func(t *testing.T) string { return writeFile(t, "旧.xls", oleFile(t, nil, "Book")) }, ErrLegacyXLS, "legacy-xls", ".xls"},
		{"et by name", func(t *testing.T) string { return writeFile(t, "课时.et", oleFile(t, nil, "Workbook")) }, ErrWPS, "wps-et", "在 WPS 中打开后另存为 .xlsx"},
		{"ett by name", func(t *testing.T) string { return writeFile(t, "模板.ett", oleFile(t, nil, "Workbook")) }, ErrWPS, "wps-et", "WPS"},
		{"et saved by WPS named xls", func(t *testing.T) string {
			return writeFile(t, "课时.xls", oleFile(t, utf16le("KSOProductBuildVer"), "Workbook", "\x05DocumentSummaryInformation"))
		}, ErrWPS, "wps-et", "WPS 表格"},
		{"encrypted by its directory", func(t *testing.T) string {
			return writeFile(t, "e.xlsx", oleFile(t, nil, "EncryptionInfo", "EncryptedPackage"))
		}, ErrEncrypted, "encrypted", "密码"},
		{"word 97", func(t *testing.T) string { return writeFile(t, "登记.xls", oleFile(t, nil, "WordDocument")) }, ErrDocument, "document", "Word"},
		{"powerpoint 97", func(t *testing.T) string { return writeFile(t, "登记.xls", oleFile(t, nil, "PowerPoint Document")) }, ErrDocument, "document", "PowerPoint"},
		{"other compound file", func(t *testing.T) string { return writeFile(t, "x.xls", oleFile(t, nil, "Contents")) }, ErrUnknownKind, "unknown-format", "97-2003"},
		{"pdf", func(t *testing.T) string {
			return writeFile(t, "登记.xlsx", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"))
		}, ErrPDF, "pdf", "PDF"},
		{"png", func(t *testing.T) string {
			return writeFile(t, "登记.xlsx", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))
		}, ErrImage, "image", "图片"},
		{"jpeg", func(t *testing.T) string { return writeFile(t, "登记.xlsx", []byte("\xff\xd8\xff\xe0\x00\x10JFIF")) }, ErrImage, "image", "图片"},
		{"rtf", func(t *testing.T) string { return writeFile(t, "登记.xls", []byte(`{\rtf1\ansi 日期}`)) }, ErrDocument, "document", "RTF"},
		{"web archive", func(t *testing.T) string {
			return writeFile(t, "导出.xls", []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"))
		}, ErrHTML, "html", "MHT"},
		{"excel 2003 xml", func(t *testing.T) string {
			return writeFile(t, "导出.xls", []byte(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>`))
		}, ErrXML2003, "xml-2003", "2003 XML"},
		{"html with a byte order mark", func(t *testing.T) string {
			return writeFile(t, "导出.xls", []byte("\xef\xbb\xbf\r\n<table><tr><td>日期</td></tr></table>"))
		}, ErrHTML, "html", "HTML"},
		{"numbers", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "课时.numbers", map[string]string{"Index/Document.iwa": "x", "Metadata/Properties.plist": "x"}, true)
		}, ErrNumbers, "numbers", "Numbers"},
		{"numbers package folder", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "课时.numbers")
			os.Mkdir(p, 0o755)
			os.WriteFile(filepath.Join(p, "Index.zip"), []byte("PK"), 0o644)
			return p
		}, ErrNumbers, "numbers", "Numbers"},
		{"ods by its mimetype", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "o.xlsx", map[string]string{"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"}, true)
		}, ErrODS, "ods", "在 WPS、LibreOffice 或 Excel 中打开后另存为 .xlsx"},
		{"odt", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "o.xlsx", map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}, true)
		}, ErrDocument, "document", "OpenDocument 文档"},
		{"xlsb kind", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "b.xlsx", map[string]string{"xl/workbook.bin": "x"}, true)
		}, ErrXLSB, "xlsb", "在 Excel 中打开后另存为 .xlsx"},
		{"too large", func(t *testing.T) string {
			p := writeFile(t, "大.xlsx", nil)
			if err := os.Truncate(p, maxFileBytes+1); err != nil { // sparse: costs no disk
				t.Fatal(err)
			}
			return p
		}, ErrFileTooLarge, "file-too-large", "上限"},
		{"cut zip", func(t *testing.T) string {
			b, _ := os.ReadFile(oneSheet(t, sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`), ""))
			return writeFile(t, "cut.xlsx", b[:len(b)/2])
		}, ErrCorrupt, "corrupt", "损坏"},
		{"shared strings too large", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/sharedStrings.xml": "<sst/>", "xl/worksheets/sheet1.xml": sheetXML("")},
				func(name string, fh *zip.FileHeader) {
					if name == "xl/sharedStrings.xml" {
						fh.UncompressedSize64 = maxUnzippedBytes + 1
					}
				})
		}, ErrPartTooLarge, "part-too-large", "sharedStrings.xml 解压后超过 1024 MiB"},
		{"styles too large to read whole", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML("")},
				func(name string, fh *zip.FileHeader) {
					if name == "xl/styles.xml" {
						fh.UncompressedSize64 = maxWholePartBytes + 1
					}
				})
		}, ErrPartTooLarge, "part-too-large", "styles.xml 解压后超过 64 MiB"},
		// Two parts each within the limit, too large together: a zip
		// bomb may spread itself over many parts.
		{"parts too large together", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/sharedStrings.xml": "<sst/>", "xl/worksheets/sheet1.xml": sheetXML("")},
				func(name string, fh *zip.FileHeader) {
					if name == "xl/sharedStrings.xml" || name == "xl/worksheets/sheet1.xml" {
						fh.UncompressedSize64 = maxUnzippedBytes/2 + 1
					}
				})
		}, ErrPartTooLarge, "part-too-large", "文件解压后共有 1025 MiB，超过了 1024 MiB 的上限"},
		// A sheet that declares 8 GiB: refused from the declared size,
		// when the workbook is opened, before anything is decompressed.
		{"sheet declares an absurd size", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML("")}, func(name string, fh *zip.FileHeader) {
				if name == "xl/worksheets/sheet1.xml" {
					fh.UncompressedSize64 = 8 << 30
				}
			})
		}, ErrPartTooLarge, "part-too-large", "sheet1.xml 解压后超过 1024 MiB"},
		{"shared strings cut", func(t *testing.T) string {
			return oneSheet(t, sheetXML(""), `<sst><si><t>a</t></si><si><t>b`)
		}, ErrCorrupt, "corrupt", "sharedStrings"},
		{"shared strings with bad XML", func(t *testing.T) string {
			return oneSheet(t, sheetXML(""), `<sst><si><t>a &nbsp; b</t></si></sst>`)
		}, ErrCorrupt, "corrupt", "sharedStrings"},
		{"workbook with bad XML", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "w.xlsx", map[string]string{"xl/workbook.xml": "<workbook><sheets>"}, false)
		}, ErrCorrupt, "corrupt", "workbook.xml"},
		{"sheet without relationship", func(t *testing.T) string {
			return writeParts(t, t.TempDir(), "r.xlsx", map[string]string{
				"xl/workbook.xml": `<workbook ` + nsMain + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId7"/></sheets></workbook>`,
			}, false)
		}, ErrCorrupt, "corrupt", "workbook.xml"},
		{"styles checksum", func(t *testing.T) string {
			return rawZip(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML("")}, func(name string, fh *zip.FileHeader) {
				if name == "xl/styles.xml" {
					fh.CRC32++
				}
			})
		}, ErrCorrupt, "corrupt", "styles.xml"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := tc.path(t)
			wb, err := Open(p)
			if err == nil {
				wb.Close()
				t.Fatalf("Open(%s) succeeded, want an error", tc.name)
			}
			fe := checkFileError(t, err, tc.want, filepath.Base(p))
			if fe.Code() != tc.code {
				t.Errorf("code %q, want %q", fe.Code(), tc.code)
			}
			if !strings.Contains(fe.Msg, tc.msg) {
				t.Errorf("message %q does not say %q", fe.Msg, tc.msg)
			}
		})
	}
}

// TestOpenMacroWorkbook checks that a macro-enabled workbook is read as it
// is: its cells are what was saved, and nothing in it runs.
func TestOpenMacroWorkbook(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetCellValue("Sheet1", "A1", "节数")
	f.SetCellValue("Sheet1", "A2", 2)
	p := filepath.Join(t.TempDir(), "宏.xlsm")
	if err := f.SaveAs(p); err != nil {
		t.Fatal(err)
	}
	ct := readZipPart(t, p, "[Content_Types].xml")
	if !strings.Contains(ct, "macroEnabled") {
		t.Fatalf("excelize wrote no macro-enabled content type:\n%s", ct)
	}
	wb, err := Open(p)
	if err != nil {
		t.Fatalf("Open(.xlsm) = %v, want it read", err)
	}
	defer wb.Close()
	it, err := wb.Rows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	var got []string
	for it.Next() {
		for _, c := range it.Cells() {
			got = append(got, c.Value)
		}
	}
	if it.Err() != nil || strings.Join(got, " ") != "节数 2" {
		t.Errorf("cells %q, err %v; want 节数 2", got, it.Err())
	}
}

// TestOLEStreams reads the directory of real compound files: the .xls that
// LibreOffice saved for the bad-input corpus and the encrypted workbook
// excelize wrote there.
func TestOLEStreams(t *testing.T) {
	for _, tc := range []struct{ file, want string }{
		{"legacy.xls", "Workbook"},
		{"encrypted.xlsx", "EncryptionInfo"},
	} {
		f, err := os.Open(filepath.Join("../../../testdata/bad/files", tc.file))
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := f.Stat()
		names, err := oleStreams(f, fi.Size())
		f.Close()
		if err != nil || !names[tc.want] {
			t.Errorf("oleStreams(%s) = %v, %v; want a stream %s", tc.file, slices.Sorted(maps.Keys(names)), err, tc.want)
		}
	}
}

// oleFile builds a compound file of 512-byte sectors (MS-CFB): the header,
// the allocation table in sector 0, the directory in sector 1 (a root and
// the names given, four entries a sector, so at most three names) and, when
// given, extra in the sector after.
func oleFile(t *testing.T, extra []byte, names ...string) []byte {
	t.Helper()
	if len(names) > 3 || len(extra) > 512 {
		t.Fatal("oleFile: too many names or too much extra")
	}
	le := binary.LittleEndian
	b := make([]byte, 512*4)
	copy(b, oleMagic)
	le.PutUint16(b[0x18:], 0x3E)
	le.PutUint16(b[0x1A:], 3)
	le.PutUint16(b[0x1C:], 0xFFFE)
	le.PutUint16(b[0x1E:], 9)
	le.PutUint16(b[0x20:], 6)
	le.PutUint32(b[0x2C:], 1)          // one sector of allocation table
	le.PutUint32(b[0x30:], 1)          // the directory starts at sector 1
	le.PutUint32(b[0x38:], 4096)       // mini stream cutoff
	le.PutUint32(b[0x3C:], 0xFFFFFFFE) // no mini allocation table
	le.PutUint32(b[0x44:], 0xFFFFFFFE) // no more allocation table sectors
	for i := 0; i < 109; i++ {
		le.PutUint32(b[0x4C+4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(b[0x4C:], 0)
	fat := b[512:1024]
	for i := 0; i < 128; i++ {
		le.PutUint32(fat[4*i:], 0xFFFFFFFF)
	}
	le.PutUint32(fat[0:], 0xFFFFFFFD) // sector 0 holds the table
	le.PutUint32(fat[4:], 0xFFFFFFFE) // the directory is one sector
	le.PutUint32(fat[8:], 0xFFFFFFFE)
	dir := b[1024:1536]
	for i, n := range append([]string{"Root Entry"}, names...) {
		e := dir[128*i : 128*(i+1)]
		u := utf16.Encode([]rune(n))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[0x40:], uint16(2*len(u)+2))
		e[0x42] = 2
		if i == 0 {
			e[0x42] = 5
		}
	}
	copy(b[1536:], extra)
	return b
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

// readZipPart reads one part of the zip at path.
func readZipPart(t *testing.T, path, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, err := io.ReadAll(rc)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s has no part %s", path, name)
	return ""
}
