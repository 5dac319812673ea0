package synth

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet"
)

// genMonth writes a synthetic month of n rows into dir and returns the paths
// of the session log and the records.
func genMonth(t testing.TB, dir string, n int) (sessions, records string, st GenStats) {
	t.Helper()
	sessions, records = filepath.Join(dir, "课时登记.xlsx"), filepath.Join(dir, "考核记录.xlsx")
	m := rules.Month{Year: 2026, Month: 10}
	st, err := WriteSynthetic(context.Background(), sessions, records, n, m, rules.Default(), true)
	if err != nil {
		t.Fatal(err)
	}
	return sessions, records, st
}

// TestWriteSyntheticReads checks that the generated month is one a bursar
// could hand in: kfpay reads it without an error or a warning, and every
// record finds its person.
func TestWriteSyntheticReads(t *testing.T) {
	const n = 3000
	sessions, records, st := genMonth(t, t.TempDir(), n)
	if st.Rows != n || st.Teachers < n/25 || st.Teachers > n/15 || st.Records == 0 {
		t.Fatalf("WriteSynthetic(context.Background(), %d rows) = %+v, want %d rows, about 20 per teacher, some records", n, st, n)
	}
	r, m := rules.Default(), rules.Month{Year: 2026, Month: 10}
	tl := calc.NewTally(r, m)
	info, problems := sheet.ReadSessions(context.Background(), sessions, "", r, tl)
	problems = append(problems, tl.Problems()...)
	// A district of random names has people who share one under two 工号:
	// warned of, and nothing else.
	if bad := otherThan(problems, calc.CodeNameTwoIDs); len(bad) > 0 {
		t.Fatalf("reading the generated log: %v", bad)
	}
	if info.Used != n {
		t.Errorf("read %d entries, want %d", info.Used, n)
	}
	recs, _, problems := sheet.ReadRecords(context.Background(), records, "", m)
	if len(problems) > 0 || len(recs) != st.Records {
		t.Fatalf("read %d records (%v), want %d and no problem", len(recs), problems, st.Records)
	}
	p, problems := calc.Payroll(r, tl, recs)
	if problems = otherThan(problems, calc.CodeNameTwoIDs); len(problems) > 0 {
		t.Fatalf("payroll of the generated month: %v", problems)
	}
	if len(p.Lines) != st.Teachers {
		t.Errorf("payroll has %d lines, want one per teacher, %d", len(p.Lines), st.Teachers)
	}
}

// TestWriteSyntheticSameBytes: the same arguments give the same files, so a
// benchmark measures the same work on any machine.
func TestWriteSyntheticSameBytes(t *testing.T) {
	var first [2][]byte
	for i := range 2 {
		sessions, records, _ := genMonth(t, t.TempDir(), 2000)
		for j, p := range []string{sessions, records} {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first[j] = b
			} else if !bytes.Equal(first[j], b) {
				t.Errorf("%s differs between two runs", filepath.Base(p))
			}
		}
	}
}

// otherThan returns the problems whose code is not code.
func otherThan(ps calc.Problems, code calc.Code) calc.Problems {
	var out calc.Problems
	for _, p := range ps {
		if p.Code != code {
			out = append(out, p)
		}
	}
	return out
}

// TestWriteSchool: a school of 25 teachers has 25 lines in its payroll, each
// teacher on the log for the month, and reads without a problem.
func TestWriteSchool(t *testing.T) {
	dir := t.TempDir()
	sessions, records := filepath.Join(dir, "课时登记.xlsx"), filepath.Join(dir, "考核记录.xlsx")
	r, m := rules.Default(), rules.Month{Year: 2026, Month: 9}
	st, err := WriteSchool(context.Background(), sessions, records, 25, m, r, false)
	if err != nil {
		t.Fatal(err)
	}
	tl := calc.NewTally(r, m)
	info, problems := sheet.ReadSessions(context.Background(), sessions, "", r, tl)
	problems = append(problems, tl.Problems()...)
	recs, _, more := sheet.ReadRecords(context.Background(), records, "", m)
	problems = append(problems, more...)
	if len(problems) > 0 {
		t.Fatalf("reading the generated school: %v", problems)
	}
	p, problems := calc.Payroll(r, tl, recs)
	if len(problems) > 0 {
		t.Fatalf("payroll of the generated school: %v", problems)
	}
	// Teachers 1 and… one in fifty has a record: of 25, only the first.
	if st.Teachers != 25 || len(p.Lines) != 25 || info.Used != st.Rows || st.Records != 1 {
		t.Errorf("WriteSchool(25) = %+v, %d payroll lines, %d rows read; want 25 teachers and lines, every row, 1 record",
			st, len(p.Lines), info.Used)
	}
}
