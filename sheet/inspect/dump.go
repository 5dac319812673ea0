package inspect

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
)

// Dump writes every sheet of the workbook at path to w as stable text, for
// golden files, for `kfpay dump` and as a git textconv driver. For each
// sheet, in workbook order, it writes a line `== NAME ==`, then each row
// that holds a value as its cells joined by TAB, trailing empty cells
// trimmed and blank rows left out. A cell is rendered from its stored value
// and its number format, never through float formatting (see appendCell):
// 1234.50 for #,##0.00, 30% for a percent, 2026-09-01 for a date, text with
// \, TAB, CR and LF escaped.
//
// Lines end in LF. The output holds no path and no time: the sheet name is
// its only header.
//
// With sheets given, only those sheets are printed, in workbook order; a
// name the workbook lacks is an error.
//
// A damaged workbook is an error and nothing is written: the workbook is
// read through once to check every sheet, hidden ones too, before a line
// is printed, for a textconv driver or a script must not take half a dump
// for a whole one. Memory stays that of one row whatever the workbook's
// size.
func Dump(w io.Writer, path string, sheets ...string) error {
	return DumpContext(context.Background(), w, path, sheets...)
}

// DumpContext is Dump, stopping with ctx's error once ctx is done.
func DumpContext(ctx context.Context, w io.Writer, path string, sheets ...string) error {
	b, err := OpenBook(ctx, path)
	if err != nil {
		return err
	}
	defer b.Close()
	list := b.Sheets()
	want := map[string]bool{}
	for _, s := range sheets {
		if !slices.Contains(list, s) {
			return fmt.Errorf("%s 中没有名为 %q 的工作表；现有工作表：%s", filepath.Base(path), s, strings.Join(list, "、"))
		}
		want[s] = true
	}
	if err := b.Verify(); err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	for _, sheet := range list {
		if len(want) > 0 && !want[sheet] {
			continue
		}
		fmt.Fprintf(bw, "== %s ==\n", escapeText(sheet))
		err := b.scan(sheet, func(r *rowText) error {
			bw.Write(r.line)
			return bw.WriteByte('\n')
		})
		if err != nil {
			return err
		}
	}
	return bw.Flush()
}
