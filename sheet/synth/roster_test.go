package synth

import (
	"context"
	"path/filepath"
	"testing"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet"
)

// TestWriteRoster checks that a generated roster is one a bursar could
// hand in: it reads back without a problem, every pupil in it, and fits the
// built-in term without a warning. 1,000 pupils at 40 to a class are 25
// classes; the first pupil is 学号 0011101 (school 001, grade 1, class 1,
// pupil 01) of 1校一年级1班; the last, the 40th of the 25th class, is of the
// first school's fifth grade (class index 24: grade 24/6 = 4, the fifth;
// class 24%6+1 = 1): 0015140 of 1校五年级1班.
func TestWriteRoster(t *testing.T) {
	path := filepath.Join(t.TempDir(), "学生名单.xlsx")
	r := rules.Default()
	st, err := WriteRoster(context.Background(), path, 1000, r, false)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pupils != 1000 || st.Classes != 25 {
		t.Errorf("WriteRoster(1000) = %+v, want 1000 pupils in 25 classes", st)
	}
	pupils, info, problems := sheet.ReadRoster(context.Background(), path, "")
	if len(problems) > 0 {
		t.Fatalf("reading the generated roster: %v", problems)
	}
	if info.Used != 1000 || len(pupils) != 1000 {
		t.Fatalf("read %d pupils, want 1000", len(pupils))
	}
	if ps := calc.CheckRoster(r.Term, pupils); len(ps) > 0 {
		t.Errorf("the generated roster against the built-in term: %v", ps)
	}
	first, last := pupils[0], pupils[999]
	if first.ID != "0011101" || first.Class != "1校一年级1班" || last.ID != "0015140" || last.Class != "1校五年级1班" {
		t.Errorf("first pupil %s of %s, last %s of %s; want 0011101 of 1校一年级1班, 0015140 of 1校五年级1班",
			first.ID, first.Class, last.ID, last.Class)
	}
}
