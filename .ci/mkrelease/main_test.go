package main

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
	"time"
)

// TestZipOf checks the zip's headers against values worked out by hand from
// the zip format (APPNOTE 4.4.6): an MS-DOS date is day | month<<5 |
// (year-1980)<<9 and its time second/2 | minute<<5 | hour<<11, so
// 2026-12-06 17:43:57 UTC is date 6 + 12·32 + 46·512 = 23942 and time
// 28 + 43·32 + 17·2048 = 36220 (the odd second lost).
func TestZipOf(t *testing.T) {
	at := time.Date(2026, time.December, 6, 17, 43, 57, 0, time.UTC)
	z, err := zipOf(at, []entry{
		{name: "使用说明.txt", mode: 0o644, data: []byte("说明\r\n")},
		{name: "kfpay.exe", mode: 0o755, data: []byte("MZ")},
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := zip.NewReader(bytes.NewReader(z), int64(len(z)))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		mode string
		data string
	}{
		{"kfpay.exe", "-rwxr-xr-x", "MZ"},
		{"使用说明.txt", "-rw-r--r--", "说明\r\n"},
	}
	if len(r.File) != len(want) {
		t.Fatalf("%d entries, want %d", len(r.File), len(want))
	}
	for i, f := range r.File {
		w := want[i]
		if f.Name != w.name || f.Mode().String() != w.mode {
			t.Errorf("entry %d: %s %s, want %s %s", i, f.Name, f.Mode(), w.name, w.mode)
		}
		if f.ModifiedDate != 23942 || f.ModifiedTime != 36220 {
			t.Errorf("%s: MS-DOS date %d time %d, want 23942 36220", f.Name, f.ModifiedDate, f.ModifiedTime)
		}
		if len(f.Extra) != 0 {
			t.Errorf("%s: extra field %x", f.Name, f.Extra)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || string(b) != w.data {
			t.Errorf("%s: %q, %v; want %q", f.Name, b, err, w.data)
		}
	}
	again, err := zipOf(at, []entry{
		{name: "kfpay.exe", mode: 0o755, data: []byte("MZ")},
		{name: "使用说明.txt", mode: 0o644, data: []byte("说明\r\n")},
	})
	if err != nil || !bytes.Equal(again, z) {
		t.Errorf("the same entries in another order give other bytes (%v)", err)
	}
}

// TestUsageWindows checks that the Windows text has a byte order mark and
// CRLF line ends, and the Linux one neither.
func TestUsageWindows(t *testing.T) {
	win, err := usage(target{"windows", "386"}, "0.1.0+abc", "kfpay-0.1.0+abc-windows-386.zip")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(win, []byte{0xEF, 0xBB, 0xBF}) {
		t.Error("no byte order mark")
	}
	if n, crlf := bytes.Count(win, []byte("\n")), bytes.Count(win, []byte("\r\n")); n != crlf {
		t.Errorf("%d line ends, %d CRLF", n, crlf)
	}
	if !bytes.Contains(win, []byte("使用说明（Windows 32 位）")) {
		t.Errorf("the title does not say 32-bit Windows: %q", bytes.SplitN(win, []byte("\r\n"), 2)[0])
	}
	lin, err := usage(target{"linux", "amd64"}, "0.1.0+abc", "kfpay-0.1.0+abc-linux-amd64.zip")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.HasPrefix(lin, []byte{0xEF, 0xBB, 0xBF}) || bytes.Contains(lin, []byte("\r")) {
		t.Error("the Linux text has a byte order mark or a CR")
	}
}
