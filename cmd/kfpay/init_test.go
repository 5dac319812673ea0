package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"kfpay/rules"
)

// TestInitWritesDefaultRules checks that init writes the built-in rules file
// byte for byte, so that a school starts from exactly what kfpay uses
// without --rules.
func TestInitWritesDefaultRules(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "新学期")
	var out, errOut bytes.Buffer
	if err := runInit(context.Background(), streams{nil, &out, &errOut}, initOptions{dir: dir}); err != nil {
		t.Fatalf("runInit: %v", err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "rules.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, rules.DefaultFile()) {
		t.Error("rules.toml written by init differs from rules.DefaultFile()")
	}
	if got, err := os.ReadFile(filepath.Join(dir, "cases.toml")); err != nil || !bytes.Equal(got, rules.DefaultCasesFile()) {
		t.Errorf("cases.toml written by init differs from rules.DefaultCasesFile() (%v)", err)
	}
	for _, name := range []string{"课时登记.xlsx", "考核记录.xlsx", "学生名单.xlsx", "支出明细.xlsx"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Mode().Perm() != 0o644 {
			t.Errorf("%s: %v, mode %v; want a 0644 file", name, err, st.Mode())
		}
	}
}

// TestInitWithRules checks that init --rules makes the templates from the
// school's rules file and leaves rules.toml out.
func TestInitWithRules(t *testing.T) {
	tmp := t.TempDir()
	rulesPath := filepath.Join(tmp, "学校规则.toml")
	if err := os.WriteFile(rulesPath, []byte("school = \"实验小学\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(tmp, "表")
	var out, errOut bytes.Buffer
	if err := runInit(context.Background(), streams{nil, &out, &errOut}, initOptions{dir: dir, rules: rulesPath}); err != nil {
		t.Fatalf("runInit: %v", err)
	}
	for _, name := range []string{"rules.toml", "cases.toml"} {
		// The starter cases are worked out under the default rules, not the school's.
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("init --rules wrote %s (%v)", name, err)
		}
	}
	if !bytes.Contains(out.Bytes(), []byte("--rules "+rulesPath)) {
		t.Errorf("the next steps do not name the rules file given:\n%s", out.String())
	}
}
