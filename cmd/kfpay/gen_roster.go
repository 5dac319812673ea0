package main

import (
	"context"
	"fmt"

	"kfpay/rules"
	"kfpay/sheet/synth"
)

// runGenRoster writes a made-up roster of o.pupils pupils for the term of
// the built-in rules (kfpay gen --pupils), to measure the term settlement
// at a district's scale (testdata/bench/settle.sh).
func runGenRoster(ctx context.Context, s streams, o genOptions) error {
	if o.rows > 0 || o.teachers > 0 || o.perTeacher > 0 || o.month != "" || o.records != "" || o.output == "" {
		return &exitError{exitBadInput, fmt.Errorf("--pupils 只生成学生名单：请用 -o 指定输出文件，不要同时给出 --rows、--teachers、--per-teacher、--month 或 --records")}
	}
	if err := checkXLSXName(o.output); err != nil {
		return err
	}
	st, err := synth.WriteRoster(ctx, o.output, o.pupils, rules.Default(), o.force)
	if err != nil {
		return err
	}
	fmt.Fprintf(s.err, "%s：%d 名学生，%d 个班\n", o.output, st.Pupils, st.Classes)
	printBackups(streams{out: s.err}, []string{o.output}, []string{st.Backup})
	return nil
}
