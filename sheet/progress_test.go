package sheet

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kfpay/calc"
	"kfpay/rules"
)

// TestReadProgress checks that a reader given WithProgress reports the row
// it has reached every progressEvery rows, with the sheet's last row.
func TestReadProgress(t *testing.T) {
	const rows = 2*progressEvery + 10
	var b strings.Builder
	b.WriteString("# title 2026年9月课后服务登记表\n| 日期 | 教师 | 类型 | 节数 |\n")
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&b, "| 2026-09-%02d | 教师%d | 上课 | 1 |\n", 1+i%4, i%50)
	}
	path := build(t, "课时登记.xlsx", b.String())
	r := rules.Default()
	tl := calc.NewTally(r, rules.Month{Year: 2026, Month: 9})
	type call struct{ row, last int }
	var got []call
	info, problems := ReadSessions(context.Background(), path, "", r, tl, WithProgress(func(row, last int) {
		got = append(got, call{row, last})
	}))
	if len(problems.Errors()) > 0 || info.Used != rows {
		t.Fatalf("ReadSessions = %d rows, %v; want %d rows and no errors", info.Used, problems.Errors(), rows)
	}
	last := rows + 2 // the title and the header above the data
	want := []call{{3, last}, {3 + progressEvery, last}, {3 + 2*progressEvery, last}}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(call{})); diff != "" {
		t.Errorf("progress calls (-want +got):\n%s", diff)
	}
}
