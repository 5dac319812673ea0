package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"kfpay/calc"
	"kfpay/rules"
	"kfpay/sheet"
	"kfpay/sheet/inspect"
)

// maxDiffs is how many differences of one payout the line of a failure
// names: the first few, the 合计 row's first, say what happened.
const maxDiffs = 6

// signedSheets are the sheets of a payout whose figures a recomputation must
// give again: every person's row and every record's.
var signedSheets = []string{"发放明细", "扣款明细"}

// verifySigned recomputes each signed payout of o.signed from the inputs its
// 计算说明 records, found beside it by sha256, under the version of rules r
// in force for its month, and compares the two cell by cell. It reports
// whether any differs; a payout whose inputs are not at hand is listed as
// not checked, not as a difference.
func verifySigned(ctx context.Context, s streams, o verifyOptions, r *rules.Rules, rulesFile sheet.InputFile) (bool, error) {
	paths, err := expandPattern("--signed", o.signed)
	if err != nil {
		return false, &exitError{exitBadInput, err}
	}
	tmp, err := os.MkdirTemp("", "kfpay-verify-")
	if err != nil {
		return false, err
	}
	defer os.RemoveAll(tmp)
	found := map[string]*folder{}
	same, differ, skipped := 0, 0, 0
	for i, path := range paths {
		// Every cell of the signed payout is compared below, its figures
		// with the ones worked out again: an edited payout is one more
		// thing that check finds, not a reason to check nothing.
		paid, _, problems := sheet.ReadPayout(ctx, path, sheet.AcceptEdited())
		if len(problems.Errors()) > 0 {
			return false, &exitError{exitBadInput, problems}
		}
		inputs, problems := sheet.ReadPayoutInputs(ctx, path)
		if len(problems.Errors()) > 0 {
			return false, &exitError{exitBadInput, problems}
		}
		name := filepath.Base(path)
		head := name + "\t" + paid.Month.Chinese()
		dir := filepath.Dir(path)
		if found[dir] == nil {
			found[dir] = &folder{dir: dir}
		}
		work := filepath.Join(tmp, fmt.Sprint(i))
		in, missing, err := gatherInputs(found[dir], inputs, work)
		if err != nil {
			return false, err
		}
		if len(missing) > 0 {
			skipped++
			fmt.Fprintf(s.out, "?   \t%s\t未核对：%s\n", head, strings.Join(missing, "；"))
			continue
		}
		version := r.At(paid.Month)
		note := "规则：" + calc.VersionText(version)
		if paid.Version != "" && paid.Version != calc.VersionText(version) {
			note += "；签字时为 " + paid.Version
		}
		diffs, err := recompute(ctx, r, rulesFile, paid.Month, in, path, filepath.Join(work, name))
		if err != nil {
			return false, err
		}
		if len(diffs) == 0 {
			same++
			if o.verbose {
				fmt.Fprintf(s.out, "ok  \t%s\t%s\n", head, note)
			}
			continue
		}
		differ++
		if len(diffs) > maxDiffs {
			diffs = append(diffs[:maxDiffs], fmt.Sprintf("……共 %d 处不同", len(diffs)))
		}
		fmt.Fprintf(s.out, "--- FAIL: %s %s（%s）：%s\n", name, paid.Month.Chinese(), note, strings.Join(diffs, "；"))
	}
	summary := fmt.Sprintf("%d 份发放表：%d 份与重算一致", len(paths), same)
	if differ > 0 {
		summary += fmt.Sprintf("，%d 份不一致", differ)
	}
	if skipped > 0 {
		summary += fmt.Sprintf("，%d 份缺少输入文件未核对", skipped)
	}
	if differ > 0 {
		fmt.Fprintf(s.out, "FAIL\t%s\n", summary)
	} else {
		fmt.Fprintf(s.out, "ok\t%s\n", summary)
	}
	return differ > 0, nil
}

// recompute pays month m again from in under r, writes the payout as payroll
// writes it, and compares its figures with the signed payout's. It returns
// each difference in words; an input the rules no longer accept is one.
func recompute(ctx context.Context, r *rules.Rules, rulesFile sheet.InputFile, m rules.Month, in monthInputs, signed, out string) ([]string, error) {
	run := loadMonth(ctx, r, rulesFile, in, m, "")
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if run.payout == nil {
		return []string{"按现在的规则重算时出错：" + problemList(run.problems.Errors())}, nil
	}
	// A payout kfpay writes without records was paid with --no-records,
	// and says so in 扣款明细: so does the payout recomputed from it.
	meta := sheet.PayoutMeta{Version: version, Inputs: run.inputs(), NoRecords: in.records == ""}
	if _, err := sheet.WritePayout(ctx, out, run.payout, meta, false); err != nil {
		return nil, err
	}
	d, err := inspect.DiffBooks(signed, out, signedSheets...)
	if err != nil {
		return nil, &exitError{exitBadInput, err}
	}
	var diffs, totals []string
	for _, sd := range d.Sheets {
		for _, row := range sd.Rows {
			if row.Key == "合计" && row.Change == inspect.Changed {
				for _, c := range row.Cells {
					totals = append(totals, cellChange(row.Key, c))
				}
				continue
			}
			if row.Table == 0 {
				continue // a title above the table: the school's name, not a figure
			}
			switch row.Change {
			case inspect.Added:
				diffs = append(diffs, fmt.Sprintf("%s %s：重算多出这一行", sd.Name, row.Key))
			case inspect.Removed:
				diffs = append(diffs, fmt.Sprintf("%s %s：重算没有这一行", sd.Name, row.Key))
			default:
				for _, c := range row.Cells {
					diffs = append(diffs, cellChange(row.Key, c))
				}
			}
		}
	}
	// The totals say at once how much a month moved; each person follows.
	return append(totals, diffs...), nil
}

// cellChange says how one cell of a signed payout differs from its
// recomputation: `T01 王芳 实发合计：签字 370.00，重算 440.00（+70.00）`.
func cellChange(key string, c inspect.CellDiff) string {
	delta := ""
	if d, ok := c.Delta(); ok {
		delta = "（" + d + "）"
	}
	return fmt.Sprintf("%s %s：签字 %s，重算 %s%s", key, c.Column, c.Old.Text, c.New.Text, delta)
}

// gatherInputs finds the session log and records that a payout records in
// its folder, by sha256 (under the name recorded, or any other), and copies
// them into work under the names recorded, so that the recomputed payout
// cites its sources as the signed one does. It returns what is missing.
func gatherInputs(f *folder, inputs []sheet.InputFile, work string) (monthInputs, []string, error) {
	var in monthInputs
	var missing []string
	for _, x := range inputs {
		if x.Role != "课时登记" && x.Role != "考核记录" {
			continue // the rules are the file given now; a signed payout corrected is no input of the figures
		}
		src, err := f.find(x.Name, x.SHA256)
		if err != nil {
			return in, nil, err
		}
		if src == "" {
			short := x.SHA256
			if len(short) > 12 {
				short = short[:12] + "…"
			}
			missing = append(missing, fmt.Sprintf("缺少输入文件 %s（%s，sha256 %s）", x.Name, x.Role, short))
			continue
		}
		if err := os.MkdirAll(work, 0o755); err != nil {
			return in, nil, err
		}
		dst := filepath.Join(work, filepath.Base(x.Name))
		if err := copyInput(src, dst); err != nil {
			return in, nil, err
		}
		if x.Role == "课时登记" {
			in.sessions, in.sessionsSheet = dst, x.Sheet
		} else {
			in.records, in.recordsSheet = dst, x.Sheet
		}
	}
	if in.sessions == "" && len(missing) == 0 {
		missing = append(missing, "计算说明中没有记录课时登记")
	}
	return in, missing, nil
}

// folder finds files of one folder by sha256, hashing each file once.
type folder struct {
	dir    string
	sums   map[string]string // sha256 → path, once the folder is read
	hashed map[string]string // path → sha256
}

// find returns the file of the folder with sha256 sum, trying name first;
// "" when there is none.
func (f *folder) find(name, sum string) (string, error) {
	if f.hashed == nil {
		f.hashed = map[string]string{}
	}
	if p := filepath.Join(f.dir, filepath.Base(name)); f.hash(p) == sum {
		return p, nil
	}
	if f.sums == nil {
		f.sums = map[string]string{}
		entries, err := os.ReadDir(f.dir)
		if err != nil {
			return "", err
		}
		for _, e := range entries {
			if e.Type().IsRegular() {
				p := filepath.Join(f.dir, e.Name())
				if h := f.hash(p); h != "" {
					if _, dup := f.sums[h]; !dup {
						f.sums[h] = p
					}
				}
			}
		}
	}
	return f.sums[sum], nil
}

func (f *folder) hash(path string) string {
	if h, ok := f.hashed[path]; ok {
		return h
	}
	h := ""
	if fh, err := os.Open(path); err == nil {
		sum := sha256.New()
		if _, err := io.Copy(sum, fh); err == nil {
			h = hex.EncodeToString(sum.Sum(nil))
		}
		fh.Close()
	}
	f.hashed[path] = h
	return h
}

// copyInput copies an input file found by its sha256 to dst.
func copyInput(src, dst string) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, data, 0o644)
}
