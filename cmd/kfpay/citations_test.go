package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestNoSpecInUserText checks that no text kfpay can show a user cites
// SPEC, a document of the developers that the school does not have: every
// string of the module's code (messages, sheet text, help, explain's
// citations) and the rules and cases files init writes cite the school's own
// documents (篇三 (二) 3) and the rules file's keys instead (issue 17).
// Comments may cite SPEC; they are for the developers.
func TestNoSpecInUserText(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	files := 0
	err := walkModuleGo(root, func(p string) error {
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		files++
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, err := strconv.Unquote(lit.Value)
			if err != nil {
				t.Errorf("%s: %v", fset.Position(lit.Pos()), err)
				return true
			}
			if strings.Contains(s, "SPEC") {
				t.Errorf("%s: the text %q cites SPEC; cite the plan (篇三 …) or the rules file's key", fset.Position(lit.Pos()), s)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 50 {
		t.Fatalf("read %d Go files: is the walk at the module's root?", files)
	}
	for _, name := range []string{"rules.toml", "cases.toml"} {
		text, err := os.ReadFile(filepath.Join(root, "rules", name))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(text), "SPEC") {
			t.Errorf("rules/%s, which init writes for the school, cites SPEC", name)
		}
	}
}
