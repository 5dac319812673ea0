package rules

import (
	"strings"
	"testing"
)

func TestLocate(t *testing.T) {
	const doc = `# 注释里的 [[event]] 和 lesson = "1" 不算
school = "示例小学"

[rates]
lesson = "20.00"   # 行尾注释 [term]
"safety" = "10.00"

[[event]]
label = "早退"

[[event]]
label = "a # 不是注释"
scope = """
[term]
fee = "假的"
"""
per_event = "10%"

[term]
holidays = [
  2026-09-25,   # 中秋
  # 注释行
  2026-10-01,
]
workdays = [2026-09-20, 2026-10-10]
admin.rate = "7.00"
sessions = { lesson = ["上课"], max_per_day = 4 }
`
	tests := []struct {
		name string
		key  keyPath
		want int
	}{
		{"top-level key", keyPath{"school"}, 2},
		{"table header", keyPath{"rates"}, 4},
		{"key in a table", keyPath{"rates", "lesson"}, 5},
		{"quoted key", keyPath{"rates", "safety"}, 6},
		{"first array table", keyPath{"event", "[0]"}, 8},
		{"key of the first array table", keyPath{"event", "[0]", "label"}, 9},
		{"second array table, counted by index", keyPath{"event", "[1]"}, 11},
		{"key of the second array table", keyPath{"event", "[1]", "label"}, 12},
		{"key after a multi-line string that looks like a table", keyPath{"event", "[1]", "per_event"}, 17},
		{"table after a string holding its header", keyPath{"term"}, 19},
		{"element of a multi-line array", keyPath{"term", "holidays", "[0]"}, 21},
		{"element after a comment line", keyPath{"term", "holidays", "[1]"}, 23},
		{"element of a one-line array", keyPath{"term", "workdays", "[1]"}, 25},
		{"dotted key", keyPath{"term", "admin", "rate"}, 26},
		{"key of an inline table", keyPath{"term", "sessions", "max_per_day"}, 27},
		{"missing key falls back to its table", keyPath{"rates", "nosuch"}, 4},
		{"missing element falls back to its array", keyPath{"term", "workdays", "[5]"}, 25},
		{"missing table", keyPath{"performance", "amount"}, 0},
	}
	loc := locate([]byte(doc))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := loc.line(tt.key); got != tt.want {
				t.Errorf("line(%s) = %d, want %d", tt.key, got, tt.want)
			}
		})
	}
}

func TestLocateForms(t *testing.T) {
	tests := []struct {
		name string
		src  string
		key  keyPath
		want int
	}{
		{"CRLF line ends", "a = 1\r\n\r\n[rates]\r\nlesson = \"x\"\r\n", keyPath{"rates", "lesson"}, 4},
		{"byte order mark", "\xef\xbb\xbf[rates]\nlesson = \"x\"\n", keyPath{"rates", "lesson"}, 2},
		{"dotted key at the top level", "x = 1\nrates.lesson = \"x\"\n", keyPath{"rates", "lesson"}, 2},
		{"dotted key places its table", "x = 1\nrates.lesson = \"x\"\n", keyPath{"rates"}, 2},
		{"inline table over two keys", "rates = { lesson = \"1\", safety = \"x\" }\n", keyPath{"rates", "safety"}, 1},
		{"inline array of tables", "event = [\n  { label = \"a\" },\n  { label = \"b\" },\n]\n", keyPath{"event", "[1]", "label"}, 3},
		{"spaces inside a header", "\n[ term ]\nfee = \"1\"\n", keyPath{"term", "fee"}, 3},
		{"nested array table", "[[event]]\n[[event]]\n[[event.x]]\ny = 1\n", keyPath{"event", "[1]", "x", "[0]", "y"}, 4},
		{"literal multi-line string", "a = '''\n[rates]\n'''\n[rates]\n", keyPath{"rates"}, 4},
		{"escaped quote in a string", "a = \"\\\" [rates]\"\n[rates]\n", keyPath{"rates"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := locate([]byte(tt.src)).line(tt.key); got != tt.want {
				t.Errorf("line(%s) = %d, want %d", tt.key, got, tt.want)
			}
		})
	}
}

func TestKeyPathString(t *testing.T) {
	tests := []struct {
		key  keyPath
		want string
	}{
		{keyPath{"school"}, "school"},
		{keyPath{"rates", "lesson"}, "rates.lesson"},
		{keyPath{"event", "[1]", "per_event"}, "event[1].per_event"},
		{keyPath{"term", "holidays", "[2]"}, "term.holidays[2]"},
	}
	for _, tt := range tests {
		if got := tt.key.String(); got != tt.want {
			t.Errorf("%q.String() = %q, want %q", []string(tt.key), got, tt.want)
		}
	}
}

// TestLocateNeverStalls feeds the locator text that is not TOML at all: it
// must come back, whatever it finds.
func TestLocateNeverStalls(t *testing.T) {
	for _, src := range []string{"", "[", "[[", "\"", "'''", `"""`, "a = [", "a = {", "a = [[[", "=", "\\", "a.b.", "[a.]]\n="} {
		locate([]byte(src))
		locate([]byte(strings.Repeat(src, 3)))
	}
}
