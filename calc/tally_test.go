package calc

import (
	"fmt"
	"slices"
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
		want   string // the lessons, or the first problem's code and value
	}{
		{"1", []string{"1", "2", "2.0", "3.00"}, "8"},
		{"0.5", []string{"0.5", "1", "2.5"}, "4"},
		{"0.5", []string{"0.5", "0.25"}, `count-step 0.25`},
		{"2", []string{"2", "4"}, "6"},
		{"2", []string{"3"}, `count-step 3`},
		{"1", []string{"1000000000000"}, "1000000000000"},
		{"1", []string{"1000000000001"}, `count-too-large 1000000000001`},
		{"1", []string{"1" + strings.Repeat("0", 30)}, `count-too-large 1` + strings.Repeat("0", 30)},
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
				if got := string(errs[0].Code) + " " + errs[0].Value; got != tt.want {
					t.Errorf("problem %q (%s), want %q", got, errs[0].Msg, tt.want)
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
		first := ""
		if i := strings.Index(p.Msg, "第 "); i >= 0 {
			first, _, _ = strings.Cut(p.Msg[i+len("第 "):], " ")
		}
		got = append(got, fmt.Sprintf("%s %s of %s", p.Code, p.Ref.Cell(), first))
	}
	want := fmt.Sprintf("duplicate-row C%d of 2 | duplicate-row C%d of %d", 3*maxScan+2, 3*maxScan+3, maxScan+7)
	if strings.Join(got, " | ") != want {
		t.Errorf("problems %q, want %q", strings.Join(got, " | "), want)
	}
}

// appendIDKey appends IDKey to the buffer, keeping what is there: keys
// worked out by hand from SPEC 2.1 (case, width and leading zeros fold).
func TestAppendIDKey(t *testing.T) {
	for id, want := range map[string]string{
		"T01": "T1", "t01": "T1", "T1": "T1", "Ｔ０１": "T1", "ｔ0０1": "T1", "t007": "T7",
		"007": "7", "0": "0", "00": "0", "A0B00C": "A0B0C", "a00b0": "A0B0", "T000123": "T123",
		" 01": " 1", "x\t01": "X\t1", "é01": "É1", "T-0-01": "T-0-1", "": "",
	} {
		if got := string(appendIDKey([]byte("#"), id)); got != "#"+want {
			t.Errorf("appendIDKey(%q) = %q, want %q", id, got, "#"+want)
		}
		if got := IDKey(id); got != want {
			t.Errorf("IDKey(%q) = %q, want %q", id, got, want)
		}
	}
}

// TestTallyRowsInAnyOrder: rows of one person in a row, and rows that
// switch people, a 工号 written two ways and people with no 工号 among
// them, count for the person they name.
func TestTallyRowsInAnyOrder(t *testing.T) {
	r := rules.Default()
	r.Sessions.MaxPerDay = 1 << 30
	rows := []logRow{
		{"T1", "张三", L, "1", 1}, {"T1", "张三", L, "2", 2}, {"T2", "李四", L, "4", 1},
		{"t01", "张三", L, "8", 3}, {"", "王五", L, "16", 1}, {"", "王五", L, "32", 2},
		{"", "赵六", L, "64", 1}, {"T2", "李四", L, "128", 2}, {"", "王五", L, "256", 3},
	}
	tl := tally(t, r, rows)
	// By hand: 张三 1+2+8, 李四 4+128, 王五 16+32+256, 赵六 64.
	want := map[string]string{"张三": "11", "李四": "132", "王五": "304", "赵六": "64"}
	if len(tl.people) != len(want) {
		t.Fatalf("%d people, want %d", len(tl.people), len(want))
	}
	for _, c := range tl.people {
		if got := c.lessons().String(); got != want[c.Name] {
			t.Errorf("%s: %s lessons, want %s", c.Name, got, want[c.Name])
		}
	}
}

// TestRowHasherTellsColumnsApart: rows that differ in one column, or whose
// text is shared out among the columns differently, hash apart; the same
// row hashes alike. Texts of 0 to 20 bytes cover a word's tail and whole
// words.
func TestRowHasherTellsColumnsApart(t *testing.T) {
	hash := func(cols ...string) rowHasher {
		h := rowHasher(0).word(20261001)
		for _, c := range cols {
			h = h.string(c)
		}
		return h
	}
	seen := map[rowHasher][]string{}
	add := func(cols ...string) {
		h := hash(cols...)
		if h != hash(cols...) {
			t.Fatalf("%q hashes two ways", cols)
		}
		if other, ok := seen[h]; ok && !slices.Equal(other, cols) {
			t.Fatalf("%q and %q hash alike", cols, other)
		}
		seen[h] = cols
	}
	text := "张三T0001课后服务abcdefgh"
	for i := 0; i <= len(text); i++ {
		add(text[:i], text[i:], "")
		add("", text[:i], text[i:])
		add(text[:i], "", text[i:])
	}
	for n := range 21 {
		add(strings.Repeat("a", n), "", "")
		add(strings.Repeat("\x00", n), "", "")
	}
	if hash("a\x00", "") == hash("a", "\x00") || hash("T01", "张三") == hash("T01", "张四") {
		t.Error("rows that differ hash alike")
	}
}
