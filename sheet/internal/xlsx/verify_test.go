package xlsx

import (
	"archive/zip"
	"errors"
	"strings"
	"testing"
)

// TestVerify checks that Verify passes a sound workbook, hidden sheets and
// all, and finds damage in any sheet, not only the first.
func TestVerify(t *testing.T) {
	good := build(t, "好.xlsx", "# sheet 说明\n# hidden\n| 说明 |\n# sheet 9月\n| 日期 | 教师 |\n| @2026-09-01 | 王芳 |\n")
	if err := Verify(good); err != nil {
		t.Errorf("Verify(good) = %v", err)
	}
	secondSheet := func(xml string) string {
		return writeParts(t, t.TempDir(), "坏.xlsx", map[string]string{
			"xl/workbook.xml":            `<workbook ` + nsMain + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId4"/></sheets></workbook>`,
			"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
			"xl/worksheets/sheet1.xml":   sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`),
			"xl/worksheets/sheet2.xml":   xml,
			"xl/sharedStrings.xml":       `<sst><si><t>a</t></si></sst>`,
		}, false)
	}
	for _, c := range []struct {
		name string
		path string
		want error
	}{
		{"not a zip", writeFile(t, "a.xlsx", []byte("日期,教师\n")), ErrNotZip},
		{"second sheet cut", secondSheet(strings.TrimSuffix(sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`), "</row></sheetData></worksheet>")), ErrTruncated},
		{"shared string out of range", secondSheet(sheetXML(`<row r="1"><c r="A1" t="s"><v>7</v></c></row>`)), ErrBadSharedString},
		{"checksum", rawZip(t, map[string]string{"xl/worksheets/sheet1.xml": sheetXML(`<row r="1"><c r="A1"><v>1</v></c></row>`)}, func(name string, fh *zip.FileHeader) {
			if name == "xl/worksheets/sheet1.xml" {
				fh.CRC32 ^= 1
			}
		}), zip.ErrChecksum},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := Verify(c.path)
			var fe *FileError
			if !errors.As(err, &fe) || !errors.Is(err, c.want) {
				t.Errorf("Verify = %v, want a *FileError of kind %v", err, c.want)
			}
		})
	}
}
