package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// dimensionTag is a worksheet's <dimension> element, as writers spell it:
// empty, or with an end tag as excelize writes it.
var dimensionTag = regexp.MustCompile(`<(\w+:)?dimension ref="[^"]*"\s*(/>|>\s*</(\w+:)?dimension>)`)

// withDimension rewrites the workbook at path so that every worksheet
// declares ref as its dimension.
func withDimension(t *testing.T, path, ref string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	out := rezip(t, src, func(name string, data []byte) []byte {
		if !strings.HasPrefix(name, "xl/worksheets/") || !strings.HasSuffix(name, ".xml") {
			return data
		}
		if !dimensionTag.Match(data) {
			t.Fatalf("%s %s declares no dimension to change", filepath.Base(path), name)
		}
		n++
		return dimensionTag.ReplaceAll(data, []byte(`<${1}dimension ref="`+ref+`"/>`))
	}, nil)
	if n == 0 {
		t.Fatalf("%s has no worksheet", filepath.Base(path))
	}
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestInputsWithOddDimensions reads the test-data inputs, every reader's,
// with the dimension each worksheet declares changed as other programs
// leave it: WPS and streaming writers declare the one cell A1 whatever the
// data, and a template filled in by a program keeps the range it had when
// it was empty. Excel reads such a sheet whole, the dimension being only a
// hint, and so must kfpay: the outputs are those of the original inputs,
// cell for cell, with no message more or less, and the altered workbooks
// dump as the originals do and diff against them as the same.
func TestInputsWithOddDimensions(t *testing.T) {
	t.Parallel()
	for _, c := range inputCases(t, t.TempDir()) {
		t.Run(c.name, func(t *testing.T) {
			wantDump, wantWarnings := c.outputs(t, c.folder(t, true))
			for _, variant := range []struct{ name, ref string }{
				{"WPS", "A1"},
				{"stale template", "A1:C2"},
			} {
				dir := c.folder(t, true)
				for _, book := range c.books {
					withDimension(t, filepath.Join(dir, book), variant.ref)
				}
				gotDump, gotWarnings := c.outputs(t, dir)
				if diff := cmp.Diff(wantDump, gotDump); diff != "" {
					t.Errorf("outputs from the inputs with a %s dimension differ (-original +altered):\n%s", variant.name, diff)
				}
				if diff := cmp.Diff(wantWarnings, gotWarnings); diff != "" {
					t.Errorf("warnings from the inputs with a %s dimension differ (-original +altered):\n%s", variant.name, diff)
				}
				for _, book := range c.books {
					original, altered := filepath.Join(c.dir, book), filepath.Join(dir, book)
					want := kfpayOut(t, exitOK, "dump", original)
					if got := kfpayOut(t, exitOK, "dump", altered); got != want {
						t.Errorf("dump of %s with a %s dimension differs:\n%s", book, variant.name, cmp.Diff(want, got))
					}
					if got := kfpayOut(t, exitOK, "diff", original, altered); got != "" {
						t.Errorf("diff of %s and its copy with a %s dimension: %s", book, variant.name, got)
					}
				}
			}
		})
	}
}

// kfpayOut runs kfpay and returns its standard output, failing the test
// unless it exits with code and prints nothing on stderr.
func kfpayOut(t *testing.T, code int, args ...string) string {
	t.Helper()
	var out, errs bytes.Buffer
	if got := run(context.Background(), args, nil, &out, &errs); got != code || errs.Len() > 0 {
		t.Fatalf("kfpay %s: exit %d, want %d\n%s", strings.Join(args, " "), got, code, errs.String())
	}
	return out.String()
}
