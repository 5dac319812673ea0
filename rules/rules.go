// Package rules holds a school's after-school pay and fee policy as typed values:
// the rules file of SPEC 7, its built-in defaults, and the term calendar.
//
// Every amount is a decimal parsed from text. Every percent is kept as a
// fraction: "8%" is 0.08.
package rules

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Rules is one school's policy, as loaded from rules.toml or built in.
type Rules struct {
	School   string
	Approved string // the approval line printed in 计算说明 (篇三: 需经学校教代会讨论通过后执行)

	Rates       Rates
	Admin       Admin
	Performance Performance
	Sessions    Sessions
	Events      []Event
	Term        Term

	// Source names where the rules came from: the file's base name, or "内置默认".
	Source string
	// SHA256 is the hex sha256 of the rules file's bytes (of the built-in file when built in).
	SHA256 string
	// Warnings are the doubts about the file that did not stop it loading,
	// in line order, each at its line: a weekend listed as a holiday, a date
	// listed both as holiday and as workday (SPEC 4.1).
	Warnings []LineError

	// Version says which version of the file's policy these values are: the
	// base (the tables of the file) or the policy after a dated [[change]].
	Version Version
	// timeline is every version of the file, base first, in order of From;
	// shared by the versions of one file. Nil for rules built by hand,
	// which are one version.
	timeline []*Rules
}

// Rates are the per-session pay rates of 篇三 (一).
type Rates struct {
	Lesson decimal.Decimal // 上课补助, yuan per session
	Safety decimal.Decimal // 安全管理, yuan per break
}

// AdminMode says how the admin-duty pool is paid out (SPEC 3.3).
type AdminMode string

const (
	AdminPool   AdminMode = "pool"   // the pool converted to whole hours and shared
	AdminCapped AdminMode = "capped" // rate per logged shift, scaled down to the pool
)

// Admin is the admin-duty pool of 篇三 (一) 2 (2).
type Admin struct {
	Percent decimal.Decimal // share of the general pay, as a fraction
	Rate    decimal.Decimal // yuan per duty session
	Mode    AdminMode
}

// Basis says what the performance fee is (SPEC 3.4).
type Basis string

const (
	PerSession       Basis = "per_session"
	Fixed            Basis = "fixed"
	PercentOfGeneral Basis = "percent_of_general"
	WholePay         Basis = "whole_pay"
)

// Performance is the performance fee of 篇三 (二).
type Performance struct {
	Basis Basis
	// Amount is yuan per session (per_session), yuan per teacher (fixed),
	// or a fraction of the teacher's general pay (percent_of_general).
	// Unused for whole_pay.
	Amount decimal.Decimal
	// Confirmed says the school has confirmed the fee: confirmed = true or
	// an approved line in [performance], or a [[change]] that sets the fee
	// under its own decision.
	Confirmed bool
	// Approved is the decision that confirmed the fee, when one is named.
	Approved string
}

// placeholderAmount is the built-in performance fee per session. The seed
// names the fee but not its amount (SPEC 3.4), so 5.00 is ours, not the
// school's.
var placeholderAmount = decimal.New(500, -2)

// IsPlaceholder reports whether p is still the built-in placeholder, 5.00 per
// session, which the school has to set and its staff congress confirm, and
// the school has not said it confirms it.
func (p Performance) IsPlaceholder() bool {
	return p.Basis == PerSession && p.Amount.Equal(placeholderAmount) && !p.Confirmed
}

// Kind is a kind of logged after-school work.
type Kind int

const (
	KindLesson Kind = iota // 上课
	KindSafety             // 安全管理
	KindAdmin              // 行政值班
)

// String returns the kind's Chinese name: 上课, 安全管理 or 行政值班.
func (k Kind) String() string {
	switch k {
	case KindLesson:
		return "上课"
	case KindSafety:
		return "安全管理"
	case KindAdmin:
		return "行政值班"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Sessions holds the labels accepted in the session log's 类型 column and the
// plausibility limits.
type Sessions struct {
	Lesson    []string
	Safety    []string
	Admin     []string
	CountStep decimal.Decimal // counts must be whole multiples of this
	MaxPerDay int             // warning above this many sessions per teacher per day
}

// KindOf returns the kind whose labels hold label, compared after trimming
// spaces (a 类型 cell often has a stray one). No label names two kinds: the
// rules file is rejected if one does.
func (s Sessions) KindOf(label string) (Kind, bool) {
	label = strings.TrimSpace(label)
	for _, kl := range []struct {
		kind   Kind
		labels []string
	}{{KindLesson, s.Lesson}, {KindSafety, s.Safety}, {KindAdmin, s.Admin}} {
		for _, l := range kl.labels {
			if strings.TrimSpace(l) == label {
				return kl.kind, true
			}
		}
	}
	return 0, false
}

// Scope says when an event is settled.
type Scope string

const (
	ScopeMonth Scope = "month"
	ScopeTerm  Scope = "term"
)

// Event is one kind of discipline record (篇三 (二)). It takes one of three
// forms: fixed (neither Ranged nor Reward), ranged, or reward.
type Event struct {
	Label string
	Scope Scope // always ScopeMonth for a reward

	// PerEvent is the fraction each record deducts, for fixed kinds.
	PerEvent decimal.Decimal
	// AllFrom, when above 0, makes the AllFrom-th record of the kind in a month
	// and every later one deduct 100%. It is 0 or at least 2.
	AllFrom int
	// Ranged kinds take the percent from the record; it must lie in
	// [PercentMin, PercentMax], both fractions.
	Ranged     bool
	PercentMin decimal.Decimal
	PercentMax decimal.Decimal
	// Reward kinds add the record's amount to the pay.
	Reward bool
}

// Event returns the event kind labelled label (compared after trimming
// spaces) and its index in r.Events.
func (r *Rules) Event(label string) (Event, int, bool) {
	label = strings.TrimSpace(label)
	for i, e := range r.Events {
		if e.Label == label {
			return e, i, true
		}
	}
	return Event{}, -1, false
}

// Term is the fee period of 篇四 and its service calendar (SPEC 4.1).
type Term struct {
	Name     string
	Start    Date
	End      Date
	Fee      decimal.Decimal // per pupil per term
	Holidays []Date          // weekdays in the term without service
	Workdays []Date          // weekend days in the term with service (调休上班)
}
