package xlsx

import "time"

// MaxSerial is the serial number of 9999-12-31, the last day Excel shows.
const MaxSerial = 2958465

// SerialDate is the day that serial number n (1 to MaxSerial) stands for in
// a workbook's date system, as excelize's ExcelDateToTime reads it. In the
// 1900 system day 1 is 1900-01-01, and Excel counts a 29 February 1900 that
// never was, as Lotus 1-2-3 did: serial 60 reads as 1900-02-28, and from 61
// on, 1 March, the days count from 1899-12-30. In the 1904 system of old Mac
// workbooks day 0 is 1904-01-01.
func SerialDate(n int, date1904 bool) time.Time {
	switch {
	case date1904:
		return time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	case n < 60:
		return time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	case n == 60:
		return time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
}
