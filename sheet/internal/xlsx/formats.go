package xlsx

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf16"
)

// The files a bursar is given that are not .xlsx, told apart by their bytes,
// not their names: a web system's "xls" is HTML or text, a WPS .et is an
// Excel 97-2003 workbook, a .xlsx may be anything renamed. Each gets one
// sentence saying what it is and what to do with it; none is guessed at.
//
// The kinds of what a file is (ErrWPS, ErrHTML, …) are listed with the
// others in errors.go.

// saveAsXLSX is the one thing to do with a workbook kfpay does not read.
const saveAsXLSX = "在 Excel 或 WPS 中打开后另存为 .xlsx（或 CSV）再试"

// notTable ends the messages about a file that holds no table at all.
const notTable = "请指定登记表的 .xlsx 或 .csv 文件"

// nonZipError names a file that is neither a zip nor an OLE2 compound file
// from its first bytes.
func (wb *Workbook) nonZipError(head []byte) error {
	lower := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n"))
	kind, msg := ErrUnknownKind, "这不是 Excel 工作簿，也不是 CSV 文本（文件格式无法识别）；请确认选对了文件，或"+saveAsXLSX
	switch {
	case bytes.HasPrefix(head, []byte("%PDF-")):
		kind, msg = ErrPDF, "这是 PDF 文件，其中的表格 kfpay 读不了；请改用生成这份 PDF 的原始表格（.xlsx 或 .csv）"
	case bytes.HasPrefix(head, []byte("\x89PNG")):
		kind, msg = ErrImage, "这是图片（PNG），不是表格；"+notTable
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		kind, msg = ErrImage, "这是图片（JPEG），不是表格；"+notTable
	case bytes.HasPrefix(head, []byte("{\\rtf")):
		kind, msg = ErrDocument, "这是 RTF 文档，不是表格；"+notTable
	case bytes.HasPrefix(lower, []byte("mime-version:")) && bytes.Contains(lower, []byte("multipart/related")):
		kind, msg = ErrHTML, "这是网页存档（MHT）格式的表格，常见于网站系统导出的“Excel”，kfpay 读不了；请"+saveAsXLSX
	case bytes.Contains(lower, []byte("urn:schemas-microsoft-com:office:spreadsheet")):
		kind, msg = ErrXML2003, "这是 Excel 2003 XML 表格，kfpay 读不了；请"+saveAsXLSX
	case bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<!doctype html")) || bytes.Contains(lower, []byte("<table")):
		kind, msg = ErrHTML, "这是网页（HTML）格式的表格，常见于网站系统导出的“Excel”，kfpay 读不了；请"+saveAsXLSX
	case isText(head):
		// Read as CSV by the input readers (sheet/internal/csvfile); here
		// only for the tools that read kfpay's own workbooks, and for text
		// without a separator.
		kind, msg = ErrPlainText, "这不是 Excel 工作簿（"+describeText(head)+"），请在 Excel 或 WPS 中打开后另存为 .xlsx"
	}
	return formatError(wb.name, kind, ErrNotZip, msg)
}

// describeText says what a text file looks like.
func describeText(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return "像是 Unicode 文本，例如“Unicode 文本”格式导出的表格"
	case bytes.ContainsAny(head, ",\t") || bytes.Contains(head, []byte("，")):
		return "像是 CSV 文本"
	}
	return "像是文本文件"
}

// isText reports whether b looks like text: no control bytes but tab and
// line ends. Bytes above 0x7F pass, so GBK text counts as text as well as
// UTF-8; so does UTF-16 with its byte order mark.
func isText(b []byte) bool {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		return len(b) > 2
	}
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F {
			return false
		}
	}
	return len(b) > 0
}

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// oleError names an OLE2 compound file, the container of Office 97-2003:
// by the streams in its directory, an encrypted .xlsx (EncryptionInfo,
// MS-OFFCRYPTO), an Excel 97-2003 or 5.0 workbook (Workbook, Book) — which
// is what a WPS .et is too, told by WPS's KSOProductBuildVer property or its
// name —, a Word or PowerPoint file.
func (wb *Workbook) oleError(size int64) error {
	names, err := oleStreams(wb.f, size)
	has := func(n string) bool {
		if err != nil {
			// A directory kfpay cannot follow: look for the name anywhere,
			// as it is stored, in UTF-16LE.
			return wb.contains(size, utf16le(n))
		}
		return names[n]
	}
	switch {
	case has("EncryptionInfo") || has("EncryptedPackage"):
		return fileError(wb.name, ErrEncrypted, nil,
			"工作簿设置了打开密码（已加密），kfpay 读不了；请在 Excel 中打开，"+
				"在“文件 → 信息 → 保护工作簿 → 用密码进行加密”里清空密码，保存为 .xlsx 后再试")
	case has("Workbook") || has("Book"):
		what := ""
		switch ext := strings.ToLower(filepath.Ext(wb.name)); {
		case ext == ".et":
			what = "WPS 表格文件（.et）"
		case ext == ".ett":
			what = "WPS 表格模板（.ett）"
		case wb.contains(size, utf16le("KSOProductBuildVer")) || wb.contains(size, []byte("KSOProductBuildVer")):
			what = "WPS 表格保存的 97-2003 格式文件（.et 或 .xls）"
		}
		if what != "" {
			return formatError(wb.name, ErrWPS, ErrLegacyXLS, "这是 "+what+"，kfpay 读不了；请在 WPS 中打开后另存为 .xlsx")
		}
		return fileError(wb.name, ErrLegacyXLS, nil,
			"这是旧版 Excel 97-2003 工作簿（.xls），kfpay 读不了；请在 Excel 或 WPS 中打开后另存为 .xlsx")
	case has("WordDocument"):
		return formatError(wb.name, ErrDocument, ErrNotWorkbook, "这是 Word 文档（.doc），不是表格；"+notTable)
	case has("PowerPoint Document"):
		return formatError(wb.name, ErrDocument, ErrNotWorkbook, "这是 PowerPoint 演示文稿（.ppt），不是表格；"+notTable)
	}
	return formatError(wb.name, ErrUnknownKind, ErrNotWorkbook,
		"这是 Office 97-2003 格式的文件，但不是 Excel 工作簿；请确认选对了文件，或"+saveAsXLSX)
}

// contains reports whether the file holds pattern anywhere; it is at most
// maxFileBytes.
func (wb *Workbook) contains(size int64, pattern []byte) bool {
	buf := make([]byte, 1<<20)
	for off := int64(0); off < size; off += int64(len(buf) - len(pattern)) {
		n, _ := wb.f.ReadAt(buf, off)
		if bytes.Contains(buf[:n], pattern) {
			return true
		}
		if n < len(buf) {
			break
		}
	}
	return false
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// oleStreams reads the names in the directory of an OLE2 compound file
// (MS-CFB 2.2 and 2.6): the header gives the sector size, the sectors of the
// allocation table (109 in the header, the rest in a chain) and the first
// sector of the directory, whose chain the table follows; each 128-byte
// directory entry begins with its name in UTF-16LE.
func oleStreams(f interface {
	ReadAt([]byte, int64) (int, error)
}, size int64) (map[string]bool, error) {
	errBad := errors.New("compound file directory unreadable")
	var hdr [512]byte
	if _, err := f.ReadAt(hdr[:], 0); err != nil {
		return nil, err
	}
	le := binary.LittleEndian
	shift := le.Uint16(hdr[0x1E:])
	if shift != 9 && shift != 12 {
		return nil, errBad
	}
	sectorSize := int64(1) << shift
	sectors := size / sectorSize // at most this many sectors exist: chains longer are loops
	sector := func(n uint32) ([]byte, error) {
		if int64(n) >= sectors {
			return nil, errBad
		}
		b := make([]byte, sectorSize)
		_, err := f.ReadAt(b, (int64(n)+1)*sectorSize)
		return b, err
	}
	// The sectors of the allocation table.
	var fatSectors []uint32
	for i := 0; i < 109; i++ {
		if s := le.Uint32(hdr[0x4C+4*i:]); s < 0xFFFFFFFA {
			fatSectors = append(fatSectors, s)
		}
	}
	for next, n := le.Uint32(hdr[0x44:]), 0; next < 0xFFFFFFFA; n++ {
		if int64(n) > sectors {
			return nil, errBad
		}
		b, err := sector(next)
		if err != nil {
			return nil, err
		}
		for i := int64(0); i < sectorSize/4-1; i++ {
			if s := le.Uint32(b[4*i:]); s < 0xFFFFFFFA {
				fatSectors = append(fatSectors, s)
			}
		}
		next = le.Uint32(b[sectorSize-4:])
	}
	var fat []uint32
	for _, s := range fatSectors {
		b, err := sector(s)
		if err != nil {
			return nil, err
		}
		for i := int64(0); i < sectorSize/4; i++ {
			fat = append(fat, le.Uint32(b[4*i:]))
		}
	}
	// The directory chain.
	names := map[string]bool{}
	for next, n := le.Uint32(hdr[0x30:]), 0; next < 0xFFFFFFFA; n++ {
		if int64(n) > sectors || int(next) >= len(fat) {
			return nil, errBad
		}
		b, err := sector(next)
		if err != nil {
			return nil, err
		}
		for e := int64(0); e+128 <= sectorSize; e += 128 {
			entry := b[e : e+128]
			nameLen := int(le.Uint16(entry[0x40:]))
			if kind := entry[0x42]; kind == 0 || nameLen < 2 || nameLen > 64 {
				continue
			}
			u := make([]uint16, nameLen/2-1) // without the terminating NUL
			for i := range u {
				u[i] = le.Uint16(entry[2*i:])
			}
			names[string(utf16.Decode(u))] = true
		}
		next = fat[next]
	}
	return names, nil
}

// notWorkbookError explains a zip without a workbook part, naming what it
// is when that is recognisable.
func (wb *Workbook) notWorkbookError() error {
	kind, what := (*Kind)(nil), "这是一个压缩包（zip），不是 Excel 工作簿"
	mimetype, _ := wb.readPart("mimetype")
	switch mt := string(bytes.TrimSpace(mimetype)); {
	case wb.part("xl/workbook.bin") != nil:
		kind, what = ErrXLSB, "这是 Excel 二进制工作簿（.xlsb），kfpay 读不了；请在 Excel 中打开后另存为 .xlsx"
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument.spreadsheet"):
		kind, what = ErrODS, "这是 OpenDocument 表格（.ods），kfpay 读不了；请在 WPS、LibreOffice 或 Excel 中打开后另存为 .xlsx"
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument."):
		kind, what = ErrDocument, "这是 OpenDocument 文档（不是表格）；"+notTable
	case wb.part("index/document.iwa") != nil || wb.part("index.zip") != nil:
		kind, what = ErrNumbers, "这是 Apple Numbers 表格，kfpay 读不了；请在 Numbers 中用“文件 → 导出到 → Excel”存为 .xlsx"
	case wb.part("word/document.xml") != nil:
		kind, what = ErrDocument, "这是 Word 文档，不是表格；"+notTable
	case wb.part("ppt/presentation.xml") != nil:
		kind, what = ErrDocument, "这是 PowerPoint 演示文稿，不是表格；"+notTable
	default:
		what += "（缺少 xl/workbook.xml）；请确认选对了文件，或" + resaveHint
	}
	if kind == nil {
		return fileError(wb.name, ErrNotWorkbook, nil, what)
	}
	return formatError(wb.name, kind, ErrNotWorkbook, what)
}

// dirError explains a folder given as a workbook: an Apple Numbers
// document can be a folder (a macOS package) holding Index.zip.
func dirError(path, name string) error {
	if fi, err := os.Stat(filepath.Join(path, "Index.zip")); err == nil && !fi.IsDir() || strings.EqualFold(filepath.Ext(name), ".numbers") {
		return formatError(name, ErrNumbers, ErrIsDir, "这是 Apple Numbers 表格，kfpay 读不了；请在 Numbers 中用“文件 → 导出到 → Excel”存为 .xlsx")
	}
	return fileError(name, ErrIsDir, nil, "这是一个文件夹，不是 Excel 工作簿，请指定其中的 .xlsx 或 .csv 文件")
}
