package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// needChromium finds a Chromium or Chrome to drive: skipped without one on
// a developer's machine, failed in CI (CI=true), where .ci/run installs it.
func needChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	skipOrFail(t, []string{"chromium (Debian package chromium)"})
	return ""
}

// TestServeInBrowser is the bursar's month on the page, in headless
// Chromium: choose the month and the two files, 检查, see the error at its
// cell, choose the corrected records, 生成发放表, download the payout, and
// 结束. The downloaded payout, read with kfpay's reader, has SPEC 3.7's
// figures, and is byte for byte what kfpay payroll writes from the same
// files.
func TestServeInBrowser(t *testing.T) {
	chrome := needChromium(t)
	start := time.Now()

	// The bursar's files, in a folder of their own; the page works in dir.
	files := t.TempDir()
	for _, f := range []struct{ path, text string }{
		{"课时登记.csv", workedLogCSV},
		{"错/考核记录.csv", workedRecords("30")},
		{"改/考核记录.csv", workedRecords("30%")},
	} {
		p := filepath.Join(files, f.path)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(f.text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir, downloads := t.TempDir(), t.TempDir()
	u, done, out := startRunServe(t, context.Background(), dir)

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox, // root in a container has no sandbox to give
		chromedp.DisableGPU,
		chromedp.Flag("disable-dev-shm-usage", true),
	)...)
	defer cancelAlloc()
	browserCtx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// The browser lives as long as the context of the first call: start it
	// before limiting the steps' time.
	if err := chromedp.Do(browserCtx); err != nil {
		t.Fatalf("starting %s: %v", chrome, err)
	}
	ctx, cancelTime := context.WithTimeout(browserCtx, 60*time.Second)
	defer cancelTime()

	// result clicks button and returns the text of the result it shows,
	// once the page has put a new one in place.
	result := func(button string) string {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
				_, err := chromedp.Evaluate[string](`document.getElementById("result").innerHTML = ""`)(ctx, tg)
				return err
			}),
			chromedp.Click(chromedp.ID(button)),
			chromedp.WaitVisible(chromedp.CSS(`#result h2`)),
		)
		if err != nil {
			dbg, cancel := context.WithTimeout(browserCtx, 5*time.Second)
			defer cancel()
			state, _ := chromedp.Run(dbg, chromedp.Evaluate[string](`"month=" + document.getElementById("month").value + " sessions=" + document.getElementById("sessions").files.length + " result=" + document.getElementById("result").outerHTML`))
			t.Fatalf("clicking %s: %v\npage: %s\nkfpay serve said:\n%s", button, err, state, out.String())
		}
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.ID("result")))
		if err != nil {
			t.Fatal(err)
		}
		return text
	}

	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads})
			return err
		}),
		chromedp.Navigate(u),
		chromedp.SetValue(chromedp.ID("month"), "2026-09"),
		chromedp.SetUploadFiles(chromedp.ID("sessions"), []string{filepath.Join(files, "课时登记.csv")}),
		chromedp.SetUploadFiles(chromedp.ID("records"), []string{filepath.Join(files, "错/考核记录.csv")}),
	)
	if err != nil {
		t.Fatalf("opening the page: %v", err)
	}
	if title, _ := chromedp.Run(ctx, chromedp.Title()); title != "kfpay 课后服务补助" {
		t.Errorf("title %q", title)
	}

	// The bad 比例 at its cell, under its file, and nothing written.
	got := result("check")
	for _, want := range []string{"考核记录.csv（", "1 处错误", "第 7 行 E 列", `比例 "30"`, "检查未通过"} {
		if !strings.Contains(got, want) {
			t.Errorf("check's result lacks %q:\n%s", want, got)
		}
	}
	sheetOnly(t, dir)

	// The corrected records chosen; the session log stays chosen.
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.ID("records"), []string{filepath.Join(files, "改/考核记录.csv")})); err != nil {
		t.Fatal(err)
	}
	if got := result("check"); !strings.Contains(got, "检查通过") {
		t.Errorf("check of the corrected records:\n%s", got)
	}
	got = result("payroll")
	if !strings.Contains(got, "下载 发放表-2026-09.xlsx") || !strings.Contains(got, "2423.00") {
		t.Fatalf("payroll's result:\n%s", got)
	}

	// Download it, as the bursar does: a click on the link.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#result a.download`))); err != nil {
		t.Fatal(err)
	}
	downloaded := filepath.Join(downloads, "发放表-2026-09.xlsx")
	for deadline := time.Now().Add(20 * time.Second); !isFile(downloaded); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(downloads)
			t.Fatalf("no download in %s after 20 s: %v", downloads, entries)
		}
	}
	checkWorkedPayout(t, downloaded)

	// kfpay payroll on the same files writes the same bytes.
	cli := filepath.Join(t.TempDir(), "发放表-2026-09.xlsx")
	var stdout, stderr bytes.Buffer
	if c := run(context.Background(), []string{"payroll", "--month", "2026-09", "--sessions", filepath.Join(files, "课时登记.csv"),
		"--records", filepath.Join(files, "改/考核记录.csv"), "-o", cli}, nil, &stdout, &stderr); c != 0 {
		t.Fatalf("kfpay payroll = %d: %s", c, stderr.String())
	}
	a, _ := os.ReadFile(downloaded)
	b, _ := os.ReadFile(cli)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("the downloaded payout (%d bytes) is not kfpay payroll's (%d bytes)", len(a), len(b))
	}

	// 结束 stops kfpay; the page says so.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("quit"))); err != nil {
		t.Fatal(err)
	}
	waitEnd(t, done, out)
	// The server is gone; the browser may still be showing its last page.
	var ended string
	for deadline := time.Now().Add(10 * time.Second); !strings.HasPrefix(ended, "kfpay 已结束") && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ended, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	}
	if !strings.HasPrefix(ended, "kfpay 已结束") {
		t.Errorf("after 结束 the page says %q", ended)
	}
	t.Logf("the month in Chromium took %v", time.Since(start).Round(10*time.Millisecond))
}
