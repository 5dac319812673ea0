package calc

import "kfpay/rules"

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
}

// Error formats p as `课时登记.xlsx 9月!D17 节数 "2.5"：应为正整数`.
func (p Problem) Error() string {
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

// MaxProblems caps how many problems a reader collects before it stops.
const MaxProblems = 200

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
