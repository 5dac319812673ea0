package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"kfpay/calc"
	"kfpay/sheet"
)

// recorder writes the run record (kfpay-记录.tsv, sheet.RunLog) of the
// commands that write workbooks: the command line as typed and the clock,
// injected so that a test sets the time. A nil recorder records nothing:
// the payrolls that settle --demo runs in its temporary folder are not runs
// of the bursar's.
type recorder struct {
	now  func() time.Time
	args []string // the command line after "kfpay"
	// shown, when set, is how the record names a file the command was
	// given by another path: kfpay serve's uploads, read from a
	// temporary folder that is gone once the run is over.
	shown map[string]string
	dir   string   // a file in this folder is shown by its name, as run in that folder
	via   string   // said after the command line: how it was run, when not typed
	wrote []string // the outputs recorded, for kfpay serve's downloads
}

// name is path as the record shows it.
func (r *recorder) name(path string) string {
	if s, ok := r.shown[path]; ok {
		return s
	}
	if r.dir != "" && filepath.Dir(path) == r.dir {
		return filepath.Base(path)
	}
	return path
}

// commandLine is the command line as the bursar typed it, each argument
// quoted where a shell would need it, any account number masked.
func (r *recorder) commandLine() string {
	parts := []string{"kfpay"}
	for _, a := range r.args {
		if a == "" || strings.ContainsAny(a, " \t'\"*?[]$&;|<>()") {
			a = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
		}
		parts = append(parts, a)
	}
	line := calc.MaskAccounts(strings.Join(parts, " "))
	if r.via != "" {
		line += " " + r.via
	}
	return line
}

// runLogs are the run records of a command's output folders, opened before
// it writes anything (sheet.OpenRunLog).
type runLogs struct {
	rec  *recorder
	logs []*sheet.RunLog
}

// openRunLogs opens the run record of each folder an output goes to; with
// a nil recorder it records nothing. A record that cannot be appended to
// is an error before any output is written.
func openRunLogs(rec *recorder, outputs ...string) (*runLogs, error) {
	l := &runLogs{rec: rec}
	if rec == nil {
		return l, nil
	}
	seen := map[string]bool{}
	for _, out := range outputs {
		dir, _ := filepath.Abs(filepath.Dir(out))
		if seen[dir] {
			continue
		}
		seen[dir] = true
		log, err := sheet.OpenRunLog(filepath.Dir(out))
		if err != nil {
			l.close()
			return nil, &exitError{exitBadInput, err}
		}
		l.logs = append(l.logs, log)
	}
	return l, nil
}

// close lets the records go unwritten: the command stopped before writing.
func (l *runLogs) close() {
	for _, log := range l.logs {
		log.Close()
	}
	l.logs = nil
}

// output is a file a command wrote, with its role, for the record.
type output struct{ role, path string }

// append adds the run to each record: the files read, the files written,
// each with the sha256 of what is on disk now, and the totals.
func (l *runLogs) append(inputs []sheet.RecordedFile, outputs []output, totals ...string) error {
	if l.rec == nil {
		return nil
	}
	r := sheet.RunRecord{Time: l.rec.now(), Version: version, Command: l.rec.commandLine(),
		Totals: strings.Join(totals, "；")}
	for _, in := range inputs {
		in.Path = l.rec.name(in.Path)
		r.Inputs = append(r.Inputs, in)
	}
	for _, o := range outputs {
		sum, err := sheet.FileSHA256(o.path)
		if err != nil {
			return fmt.Errorf("已生成 %s，但无法读取它写入运行记录：%w", o.path, err)
		}
		r.Outputs = append(r.Outputs, sheet.RecordedFile{Role: o.role, Path: l.rec.name(o.path), SHA256: sum})
		l.rec.wrote = append(l.rec.wrote, o.path)
	}
	for _, log := range l.logs {
		if err := log.Append(r); err != nil {
			return fmt.Errorf("已生成 %s，但%w", outputNames(outputs), err)
		}
	}
	l.logs = nil
	return nil
}

func outputNames(outputs []output) string {
	var names []string
	for _, o := range outputs {
		names = append(names, o.path)
	}
	return strings.Join(names, "、")
}

// recorded is an input file for the record: its path as given, and the
// sha256 its reader took of the bytes it read.
func recorded(in sheet.InputFile, path string) sheet.RecordedFile {
	return sheet.RecordedFile{Role: in.Role, Path: path, SHA256: in.SHA256}
}
