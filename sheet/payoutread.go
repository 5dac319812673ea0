package sheet

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/xlsx"
)

// A payout workbook is read back through the same table mechanism as every
// input, one schema per sheet, with the headers the payout writer writes.

const (
	backNo = iota
	backID
	backName
	backFee
	backDeduction
	backNet
	backLessons
)

var payoutBack = schema{role: "发放表", fields: []field{
	backNo:        {name: "序号", required: true},
	backID:        {name: "工号", required: true},
	backName:      {name: "教师", required: true},
	backFee:       {name: "绩效服务费", required: true},
	backDeduction: {name: "扣除金额", required: true},
	backNet:       {name: "实发合计", required: true},
	// The column the lines below 合计 (合计（大写）, 发放日期) write their
	// text in.
	backLessons: {name: "上课节数"},
}}

const (
	evDate = iota
	evID
	evName
	evLabel
	evPercent
	evStatus
	evSource
	evNote
)

var eventsBack = schema{role: "发放表", fields: []field{
	evDate:    {name: "日期", required: true},
	evID:      {name: "工号", required: true},
	evName:    {name: "教师", required: true},
	evLabel:   {name: "事项", required: true},
	evPercent: {name: "比例", required: true},
	evStatus:  {name: "状态", required: true},
	evSource:  {name: "来源", required: true},
	evNote:    {name: "说明", required: true, note: true},
}}

var notesBack = schema{role: "发放表", fields: []field{
	{name: "项目", required: true},
	{name: "内容", required: true},
}}

// Rows of the payout's 计算说明 that mark it as kfpay's and give its month,
// and the row of a corrected payout that names the signed one it corrects.
const (
	noteMonth   = "月份"
	noteVersion = "kfpay 版本"
	noteSigned  = "输入文件（" + RoleSigned + "）"
	// noteRules is the version of the rules the month was computed with
	// (calc.VersionText), absent in payouts written before versions.
	noteRules = "规则版本"
)

// RoleSigned is the role of the signed payout among the inputs of a
// corrected one (payroll --against).
const RoleSigned = "已签发放表"

// noteSignedSeal is the row of a corrected payout's 计算说明 that records
// the seal of the signed payout it corrects: settle knows the signed
// payout by it when the file was opened and saved again since.
const noteSignedSeal = "已签发放表校验码"

// sealOf is the digest of a 校验码 row's content, "" for none.
func sealOf(note string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(note), sealDigestName))
}

// signedSHA is the sha256 at the end of a 计算说明 input row.
var signedSHA = regexp.MustCompile(`sha256 ([0-9a-f]{64})$`)

var chineseMonth = regexp.MustCompile(`^(\d{4})年(\d{1,2})月$`)

// ReadPayout reads back a payout workbook that kfpay payroll wrote (SPEC 5)
// for the term settlement: its month from 计算说明, each teacher's 绩效服务费,
// 扣除金额 and 实发合计 from 发放明细, and the records 扣款明细 left pending
// for the term (待学期结算). A workbook kfpay did not write is an error, not
// a guess: its sheets, headers and 计算说明 must be the writer's.
//
// It is the one reader of a payout kfpay wrote, for every command that
// reads one back: once the workbook reads well, its figures are checked
// against the seal the writer left (seal.go). A payout edited since, or
// with no seal, is an error naming the first cell that differs, unless
// AcceptEdited is given: then it is a warning, and info.Edited says so
// for the output to record.
func ReadPayout(ctx context.Context, path string, opts ...PayoutOption) (p calc.PaidMonth, info InputFile, problems calc.Problems) {
	var cfg payoutConfig
	for _, o := range opts {
		o(&cfg)
	}
	c := &collector{file: baseName(path)}
	p.Src = calc.Ref{File: c.file}
	notKfpay := func(why string) (calc.PaidMonth, InputFile, calc.Problems) {
		c.add(calc.Problem{Code: "not-kfpay-payout", Ref: p.Src, Msg: "不是 kfpay 生成的发放表（" + why + "）；请给出 kfpay payroll 生成的发放表，不要另存或改动"})
		return p, InputFile{Role: payoutBack.role, Name: c.file}, c.list
	}
	wb, err := xlsx.Open(path)
	if err != nil {
		c.addErr(err)
		return p, InputFile{Role: payoutBack.role, Name: c.file}, c.list
	}
	var names []string
	for _, s := range wb.Sheets() {
		names = append(names, s.Name)
	}
	wb.Close()
	for _, want := range []string{sheetPayout, sheetEvents, sheetNotes} {
		if !slices.Contains(names, want) {
			return notKfpay("没有“" + want + "”工作表")
		}
	}

	// A sheet that cannot be read is damaged, not foreign: say what is
	// wrong with it rather than that kfpay did not write it.
	damaged := func(tc *collector) (calc.PaidMonth, InputFile, calc.Problems) {
		c.list = append(c.list, tc.list...)
		return p, InputFile{Role: payoutBack.role, Name: c.file}, c.list
	}

	// 计算说明: the month and the kfpay version row.
	notes, tc := readNotes(ctx, path)
	switch {
	case notes == nil && tc.noHeader:
		return notKfpay("计算说明没有“项目”“内容”表头")
	case notes == nil || len(tc.list.Errors()) > 0:
		return damaged(tc)
	}
	if _, ok := notes[noteVersion]; !ok {
		return notKfpay("计算说明中没有“" + noteVersion + "”一行")
	}
	m := chineseMonth.FindStringSubmatch(notes[noteMonth])
	if m == nil {
		return notKfpay(fmt.Sprintf("计算说明中的月份 %s 不是“2026年9月”的形式", rules.Quote(notes[noteMonth])))
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 {
		return notKfpay(fmt.Sprintf("计算说明中的月份 %s 不存在", rules.Quote(notes[noteMonth])))
	}
	p.Month = rules.Month{Year: y, Month: time.Month(mo)}
	if signed, ok := notes[noteSigned]; ok {
		m := signedSHA.FindStringSubmatch(signed)
		if m == nil {
			return notKfpay("计算说明中“" + noteSigned + "”一行没有 sha256")
		}
		p.Corrects = m[1]
	}
	p.Seal = sealOf(notes[noteSeal])
	p.CorrectsSeal = sealOf(notes[noteSignedSeal])
	p.Version = notes[noteRules]

	// 发放明细: one row per teacher, then 合计; its sealed values are taken
	// from the same rows.
	sealed := map[string][]sealRow{}
	t, tc, tee := openSealed(ctx, path, sheetPayout, payoutBack, sealPayout)
	switch {
	case t == nil && tc.noHeader:
		return notKfpay("发放明细的表头不是 kfpay 的")
	case t == nil:
		return damaged(tc)
	}
	sum, total, hasTotal := decimal.Zero, decimal.Zero, false
	below := 0 // the lines read below 合计
	for !tc.full() && t.next() {
		if hasTotal {
			// The writer puts below 合计 the total in capitals and the day
			// of payment, in that order, and nothing else: a row there was
			// added by hand, and counting it or leaving it out would both be
			// a guess. The day may be written in by hand, on a line left
			// blank.
			switch {
			case below == 0 && t.text(backNo) == lineCapitals:
				// Its text is sealed with the figures (seal.go).
				below = 1
				t.info.Other++
				continue
			case below == 1 && t.text(backNo) == linePaidOn:
				if v := t.text(backLessons); v != paidOnBlank && v != "" {
					d, ok := textDate(v)
					if !ok {
						tc.errorf("payout-edited", t.cols[backLessons], t.cur.num, linePaidOn, v, "不是日期：发放表在生成后被改动过；请重新运行 kfpay payroll（发放日期用 --paid-on 给出）")
					}
					p.PaidOn = d
				}
				below = 2
				t.info.Other++
				continue
			}
			tc.errorf("payout-edited", 0, t.cur.num, "", "", "合计行之后还有内容：发放表在生成后被改动过；请重新运行 kfpay payroll")
			continue
		}
		if t.text(backNo) == "合计" {
			if v, ok := t.money(backNet); ok {
				total, hasTotal = v, true
				t.info.Other++ // the total the rows are checked against
			}
			continue
		}
		pt := calc.PaidTeacher{Person: calc.Person{ID: t.text(backID), Name: NormalizeName(t.text(backName))}, Src: t.ref(backNet)}
		fee, ok1 := t.money(backFee)
		ded, ok2 := t.money(backDeduction)
		net, ok3 := t.money(backNet)
		if ok1 && ok2 && ok3 {
			pt.Fee, pt.Deduction, pt.Net = fee, ded, net
			p.Teachers = append(p.Teachers, pt)
			sum = sum.Add(net)
			t.info.Used++
		}
	}
	info = t.done()
	t.close()
	tee.keep(sealed)
	c.list = append(c.list, tc.list...)
	p.Total = total
	switch {
	case !hasTotal && len(tc.list.Errors()) == 0:
		return notKfpay("发放明细没有合计行")
	case hasTotal && !sum.Equal(total) && len(tc.list.Errors()) == 0:
		// The writer makes the total the sum of the rows; a difference means
		// the workbook was edited after kfpay wrote it.
		c.add(calc.Problem{Code: "payout-edited", Ref: calc.Ref{File: c.file, Sheet: sheetPayout}, Column: "实发合计",
			Msg: fmt.Sprintf("逐行相加为 %s，合计行为 %s：发放表在生成后被改动过；请重新运行 kfpay payroll", sum.StringFixed(2), total.StringFixed(2))})
	}

	// 扣款明细: the records pending for the term.
	t, tc, tee = openSealed(ctx, path, sheetEvents, eventsBack, sealEvents)
	switch {
	case t == nil && tc.noHeader:
		return notKfpay("扣款明细的表头不是 kfpay 的")
	case t == nil:
		return damaged(tc)
	}
	for !tc.full() && t.next() {
		if t.text(evStatus) != string(calc.Pending) {
			continue
		}
		e := calc.TermEvent{
			Person: calc.Person{ID: t.text(evID), Name: NormalizeName(t.text(evName))},
			Label:  NormalizeName(t.text(evLabel)),
			Source: t.text(evSource),
			Note:   t.text(evNote),
			Src:    t.ref(evStatus),
		}
		d, ok1 := t.date(evDate)
		pct, ok2 := t.percent(evPercent)
		if ok1 && ok2 {
			e.Date, e.Percent = d, pct
			p.Pending = append(p.Pending, e)
		}
	}
	t.close()
	tee.keep(sealed)
	c.list = append(c.list, tc.list...)
	info.Role = payoutBack.role
	p.SHA256 = info.SHA256
	if len(c.list.Errors()) == 0 {
		at, seal := checkSeal(ctx, path, notes, names, sealed, c)
		sealOnly := !slices.ContainsFunc(seal, func(p calc.Problem) bool {
			return p.Code != CodePayoutEdited && p.Code != CodePayoutUnsealed
		})
		if len(seal) > 0 && sealOnly && cfg.acceptEdited {
			for i := range seal {
				seal[i].Warning = true
			}
			info.Edited = editedText(at)
		}
		c.list = append(c.list, seal...)
	}
	return p, info, c.list
}

// openSealed opens sheet name of the payout at path for schema s, as
// openTable does, and beside it the seal's view of its rows (sealTee), which
// is nil when the seal's columns cannot be read from the same rows: the
// sheet's sealed values are then read on their own, as checkSeal does.
func openSealed(ctx context.Context, path, name string, s schema, spec sealedSheet) (*table, *collector, *sealTee) {
	t, c := openSheet(ctx, path, name, s.role)
	if t == nil {
		return nil, c, nil
	}
	tee := teeSealed(t, spec)
	if !t.findHeader(s) {
		t.close()
		return nil, c, nil
	}
	return t, c, tee.attach(t)
}

// keep adds the sealed rows st took to read, by sheet, for checkSeal; a
// nil st adds none.
func (st *sealTee) keep(read map[string][]sealRow) {
	if st != nil {
		read[st.spec.name] = st.rows
	}
}

// readNotes reads a payout's 计算说明 as 项目 → 内容, the first of each item.
// It returns nil when the sheet cannot be read or has not the writer's
// header, and the sheet's problems either way.
func readNotes(ctx context.Context, path string) (map[string]string, *collector) {
	t, tc := openTable(ctx, path, sheetNotes, notesBack)
	if t == nil {
		return nil, tc
	}
	defer t.close()
	notes := map[string]string{}
	for t.next() {
		if k := t.text(0); k != "" {
			if _, dup := notes[k]; !dup {
				notes[k] = t.text(1)
			}
		}
	}
	return notes, tc
}

// noteInput heads the 计算说明 rows that record an input: 输入文件（课时登记）.
const noteInput = "输入文件（"

// ReadPayoutInputs reads back the inputs a payout's 计算说明 records, as
// inputText wrote them: each one's role, name, sheet, layout and sha256,
// the rules file first, then the session log and the records. It is how
// kfpay verify --signed finds the files a signed month was computed from.
func ReadPayoutInputs(ctx context.Context, path string) (inputs []InputFile, problems calc.Problems) {
	notes, tc := readNotes(ctx, path)
	if notes == nil {
		return nil, tc.list
	}
	for item, text := range notes {
		role, ok := strings.CutPrefix(item, noteInput)
		if !ok {
			continue
		}
		in := InputFile{Role: strings.TrimSuffix(role, "）")}
		for i, part := range strings.Split(text, "；") {
			switch {
			case i == 0:
				in.Name = part
			case strings.HasPrefix(part, "工作表 "):
				in.Sheet = strings.TrimPrefix(part, "工作表 ")
			case strings.HasPrefix(part, "sha256 "):
				in.SHA256 = strings.TrimPrefix(part, "sha256 ")
			case part == TextLayout || strings.HasPrefix(part, "读取 "):
			default:
				in.Layout = part
			}
		}
		inputs = append(inputs, in)
	}
	order := map[string]int{"规则文件": 0, "课时登记": 1, "考核记录": 2}
	slices.SortFunc(inputs, func(a, b InputFile) int {
		oa, okA := order[a.Role]
		ob, okB := order[b.Role]
		switch {
		case okA && okB:
			return oa - ob
		case okA:
			return -1
		case okB:
			return 1
		}
		return strings.Compare(a.Role, b.Role)
	})
	return inputs, tc.list
}
