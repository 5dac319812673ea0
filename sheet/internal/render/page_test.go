package render

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"
)

// rowsOf is heights for rows 1 to n, each h high.
func rowsOf(n int, h float64) []float64 {
	hs := make([]float64, n)
	for i := range hs {
		hs[i] = h
	}
	return hs
}

func TestPaginate(t *testing.T) {
	tests := []struct {
		name    string
		heights []float64
		first   int
		room    float64
		keep    []Block
		breaks  []int
		want    []int
	}{
		{
			// 100 pt hold five rows of 20: rows 3–7, 8–12, 13.
			name: "rows fill pages", heights: rowsOf(13, 20), first: 3, room: 100,
			want: []int{3, 8, 13},
		},
		{
			// Row 13, a 合计, would be alone on the third page: row 12 goes
			// with it, and the second page holds 8–11.
			name: "no 合计 alone", heights: rowsOf(13, 20), first: 3, room: 100,
			keep: []Block{{12, 13}}, want: []int{3, 8, 12},
		},
		{
			// Classes start at rows 3, 6 and 11: each on a new page, the
			// third (11–17, seven rows) over two.
			name: "a page per class", heights: rowsOf(17, 20), first: 3, room: 100,
			breaks: []int{6, 11}, want: []int{3, 6, 11, 16},
		},
		{
			// A block of four rows (9–12) that would start at the foot of
			// the first page (3–8 hold six rows of 15, 90 of 100 pt) moves
			// to the next.
			name: "a block kept whole", heights: rowsOf(14, 15), first: 3, room: 100,
			keep: []Block{{9, 12}}, want: []int{3, 9},
		},
		{
			// A block taller than a page is split where its rows fill the
			// pages; the 合计 pair inside it still stays together.
			name: "a block taller than a page", heights: rowsOf(14, 20), first: 3, room: 100,
			keep: []Block{{3, 14}, {13, 14}}, want: []int{3, 8, 13},
		},
		{
			// A class block (3–6) and the 小计 pair that overlaps its end
			// (6–7) travel together: 3–7 fill the first page exactly.
			name: "overlapping blocks travel together", heights: rowsOf(12, 20), first: 3, room: 100,
			keep: []Block{{3, 6}, {6, 7}, {11, 12}}, want: []int{3, 8},
		},
		{
			name: "nothing below the repeated rows", heights: rowsOf(2, 20), first: 3, room: 100,
			want: []int{3},
		},
		{
			// A row taller than a page takes a page of its own.
			name: "a row taller than a page", heights: []float64{20, 20, 150, 20}, first: 1, room: 100,
			want: []int{1, 3, 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Paginate(tt.heights, tt.first, tt.room, tt.keep, tt.breaks)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Paginate = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFitHeader(t *testing.T) {
	tests := []struct {
		words   string
		atLeast float64
		width   float64
		lines   int
	}{
		// 绩效服务费 is one word of five characters, 55 pt: one line from
		// 10 units, where a cell leaves 10 × 6.0 − 5 = 55 pt.
		{"绩效服务费", 6, 10, 1},
		{"绩效服务费", 12, 12, 1},
		// 安全管理|次数: 安全管理 on a line of its own needs 44 pt, from 8.25
		// units (44.5 pt); 次数 must not fit beside it anywhere, which holds
		// below 55 pt (8.25 × 6.2 − 1 = 50.15).
		{"安全管理|次数", 6, 8.25, 2},
		// 上课|节数 cannot break at 上课 in a cell of at least 6 units (it
		// would need less than 33 pt, three characters, as LibreOffice
		// counts it: 6 × 6.2 − 1 = 36.2): one line, from 8.25 units.
		{"上课|节数", 6, 8.25, 1},
		// 重大|安全|事故 at 8.25 units: 重大安全 over 事故.
		{"重大|安全|事故", 6, 8.25, 2},
	}
	for _, tt := range tests {
		w, n := fitHeader(strings.Split(tt.words, "|"), 11, tt.atLeast)
		if w != tt.width || n != tt.lines {
			t.Errorf("fitHeader(%s, %g) = %g units, %d lines; want %g, %d", tt.words, tt.atLeast, w, n, tt.width, tt.lines)
		}
	}
}

func TestOrient(t *testing.T) {
	tests := []struct {
		name      string
		width     float64
		t         Type
		landscape bool // preferred
		wantLand  bool
		wantScale int
	}{
		// Portrait A4 less 0.5 in margins is 523.28 pt wide, landscape 769.89.
		// 80 units are 496 pt: portrait at 100%.
		{"narrow table", 80, TypeTable, false, false, 100},
		// 102 units, 632.4 pt: portrait 523.28 / 632.4 = 82.7%, 82%, 9.02 pt.
		{"portrait at the floor", 102, TypeTable, false, false, 82},
		// 104 units, 644.8 pt: portrait 81%, 8.9 pt; landscape 100%.
		{"too wide for portrait", 104, TypeTable, false, true, 100},
		// 139 units, 861.8 pt: landscape 89%.
		{"发放明细", 139, TypeTable, true, true, 89},
		// 160 units, 992 pt: landscape 77%, below the floor either way:
		// the larger, landscape.
		{"too wide for either", 160, TypeTable, false, true, 77},
		// A notice of 90 units, 558 pt: portrait 93% prints 14 pt at 13.
		{"notice portrait", 90, TypeNotice, false, false, 93},
		// 100 units, 620 pt: portrait 84%, 11.8 pt: landscape, 100%.
		{"notice landscape", 100, TypeNotice, false, true, 100},
	}
	for _, tt := range tests {
		land, scale := orient(tt.width, tt.t, tt.landscape)
		if land != tt.wantLand || scale != tt.wantScale {
			t.Errorf("%s: orient(%g) = landscape %t at %d%%, want %t at %d%%", tt.name, tt.width, land, scale, tt.wantLand, tt.wantScale)
		}
	}
}

func TestWrapCount(t *testing.T) {
	tests := []struct {
		text  string
		room  float64
		lines int
	}{
		{"已缴未填，按入学时应缴计", 132, 1}, // 12 characters of 11 pt
		{"已缴未填，按入学时应缴计", 131, 2},
		// A word of Latin letters does not break: 2026-09-01 is 10 × 0.64 ×
		// 11 = 70.4 pt, after 按 (11 pt) 81.4: on a line of 80 it goes to
		// the next line whole.
		{"按2026-09-01", 82, 1},
		{"按2026-09-01", 80, 2},
		{"第一行\n第二行", 200, 2},
	}
	for _, tt := range tests {
		if got := wrapCount(tt.text, 11, tt.room); got != tt.lines {
			t.Errorf("wrapCount(%q, %g) = %d, want %d", tt.text, tt.room, got, tt.lines)
		}
	}
}

// TestNarrowText: a sheet too wide for landscape A4 at 9 pt narrows its
// column of notes, not its figures, and the note wraps onto more lines.
func TestNarrowText(t *testing.T) {
	b, err := NewBook(context.Background(), "s")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	g := b.Grid("s")
	money := Money(decimal.RequireFromString("1234.56")) // 1,234.56: 6 digits, 2 signs, 7 + 1.5
	var cells []Cell
	for range 14 {
		cells = append(cells, money)
	}
	note := strings.Repeat("说明", 15) // 60 units, 30 characters
	g.Row(1, false, append(cells, Text(note))...)
	if err := b.PageSetup("s", Page{}); err != nil {
		t.Fatal(err)
	}
	g.commitPending()
	widths := g.widths(TypeTable)
	// 14 × 8.5 = 119 units of figures and 50 + 1.5 of note (capped at 50):
	// 170.5. The widest sheet at 82% on landscape A4 is 769.89 / (6.2 ×
	// 0.82) = 151.4 units: the note narrows, a quarter at a time, to
	// 151.25 − 119 = 32.25.
	if !g.narrowText(widths, TypeTable) {
		t.Fatal("narrowText narrowed nothing")
	}
	if widths[0] != 8.5 || widths[14] != 32.25 {
		t.Errorf("widths %v: want the figures at 8.5 and the note at 32.25", widths)
	}
}

// TestEveryStyleNamesItsFont: no cell style of a workbook kfpay writes
// leaves its font to the reading program.
func TestEveryStyleNamesItsFont(t *testing.T) {
	b, err := NewBook(context.Background(), "s")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	for ty := range numTypes {
		if _, err := b.styles(ty); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.ColumnFormat("s", 1, KindText); err != nil {
		t.Fatal(err)
	}
	for id := 0; ; id++ {
		st, err := b.f.GetStyle(id)
		if err != nil {
			break
		}
		if st.Font == nil || st.Font.Family == "" {
			t.Errorf("style %d names no font", id)
			continue
		}
		if st.Font.Family != FontText && st.Font.Family != FontFigures {
			t.Errorf("style %d: font %q", id, st.Font.Family)
		}
	}
	if def, err := b.f.GetDefaultFont(); err != nil || def != FontFigures {
		t.Errorf("default font %q (%v), want %s", def, err, FontFigures)
	}
}

// TestRowBreaksXMLIsExcelizes: the page breaks render writes itself are the
// bytes excelize writes for the same breaks made with InsertPageBreak, so
// that the workbooks of a school stay what they were.
func TestRowBreaksXMLIsExcelizes(t *testing.T) {
	if rowBreaksXML([]int{1}) != nil || rowBreaksXML(nil) != nil {
		t.Error("a sheet of one page has page breaks")
	}
	starts := []int{3, 5, 40, 41, 1000}
	f := excelize.NewFile()
	defer f.Close()
	for _, r := range starts[1:] {
		if err := f.InsertPageBreak("Sheet1", fmt.Sprintf("A%d", r)); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	r, err := zr.Open("xl/worksheets/sheet1.xml")
	if err != nil {
		t.Fatal(err)
	}
	x, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`<rowBreaks.*</colBreaks>`).Find(x)
	if got := rowBreaksXML(starts); string(got) != string(want) {
		t.Errorf("rowBreaksXML = %s\nexcelize writes %s", got, want)
	}
	if !bytes.Contains(want, []byte(`<brk id="39" max="16383" man="true"></brk>`)) {
		t.Errorf("excelize's breaks %s lack the one before row 40", want)
	}
}
