package sheet

import (
	"fmt"
	"strings"

	"kfpay/calc"
	"kfpay/rules"
)

// The session log's columns (SPEC 2.1), in the order of logFields.
const (
	logDate = iota
	logID
	logName
	logKind
	logCount
	logClass
	logNote
)

var sessionLog = schema{role: "课时登记", fields: []field{
	logDate:  {name: "日期", aliases: []string{"date"}, required: true},
	logID:    {name: "工号", aliases: []string{"编号", "staff_id"}},
	logName:  {name: "教师", aliases: []string{"姓名", "教师姓名", "teacher"}, required: true},
	logKind:  {name: "类型", aliases: []string{"服务类型", "kind"}, required: true},
	logCount: {name: "节数", aliases: []string{"次数", "count"}, required: true},
	logClass: {name: "班级", aliases: []string{"class"}},
	logNote:  {name: "备注", aliases: []string{"note"}},
}}

// ReadSessions reads the session log at path into tl, one entry at a time.
// sheetName may be empty for the first visible sheet. It returns what
// 计算说明 records of the file and the problems found in it; entries with a
// problem are not added.
func ReadSessions(path, sheetName string, r *rules.Rules, tl *calc.Tally, opts ...ReadOption) (info InputFile, problems calc.Problems) {
	defer recoverInto(path, &problems)
	t, c := openTable(path, sheetName, sessionLog, opts...)
	if t == nil {
		return InputFile{Role: sessionLog.role}, c.list
	}
	defer t.close()
	t.info.Layout = "逐条登记"
	m := tl.Month()
	cols := &calc.Columns{Date: t.cols[logDate], ID: t.cols[logID], Name: t.cols[logName], Kind: t.cols[logKind]}
	hasID := t.has(logID)
	for !c.full() && t.next() {
		e := calc.Entry{Cols: cols, Src: t.ref(logCount)}
		ok := true
		if t.required(logDate) {
			if d, good := t.date(logDate); !good {
				ok = false
			} else if !m.Contains(d) {
				t.cellProblem(logDate, d.String(), "日期不在 %s 内；请检查日期或 --month", m.Chinese())
				ok = false
			} else {
				e.Date = d
			}
		} else {
			ok = false
		}
		if t.required(logName) {
			e.Person.Name = NormalizeName(t.text(logName))
		} else {
			ok = false
		}
		if hasID {
			// SPEC 2.1: when the log has a 工号 column, every row needs one.
			if t.required(logID) {
				e.Person.ID = NormalizeName(t.text(logID))
			} else {
				ok = false
			}
		}
		if t.required(logKind) {
			label := NormalizeName(t.text(logKind))
			if k, known := r.Sessions.KindOf(label); known {
				e.Kind = k
			} else {
				t.cellProblem(logKind, label, "不是已知的服务类型；可填：%s", kindLabels(r))
				ok = false
			}
		} else {
			ok = false
		}
		if t.required(logCount) {
			if n, good := t.number(logCount); !good {
				ok = false
			} else if !n.IsPositive() {
				t.cellProblem(logCount, n.String(), "应为正数；没有上课的行请删去")
				ok = false
			} else {
				e.Count = n
			}
		} else {
			ok = false
		}
		if !ok {
			continue
		}
		e.Class = t.text(logClass)
		e.Note = t.text(logNote)
		tl.Add(e)
		t.info.Used++
	}
	return t.info, c.list
}

func kindLabels(r *rules.Rules) string { return strings.Join(sessionLabels(r), "、") }

// recoverInto turns a panic inside a library reading path into an input
// problem: no input may crash kfpay (STYLE: no panic on any input).
func recoverInto(path string, problems *calc.Problems) {
	if v := recover(); v != nil {
		*problems = append(*problems, fileProblem(path, fmt.Errorf("文件内容损坏，无法读取（%v）；请在 Excel 中打开并另存为 .xlsx 后再试", v))...)
	}
}
