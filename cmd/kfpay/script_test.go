package main

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite golden files and demo workbooks")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"kfpay": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the bursar's sessions under testdata/script. With -update,
// cmp against a file of the script rewrites that file in the script.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "../../testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("TESTDATA", "../../../testdata")
			return nil
		},
	})
}
