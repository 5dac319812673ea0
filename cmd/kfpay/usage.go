package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The bursar reads every word kfpay prints, cobra's and pflag's included, so
// their English texts are replaced here: usage, help and completion texts,
// and the errors of a mistyped command line.

// Commands are listed in the order a bursar meets them (init, check,
// payroll, …), not alphabetically. The switch is cobra's global: set once,
// before any command tree is built, not by each run (the tests run
// commands side by side, and the race detector saw them write it at once).
func init() { cobra.EnableCommandSorting = false }

// localize puts the Chinese texts on root and every command under it. It
// runs once the command tree is built, before Execute.
func localize(root *cobra.Command) {
	root.SetUsageFunc(usageFunc)
	root.SetFlagErrorFunc(flagError)
	root.SetHelpCommand(newHelpCmd())
	root.InitDefaultVersionFlag()
	if f := root.Flags().Lookup("version"); f != nil {
		f.Usage = "显示版本号"
	}
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			localizeCompletion(c)
		}
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.DisableFlagsInUseLine = true // cobra would add an English [flags]
		c.Flags().SortFlags = false    // in the order the command declares them: month, sessions, …
		c.InitDefaultHelpFlag()
		c.Flags().Lookup("help").Usage = "显示帮助"
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// usageFunc prints a command's usage, as cobra's default does, in Chinese.
func usageFunc(c *cobra.Command) error {
	w := c.OutOrStderr()
	fmt.Fprint(w, "用法：")
	// The root runs only to reject unknown commands: its usage is its commands'.
	if c.Runnable() && c.HasParent() {
		fmt.Fprintf(w, "\n  %s", c.UseLine())
		if c.HasAvailableLocalFlags() && !strings.Contains(c.Use, "[选项]") {
			fmt.Fprint(w, " [选项]")
		}
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n  %s 命令 [选项]", c.CommandPath())
	}
	if c.HasExample() {
		fmt.Fprintf(w, "\n\n示例：\n%s", c.Example)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprint(w, "\n\n命令：")
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() || sub.Name() == "help" {
				fmt.Fprintf(w, "\n  %-*s %s", sub.NamePadding(), sub.Name(), sub.Short)
			}
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(w, "\n\n选项：\n%s", flagUsages(c.LocalFlags()))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(w, "\n\n通用选项：\n%s", flagUsages(c.InheritedFlags()))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n\n运行 \"%s 命令 --help\" 查看每个命令的用法和示例。", c.CommandPath())
	}
	fmt.Fprintln(w)
	return nil
}

// flagUsages lists the flags of fs, one a line, aligned by display width
// (pflag counts bytes, so a Chinese placeholder would push its line out of
// line). A flag's usage text starts with its value's placeholder in
// backquotes, `文件.xlsx`, which is shown after the flag and not repeated.
func flagUsages(fs *pflag.FlagSet) string {
	var rows [][2]string
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		left := "      --" + f.Name
		if f.Shorthand != "" {
			left = "  -" + f.Shorthand + ", --" + f.Name
		}
		arg, text := flagArg(f)
		if arg != "" {
			left += " " + arg
		}
		width = max(width, displayWidth(left))
		rows = append(rows, [2]string{left, text})
	})
	var b strings.Builder
	for i, r := range rows {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(r[0] + strings.Repeat(" ", width-displayWidth(r[0])+3) + r[1])
	}
	return b.String()
}

// flagArg splits a flag's usage into the placeholder of its value and the
// rest of the text. A flag that takes a value but names none shows 值.
func flagArg(f *pflag.Flag) (arg, text string) {
	text = f.Usage
	if i := strings.Index(text, "`"); i >= 0 {
		if j := strings.Index(text[i+1:], "`"); j >= 0 {
			arg = text[i+1 : i+1+j]
			text = strings.TrimSpace(text[:i] + text[i+1+j+1:])
		}
	}
	if arg == "" && f.Value.Type() != "bool" {
		arg = "值"
	}
	switch f.DefValue {
	case "", "false", "[]", "0":
	default:
		if !strings.Contains(text, "默认") {
			text += "（默认 " + f.DefValue + "）"
		}
	}
	return arg, text
}

// newHelpCmd is `kfpay help [命令]`, in place of cobra's English one.
func newHelpCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "help [命令]",
		Short: "显示命令的帮助",
		Long:  "显示某个命令的用法、选项和示例。",
		Example: `  kfpay help payroll
  kfpay payroll --help      # 同上`,
		RunE: func(c *cobra.Command, args []string) error {
			root := c.Root()
			target, rest, err := root.Find(args)
			if err != nil || target == nil || len(rest) > 0 {
				return unknownCommand(root, args[len(args)-1])
			}
			target.InitDefaultHelpFlag()
			return target.Help()
		},
	}
}

// localizeCompletion replaces the texts of cobra's completion command.
func localizeCompletion(c *cobra.Command) {
	c.Short = "生成命令行自动补全脚本（bash、zsh、fish、powershell）"
	c.Long = `生成 shell 的自动补全脚本：输入 kfpay 和命令的开头后按 Tab 键即可补全命令和选项。
每种 shell 的安装方法见 kfpay completion <shell> --help。`
	c.Example = `  source <(kfpay completion bash)        # 只对当前终端生效
  kfpay completion zsh > "${fpath[1]}/_kfpay"`
	how := map[string]string{
		"bash": `在当前终端启用：
  source <(kfpay completion bash)
以后每次都启用（Linux）：
  kfpay completion bash > /etc/bash_completion.d/kfpay
需要先安装 bash-completion。`,
		"zsh": `在当前终端启用：
  source <(kfpay completion zsh)
以后每次都启用：
  kfpay completion zsh > "${fpath[1]}/_kfpay"
如果尚未启用补全，先在 ~/.zshrc 中加一行：autoload -U compinit; compinit`,
		"fish": `在当前终端启用：
  kfpay completion fish | source
以后每次都启用：
  kfpay completion fish > ~/.config/fish/completions/kfpay.fish`,
		"powershell": `在当前窗口启用：
  kfpay completion powershell | Out-String | Invoke-Expression
以后每次都启用：把上面这行加进 PowerShell 的配置文件（$PROFILE）。`,
	}
	for _, sub := range c.Commands() {
		sub.Short = "生成 " + sub.Name() + " 的自动补全脚本"
		sub.Long = "生成 " + sub.Name() + " 的自动补全脚本。\n\n" + how[sub.Name()]
		sub.Example = ""
		if f := sub.Flags().Lookup("no-descriptions"); f != nil {
			f.Usage = "补全时不显示说明"
		}
	}
}

// flagError explains a flag pflag could not parse, in the bursar's words,
// and says what to type instead.
func flagError(c *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
		msg      string
	)
	switch {
	case errors.As(err, &notExist):
		name := notExist.GetSpecifiedName()
		if name == "" || len(name) == 1 {
			msg = fmt.Sprintf("没有 -%s 这个选项", strings.TrimPrefix(notExist.GetSpecifiedShortnames(), "-"))
			if name != "" {
				msg = fmt.Sprintf("没有 -%s 这个选项", name)
			}
		} else {
			msg = fmt.Sprintf("没有 --%s 这个选项", name)
		}
		if s := similarFlag(c, name); s != "" {
			msg += fmt.Sprintf("；是不是 --%s？", s)
		}
	case errors.As(err, &noValue):
		f := noValue.GetFlag()
		arg, _ := flagArg(f)
		msg = fmt.Sprintf("选项 --%s 后面缺少值；请写成 --%s %s", f.Name, f.Name, arg)
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		msg = fmt.Sprintf("选项 --%s 的值 %q 无效", f.Name, invalid.GetValue())
		if f.Value.Type() == "bool" {
			msg += fmt.Sprintf("；只写 --%s 即可，不用加值", f.Name)
		}
	case errors.As(err, &syntax):
		msg = fmt.Sprintf("选项写法不对：%s；选项以两个减号开头，如 --month", syntax.GetSpecifiedFlag())
	default:
		msg = err.Error()
	}
	return &exitError{exitBadInput, usageError(c, errors.New(msg))}
}

// similarFlag returns the flag of c closest to name, when one is close
// enough to be what was meant.
func similarFlag(c *cobra.Command, name string) string {
	if name == "" {
		return ""
	}
	best, bestDist := "", 3
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		if d := editDistance(name, f.Name); d < bestDist || (strings.HasPrefix(f.Name, name) && best == "") {
			best, bestDist = f.Name, d
		}
	})
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// unknownCommand explains a command name kfpay does not have.
func unknownCommand(root *cobra.Command, name string) error {
	var names []string
	best, bestDist := "", 3
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() {
			continue
		}
		names = append(names, c.Name())
		if d := editDistance(name, c.Name()); d < bestDist {
			best, bestDist = c.Name(), d
		}
	}
	msg := fmt.Sprintf("没有 %s 这个命令", name)
	if best != "" {
		msg += fmt.Sprintf("；是不是 %s？可用的命令：", best)
	} else {
		msg += "；可用的命令："
	}
	msg += strings.Join(names, "、")
	return &exitError{exitBadInput, usageError(root, errors.New(msg))}
}

// rootArgs rejects words after kfpay that are not a command.
func rootArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return unknownCommand(c, args[0])
	}
	return nil
}

// noArgs rejects words on a command line that takes only options; the
// likely mistake is a file name without the option before it.
func noArgs(example string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		return &exitError{exitBadInput, usageError(c, fmt.Errorf("多余的参数 %q：%s 的文件都要跟在选项后面，例如 %s", args[0], c.Name(), example))}
	}
}

// exactArgs requires n arguments; missing says what to type when they are
// not there.
func exactArgs(n int, missing string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		switch {
		case len(args) < n:
			return &exitError{exitBadInput, usageError(c, errors.New("缺少参数："+missing))}
		case len(args) > n:
			return &exitError{exitBadInput, usageError(c, fmt.Errorf("参数太多：只要 %d 个，多了 %s", n, strings.Join(args[n:], " ")))}
		}
		return nil
	}
}

// maxArgs allows at most n arguments; tooMany says what to type instead.
func maxArgs(n int, tooMany string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) > n {
			return &exitError{exitBadInput, usageError(c, fmt.Errorf("参数太多（%s）：%s", strings.Join(args, " "), tooMany))}
		}
		return nil
	}
}

// helpOnly shows the help of a command that is called without a subcommand.
func helpOnly(c *cobra.Command, _ []string) error { return c.Help() }
