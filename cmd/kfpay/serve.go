package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"time"

	"github.com/spf13/cobra"
)

type serveOptions struct {
	dir       string // the folder the page works in: outputs go there, and only there
	port      int    // 0: a free port chosen by the system
	noBrowser bool
}

func newServeCmd(s streams) *cobra.Command {
	var o serveOptions
	cmd := &cobra.Command{
		Use:   "serve [文件夹]",
		Short: "在浏览器中使用 kfpay：检查、生成发放表、说明、学期结算（只在本机）",
		Long: `在本机启动一个网页，并用默认浏览器打开它：选择月份和登记表（或拖到网页上），
检查（按文件列出每一处问题和所在单元格）、生成发放表并下载、逐项说明一位教师的
数字；学期末同样地检查和结算。网页运行的就是 check、payroll、explain、settle
这几个命令本身，结果与命令行完全相同。

生成的文件只写在给出的文件夹中（默认当前文件夹，网页上会显示），已有的文件
不勾选“覆盖”就不会被替换（替换时旧文件改名为 .1.bak 保留）。网页只监听
127.0.0.1，别的电脑打不开；只接受本网页自己发出的请求。按 Ctrl-C 或在网页上
点“结束”停止。`,
		Example: `  kfpay serve                 # 在当前文件夹中工作
  kfpay serve 2026秋季        # 在 2026秋季 文件夹中工作
  kfpay serve --port 8080 --no-browser`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.dir = args[0]
			}
			return runServe(cmd.Context(), s, o)
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.port, "port", 0, "`端口` 监听的端口（默认由系统选一个空闲端口）")
	f.BoolVar(&o.noBrowser, "no-browser", false, "不自动打开浏览器，只打印网址")
	return cmd
}

// runServe serves the page for o.dir on 127.0.0.1 until ctx is cancelled
// (Ctrl-C) or the page's 结束 button is pressed, then shuts the server down,
// letting a run in progress finish or stop at its next look at ctx.
func runServe(ctx context.Context, s streams, o serveOptions) error {
	if o.dir == "" {
		o.dir = "."
	}
	dir, err := filepath.Abs(o.dir)
	if err != nil {
		return &exitError{exitBadInput, err}
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return &exitError{exitBadInput, fmt.Errorf("文件夹 %s 不存在；请给出一个已有的文件夹", o.dir)}
	}
	if o.port < 0 || o.port > 65535 {
		return &exitError{exitBadInput, fmt.Errorf("--port %d 不是有效的端口（1–65535，或 0 由系统选）", o.port)}
	}
	// 127.0.0.1, never all interfaces: the page reads and writes the
	// bursar's files, and nobody else on the school's network may reach it.
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(o.port)))
	if err != nil {
		return &exitError{exitBadInput, fmt.Errorf("无法在 127.0.0.1 端口 %d 上启动网页：%w（换一个 --port，或不加 --port 由系统选）", o.port, err)}
	}
	sv, err := newServer(dir, ln.Addr().(*net.TCPAddr).Port)
	if err != nil {
		ln.Close()
		return err
	}
	hs := &http.Server{
		Handler:           sv,
		ReadHeaderTimeout: 10 * time.Second,
		// Ctrl-C cancels the runs in progress too: they stop as the
		// command would, writing nothing.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	url := sv.url()
	fmt.Fprintf(s.out, "kfpay 网页已启动：%s\n工作文件夹：%s\n", url, dir)
	if !o.noBrowser {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(s.err, "未能自动打开浏览器（%v）；请在浏览器中打开 %s\n", err, url)
		}
	}
	fmt.Fprintln(s.out, "在网页上点“结束”，或在这里按 Ctrl-C，停止 kfpay。")

	select {
	case <-ctx.Done():
	case <-sv.quit:
	case err := <-served:
		return err
	}
	stop, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := hs.Shutdown(stop); err != nil {
		return fmt.Errorf("停止网页时出错：%w", err)
	}
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(s.out, "kfpay 网页已结束。")
	return nil
}

// openBrowser opens url in the default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		// rundll32 rather than cmd /c start, which would read the & of a
		// URL as its own.
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	case "darwin":
		cmd = exec.Command("open", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reaped whenever the opener exits; its status says nothing of the browser
	return nil
}
