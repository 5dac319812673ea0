package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSettleKnowsASavedSignedPayout: the bursar corrected September after
// it was signed (payroll --against), and later opened the signed payout and
// typed into its 签字 column before saving it again: another file, the same
// figures. settle still takes the pair as a payout and its correction, by
// the seal of the figures that the correction records beside the file's
// sha256, and settles the month on the correction. The term and the late
// complaint are those of testdata/script/settle_corrected, where the
// figures are worked by hand: teacher pay 824.00 + 762.00 − 180.00 =
// 1406.00.
func TestSettleKnowsASavedSignedPayout(t *testing.T) {
	dir := t.TempDir()
	scriptInputs(t, "settle_corrected", dir)
	in := func(name string) string { return filepath.Join(dir, name) }
	for _, m := range []string{"09", "10"} {
		kfpay(t, "payroll", "--rules", in("rules.toml"), "--month", "2026-"+m, "--sessions", in("课时登记-"+m+".xlsx"),
			"--records", in("考核记录-"+m+".xlsx"), "-o", in("发放表-2026-"+m+".xlsx"))
	}
	kfpay(t, "payroll", "--rules", in("rules.toml"), "--month", "2026-09", "--sessions", in("课时登记-09.xlsx"),
		"--records", in("考核记录-09-补.xlsx"), "--against", in("发放表-2026-09.xlsx"), "-o", in("发放表-2026-09-更正.xlsx"))

	signed := in("发放表-2026-09.xlsx")
	before, err := os.ReadFile(signed)
	if err != nil {
		t.Fatal(err)
	}
	editCells(t, signed, signed, map[string]any{"发放明细!P3": "已签"}) // 王芳's 签字
	if after, _ := os.ReadFile(signed); bytes.Equal(before, after) {
		t.Fatal("the signed payout saved again has the same bytes: the test tests nothing")
	}

	var stdout, stderr bytes.Buffer
	args := []string{"settle", "--rules", in("rules.toml"), "--roster", in("学生名单.xlsx"), "--expenses", in("支出明细.xlsx"),
		"--payouts", signed, "--payouts", in("发放表-2026-09-更正.xlsx"), "--payouts", in("发放表-2026-10.xlsx"), "-o", in("结算.xlsx")}
	if code := run(context.Background(), args, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("settle: exit %d\n%s", code, stderr.String())
	}
	for _, want := range []string{
		"2026年9月：按更正后的发放表 发放表-2026-09-更正.xlsx 结算（它更正了已签字的 发放表-2026-09.xlsx，后者不计入）",
		"教师课后服务补助\t1406.00",
	} {
		if !strings.Contains(stdout.String(), want) {
			t.Errorf("settle says\n%s\nwant it to say %q", stdout.String(), want)
		}
	}
}
