package xlsx

import "context"

// Verify checks that the workbook at path is one kfpay can read whole (see
// Workbook.Verify).
func Verify(path string) error {
	wb, err := Open(path)
	if err != nil {
		return err
	}
	defer wb.Close()
	return wb.Verify(context.Background())
}

// Verify checks that every worksheet, hidden ones too, reads to its end:
// no sheet cut short, no failed checksum, no shared string that does not
// exist. Each problem is a *FileError that says what to do. The readers
// make these checks as they read; dump, which prints as it reads, checks
// first, so that a damaged workbook prints nothing. It stops with ctx's
// error when ctx is done.
func (wb *Workbook) Verify(ctx context.Context) error {
	for _, s := range wb.sheets {
		if err := wb.VerifySheet(ctx, s.Name); err != nil {
			return err
		}
	}
	return nil
}

// VerifySheet checks that the named worksheet reads to its end.
func (wb *Workbook) VerifySheet(ctx context.Context, sheet string) error {
	it, err := wb.Rows(sheet)
	if err != nil {
		return err
	}
	defer it.Close()
	for n := 1; it.Next(); n++ {
		if n%CheckEvery == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return it.Err()
}

// CheckEvery is how many rows a loop over a sheet's rows reads between
// looks at its context: a few milliseconds of reading.
const CheckEvery = 1 << 12
