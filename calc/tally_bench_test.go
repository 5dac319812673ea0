package calc

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// BenchmarkTallyAdd adds the entries of a district's month to a tally, as
// the reader hands them over: 50,000 teachers, 20 rows each on service
// days, none a duplicate, counts parsed from text. ns/op is per entry.
func BenchmarkTallyAdd(b *testing.B) {
	const people, perPerson = 50_000, 20
	r := rules.Default()
	m := rules.Month{Year: 2026, Month: time.October}
	entries := make([]Entry, 0, people*perPerson)
	cols := &Columns{Date: 1, ID: 2, Name: 3, Kind: 4}
	var days []rules.Date
	for d := m.First(); m.Contains(d); d = d.AddDays(1) {
		if r.Term.IsServiceDay(d) {
			days = append(days, d)
		}
	}
	for p := range people {
		id, name := fmt.Sprintf("S%03d-T%03d", p/40+1, p%40+1), "张伟"
		for i := range perPerson {
			entries = append(entries, Entry{
				Date:   days[i%len(days)],
				Person: Person{ID: id, Name: name},
				Kind:   rules.Kind(i / len(days)), // a lesson a day, then a break
				Count:  decimal.RequireFromString(fmt.Sprint(1 + i%2)),
				Class:  "三年级2班",
				Src:    Ref{File: "课时登记.xlsx", Sheet: "10月", Col: 5, Row: 2 + len(entries)},
				Cols:   cols,
			})
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	var tl *Tally
	for i := 0; i < b.N; i++ {
		if i%len(entries) == 0 {
			tl = NewTally(r, m)
		}
		tl.Add(entries[i%len(entries)])
	}
}
