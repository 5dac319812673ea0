package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"debug/buildinfo"
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"encoding/hex"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// releaseTargets are the platforms .ci/release builds for (issue 19).
var releaseTargets = []struct{ os, arch string }{
	{"windows", "amd64"},
	{"windows", "386"},
	{"darwin", "arm64"},
	{"darwin", "amd64"},
	{"linux", "amd64"},
}

// TestReleaseZips checks the zips .ci/release wrote into $KFPAY_RELEASE_DIR:
// SHA256SUMS matches them; each holds the binary and 使用说明.txt, and
// nothing that would make two builds of a commit differ; each binary is
// for its platform (a Windows console program for amd64 or 386, a Mac
// program for arm64 or amd64, a static Linux program), built without cgo
// and with -trimpath, and holds the version in its name, stamped in. The
// Linux binary, on Linux, is run for its --version. Without the variable
// the test is skipped, except in CI (CI=true), where .ci/run sets it.
func TestReleaseZips(t *testing.T) {
	dir := os.Getenv("KFPAY_RELEASE_DIR")
	if dir == "" {
		msg := "KFPAY_RELEASE_DIR is not set: run .ci/release DIR and set it to DIR"
		if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
			t.Fatal(msg + " (CI is set: .ci/run must build the release first)")
		}
		t.Skip(msg)
	}
	sums := readSums(t, filepath.Join(dir, "SHA256SUMS"))
	if len(sums) != len(releaseTargets) {
		t.Errorf("SHA256SUMS lists %d zips, want %d: %v", len(sums), len(releaseTargets), sums)
	}
	var stamped string // the version in the zips' names, the same in all
	var dated time.Time
	for _, target := range releaseTargets {
		suffix := "-" + target.os + "-" + target.arch + ".zip"
		var name string
		for n := range sums {
			if strings.HasPrefix(n, "kfpay-") && strings.HasSuffix(n, suffix) {
				name = n
			}
		}
		if name == "" {
			t.Errorf("SHA256SUMS lists no kfpay-VERSION%s", suffix)
			continue
		}
		v := strings.TrimSuffix(strings.TrimPrefix(name, "kfpay-"), suffix)
		if stamped == "" {
			stamped = v
			// The number is this source's; "+" and the commit follow,
			// unless the release is of the commit tagged with the number.
			if v != version && !strings.HasPrefix(v, version+"+") {
				t.Errorf("the zips are of version %s; cmd/kfpay/main.go says %s", v, version)
			}
		} else if v != stamped {
			t.Errorf("%s: version %s, other zips %s", name, v, stamped)
		}
		t.Run(target.os+"-"+target.arch, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != sums[name] {
				t.Errorf("%s: sha256 %x, SHA256SUMS says %s", name, sum, sums[name])
			}
			files := readReleaseZip(t, name, data, &dated)
			exe := "kfpay"
			if target.os == "windows" {
				exe = "kfpay.exe"
			}
			bin, ok := files[exe]
			if !ok {
				t.Fatalf("%s holds no %s", name, exe)
			}
			checkReleaseBinary(t, exe, bin, target.os, target.arch, v)
			text, ok := files["使用说明.txt"]
			if !ok {
				t.Fatalf("%s holds no 使用说明.txt", name)
			}
			checkReleaseText(t, text, target.os, v, name)
			if len(files) != 2 {
				t.Errorf("%s holds %d files, want the binary and 使用说明.txt", name, len(files))
			}
			if target.os+"/"+target.arch == runtime.GOOS+"/"+runtime.GOARCH && target.os == "linux" {
				path := filepath.Join(t.TempDir(), exe)
				if err := os.WriteFile(path, bin, 0o755); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command(path, "--version").CombinedOutput()
				if err != nil || string(out) != "kfpay "+v+"\n" {
					t.Errorf("%s --version: %q, %v; want %q", exe, out, err, "kfpay "+v+"\n")
				}
			}
		})
	}
}

// readSums reads a sha256sum file: name → hex digest.
func readSums(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sums := make(map[string]string)
	s := bufio.NewScanner(f)
	for s.Scan() {
		sum, name, ok := strings.Cut(s.Text(), "  ")
		if !ok || len(sum) != 64 || strings.ContainsAny(name, "/\\") {
			t.Fatalf("SHA256SUMS: %q is not a line of sha256sum", s.Text())
		}
		sums[name] = sum
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return sums
}

// readReleaseZip reads a release zip's files, checking the headers that
// must not vary between builds: names in order, the binary 0755 and the
// text 0644, deflated, no extra field, no comment, and every entry of every
// zip dated alike (*dated, set by the first).
func readReleaseZip(t *testing.T, name string, data []byte, dated *time.Time) map[string][]byte {
	t.Helper()
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if r.Comment != "" {
		t.Errorf("%s has a comment %q", name, r.Comment)
	}
	files := make(map[string][]byte)
	for i, f := range r.File {
		if i > 0 && f.Name <= r.File[i-1].Name {
			t.Errorf("%s: %s follows %s: the entries are not sorted", name, f.Name, r.File[i-1].Name)
		}
		want := os.FileMode(0o644)
		if strings.HasPrefix(f.Name, "kfpay") {
			want = 0o755
		}
		if f.Mode() != want {
			t.Errorf("%s: %s has mode %v, want %v", name, f.Name, f.Mode(), want)
		}
		if f.Method != zip.Deflate || len(f.Extra) != 0 || f.Comment != "" {
			t.Errorf("%s: %s: method %d, extra %x, comment %q; want deflated, no extra, no comment", name, f.Name, f.Method, f.Extra, f.Comment)
		}
		if dated.IsZero() {
			*dated = f.Modified
		} else if !f.Modified.Equal(*dated) {
			t.Errorf("%s: %s dated %v, other entries %v", name, f.Name, f.Modified, *dated)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %s: %v", name, f.Name, err)
		}
		files[f.Name] = b
	}
	return files
}

// checkReleaseBinary checks that bin is kfpay for goos/goarch, built as
// .ci/release builds it, with version v stamped in.
func checkReleaseBinary(t *testing.T, exe string, bin []byte, goos, goarch, v string) {
	t.Helper()
	r := bytes.NewReader(bin)
	switch goos {
	case "windows":
		f, err := pe.NewFile(r)
		if err != nil {
			t.Fatalf("%s is not a PE file: %v", exe, err)
		}
		machine := map[string]uint16{"amd64": pe.IMAGE_FILE_MACHINE_AMD64, "386": pe.IMAGE_FILE_MACHINE_I386}[goarch]
		if f.Machine != machine {
			t.Errorf("%s: machine %#x, want %#x (%s)", exe, f.Machine, machine, goarch)
		}
		var subsystem uint16
		switch h := f.OptionalHeader.(type) {
		case *pe.OptionalHeader64:
			subsystem = h.Subsystem
		case *pe.OptionalHeader32:
			subsystem = h.Subsystem
		}
		// A console program: started from a terminal it writes there;
		// double-clicked, Windows gives it a console of its own.
		if subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_CUI {
			t.Errorf("%s: subsystem %d, want %d (console)", exe, subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_CUI)
		}
		if f.Characteristics&pe.IMAGE_FILE_EXECUTABLE_IMAGE == 0 {
			t.Errorf("%s: not marked executable (characteristics %#x)", exe, f.Characteristics)
		}
	case "darwin":
		f, err := macho.NewFile(r)
		if err != nil {
			t.Fatalf("%s is not a Mach-O file: %v", exe, err)
		}
		cpu := map[string]macho.Cpu{"arm64": macho.CpuArm64, "amd64": macho.CpuAmd64}[goarch]
		if f.Cpu != cpu || f.Type != macho.TypeExec {
			t.Errorf("%s: cpu %v, type %v; want %v, an executable", exe, f.Cpu, f.Type, cpu)
		}
	case "linux":
		f, err := elf.NewFile(r)
		if err != nil {
			t.Fatalf("%s is not an ELF file: %v", exe, err)
		}
		if f.Machine != elf.EM_X86_64 || f.Type != elf.ET_EXEC {
			t.Errorf("%s: machine %v, type %v; want x86-64, an executable", exe, f.Machine, f.Type)
		}
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Errorf("%s asks for a dynamic loader: it must be static, to run on any Linux", exe)
			}
		}
	}

	info, err := buildinfo.Read(bytes.NewReader(bin))
	if err != nil {
		t.Fatalf("%s: build info: %v", exe, err)
	}
	settings := make(map[string]string)
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	want := map[string]string{"GOOS": goos, "GOARCH": goarch, "CGO_ENABLED": "0", "-trimpath": "true"}
	for k, w := range want {
		if settings[k] != w {
			t.Errorf("%s: built with %s=%q, want %q", exe, k, settings[k], w)
		}
	}
	if info.Path != "kfpay/cmd/kfpay" {
		t.Errorf("%s: built from %s, want kfpay/cmd/kfpay", exe, info.Path)
	}
	for k := range settings {
		if strings.HasPrefix(k, "vcs") {
			t.Errorf("%s: build info records %s, which would differ between checkouts", exe, k)
		}
	}
	// The variable's value is the version's text on its own. (With
	// -trimpath the build info leaves -ldflags out; were it recorded, the
	// text would follow "main.version=" there, which does not count.)
	found := false
	for i, rest := 0, bin; ; {
		j := bytes.Index(rest, []byte(v))
		if j < 0 {
			break
		}
		at := i + j
		if !bytes.HasSuffix(bin[:at], []byte("main.version=")) {
			found = true
			break
		}
		i = at + 1
		rest = bin[i:]
	}
	if !found {
		t.Errorf("%s does not hold the version %s: the -X main.version stamp did not take", exe, v)
	}
}

// checkReleaseText checks 使用说明.txt: UTF-8 that says the version and
// how to check the zip; for Windows, with a byte order mark and CRLF line
// ends (Notepad), naming Windows 10 and kfpay.exe.
func checkReleaseText(t *testing.T, text []byte, goos, v, zipName string) {
	t.Helper()
	bom := []byte("\uFEFF")
	body := bytes.TrimPrefix(text, bom)
	if !utf8.Valid(body) {
		t.Fatal("使用说明.txt is not UTF-8")
	}
	if goos == "windows" {
		if !bytes.HasPrefix(text, bom) {
			t.Error("使用说明.txt for Windows has no UTF-8 byte order mark")
		}
		if lf, crlf := bytes.Count(body, []byte("\n")), bytes.Count(body, []byte("\r\n")); lf != crlf || lf == 0 {
			t.Errorf("使用说明.txt for Windows: %d line ends, %d of them CRLF", lf, crlf)
		}
	} else if bytes.HasPrefix(text, bom) || bytes.Contains(text, []byte("\r")) {
		t.Error("使用说明.txt off Windows has a byte order mark or a CR")
	}
	s := string(body)
	musts := []string{"kfpay " + v + " 使用说明", "kfpay serve", "SHA256SUMS", zipName}
	if goos == "windows" {
		musts = append(musts, "Windows 10 或更高版本", "双击 kfpay.exe", "certutil -hashfile "+zipName+" SHA256")
	}
	for _, m := range musts {
		if !strings.Contains(s, m) {
			t.Errorf("使用说明.txt for %s does not say %q", goos, m)
		}
	}
}
