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

// demoLog describes the demo session log: on each service day of September
// 2026 every teacher but one in five teaches one or two sessions, two teachers
// supervise the break and one leader is on duty.
func demoLog() string {
	var b strings.Builder
	b.WriteString("# sheet 9月\n# title 示例小学 2026年9月 课后服务登记表\n")
	b.WriteString("| 日期 | 工号 | 教师 | 类型 | 节数 | 班级 | 备注 |\n")
	term := rules.Default().Term
	m := rules.Month{Year: 2026, Month: 9}
	day := 0
	for d := m.First(); !m.Last().Before(d); d = d.AddDays(1) {
		if !term.IsServiceDay(d) {
			continue
		}
		for i, name := range demoTeachers {
			if (day+i)%5 == 0 {
				continue
			}
			n := 1
			if (day*7+i)%3 == 0 {
				n = 2
			}
			note := ""
			if d.Weekday() == 0 {
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
| @2026-09-14 | T09 | 周杰 | 请假 | | | 病假，已安排李强替班 |
| @2026-09-15 | T03 | 陈静 | 早退 | | | |
| @2026-09-16 | T01 | 王芳 | 家长投诉 | 30% | | 放学交接不清，经查属实 |
| @2026-09-17 | T07 | 赵敏 | 交接违规 | | | |
| @2026-09-18 | T05 | 刘洋 | 重大安全事故 | 60% | | 学生在操场摔伤，处置不及时 |
| @2026-09-21 | T10 | 吴婷 | 请假 | | | 事假，已安排替班 |
| @2026-09-22 | T03 | 陈静 | 早退 | | | 当月第3次 |
| @2026-09-24 | T12 | 孙悦 | 无故空堂 | | | |
| @2026-09-29 | T01 | 王芳 | 奖励 | | 50 | 区级公开课 |
| @2026-09-30 | T15 | 高翔 | 奖励 | | 100 | 承担社团活动 |
`

// TestDemoWorkbooks checks that the demo workbooks embedded in the binary are
// the ones the descriptions above make; -update rewrites them.
func TestDemoWorkbooks(t *testing.T) {
	for name, desc := range map[string]string{demoSessions: demoLog(), demoRecords: demoRecordsText} {
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
