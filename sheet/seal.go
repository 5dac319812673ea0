package sheet

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"kfpay/calc"
	"kfpay/sheet/internal/cellnum"
	"kfpay/sheet/internal/render"
	"kfpay/sheet/internal/xlsx"
)

// The seal of a payout (SPEC 3, records; issue 12). Every payout kfpay
// writes carries a digest of every figure of 发放明细, 扣款明细 and, in a
// correction, 更正 — with the 工号, names, labels and statuses that say
// whose each figure is — in 计算说明, and a hidden sheet 校验数据 that keeps
// those values as they were written. Where a payout is read back (settle,
// payroll --against, and the slips and bank files to come), ReadPayout
// works the digest out again from what the sheets hold now: a payout whose
// figures changed after kfpay wrote it is refused, naming the first cell
// that differs, unless the bursar says --accept-edited, and the output then
// records that an edited payout was used.
//
// The digest is of the values as a reader reads them back, not of the
// file's bytes: a payout opened in Excel, WPS or LibreOffice and saved, a
// signature or a note typed into 签字, rows sorted, a number re-saved by
// LibreOffice (0.3) or Gnumeric (0.29999999999999999) all keep it. A changed
// figure, 工号, name, date, label or status does not. It is a check against
// slips and unrecorded edits, not a lock: no secret is involved, and a
// person who rebuilt the hidden sheet and the digest could forge it.

// Sheet and rows of the seal.
const (
	sheetSeal      = "校验数据"
	noteSeal       = "校验码"
	noteSealAbout  = "校验码说明"
	sealDigestName = "SHA-256"
)

// Problem codes of a payout read back.
const (
	CodePayoutEdited   calc.Code = "payout-edited"   // a figure differs from the seal
	CodePayoutUnsealed calc.Code = "payout-unsealed" // no seal to check against
)

// sealKind is how a sealed column's value is written for the digest, the
// same from the figure the writer has as from the cell a reader reads.
type sealKind uint8

const (
	sealText    sealKind = iota // trimmed text
	sealCount                   // a decimal, trailing zeros dropped: 34, 2.5
	sealMoney                   // two decimals: 929.00
	sealPercent                 // a fraction, trailing zeros dropped: 0.3
	sealDate                    // 2026-09-16
)

// sealColumn is a column of a sealed sheet: its header and its kind.
type sealColumn struct {
	header string
	kind   sealKind
}

// sealedSheet is a sheet whose figures the seal covers: the columns, the
// row of its header, and the columns that tell one row from another.
type sealedSheet struct {
	name   string
	header int
	cols   []sealColumn
	key    []int // indexes into cols
}

var (
	sealPayout = sealedSheet{name: sheetPayout, header: 2, cols: []sealColumn{
		{"工号", sealText}, {"教师", sealText},
		{"上课节数", sealCount}, {"上课补助", sealMoney},
		{"安全管理次数", sealCount}, {"安全管理补助", sealMoney},
		{"行政值班次数", sealCount}, {"行政值班课时", sealCount}, {"行政值班补助", sealMoney},
		{"绩效服务费", sealMoney}, {"扣除比例", sealPercent}, {"扣除金额", sealMoney},
		{"奖励", sealMoney}, {"实发合计", sealMoney},
	}, key: []int{0, 1}}
	sealEvents = sealedSheet{name: sheetEvents, header: 1, cols: []sealColumn{
		{"日期", sealDate}, {"工号", sealText}, {"教师", sealText}, {"事项", sealText},
		{"比例", sealPercent}, {"扣除金额", sealMoney}, {"奖励", sealMoney}, {"状态", sealText}, {"来源", sealText},
	}, key: []int{8, 7}}
	sealCorrection = sealedSheet{name: sheetCorrection, header: 2, cols: []sealColumn{
		{"工号", sealText}, {"教师", sealText},
		{"已发金额", sealMoney}, {"应发金额", sealMoney}, {"补发", sealMoney}, {"扣回", sealMoney},
	}, key: []int{0, 1}}
)

// sealRow is one row of a sealed sheet as the seal sees it.
type sealRow struct {
	sheet  string
	row    int      // the row of the sheet it was written to, or read from
	values []string // by sealedSheet.cols
}

// line is the row as one line of the digest's input.
func (r sealRow) line() string { return r.sheet + "\t" + strings.Join(r.values, "\t") }

// key tells the row from the others of its sheet.
func (r sealRow) key(s sealedSheet) string {
	var parts []string
	for _, i := range s.key {
		parts = append(parts, r.values[i])
	}
	return strings.Join(parts, "\x00")
}

// sealDigest is the digest of rows: their lines sorted, so that sorting the
// rows of a sheet keeps the seal, joined by LF, through SHA-256.
func sealDigest(rows []sealRow) string {
	lines := make([]sealLine, len(rows))
	for i, r := range rows {
		lines[i] = sealLine{sheet: r.sheet, row: r.row, text: strings.Join(r.values, "\t")}
	}
	return sealLinesDigest(lines)
}

// sealLine is a sealRow as the writer keeps it: its values joined by TAB in
// one string, as 校验数据 holds them, where fourteen strings and their slice
// a teacher were 80 MB for 250,000 teachers (issue 20).
type sealLine struct {
	sheet string
	row   int
	text  string // the values joined by TAB
}

// compareSealLines orders lines as their digest lines, sheet + TAB + text,
// compare as strings, without making them.
func compareSealLines(a, b sealLine) int {
	if a.sheet == b.sheet {
		return strings.Compare(a.text, b.text)
	}
	if !strings.HasPrefix(a.sheet, b.sheet) && !strings.HasPrefix(b.sheet, a.sheet) {
		return strings.Compare(a.sheet, b.sheet)
	}
	return strings.Compare(a.sheet+"\t"+a.text, b.sheet+"\t"+b.text)
}

// sealLinesDigest is sealDigest of the rows lines hold. It leaves lines
// as they are, which the payout writes to 校验数据 meanwhile, and sorts
// their indices: 4 bytes a line, where a sorted copy of the lines was 40
// and the rows of 校验数据 made before the sort 70 (issue 20).
func sealLinesDigest(lines []sealLine) string {
	order := make([]int32, len(lines))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return compareSealLines(lines[a], lines[b]) })
	// The lines joined by LF, hashed a line at a time through one buffer:
	// not joined into one string first, 50 MB for 250,000 teachers, nor
	// each copied to bytes of its own by io.WriteString (the hash has no
	// WriteString).
	h := sha256.New()
	var buf []byte
	for i, k := range order {
		buf = buf[:0]
		if i > 0 {
			buf = append(buf, '\n')
		}
		l := &lines[k]
		buf = append(append(append(buf, l.sheet...), '\t'), l.text...)
		h.Write(buf)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Values as the seal writes them, from the figures the writer has.
func sealMoneyOf(d decimal.Decimal) string {
	// An amount of at most two places, as StringFixed(2) writes it, from
	// its cents: Round and StringFixed made three objects for each of a
	// teacher's eight amounts (issue 20).
	if e := d.Exponent(); e >= -2 && e <= 0 && d.NumDigits() <= 15 {
		return centsText(d.CoefficientInt64() * [...]int64{1, 10, 100}[e+2])
	}
	return calc.Yuan(d).StringFixed(2)
}

// appendSealMoney appends sealMoneyOf(d) to b.
func appendSealMoney(b []byte, d decimal.Decimal) []byte {
	if e := d.Exponent(); e >= -2 && e <= 0 && d.NumDigits() <= 15 {
		return appendCents(b, d.CoefficientInt64()*[...]int64{1, 10, 100}[e+2])
	}
	return append(b, sealMoneyOf(d)...)
}

// appendSealNumber appends sealNumberOf(d) to b.
func appendSealNumber(b []byte, d decimal.Decimal) []byte {
	if d.Exponent() == 0 && d.NumDigits() <= 15 {
		return strconv.AppendInt(b, d.IntPart(), 10)
	}
	return append(b, sealNumberOf(d)...)
}

// centsText is c cents as yuan with two places: 12345 as 123.45, -5 as
// -0.05.
func centsText(c int64) string {
	var buf [24]byte
	return string(appendCents(buf[:0], c))
}

// appendCents appends centsText(c) to b.
func appendCents(b []byte, c int64) []byte {
	if c < 0 {
		b, c = append(b, '-'), -c
	}
	b = strconv.AppendInt(b, c/100, 10)
	return append(b, '.', byte('0'+c%100/10), byte('0'+c%10))
}

func sealNumberOf(d decimal.Decimal) string {
	if d.Exponent() == 0 && d.NumDigits() <= 15 {
		return strconv.FormatInt(d.IntPart(), 10) // a whole count, as String writes it
	}
	if d.IsInteger() && d.NumDigits() <= 15 {
		return d.String() // a whole count: exact as a float, read back as written
	}
	// A float64 is what the cell holds; what it reads back as is the seal's.
	f, _ := cellnum.Decimal(strconv.FormatFloat(d.InexactFloat64(), 'f', -1, 64))
	return f.String()
}

// payoutSealLines are the sealed rows of payout p, as the writer lays them
// out (see writePayoutSheet, writeEventsSheet, writeCorrectionSheet).
func payoutSealLines(p *calc.Payout, meta PayoutMeta) []sealLine {
	rows := make([]sealLine, 0, len(p.Lines)+len(p.Events)+4)
	// A line's values appended to buf, joined by TAB: one string a
	// teacher, no string for each figure.
	figures := func(bufp *[]byte, l *calc.Line, percent bool) string {
		buf := *bufp
		buf = append(buf[:0], strings.TrimSpace(l.ID)...)
		buf = append(append(buf, '\t'), strings.TrimSpace(l.Name)...)
		for _, f := range [...]struct {
			d     decimal.Decimal
			money bool
		}{{l.Lessons, false}, {l.LessonPay, true}, {l.Breaks, false}, {l.SafetyPay, true},
			{l.Shifts, false}, {l.AdminHours, false}, {l.AdminPay, true}, {l.Fee, true}} {
			buf = append(buf, '\t')
			if f.money {
				buf = appendSealMoney(buf, f.d)
			} else {
				buf = appendSealNumber(buf, f.d)
			}
		}
		buf = append(buf, '\t')
		if percent {
			buf = appendSealNumber(buf, l.Percent)
		}
		for _, d := range [...]decimal.Decimal{l.Deduction, l.Reward, l.Net} {
			buf = appendSealMoney(append(buf, '\t'), d)
		}
		*bufp = buf
		return string(buf)
	}
	// The lines' texts in two halves, the second on a goroutine: the
	// payout is only read, and the second core is idle here (issue 20).
	rows = rows[:len(p.Lines)]
	half := len(p.Lines) / 2
	done := make(chan struct{})
	go func() {
		defer close(done)
		var buf []byte
		for i := half; i < len(p.Lines); i++ {
			rows[i] = sealLine{sheetPayout, 3 + i, figures(&buf, &p.Lines[i], true)}
		}
	}()
	var buf []byte
	for i := range half {
		rows[i] = sealLine{sheetPayout, 3 + i, figures(&buf, &p.Lines[i], true)}
	}
	<-done
	total := p.Total
	total.ID, total.Name = "", ""
	rows = append(rows, sealLine{sheetPayout, 3 + len(p.Lines), figures(&buf, &total, false)})
	// The 合计 in capitals below it is what a teacher reads when signing:
	// sealed as the text it is, in the column it starts in. The 发放日期
	// line is not: it may be filled in by hand.
	if words, err := capitalsLine(p.Total.Net); err == nil {
		capitals := make([]string, len(sealPayout.cols))
		capitals[2] = words
		rows = append(rows, sealLine{sheetPayout, 4 + len(p.Lines), strings.Join(capitals, "\t")})
	}
	// 扣款明细 as writeEventsSheet lays it out: each record's yuan, and the
	// 合计 row.
	deducted, rewarded := decimal.Zero, decimal.Zero
	for i, e := range p.Events {
		percent, deduction, reward := "", "", ""
		if !e.Event.Reward || e.HasPercent {
			percent = sealNumberOf(e.Percent)
		}
		switch e.Status {
		case calc.Rewarded:
			reward = sealMoneyOf(e.Yuan)
			rewarded = rewarded.Add(e.Yuan)
		case calc.Deducted, calc.NoEffect:
			deduction = sealMoneyOf(e.Yuan)
			deducted = deducted.Add(e.Yuan)
		}
		rows = append(rows, sealLine{sheetEvents, 2 + i, joinSeal(
			e.Date.String(), strings.TrimSpace(e.Person.ID), strings.TrimSpace(e.Person.Name), strings.TrimSpace(e.Label),
			percent, deduction, reward, string(e.Status), sourceText(e.Src),
		)})
	}
	if len(p.Events) == 0 {
		none := "本月无考核记录"
		if meta.NoRecords {
			none = noRecordsText
		}
		rows = append(rows, sealLine{sheetEvents, 2, joinSeal(none, "", "", "", "", "", "", "", "")})
	} else {
		rows = append(rows, sealLine{sheetEvents, 2 + len(p.Events), joinSeal(
			"合计", "", "", "", "", sealMoneyOf(deducted), sealMoneyOf(rewarded), "", "",
		)})
	}
	if c := meta.Correction; c != nil {
		for i, l := range c.Lines {
			rows = append(rows, sealLine{sheetCorrection, 3 + i, joinSeal(
				strings.TrimSpace(l.ID), strings.TrimSpace(l.Name),
				sealMoneyOf(l.Paid), sealMoneyOf(l.Due), sealMoneyOf(l.Topup), sealMoneyOf(l.Recover),
			)})
		}
		t := c.Total
		rows = append(rows, sealLine{sheetCorrection, 3 + len(c.Lines), joinSeal(
			"", "", sealMoneyOf(t.Paid), sealMoneyOf(t.Due), sealMoneyOf(t.Topup), sealMoneyOf(t.Recover),
		)})
	}
	return rows
}

// joinSeal is values as a sealLine's text.
func joinSeal(values ...string) string { return strings.Join(values, "\t") }

// sealAbout says in 计算说明 what the seal is, in the bursar's words.
const sealAbout = "上面的校验码由“发放明细”“扣款明细”（更正时还有“更正”）中的每个数字，连同工号、姓名、日期、事项和状态算出；" +
	"隐藏的工作表“校验数据”存有生成时的这些内容。kfpay 读回这份发放表时（学期结算 settle、更正 payroll --against 等）会重新计算：" +
	"生成后改动了任何一个数字，就会拒绝读取并指出改动的单元格。在“签字”栏签字、写备注、调整格式或排序，" +
	"用 Excel、WPS 或 LibreOffice 打开后保存，都不影响校验。"

// writeSealSheet writes 校验数据, which the payout writes hidden
// (fillPayout): a header, then one row per sealed row, the sheet and row it
// was written to, then its values joined by TAB in one text cell, so that
// no program re-saves them as something else and a district's 50,000 rows
// cost three cells each. No sealed value holds a TAB: names and labels
// lose their spaces and tabs, figures have none. The sheet is in the book
// already, hidden (buildPayout). Each row is made as it is written: the
// rows of 250,000 teachers made at once were 35 MB (issue 20).
func writeSealSheet(b *render.Book, lines []sealLine) error {
	return b.PlainRows(sheetSeal, 1+len(lines), len(sealSheetHeader), func(i int, cells []string) []string {
		if i == 0 {
			return append(cells, sealSheetHeader...)
		}
		l := &lines[i-1]
		return append(cells, l.sheet, strconv.Itoa(l.row), l.text)
	})
}

// sealSheetHeader is the header row of 校验数据.
var sealSheetHeader = []string{"工作表", "行", "内容（生成时，以 TAB 分隔，勿改）"}

// PayoutOption changes how ReadPayout reads a payout back.
type PayoutOption func(*payoutConfig)

type payoutConfig struct {
	acceptEdited bool
}

// AcceptEdited makes ReadPayout take a payout whose figures no longer match
// its seal, or that has none, with a warning instead of an error
// (--accept-edited); the InputFile it returns says so, for the output to
// record.
func AcceptEdited() PayoutOption { return func(c *payoutConfig) { c.acceptEdited = true } }

// checkSeal works out the seal of the payout at path from what its sheets
// hold now and checks it against the one in 计算说明 (notes). It returns
// where it first differs ("" when it matches) and the problems to report.
//
// read holds the sealed rows of sheets already read beside their figures
// (sealTee), by sheet name: those are not read again unless the seal does
// not match.
func checkSeal(ctx context.Context, path string, notes map[string]string, sheets []string, read map[string][]sealRow, c *collector) (edited string, problems calc.Problems) {
	want := sealOf(notes[noteSeal])
	if want == "" {
		p := calc.Problem{Code: CodePayoutUnsealed, Ref: calc.Ref{File: c.file, Sheet: sheetNotes},
			Msg: "没有校验码，无法确认发放表生成后没有被改动（可能由旧版 kfpay 生成，或“计算说明”中的校验码被删去）；" +
				"请重新运行 kfpay payroll 生成，或核对无误后加 --accept-edited 读取"}
		return sheetNotes, calc.Problems{p}
	}
	specs := []sealedSheet{sealPayout, sealEvents}
	if slices.Contains(sheets, sheetCorrection) {
		specs = append(specs, sealCorrection)
	}
	var now []sealRow
	var refs [][]calc.Ref // the cell of each value of now
	readAll := func(withRefs bool) calc.Problems {
		now, refs = nil, nil
		for _, s := range specs {
			if rows, ok := read[s.name]; ok && !withRefs {
				now = append(now, rows...)
				continue
			}
			rows, cells, ps := readSealed(ctx, path, s, withRefs)
			if len(ps.Errors()) > 0 {
				return ps
			}
			now = append(now, rows...)
			refs = append(refs, cells...)
		}
		return nil
	}
	// The cells of the values are for naming the one that changed: a
	// payout that matches its seal, as nearly every one does, is read
	// without them (for 48,500 teachers 160 MB allocated and 32 MB held
	// while the payout was read, issue 20), and one that does not is read
	// again with them.
	if ps := readAll(false); ps != nil {
		return "", ps
	}
	if sealDigest(now) == want {
		return "", nil
	}
	if ps := readAll(true); ps != nil {
		return "", ps
	}
	// Somewhere a value changed: find the first, against the values kept
	// when the payout was written.
	then, ok := readSealCopy(path, sheets)
	if !ok || sealDigest(then) != want {
		p := calc.Problem{Code: CodePayoutEdited, Ref: calc.Ref{File: c.file, Sheet: sheetPayout},
			Msg: "发放明细或扣款明细中的数字与生成时不同（校验码不符）：发放表生成后被改动过；" +
				"请重新运行 kfpay payroll 生成，或核对改动无误后加 --accept-edited 读取"}
		return sheetPayout, calc.Problems{p}
	}
	at, col, was := firstDifference(specs, now, refs, then)
	value, kind := "", sealText
	if at.Col > 0 {
		for i, r := range now {
			for j, ref := range refs[i] {
				if ref == at {
					value = sealShown(r.values[j], specOf(specs, r.sheet).cols[j].kind)
					kind = specOf(specs, r.sheet).cols[j].kind
				}
			}
		}
	}
	msg := "与生成时不同"
	switch {
	case was != nil:
		shown := sealShown(*was, kind)
		if shown == "" {
			shown = "空白"
		}
		msg += "（生成时为 " + shown + "）"
	case at.Col == 0 && at.Row > 0:
		msg += "（生成时没有这一行）"
	}
	p := calc.Problem{Code: CodePayoutEdited, Ref: at, Column: col, Value: value,
		Msg: msg + "：发放表生成后被改动过；请重新运行 kfpay payroll 生成，或核对改动无误后加 --accept-edited 读取"}
	return at.Sheet + "!" + at.Cell(), calc.Problems{p}
}

// specOf is the sealed sheet called name.
func specOf(specs []sealedSheet, name string) sealedSheet {
	for _, s := range specs {
		if s.name == name {
			return s
		}
	}
	return sealedSheet{}
}

// sealShown is a sealed value as the sheet shows it: a percent as 30%.
func sealShown(v string, k sealKind) string {
	if k == sealPercent {
		if d, err := decimal.NewFromString(v); err == nil {
			return calc.Percent(d)
		}
	}
	return v
}

// firstDifference finds the first cell, in sheet and row order, whose value
// differs from the copy kept when the payout was written. Rows are matched
// by their key (工号 and name; 来源 and status), else by the row they were
// written to, so that sorted rows still match. It returns the cell, its
// column's header and the value it had (nil when the row is new), or the
// sheet alone when a row was removed.
func firstDifference(specs []sealedSheet, now []sealRow, refs [][]calc.Ref, then []sealRow) (calc.Ref, string, *string) {
	spec := map[string]sealedSheet{}
	for _, s := range specs {
		spec[s.name] = s
	}
	byKey := map[string][]int{}
	byRow := map[string]int{}
	used := make([]bool, len(then))
	for i, r := range then {
		k := r.sheet + "\x01" + r.key(spec[r.sheet])
		byKey[k] = append(byKey[k], i)
		byRow[r.sheet+"\x01"+strconv.Itoa(r.row)] = i
	}
	take := func(r sealRow) int {
		k := r.sheet + "\x01" + r.key(spec[r.sheet])
		for _, i := range byKey[k] {
			if !used[i] {
				return i
			}
		}
		if i, ok := byRow[r.sheet+"\x01"+strconv.Itoa(r.row)]; ok && !used[i] {
			return i
		}
		return -1
	}
	for i, r := range now {
		j := take(r)
		if j < 0 {
			return refs[i][spec[r.sheet].key[0]].At(0), "", nil
		}
		used[j] = true
		for c, v := range r.values {
			if c < len(then[j].values) && v != then[j].values[c] {
				was := then[j].values[c]
				header := spec[r.sheet].cols[c].header
				if r.sheet == sheetPayout && strings.HasPrefix(was, "人民币") {
					header = lineCapitals // the line below 合计, not a figure of its column
				}
				return refs[i][c], header, &was
			}
		}
	}
	for j, r := range then {
		if !used[j] {
			// A row kfpay wrote is gone.
			return calc.Ref{File: refFile(refs), Sheet: r.sheet}, "", nil
		}
	}
	return calc.Ref{File: refFile(refs), Sheet: sheetPayout}, "", nil
}

func refFile(refs [][]calc.Ref) string {
	for _, rs := range refs {
		for _, r := range rs {
			return r.File
		}
	}
	return ""
}

// readSealed reads the sealed columns of sheet s of the payout at path as
// the seal sees them, and, when withRefs is set, the cell of each value.
func readSealed(ctx context.Context, path string, s sealedSheet, withRefs bool) (rows []sealRow, cells [][]calc.Ref, problems calc.Problems) {
	t, c := openTable(ctx, path, s.name, sealSchema(s))
	if t == nil {
		return nil, nil, c.list
	}
	defer t.close()
	for !c.full() && t.next() {
		r, refs, ok := sealedRow(t, s, withRefs)
		if !ok {
			continue
		}
		rows = append(rows, r)
		if withRefs {
			cells = append(cells, refs)
		}
	}
	return rows, cells, c.list
}

// sealSchema is the schema of the sealed columns of sheet s.
func sealSchema(s sealedSheet) schema {
	sch := schema{role: "发放表", ownLayout: true}
	for _, col := range s.cols {
		sch.fields = append(sch.fields, field{name: col.header, required: true})
	}
	if s.name == sheetPayout {
		// After the sealed columns: 序号, which labels the lines below 合计.
		sch.fields = append(sch.fields, field{name: "序号"})
	}
	return sch
}

// sealedRow is the current row of t, a table of sealSchema(s), as the seal
// sees it, and the cell of each value when withRefs is set; ok is false
// for a row the seal does not cover.
func sealedRow(t *table, s sealedSheet, withRefs bool) (r sealRow, refs []calc.Ref, ok bool) {
	if t.cur.num <= s.header {
		return sealRow{}, nil, false
	}
	r = sealRow{sheet: s.name, row: t.cur.num, values: make([]string, len(s.cols))}
	if withRefs {
		refs = make([]calc.Ref, len(s.cols))
	}
	for i, col := range s.cols {
		r.values[i] = sealValue(t, i, col.kind)
		if withRefs {
			refs[i] = t.ref(i)
		}
	}
	if s.name == sheetPayout && t.text(len(s.cols)) == linePaidOn {
		return sealRow{}, nil, false // below 合计, and may be filled in by hand: not sealed
	}
	// A line of text below the rows (the correction's note) is not a row
	// of figures.
	if s.name == sheetCorrection && r.values[2] == "" && r.values[3] == "" {
		return sealRow{}, nil, false
	}
	return r, refs, true
}

// sealTee takes the sealed values of a sheet from the rows that another
// reader of it goes through (table.tee), as readSealed would read them
// without their cells: 发放明细 of a district's month is then inflated and
// parsed once for its figures and its seal, not once for each (issue 20).
type sealTee struct {
	spec sealedSheet
	t    *table // the sealed columns' view of the rows, as readSealed's table
	rows []sealRow
}

// teeSealed makes the seal's view of the sheet t has open, before t takes
// its header: the rows that may be the header are still there to find the
// sealed columns' in. It returns nil when none of them holds every sealed
// column (readSealed then reports what it reports).
func teeSealed(t *table, s sealedSheet) *sealTee {
	sch := sealSchema(s)
	for _, b := range t.top() {
		if cols, ok := sch.match(b.cells); ok {
			st := &sealTee{spec: s, t: &table{ctx: t.ctx, wb: t.wb, c: &collector{file: t.c.file, sheet: t.c.sheet}}}
			st.t.useHeader(b.num, sch, cols)
			return st
		}
	}
	return nil
}

// attach makes t give its rows to st, when both take the same row as the
// header, so that both see the same rows below it; it returns st, or nil
// when they do not (the sealed values are then read on their own).
func (st *sealTee) attach(t *table) *sealTee {
	if st == nil || st.t.header != t.header {
		return nil
	}
	t.tee = st.row
	return st
}

// row takes one row of the sheet, as readSealed's next and loop would.
func (st *sealTee) row(num int, hidden bool, cells []xlsx.Cell) {
	t := st.t
	t.cur.num, t.cur.hidden, t.cur.all = num, hidden, cells
	if t.place(cells) {
		return // nothing in the sealed columns: next skips it
	}
	if r, _, ok := sealedRow(t, st.spec, false); ok {
		st.rows = append(st.rows, r)
	}
}

// sealValue is field i of t's current row as the seal writes a value of
// kind k; a cell that does not hold what k expects is taken as its text, so
// that it differs from the figure that was there.
func sealValue(t *table, i int, k sealKind) string {
	cell := t.cur.cells[i]
	if cell.Col == 0 {
		return ""
	}
	if cell.Type == xlsx.CellNumber {
		if v, ok := plainSealValue(cell.Value, k); ok {
			return v
		}
	}
	if cell.Type == xlsx.CellNumber {
		d, err := cellnum.Decimal(cell.Value)
		if err == nil {
			switch k {
			case sealMoney:
				if d.Equal(calc.Yuan(d)) {
					return d.StringFixed(2)
				}
				return d.String()
			case sealCount, sealPercent:
				return d.String()
			case sealDate:
				if date, ok := serialDate(cell.Value, t.date1904()); ok {
					return date.String()
				}
			}
		}
	}
	return strings.TrimSpace(cell.Shown())
}

// plainSealValue is sealValue of a number cell whose text is a plain
// number (plainNumber), worked out without a decimal: what kfpay writes.
// Parsing each figure into a decimal to write it back out was half of
// reading back a district's five months of 50,000 teachers (issue 20).
func plainSealValue(raw string, k sealKind) (string, bool) {
	frac, ok := plainNumber(raw)
	switch {
	case !ok || k != sealMoney && k != sealCount && k != sealPercent:
		return "", false // a date, or a number where text was sealed: as sealValue shows it
	case k != sealMoney:
		return raw, true
	case frac < 0:
		return raw + ".00", true
	case frac == 1:
		return raw + "0", true
	case frac == 2:
		return raw, true
	}
	return "", false
}

// plainMoney is the amount a number cell holds when its text is a plain
// number (plainNumber) of at most two decimals and under rules.MaxAmount,
// as kfpay writes every amount: the decimal cellnum.Decimal makes of it,
// made from its digits, which table.money then need not round to check
// (a district's payouts hold three amounts a teacher, issue 20).
func plainMoney(c xlsx.Cell) (decimal.Decimal, bool) {
	if c.Type != xlsx.CellNumber {
		return decimal.Zero, false
	}
	frac, ok := plainNumber(c.Value)
	whole := len(c.Value)
	if frac > 0 {
		whole -= frac + 1
	}
	if !ok || frac > 2 || whole > maxAmountDigits {
		return decimal.Zero, false
	}
	var n int64
	for j := 0; j < len(c.Value); j++ {
		if b := c.Value[j]; b != '.' {
			n = n*10 + int64(b-'0')
		}
	}
	return decimal.New(n, int32(-max(frac, 0))), true
}

// maxAmountDigits is how many digits an amount under rules.MaxAmount has
// before its point at most.
const maxAmountDigits = 13

// plainNumber reports whether s is a number as decimal.Decimal's String
// writes it, which cellnum.Decimal leaves as it is: no sign, exponent or
// leading zero, a fraction without trailing zeros, at most 15 digits (a
// double's); and how many digits its fraction has, -1 for none.
func plainNumber(s string) (frac int, ok bool) {
	digits, dot := 0, -1
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && dot < 0 && i > 0:
			dot = i
		default:
			return 0, false
		}
	}
	switch {
	case digits == 0 || digits > 15:
		return 0, false
	case s[0] == '0' && len(s) > 1 && dot != 1:
		return 0, false // a leading zero: 007
	case dot < 0:
		return -1, true
	case dot == len(s)-1 || s[len(s)-1] == '0':
		return 0, false // 5. or 5.50
	}
	return len(s) - dot - 1, true
}

// readSealCopy reads 校验数据, the values kept when the payout was written.
func readSealCopy(path string, sheets []string) ([]sealRow, bool) {
	if !slices.Contains(sheets, sheetSeal) {
		return nil, false
	}
	wb, err := xlsx.Open(path)
	if err != nil {
		return nil, false
	}
	defer wb.Close()
	it, err := wb.Rows(sheetSeal)
	if err != nil {
		return nil, false
	}
	defer it.Close()
	width := map[string]int{sheetPayout: len(sealPayout.cols), sheetEvents: len(sealEvents.cols), sheetCorrection: len(sealCorrection.cols)}
	var rows []sealRow
	for it.Next() {
		if it.Row() == 1 {
			continue
		}
		var r sealRow
		vals := map[int]string{}
		for _, c := range it.Cells() {
			vals[c.Col] = c.Shown()
		}
		r.sheet = vals[1]
		n, ok := width[r.sheet]
		if !ok {
			return nil, false
		}
		r.row, _ = strconv.Atoi(vals[2])
		r.values = strings.Split(vals[3], "\t")
		if len(r.values) != n {
			return nil, false
		}
		rows = append(rows, r)
	}
	return rows, it.Err() == nil
}

// editedText is what a payout read with --accept-edited says in the
// outputs that used it.
func editedText(at string) string {
	if at == sheetNotes {
		return "没有校验码，未能确认生成后没有被改动，按 --accept-edited 使用"
	}
	return fmt.Sprintf("生成后被改动过（首处：%s），按 --accept-edited 使用", at)
}
