package calc

import (
	"fmt"
	"strings"
	"testing"

	"kfpay/rules"
)

// TestTallySteps: counts are tallied as whole steps of count_step and read
// back as the same decimals, however they were written.
func TestTallySteps(t *testing.T) {
	tests := []struct {
		step   string
		counts []string
		want   string // the lessons, or the first problem
	}{
		{"1", []string{"1", "2", "2.0", "3.00"}, "8"},
		{"0.5", []string{"0.5", "1", "2.5"}, "4"},
		{"0.5", []string{"0.5", "0.25"}, `节数 "0.25"：应为 0.5 的整数倍`},
		{"2", []string{"2", "4"}, "6"},
		{"2", []string{"3"}, `节数 "3"：应为 2 的整数倍`},
		{"1", []string{"1000000000000"}, "1000000000000"},
		{"1", []string{"1000000000001"}, `节数 "1000000000001"：节数过大`},
		{"1", []string{"1" + strings.Repeat("0", 30)}, `节数过大`},
	}
	for _, tt := range tests {
		t.Run(tt.step+"/"+strings.Join(tt.counts, "+"), func(t *testing.T) {
			r := rules.Default()
			r.Sessions.CountStep = d(tt.step)
			r.Sessions.MaxPerDay = 1 << 30
			var rows []logRow
			for i, c := range tt.counts {
				rows = append(rows, logRow{"T1", "张三", L, c, 1 + i})
			}
			tl := tally(t, r, rows)
			if errs := tl.Problems().Errors(); len(errs) > 0 {
				if !strings.Contains(errs[0].Error(), tt.want) {
					t.Errorf("problem %q, want %q", errs[0].Error(), tt.want)
				}
				return
			}
			if got := tl.people[0].lessons(); got.String() != tt.want {
				t.Errorf("lessons = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestTallyDuplicatesOfBusyPerson: a person with more rows than are
// searched one by one still has every duplicate found, and only those.
func TestTallyDuplicatesOfBusyPerson(t *testing.T) {
	r := rules.Default()
	r.Sessions.MaxPerDay = 1 << 30
	var rows []logRow
	for i := range 3 * maxScan {
		rows = append(rows, logRow{"T1", "张三", L, fmt.Sprint(i + 1), 1})
	}
	// Rows 2 and 2+maxScan+5 again, after the switch to a map.
	rows = append(rows, rows[0], rows[maxScan+5])
	tl := tally(t, r, rows)
	var got []string
	for _, p := range tl.Problems() {
		got = append(got, p.Ref.Cell()+" "+p.Msg[:strings.Index(p.Msg, "行")+3])
	}
	want := fmt.Sprintf("C%d 与第 2 行 | C%d 与第 %d 行", 3*maxScan+2, 3*maxScan+3, maxScan+7)
	if strings.Join(got, " | ") != want {
		t.Errorf("problems %q, want %q", strings.Join(got, " | "), want)
	}
}
