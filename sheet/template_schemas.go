package sheet

// The roster and expenses readers are being written on another branch; until
// they land, the templates take these columns from SPEC 4.2 and 4.4. This
// file goes when ReadRoster and ReadExpenses bring the real schemas.

var rosterSchema = schema{role: "学生名单", fields: []field{
	{name: "学号", aliases: []string{"student_id"}, required: true},
	{name: "姓名", aliases: []string{"name"}, required: true},
	{name: "班级", aliases: []string{"class"}, required: true},
	{name: "开始日期", aliases: []string{"start"}},
	{name: "退出日期", aliases: []string{"end"}},
	{name: "减免", aliases: []string{"waiver"}},
	{name: "已缴", aliases: []string{"已缴金额", "paid"}},
}}

var expensesSchema = schema{role: "支出明细", fields: []field{
	{name: "日期", aliases: []string{"date"}, required: true},
	{name: "类别", aliases: []string{"支出类别", "category"}, required: true},
	{name: "金额", aliases: []string{"支出金额", "amount"}, required: true},
	{name: "说明", aliases: []string{"备注", "摘要", "note"}},
}}
