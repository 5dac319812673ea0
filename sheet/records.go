package sheet

import (
	"context"
	"kfpay/calc"
	"kfpay/rules"
)

// The discipline records' columns (SPEC 2.2).
const (
	recDate = iota
	recID
	recName
	recLabel
	recPercent
	recAmount
	recNote
)

var recordsSchema = schema{role: "考核记录", readsAll: true, fields: []field{
	recDate:    {name: "日期", aliases: []string{"date"}, required: true},
	recID:      {name: "工号", aliases: []string{"staff_id"}},
	recName:    {name: "教师", aliases: []string{"姓名", "teacher"}, required: true},
	recLabel:   {name: "事项", aliases: []string{"类型", "kind"}, required: true},
	recPercent: {name: "比例", aliases: []string{"扣除比例", "percent"}},
	recAmount:  {name: "金额", aliases: []string{"amount"}, numeric: true},
	recNote:    {name: "说明", aliases: []string{"备注", "note"}, note: true},
}}

// ReadRecords reads the discipline records of month m at path. Whether a
// record's kind, percent and person are right is calc's to check; this reads
// the values and checks their form.
func ReadRecords(ctx context.Context, path, sheetName string, m rules.Month, opts ...ReadOption) (recs []calc.Record, info InputFile, problems calc.Problems) {
	t, c := openTable(ctx, path, sheetName, recordsSchema, append(opts, forMonth(m))...)
	if t == nil {
		return nil, InputFile{Role: recordsSchema.role}, c.list
	}
	defer t.close()
	recs = readRecordRows(t, m)
	info = t.done()
	return recs, info, c.list
}

// readRecordRows reads the records of month m from an open records table: a
// workbook's rows or a case's lines alike.
func readRecordRows(t *table, m rules.Month) (recs []calc.Record) {
	c := t.c
	spread := newMonthSpread(m, "日期")
	totals := newColumnTotals(t, []int{recAmount})
	t.month = m
	for !c.full() && t.next() {
		if totals.handle(t, 0) {
			continue
		}
		rec := calc.Record{
			Src:        t.ref(recLabel),
			PersonSrc:  t.ref(recName),
			PercentSrc: t.ref(recPercent),
			AmountSrc:  t.ref(recAmount),
		}
		ok := true
		if d, good := t.requiredDateIn(recDate, m); !good {
			ok = false
		} else if !spread.inside(t, recDate, d, "上月的记录请在上月的考核记录中更正") {
			ok = false
		} else {
			rec.Date = d
		}
		if name, good := t.requiredPerson(recName); good {
			rec.Person.Name = name
		} else {
			ok = false
		}
		if t.has(recID) && t.present(recID) {
			id, good := t.requiredID(recID)
			rec.Person.ID, rec.IDSrc = id, t.ref(recID)
			ok = good && ok
		}
		if label, good := t.requiredName(recLabel); good {
			rec.Label = label
		} else {
			ok = false
		}
		// A 比例 or 金额 that cannot be read is handed to calc with the
		// record: whether it is reported as badly written or as a value
		// the record's kind does not use depends on the kind.
		if t.has(recPercent) && t.present(recPercent) {
			n := len(c.list)
			if p, good := t.percent(recPercent); good {
				rec.Percent, rec.HasPercent = p, true
			} else {
				rec.PercentErr = c.take(n)
			}
		}
		if t.has(recAmount) && t.present(recAmount) {
			n := len(c.list)
			a, good := t.number(recAmount)
			totals.add(recAmount, a, good)
			if good {
				rec.Amount, rec.HasAmount = a, true
			} else {
				rec.AmountErr = c.take(n)
			}
		}
		rec.Note = t.note(recNote)
		if ok {
			recs = append(recs, rec)
			t.info.Used++
		}
	}
	spread.finish(c)
	return recs
}
