package calc

import (
	"fmt"
	"math/big"
	"math/rand"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"kfpay/rules"
)

// The differential check of the payroll: random months, with random rules
// written as a rules file, worked out by Payroll and again by payMonthRat
// below, a second computation written from SPEC 3 alone, in big.Rat, with
// its own rounding, its own largest remainder and its own person order. The
// two must agree on every figure of every line, the 合计 row and the admin
// chain; and a rules file with an amount below the fen must be refused at
// the amount's line (issue 21).
//
// It covers what issue 21 found beyond the hand-worked cases: fractional
// counts (count_step 0.5 and 0.25) in capped mode, where each person's
// shifts × rate rounds on its own; sub-cent amounts, now errors; every
// basis of the performance fee; and names with characters nobody sees,
// which calc keys as it is given them (making one name of two spellings is
// the readers' normalisation, issue 12): one person's rows are one line,
// two people told apart by 工号 are two, whatever their names print as.

// TestPayrollDifferential runs a fixed set of random months; FuzzPayroll
// runs as many as it is given time for:
//
//	go test ./calc -run '^$' -fuzz FuzzPayroll -fuzztime 60s
func TestPayrollDifferential(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 300
	}
	for seed := range int64(n) {
		checkRandomMonth(t, seed)
	}
}

func FuzzPayroll(f *testing.F) {
	for _, seed := range []int64{0, 1, 2, 21, 1021} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed int64) { checkRandomMonth(t, seed) })
}

// monthCase is one random month: its rules file, its log and its records.
type monthCase struct {
	src      string   // the rules file
	subCent  []string // the keys of the amounts written below the fen
	rules    *rules.Rules
	people   []Person
	rows     []logRow
	recs     []rec
	step     string
	mode     rules.AdminMode
	basis    rules.Basis
	amounts  map[string]string // rates.lesson, rates.safety, admin.rate, admin.percent, performance.amount
	describe string
}

func checkRandomMonth(t *testing.T, seed int64) {
	t.Helper()
	rng := rand.New(rand.NewSource(seed))
	c := randomMonth(rng)
	r, err := rules.Parse("rules.toml", []byte(c.src))
	if len(c.subCent) > 0 {
		// Every amount below the fen is an error at its own line, and
		// nothing else is.
		if err == nil {
			t.Fatalf("seed %d: rules with %v below the fen loaded:\n%s", seed, c.subCent, c.src)
		}
		var got []string
		for _, p := range err.(*rules.Error).Problems {
			if !strings.Contains(p.Msg, "精确到分") || p.Line == 0 {
				t.Fatalf("seed %d: unexpected problem %v", seed, p)
			}
			got = append(got, p.Key)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(c.subCent, " ") {
			t.Fatalf("seed %d: problems at %v, want %v:\n%v", seed, got, c.subCent, err)
		}
		// Rules made in code, not read from a file, can still hold such
		// an amount: calc rounds what it pays per person all the same
		// (a fixed fee of 120.005 is 120.01 on every line, and the 合计
		// the sum of the lines). Not the admin rate: a pool shared in
		// hours at 6.665 cannot pay to the fen, which is why the file
		// refuses it.
		if slices.Contains(c.subCent, "admin.rate") {
			return
		}
		r = subCentRules(t, c)
	}
	if err != nil && len(c.subCent) == 0 {
		t.Fatalf("seed %d: rules: %v\n%s", seed, err, c.src)
	}
	p, problems := Payroll(r, tally(t, r, c.rows), records(c.recs))
	if errs := problems.Errors(); len(errs) > 0 {
		t.Fatalf("seed %d (%s): Payroll: %v\nrules:\n%s", seed, c.describe, errs, c.src)
	}
	lines, total, chain := payMonthRat(c)
	compareMonth(t, seed, c, p, lines, total, chain)
}

// randomMonth makes a month of up to 8 people in September 2026.
func randomMonth(rng *rand.Rand) monthCase {
	c := monthCase{amounts: map[string]string{}}
	// An amount in cents, and now and then one with a third decimal that
	// is not 0: below the fen, which the rules file must refuse.
	amount := func(key string, maxCents int64, minCents int64) string {
		cents := minCents + rng.Int63n(maxCents-minCents+1)
		s := decimal.New(cents, -2).StringFixed(2)
		if rng.Intn(25) == 0 {
			s += fmt.Sprint(1 + rng.Intn(9)) // 6.665, 120.005
			c.subCent = append(c.subCent, key)
		}
		c.amounts[key] = s
		return s
	}
	percent := func() string {
		// 0% to 20% in steps of 0.25%: "8%", "12.5%", "7.75%".
		return decimal.New(rng.Int63n(81), 0).Div(decimal.NewFromInt(4)).String() + "%"
	}
	c.step = []string{"1", "0.5", "0.25", "1", "0.5"}[rng.Intn(5)]
	c.mode = []rules.AdminMode{rules.AdminPool, rules.AdminCapped}[rng.Intn(2)]
	c.basis = []rules.Basis{rules.PerSession, rules.Fixed, rules.PercentOfGeneral, rules.WholePay}[rng.Intn(4)]

	var b strings.Builder
	fmt.Fprintf(&b, "school = \"随机小学\"\n\n[rates]\nlesson = \"%s\"\nsafety = \"%s\"\n\n", amount("rates.lesson", 5000, 0), amount("rates.safety", 2000, 0))
	// The percent is chosen once the log is known: see below.
	fmt.Fprintf(&b, "[admin]\npercent = \"{percent}\"\nrate = \"%s\"\nmode = \"%s\"\n\n", amount("admin.rate", 1500, 1), c.mode)
	fmt.Fprintf(&b, "[performance]\nbasis = \"%s\"\n", c.basis)
	switch c.basis {
	case rules.PerSession:
		fmt.Fprintf(&b, "amount = \"%s\"\n", amount("performance.amount", 1000, 0))
	case rules.Fixed:
		fmt.Fprintf(&b, "amount = \"%s\"\n", amount("performance.amount", 30000, 0))
	case rules.PercentOfGeneral:
		c.amounts["performance.amount"] = percent()
		fmt.Fprintf(&b, "amount = \"%s\"\n", c.amounts["performance.amount"])
	}
	fmt.Fprintf(&b, "\n[sessions]\ncount_step = \"%s\"\nmax_per_day = 40\n", c.step)
	c.src = b.String()
	sort.Strings(c.subCent)

	// People: with 工号 for all or for none, names unique.
	names := []string{"王芳", "李强", "陈静", "张伟", "刘洋", "赵敏", "孙丽", "周杰", "吴磊", "郑爽"}
	rng.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	withIDs := rng.Intn(2) == 0
	taken := map[string]bool{}
	for i := range 1 + rng.Intn(8) {
		p := Person{Name: names[i]}
		if rng.Intn(4) == 0 {
			// A character nobody sees inside the name, as a paste from a
			// web page leaves it (issue 21): the same on every row of the
			// person, so one person, whose key calc must keep as one.
			cut := len("王") * rng.Intn(2)
			p.Name = p.Name[:cut] + invisible[rng.Intn(len(invisible))] + p.Name[cut:]
		}
		if withIDs {
			p.ID = []string{"T", "A", "B0", ""}[rng.Intn(4)] + fmt.Sprint(1+rng.Intn(20))
			for taken[p.ID] {
				p.ID += "x" // unique
			}
			taken[p.ID] = true
		}
		c.people = append(c.people, p)
	}
	if withIDs && len(c.people) > 1 && rng.Intn(3) == 0 {
		// Two people, told apart by 工号, whose names print alike: the
		// second's differs by a character nobody sees. They stay two.
		twin := c.people[0]
		twin.Name = strings.ReplaceAll(twin.Name, "\u200b", "") + "\u200b"
		c.people[1].Name = twin.Name
		if c.people[1].Name == c.people[0].Name {
			c.people[1].Name += "\u2060"
		}
	}
	step := decimal.RequireFromString(c.step)
	for _, p := range c.people {
		for range rng.Intn(6) {
			kind := []rules.Kind{L, L, L, S, A}[rng.Intn(5)]
			if rng.Intn(3) == 0 {
				kind = A // admin-heavy months make the pool bind
			}
			count := step.Mul(decimal.NewFromInt(1 + rng.Int63n(12)))
			c.rows = append(c.rows, logRow{p.ID, p.Name, kind, count.String(), 1 + rng.Intn(30)})
		}
	}
	if len(c.rows) == 0 {
		p := c.people[0]
		c.rows = append(c.rows, logRow{p.ID, p.Name, L, step.String(), 1})
	}
	// Records, only for people in the log.
	inLog := map[string]bool{}
	for _, row := range c.rows {
		inLog[row.name] = true
	}
	for _, p := range c.people {
		if !inLog[p.Name] {
			continue
		}
		for range rng.Intn(4) {
			r := rec{id: p.ID, name: p.Name, day: 1 + rng.Intn(30)}
			switch rng.Intn(7) {
			case 0:
				r.label = "无故空堂"
			case 1, 2:
				r.label = "早退"
			case 3:
				r.label = "交接违规"
			case 4:
				r.label, r.percent = "家长投诉", fmt.Sprintf("%d%%", 10+rng.Intn(91))
			case 5:
				r.label, r.percent = "重大安全事故", fmt.Sprintf("%d%%", 50+rng.Intn(51))
			default:
				r.label, r.amount = "奖励", decimal.New(1+rng.Int63n(20000), -2).StringFixed(2)
			}
			c.recs = append(c.recs, r)
		}
	}
	c.amounts["admin.percent"] = percent()
	if c.mode == rules.AdminCapped && len(c.subCent) == 0 && rng.Intn(2) == 0 {
		// Capped mode where it is decided: a pool of 0 to 2 fen below
		// what the shifts would be paid, each person's rounded on its own,
		// or 1 fen above it.
		if pct, ok := poolNear(c, int64(rng.Intn(4))-2); ok {
			c.amounts["admin.percent"] = pct
		}
	}
	c.src = strings.Replace(c.src, "{percent}", c.amounts["admin.percent"], 1)
	c.describe = fmt.Sprintf("%s, %s, step %s, %d people", c.mode, c.basis, c.step, len(c.people))
	return c
}

// subCentRules are the rules of c with its amounts below the fen set in
// code, past the rules file's check.
func subCentRules(t *testing.T, c monthCase) *rules.Rules {
	t.Helper()
	src := c.src
	for _, k := range c.subCent {
		v := c.amounts[k]
		src = strings.Replace(src, `"`+v+`"`, `"`+v[:len(v)-1]+`"`, 1)
	}
	r, err := rules.Parse("rules.toml", []byte(src))
	if err != nil {
		t.Fatalf("rules with the amounts cut to the fen: %v\n%s", err, src)
	}
	for _, k := range c.subCent {
		v := decimal.RequireFromString(c.amounts[k])
		switch k {
		case "rates.lesson":
			r.Rates.Lesson = v
		case "rates.safety":
			r.Rates.Safety = v
		case "performance.amount":
			r.Performance.Amount = v
		default:
			t.Fatalf("no field for %s", k)
		}
	}
	return r
}

// poolNear returns an admin.percent that makes the pool of c the sum of
// what each person's shifts would be paid at the rate, each rounded, plus
// off fen; ok is false when no percent up to 100% does.
func poolNear(c monthCase, off int64) (string, bool) {
	base, want := r("0"), r("0")
	shifts := map[string]*big.Rat{}
	for _, row := range c.rows {
		n := r(row.count)
		switch row.kind {
		case L:
			shifts["L"+row.name] = add(nz(shifts["L"+row.name]), n)
		case S:
			shifts["S"+row.name] = add(nz(shifts["S"+row.name]), n)
		case A:
			shifts["A"+row.name] = add(nz(shifts["A"+row.name]), n)
		}
	}
	for k, n := range shifts {
		switch k[0] {
		case 'L':
			base = add(base, fen(mul(n, r(c.amounts["rates.lesson"]))))
		case 'S':
			base = add(base, fen(mul(n, r(c.amounts["rates.safety"]))))
		case 'A':
			want = add(want, fen(mul(n, r(c.amounts["admin.rate"]))))
		}
	}
	target := add(want, big.NewRat(off, 100))
	if base.Sign() == 0 || target.Sign() <= 0 || target.Cmp(base) > 0 {
		return "", false
	}
	// target / base to 12 places of the percent: base × percent is then
	// within 1e-14 × base of target, which rounds to it.
	q := new(big.Rat).Quo(mul(target, r("100")), base)
	return q.FloatString(12) + "%", true
}

func nz(x *big.Rat) *big.Rat {
	if x == nil {
		return r("0")
	}
	return x
}

// invisible are characters that show nothing: zero-width space, byte order
// mark, word joiner, soft hyphen.
var invisible = []string{"\u200b", "\ufeff", "\u2060", "\u00ad"}

// ratLine is one person's figures as the second computation has them.
type ratLine struct {
	Person
	lessons, breaks, shifts, hours                         *big.Rat
	lessonPay, safetyPay, adminPay, fee, deduction, reward *big.Rat
	net, percent                                           *big.Rat
}

type ratChain struct {
	base, pool, hours, paid, unspent *big.Rat
	scaled                           bool
}

func r(s string) *big.Rat {
	x, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("bad rational " + s)
	}
	return x
}

func add(a, b *big.Rat) *big.Rat { return new(big.Rat).Add(a, b) }
func mul(a, b *big.Rat) *big.Rat { return new(big.Rat).Mul(a, b) }

// fen rounds x ≥ 0 to the fen, half up: floor(100x + 1/2) / 100.
func fen(x *big.Rat) *big.Rat {
	h := mul(x, r("100"))
	h.Add(h, r("1/2"))
	q := new(big.Int).Quo(h.Num(), h.Denom()) // floor, h ≥ 0
	return new(big.Rat).SetFrac(q, big.NewInt(100))
}

// floorRat is the whole part of x ≥ 0.
func floorRat(x *big.Rat) *big.Rat {
	return new(big.Rat).SetInt(new(big.Int).Quo(x.Num(), x.Denom()))
}

// largestRemainder shares units whole units among weights in proportion,
// the units left over to the largest remainders; ties to the larger weight,
// then to the earlier in order.
func largestRemainder(units int64, weights []*big.Rat) []int64 {
	sum := new(big.Rat)
	for _, w := range weights {
		sum.Add(sum, w)
	}
	parts := make([]int64, len(weights))
	if sum.Sign() == 0 {
		return parts
	}
	rems := make([]*big.Rat, len(weights))
	given := int64(0)
	for i, w := range weights {
		quota := new(big.Rat).Quo(mul(big.NewRat(units, 1), w), sum)
		whole := floorRat(quota)
		parts[i] = whole.Num().Int64()
		given += parts[i]
		rems[i] = new(big.Rat).Sub(quota, whole)
	}
	idx := make([]int, len(weights))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		i, j := idx[a], idx[b]
		if c := rems[i].Cmp(rems[j]); c != 0 {
			return c > 0
		}
		if c := weights[i].Cmp(weights[j]); c != 0 {
			return c > 0
		}
		return i < j
	})
	for k := int64(0); k < units-given; k++ {
		parts[idx[k]]++
	}
	return parts
}

// orderLess is SPEC 5's person order, written again: by 工号 with runs of
// digits compared as numbers (T9 before T10; equal numbers, the one with
// fewer leading zeros first), then by name.
func orderLess(a, b Person) bool {
	split := func(s string) []string {
		var parts []string
		for s != "" {
			i := 1
			digit := s[0] >= '0' && s[0] <= '9'
			for i < len(s) && (s[i] >= '0' && s[i] <= '9') == digit {
				i++
			}
			parts = append(parts, s[:i])
			s = s[i:]
		}
		return parts
	}
	pa, pb := split(a.ID), split(b.ID)
	for k := 0; k < len(pa) && k < len(pb); k++ {
		x, y := pa[k], pb[k]
		if x == y {
			continue
		}
		nx, okx := new(big.Int).SetString(x, 10)
		ny, oky := new(big.Int).SetString(y, 10)
		switch {
		case okx && oky && nx.Cmp(ny) != 0:
			return nx.Cmp(ny) < 0
		case okx && oky:
			return len(x) < len(y)
		}
		// Text runs, or a text run against a number: byte by byte, and a
		// run that is a prefix of the other comes first only if nothing
		// follows it in its own 工号.
		for i := 0; i < len(x) && i < len(y); i++ {
			if x[i] != y[i] {
				return x[i] < y[i]
			}
		}
		if len(x) != len(y) {
			// One is a prefix of the other: compare on with what follows.
			return strings.Join(pa[k:], "") < strings.Join(pb[k:], "")
		}
	}
	if len(pa) != len(pb) {
		return len(pa) < len(pb)
	}
	return a.Name < b.Name
}

// payMonthRat works out the month of c from SPEC 3 alone.
func payMonthRat(c monthCase) ([]ratLine, ratLine, ratChain) {
	amt := func(k string) *big.Rat { return r(strings.TrimSuffix(c.amounts[k], "%")) }
	pct := func(k string) *big.Rat { return new(big.Rat).Quo(amt(k), r("100")) }
	lessonRate, safetyRate, adminRate := amt("rates.lesson"), amt("rates.safety"), amt("admin.rate")

	key := func(p Person) string { return p.ID + "\x00" + p.Name }
	byKey := map[string]*ratLine{}
	var lines []*ratLine
	for _, row := range c.rows {
		p := Person{ID: row.id, Name: row.name}
		l := byKey[key(p)]
		if l == nil {
			l = &ratLine{Person: p, lessons: r("0"), breaks: r("0"), shifts: r("0"), hours: r("0"),
				adminPay: r("0"), reward: r("0"), percent: r("0")}
			byKey[key(p)] = l
			lines = append(lines, l)
		}
		n := r(row.count)
		switch row.kind {
		case L:
			l.lessons = add(l.lessons, n)
		case S:
			l.breaks = add(l.breaks, n)
		case A:
			l.shifts = add(l.shifts, n)
		}
	}
	sort.SliceStable(lines, func(i, j int) bool { return orderLess(lines[i].Person, lines[j].Person) })

	// 3.1, 3.2
	ch := ratChain{base: r("0"), hours: r("0"), paid: r("0")}
	shifts := r("0")
	for _, l := range lines {
		l.lessonPay = fen(mul(l.lessons, lessonRate))
		l.safetyPay = fen(mul(l.breaks, safetyRate))
		ch.base = add(ch.base, add(l.lessonPay, l.safetyPay))
		shifts = add(shifts, l.shifts)
	}
	// 3.3
	ch.pool = fen(mul(ch.base, pct("admin.percent")))
	weights := make([]*big.Rat, len(lines))
	for i, l := range lines {
		weights[i] = l.shifts
	}
	if c.mode == rules.AdminCapped {
		ch.hours = shifts
		want := r("0")
		for _, l := range lines {
			l.hours = l.shifts
			l.adminPay = fen(mul(l.shifts, adminRate))
			want = add(want, l.adminPay)
		}
		if want.Cmp(ch.pool) > 0 {
			ch.scaled = true
			cents := mul(ch.pool, r("100")).Num().Int64()
			for i, n := range largestRemainder(cents, weights) {
				lines[i].adminPay = big.NewRat(n, 100)
			}
		}
	} else {
		if shifts.Sign() > 0 {
			ch.hours = floorRat(new(big.Rat).Quo(ch.pool, adminRate))
		}
		for i, n := range largestRemainder(ch.hours.Num().Int64(), weights) {
			lines[i].hours = big.NewRat(n, 1)
			lines[i].adminPay = fen(mul(lines[i].hours, adminRate))
		}
	}
	for _, l := range lines {
		ch.paid = add(ch.paid, l.adminPay)
	}
	ch.unspent = new(big.Rat).Sub(ch.pool, ch.paid)

	// 3.4
	for _, l := range lines {
		general := add(l.lessonPay, l.safetyPay)
		switch c.basis {
		case rules.PerSession:
			l.fee = fen(mul(amt("performance.amount"), l.lessons))
		case rules.Fixed:
			l.fee = r("0")
			if l.lessons.Sign() > 0 {
				l.fee = fen(amt("performance.amount"))
			}
		case rules.PercentOfGeneral:
			l.fee = fen(mul(general, pct("performance.amount")))
		case rules.WholePay:
			l.fee = general
		}
	}
	// 3.5: per person and kind, 早退 and 交接违规 10% each, 100% from the
	// third; 无故空堂 100%; complaints their own percent; a term incident
	// waits for the term; rewards add.
	counts := map[string]int{}
	for _, rc := range c.recs {
		l := byKey[key(Person{ID: rc.id, Name: rc.name})]
		switch rc.label {
		case "无故空堂":
			l.percent = add(l.percent, r("1"))
		case "早退", "交接违规":
			k := key(l.Person) + rc.label
			counts[k]++
			if counts[k] >= 3 {
				l.percent = add(l.percent, r("1"))
			} else {
				l.percent = add(l.percent, r("1/10"))
			}
		case "家长投诉":
			l.percent = add(l.percent, new(big.Rat).Quo(r(strings.TrimSuffix(rc.percent, "%")), r("100")))
		case "奖励":
			l.reward = add(l.reward, r(rc.amount))
		}
	}
	total := ratLine{lessonPay: r("0"), safetyPay: r("0"), adminPay: r("0"), fee: r("0"), deduction: r("0"), reward: r("0"), net: r("0")}
	out := make([]ratLine, len(lines))
	for i, l := range lines {
		if l.percent.Cmp(r("1")) > 0 {
			l.percent = r("1")
		}
		l.deduction = fen(mul(l.fee, l.percent))
		// 3.6; under whole_pay the fee is the general pay itself.
		l.net = add(add(add(l.lessonPay, l.safetyPay), l.adminPay), new(big.Rat).Sub(l.fee, l.deduction))
		l.net = add(l.net, l.reward)
		if c.basis == rules.WholePay {
			l.net = new(big.Rat).Sub(l.net, l.fee)
		}
		for _, f := range [][2]*big.Rat{{total.lessonPay, l.lessonPay}, {total.safetyPay, l.safetyPay}, {total.adminPay, l.adminPay},
			{total.fee, l.fee}, {total.deduction, l.deduction}, {total.reward, l.reward}, {total.net, l.net}} {
			f[0].Add(f[0], f[1])
		}
		out[i] = *l
	}
	return out, total, ch
}

// compareMonth fails t at the first figure where Payroll and the second
// computation differ.
func compareMonth(t *testing.T, seed int64, c monthCase, p *Payout, lines []ratLine, total ratLine, ch ratChain) {
	t.Helper()
	fail := func(format string, args ...any) {
		t.Helper()
		t.Fatalf("seed %d (%s): %s\nrules:\n%s\nlog: %v\nrecords: %v", seed, c.describe, fmt.Sprintf(format, args...), c.src, c.rows, c.recs)
	}
	same := func(what string, got decimal.Decimal, want *big.Rat) {
		t.Helper()
		if got.Rat().Cmp(want) != 0 {
			fail("%s = %s, want %s", what, got, want.FloatString(4))
		}
		if what != "percent" && !strings.HasSuffix(what, "count") && !got.Equal(got.Round(2)) {
			fail("%s = %s is not to the fen", what, got)
		}
	}
	if len(p.Lines) != len(lines) {
		fail("%d lines, want %d", len(p.Lines), len(lines))
	}
	for i, w := range lines {
		g := p.Lines[i]
		if g.Person != w.Person {
			fail("line %d is %v, want %v", i, g.Person, w.Person)
		}
		who := g.Name
		for _, f := range []struct {
			what string
			got  decimal.Decimal
			want *big.Rat
		}{
			{"lesson count", g.Lessons, w.lessons}, {"break count", g.Breaks, w.breaks}, {"shift count", g.Shifts, w.shifts},
			{"admin hour count", g.AdminHours, w.hours},
			{"上课补助", g.LessonPay, w.lessonPay}, {"安全管理补助", g.SafetyPay, w.safetyPay}, {"行政值班补助", g.AdminPay, w.adminPay},
			{"绩效服务费", g.Fee, w.fee}, {"percent", g.Percent, w.percent}, {"扣除金额", g.Deduction, w.deduction},
			{"奖励", g.Reward, w.reward}, {"实发合计", g.Net, w.net},
		} {
			same(who+" "+f.what, f.got, f.want)
		}
	}
	for _, f := range []struct {
		what string
		got  decimal.Decimal
		want *big.Rat
	}{
		{"合计 上课补助", p.Total.LessonPay, total.lessonPay}, {"合计 安全管理补助", p.Total.SafetyPay, total.safetyPay},
		{"合计 行政值班补助", p.Total.AdminPay, total.adminPay}, {"合计 绩效服务费", p.Total.Fee, total.fee},
		{"合计 扣除金额", p.Total.Deduction, total.deduction}, {"合计 奖励", p.Total.Reward, total.reward},
		{"合计 实发合计", p.Total.Net, total.net},
		{"base", p.Admin.Base, ch.base}, {"pool", p.Admin.Pool, ch.pool}, {"admin hour count", p.Admin.Hours, ch.hours},
		{"paid", p.Admin.Paid, ch.paid}, {"unspent", p.Admin.Unspent, ch.unspent},
	} {
		same(f.what, f.got, f.want)
	}
	if p.Admin.Scaled != ch.scaled {
		fail("Scaled = %v, want %v", p.Admin.Scaled, ch.scaled)
	}
	if ch.paid.Cmp(ch.pool) > 0 {
		fail("the second computation pays %s from a pool of %s", ch.paid.FloatString(2), ch.pool.FloatString(2))
	}
}
