package sheet

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"kfpay/calc"
)

// The run record (kfpay-记录.tsv): every command that writes a workbook
// appends one line to it, in the folder of its output, saying when, with
// which kfpay, from which command line, which files it read and wrote (each
// with its sha256) and the totals it wrote, so that an auditor can tie a
// bank line back to the signed payout it came from, and that payout to its
// inputs. It is append-only: a line once written is never rewritten, and
// the file is opened only to append (O_APPEND), each line written in one
// write. It is a text file, not a workbook: the clock reaches it, and
// nothing of it reaches a workbook.

// RunLogName is the name of the run record, beside the outputs.
const RunLogName = "kfpay-记录.tsv"

// runLogHeader is the run record's first line.
var runLogHeader = []string{"时间", "kfpay 版本", "命令", "输入文件", "输出文件", "合计"}

// runLogTime is how a line's time is written: the local time with its
// offset from UTC, so that it says the hour the bursar saw.
const runLogTime = "2006-01-02T15:04:05-07:00"

// RunRecord is one line of the run record.
type RunRecord struct {
	Time    time.Time
	Version string
	Command string // the command line, account numbers masked (calc.MaskAccounts)
	Inputs  []RecordedFile
	Outputs []RecordedFile
	Totals  string // the totals written, in words: 人数 5；实发合计 2423.00
	Line    int    // the line of the file it was read from; 0 when written
}

// RecordedFile is a file a run read or wrote: its role (课时登记, 发放表),
// its path as the command line gave it, and the sha256 of its bytes.
type RecordedFile struct {
	Role, Path, SHA256 string
}

// String is the file as the run record writes it: 课时登记：课时登记.xlsx（sha256 …）.
func (f RecordedFile) String() string {
	return f.Role + "：" + f.Path + "（sha256 " + f.SHA256 + "）"
}

// recordedFile reads one file back, as String wrote it.
var recordedFile = regexp.MustCompile(`([^：；]*)：(.*?)（sha256 ([0-9a-f]{64}|-)）(；|$)`)

// FileSHA256 is the hex sha256 of the file at path, for the outputs a run
// wrote.
func FileSHA256(path string) (string, error) { return fileSHA256(path) }

// tsvField makes s one field of a line: no TAB or line break may be in it.
func tsvField(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' }), " ")
}

// line is r as a line of the run record, with its line break.
func (r RunRecord) line() string {
	files := func(fs []RecordedFile) string {
		parts := make([]string, len(fs))
		for i, f := range fs {
			f.Role, f.Path = strings.ReplaceAll(f.Role, "：", ":"), strings.ReplaceAll(f.Path, "；", ";")
			parts[i] = f.String()
		}
		return strings.Join(parts, "；")
	}
	fields := []string{r.Time.Format(runLogTime), r.Version, r.Command, files(r.Inputs), files(r.Outputs), r.Totals}
	for i, f := range fields {
		fields[i] = tsvField(f)
	}
	return strings.Join(fields, "\t") + "\n"
}

// RunLog is the run record of one folder, opened to append to before a
// command writes its outputs there: a record that cannot be written stops
// the command before any output is written, not after.
type RunLog struct {
	path string
	f    *os.File // the record as it was, opened to append; nil when there is none yet
}

// OpenRunLog opens the run record of folder dir to append to, when there is
// one; a folder without one gets it on Append. It refuses a record that is
// not a file, or that kfpay cannot append to.
func OpenRunLog(dir string) (*RunLog, error) {
	l := &RunLog{path: filepath.Join(dir, RunLogName)}
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND, 0)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return l, nil
	case err != nil:
		return nil, fmt.Errorf("运行记录 %s 无法追加（%v）；请检查文件是否只读或被其他程序占用", l.path, err)
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, fmt.Errorf("运行记录 %s 不是普通文件", l.path)
	}
	l.f = f
	return l, nil
}

// Path is where the record is.
func (l *RunLog) Path() string { return l.path }

// Append adds r to the record in one write, creating it with its header
// line if there is none yet, and closes it. A record whose last line was
// cut short (a crash in the middle of a write) is ended first, so that the
// new line starts a line of its own.
func (l *RunLog) Append(r RunRecord) error {
	line := r.line()
	f := l.f
	if f == nil {
		var err error
		f, err = os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o644)
		switch {
		case errors.Is(err, fs.ErrExist):
			// Made by another run since OpenRunLog: append to it.
			if f, err = os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND, 0); err != nil {
				return fmt.Errorf("运行记录 %s 无法追加：%w", l.path, err)
			}
		case err != nil:
			return fmt.Errorf("无法创建运行记录 %s：%w", l.path, err)
		default:
			line = strings.Join(runLogHeader, "\t") + "\n" + line
		}
	}
	defer f.Close()
	l.f = nil
	if unended(l.path) {
		line = "\n" + line
	}
	if _, err := f.Write([]byte(line)); err != nil {
		return fmt.Errorf("运行记录 %s 写入失败：%w", l.path, err)
	}
	return f.Sync()
}

// Close lets the record go without appending to it: the run wrote nothing.
func (l *RunLog) Close() {
	if l != nil && l.f != nil {
		l.f.Close()
		l.f = nil
	}
}

// unended reports whether the file at path is not empty and does not end
// with a line break.
func unended(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.Size() == 0 {
		return false
	}
	b := make([]byte, 1)
	if _, err := f.ReadAt(b, st.Size()-1); err != nil {
		return false
	}
	return b[0] != '\n'
}

// maxRunLog caps what ReadRunLog reads: a school writes a few lines a
// month, a few hundred kilobytes in a lifetime.
const maxRunLog = 64 << 20

// ReadRunLog reads the run record at path. A line it cannot read is a
// problem at its line; the lines that read are returned with it.
func ReadRunLog(path string) ([]RunRecord, calc.Problems, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("%s 不存在：还没有在这个文件夹中生成过发放表、工资条等文件", path)
		}
		return nil, nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, nil, fmt.Errorf("%s 是一个文件夹", path)
	}
	file := filepath.Base(path)
	var records []RunRecord
	var problems calc.Problems
	bad := func(n int, why string) {
		problems = append(problems, calc.Problem{Code: "runlog-line", Ref: calc.Ref{File: file, Row: n},
			Msg: "这一行不是 kfpay 写的运行记录（" + why + "）；运行记录只由 kfpay 追加，请不要手改"})
	}
	sc := bufio.NewScanner(io.LimitReader(f, maxRunLog))
	sc.Buffer(make([]byte, 0, 64<<10), 4<<20)
	n := 0
	for sc.Scan() {
		n++
		text := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			if text != strings.Join(runLogHeader, "\t") {
				return nil, nil, fmt.Errorf("%s 的第一行不是 kfpay 运行记录的表头：这不是 kfpay 写的运行记录", path)
			}
			continue
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		fields := strings.Split(text, "\t")
		if len(fields) != len(runLogHeader) {
			bad(n, fmt.Sprintf("有 %d 列，应为 %d 列", len(fields), len(runLogHeader)))
			continue
		}
		t, err := time.Parse(runLogTime, fields[0])
		if err != nil {
			bad(n, "时间 "+fields[0]+" 读不懂")
			continue
		}
		r := RunRecord{Time: t, Version: fields[1], Command: fields[2], Totals: fields[5], Line: n}
		var ok1, ok2 bool
		r.Inputs, ok1 = parseFiles(fields[3])
		r.Outputs, ok2 = parseFiles(fields[4])
		if !ok1 || !ok2 {
			bad(n, "文件一栏读不懂")
			continue
		}
		records = append(records, r)
	}
	if err := sc.Err(); err != nil {
		return records, problems, fmt.Errorf("%s 读取失败：%w", path, err)
	}
	if n == 0 {
		return nil, nil, fmt.Errorf("%s 是空文件：不是 kfpay 写的运行记录", path)
	}
	return records, problems, nil
}

// parseFiles reads a column of files as line wrote it.
func parseFiles(s string) ([]RecordedFile, bool) {
	if s == "" {
		return nil, true
	}
	var out []RecordedFile
	rest := s
	for rest != "" {
		m := recordedFile.FindStringSubmatchIndex(rest)
		if m == nil || m[0] != 0 {
			return nil, false
		}
		out = append(out, RecordedFile{Role: rest[m[2]:m[3]], Path: rest[m[4]:m[5]], SHA256: rest[m[6]:m[7]]})
		rest = rest[m[1]:]
	}
	return out, true
}
