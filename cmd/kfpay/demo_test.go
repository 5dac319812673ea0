package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kfpay/rules"
	"kfpay/sheet/sheettest"
)

// The demo school: 25 teachers and 3 duty leaders.
var (
	demoTeachers = strings.Fields("王芳 李强 陈静 张磊 刘洋 杨帆 赵敏 黄丽 周杰 吴婷 徐明 孙悦 胡斌 朱琳 高翔 林晓 何平 郭靖 马超 罗兰 梁爽 宋佳 郑浩 谢娜 韩雪")
	demoLeaders  = strings.Fields("张伟 刘建国 陈红")
	grades       = strings.Fields("一 二 三 四 五 六")
)

// demoLog describes the demo session log of September 2026, the month of
// the payroll demo.
func demoLog() string { return demoLogOf(rules.Month{Year: 2026, Month: 9}) }

// demoLogOf describes the demo session log of month m: on each service day
// of m in the default calendar every teacher but one in five teaches one or
// two sessions, two teachers supervise the break and one leader is on duty.
// After September, when the clubs have settled, one teacher in four rests
// each day and fewer teach two sessions (one in six, not one in three), so
// that the demo term's fee covers its pay and leaves a surplus to refund.
func demoLogOf(m rules.Month) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# sheet %d月\n# title 示例小学 %d年%d月 课后服务登记表\n", int(m.Month), m.Year, int(m.Month))
	b.WriteString("| 日期 | 工号 | 教师 | 类型 | 节数 | 班级 | 备注 |\n")
	term := rules.Default().Term
	rest, double := 5, 3
	if m != (rules.Month{Year: 2026, Month: 9}) {
		rest, double = 4, 6
	}
	day := 0
	for d := m.First(); !m.Last().Before(d); d = d.AddDays(1) {
		if !term.IsServiceDay(d) {
			continue
		}
		for i, name := range demoTeachers {
			if (day+i)%rest == 0 {
				continue
			}
			n := 1
			if (day*7+i)%double == 0 {
				n = 2
			}
			note := ""
			if d.Weekday() == 0 || d.Weekday() == 6 {
				note = "调休上班"
			}
			fmt.Fprintf(&b, "| @%s | T%02d | %s | 上课 | %d | %s(%d)班 | %s |\n", d, i+1, name, n, grades[i%6], i%3+1, note)
		}
		for k := 0; k < 2; k++ {
			i := (day*2 + k) % len(demoTeachers)
			fmt.Fprintf(&b, "| @%s | T%02d | %s | 安全管理 | 1 | | |\n", d, i+1, demoTeachers[i])
		}
		i := day % len(demoLeaders)
		fmt.Fprintf(&b, "| @%s | T%02d | %s | 行政值班 | 1 | | |\n", d, 26+i, demoLeaders[i])
		day++
	}
	return b.String()
}

// demoRecordsText describes the demo discipline records: one of each kind,
// 陈静's third early leave, and a complaint typed in a percent cell.
const demoRecordsText = `# sheet 考核
# title 示例小学 2026年9月 课后服务考核记录
| 日期 | 工号 | 教师 | 事项 | 比例 | 金额 | 说明 |
| @2026-09-08 | T03 | 陈静 | 早退 | | | 提前15分钟离校 |
| @2026-09-09 | T07 | 赵敏 | 交接违规 | | | 学生未交到家长手中 |
| @2026-09-10 | T02 | 李强 | 早退 | | | |
| @2026-09-10 | T09 | 周杰 | 请假 | | | 病假，已安排李强替班 |
| @2026-09-15 | T03 | 陈静 | 早退 | | | |
| @2026-09-16 | T01 | 王芳 | 家长投诉 | 30% | | 放学交接不清，经查属实 |
| @2026-09-17 | T07 | 赵敏 | 交接违规 | | | |
| @2026-09-18 | T05 | 刘洋 | 重大安全事故 | 60% | | 学生在操场摔伤，处置不及时 |
| @2026-09-22 | T10 | 吴婷 | 请假 | | | 事假，已安排替班 |
| @2026-09-22 | T03 | 陈静 | 早退 | | | 当月第3次 |
| @2026-09-24 | T12 | 孙悦 | 无故空堂 | | | |
| @2026-09-29 | T01 | 王芳 | 奖励 | | 50 | 区级公开课 |
| @2026-09-30 | T15 | 高翔 | 奖励 | | 100 | 承担社团活动 |
`

// demoLaterRecords describes the discipline records of the term's later
// months: a few each, and in November a second 重大安全事故 (黄丽's), so
// that the settlement has term-scope deductions of two teachers to recover.
var demoLaterRecords = map[string]string{
	"2026-10": `# sheet 考核
# title 示例小学 2026年10月 课后服务考核记录
| 日期 | 工号 | 教师 | 事项 | 比例 | 金额 | 说明 |
| @2026-10-13 | T04 | 张磊 | 早退 | | | |
| @2026-10-20 | T11 | 徐明 | 奖励 | | 80 | 指导学生科技比赛获奖 |
`,
	"2026-11": `# sheet 考核
# title 示例小学 2026年11月 课后服务考核记录
| 日期 | 工号 | 教师 | 事项 | 比例 | 金额 | 说明 |
| @2026-11-05 | T08 | 黄丽 | 重大安全事故 | 50% | | 学生在走廊推搡受伤，未及时上报 |
| @2026-11-12 | T07 | 赵敏 | 交接违规 | | | |
| @2026-11-18 | T13 | 胡斌 | 请假 | | | 病假，已安排替班 |
`,
	"2026-12": `# sheet 考核
# title 示例小学 2026年12月 课后服务考核记录
| 日期 | 工号 | 教师 | 事项 | 比例 | 金额 | 说明 |
| @2026-12-03 | T03 | 陈静 | 早退 | | | |
| @2026-12-10 | T05 | 刘洋 | 家长投诉 | 20% | | 作业辅导敷衍，经查属实 |
| @2026-12-22 | T16 | 林晓 | 奖励 | | 60 | 课后服务优秀案例 |
`,
	"2027-01": `# sheet 考核
# title 示例小学 2027年1月 课后服务考核记录
| 日期 | 工号 | 教师 | 事项 | 比例 | 金额 | 说明 |
| @2027-01-08 | T09 | 周杰 | 早退 | | | |
| @2027-01-15 | T20 | 罗兰 | 奖励 | | 50 | 期末社团展示 |
`,
}

// The demo pupils' names are made from these, so that the roster reads like
// a real one: mostly three characters, some two, a few compound surnames.
var (
	pupilSurnames = strings.Fields("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 方 白 邹 孟 熊 秦 邱 江 尹 薛 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 武 戴 莫 孔 向 汤")
	pupilGiven    = strings.Fields("子涵 浩然 一诺 欣怡 梓轩 雨桐 宇航 思彤 俊杰 佳怡 晨阳 诗涵 博文 可馨 明轩 若汐 天佑 语桐 皓宇 梦琪 睿 航 悦 涛 嘉懿 沐辰 安琪 铭泽 芷若 煜城 依诺 奕辰 雅琪 子墨 欣妍 景行 诗雨 泽宇 婉清 文博")
	demoClasses   = []string{"一(1)班", "一(2)班", "二(1)班", "二(2)班", "三(1)班", "三(2)班"}
)

// demoRosterText describes the demo term's roster: 6 classes of 20 pupils,
// with three 300 waivers, two 50% and one 100%, two pupils who leave
// mid-term (one of them with a 300 waiver), one who joins late and one
// family that paid less than it was asked for.
func demoRosterText() string {
	var b strings.Builder
	b.WriteString("# sheet 名单\n# title 示例小学 2026年秋季学期 课后服务学生名单\n")
	b.WriteString("| 学号 | 姓名 | 班级 | 开始日期 | 退出日期 | 减免 | 已缴 |\n")
	type special struct{ start, end, waiver, paid string }
	specials := map[[2]int]special{
		{0, 5}:  {waiver: "300"},
		{2, 11}: {waiver: "300"},
		{4, 3}:  {waiver: "300"},
		{1, 8}:  {waiver: "'50%"},
		{3, 14}: {waiver: "'50%"},
		{5, 6}:  {waiver: "100%"},
		{1, 17}: {end: "@2026-11-13"},
		{3, 9}:  {end: "@2026-12-04", waiver: "300"},
		{5, 20}: {start: "@2026-10-12"},
		{2, 4}:  {paid: "400"},
	}
	seen := map[string]bool{}
	for _, n := range append(demoTeachers, demoLeaders...) {
		seen[n] = true
	}
	k := 0
	for c, class := range demoClasses {
		for n := 1; n <= 20; n++ {
			var name string
			for {
				sur := pupilSurnames[(k*37)%len(pupilSurnames)]
				if k%29 == 7 {
					sur = []string{"欧阳", "司马", "上官"}[k%3]
				}
				name = sur + pupilGiven[(k*13+k/len(pupilGiven))%len(pupilGiven)]
				k++
				if !seen[name] {
					break
				}
			}
			seen[name] = true
			sp := specials[[2]int{c, n}]
			fmt.Fprintf(&b, "| 2026%02d%02d%02d | %s | %s | %s | %s | %s | %s |\n",
				c/2+1, c%2+1, n, name, class, sp.start, sp.end, sp.waiver, sp.paid)
		}
	}
	return b.String()
}

// demoExpensesText describes the demo term's other spending: a few lines in
// each category.
const demoExpensesText = `# sheet 支出
# title 示例小学 2026年秋季学期 课后服务其他支出明细
| 日期 | 类别 | 金额 | 说明 |
| @2026-09-07 | 设备耗材 | 1280.00 | 跳绳、毽子、棋类 |
| @2026-09-30 | 管理运行 | 168.50 | 签到表、接送卡印制 |
| @2026-10-15 | 设备耗材 | 356.80 | 美术社团画纸、颜料 |
| @2026-10-23 | 集体培训 | 600.00 | 课后服务专题培训 |
| @2026-11-06 | 其他 | 150.00 | 学生意外伤害慰问 |
| @2026-11-20 | 管理运行 | 245.00 | 延时服务照明电费分摊 |
| @2026-12-08 | 设备耗材 | 420.00 | 篮球、排球 |
| @2026-12-18 | 集体培训 | 480.00 | 心理健康教育培训 |
| @2027-01-15 | 管理运行 | 90.00 | 家长通知印刷 |
| @2027-01-20 | 其他 | 75.50 | 期末结算资料复印 |
`

// demoDescriptions are the text descriptions of every demo workbook, by file
// name: September's (the payroll demo) and the rest of the term's.
func demoDescriptions() map[string]string {
	d := map[string]string{demoSessions: demoLog(), demoRecords: demoRecordsText,
		demoRoster: demoRosterText(), demoExpenses: demoExpensesText}
	for _, m := range demoTermMonths[1:] {
		month, err := rules.ParseMonth(m)
		if err != nil {
			panic(err)
		}
		d[demoSessionsOf(m)] = demoLogOf(month)
		d[demoRecordsOf(m)] = demoLaterRecords[m]
	}
	return d
}

// TestDemoWorkbooks checks that the demo workbooks embedded in the binary are
// the ones the descriptions above make; -update rewrites them.
func TestDemoWorkbooks(t *testing.T) {
	for name, desc := range demoDescriptions() {
		want := filepath.Join("demo", name)
		got := filepath.Join(t.TempDir(), name)
		if err := sheettest.Build(got, []byte(desc)); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(got)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.WriteFile(want, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		old, err := os.ReadFile(want)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(old, data) {
			t.Errorf("%s is not what its description makes; run go test ./cmd/kfpay -run TestDemoWorkbooks -update", want)
		}
	}
}
