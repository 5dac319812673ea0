package sheet

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"kfpay/calc"
	"kfpay/rules"
)

// saveTemplates writes the templates for r into a temporary folder and
// returns their paths by file name.
func saveTemplates(t *testing.T, r *rules.Rules) map[string]string {
	t.Helper()
	ts, err := Templates(r, LayoutLog, rules.Month{Year: 2026, Month: 9})
	if err != nil {
		t.Fatalf("Templates: %v", err)
	}
	dir := t.TempDir()
	paths := map[string]string{}
	for _, tp := range ts {
		p := filepath.Join(dir, tp.Name)
		if err := tp.Save(p); err != nil {
			t.Fatalf("Save(%s): %v", tp.Name, err)
		}
		tp.Close()
		paths[tp.Name] = p
	}
	return paths
}

// dropDowns returns the choices of each drop-down list of the first sheet of
// the workbook at path, by the column it covers, reading a list kept in a
// sheet through its reference.
func dropDowns(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dvs, err := f.GetDataValidations(f.GetSheetName(0))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, dv := range dvs {
		if dv.Type != "list" {
			t.Errorf("%s: validation of %s is %q, want a list", path, dv.Sqref, dv.Type)
			continue
		}
		col := strings.TrimRight(strings.Split(dv.Sqref, ":")[0], "0123456789")
		if inline, ok := strings.CutPrefix(dv.Formula1, `"`); ok {
			out[col] = strings.Split(strings.TrimSuffix(inline, `"`), ",")
			continue
		}
		// 'sheet'!$D$1:$D$7
		sheet, cells, _ := strings.Cut(dv.Formula1, "!")
		sheet = strings.ReplaceAll(strings.Trim(sheet, "'"), "''", "'")
		from, to, _ := strings.Cut(strings.ReplaceAll(cells, "$", ""), ":")
		c1, r1, _ := excelize.CellNameToCoordinates(from)
		_, r2, _ := excelize.CellNameToCoordinates(to)
		for r := r1; r <= r2; r++ {
			ref, _ := excelize.CoordinatesToCellName(c1, r)
			v, _ := f.GetCellValue(sheet, ref)
			out[col] = append(out[col], v)
		}
	}
	return out
}

// TestTemplateDropDowns checks that the drop-down lists of the templates hold
// exactly the labels of the rules they were made from: 类型 the session
// labels, 事项 the event labels, 类别 the spending categories.
func TestTemplateDropDowns(t *testing.T) {
	custom, err := rules.Parse("rules.toml", []byte(`
[sessions]
lesson = ["上课", "社团课", "课后辅导"]
safety = ["安全管理"]
admin = ["行政值班", "行政,值班"]

[[event]]
label = "迟到"
scope = "month"
per_event = "5%"

[[event]]
label = "奖励"
reward = true
`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		r    *rules.Rules
	}{
		{"default rules", rules.Default()},
		// A comma in a label cannot go in an inline list: the list goes to
		// a hidden sheet and the validation refers to it.
		{"custom labels", custom},
	} {
		t.Run(tc.name, func(t *testing.T) {
			paths := saveTemplates(t, tc.r)
			var events []string
			for _, ev := range tc.r.Events {
				events = append(events, ev.Label)
			}
			for file, want := range map[string]map[string][]string{
				"课时登记.xlsx": {"D": kindList(tc.r)},
				"考核记录.xlsx": {"D": events},
				"学生名单.xlsx": {},
				"支出明细.xlsx": {"B": calc.Categories},
			} {
				got := dropDowns(t, paths[file])
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%s drop-down lists (-want +got):\n%s", file, diff)
				}
			}
		})
	}
}

// TestTemplateHeaders checks that each template's header row is the
// reader's columns, all of them, in order, and that a template read as it
// is has no problems and no rows.
func TestTemplateHeaders(t *testing.T) {
	r := rules.Default()
	paths := saveTemplates(t, r)
	for file, s := range map[string]schema{
		"课时登记.xlsx": sessionLog,
		"考核记录.xlsx": recordsSchema,
		"学生名单.xlsx": rosterSchema,
		"支出明细.xlsx": expensesSchema,
	} {
		f, err := excelize.OpenFile(paths[file])
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(f.GetSheetName(0))
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, fd := range s.fields {
			want = append(want, fd.name)
		}
		if len(rows) != 2 {
			t.Fatalf("%s has %d rows, want a title and the header", file, len(rows))
		}
		if diff := cmp.Diff(want, rows[1]); diff != "" {
			t.Errorf("%s header (-want +got):\n%s", file, diff)
		}
	}

	m := rules.Month{Year: 2026, Month: 9}
	tl := calc.NewTally(r, m)
	if info, ps := ReadSessions(context.Background(), paths["课时登记.xlsx"], "", r, tl); len(ps) > 0 || info.Used != 0 {
		t.Errorf("ReadSessions(context.Background(), template) = %d rows, %v; want none", info.Used, ps)
	}
	if recs, _, ps := ReadRecords(context.Background(), paths["考核记录.xlsx"], "", m); len(ps) > 0 || len(recs) != 0 {
		t.Errorf("ReadRecords(context.Background(), template) = %d records, %v; want none", len(recs), ps)
	}
	if lines, _, ps := ReadExpenses(context.Background(), paths["支出明细.xlsx"], ""); len(ps) > 0 || len(lines) != 0 {
		t.Errorf("ReadExpenses(context.Background(), template) = %d lines, %v; want none", len(lines), ps)
	}
}

// TestTemplatesRefuseToOverwrite checks that a template is never saved over
// an existing file, which may hold a month of work.
func TestTemplatesRefuseToOverwrite(t *testing.T) {
	ts, err := Templates(rules.Default(), LayoutLog, rules.Month{Year: 2026, Month: 9})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		for _, tp := range ts {
			tp.Close()
		}
	}()
	p := filepath.Join(t.TempDir(), ts[0].Name)
	if err := ts[0].Save(p); err != nil {
		t.Fatal(err)
	}
	var exists *ExistsError
	if err := ts[0].Save(p); !errors.As(err, &exists) {
		t.Errorf("second Save = %v, want an *ExistsError", err)
	}
}

// TestTemplateUnknownLayout checks that a layout with no template is an error.
func TestTemplateUnknownLayout(t *testing.T) {
	if _, err := Templates(rules.Default(), Layout("weekly"), rules.Month{Year: 2026, Month: 9}); err == nil {
		t.Error(`Templates(layout "weekly") succeeded; want an error`)
	}
}
