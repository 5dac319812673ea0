package xlsx

import (
	"archive/zip"
	"fmt"
)

// The limits on a workbook, for every reader and every command alike. The
// largest workbook kfpay is built for is a month's session log of a whole
// district: 1,000,000 rows, 26–33 MiB on disk and 300–350 MiB of sheet XML
// unzipped, whether its text is inline in the sheet (streaming writers) or
// in the shared strings (Excel, WPS). The limits leave room of several
// times that (8× on disk, 3× unzipped), and stop a zip bomb before
// anything is decompressed:
//
//   - the file on disk: maxFileBytes, 256 MiB;
//   - everything in it unzipped, every part together: maxUnzippedBytes,
//     1 GiB. A
//     worksheet is streamed and the shared strings are kept as their text,
//     which is never longer than their XML, so this also bounds what a
//     workbook's text can take in memory. It is checked against the sizes
//     the zip declares, when the workbook is opened; archive/zip then stops
//     a part that inflates beyond its declared size, so a bomb that lies
//     about its size is a damaged file;
//   - a part read whole rather than streamed (the workbook, styles,
//     relationships and content types, all a few KiB in practice):
//     maxWholePartBytes, 64 MiB;
//   - one row or one shared string, the scanner's largest window:
//     maxItemBytes, 64 MiB.
const (
	maxFileBytes      = 256 << 20
	maxUnzippedBytes  = 1 << 30
	maxWholePartBytes = 64 << 20
	maxItemBytes      = 64 << 20
)

// checkUnzippedSize refuses a workbook whose parts declare more than
// maxUnzippedBytes unzipped: one part alone, named (with its sheet when it
// is a worksheet), or all of them together.
func (wb *Workbook) checkUnzippedSize(files []*zip.File) error {
	var total uint64
	for _, zf := range files {
		if zf.UncompressedSize64 > maxUnzippedBytes {
			fe := wb.partTooLarge(zf.Name, maxUnzippedBytes)
			for _, s := range wb.sheets {
				if wb.part(s.part) == zf {
					fe.Sheet = s.Name
				}
			}
			return fe
		}
		total += zf.UncompressedSize64
	}
	if total > maxUnzippedBytes {
		return fileError(wb.name, ErrPartTooLarge, fmt.Errorf("parts declare %d bytes in all", total),
			fmt.Sprintf("文件解压后共有 %d MiB，超过了 %d MiB 的上限，不像正常的工作簿；请确认选对了文件",
				(total+1<<20-1)>>20, maxUnzippedBytes>>20))
	}
	return nil
}
