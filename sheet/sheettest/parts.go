package sheettest

import (
	"archive/zip"
	"bytes"
	"maps"
	"os"
	"slices"
	"strings"
)

// Workbooks written by hand, part by part, test what no program writes:
// damage, odd but valid XML, the quirks of other writers. They are kept as
// txtar archives (Parts), and the parts a test leaves out are filled from
// DefaultParts (WriteParts).

// NSMain is the namespace declaration of SpreadsheetML's main elements.
const NSMain = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// PartStyles is the styles part of DefaultParts. Its cell styles are 0
// General, 1 0%, 2 a date (14), 3 a 年月日 date and 4 0.0%.
const PartStyles = `<styleSheet ` + NSMain + `>
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>
<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>
</styleSheet>`

// DefaultParts make a one-sheet workbook named Sheet1, whose sheet is the
// part xl/worksheets/sheet1.xml (which they leave out), with the styles of
// PartStyles and a shared strings part xl/sharedStrings.xml (left out too).
var DefaultParts = map[string]string{
	"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
	"_rels/.rels":                `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
	"xl/workbook.xml":            `<workbook ` + NSMain + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
	"xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
	"xl/styles.xml":              PartStyles,
}

// WriteParts writes to path a zip of the given parts, in name order, and of
// the DefaultParts that parts leaves out, unless bare.
func WriteParts(path string, parts map[string]string, bare bool) error {
	all := map[string]string{}
	if !bare {
		maps.Copy(all, DefaultParts)
	}
	maps.Copy(all, parts)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range slices.Sorted(maps.Keys(all)) {
		w, err := zw.Create(n)
		if err != nil {
			return err
		}
		if _, err := w.Write([]byte(all[n])); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// Parts reads the txtar format (golang.org/x/tools/txtar, which the
// module does not depend on) in which hand-written workbooks are kept, one
// "-- name --" file per part of the zip: part name → content. Text before
// the first file is a comment and is dropped.
func Parts(archive string) map[string]string {
	files := map[string]string{}
	name := ""
	for _, line := range strings.SplitAfter(archive, "\n") {
		if n, ok := strings.CutPrefix(strings.TrimRight(line, "\n"), "-- "); ok && strings.HasSuffix(n, " --") {
			name = strings.TrimSuffix(n, " --")
			files[name] = ""
			continue
		}
		if name != "" {
			files[name] += line
		}
	}
	return files
}
