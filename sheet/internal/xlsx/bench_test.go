package xlsx

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// benchLog writes a session log of n rows × 6 columns like a district's
// (date, 工号, 教师, 类型, 节数, 班级) with a StreamWriter, as kfpay's own
// writer and openpyxl write them: inline strings, a date style.
func benchLog(b *testing.B, dir string, n int) string {
	b.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		b.Fatal(err)
	}
	if err := sw.SetRow("A1", []any{"日期", "工号", "教师", "类型", "节数", "班级"}); err != nil {
		b.Fatal(err)
	}
	kinds := []string{"上课", "上课", "安全管理", "行政值班"}
	names := []string{"张伟", "王芳", "李娜", "刘敏", "陈静", "杨丽", "黄强"}
	row := make([]any, 6)
	for r := 2; r <= n+1; r++ {
		t := r / 20
		row[0] = excelize.Cell{StyleID: dateStyle, Value: 46296 + r%23}
		row[1] = fmt.Sprintf("S%03d-T%03d", t/40+1, t%40+1)
		row[2] = names[t%len(names)]
		row[3] = kinds[r%len(kinds)]
		row[4] = 1 + r%2
		row[5] = fmt.Sprintf("%d年级%d班", 1+r%6, 1+r%5)
		cell, _ := excelize.CoordinatesToCellName(1, r)
		if err := sw.SetRow(cell, row); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	p := filepath.Join(dir, "log.xlsx")
	if err := f.SaveAs(p); err != nil {
		b.Fatal(err)
	}
	return p
}

// BenchmarkRows reads a 100,000-row log with kfpay's reader and with
// excelize's Rows (raw values), to compare rows per second, and only
// decompresses it, for the floor. cpu-s/op is CPU time, which a busy shared
// machine disturbs less than the wall clock.
func BenchmarkRows(b *testing.B) {
	const n = 100_000
	p := benchLog(b, b.TempDir(), n)
	benchRead(b, p, n+1)
}

// BenchmarkRowsFile is BenchmarkRows on the workbook named by
// $KFPAY_BENCH_XLSX, such as the 1,000,000-row log that
// shared/peers/gen_big.py writes.
func BenchmarkRowsFile(b *testing.B) {
	p := os.Getenv("KFPAY_BENCH_XLSX")
	if p == "" {
		b.Skip("set KFPAY_BENCH_XLSX to a workbook")
	}
	rows, _ := readCount(b, p)
	benchRead(b, p, rows)
}

// unzipSheet decompresses the first sheet of p and discards it: the floor
// under any reader of the sheet.
func unzipSheet(b *testing.B, p string) {
	wb, err := Open(p)
	if err != nil {
		b.Fatal(err)
	}
	defer wb.Close()
	rc, err := wb.part(wb.sheets[0].part).Open()
	if err != nil {
		b.Fatal(err)
	}
	defer rc.Close()
	if _, err := io.Copy(io.Discard, rc); err != nil {
		b.Fatal(err)
	}
}

func benchRead(b *testing.B, p string, rows int) {
	b.Run("kfpay", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			if n, _ := readCount(b, p); n != rows {
				b.Fatalf("read %d rows, want %d", n, rows)
			}
		}
		b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
	b.Run("unzip", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			unzipSheet(b, p)
		}
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
	b.Run("excelize", func(b *testing.B) {
		b.ReportAllocs()
		cpu := cpuTime()
		for b.Loop() {
			f, err := excelize.OpenFile(p)
			if err != nil {
				b.Fatal(err)
			}
			it, err := f.Rows(f.GetSheetList()[0])
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for it.Next() {
				if _, err := it.Columns(excelize.Options{RawCellValue: true}); err != nil {
					b.Fatal(err)
				}
				n++
			}
			if err := it.Close(); err != nil {
				b.Fatal(err)
			}
			f.Close()
			if n != rows {
				b.Fatalf("read %d rows, want %d", n, rows)
			}
		}
		b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
		b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
	})
}

// readCount reads the first sheet of p and counts rows and cells.
func readCount(b *testing.B, p string) (rows, cells int) {
	start := time.Now()
	wb, err := Open(p)
	if err != nil {
		b.Fatal(err)
	}
	defer wb.Close()
	it, err := wb.Rows(wb.Sheets()[0].Name)
	if err != nil {
		b.Fatal(err)
	}
	defer it.Close()
	for it.Next() {
		rows++
		cells += len(it.Cells())
	}
	if err := it.Err(); err != nil {
		b.Fatal(err)
	}
	if testing.Verbose() {
		b.Logf("%d rows in %v", rows, time.Since(start))
	}
	return rows, cells
}
