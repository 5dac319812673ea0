// Command kfpay is the payroll calculator for a primary school's after-school
// service (课后服务): monthly teacher pay from the session log and discipline
// records, and the term's fee settlement with parents.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"syscall"
	"time"

	"kfpay/calc"
)

// version is printed by --version and recorded in every output workbook
// and run record. .ci/release stamps the release's version in with
// -ldflags "-X main.version=…" (this number, then "+" and the commit); a
// plain go build, go run or go test keeps this number, which is what the
// tests' scripts and hand-worked files expect.
var version = "0.1.0"

// Exit statuses, listed in the root command's help.
const (
	exitOK        = 0
	exitDifferent = 1   // diff: the workbooks differ
	exitFailed    = 1   // verify: a case failed, or a signed payout differs
	exitBadInput  = 2   // bad input or usage
	exitBug       = 3   // kfpay's own bug: a panic, or a figure that does not add up
	exitInterrupt = 130 // Ctrl-C, as shells report a command ended by SIGINT
)

func main() {
	limitMemory()
	os.Exit(launch(interruptible(), os.Args[1:], startedByExplorer(), os.Stdin, os.Stdout, os.Stderr))
}

// interruptible is a context that Ctrl-C (or a TERM signal) cancels. The
// readers and writers look at it every few thousand rows and stop, and no
// output is renamed into place once it is done: an interrupted run leaves
// no temporary file and no partial output, and nothing the user had is
// lost. A second Ctrl-C ends kfpay at once, as it would without this.
func interruptible() context.Context {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	return ctx
}

// memoryFloor is the memory limit of a run whose live heap is small: a
// district's month of a million rows holds about 130 MB live at its peak,
// and left to itself the collector lets the heap grow to twice what is
// live, which took that run to 250 MB; under the limit it stays under
// 200 MB (issue 7).
//
// It was a fixed limit once. But the 250,000 teachers of a month of four
// rows each hold more than 400 MB live, and with the heap pinned at the
// limit the collector ran almost without pause, 55% of the CPU (issue 20).
// So after each collection the pace is set anew from what it found live:
// Go's own (GOGC=100) while twice that is under the floor; above, the heap
// may grow to the floor, or by growthPercent, whichever is more, and the
// memory limit is that heap goal. A month that holds more than the floor
// live then costs a collection for each half of its live heap allocated,
// as GOGC=50 would, and no more memory than 1.5 times what it holds.
//
// A run's first few megabytes are another matter: Go collects first at a
// heap of 4 MiB, and a school's month of 2,000 rows, which allocates about
// 8 MB in all and holds less than 5 MB live, paid for four collections
// (nearly a third of its CPU time, and pauses of several milliseconds while the
// other core was busy). So the heap may grow to smallHeap before the pace
// above applies: a month that allocates less than that is never collected,
// and one whose live heap is under half of it collects each time it
// reaches smallHeap.
const (
	memoryFloor   = 160 << 20
	growthPercent = 50
	smallHeap     = 32 << 20
	// smallPercent is the GOGC whose minimum heap is smallHeap: the
	// runtime's minimum, 4 MiB at GOGC=100, grows with GOGC.
	smallPercent = smallHeap / (4 << 20) * 100
)

// limitMemory sets the collector's pace unless GOGC or GOMEMLIMIT set it.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(gcPercent(0))
	debug.SetMemoryLimit(memoryLimit(0))
	watchCollections()
}

// memoryLimit is the memory limit for a live heap of live bytes: the heap
// goal of gcPercent, which the runtime then keeps the process's whole
// memory under, giving freed memory back to the system as it goes.
func memoryLimit(live uint64) int64 {
	live = max(live, 4<<20)
	return max(memoryFloor, int64(live)*(100+growthPercent)/100)
}

// gcPercent is the GOGC for a live heap of live bytes: a heap goal of
// smallHeap while what is live is under half of it, then Go's own 100
// while twice what is live is under memoryFloor; above, the heap may reach
// the floor, or grow by growthPercent, whichever is more.
func gcPercent(live uint64) int {
	if live < smallHeap/2 {
		// No more than smallPercent: above it the runtime's minimum heap
		// would be over smallHeap.
		return min(smallPercent, int(smallHeap*100/max(live, 1))-100)
	}
	if live <= memoryFloor/2 {
		return 100
	}
	return max(growthPercent, int(float64(memoryFloor)/float64(live)*100)-100)
}

// gcSentinel is an object dropped as soon as it is made, whose finalizer
// runs after the next collection: the one hook the runtime gives on a
// collection's end.
type gcSentinel struct {
	next *gcSentinel
	_    [16]byte
}

// watchCollections sets the pace anew after each collection.
func watchCollections() {
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		live := liveHeap()
		debug.SetGCPercent(gcPercent(live))
		debug.SetMemoryLimit(memoryLimit(live))
		watchCollections()
	})
}

// liveHeap is the heap the last collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// streams are a command's standard streams, so tests can give it buffers,
// and the recorder of its run record (nil: none).
type streams struct {
	in       io.Reader
	out, err io.Writer
	rec      *recorder
}

// run executes one kfpay command line and returns its exit status.
//
// It holds kfpay's one recover: no input may make kfpay panic (the readers
// are fuzzed for it), so a panic is a bug in kfpay, wherever it happens. It
// is said to be one, with what a maintainer needs, and the exit status is
// exitBug. The writers leave no temporary file as a panic passes through
// them, and no output is renamed into place after one.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runAt(ctx, time.Now, args, stdin, stdout, stderr)
}

// runAt is run with the clock now, which only the run record (kfpay-记录.tsv)
// reads: no output workbook depends on it.
func runAt(ctx context.Context, now func() time.Time, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "程序错误：%v\n这是 kfpay 自身的错误，不是所给文件的问题。请把这段信息连同所用的命令和文件交给维护人员。\n\n%s", r, debug.Stack())
			code = exitBug
		}
	}()
	s := streams{in: stdin, out: stdout, err: stderr, rec: &recorder{now: now, args: args}}
	root := newRootCmd(s)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	return exitCode(s, err)
}

// exitError carries an exit status other than the one its kind of error implies.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return ""
	}
	return e.err.Error()
}
func (e *exitError) Unwrap() error { return e.err }

// exitCode prints err for the bursar and maps it to an exit status. It is the
// one place that decides exit statuses.
func exitCode(s streams, err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, context.Canceled) {
		fmt.Fprintln(s.err, "已中断：没有生成任何文件，原有文件没有改动。")
		return exitInterrupt
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			printError(s, ee.err)
		}
		if isBug(ee.err) {
			return exitBug
		}
		return ee.code
	}
	printError(s, err)
	if isBug(err) {
		return exitBug
	}
	return exitBadInput
}

// isBug reports whether err holds a problem that is kfpay's own bug
// (calc.CodeInternal): a total that does not add up, a row a reader
// neither used nor reported. Its message asks for a report.
func isBug(err error) bool {
	var ps calc.Problems
	if !errors.As(err, &ps) {
		return false
	}
	for _, p := range ps {
		if p.Code == calc.CodeInternal {
			return true
		}
	}
	return false
}

// printError prints every problem of err on its own line. An error that
// lists several problems one a line (a rules file's) has each line marked,
// so that none reads as the continuation of another.
func printError(s streams, err error) {
	var ps calc.Problems
	if errors.As(err, &ps) {
		printProblems(s.err, ps)
		return
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintln(s.err, "错误："+line)
	}
}

// printProblems prints problems grouped by file, errors before warnings.
func printProblems(w io.Writer, ps calc.Problems) {
	errs, warns := ps.Errors(), ps.Warnings()
	for _, p := range errs {
		fmt.Fprintln(w, "错误："+p.Error())
	}
	for _, p := range warns {
		fmt.Fprintln(w, "警告："+p.Error())
	}
	if len(errs) > 0 {
		more := ""
		if len(errs) >= calc.MaxProblems {
			more = "（已达上限，其余未列出）"
		}
		fmt.Fprintf(w, "共 %d 处错误%s，未生成任何文件。\n", len(errs), more)
	}
}
