package main

import (
	"strings"
	"testing"

	"kfpay/rules"
)

// A settlement worked without --rules says whose calendar it used: the
// built-in term is the plan's example, and a school whose calendar differs
// would refund every pupil by the wrong number of days.
func TestSettleRulesWarnings(t *testing.T) {
	r := rules.Default()
	ps := settleRulesWarnings(r, settleOptions{})
	if len(ps) != 1 || ps[0].Code != "rules-builtin" || !ps[0].Warning {
		t.Fatalf("no --rules: got %v, want the warning rules-builtin", ps)
	}
	for _, want := range []string{"没有给出规则文件", "2026-09-01 至 2027-01-22", "600.00 元", "--rules rules.toml"} {
		if !strings.Contains(ps[0].Msg, want) {
			t.Errorf("message %q does not say %q", ps[0].Msg, want)
		}
	}
	if ps := settleRulesWarnings(r, settleOptions{demo: true}); len(ps) != 0 {
		t.Errorf("--demo: got %v, want nothing (the demo is made for the built-in term)", ps)
	}
	if ps := settleRulesWarnings(r, settleOptions{rules: "rules.toml"}); len(ps) != 0 {
		t.Errorf("a rules file given: got %v, want nothing", ps)
	}
}
