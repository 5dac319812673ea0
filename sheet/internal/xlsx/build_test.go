package xlsx

import (
	"path/filepath"
	"testing"

	"kfpay/sheet/sheettest"
)

// build writes the workbook that the sheettest description desc describes
// to a temporary directory, as name, and returns its path.
func build(t *testing.T, name, desc string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := sheettest.Build(path, []byte(desc)); err != nil {
		t.Fatal(err)
	}
	return path
}
