package rules

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzParse checks that no rules file, however broken, makes Parse panic,
// and that every failure is an *Error whose problems each say something.
func FuzzParse(f *testing.F) {
	f.Add(DefaultFile())
	f.Add([]byte(spec7))
	for _, seed := range []string{
		"",
		"[rates]\nlesson = \"20.0.0\"\nsafety = 10\n",
		"rates = { lesson = \"1\" }\nevent = [{ label = \"a\", per_event = \"1%\", all_from = 2 }]\n",
		"[[event]]\nlabel = \"x\"\npercent_min = \"50%\"\npercent_max = \"10%\"\n[[event]]\nlabel = \"x\"\nreward = true\nscope = \"term\"\n",
		"[sessions]\nlesson = [\"安全管理\"]\ncount_step = 0.5\nmax_per_day = -1\n",
		"[term]\nstart = 2027-02-22\nend = 2027-07-02\nholidays = [2027-02-20, \"x\"]\nworkdays = [2027-03-01]\n",
		"[performance]\nbasis = \"percent_of_general\"\n",
		"\xef\xbb\xbf[rates\n",
		"a = \"\"\"\n[rates]\n\"\"\"\n[[event.x]]\n",
		timelineFile,
		"[[change]]\nfrom = 2026-11-15\n[[change.event]]\nlabel = \"早退\"\nremove = true\n[[change]]\nfrom = 2026-10-01\nterm.fee = \"1\"\n",
		"change = [{ from = 2026-12-01, approved = \"x\", performance = { basis = \"fixed\" } }, 3]\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		locate(data) // the locator must cope with text the parser rejects, too
		r, err := Parse("rules.toml", data)
		if err == nil {
			if r == nil {
				t.Fatal("Parse returned neither rules nor an error")
			}
			r.Term.Months()
			for _, v := range r.Versions() {
				r.At(v.From().MonthOf())
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) || len(e.Problems) == 0 {
			t.Fatalf("Parse error %v is not an *Error with problems", err)
		}
		for _, p := range e.Problems {
			if p.Msg == "" || p.File != "rules.toml" {
				t.Fatalf("problem %+v lacks a message or file", p)
			}
		}
	})
}

// FuzzParseCases checks that no cases file makes ParseCases panic, that the
// lenient rewriting keeps every line where it was, and that every failure is
// an *Error whose problems each say something.
func FuzzParseCases(f *testing.F) {
	f.Add(DefaultCasesFile())
	f.Add([]byte(issueCases))
	for _, seed := range []string{
		"",
		"[[case]]\nname = 1\nmonth = 2026-9\nsessions = \"x\"\n",
		"[[case]]\nexpect.王芳 = { 实发合计 = 1.5, 乙 = [] }\nexpect_error = []\n",
		"[case.expect.\"甲]\nx = '\n",
		"month = 2026-09 # 王\n[[case]]\nterm = { start = 2027-01-01 }\npupils = [\"S1\"]\n",
	} {
		f.Add([]byte(seed))
	}
	check := func(*Case, string, string, string) string { return "" }
	f.Fuzz(func(t *testing.T, data []byte) {
		if got := lenient(data); bytes.Count(got, []byte("\n")) != bytes.Count(data, []byte("\n")) {
			t.Fatalf("lenient moved lines:\n%q\n%q", data, got)
		}
		cs, err := ParseCases("cases.toml", data, Default(), check)
		if err == nil {
			if cs == nil {
				t.Fatal("ParseCases returned neither cases nor an error")
			}
			return
		}
		var e *Error
		if !errors.As(err, &e) || len(e.Problems) == 0 {
			t.Fatalf("ParseCases error %v is not an *Error with problems", err)
		}
		for _, p := range e.Problems {
			if p.Msg == "" {
				t.Fatalf("problem %+v lacks a message", p)
			}
		}
	})
}
