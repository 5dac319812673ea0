package sheet

import (
	"context"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet/internal/render"
	"kfpay/sheet/internal/xlsx"
)

// The staff list's columns (教师名单, SPEC 2.1 identity): who may be paid,
// by 工号 and name. The bank columns are read and kept for the payout files
// that pay through the bank (issue 15); nothing is computed from them yet.
const (
	staffID = iota
	staffName
	staffDept
	staffNote
	staffAccountName
	staffAccount
	staffBank
)

var staffSchema = schema{role: "教师名单", fields: []field{
	staffID:          {name: "工号", aliases: []string{"编号", "职工号", "教工号", "staff_id"}, required: true},
	staffName:        {name: "教师", aliases: []string{"姓名", "教师姓名", "teacher"}, required: true},
	staffDept:        {name: "部门", aliases: []string{"科室", "年级组", "教研组", "department"}},
	staffNote:        {name: "备注", aliases: []string{"说明", "note"}, note: true},
	staffAccountName: {name: "户名", aliases: []string{"账户名", "账户名称", "收款人"}},
	staffAccount:     {name: "账号", aliases: []string{"银行账号", "银行卡号", "卡号", "account"}},
	staffBank:        {name: "开户行", aliases: []string{"开户银行", "银行", "bank"}},
}}

// ReadStaff reads the staff list (教师名单) at path: one row per person with
// a 工号 and a name. Whether a 工号 appears twice is calc's to check
// (calc.NewStaff); this reads the values and checks their form.
func ReadStaff(ctx context.Context, path, sheetName string, opts ...ReadOption) (members []calc.StaffMember, info InputFile, problems calc.Problems) {
	t, c := openTable(ctx, path, sheetName, staffSchema, opts...)
	if t == nil {
		return nil, InputFile{Role: staffSchema.role}, c.list
	}
	defer t.close()
	for !c.full() && t.next() {
		t.noteUnread()
		m := calc.StaffMember{IDSrc: t.ref(staffID), NameSrc: t.ref(staffName)}
		id, okID := t.requiredID(staffID)
		name, okName := t.requiredPerson(staffName)
		if !okID || !okName {
			continue
		}
		m.ID, m.Name = id, name
		m.Dept = t.text(staffDept)
		m.Note = t.text(staffNote)
		m.AccountName = NormalizeName(t.text(staffAccountName))
		m.Account = t.text(staffAccount)
		if t.has(staffAccount) {
			m.AccountSrc = t.ref(staffAccount)
			if c := t.cur.cells[staffAccount]; c.Type == xlsx.CellNumber {
				// Stored as a number: what it was typed as is lost, the
				// bank file refuses it (calc.MakeBatch).
				m.AccountNumber = c.Value
			}
		}
		if t.has(staffAccountName) {
			m.AccountNameSrc = t.ref(staffAccountName)
		}
		m.Bank = t.text(staffBank)
		members = append(members, m)
		t.info.Used++
	}
	return members, t.done(), c.list
}

// staffTemplate describes 教师名单.xlsx, the staff list.
func staffTemplate(r *rules.Rules) templateSpec {
	return templateSpec{
		file:   "教师名单.xlsx",
		role:   "教师名单：工号与姓名对照（可选，用 --staff 给出）",
		sheet:  "教师名单",
		title:  joinNonEmpty(" ", r.School, "课后服务教师名单"),
		schema: staffSchema,
		cols: map[string]templateColumn{
			"工号":  {10, render.KindText, nil, "必填", "每人一个，不能重复；按文本保存，开头的 0 不会丢；课时登记和考核记录中的工号须与这里一致", render.Text("T01")},
			"教师":  {10, render.KindText, nil, "必填", "教师姓名，与课时登记中的写法一致；同名的两位教师各占一行、工号不同", render.Text("王芳")},
			"部门":  {12, render.KindText, nil, "选填", "年级组或科室", render.Text("三年级组")},
			"备注":  {20, render.KindText, nil, "选填", "任意说明，kfpay 不读取", render.Empty()},
			"户名":  {10, render.KindText, nil, "选填", "工资卡的户名，须与教师姓名一致；kfpay bank 生成银行代发文件时用", render.Text("王芳")},
			"账号":  {22, render.KindText, nil, "选填", "工资卡账号，按文本保存（本列已设为文本），不要写成数字：超过 15 位的数字会被 Excel 改掉，kfpay bank 会拒绝", render.Empty()},
			"开户行": {16, render.KindText, nil, "选填", "开户银行", render.Empty()},
		},
		notes: []string{
			"一所学校一份，人员有变动时修改。给出教师名单时（kfpay payroll … --staff 教师名单.xlsx），课时登记和考核记录中的每个工号都要在名单上、姓名一致，否则报错；名单上本月没有课时的人列在发放表“计算说明”中。",
			"两位同名教师：名单上各占一行、工号不同，kfpay 就不再提示“两个工号同名”。",
			"第 1 行标题可以改；第 2 行表头不要改（列的顺序可以换）。",
		},
	}
}
