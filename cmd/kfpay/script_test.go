package main

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"kfpay/sheet/sheettest"
)

// update rewrites the files that are made from descriptions: the demo
// workbooks and the generated inputs of the bad corpus. It never rewrites a
// session under testdata/script or a case under testdata/bad, whose
// figures and messages were worked out by hand (testdata/README.md).
var update = flag.Bool("update", false, "rewrite the demo workbooks and testdata/bad/files")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"kfpay": func() { os.Exit(run(interruptible(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the bursar's sessions under testdata/script. Their
// expected output was worked out by hand: -update never rewrites it.
func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams())
}

// scriptParams are the parameters of the sessions under testdata/script. The
// real-program tests (realapps_test.go) run the same sessions again with them
// to collect the workbooks the sessions write.
func scriptParams() testscript.Params {
	return testscript.Params{
		Dir: "../../testdata/script",
		Setup: func(env *testscript.Env) error {
			dir, err := filepath.Abs("../../testdata")
			env.Setenv("TESTDATA", dir)
			return err
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			// fillxlsx BOOK.xlsx ROWS types the rows of ROWS (in mkxlsx's
			// syntax) below the last row of BOOK's first sheet, each cell
			// taking its column's format, as a bursar fills in a template.
			"fillxlsx": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: fillxlsx book.xlsx rows")
				}
				err := sheettest.FillFile(ts.MkAbs(args[0]), ts.MkAbs(args[1]))
				if neg && err == nil {
					ts.Fatalf("fillxlsx succeeded unexpectedly")
				}
				if !neg {
					ts.Check(err)
				}
			},
			// mkxlsx BOOK.xlsx DESCRIPTION builds a workbook from its text
			// description (see package sheettest), so that a script's inputs
			// are readable in the script itself.
			"mkxlsx": func(ts *testscript.TestScript, neg bool, args []string) {
				if len(args) != 2 {
					ts.Fatalf("usage: mkxlsx book.xlsx description")
				}
				err := sheettest.BuildFile(ts.MkAbs(args[0]), ts.MkAbs(args[1]))
				if neg && err == nil {
					ts.Fatalf("mkxlsx succeeded unexpectedly")
				}
				if !neg {
					ts.Check(err)
				}
			},
			// setcell BOOK.xlsx SHEET!CELL VALUE changes one cell of a
			// workbook, as a bursar typing over it in Excel would: VALUE
			// is a number when it reads as one, else text.
			"setcell": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 3 {
					ts.Fatalf("usage: setcell book.xlsx sheet!cell value")
				}
				ts.Check(setCell(ts.MkAbs(args[0]), args[1], args[2]))
			},
			// mkcsv ENCODING OUT.csv TEXT writes the UTF-8 text file TEXT as a
			// CSV file saved in ENCODING (utf8, utf8bom, gbk, utf16; see
			// encodeCSV), so that a script's CSV inputs are readable in it.
			"mkcsv": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 3 {
					ts.Fatalf("usage: mkcsv encoding out.csv text")
				}
				b, err := encodeCSV(args[0], []byte(ts.ReadFile(args[2])))
				ts.Check(err)
				ts.Check(os.WriteFile(ts.MkAbs(args[1]), b, 0o644))
			},
			// dropline FILE REGEXP removes the lines of FILE that match
			// REGEXP, so that a script can compare two outputs except
			// where they must differ (the input file lines of 计算说明).
			"dropline": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg || len(args) != 2 {
					ts.Fatalf("usage: dropline file regexp")
				}
				re, err := regexp.Compile(args[1])
				ts.Check(err)
				var kept []string
				for _, line := range strings.SplitAfter(ts.ReadFile(args[0]), "\n") {
					if !re.MatchString(line) {
						kept = append(kept, line)
					}
				}
				ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Join(kept, "")), 0o644))
			},
		},
	}
}
