package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"kfpay/calc"
	"kfpay/rules"
)

// The page's files: one template and a little plain JavaScript (sending
// the forms without leaving the page, so the files chosen stay chosen, and
// dropping files on a field). No framework and nothing from the network:
// the page works offline.
//
//go:embed serve/page.html serve/page.js
var servePage embed.FS

// server is kfpay serve's page for one folder.
//
// Security (README, "The local page"): it listens on 127.0.0.1 only, and
// it answers only what its own page sends, checked three ways:
//   - the Host header must be 127.0.0.1:PORT or localhost:PORT, so that a
//     web site whose name an attacker points at 127.0.0.1 (DNS rebinding)
//     can neither read the page, with its token, nor post to it;
//   - an Origin header, which browsers send with every POST, must be the
//     page's own;
//   - every POST, and every download, carries the token: 32 random bytes
//     made when kfpay starts and known only to the page it serves (a
//     hidden field of each form, the first part of the form). Another
//     site's page cannot read it, so it cannot make the page run anything.
type server struct {
	dir   string // absolute; outputs go here and nowhere else
	port  int
	token string
	limit int64 // the most bytes one request may send
	now   func() time.Time
	page  *template.Template
	mux   *http.ServeMux

	mu       sync.Mutex // one run at a time: two would race for the same output
	quit     chan struct{}
	quitOnce sync.Once
}

func newServer(dir string, port int) (*server, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	page, err := template.New("page.html").Funcs(template.FuncMap{"inc": func(i int) int { return i + 1 }}).ParseFS(servePage, "serve/page.html")
	if err != nil {
		return nil, err
	}
	sv := &server{dir: dir, port: port, token: hex.EncodeToString(b), limit: uploadLimit, now: time.Now,
		page: page, quit: make(chan struct{})}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", sv.handlePage)
	mux.HandleFunc("GET /page.js", sv.handleScript)
	mux.HandleFunc("GET /download", sv.handleDownload)
	mux.HandleFunc("POST /month", sv.handleMonth)
	mux.HandleFunc("POST /term", sv.handleTerm)
	mux.HandleFunc("POST /quit", sv.handleQuit)
	sv.mux = mux
	return sv, nil
}

func (sv *server) url() string { return fmt.Sprintf("http://127.0.0.1:%d/", sv.port) }

// ServeHTTP refuses what the page did not send (see server), then routes.
func (sv *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// Nothing but the page's own script and forms, and no framing (a
	// page of another site must not put this one under its buttons).
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	// same-origin, not no-referrer: with no-referrer a form POST carries
	// "Origin: null", which the check below must refuse.
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cache-Control", "no-store")
	if !sv.ownHost(r.Host) {
		refuse(w, errForbidden)
		return
	}
	if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
		refuse(w, errForbidden)
		return
	}
	sv.mux.ServeHTTP(w, r)
}

func (sv *server) ownHost(host string) bool {
	p := ":" + strconv.Itoa(sv.port)
	return host == "127.0.0.1"+p || host == "localhost"+p
}

// refuse answers a refused request with its Chinese sentence.
func refuse(w http.ResponseWriter, err error) {
	var he *httpError
	if !errors.As(err, &he) {
		he = &httpError{http.StatusInternalServerError, err.Error()}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(he.status)
	fmt.Fprintln(w, he.msg)
}

// pageData is what the page shows.
type pageData struct {
	Token    string
	Dir      string
	Rules    string // which rules file is used, in words
	Term     string // the term of those rules, or why they do not load
	HasRules bool   // the folder has a rules.toml
	Files    []string
	Payouts  []string // the folder's 发放表-*.xlsx, for the settlement
	Month    string
	Teacher  string
	Result   *result
	Quit     bool // the page after 结束
}

// result is the outcome of one run, as the page shows it.
type result struct {
	Title   string
	OK      bool
	Verdict string
	Files   []fileView
	Out     string   // what the command printed to stdout
	Err     string   // what it printed to stderr: warnings, or an error of no cell
	Wrote   []string // the files it wrote in the folder, by name
}

type fileView struct {
	Name, What   string
	Errs, Warns  int
	Problems     []problemView
	Notes        []string
	WithoutIssue bool
}

type problemView struct {
	Warning    bool
	Cell, Text string
}

func (sv *server) handlePage(w http.ResponseWriter, r *http.Request) {
	sv.render(w, sv.data(nil))
}

func (sv *server) handleScript(w http.ResponseWriter, r *http.Request) {
	b, _ := servePage.ReadFile("serve/page.js")
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Write(b)
}

// data is the page's data, with res the result of a run (nil: none yet).
func (sv *server) data(res *result) *pageData {
	d := &pageData{Token: sv.token, Dir: sv.dir, Result: res}
	d.Rules = "内置规则（本文件夹中没有 rules.toml）"
	r := rules.Default()
	if p := filepath.Join(sv.dir, "rules.toml"); isFile(p) {
		d.HasRules = true
		d.Rules = "本文件夹中的 rules.toml"
		var err error
		if r, err = rules.Load(p); err != nil {
			d.Term = "rules.toml 有错误，请先点“检查”查看：" + firstLine(err.Error())
			r = nil
		}
	}
	if r != nil {
		d.Term = fmt.Sprintf("%s（%s 至 %s）", r.Term.Name, r.Term.Start, r.Term.End)
	}
	entries, _ := os.ReadDir(sv.dir)
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.EqualFold(filepath.Ext(name), ".xlsx") || checkFileName(name) != nil {
			continue
		}
		d.Files = append(d.Files, name)
		if strings.HasPrefix(name, "发放表-") {
			d.Payouts = append(d.Payouts, name)
		}
	}
	return d
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

func isFile(path string) bool {
	fi, err := os.Lstat(path)
	return err == nil && fi.Mode().IsRegular()
}

func (sv *server) render(w http.ResponseWriter, d *pageData) {
	var b bytes.Buffer
	if err := sv.page.Execute(&b, d); err != nil {
		refuse(w, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(b.Bytes())
}

// handleDownload serves a workbook of the folder by its name: a plain
// name, read through an os.Root of the folder, so that neither .., nor an
// absolute path, nor a link out of the folder reaches another file.
func (sv *server) handleDownload(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if !sv.tokenOK(q.Get("token")) {
		refuse(w, errForbidden)
		return
	}
	name := q.Get("name")
	if err := checkFileName(name); err != nil {
		refuse(w, err)
		return
	}
	if !strings.EqualFold(filepath.Ext(name), ".xlsx") {
		refuse(w, &httpError{http.StatusBadRequest, "只能下载本文件夹中的 .xlsx 工作簿。"})
		return
	}
	root, err := os.OpenRoot(sv.dir)
	if err != nil {
		refuse(w, err)
		return
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		refuse(w, &httpError{http.StatusNotFound, "本文件夹中没有 " + name + "。"})
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		refuse(w, &httpError{http.StatusNotFound, "本文件夹中没有 " + name + "。"})
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name))
	http.ServeContent(w, r, "", fi.ModTime(), f)
}

// handleQuit ends kfpay: the page's 结束 button.
func (sv *server) handleQuit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if err := r.ParseForm(); err != nil || !sv.tokenOK(r.PostForm.Get("token")) {
		refuse(w, errForbidden)
		return
	}
	sv.render(w, &pageData{Dir: sv.dir, Quit: true})
	sv.quitOnce.Do(func() { close(sv.quit) })
}

// run runs one command as the command line would, under the page's lock,
// and tells what came of it. args are the equivalent command line, for the
// run record; shown names the uploaded files there by the names they had.
func (sv *server) run(title string, args []string, shown map[string]string, cmd func(streams) error) *result {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	var out, errs bytes.Buffer
	rec := &recorder{now: sv.now, args: args, shown: shown, dir: sv.dir, via: "（kfpay serve 网页）"}
	s := streams{in: strings.NewReader(""), out: &out, err: &errs, rec: rec}
	res := &result{Title: title}
	err := cmd(s)
	res.OK = err == nil
	var ps calc.Problems
	switch {
	case err == nil:
		res.Wrote = sv.written(rec.wrote)
	case errors.As(err, &ps):
		res.Files = views(distribute(nil, ps))
		e, wn := 0, 0
		for _, f := range res.Files {
			e, wn = e+f.Errs, wn+f.Warns
		}
		res.Verdict = "没有生成任何文件：" + countText(e, wn) + "。按上面所列逐一改正，重新选择改好的文件后再试。"
	default:
		exitCode(s, err) // prints err for the bursar, as the command does
	}
	res.Out, res.Err = out.String(), errs.String()
	return res
}

// written are the names of the files a run wrote in the folder.
func (sv *server) written(paths []string) []string {
	var names []string
	for _, p := range paths {
		if filepath.Dir(p) == sv.dir {
			names = append(names, filepath.Base(p))
		}
	}
	return names
}

// views are checked files as the page shows them.
func views(files []*checked) []fileView {
	var out []fileView
	for _, f := range files {
		f.sort()
		v := fileView{Name: f.name, What: f.what, Notes: f.notes}
		v.Errs, v.Warns = f.counts()
		v.WithoutIssue = v.Errs == 0 && v.Warns == 0
		for _, p := range f.problems {
			v.Problems = append(v.Problems, problemView{Warning: p.warning, Cell: p.cell, Text: p.detail})
		}
		out = append(out, v)
	}
	return out
}

// checkResult is the outcome of checkFiles as the page shows it.
func (sv *server) checkResult(ctx context.Context, o checkOptions) *result {
	var files []*checked
	res := sv.run("检查", nil, nil, func(s streams) error {
		var err error
		files, err = checkFiles(ctx, s, o)
		return err
	})
	if !res.OK {
		return res
	}
	res.Files = views(files)
	errs, warns := 0, 0
	for _, f := range res.Files {
		errs, warns = errs+f.Errs, warns+f.Warns
	}
	switch {
	case errs > 0:
		res.OK = false
		res.Verdict = "检查未通过：" + countText(errs, warns) + "。按上面所列逐一改正，重新选择改好的文件后再检查。"
	case warns > 0:
		res.Verdict = fmt.Sprintf("检查通过，但有 %d 处警告，请逐一核对。", warns)
	default:
		res.Verdict = "检查通过，没有发现问题。"
	}
	return res
}

// rulesFile is the rules file of a run: the one uploaded, else the
// folder's rules.toml, else none (the built-in rules).
func (sv *server) rulesFile(f *form, shown map[string]string) string {
	if p := f.file("rules"); p != "" {
		shown[p] = "上传的 " + filepath.Base(p)
		return p
	}
	if p := filepath.Join(sv.dir, "rules.toml"); isFile(p) {
		shown[p] = "rules.toml"
		return p
	}
	return ""
}

// handleMonth runs check, payroll or explain on a month's uploaded files.
func (sv *server) handleMonth(w http.ResponseWriter, r *http.Request) {
	f, err := sv.readForm(w, r)
	if err != nil {
		refuse(w, err)
		return
	}
	defer os.RemoveAll(f.tmp)
	shown := map[string]string{}
	upload := func(field string) string {
		p := f.file(field)
		if p != "" {
			shown[p] = "上传的 " + filepath.Base(p)
		}
		return p
	}
	in := monthInputs{month: f.value("month"), sessions: upload("sessions"), records: upload("records"),
		noRecords: f.value("no_records") != "", staff: upload("staff"), rules: sv.rulesFile(f, shown)}
	ctx := r.Context()
	var res *result
	switch f.value("action") {
	case "check":
		res = sv.checkResult(ctx, checkOptions{month: in.month, sessions: in.sessions, records: in.records, noRecords: in.noRecords,
			staff: in.staff, rules: in.rules})
	case "payroll":
		o := payrollOptions{monthInputs: in, force: f.value("force") != "", outDir: sv.dir}
		res = sv.run("生成发放表", monthArgs("payroll", in, o.force), shown, func(s streams) error { return runPayroll(ctx, s, o) })
	case "explain":
		o := explainOptions{monthInputs: in, teacher: f.value("teacher")}
		res = sv.run("说明 "+o.teacher, nil, nil, func(s streams) error { return runExplain(ctx, s, o) })
	default:
		refuse(w, &httpError{http.StatusBadRequest, "不知道要做什么：请点网页上的按钮。"})
		return
	}
	d := sv.data(res)
	d.Month, d.Teacher = in.month, f.value("teacher")
	sv.render(w, d)
}

// monthArgs is the command line equivalent to a run of the page, for the
// run record: the files by the names they were uploaded under.
func monthArgs(cmd string, in monthInputs, force bool) []string {
	args := []string{cmd, "--month", in.month, "--sessions", filepath.Base(in.sessions)}
	if in.records != "" {
		args = append(args, "--records", filepath.Base(in.records))
	}
	if in.noRecords {
		args = append(args, "--no-records")
	}
	if in.staff != "" {
		args = append(args, "--staff", filepath.Base(in.staff))
	}
	if in.rules != "" {
		args = append(args, "--rules", filepath.Base(in.rules))
	}
	if force {
		args = append(args, "--force")
	}
	return args
}

// handleTerm runs check or settle on the term's files: the roster and
// spending uploaded, the payouts uploaded or chosen from the folder.
func (sv *server) handleTerm(w http.ResponseWriter, r *http.Request) {
	f, err := sv.readForm(w, r)
	if err != nil {
		refuse(w, err)
		return
	}
	defer os.RemoveAll(f.tmp)
	shown := map[string]string{}
	rulesPath := sv.rulesFile(f, shown)
	roster, expenses := f.file("roster"), f.file("expenses")
	for _, p := range []string{roster, expenses} {
		if p != "" {
			shown[p] = "上传的 " + filepath.Base(p)
		}
	}
	var payouts []string
	for _, p := range f.files["payouts"] {
		shown[p] = "上传的 " + filepath.Base(p)
		payouts = append(payouts, p)
	}
	for _, name := range f.values["folder_payouts"] {
		if err := checkFileName(name); err != nil {
			refuse(w, err)
			return
		}
		p := filepath.Join(sv.dir, name)
		if !isFile(p) {
			refuse(w, &httpError{http.StatusBadRequest, "本文件夹中没有 " + name + "。"})
			return
		}
		shown[p] = name
		payouts = append(payouts, p)
	}
	ctx := r.Context()
	var res *result
	switch f.value("action") {
	case "check":
		if roster == "" && expenses == "" {
			res = &result{Title: "检查", Err: "请选择学生名单或支出明细。"}
			break
		}
		res = sv.checkResult(ctx, checkOptions{roster: roster, expenses: expenses, rules: rulesPath})
	case "settle":
		o := settleOptions{rules: rulesPath, roster: roster, payouts: payouts, expenses: expenses, noExpenses: f.value("no_expenses") != "",
			force: f.value("force") != "", outDir: sv.dir}
		args := []string{"settle", "--roster", filepath.Base(roster)}
		for _, p := range payouts {
			args = append(args, "--payouts", filepath.Base(p))
		}
		if expenses != "" {
			args = append(args, "--expenses", filepath.Base(expenses))
		}
		if o.noExpenses {
			args = append(args, "--no-expenses")
		}
		if rulesPath != "" {
			args = append(args, "--rules", filepath.Base(rulesPath))
		}
		if o.force {
			args = append(args, "--force")
		}
		res = sv.run("学期结算", args, shown, func(s streams) error { return runSettle(ctx, s, o) })
	default:
		refuse(w, &httpError{http.StatusBadRequest, "不知道要做什么：请点网页上的按钮。"})
		return
	}
	sv.render(w, sv.data(res))
}
