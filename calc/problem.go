package calc

import (
	"strconv"

	"kfpay/rules"
)

// Code names the kind of a problem, so that a test or a tool can tell one
// problem from another by what it is and where, never by its Chinese
// sentence. Codes are short ASCII words, stable once released; the empty
// Code is a problem not yet given one.
type Code string

// CodeInternal is the code of a problem that is kfpay's own bug, not the
// input's: a total that does not add up after the arithmetic, rows a reader
// neither used nor reported. The bursar is asked to report it; a fuzzer
// that meets one has found a bug.
const CodeInternal Code = "internal"

// Problem is one thing wrong (or, when Warning, doubtful) in the input, with
// where it is and a plain Chinese sentence for the bursar.
type Problem struct {
	Code    Code // what kind of problem, for tests and tools; the sentence is Msg
	Ref     Ref
	Column  string // header of the column, e.g. 节数
	Value   string // the value found, when it helps
	Msg     string // what is wrong and what to write instead
	Warning bool
	// Omitted, on a problem of code CodeOmitted, is how many warnings it
	// stands for: those past the MaxProblems a reader lists.
	Omitted int
}

// CodeOmitted is the code of the warning that stands for the warnings a
// reader counted but did not list, past MaxProblems of them: a log of a
// million rows may warn on every row, and each one listed would bury the
// rest. It is a warning; its Omitted says how many it stands for.
const CodeOmitted Code = "warnings-omitted"

// OmittedWarnings is the problem that stands for n warnings of the file or
// sheet at ref that were counted but not listed.
func OmittedWarnings(ref Ref, n int) Problem {
	ref.Col, ref.Row = 0, 0
	return Problem{Code: CodeOmitted, Ref: ref, Warning: true, Omitted: n}
}

// Message is p's sentence for the bursar: Msg, or for an omitted-warnings
// problem the count of the warnings it stands for, worded when shown, not
// each time a warning is counted.
func (p Problem) Message() string {
	if p.Code == CodeOmitted {
		return "另有 " + strconv.Itoa(p.Omitted) + " 处警告未逐一列出（每个文件最多列出 " + strconv.Itoa(MaxProblems) + " 处）"
	}
	return p.Msg
}

// Error formats p as `课时登记.xlsx 9月!D17 节数 "2.5"：应为正整数`.
func (p Problem) Error() string {
	p.Msg = p.Message()
	s := p.Ref.String()
	if p.Column != "" {
		s += " " + p.Column
	}
	if p.Value != "" {
		s += " " + rules.Quote(p.Value) // a few dozen characters of it, however long
	}
	if s == "" {
		return p.Msg // a problem of no file, such as a bug in kfpay
	}
	return s + "：" + p.Msg
}

// Problems is every problem found in a run. As an error it lists them all.
type Problems []Problem

// MaxProblems caps how many errors a reader collects before it stops
// reading, and how many warnings it lists: it reads on past any number of
// warnings, counting those it does not list (CodeOmitted), since a
// warning must never stop rows from being paid.
const MaxProblems = 200

// WarningCount is how many warnings ps hold, those an omitted-warnings
// problem stands for included.
func (ps Problems) WarningCount() int {
	n := 0
	for _, p := range ps {
		switch {
		case p.Code == CodeOmitted:
			n += p.Omitted
		case p.Warning:
			n++
		}
	}
	return n
}

// Capper keeps at most MaxProblems errors and MaxProblems warnings of one
// source, counting the warnings past the cap in one omitted-warnings
// problem (CodeOmitted), so that no number of warnings crowds out an error
// or stops a reader. Each Add takes constant time: a log of a million rows
// may warn on every one.
type Capper struct {
	list     Problems
	errors   int
	warnings int
	omitted  int // the index in list of the omitted-warnings problem, plus one
}

// Add keeps p if there is room for its kind, or counts it. An
// omitted-warnings problem adds its count to the one c keeps.
func (c *Capper) Add(p Problem) {
	switch {
	case p.Code == CodeOmitted && c.omitted == 0:
		c.list = append(c.list, p)
		c.omitted = len(c.list)
	case p.Code == CodeOmitted:
		c.list[c.omitted-1].Omitted += p.Omitted
	case !p.Warning:
		if c.errors < MaxProblems {
			c.list = append(c.list, p)
		}
		c.errors++
	case c.warnings < MaxProblems:
		c.list = append(c.list, p)
		c.warnings++
	case c.omitted == 0:
		c.list = append(c.list, OmittedWarnings(p.Ref, 1))
		c.omitted = len(c.list)
	default:
		c.list[c.omitted-1].Omitted++ // Error words it from the count
	}
}

// KeepsWarning reports whether a warning added now is kept, not only
// counted: a maker of many may then spare the message of one that is not.
func (c *Capper) KeepsWarning() bool { return c.warnings < MaxProblems }

// Full reports whether MaxProblems errors have been added: a reader stops
// there.
func (c *Capper) Full() bool { return c.errors >= MaxProblems }

// Problems are the problems kept, in the order added, one of them standing
// for the warnings not kept.
func (c *Capper) Problems() Problems { return c.list }

func (ps Problems) Error() string {
	s := ""
	for i, p := range ps {
		if i > 0 {
			s += "\n"
		}
		s += p.Error()
	}
	return s
}

// Errors returns the problems that are not warnings.
func (ps Problems) Errors() Problems {
	var out Problems
	for _, p := range ps {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns the problems that are warnings.
func (ps Problems) Warnings() Problems {
	var out Problems
	for _, p := range ps {
		if p.Warning {
			out = append(out, p)
		}
	}
	return out
}
