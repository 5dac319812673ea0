package rules

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/BurntSushi/toml"
)

// defaultFile is the rules file of SPEC 7 with a comment on every line. It is
// the one source of the built-in defaults: Default parses it.
//
//go:embed rules.toml
var defaultFile []byte

// DefaultFile returns the default rules file, byte for byte what `kfpay init`
// writes.
func DefaultFile() []byte { return slices.Clone(defaultFile) }

// DefaultSource is the Source of the built-in rules.
const DefaultSource = "内置默认"

// builtin parses the embedded file once. A failure is a bug in rules.toml
// that the package's tests catch, not bad input, hence the panic.
var builtin = sync.OnceValue(func() *Rules {
	r, err := parse(&Rules{}, "rules.toml", defaultFile)
	if err != nil {
		panic("rules: the built-in rules.toml does not load: " + err.Error())
	}
	r.Source = DefaultSource
	return r
})

// Default returns the built-in rules, parsed from DefaultFile. Each call
// returns a fresh copy that the caller may change.
func Default() *Rules { return builtin().clone() }

// maxFileBytes caps what Load reads: the default file, a comment on every
// line, is a few KiB, so a larger file is the wrong file, and reading a
// video or a disk image given by mistake would only exhaust memory.
const maxFileBytes = 1 << 20

// Load reads the rules file at path. Keys the file leaves out keep their
// defaults. Problems in the file come back as one *Error; a path that is
// no rules file at all (missing, a folder, too large, a workbook) as a
// *FileError.
func Load(path string) (*Rules, error) {
	file := filepath.Base(path)
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &FileError{file, "找不到规则文件；请检查文件名和所在的文件夹（kfpay init 可以生成一个）", err}
	}
	if err != nil {
		return nil, &FileError{file, "无法读取规则文件（" + err.Error() + "）", err}
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, &FileError{file, "这是一个文件夹，不是规则文件；--rules 应指定 rules.toml", errIsDir}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	switch {
	case err != nil:
		return nil, &FileError{file, "无法读取规则文件（" + err.Error() + "）", err}
	case len(data) > maxFileBytes:
		return nil, &FileError{file, fmt.Sprintf("文件超过 %d MiB，不是规则文件；--rules 应指定 rules.toml", maxFileBytes>>20), errTooLarge}
	case bytes.HasPrefix(data, []byte("PK\x03\x04")), bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		// The likeliest mix-up: a workbook given where the rules go.
		return nil, &FileError{file, "这是 Excel 工作簿（或压缩包、Office 文档），不是规则文件；--rules 应指定 rules.toml（kfpay init 可生成一份）", errNotText}
	}
	return Parse(path, data)
}

// Parse reads a rules file's bytes; name (a path or base name) names the
// file in errors and in Source. Keys the file leaves out keep their defaults;
// if it has any [[event]] blocks they replace the default list.
func Parse(name string, data []byte) (*Rules, error) {
	return parse(Default(), name, data)
}

// parse lays the file data over r, changing r, and returns r or every
// problem of the file.
//
// The file is decoded into plain maps and walked by hand, not decoded into
// structs: a value of the wrong type (lesson = 20) is then one more problem
// with a hint, reported with the others, not a decode error that stops at
// the first.
func parse(r *Rules, name string, data []byte) (*Rules, error) {
	file := filepath.Base(name)
	if name == "" {
		file = "rules.toml"
	}
	sum := sha256.Sum256(data)
	r.Source = file
	r.SHA256 = hex.EncodeToString(sum[:])

	p := &parser{file: file, src: data, names: map[string]string{}}
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		p.syntax(err)
	} else {
		p.document(r, doc)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	slices.SortStableFunc(p.warns, func(a, b LineError) int { return cmp.Compare(a.Line, b.Line) })
	r.Warnings = p.warns
	return r, nil
}

// clone returns a deep copy of r, so that callers of Default cannot change
// the built-in rules through a shared slice.
func (r *Rules) clone() *Rules {
	c := *r
	c.Sessions.Lesson = slices.Clone(r.Sessions.Lesson)
	c.Sessions.Safety = slices.Clone(r.Sessions.Safety)
	c.Sessions.Admin = slices.Clone(r.Sessions.Admin)
	c.Events = slices.Clone(r.Events)
	c.Term.Holidays = slices.Clone(r.Term.Holidays)
	c.Term.Workdays = slices.Clone(r.Term.Workdays)
	c.Warnings = slices.Clone(r.Warnings)
	c.Version.Sets = slices.Clone(r.Version.Sets)
	return &c
}
