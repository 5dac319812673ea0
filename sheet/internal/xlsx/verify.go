package xlsx

// Verify checks that the workbook at path is one kfpay can read whole (see
// Workbook.Verify).
func Verify(path string) error {
	wb, err := Open(path)
	if err != nil {
		return err
	}
	defer wb.Close()
	return wb.Verify()
}

// Verify checks that every worksheet, hidden ones too, reads to its end:
// no sheet cut short, no failed checksum, no shared string that does not
// exist. Each problem is a *FileError that says what to do. The readers
// make these checks as they read; dump, which prints as it reads, checks
// first, so that a damaged workbook prints nothing.
func (wb *Workbook) Verify() error {
	for _, s := range wb.sheets {
		if err := wb.VerifySheet(s.Name); err != nil {
			return err
		}
	}
	return nil
}

// VerifySheet checks that the named worksheet reads to its end.
func (wb *Workbook) VerifySheet(sheet string) error {
	it, err := wb.Rows(sheet)
	if err != nil {
		return err
	}
	defer it.Close()
	for it.Next() {
	}
	return it.Err()
}
