package sheettest

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// OnlyFiles checks that dir holds exactly the files named, in name order:
// no output beside them and no temporary file left over.
func OnlyFiles(t testing.TB, dir string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if fmt.Sprint(got) != fmt.Sprint(names) {
		t.Errorf("%s holds %q, want %q", filepath.Base(dir), got, names)
	}
}
