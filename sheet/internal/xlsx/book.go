package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// workbook is an open .xlsx file read with archive/zip and kfpay's own XML
// parsers. excelize is not used for reading: it reads every part of the file
// into memory (or into a temporary file) when it opens it, and its row
// iterator takes 25 times the CPU of this reader (BenchmarkRows).
type Workbook struct {
	name     string // base name, for messages
	f        *os.File
	parts    map[string]*zip.File // by path; lower-cased paths too, for writers that change case
	sheets   []sheetEntry
	other    map[string]string // non-worksheet sheets (charts, dialogs, macros): name → kind
	date1904 bool
	styles   []NumFormat // by cellXfs index
	marks    []Mark      // by cellXfs index: how the style may mark a row cancelled
	sst      string      // every shared string, one after another
	sstEnd   []uint32    // end of shared string i in sst
	// sstStrike is how much of shared string i its rich-text runs strike
	// through, for the few that strike any: nil when none does.
	sstStrike map[int]Strike
}

// Mark is what a cell style does that bursars use to mark a row as
// cancelled instead of deleting it, as bits.
type Mark uint8

const (
	MarkStruck Mark = 1 << iota // the font is struck through (Excel's Ctrl+5, WPS's 删除线)
	MarkRed                     // the fill is red (color.go says which colours are)
)

// SheetInfo is what a caller needs to choose a sheet.
type SheetInfo struct {
	Name   string
	Hidden bool // hidden or veryHidden
}

type sheetEntry struct {
	SheetInfo
	part string // path of the worksheet part in the zip
}

// Open opens the workbook at path. Every error it returns is a
// *FileError that names the file and tells the bursar what to do.
func Open(path string) (*Workbook, error) {
	name := filepath.Base(path)
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fileError(name, ErrNotFound, err, "找不到这个文件，请检查文件名和所在的文件夹")
	case errors.Is(err, fs.ErrPermission):
		return nil, fileError(name, ErrUnreadable, err, "没有读取这个文件的权限，请把它复制到自己的文件夹里再试")
	case err != nil:
		return nil, fileError(name, ErrUnreadable, err, "无法读取这个文件（"+err.Error()+"）")
	case fi.IsDir():
		return nil, dirError(path, name)
	case fi.Size() == 0:
		return nil, fileError(name, ErrEmptyFile, nil, "文件是空的（0 字节），请确认选对了文件，或重新保存一次")
	case fi.Size() > maxFileBytes:
		return nil, fileError(name, ErrFileTooLarge, nil, fmt.Sprintf(
			"文件有 %d MiB，超过了 %d MiB 的上限；请确认选对了文件", (fi.Size()+1<<20-1)>>20, maxFileBytes>>20))
	}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrPermission) {
		return nil, fileError(name, ErrUnreadable, err, "没有读取这个文件的权限，请把它复制到自己的文件夹里再试")
	}
	if err != nil {
		return nil, fileError(name, ErrUnreadable, err, "无法读取这个文件（"+err.Error()+"）")
	}
	wb := &Workbook{name: name, f: f}
	if err := wb.open(fi.Size()); err != nil {
		f.Close()
		return nil, err
	}
	return wb, nil
}

// Close closes the file. Row iterators must be closed first.
func (wb *Workbook) Close() error { return wb.f.Close() }

// Sheets returns the worksheets in workbook order. Chart sheets and the
// like hold no cells and are left out.
func (wb *Workbook) Sheets() []SheetInfo {
	out := make([]SheetInfo, len(wb.sheets))
	for i, s := range wb.sheets {
		out[i] = s.SheetInfo
	}
	return out
}

// Date1904 reports whether date serial numbers count from 1904 (old Mac
// workbooks) rather than from 1900.
func (wb *Workbook) Date1904() bool { return wb.date1904 }

// NumFormat returns the number format of the cell style index style (a
// cell's s attribute): General for a style the workbook does not have.
func (wb *Workbook) NumFormat(style int) NumFormat {
	if style < 0 || style >= len(wb.styles) {
		return NumFormat{}
	}
	return wb.styles[style]
}

// IsPercentStyle reports whether the cell style index style has a percent
// number format, built in (0%, 0.00%) or custom.
func (wb *Workbook) IsPercentStyle(style int) bool {
	return wb.NumFormat(style).Kind == FormatPercent
}

// IsDateStyle reports whether the cell style index style has a date or time
// number format, so that the cell's number is a date serial: the built-in
// formats 14–22 and 45–47, the Chinese built-ins 27–36 and 50–58, and custom
// formats such as yyyy"年"m"月"d"日" (see ParseNumFormat).
func (wb *Workbook) IsDateStyle(style int) bool {
	return wb.NumFormat(style).IsDate()
}

// Marks returns what the cell style index style does that may mark a row
// cancelled: strikes its text through, fills it red. 0 for a style the
// workbook does not have.
func (wb *Workbook) Marks(style int) Mark {
	if style < 0 || style >= len(wb.marks) {
		return 0
	}
	return wb.marks[style]
}

// IntFormatOf returns the zero-padding format of the cell style index
// style (NumFormat.Pad), or nil when its number format is not one.
func (wb *Workbook) IntFormatOf(style int) *IntFormat {
	if f := wb.NumFormat(style); f.Pad.Width > 0 {
		return &f.Pad
	}
	return nil
}

// open checks that the file is a workbook kfpay can read and loads the parts
// every reader needs: sheets, styles and shared strings.
func (wb *Workbook) open(size int64) error {
	head := make([]byte, 4096)
	n, err := io.ReadFull(wb.f, head)
	if err != nil && err != io.ErrUnexpectedEOF {
		return fileError(wb.name, ErrUnreadable, err, "无法读取这个文件（"+err.Error()+"）")
	}
	head = head[:n]
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
	case bytes.HasPrefix(head, oleMagic):
		return wb.oleError(size)
	default:
		return wb.nonZipError(head)
	}
	zr, err := zip.NewReader(wb.f, size)
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // kfpay never extracts, so odd paths do no harm
		return fileError(wb.name, ErrCorrupt, err, "文件已损坏或不完整（压缩包打不开），请重新拷贝或下载一份，或"+resaveHint)
	}
	// klauspost/compress inflates a district's sheet in three quarters of
	// the CPU time of compress/flate (issue 20: the 300 MB of XML of a
	// million rows in 0.37 s instead of 0.50 s), on the goroutine beside
	// the XML scan.
	zr.RegisterDecompressor(zip.Deflate, newInflater)
	wb.parts = make(map[string]*zip.File, 2*len(zr.File))
	for _, zf := range zr.File {
		p := strings.TrimPrefix(strings.ReplaceAll(zf.Name, `\`, "/"), "/")
		wb.parts[p] = zf
		if lp := strings.ToLower(p); wb.parts[lp] == nil {
			wb.parts[lp] = zf
		}
	}
	wbPath, err := wb.workbookPath()
	if err != nil {
		return err
	}
	if wb.part(wbPath) == nil {
		return wb.notWorkbookError()
	}
	// A macro-enabled workbook (.xlsm, .xltm) is read like any other: its
	// cells as saved, nothing in it run; kfpay writes no macro out.
	rels, err := wb.readRels(relsPath(wbPath))
	if err != nil {
		return err
	}
	if err := wb.readWorkbook(wbPath, rels); err != nil {
		return err
	}
	if err := wb.checkUnzippedSize(zr.File); err != nil {
		return err
	}
	if err := wb.readStyles(relTarget(wbPath, rels, "/styles", "xl/styles.xml"),
		relTarget(wbPath, rels, "/theme", "xl/theme/theme1.xml")); err != nil {
		return err
	}
	return wb.readSharedStrings(relTarget(wbPath, rels, "/sharedStrings", "xl/sharedStrings.xml"))
}

// part returns the zip entry at path p, nil when there is none.
func (wb *Workbook) part(p string) *zip.File {
	if zf := wb.parts[p]; zf != nil {
		return zf
	}
	return wb.parts[strings.ToLower(p)]
}

// readPart reads a small part whole. A missing part reads as nil.
func (wb *Workbook) readPart(p string) ([]byte, error) {
	zf := wb.part(p)
	if zf == nil {
		return nil, nil
	}
	if zf.UncompressedSize64 > maxWholePartBytes {
		return nil, wb.partTooLarge(p, maxWholePartBytes)
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, wb.corrupt(p, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return nil, wb.corrupt(p, err)
	}
	return b, nil
}

func (wb *Workbook) partTooLarge(p string, limit int) *FileError {
	return fileError(wb.name, ErrPartTooLarge, fmt.Errorf("%s declares more than %d bytes", p, limit),
		fmt.Sprintf("文件中的 %s 解压后超过 %d MiB，不像正常的工作簿；请确认选对了文件", p, limit>>20))
}

func (wb *Workbook) corrupt(p string, err error) *FileError {
	return fileError(wb.name, ErrCorrupt, fmt.Errorf("%s: %w", p, err),
		"文件已损坏（"+p+" 读不出来），请重新拷贝或下载一份，或"+resaveHint)
}

// unmarshalPart decodes a small XML part with encoding/xml, leaving v as it
// is when there is no such part. These parts are read once and are small,
// so speed does not matter and the standard decoder's strictness is welcome.
func (wb *Workbook) unmarshalPart(p string, v any) error {
	b, err := wb.readPart(p)
	if b == nil || err != nil {
		return err
	}
	if err := xml.Unmarshal(b, v); err != nil {
		return wb.corrupt(p, err)
	}
	return nil
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
		Mode   string `xml:"TargetMode,attr"`
	} `xml:"Relationship"`
}

// readRels reads the relationships part p; a missing one has none.
func (wb *Workbook) readRels(p string) (*xmlRels, error) {
	var rels xmlRels
	err := wb.unmarshalPart(p, &rels)
	return &rels, err
}

// relsPath is the relationships part of part p.
func relsPath(p string) string {
	return path.Join(path.Dir(p), "_rels", path.Base(p)+".rels")
}

// resolve turns a relationship target of part from into a zip path.
// Targets are relative to from's folder, or absolute with a leading "/".
func resolve(from, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Join(path.Dir(from), target), "/")
}

// relTarget returns the target of the first relationship of from whose type
// ends in typ (transitional and strict OOXML spell the namespace
// differently), or def when there is none.
func relTarget(from string, rels *xmlRels, typ, def string) string {
	for _, r := range rels.Rels {
		if strings.HasSuffix(r.Type, typ) && r.Mode != "External" {
			return resolve(from, r.Target)
		}
	}
	return def
}

// workbookPath finds the workbook part through the package relationships, as
// Excel does; xl/workbook.xml when they are missing.
func (wb *Workbook) workbookPath() (string, error) {
	rels, err := wb.readRels("_rels/.rels")
	if err != nil {
		return "", err
	}
	return relTarget("", rels, "/officeDocument", "xl/workbook.xml"), nil
}

// readWorkbook reads the sheet list and the date system.
func (wb *Workbook) readWorkbook(wbPath string, rels *xmlRels) error {
	var x struct {
		Pr *struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			State string     `xml:"state,attr"`
			Attrs []xml.Attr `xml:",any,attr"` // r:id, in whichever namespace
		} `xml:"sheets>sheet"`
	}
	if err := wb.unmarshalPart(wbPath, &x); err != nil {
		return err
	}
	if x.Pr != nil {
		wb.date1904, _ = strconv.ParseBool(strings.TrimSpace(x.Pr.Date1904))
	}
	wb.other = map[string]string{}
	for _, s := range x.Sheets {
		id := ""
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				id = a.Value
			}
		}
		typ, target := "", ""
		for _, r := range rels.Rels {
			if r.ID == id {
				typ, target = r.Type[strings.LastIndexByte(r.Type, '/')+1:], r.Target
			}
		}
		if target == "" {
			return wb.corrupt(wbPath, fmt.Errorf("sheet %q has no relationship %q", s.Name, id))
		}
		if typ != "worksheet" {
			wb.other[s.Name] = typ
			continue
		}
		wb.sheets = append(wb.sheets, sheetEntry{
			SheetInfo: SheetInfo{Name: s.Name, Hidden: s.State == "hidden" || s.State == "veryHidden"},
			part:      resolve(wbPath, target),
		})
	}
	return nil
}

// readStyles reads, for each cell style, what its number format makes of
// a number, and whether its font strikes through or its fill is red: that
// is all the readers need of styles. theme is the theme part, for the
// colours a fill gives by theme index.
func (wb *Workbook) readStyles(p, theme string) error {
	var x struct {
		NumFmts []struct {
			ID     int    `xml:"numFmtId,attr"`
			Code   string `xml:"formatCode,attr"`
			Code16 string `xml:"formatCode16,attr"`
		} `xml:"numFmts>numFmt"`
		Fonts []struct {
			Strike *struct {
				Val string `xml:"val,attr"`
			} `xml:"strike"`
		} `xml:"fonts>font"`
		Fills []struct {
			Pattern *struct {
				Type string    `xml:"patternType,attr"`
				Fg   *xmlColor `xml:"fgColor"`
				Bg   *xmlColor `xml:"bgColor"`
			} `xml:"patternFill"`
		} `xml:"fills>fill"`
		Indexed []struct {
			RGB string `xml:"rgb,attr"`
		} `xml:"colors>indexedColors>rgbColor"`
		Xfs []struct {
			NumFmtID int `xml:"numFmtId,attr"`
			FontID   int `xml:"fontId,attr"`
			FillID   int `xml:"fillId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := wb.unmarshalPart(p, &x); err != nil {
		return err
	}
	pal := palette{indexed: defaultIndexed}
	if len(x.Indexed) > 0 {
		pal.indexed = make([]string, len(x.Indexed))
		for i, c := range x.Indexed {
			pal.indexed[i] = c.RGB
		}
	}
	for _, f := range x.Fills {
		// The theme is read only for a workbook whose fills use it. A
		// theme kfpay cannot read leaves its colours unknown, not red,
		// rather than refuse a workbook Excel opens.
		if pf := f.Pattern; pf != nil && (pf.Fg != nil && pf.Fg.Theme != "" || pf.Bg != nil && pf.Bg.Theme != "") {
			var th xmlTheme
			if wb.unmarshalPart(theme, &th) == nil {
				pal.theme = themeColors(&th)
			}
			break
		}
	}
	red := make([]bool, len(x.Fills))
	for i, f := range x.Fills {
		pf := f.Pattern
		switch {
		case pf == nil || pf.Type == "" || pf.Type == "none":
		case pf.Type == "solid":
			red[i] = pal.red(pf.Fg)
		default:
			red[i] = pal.red(pf.Fg) || pal.red(pf.Bg)
		}
	}
	custom := map[int]string{}
	for _, nf := range x.NumFmts {
		code := nf.Code
		if nf.Code16 != "" { // excelize prefers the newer attribute too
			code = nf.Code16
		}
		custom[nf.ID] = code
	}
	wb.styles = make([]NumFormat, len(x.Xfs))
	wb.marks = make([]Mark, len(x.Xfs))
	for i, xf := range x.Xfs {
		if xf.FontID >= 0 && xf.FontID < len(x.Fonts) {
			// <strike/> alone is on; val="0" or "false" is off (ECMA-376 CT_BooleanProperty).
			if st := x.Fonts[xf.FontID].Strike; st != nil && st.Val != "0" && st.Val != "false" {
				wb.marks[i] |= MarkStruck
			}
		}
		if xf.FillID >= 0 && xf.FillID < len(red) && red[xf.FillID] {
			wb.marks[i] |= MarkRed
		}
		if code, ok := custom[xf.NumFmtID]; ok {
			wb.styles[i] = ParseNumFormat(code)
		} else {
			wb.styles[i] = BuiltinNumFormat(xf.NumFmtID)
		}
	}
	return nil
}
