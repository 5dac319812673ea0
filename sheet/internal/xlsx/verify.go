package xlsx

// Verify checks that the workbook at path is one kfpay can read whole: an
// .xlsx within the size limits and not some other kind of file, with every
// worksheet, hidden ones too, readable to its end: no sheet cut short, no
// failed checksum, no shared string that does not exist, no cell outside
// the sheet's dimension. Each problem is a *FileError that says what to do.
//
// The session-log and settlement readers make these checks as they read.
// Dump renders cells through excelize, which passes over such damage in
// silence (measured with excelize v2.11.1: a sheet cut in half gave half its
// rows and no error, a shared-string index out of range read as an empty
// cell), so the commands that dump or compare workbooks call Verify first: a
// damaged file is then an error, not a missing figure.
func Verify(path string) (err error) {
	wb, err := Open(path)
	if err != nil {
		return err
	}
	defer wb.Close()
	for _, s := range wb.Sheets() {
		it, err := wb.Rows(s.Name)
		if err != nil {
			return err
		}
		for it.Next() {
		}
		err = it.Err()
		it.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
