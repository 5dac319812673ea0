package rules

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestKindString(t *testing.T) {
	tests := []struct {
		kind Kind
		want string
	}{
		{KindLesson, "上课"},
		{KindSafety, "安全管理"},
		{KindAdmin, "行政值班"},
		{Kind(7), "Kind(7)"},
	}
	for _, tt := range tests {
		if got := tt.kind.String(); got != tt.want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(tt.kind), got, tt.want)
		}
	}
}

func TestKindOf(t *testing.T) {
	s := Sessions{Lesson: []string{"上课", "辅导"}, Safety: []string{"安全管理"}, Admin: []string{"行政值班"}}
	tests := []struct {
		name  string
		label string
		want  Kind
		ok    bool
	}{
		{"lesson", "上课", KindLesson, true},
		{"second lesson label", "辅导", KindLesson, true},
		{"safety", "安全管理", KindSafety, true},
		{"admin", "行政值班", KindAdmin, true},
		{"spaces around", " 行政值班 ", KindAdmin, true},
		{"full-width space typed in a Chinese input method", "上课\u3000", KindLesson, true},
		{"unknown label", "值班", 0, false},
		{"empty label", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := s.KindOf(tt.label)
			if got != tt.want || ok != tt.ok {
				t.Errorf("KindOf(%q) = %v, %v; want %v, %v", tt.label, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestRulesEvent(t *testing.T) {
	r := Default()
	tests := []struct {
		name  string
		label string
		index int
		ok    bool
	}{
		{"first", "无故空堂", 0, true},
		{"ranged, term scope", "重大安全事故", 4, true},
		{"reward, last", "奖励", 6, true},
		{"spaces around", " 早退 ", 1, true},
		{"unknown", "迟到", -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, i, ok := r.Event(tt.label)
			if i != tt.index || ok != tt.ok {
				t.Fatalf("Event(%q) = _, %d, %v; want %d, %v", tt.label, i, ok, tt.index, tt.ok)
			}
			if ok && e.Label != r.Events[i].Label {
				t.Errorf("Event(%q) returned %q, not Events[%d]", tt.label, e.Label, i)
			}
		})
	}
}

func TestIsPlaceholder(t *testing.T) {
	tests := []struct {
		name string
		p    Performance
		want bool
	}{
		{"the built-in 5.00 per session", Performance{Basis: PerSession, Amount: decimal.RequireFromString("5.00")}, true},
		{"5 written without cents", Performance{Basis: PerSession, Amount: decimal.RequireFromString("5")}, true},
		{"another amount", Performance{Basis: PerSession, Amount: decimal.RequireFromString("6.00")}, false},
		{"5.00 but per teacher", Performance{Basis: Fixed, Amount: decimal.RequireFromString("5.00")}, false},
		{"whole pay", Performance{Basis: WholePay}, false},
		{"5.00 confirmed by the school", Performance{Basis: PerSession, Amount: decimal.RequireFromString("5.00"), Confirmed: true}, false},
	}
	for _, tt := range tests {
		if got := tt.p.IsPlaceholder(); got != tt.want {
			t.Errorf("%s: IsPlaceholder() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
