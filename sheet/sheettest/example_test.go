package sheettest_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"kfpay/sheet/sheettest"
)

func ExampleBuild() {
	dir, err := os.MkdirTemp("", "sheettest")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "课时登记.xlsx")

	err = sheettest.Build(path, []byte(`# sheet 说明
# hidden
| 本表由教务处填写 |
# sheet 9月
# title 2026年9月课后服务登记表
| 日期        | 教师    | 类型     | 节数 | 备注 |
| @2026-09-01 | 张三    | 上课     | 2    |      |
| @2026-09-01 | "李 四" | 安全管理 | '１  | 补登 |

| @2026-09-02 | 张三    | 上课     | 1    |      |
|             | 合计    |          | =SUM(D3:D6)=>3 | |
`))
	if err != nil {
		log.Fatal(err)
	}
	rows, err := sheettest.Cells(path, "9月")
	if err != nil {
		log.Fatal(err)
	}
	for _, row := range rows {
		fmt.Printf("%q\n", row)
	}
	// Output:
	// ["2026年9月课后服务登记表"]
	// ["日期" "教师" "类型" "节数" "备注"]
	// ["46266" "张三" "上课" "2"]
	// ["46266" "李 四" "安全管理" "１" "补登"]
	// []
	// ["46267" "张三" "上课" "1"]
	// ["" "合计" "" "3"]
}
