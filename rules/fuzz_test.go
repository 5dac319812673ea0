package rules

import (
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
