package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"kfpay/sheet"
)

// The month of SPEC 3.7 as CSV files, as a bursar exports them. Its figures,
// worked out by hand in SPEC 3.7 (and testdata/script/money_worked_example.txtar):
// 王芳 929.00, 李强 840.00, 陈静 500.00, 张伟 91.00, 刘洋 63.00, 合计 2423.00.
const workedLogCSV = `日期,工号,教师,类型,节数
2026-09-01,T01,王芳,上课,34
2026-09-01,T01,王芳,安全管理,8
2026-09-02,T02,李强,上课,30
2026-09-02,T02,李强,安全管理,12
2026-09-03,T03,陈静,上课,25
2026-09-03,T04,张伟,行政值班,6
2026-09-04,T05,刘洋,行政值班,4
`

// workedRecordsCSV has the complaint's 比例 on line 7, column E: %s is
// "30%" in the good file and "30" in the bad one (SPEC 2.2: a bare 30 is
// rejected with a hint).
const workedRecordsCSV = `日期,工号,教师,事项,比例,金额,说明
2026-09-03,T02,李强,早退,,,
2026-09-08,T02,李强,早退,,,提前20分钟离校
2026-09-02,T03,陈静,早退,,,
2026-09-09,T03,陈静,早退,,,
2026-09-16,T03,陈静,早退,,,当月第3次
2026-09-11,T01,王芳,家长投诉,%s,,放学交接不清，经查属实
2026-09-30,T01,王芳,奖励,,50,区级公开课
`

var workedNets = map[string]string{"王芳": "929.00", "李强": "840.00", "陈静": "500.00", "张伟": "91.00", "刘洋": "63.00"}

func workedRecords(percent string) string { return fmt.Sprintf(workedRecordsCSV, percent) }

// startServe serves the page for dir on a test server of its own port.
func startServe(t *testing.T, dir string) (*server, *httptest.Server) {
	t.Helper()
	ts := httptest.NewUnstartedServer(nil)
	port := ts.Listener.Addr().(*net.TCPAddr).Port
	sv, err := newServer(dir, port)
	if err != nil {
		t.Fatal(err)
	}
	sv.now = func() time.Time { return time.Date(2026, 10, 10, 9, 0, 0, 0, time.FixedZone("CST", 8*3600)) }
	ts.Config.Handler = sv
	ts.Start()
	t.Cleanup(ts.Close)
	return sv, ts
}

// upload is one file of a form: its name on the bursar's machine and its bytes.
type upload struct{ name, body string }

// field is one part of a form, in order: a value, or a file when file is set.
type field struct {
	name, value string
	file        *upload
}

// multipartBody encodes fields in their order.
func multipartBody(t *testing.T, fields []field) (string, []byte) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for _, f := range fields {
		if f.file == nil {
			mw.WriteField(f.name, f.value)
			continue
		}
		w, err := mw.CreateFormFile(f.name, f.file.name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, f.file.body)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), b.Bytes()
}

// post sends fields to path as the page's own form does: the token first,
// from the page's own origin.
func post(t *testing.T, ts *httptest.Server, sv *server, path string, fields ...field) (int, string) {
	t.Helper()
	return do(t, formRequest(t, ts.URL+path, fields, sv.token, ts.URL))
}

func do(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func monthFields(action, records string) []field {
	return []field{
		{name: "month", value: "2026-09"},
		{name: "sessions", file: &upload{"课时登记.csv", workedLogCSV}},
		{name: "records", file: &upload{"考核记录.csv", records}},
		{name: "action", value: action},
	}
}

func TestServePageLoads(t *testing.T) {
	dir := t.TempDir()
	sv, ts := startServe(t, dir)
	code, body := do(t, mustRequest(t, "GET", ts.URL+"/", nil))
	if code != 200 {
		t.Fatalf("GET / = %d, want 200", code)
	}
	for _, want := range []string{dir, sv.token, "每月发放", "学期结算", "结束", `src="/page.js"`, "内置规则"} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	code, js := do(t, mustRequest(t, "GET", ts.URL+"/page.js", nil))
	if code != 200 || !strings.Contains(js, "FormData") {
		t.Errorf("GET /page.js = %d, %d bytes", code, len(js))
	}
}

func mustRequest(t *testing.T, method, url string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

// TestServeRefusesOtherOrigins: a request the page did not send is
// refused with 403 and runs nothing.
func TestServeRefusesOtherOrigins(t *testing.T) {
	dir := t.TempDir()
	sv, ts := startServe(t, dir)
	good := monthFields("payroll", workedRecords("30%"))
	cases := []struct {
		name   string
		req    func() *http.Request
		status int
	}{
		{"no token", func() *http.Request { return formRequest(t, ts.URL+"/month", good, "", ts.URL) }, 403},
		{"wrong token", func() *http.Request {
			return formRequest(t, ts.URL+"/month", good, strings.Repeat("0", len(sv.token)), ts.URL)
		}, 403},
		{"token not first", func() *http.Request {
			fs := append(append([]field{}, good...), field{name: "token", value: sv.token})
			return formRequest(t, ts.URL+"/month", fs, "", ts.URL)
		}, 403},
		{"foreign origin", func() *http.Request { return formRequest(t, ts.URL+"/month", good, sv.token, "http://evil.example") }, 403},
		{"origin null (a sandboxed frame, a data: page)", func() *http.Request {
			return formRequest(t, ts.URL+"/month", good, sv.token, "null")
		}, 403},
		{"origin of another port", func() *http.Request {
			return formRequest(t, ts.URL+"/month", good, sv.token, "http://127.0.0.1:1")
		}, 403},
		{"foreign host", func() *http.Request {
			r := formRequest(t, ts.URL+"/month", good, sv.token, "")
			r.Host = "evil.example:" + fmt.Sprint(sv.port) // DNS rebinding: the attacker's name, our address
			return r
		}, 403},
		{"foreign host reading the page", func() *http.Request {
			r := mustRequest(t, "GET", ts.URL+"/", nil)
			r.Host = "evil.example"
			return r
		}, 403},
		{"quit without token", func() *http.Request {
			r := mustRequest(t, "POST", ts.URL+"/quit", strings.NewReader("token=x"))
			r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			return r
		}, 403},
		{"download without token", func() *http.Request {
			return mustRequest(t, "GET", ts.URL+"/download?name=a.xlsx", nil)
		}, 403},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, body := do(t, c.req())
			if code != c.status {
				t.Fatalf("status %d, want %d: %s", code, c.status, body)
			}
			if !strings.Contains(body, "请求被拒绝") {
				t.Errorf("body %q lacks the Chinese refusal", body)
			}
		})
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("refused requests wrote %v", entries)
	}
	select {
	case <-sv.quit:
		t.Error("a refused 结束 ended the server")
	default:
	}
	// The page's own form, the same fields with the token, does run.
	code, body := do(t, formRequest(t, ts.URL+"/month", good, sv.token, ts.URL))
	if code != 200 || !strings.Contains(body, "下载 发放表-2026-09.xlsx") {
		t.Fatalf("the page's own POST = %d: %s", code, body)
	}
	// And localhost:PORT is the page's own host too.
	r := mustRequest(t, "GET", ts.URL+"/", nil)
	r.Host = "localhost:" + fmt.Sprint(sv.port)
	if code, _ := do(t, r); code != 200 {
		t.Errorf("GET / as localhost = %d, want 200", code)
	}
}

// formRequest is a POST of fields to u, the token first when given, with
// Origin origin when given.
func formRequest(t *testing.T, u string, fields []field, token, origin string) *http.Request {
	t.Helper()
	if token != "" {
		fields = append([]field{{name: "token", value: token}}, fields...)
	}
	ct, body := multipartBody(t, fields)
	r := mustRequest(t, "POST", u, bytes.NewReader(body))
	r.Header.Set("Content-Type", ct)
	if origin != "" {
		r.Header.Set("Origin", origin)
	}
	return r
}

// TestServeDownloadNames: a download is a workbook of the folder named
// plainly; any other name is refused before the disk is touched.
func TestServeDownloadNames(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "folder")
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(parent, "secret.xlsx"), []byte("outside"), 0o644)
	os.WriteFile(filepath.Join(dir, "发放表-2026-09.xlsx"), []byte("inside"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("text"), 0o644)
	if err := os.Symlink(filepath.Join(parent, "secret.xlsx"), filepath.Join(dir, "link.xlsx")); err != nil {
		t.Fatal(err)
	}
	sv, ts := startServe(t, dir)
	get := func(name string) (int, string) {
		return do(t, mustRequest(t, "GET", ts.URL+"/download?token="+sv.token+"&name="+url.QueryEscape(name), nil))
	}
	for _, c := range []struct {
		name   string
		status int
	}{
		{"../secret.xlsx", 400},
		{"..", 400},
		{`..\secret.xlsx`, 400},
		{"folder/../../secret.xlsx", 400},
		{filepath.Join(parent, "secret.xlsx"), 400},
		{`C:\Windows\win.ini`, 400},
		{"C:secret.xlsx", 400},
		{"NUL.xlsx", 400},
		{"con", 400},
		{"com1.xlsx", 400},
		{"Lpt9", 400},
		{"", 400},
		{"notes.txt", 400},
		{"link.xlsx", 404}, // a link out of the folder: os.Root refuses it
		{"没有这个文件.xlsx", 404},
	} {
		code, body := get(c.name)
		if code != c.status {
			t.Errorf("download %q = %d, want %d: %s", c.name, code, c.status, body)
		}
		if strings.Contains(body, "outside") {
			t.Errorf("download %q served the file outside the folder", c.name)
		}
	}
	code, body := get("发放表-2026-09.xlsx")
	if code != 200 || body != "inside" {
		t.Errorf("download of the folder's payout = %d %q, want 200 \"inside\"", code, body)
	}
}

func TestCheckFileName(t *testing.T) {
	for _, name := range []string{"发放表-2026-09.xlsx", "a..b", "CONSOLE.xlsx", "com10.xlsx", "nul-list.xlsx"} {
		err := checkFileName(name)
		if name == "a..b" {
			if err == nil {
				t.Errorf("checkFileName(%q) = nil, want a refusal (..)", name)
			}
			continue
		}
		if err != nil {
			t.Errorf("checkFileName(%q) = %v, want nil", name, err)
		}
	}
	for _, name := range []string{"CON", "con.txt", "Aux.xlsx", "NUL", "prn.tar.gz", "COM1", "lpt3.xlsx", "COM¹", "a/b", `a\b`, "/abs", "C:x", "x\x00y"} {
		if err := checkFileName(name); err == nil {
			t.Errorf("checkFileName(%q) = nil, want a refusal", name)
		}
	}
	// A browser on Windows may send the whole path: the name is its last part.
	if got, err := uploadName(`C:\fakepath\课时登记.xlsx`); err != nil || got != "课时登记.xlsx" {
		t.Errorf(`uploadName(C:\fakepath\课时登记.xlsx) = %q, %v`, got, err)
	}
}

// TestServeUploadLimit: an upload over the limit is refused with 413 and
// a Chinese sentence, whether or not it says its length up front.
func TestServeUploadLimit(t *testing.T) {
	dir := t.TempDir()
	sv, ts := startServe(t, dir)
	sv.limit = 1 << 20
	big := strings.Repeat("2026-09-01,T01,王芳,上课,1\n", (2<<20)/30)
	fields := []field{{name: "month", value: "2026-09"}, {name: "sessions", file: &upload{"课时登记.csv", big}}, {name: "action", value: "check"}}
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%v", chunked), func(t *testing.T) {
			req := formRequest(t, ts.URL+"/month", fields, sv.token, ts.URL)
			if chunked {
				b, _ := io.ReadAll(req.Body)
				req.Body = io.NopCloser(bytes.NewReader(b))
				req.ContentLength = -1 // sent chunked: only the reader's limit can stop it
			}
			code, body := do(t, req)
			if code != http.StatusRequestEntityTooLarge {
				t.Fatalf("status %d, want 413: %s", code, body)
			}
			if !strings.Contains(body, "上传的文件太大：一次最多 1 MB") {
				t.Errorf("body %q lacks the Chinese sentence", body)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a refused upload wrote %v", entries)
	}
}

// problemRow is the row of the page's problem table for cell.
func problemRow(body, cell string) string {
	re := regexp.MustCompile(`<tr class="(bad|warn)"><td>[^<]*</td><td class="cell">` + regexp.QuoteMeta(cell) + `</td><td>([^<]*)</td></tr>`)
	m := re.FindStringSubmatch(body)
	if m == nil {
		return ""
	}
	return m[1] + " " + m[2]
}

// TestServeBadCell: check and payroll show a bad cell under its file, at
// its cell, and payroll writes nothing.
func TestServeBadCell(t *testing.T) {
	dir := t.TempDir()
	sv, ts := startServe(t, dir)
	for _, action := range []string{"check", "payroll"} {
		t.Run(action, func(t *testing.T) {
			code, body := post(t, ts, sv, "/month", monthFields(action, workedRecords("30"))...)
			if code != 200 {
				t.Fatalf("status %d: %s", code, body)
			}
			body = htmlUnescape(body)
			if !strings.Contains(body, "<h3>考核记录.csv") || !strings.Contains(body, "1 处错误") {
				t.Errorf("the records file's heading with its one error is missing:\n%s", body)
			}
			row := problemRow(body, "第 7 行 E 列")
			if !strings.HasPrefix(row, "bad ") || !strings.Contains(row, `比例 "30"`) || !strings.Contains(row, "百分号") {
				t.Errorf("the problem at 第 7 行 E 列 = %q, want the error of 比例 \"30\" and its hint", row)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("a month with an error wrote %v", entries)
			}
		})
	}
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&#34;", `"`, "&quot;", `"`, "&#39;", "'", "&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(s)
}

// TestServePayrollEqualsCommandLine: the page's payout is the command
// line's, byte for byte, its figures those of SPEC 3.7; it is written in
// the folder only, recorded in its run record, and not replaced unless
// the page says 覆盖, as payroll without --force.
func TestServePayrollEqualsCommandLine(t *testing.T) {
	dir := t.TempDir()
	sv, ts := startServe(t, dir)
	code, body := post(t, ts, sv, "/month", monthFields("payroll", workedRecords("30%"))...)
	if code != 200 || !strings.Contains(body, "下载 发放表-2026-09.xlsx") {
		t.Fatalf("payroll = %d, want 200 and the payout to download:\n%s", code, body)
	}
	page := filepath.Join(dir, "发放表-2026-09.xlsx")
	checkWorkedPayout(t, page)

	// The command line, on the same files under the same names.
	cli := t.TempDir()
	os.WriteFile(filepath.Join(cli, "课时登记.csv"), []byte(workedLogCSV), 0o644)
	os.WriteFile(filepath.Join(cli, "考核记录.csv"), []byte(workedRecords("30%")), 0o644)
	var out, errs bytes.Buffer
	want := filepath.Join(cli, "发放表-2026-09.xlsx")
	if c := run(context.Background(), []string{"payroll", "--month", "2026-09", "--sessions", filepath.Join(cli, "课时登记.csv"),
		"--records", filepath.Join(cli, "考核记录.csv"), "-o", want}, nil, &out, &errs); c != 0 {
		t.Fatalf("kfpay payroll = %d: %s", c, errs.String())
	}
	a, _ := os.ReadFile(page)
	b, _ := os.ReadFile(want)
	if !bytes.Equal(a, b) {
		t.Errorf("the page's payout (%d bytes) differs from the command line's (%d bytes)", len(a), len(b))
	}
	// The page shows what the command prints.
	if !strings.Contains(body, "实发合计      2423.00") && !strings.Contains(body, "实发合计\t2423.00") {
		t.Errorf("the page lacks payroll's summary with 实发合计 2423.00:\n%s", body)
	}

	// Only the payout and the run record, which names the uploads.
	sheetOnly(t, dir, "kfpay-记录.tsv", "发放表-2026-09.xlsx")
	rec, _ := os.ReadFile(filepath.Join(dir, "kfpay-记录.tsv"))
	for _, want := range []string{"上传的 课时登记.csv", "上传的 考核记录.csv", "\t发放表：发放表-2026-09.xlsx（sha256 ", "kfpay payroll --month 2026-09 --sessions 课时登记.csv --records 考核记录.csv （kfpay serve 网页）"} {
		if !strings.Contains(string(rec), want) {
			t.Errorf("the run record lacks %q:\n%s", want, rec)
		}
	}

	// Again: refused as payroll refuses it without --force; with 覆盖 the
	// old one is kept as .1.bak.
	code, body = post(t, ts, sv, "/month", monthFields("payroll", workedRecords("30%"))...)
	if code != 200 || !strings.Contains(body, "已存在；如需覆盖请加 --force") {
		t.Errorf("a second payroll = %d, want the refusal of an existing payout:\n%s", code, body)
	}
	if again, _ := os.ReadFile(page); !bytes.Equal(again, a) {
		t.Error("the refused run changed the payout")
	}
	code, body = post(t, ts, sv, "/month", append(monthFields("payroll", workedRecords("30%")), field{name: "force", value: "1"})...)
	if code != 200 || !strings.Contains(body, "发放表-2026-09.xlsx.1.bak") {
		t.Errorf("payroll with 覆盖 = %d, want the old payout kept as .1.bak:\n%s", code, body)
	}
	sheetOnly(t, dir, "kfpay-记录.tsv", "发放表-2026-09.xlsx", "发放表-2026-09.xlsx.1.bak")

	// explain, on the same files: 王芳's net, worked out in SPEC 3.7.
	code, body = post(t, ts, sv, "/month", append(monthFields("explain", workedRecords("30%")), field{name: "teacher", value: "王芳"})...)
	if code != 200 || !strings.Contains(body, "实发合计 929.00") {
		t.Errorf("explain 王芳 = %d, want 实发合计 929.00:\n%s", code, body)
	}
}

// checkWorkedPayout reads the payout at path with kfpay's reader and
// compares its figures with SPEC 3.7's, worked out by hand.
func checkWorkedPayout(t *testing.T, path string) {
	t.Helper()
	pm, _, problems := sheet.ReadPayout(context.Background(), path)
	if len(problems.Errors()) > 0 {
		t.Fatalf("ReadPayout(%s): %v", path, problems)
	}
	got := map[string]string{}
	for _, l := range pm.Teachers {
		got[l.Name] = l.Net.StringFixed(2)
	}
	for name, want := range workedNets {
		if got[name] != want {
			t.Errorf("%s 实发合计 = %s, want %s", name, got[name], want)
		}
	}
	if len(got) != len(workedNets) || pm.Total.StringFixed(2) != "2423.00" {
		t.Errorf("payout of %d teachers, 合计 %s; want 5 teachers, 2423.00", len(got), pm.Total.StringFixed(2))
	}
}

// sheetOnly fails unless dir holds exactly names.
func sheetOnly(t *testing.T, dir string, names ...string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, "|") != strings.Join(names, "|") {
		t.Errorf("folder holds %v, want %v", got, names)
	}
}

// syncBuffer is a buffer that runServe writes while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// startRunServe runs kfpay serve DIR --no-browser as the command does and
// returns its URL, once it prints it, and the channel of its end.
func startRunServe(t *testing.T, ctx context.Context, dir string) (string, <-chan error, *syncBuffer) {
	t.Helper()
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, streams{in: strings.NewReader(""), out: out, err: out}, serveOptions{dir: dir, noBrowser: true})
	}()
	re := regexp.MustCompile(`kfpay 网页已启动：(http://127\.0\.0\.1:\d+/)`)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1], done, out
		}
		select {
		case err := <-done:
			t.Fatalf("serve ended at once: %v\n%s", err, out.String())
		default:
		}
	}
	t.Fatalf("serve printed no URL:\n%s", out.String())
	return "", nil, nil
}

// TestServeStops: kfpay serve ends cleanly on Ctrl-C and on the page's
// 结束 button, and the port is closed after.
func TestServeStops(t *testing.T) {
	t.Run("Ctrl-C", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		u, done, out := startRunServe(t, ctx, t.TempDir())
		if code, _ := do(t, mustRequest(t, "GET", u, nil)); code != 200 {
			t.Fatalf("GET %s = %d", u, code)
		}
		cancel()
		waitEnd(t, done, out)
		if _, err := http.Get(u); err == nil {
			t.Error("the page still answers after Ctrl-C")
		}
	})
	t.Run("结束", func(t *testing.T) {
		u, done, out := startRunServe(t, context.Background(), t.TempDir())
		_, page := do(t, mustRequest(t, "GET", u, nil))
		token := regexp.MustCompile(`name="token" value="([0-9a-f]{64})"`).FindStringSubmatch(page)
		if token == nil {
			t.Fatalf("no token on the page:\n%s", page)
		}
		r := mustRequest(t, "POST", u+"quit", strings.NewReader("token="+token[1]))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r.Header.Set("Origin", strings.TrimSuffix(u, "/"))
		code, body := do(t, r)
		if code != 200 || !strings.Contains(body, "kfpay 已结束") {
			t.Fatalf("结束 = %d: %s", code, body)
		}
		waitEnd(t, done, out)
	})
}

func waitEnd(t *testing.T, done <-chan error, out *syncBuffer) {
	t.Helper()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve = %v, want nil", err)
		}
		if !strings.Contains(out.String(), "kfpay 网页已结束。") {
			t.Errorf("serve's output lacks its end:\n%s", out.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestServeTerm: the settlement of a one-month term on the page, from the
// payout the page wrote into the folder. Worked out by hand (SPEC 4.3–4.4):
// two pupils for the whole term at a fee of 3000.00, so income 6000.00;
// teacher pay is SPEC 3.7's 2423.00; no other spending; surplus 3577.00,
// refunded in proportion to equal dues: 1788.50 each, 3577.00 in all, per
// 100 yuan due 3577.00 / 60 = 59.6166… → 59.62.
func TestServeTerm(t *testing.T) {
	dir := t.TempDir()
	rulesText := "[term]\nname = \"九月学期\"\nstart = 2026-09-01\nend = 2026-09-30\nfee = \"3000.00\"\nholidays = []\nworkdays = []\n"
	os.WriteFile(filepath.Join(dir, "rules.toml"), []byte(rulesText), 0o644)
	sv, ts := startServe(t, dir)
	if code, body := post(t, ts, sv, "/month", monthFields("payroll", workedRecords("30%"))...); code != 200 || !strings.Contains(body, "下载 发放表-2026-09.xlsx") {
		t.Fatalf("payroll = %d:\n%s", code, body)
	}
	_, page := do(t, mustRequest(t, "GET", ts.URL+"/", nil))
	if !strings.Contains(page, `name="folder_payouts" value="发放表-2026-09.xlsx" checked`) || !strings.Contains(page, "九月学期（2026-09-01 至 2026-09-30）") {
		t.Fatalf("the page does not offer the folder's payout for the term 九月学期:\n%s", page)
	}
	badRoster := "学号,姓名,班级,开始日期\nS001,张小明,一(1)班,\nS002,李小红,一(1)班,2026-13-01\n"
	code, body := post(t, ts, sv, "/term", field{name: "roster", file: &upload{"学生名单.csv", badRoster}}, field{name: "action", value: "check"})
	if row := problemRow(htmlUnescape(body), "第 3 行 D 列"); code != 200 || !strings.HasPrefix(row, "bad ") {
		t.Errorf("check of a roster with a bad 开始日期 = %d, row at 第 3 行 D 列 %q:\n%s", code, row, body)
	}
	roster := "学号,姓名,班级\nS001,张小明,一(1)班\nS002,李小红,一(1)班\n"
	code, body = post(t, ts, sv, "/term", field{name: "roster", file: &upload{"学生名单.csv", roster}},
		field{name: "folder_payouts", value: "发放表-2026-09.xlsx"}, field{name: "action", value: "settle"})
	// Without spending or 没有其他支出, refused as settle refuses it.
	if code != 200 || !strings.Contains(body, "没有给出其他支出明细") {
		t.Errorf("settle with no word of spending = %d, want settle's refusal:\n%s", code, body)
	}
	code, body = post(t, ts, sv, "/term", field{name: "roster", file: &upload{"学生名单.csv", roster}},
		field{name: "folder_payouts", value: "发放表-2026-09.xlsx"}, field{name: "no_expenses", value: "1"}, field{name: "action", value: "settle"})
	if code != 200 {
		t.Fatalf("settle = %d:\n%s", code, body)
	}
	for _, want := range []string{"应收合计（收入）\t6000.00", "教师课后服务补助\t2423.00", "结余\t3577.00", "每应缴100元退还\t59.62", "合计退费\t3577.00",
		"下载 收费结算-九月学期.xlsx", "下载 退费通知单-九月学期.xlsx", "下载 收费结算-九月学期-内部.xlsx"} {
		if !strings.Contains(body, want) {
			t.Errorf("the settlement's page lacks %q", want)
		}
	}
	sheetOnly(t, dir, "kfpay-记录.tsv", "rules.toml", "发放表-2026-09.xlsx", "收费结算-九月学期-内部.xlsx", "收费结算-九月学期.xlsx", "退费通知单-九月学期.xlsx")
	// A payout named with a folder in it is refused, as a download is.
	code, body = post(t, ts, sv, "/term", field{name: "roster", file: &upload{"学生名单.csv", roster}},
		field{name: "folder_payouts", value: "../发放表-2026-09.xlsx"}, field{name: "action", value: "settle"})
	if code != 400 || !strings.Contains(body, "含有 ..") {
		t.Errorf("settle of ../发放表-2026-09.xlsx = %d %q, want 400", code, body)
	}
}

// TestServeRefusesToStart: a folder that is not there, or a port taken,
// stops kfpay serve before it serves anything, saying why.
func TestServeRefusesToStart(t *testing.T) {
	var out, errs bytes.Buffer
	code := run(context.Background(), []string{"serve", filepath.Join(t.TempDir(), "没有"), "--no-browser"}, nil, &out, &errs)
	if code != exitBadInput || !strings.Contains(errs.String(), "不存在；请给出一个已有的文件夹") {
		t.Errorf("serve of a missing folder = %d, %q", code, errs.String())
	}
	_, ts := startServe(t, t.TempDir())
	port := ts.Listener.Addr().(*net.TCPAddr).Port
	errs.Reset()
	code = run(context.Background(), []string{"serve", t.TempDir(), "--no-browser", "--port", fmt.Sprint(port)}, nil, &out, &errs)
	if code != exitBadInput || !strings.Contains(errs.String(), fmt.Sprintf("无法在 127.0.0.1 端口 %d 上启动网页", port)) {
		t.Errorf("serve on a port in use = %d, %q", code, errs.String())
	}
}
