package main

// The printed pages (issue 18). Every workbook kfpay writes ends up on paper:
// signed, posted or filed. These tests print the workbooks of the demo
// month, the demo term and schools of 25, 50 and 120 teachers to PDF with
// LibreOffice, as a new user would, and read the pages back with poppler:
// the pages each sheet takes, its header on every page, no page that holds
// a 合计 row alone, the size the body prints at, the fonts of the Chinese
// text, and digits that line up. .ci/run installs the programs.

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
)

// printTools are the paths of the programs that print and read the pages.
type printTools struct {
	programs
	pdftotext, pdftohtml, pdffonts string
}

// needPrintTools finds LibreOffice and poppler, and checks the fonts they
// print with: a CJK font, and an Arial with Arial's widths (Liberation Sans
// or another metric twin), without which LibreOffice sets every column of a
// kfpay workbook wider than Excel does. Without them the test is skipped on
// a developer's machine and fails in CI, where .ci/run installs them.
func needPrintTools(t *testing.T) printTools {
	t.Helper()
	var p printTools
	missing := findTools(
		tool{"soffice", "libreoffice-calc-nogui", &p.soffice},
		tool{"pdftotext", "poppler-utils", &p.pdftotext},
		tool{"pdftohtml", "poppler-utils", &p.pdftohtml},
		tool{"pdffonts", "poppler-utils", &p.pdffonts},
		tool{"fc-match", "fontconfig", new(string)},
	)
	if len(missing) == 0 {
		if out, _ := exec.Command("fc-list", ":lang=zh").Output(); len(out) == 0 {
			missing = append(missing, "a font with Chinese glyphs (Debian package fonts-noto-cjk)")
		}
		out, _ := exec.Command("fc-match", "-f", "%{family}", "Arial").Output()
		if !regexp.MustCompile(`Arial|Liberation Sans|Arimo|Nimbus Sans`).Match(out) {
			missing = append(missing, fmt.Sprintf("a font with Arial's widths, not %q (Debian package fonts-liberation2)", out))
		}
	}
	skipOrFail(t, missing)
	return p
}

// printedBook is a workbook to print: a name for the subtest, its path, and
// the pages its sheets must take, worked out by hand (nil: not worked out).
type printedBook struct {
	name, path string
	pages      map[string]int
}

// The schools of 25, 50 and 120 teachers of kfpay gen --teachers, their
// 工号 S001-T002 and the like, print their 发放明细 landscape at 83%: its
// columns are 149 units wide (a 工号 of nine characters, 12; money up to
// 5 digits), 923.8 pt, on 769.89 pt of landscape A4 within the margins,
// 83.3%. A page is 595.28 − 2 × 54 = 487.28 pt high, less the 36 pt kept
// for LibreOffice's header and footer: 451.28 / 0.83 = 543.7 pt of rows, of
// which the title (30) and the header (40) repeat, leaving 473.7 pt, 16
// rows of 28 pt. With the 合计 row kept with the last teacher:
//   - 25 teachers: 16, then 9 and 合计: 2 pages;
//   - 50: 16, 16, 16, then 2 and 合计: 4 pages;
//   - 120: 7 pages of 16 (112), then 8 and 合计: 8 pages.
//
// Their 出勤公示 is a notice, 14 pt, on landscape A4 at 97% (127.75 units,
// 792 pt): 451.28 / 0.97 = 465.2 pt, less the title (36) and the header of
// two lines (48), 381.2 pt, 15 rows of 24 pt. The last three teachers stay
// with the notes below the table, a gap of 21 pt, a note of two lines (48)
// and the date line (31), 72 + 100 = 172 pt together:
//   - 25: 15, then 10 and the notes (240 + 100 = 340 pt): 2 pages;
//   - 50: 15, 15, 15, then 5 and the notes: 4 pages;
//   - 120: 8 pages of 15 would hold them all, but the last three go with
//     the notes (12 × 24 + 172 = 460 pt will not fit), to a ninth page: 9.
var schoolPages = map[int]map[string]int{
	25:  {"发放明细": 2, "扣款明细": 1, "出勤公示": 2},
	50:  {"发放明细": 4, "扣款明细": 1, "出勤公示": 4},
	120: {"发放明细": 8, "扣款明细": 1, "出勤公示": 9},
}

// TestPrintedPages prints the workbooks of the demo month, the demo term
// and schools of 25, 50 and 120 teachers to PDF in one LibreOffice run, and
// checks every page of every sheet.
func TestPrintedPages(t *testing.T) {
	tools := needPrintTools(t)
	t.Parallel() // LibreOffice runs with a profile of its own
	dir := t.TempDir()
	out := func(name string) string { return filepath.Join(dir, name) }

	kfpay(t, "payroll", "--demo", "-o", out("发放表-2026-09.xlsx"))
	kfpay(t, "settle", "--demo", "-o", out("收费结算.xlsx"), "--internal", out("收费结算-内部.xlsx"))
	books := []printedBook{
		{name: "demo-month", path: out("发放表-2026-09.xlsx")},
		// The notice on one page, to pin up. (The slips, a form and not a
		// table, have a test of their own: TestSettlementPrints.)
		{name: "demo-term-posted", path: out("收费结算.xlsx"), pages: map[string]int{"收支公示": 1}},
		{name: "demo-term-internal", path: out("收费结算-内部.xlsx")},
	}
	for _, n := range []int{25, 50, 120} {
		log, recs, pay := out(fmt.Sprintf("课时登记-%d.xlsx", n)), out(fmt.Sprintf("考核记录-%d.xlsx", n)), out(fmt.Sprintf("发放表-%d.xlsx", n))
		kfpay(t, "gen", "--teachers", strconv.Itoa(n), "--month", "2026-09", "-o", log, "--records", recs)
		kfpay(t, "payroll", "--month", "2026-09", "--sessions", log, "--records", recs, "-o", pay)
		books = append(books, printedBook{name: fmt.Sprintf("school-%d", n), path: pay, pages: schoolPages[n]})
	}

	// One LibreOffice run prints them all; ASCII names keep soffice away
	// from the file names' encoding.
	in, pdf := mkdir(t, out("in")), mkdir(t, out("pdf"))
	staged := make([]string, len(books))
	for i, b := range books {
		staged[i] = filepath.Join(in, fmt.Sprintf("book%d.xlsx", i+1))
		copyFile(t, b.path, staged[i])
	}
	tools.libreOffice(t, pdf, "pdf", "", staged...)

	for i, b := range books {
		t.Run(b.name, func(t *testing.T) {
			checkPrinted(t, tools, b, filepath.Join(pdf, fmt.Sprintf("book%d.pdf", i+1)))
		})
	}
}

// printSheet is how kfpay set a sheet up to print, read from its XML.
type printSheet struct {
	name    string
	scale   float64 // the print scale, as a fraction
	pages   int     // as the footer counts them
	repeat  int     // rows 1 to repeat print on every page
	title   string  // the title, when the repeated rows hold one
	header  []string
	heights map[int]float64 // row heights, by row number
	body    float64         // the font size of the body cells
	keys    map[string]int  // the text of a body row's second cell, to its row
	totals  map[int]bool    // the rows of 合计 and 小计
}

// readPrintSetup reads the print setup and the cells of each sheet of the
// workbook at p straight from its XML.
func readPrintSetup(t *testing.T, p string) []printSheet {
	t.Helper()
	cells := readRawXLSX(t, p)
	zr, err := zip.OpenReader(p)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	part := func(name string, v any) { t.Helper(); unmarshalPart(t, &zr.Reader, p, name, v) }
	names, parts := workbookSheets(t, &zr.Reader, p)
	var wb struct {
		Names []struct {
			Name  string `xml:"name,attr"`
			Local int    `xml:"localSheetId,attr"`
			Text  string `xml:",chardata"`
		} `xml:"definedNames>definedName"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
		} `xml:"sheets>sheet"`
	}
	part("xl/workbook.xml", &wb)
	// A hidden sheet (a payout's 校验数据) is not printed.
	hidden := map[string]bool{}
	for _, s := range wb.Sheets {
		hidden[s.Name] = s.State == "hidden" || s.State == "veryHidden"
	}
	var styles struct {
		Fonts []struct {
			Size struct {
				Val float64 `xml:"val,attr"`
			} `xml:"sz"`
		} `xml:"fonts>font"`
		Xfs []struct {
			FontID int `xml:"fontId,attr"`
		} `xml:"cellXfs>xf"`
	}
	part("xl/styles.xml", &styles)
	pagesOf := regexp.MustCompile(`共 (\d+) 页`)

	var out []printSheet
	for i, name := range names {
		if hidden[name] {
			continue
		}
		var ws struct {
			Rows []struct {
				R      int     `xml:"r,attr"`
				Height float64 `xml:"ht,attr"`
				Cells  []struct {
					S int `xml:"s,attr"`
				} `xml:"c"`
			} `xml:"sheetData>row"`
			Setup struct {
				Scale float64 `xml:"scale,attr"`
			} `xml:"pageSetup"`
			Footer string `xml:"headerFooter>oddFooter"`
		}
		part(parts[i], &ws)
		ps := printSheet{name: name, scale: ws.Setup.Scale / 100, heights: map[int]float64{},
			keys: map[string]int{}, totals: map[int]bool{}}
		if m := pagesOf.FindStringSubmatch(ws.Footer); m != nil {
			ps.pages, _ = strconv.Atoi(m[1])
		}
		for _, n := range wb.Names {
			if n.Name == "_xlnm.Print_Titles" && n.Local == i {
				ps.repeat, _ = strconv.Atoi(n.Text[strings.LastIndex(n.Text, "$")+1:])
			}
		}
		for _, r := range ws.Rows {
			ps.heights[r.R] = r.Height
			if r.R == ps.repeat+1 && len(r.Cells) > 0 && r.Cells[0].S < len(styles.Xfs) {
				ps.body = styles.Fonts[styles.Xfs[r.Cells[0].S].FontID].Size.Val
			}
		}
		text := func(row rawRow, col int) string {
			if col < len(row.cells) && row.cells[col] != nil {
				c := row.cells[col]
				// A date prints as its format shows it, not as its serial:
				// 支出明细 and 扣回记录 are keyed by their dates.
				if n, err := strconv.Atoi(c.value); err == nil && c.number && c.numFmtCode == "yyyy-mm-dd" {
					return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n).Format("2006-01-02")
				}
				return c.value
			}
			return ""
		}
		for _, row := range cells[i].rows {
			first := text(row, 0)
			switch {
			case row.num == ps.repeat && ps.repeat > 0:
				for c := range row.cells {
					ps.header = append(ps.header, text(row, c))
				}
			case row.num == 1 && ps.repeat > 1:
				ps.title = first
			case row.num > ps.repeat && (first == "合计" || strings.HasSuffix(first, "小计")):
				ps.totals[row.num] = true
			case row.num > ps.repeat && text(row, 1) != "":
				ps.keys[text(row, 1)] = row.num
			}
		}
		out = append(out, ps)
	}
	return out
}

// pdfWord is a word of a printed page and where it is, in points.
type pdfWord struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

// pdfText is a run of text of a page and its font, as pdftohtml finds it.
type pdfText struct {
	text, font string
	size       float64
	top        float64
}

// readPDF reads the pages of the PDF at p: each page's text laid out
// (pdftotext -layout), its words with their boxes (pdftotext -bbox) and its
// runs of text with their fonts and sizes (pdftohtml -xml).
func readPDF(t *testing.T, tools printTools, p string) (layout []string, words [][]pdfWord, runs [][]pdfText) {
	t.Helper()
	run := func(name string, args ...string) string {
		t.Helper()
		out, err := exec.Command(name, args...).Output()
		if err != nil {
			t.Fatalf("%s %s: %v", filepath.Base(name), strings.Join(args, " "), err)
		}
		return string(out)
	}
	layout = strings.Split(strings.TrimSuffix(run(tools.pdftotext, "-layout", p, "-"), "\f"), "\f")

	pageRe := regexp.MustCompile(`(?s)<page [^>]*>(.*?)</page>`)
	wordRe := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	num := func(s string) float64 { f, _ := strconv.ParseFloat(s, 64); return f }
	for _, pg := range pageRe.FindAllStringSubmatch(run(tools.pdftotext, "-bbox", p, "-"), -1) {
		var ws []pdfWord
		for _, m := range wordRe.FindAllStringSubmatch(pg[1], -1) {
			ws = append(ws, pdfWord{xmlText(m[5]), num(m[1]), num(m[2]), num(m[3]), num(m[4])})
		}
		words = append(words, ws)
	}

	var doc struct {
		Pages []struct {
			Fonts []struct {
				ID     string  `xml:"id,attr"`
				Size   float64 `xml:"size,attr"`
				Family string  `xml:"family,attr"`
			} `xml:"fontspec"`
			Texts []struct {
				Top  float64 `xml:"top,attr"`
				Font string  `xml:"font,attr"`
				Text string  `xml:",innerxml"`
			} `xml:"text"`
		} `xml:"page"`
	}
	if err := xml.Unmarshal([]byte(run(tools.pdftohtml, "-xml", "-i", "-zoom", "1", "-stdout", p)), &doc); err != nil {
		t.Fatalf("pdftohtml %s: %v", p, err)
	}
	fonts := map[string]struct {
		size   float64
		family string
	}{} // ids run through the document
	tags := regexp.MustCompile(`<[^>]*>`)
	for _, pg := range doc.Pages {
		for _, f := range pg.Fonts {
			fonts[f.ID] = struct {
				size   float64
				family string
			}{f.Size, f.Family}
		}
		var rs []pdfText
		for _, tx := range pg.Texts {
			f := fonts[tx.Font]
			rs = append(rs, pdfText{xmlText(tags.ReplaceAllString(tx.Text, "")), f.family, f.size, tx.Top})
		}
		runs = append(runs, rs)
	}
	return layout, words, runs
}

// xmlText undoes the escapes of XML text.
func xmlText(s string) string {
	return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&#34;", `"`, "&#39;", "'").Replace(s)
}

// cjkFont reports whether a font of the PDF has CJK glyphs, by its name.
var cjkFont = regexp.MustCompile(`(?i)CJK|SourceHan|WenQuanYi|Droid ?Sans ?Fallback|AR ?PL|YaHei|SimSun|SimHei|PingFang|Songti|Heiti`)

// hasHan reports whether s holds a CJK character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) || r >= 0xFF00 && r <= 0xFFEF || r >= 0x3000 && r <= 0x303F {
			return true
		}
	}
	return false
}

// checkPrinted checks the printed pages of the workbook b, printed at pdf.
func checkPrinted(t *testing.T, tools printTools, b printedBook, pdf string) {
	sheets := readPrintSetup(t, b.path)
	layout, words, runs := readPDF(t, tools, pdf)

	total := 0
	for _, s := range sheets {
		if s.pages < 1 {
			t.Fatalf("%s: the footer gives no page count", s.name)
		}
		total += s.pages
		if want, ok := b.pages[s.name]; ok && s.pages != want {
			t.Errorf("%s: kfpay laid it out on %d pages, want %d", s.name, s.pages, want)
		}
	}
	if len(layout) != total {
		t.Fatalf("LibreOffice printed %d pages, kfpay's footers count %d: a sheet took pages kfpay did not lay out", len(layout), total)
	}

	// Tabular figures: amounts of the same shape are as wide as each other.
	amount := regexp.MustCompile(`^\d{1,3}(,\d{3})*\.\d\d$`)
	pg := 0
	for _, s := range sheets {
		floor := 9.0
		if s.body >= 14 {
			floor = 12 // a notice
		}
		var pitches []float64
		for k := 1; k <= s.pages; k, pg = k+1, pg+1 {
			text := layout[pg]
			where := fmt.Sprintf("%s page %d of %d", s.name, k, s.pages)

			// The sheet's own page number, as LibreOffice placed the page.
			if want := fmt.Sprintf("第 %d 页，共 %d 页", k, s.pages); !strings.Contains(text, want) {
				t.Errorf("%s: no %q in its footer: LibreOffice broke the pages elsewhere", where, want)
			}

			// The header on every page, and the title when it repeats; a
			// header name printed whole (绩效服务费, never 绩效服务 over 费).
			flat := strings.Join(strings.Fields(text), "")
			if s.title != "" && !strings.Contains(flat, strings.ReplaceAll(s.title, " ", "")) {
				t.Errorf("%s: no title %q", where, s.title)
			}
			if len(s.header) > 0 {
				for _, h := range []string{s.header[0], s.header[len(s.header)-1]} {
					if h != "" && !strings.Contains(text, h) {
						t.Errorf("%s: no header %q", where, h)
					}
				}
			}
			for _, h := range s.header {
				if h == "绩效服务费" && !slices.ContainsFunc(words[pg], func(w pdfWord) bool { return w.text == h }) {
					t.Errorf("%s: the header 绩效服务费 is not printed whole", where)
				}
			}

			// No page with a 合计 or 小计 row and none of the rows it adds up.
			lines := strings.Split(text, "\n")
			for i, line := range lines {
				f := strings.Fields(line)
				if len(f) == 0 || !(f[0] == "合计" || strings.HasSuffix(f[0], "小计") || len(f) > 1 && f[1] == "小计") {
					continue
				}
				found := false
				for _, above := range lines[:i] {
					for _, w := range strings.Fields(above) {
						if _, ok := s.keys[w]; ok {
							found = true
						}
					}
				}
				if !found {
					t.Errorf("%s: %q with no row above it on the page", where, strings.TrimSpace(line))
				}
			}

			// Chinese text in a CJK font, never a Latin font's fallback.
			for _, r := range runs[pg] {
				if hasHan(r.text) && !cjkFont.MatchString(r.font) {
					t.Errorf("%s: %q printed in %s", where, r.text, r.font)
				}
			}

			// Rows printed at the sheet's scale: the distance between two
			// rows that follow each other is their height times the scale.
			var keyed []pdfWord
			for _, w := range words[pg] {
				if _, ok := s.keys[w.text]; ok {
					keyed = append(keyed, w)
				}
			}
			sort.Slice(keyed, func(i, j int) bool { return keyed[i].yMin < keyed[j].yMin })
			for i := 1; i < len(keyed); i++ {
				a, b := s.keys[keyed[i-1].text], s.keys[keyed[i].text]
				// Two words on one line are the page header's (示例小学
				// 2026年9月), not two rows.
				if b == a+1 && s.heights[a] > 0 && keyed[i].yMin-keyed[i-1].yMin > 1 {
					pitches = append(pitches, (keyed[i].yMin-keyed[i-1].yMin)/s.heights[a])
				}
			}

			// Digits that line up: the amounts of a column (right-aligned,
			// so ending at one x) with as many characters are as wide.
			type column struct {
				right float64
				n     int
			}
			// A money cell is a run of text of its own; a figure inside a
			// line of text, such as 扣款明细's 计算, is set in the text's
			// font and is no column of figures.
			cell := func(w pdfWord) bool {
				for _, r := range runs[pg] {
					if strings.TrimSpace(r.text) == w.text && math.Abs(r.top-w.yMin) < 3 {
						return true
					}
				}
				return false
			}
			widths := map[column][]float64{}
			for _, w := range words[pg] {
				if amount.MatchString(w.text) && cell(w) {
					c := column{math.Round(w.xMax), len(w.text)}
					widths[c] = append(widths[c], w.xMax-w.xMin)
				}
			}
			for c, ws := range widths {
				if lo, hi := slices.Min(ws), slices.Max(ws); hi-lo > 0.05 {
					t.Errorf("%s: amounts of %d characters in the column ending at %g pt are %.2f to %.2f pt wide: the digits do not line up",
						where, c.n, c.right, lo, hi)
				}
			}
		}

		// The size the body prints at: from the scale kfpay set, and from
		// the rows' pitch on the pages, the scale LibreOffice printed at.
		if s.body*s.scale < floor {
			t.Errorf("%s: %g pt at %.0f%% prints at %.2f pt, below %g", s.name, s.body, s.scale*100, s.body*s.scale, floor)
		}
		if len(pitches) > 0 {
			sort.Float64s(pitches)
			printed := pitches[len(pitches)/2]
			if math.Abs(printed-s.scale) > 0.01 {
				t.Errorf("%s: rows printed at %.3f of their height, kfpay set %.2f", s.name, printed, s.scale)
			}
			if s.body*printed < floor-0.01 {
				t.Errorf("%s: the body printed at %.2f pt, below %g", s.name, s.body*printed, floor)
			}
			t.Logf("%s: %d pages at %.0f%%, body %g pt printed at %.2f pt (row pitch %.3f)",
				s.name, s.pages, s.scale*100, s.body, s.body*printed, printed)
		} else {
			t.Logf("%s: %d pages at %.0f%%, body %g pt printed at %.2f pt", s.name, s.pages, s.scale*100, s.body, s.body*s.scale)
		}
	}

	// pdffonts lists a CJK font: the Chinese text was not left to chance.
	out, err := exec.Command(tools.pdffonts, pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	if !cjkFont.Match(out) {
		t.Errorf("pdffonts lists no CJK font:\n%s", out)
	}
}
