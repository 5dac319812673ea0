package rules

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
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

// Load reads the rules file at path. Keys the file leaves out keep their
// defaults. Problems in the file come back as one *Error.
func Load(path string) (*Rules, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &readError{fmt.Sprintf("找不到规则文件 %s；请检查文件名和所在的文件夹（kfpay init 可以生成一个）", path), err}
	}
	if err != nil {
		return nil, fmt.Errorf("无法读取规则文件 %s：%w", path, err)
	}
	return Parse(path, data)
}

// readError says in Chinese why a rules file could not be read, and still
// matches the system's error (errors.Is(err, fs.ErrNotExist)) for callers.
type readError struct {
	msg string
	err error
}

func (e *readError) Error() string { return e.msg }
func (e *readError) Unwrap() error { return e.err }

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

	p := &parser{file: file, src: data, labels: map[int]string{}}
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		p.syntax(err)
	} else {
		p.document(r, doc)
	}
	if err := p.err(); err != nil {
		return nil, err
	}
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
	return &c
}
