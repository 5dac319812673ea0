package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The walls of the house (issue 13): imports go down, cmd → sheet → calc →
// rules, and each room of sheet/ holds one job. moduleImports reads the
// import lines of every package of the module, tests left out: what a test
// imports to build its fixtures (excelize writing a workbook for the
// decoder's tests) is no part of the room.
func moduleImports(t *testing.T) map[string][]string {
	t.Helper()
	root := filepath.Join("..", "..")
	imports := map[string][]string{}
	fset := token.NewFileSet()
	err := walkModuleGo(root, func(p string) error {
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, filepath.Dir(p))
		if err != nil {
			return err
		}
		pkg := path.Join("kfpay", filepath.ToSlash(rel))
		if _, ok := imports[pkg]; !ok {
			imports[pkg] = nil
		}
		for _, spec := range f.Imports {
			ip, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				return err
			}
			if !slices.Contains(imports[pkg], ip) {
				imports[pkg] = append(imports[pkg], ip)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"kfpay/calc", "kfpay/rules", "kfpay/sheet", "kfpay/sheet/internal/xlsx", "kfpay/sheet/internal/csvfile", "kfpay/cmd/kfpay"} {
		if _, ok := imports[want]; !ok {
			t.Fatalf("package %s not found: is the walk at the module's root?", want)
		}
	}
	return imports
}

// walkModuleGo calls fn with the path of each Go file of the module at
// root, tests, testdata and hidden folders left out.
func walkModuleGo(root string, fn func(path string) error) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); p != root && (name == "testdata" || strings.HasPrefix(name, ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		return fn(p)
	})
}

// deps is every import of pkg, direct or through the module's own
// packages, sorted.
func deps(imports map[string][]string, pkg string) []string {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(p string) {
		for _, ip := range imports[p] {
			if !seen[ip] {
				seen[ip] = true
				visit(ip)
			}
		}
	}
	visit(pkg)
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// isStd reports whether an import path is the standard library's: its
// first element has no dot.
func isStd(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	return !strings.Contains(first, ".") && first != "kfpay"
}

func under(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

const excelizePath = "github.com/xuri/excelize/v2"

// xtext is golang.org/x/text, whose decoders read GBK and UTF-16.
const xtext = "golang.org/x/text"

// klauspost is the module whose inflate the decoder reads zip entries with
// (issue 20): a quarter less CPU than compress/flate on a district's sheet.
const klauspost = "github.com/klauspost/compress"

// wallBreaks lists every import of the module that breaks a wall.
func wallBreaks(imports map[string][]string) []string {
	var out []string
	pkgs := make([]string, 0, len(imports))
	for pkg := range imports {
		pkgs = append(pkgs, pkg)
	}
	slices.Sort(pkgs)
	for _, pkg := range pkgs {
		for _, d := range deps(imports, pkg) {
			switch {
			case under(pkg, "kfpay/sheet/internal/xlsx") && !isStd(d) && !under(d, klauspost):
				out = append(out, pkg+" imports "+d+": the decoder takes the standard library and klauspost/compress's inflate only, nothing of kfpay and no excelize")
			case under(pkg, "kfpay/sheet/internal/csvfile") && !isStd(d) && !under(d, xtext):
				out = append(out, pkg+" imports "+d+": the CSV reader takes the standard library and golang.org/x/text only, nothing of kfpay")
			case (under(pkg, "kfpay/calc") || under(pkg, "kfpay/rules")) && (d == excelizePath || under(d, "kfpay/sheet") || under(d, "kfpay/cmd")):
				out = append(out, pkg+" imports "+d+": calc and rules hold no workbook code and see no command")
			case under(pkg, "kfpay/rules") && under(d, "kfpay/calc"):
				out = append(out, pkg+" imports "+d+": imports go down, cmd → sheet → calc → rules")
			case under(pkg, "kfpay/sheet") && under(d, "kfpay/cmd"):
				out = append(out, pkg+" imports "+d+": nothing under sheet/ imports a command")
			}
		}
		// excelize writes through render alone, and every workbook is read
		// through internal/xlsx, dump and diff included (sheet/inspect);
		// sheettest writes its test workbooks with excelize.
		if slices.Contains(imports[pkg], excelizePath) && !slices.Contains([]string{
			"kfpay/sheet/internal/render", "kfpay/sheet/sheettest",
		}, pkg) {
			out = append(out, pkg+" imports excelize: only sheet/internal/render writes through it")
		}
	}
	return out
}

func TestImportGraph(t *testing.T) {
	for _, b := range wallBreaks(moduleImports(t)) {
		t.Error(b)
	}
}

// TestImportGraphCatches checks that the walls can fail: a graph with each
// one broken once, directly or through another package, is reported once
// per break.
func TestImportGraphCatches(t *testing.T) {
	broken := map[string][]string{
		"kfpay/sheet/internal/xlsx":    {"strings", "kfpay/sheet/internal/cellnum"},
		"kfpay/sheet/internal/csvfile": {"golang.org/x/text/encoding/simplifiedchinese", "kfpay/rules"},
		"kfpay/sheet/internal/cellnum": {"github.com/shopspring/decimal"},
		"kfpay/calc":                   {"kfpay/rules", "kfpay/sheet/internal/render"},
		"kfpay/sheet/internal/render":  {excelizePath},
		"kfpay/sheet/synth":            {"kfpay/cmd/kfpay"},
		"kfpay/rules":                  {"fmt"},
		"kfpay/cmd/kfpay":              {"kfpay/sheet/synth"},
		"kfpay/sheet":                  {"kfpay/sheet/internal/render", excelizePath},
	}
	want := []string{
		"kfpay/calc imports github.com/xuri/excelize/v2: calc and rules hold no workbook code and see no command",
		"kfpay/calc imports kfpay/sheet/internal/render: calc and rules hold no workbook code and see no command",
		"kfpay/sheet imports excelize: only sheet/internal/render writes through it",
		"kfpay/sheet/internal/csvfile imports kfpay/rules: the CSV reader takes the standard library and golang.org/x/text only, nothing of kfpay",
		"kfpay/sheet/internal/xlsx imports github.com/shopspring/decimal: the decoder takes the standard library and klauspost/compress's inflate only, nothing of kfpay and no excelize",
		"kfpay/sheet/internal/xlsx imports kfpay/sheet/internal/cellnum: the decoder takes the standard library and klauspost/compress's inflate only, nothing of kfpay and no excelize",
		"kfpay/sheet/synth imports kfpay/cmd/kfpay: nothing under sheet/ imports a command",
	}
	if got := wallBreaks(broken); !slices.Equal(got, want) {
		t.Errorf("wallBreaks = %q,\nwant %q", got, want)
	}
}
