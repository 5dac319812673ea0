package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// launch runs kfpay as the bursar started it. From a terminal it is run:
// the command line as typed, and no arguments print the help. Double-clicked
// in Windows Explorer (byExplorer, and no arguments) it is kfpay serve in
// the folder of kfpay.exe, which opens the page in the browser: the bursar
// who never opens a terminal gets the page, not cobra's "This is a command
// line tool" for five seconds. A window of its own closes when kfpay ends,
// so after a failure there it waits for Enter, to let the message be read.
func launch(ctx context.Context, args []string, byExplorer bool, stdin io.Reader, stdout, stderr io.Writer) int {
	args = doubleClickArgs(args, byExplorer, exeDir())
	code := run(ctx, args, stdin, stdout, stderr)
	if byExplorer && code != exitOK {
		fmt.Fprintln(stderr, "按回车键关闭此窗口。")
		bufio.NewReader(stdin).ReadString('\n')
	}
	return code
}

// doubleClickArgs are the arguments kfpay runs with: serve DIR when it was
// started from Explorer with none, else args.
func doubleClickArgs(args []string, byExplorer bool, dir string) []string {
	if byExplorer && len(args) == 0 {
		return []string{"serve", dir}
	}
	return args
}

// exeDir is the folder of the kfpay executable, where a bursar who
// double-clicks it keeps the month's files; the current folder when the
// executable cannot be found.
func exeDir() string {
	exe, err := os.Executable()
	if err != nil {
		return "."
	}
	if real, err := filepath.EvalSymlinks(exe); err == nil {
		exe = real
	}
	return filepath.Dir(exe)
}
