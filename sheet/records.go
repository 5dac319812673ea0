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

var recordsSchema = schema{role: "考核记录", fields: []field{
	recDate:    {name: "日期", aliases: []string{"date"}, required: true},
	recID:      {name: "工号", aliases: []string{"staff_id"}},
	recName:    {name: "教师", aliases: []string{"姓名", "teacher"}, required: true},
	recLabel:   {name: "事项", aliases: []string{"类型", "kind"}, required: true},
	recPercent: {name: "比例", aliases: []string{"扣除比例", "percent"}},
	recAmount:  {name: "金额", aliases: []string{"amount"}},
	recNote:    {name: "说明", aliases: []string{"备注", "note"}},
}}

// ReadRecords reads the discipline records of month m at path. Whether a
// record's kind, percent and person are right is calc's to check; this reads
// the values and checks their form.
func ReadRecords(ctx context.Context, path, sheetName string, m rules.Month, opts ...ReadOption) (recs []calc.Record, info InputFile, problems calc.Problems) {
	t, c := openTable(ctx, path, sheetName, recordsSchema, opts...)
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
	t.month = m
	for !c.full() && t.next() {
		rec := calc.Record{
			Src:        t.ref(recLabel),
			PersonSrc:  t.ref(recName),
			PercentSrc: t.ref(recPercent),
			AmountSrc:  t.ref(recAmount),
		}
		ok := true
		if d, good := t.requiredDate(recDate); !good {
			ok = false
		} else if !m.Contains(d) {
			t.cellProblem("outside-month", recDate, d.String(), "日期不在 %s 内；上月的记录请在上月的考核记录中更正", m.Chinese())
			ok = false
		} else {
			rec.Date = d
		}
		if name, good := t.requiredName(recName); good {
			rec.Person.Name = name
		} else {
			ok = false
		}
		if t.has(recID) && t.present(recID) {
			rec.Person.ID = NormalizeName(t.text(recID))
			rec.IDSrc = t.ref(recID)
			ok = t.short(recID, rec.Person.ID) && ok
		}
		if label, good := t.requiredName(recLabel); good {
			rec.Label = label
		} else {
			ok = false
		}
		if t.has(recPercent) && t.present(recPercent) {
			if p, good := t.percent(recPercent); good {
				rec.Percent, rec.HasPercent = p, true
			} else {
				ok = false
			}
		}
		if t.has(recAmount) && t.present(recAmount) {
			if a, good := t.number(recAmount); good {
				rec.Amount, rec.HasAmount = a, true
			} else {
				ok = false
			}
		}
		rec.Note = t.note(recNote)
		if ok {
			recs = append(recs, rec)
			t.info.Used++
		}
	}
	return recs
}
