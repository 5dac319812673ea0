package render

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestLayPages lays blocks of rows on pages of 100 points, every row 10
// points high unless said.
func TestLayPages(t *testing.T) {
	ten := func(int) float64 { return 10 }
	for _, c := range []struct {
		name    string
		repeat  float64
		blocks  []Block
		newPage []int
		height  func(int) float64
		want    []int
		err     string
	}{
		// Blocks of 4 rows (40 points): two fit a page (80), the third
		// does not (120): it starts page 2, before row 9.
		{name: "two to a page", blocks: []Block{{1, 4}, {5, 8}, {9, 12}, {13, 16}, {17, 20}},
			height: ten, want: []int{9, 17}},
		// A new class starts a page though the page has room.
		{name: "a new page for each group", blocks: []Block{{1, 4}, {5, 8}, {9, 12}}, newPage: []int{5},
			height: ten, want: []int{5}},
		// Rows between two blocks go with the block after them: rows 5–6
		// and the block 7–10 take 60 points, which the page's 60 left
		// hold; the next block and its gap row 11 (50) do not.
		{name: "gaps go with the next block", blocks: []Block{{1, 4}, {7, 10}, {12, 15}},
			height: ten, want: []int{11}},
		// Rows 1–2 repeat on every page (20 points): pages after the first
		// hold 80 points of blocks, so two blocks of 40 and not a third.
		{name: "rows repeated at the top", repeat: 20, blocks: []Block{{3, 6}, {7, 10}, {11, 14}, {15, 18}, {19, 22}},
			height: ten, want: []int{11, 19}},
		// A block of 30-point rows: 4 × 30 = 120, more than a page.
		{name: "a block taller than a page", blocks: []Block{{1, 4}},
			height: func(int) float64 { return 30 }, err: "rows 1–4 are 120 points high"},
		{name: "blocks out of order", blocks: []Block{{5, 8}, {1, 4}},
			height: ten, err: "block 2 (rows 1–4) is not below the one before"},
		{name: "a break inside a block", blocks: []Block{{1, 4}, {5, 8}}, newPage: []int{6},
			height: ten, err: "a page break before row 6, which starts no block"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := layPages(100, c.repeat, c.blocks, c.newPage, c.height)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("layPages = %v, %v; want the error %q", got, err, c.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, c.want) {
				t.Errorf("layPages = %v, %v; want %v", got, err, c.want)
			}
		})
	}
}

// TestKeepTogether writes blocks of rows whose heights come from wrapped
// text in merged cells and checks where the grid breaks its pages. A4
// portrait at full size leaves 841.89 − 1.5 in × 72 = 733.89 points, less
// the 2% slack: 719.21. A block is a 28-point title, a 16-point line of
// text and three lines of text (48 points) merged across two columns of
// 20 units: 40 − 2 of room for 100 units of text, ⌈100 ÷ 38⌉ = 3 lines.
// 28 + 16 + 48 = 92 points: 7 blocks (644) fit a page, the 8th (736) does
// not.
func TestKeepTogether(t *testing.T) {
	b, err := NewBook(context.Background(), "单", "散")
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	g := b.Grid("单")
	g.SetWidth(1, 20)
	g.SetWidth(2, 20)
	r := 1
	for i := range 10 {
		g.Title(r, 2, "标题")
		g.Row(r+1, false, Label("项"), Int(1))
		g.SetHeight(r+1, 16)
		g.Span(r+2, 1, 2, false, Text(strings.Repeat("说", 50))) // 100 units wide
		g.KeepTogether(r, r+2)
		if i == 9 {
			g.BreakBefore(r)
		}
		r += 3
	}
	if h := g.Height(3); h != 48 {
		t.Fatalf("the merged row of 100 units in 38 is %g points high, want 3 lines of 16", h)
	}
	// Blocks 1–7 on page 1; block 8 (row 22) and 9 on page 2; block 10 a
	// new group (row 28).
	got, err := g.pageBreaks(Page{Paged: true})
	if want := []int{22, 28}; err != nil || !slices.Equal(got, want) {
		t.Errorf("breaks before rows %v, %v; want %v", got, err, want)
	}
	if err := b.PageSetup("单", Page{Paged: true}); err != nil {
		t.Fatal(err)
	}
	if err := g.Finish(); err != nil {
		t.Fatal(err)
	}

	// Blocks on a sheet whose pages kfpay does not lay out.
	g = b.Grid("散")
	g.Row(1, false, Text("甲"))
	g.KeepTogether(1, 1)
	if err := b.PageSetup("散", Page{}); err != nil {
		t.Fatal(err)
	}
	if err := g.Finish(); err == nil {
		t.Error("Finish kept rows together on a page not Paged")
	}
}
