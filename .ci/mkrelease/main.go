// Command mkrelease builds kfpay's release zips; .ci/release runs it with
// go run, so that building a release needs nothing but Go (no zip, no
// sha256sum, no make).
//
//	go run ./.ci/mkrelease [-only OS/ARCH,…] [OUTDIR]
//
// It writes into OUTDIR (default .ci/dist) one zip per target, named
// kfpay-VERSION-OS-ARCH.zip, holding the binary (kfpay.exe on Windows) and
// 使用说明.txt, and SHA256SUMS over the zips, in the format sha256sum -c
// reads. With -only, just the platforms listed (.ci/run rebuilds one
// with an empty build cache to check that the same commit gives the same
// bytes).
//
// The same commit gives the same bytes, whoever builds it and whenever, as
// long as the Go release is the same (mkrelease prints it first; go.mod's
// go line is only the oldest that builds kfpay): the binaries are
// built without cgo, with -trimpath, without VCS stamping or a build ID, for
// fixed microarchitecture levels; each zip's entries are sorted by name, with
// fixed modes, dated to the commit's time (SOURCE_DATE_EPOCH, else git's
// committer time), with no extra fields and no comment.
//
// VERSION is kfpay's own number (the version var in cmd/kfpay/main.go),
// then "+" and the commit's first 12 hex digits; ".dirty" follows when the
// worktree has uncommitted changes, as such a build is not the commit's.
// On a commit tagged v<number>, the version is the number alone.
package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"text/template"
	"time"
)

// targets are the platforms a release is built for: the bursar's Windows,
// 64- and 32-bit, and the accountant's Mac or Linux machine.
var targets = []target{
	{"windows", "amd64"},
	{"windows", "386"},
	{"darwin", "arm64"},
	{"darwin", "amd64"},
	{"linux", "amd64"},
}

type target struct{ os, arch string }

// exe is the binary's name in the zip.
func (t target) exe() string {
	if t.os == "windows" {
		return "kfpay.exe"
	}
	return "kfpay"
}

// readme is the name of the usage text in every zip.
const readme = "使用说明.txt"

//go:embed usage-windows.txt
var usageWindows string

//go:embed usage-unix.txt
var usageUnix string

func main() {
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: go run ./.ci/mkrelease [-only OS/ARCH,…] [OUTDIR]  (run from the repository's root; default OUTDIR .ci/dist)")
	}
	only := flag.String("only", "", "build only these `OS/ARCH,…` platforms")
	flag.Parse()
	if *only != "" {
		var some []target
		for p := range strings.SplitSeq(*only, ",") {
			i := slices.IndexFunc(targets, func(t target) bool { return t.os+"/"+t.arch == p })
			if i < 0 {
				fmt.Fprintf(os.Stderr, "mkrelease: -only %s: not a release platform\n", p)
				os.Exit(2)
			}
			some = append(some, targets[i])
		}
		targets = some
	}
	out := filepath.Join(".ci", "dist")
	switch flag.NArg() {
	case 0:
	case 1:
		out = flag.Arg(0)
	default:
		flag.Usage()
		os.Exit(2)
	}
	if err := release(out); err != nil {
		fmt.Fprintln(os.Stderr, "mkrelease:", err)
		os.Exit(1)
	}
}

func release(out string) error {
	if _, err := os.Stat(filepath.Join("cmd", "kfpay", "main.go")); err != nil {
		return errors.New("run from the repository's root")
	}
	version, err := releaseVersion()
	if err != nil {
		return err
	}
	epoch, err := sourceDate()
	if err != nil {
		return err
	}
	if err := clean(out); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "kfpay-release-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	fmt.Printf("kfpay %s, dated %s, %s\n", version, epoch.Format(time.RFC3339), runtime.Version())
	var sums bytes.Buffer
	for _, t := range targets {
		start := time.Now()
		bin := filepath.Join(tmp, t.os+"-"+t.arch, t.exe())
		if err := build(t, version, bin); err != nil {
			return err
		}
		name := "kfpay-" + version + "-" + t.os + "-" + t.arch + ".zip"
		text, err := usage(t, version, name)
		if err != nil {
			return err
		}
		exe, err := os.ReadFile(bin)
		if err != nil {
			return err
		}
		z, err := zipOf(epoch, []entry{
			{name: t.exe(), mode: 0o755, data: exe},
			{name: readme, mode: 0o644, data: text},
		})
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, name), z, 0o644); err != nil {
			return err
		}
		sum := sha256.Sum256(z)
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), name)
		fmt.Printf("%-44s %9d bytes (binary %9d)  %.1f s\n", name, len(z), len(exe), time.Since(start).Seconds())
	}
	return os.WriteFile(filepath.Join(out, "SHA256SUMS"), sums.Bytes(), 0o644)
}

// releaseVersion is the version stamped into the binaries (see the
// package's comment).
func releaseVersion() (string, error) {
	src, err := os.ReadFile(filepath.Join("cmd", "kfpay", "main.go"))
	if err != nil {
		return "", err
	}
	m := regexp.MustCompile(`(?m)^var version = "([0-9A-Za-z.\-]+)"$`).FindSubmatch(src)
	if m == nil {
		return "", errors.New(`cmd/kfpay/main.go has no line var version = "…"`)
	}
	number := string(m[1])
	commit, err := git("rev-parse", "--short=12", "HEAD")
	if err != nil {
		return "", err
	}
	dirty, err := git("status", "--porcelain", "--untracked-files=no")
	if err != nil {
		return "", err
	}
	if dirty != "" {
		return number + "+" + commit + ".dirty", nil
	}
	if tags, _ := git("tag", "--points-at", "HEAD", "v*"); tags != "" {
		for tag := range strings.FieldsSeq(tags) {
			if tag != "v"+number {
				return "", fmt.Errorf("HEAD is tagged %s but cmd/kfpay/main.go says version %s", tag, number)
			}
		}
		return number, nil
	}
	return number + "+" + commit, nil
}

// sourceDate is the time the zips' entries are dated: SOURCE_DATE_EPOCH
// (the reproducible-builds convention) when set, else the commit's.
func sourceDate() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		var err error
		if s, err = git("log", "-1", "--format=%ct"); err != nil {
			return time.Time{}, err
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("source date %q: %v", s, err)
	}
	t := time.Unix(n, 0).UTC()
	if t.Year() < 1980 || t.Year() > 2107 {
		return time.Time{}, fmt.Errorf("source date %s is outside what a zip can hold (1980–2107)", t)
	}
	return t, nil
}

func git(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v", strings.Join(args, " "), err)
	}
	return strings.TrimSpace(string(b)), nil
}

// clean makes out an empty place for a release: it creates it, or removes
// the zips and SHA256SUMS of an earlier release from it. Anything else in
// it is not ours to delete, so a folder holding anything else is refused.
func clean(out string) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	des, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	for _, de := range des {
		n := de.Name()
		if !de.Type().IsRegular() || !(n == "SHA256SUMS" || strings.HasPrefix(n, "kfpay-") && strings.HasSuffix(n, ".zip")) {
			return fmt.Errorf("%s holds %s, which is not a release's: give an empty folder", out, n)
		}
	}
	for _, de := range des {
		if err := os.Remove(filepath.Join(out, de.Name())); err != nil {
			return err
		}
	}
	return nil
}

// build compiles kfpay for t into bin.
func build(t target, version, bin string) error {
	cmd := exec.Command("go", "build", "-o", bin,
		"-trimpath", "-buildvcs=false",
		"-ldflags", "-s -w -buildid= -X main.version="+version,
		"./cmd/kfpay")
	// The environment is the caller's, less anything that would change the
	// bytes: no cgo, the microarchitecture levels fixed at Go's defaults,
	// and no GOFLAGS (the flags are all above).
	env := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "CGO_ENABLED", "GOOS", "GOARCH", "GOAMD64", "GO386", "GOARM64", "GOFLAGS", "GOEXPERIMENT":
			return true
		}
		return false
	})
	cmd.Env = append(env, "CGO_ENABLED=0", "GOOS="+t.os, "GOARCH="+t.arch,
		"GOAMD64=v1", "GO386=sse2", "GOARM64=v8.0", "GOFLAGS=")
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build for %s/%s: %v", t.os, t.arch, err)
	}
	return nil
}

// usage is 使用说明.txt for t: for Windows, with a UTF-8 byte order mark and
// CRLF line ends, so that Notepad (of Windows 10 before 1903 too) shows the
// Chinese and the lines as written.
func usage(t target, version, zipName string) ([]byte, error) {
	src := usageUnix
	if t.os == "windows" {
		src = usageWindows
	}
	tmpl, err := template.New(readme).Option("missingkey=error").Parse(src)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = tmpl.Execute(&b, map[string]any{
		"Version": version,
		"Zip":     zipName,
		"Exe":     t.exe(),
		"Mac":     t.os == "darwin",
		"Machine": map[string]string{
			"windows/amd64": "64 位", "windows/386": "32 位", "linux/amd64": "64 位",
			"darwin/arm64": "Apple 芯片", "darwin/amd64": "Intel 芯片",
		}[t.os+"/"+t.arch],
	})
	if err != nil {
		return nil, err
	}
	text := b.Bytes()
	if bytes.Contains(text, []byte("\r")) {
		return nil, errors.New("a usage text has a CR in it: keep the source's line ends LF")
	}
	if t.os == "windows" {
		text = append([]byte("\uFEFF"), bytes.ReplaceAll(text, []byte("\n"), []byte("\r\n"))...)
	}
	return text, nil
}

type entry struct {
	name string
	mode os.FileMode
	data []byte
}

// zipOf is a zip of the entries, sorted by name, each dated t, deflated.
//
// archive/zip adds an extended-timestamp extra field when a header's
// Modified is set, so the MS-DOS date and time are set instead and
// Modified left zero: the entries have no extra field. The MS-DOS time has
// no zone; it is t in UTC, to the even second below.
func zipOf(t time.Time, entries []entry) ([]byte, error) {
	slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	date := uint16(t.Day() + int(t.Month())<<5 + (t.Year()-1980)<<9)
	clock := uint16(t.Second()/2 + t.Minute()<<5 + t.Hour()<<11)
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	for _, e := range entries {
		h := &zip.FileHeader{Name: e.name, Method: zip.Deflate, ModifiedDate: date, ModifiedTime: clock}
		h.SetMode(e.mode)
		f, err := w.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(f, bytes.NewReader(e.data)); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
