package sheet

import (
	"fmt"
	"strings"
	"testing"
)

// The merges of a sheet are stored after its cells. A reader that needs
// them near the sheet's end reads the rows left and takes the merges after
// them (readMergesAhead); one that needs them further up reads them in a
// pass of their own. Either way every row is read once, in order, and a
// merged date counts in each row it covers.
func TestMergesNearAndFarFromTheEnd(t *testing.T) {
	// rows lessons rows of one lesson each on 9-01, below the header in
	// row 1; the date of row from is merged down to row to, its other
	// cells left empty.
	log := func(rows, from, to int) string {
		var b strings.Builder
		b.WriteString("| 日期 | 教师 | 类型 | 节数 |\n")
		for r := 2; r <= rows+1; r++ {
			date := "@2026-09-01"
			if r > from && r <= to {
				date = ""
			}
			fmt.Fprintf(&b, "| %s | 王芳 | 上课 | 1 |\n", date)
		}
		fmt.Fprintf(&b, "# merge A%d:A%d\n", from, to)
		return b.String()
	}
	for _, c := range []struct {
		name           string
		rows, from, to int
	}{
		{"at the end", 10, 9, 11},
		{"a few rows from the end", 200, 20, 30},
		{"further up than the rows read ahead", mergesAhead + 1000, 2, 5},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkLogReads(t, log(c.rows, c.from, c.to), fmt.Sprintf("王芳 %d/0/0", c.rows), "逐条登记")
		})
	}
}
