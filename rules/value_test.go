package rules

import "testing"

func TestParsePercent(t *testing.T) {
	tests := []struct {
		in   string
		want string // the fraction, or "" for an error
	}{
		{"8%", "0.08"},
		{"100%", "1"},
		{"0%", "0"},
		{"12.5%", "0.125"},
		{"0.1%", "0.001"},
		// A percent is never paid, only the products it makes, each
		// rounded to the fen where it is paid: it keeps every decimal it
		// is written with (issue 21 decides amounts, not percents, to the fen).
		{"33.3333%", "0.333333"},
		{"7.994012%", "0.07994012"},
		{" 8 % ", "0.08"},
		{"8％", "0.08"},
		{"100.01%", ""},
		{"-1%", ""},
		{"8", ""},
		{"0.08", ""},
		{"%", ""},
		{"8%%", ""},
		{"1e1%", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := parsePercent(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("parsePercent(%q) = %s, want an error", tt.in, got)
		case tt.want != "" && err != nil:
			t.Errorf("parsePercent(%q): %v, want %s", tt.in, err, tt.want)
		case tt.want != "" && !got.Equal(dec(tt.want)):
			t.Errorf("parsePercent(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseMoney(t *testing.T) {
	tests := []struct {
		in   string
		want string // or "" for an error
	}{
		{"20.00", "20"},
		{"0", "0"},
		{" 600 ", "600"},
		{"20.000", "20"}, // to the fen, however many zeros follow
		{"0.01", "0.01"},
		{"0.005", ""},                            // below the fen
		{"6.665", ""},                            // the rate of issue 21: pool mode paid 20.01 from a 20.00 pool
		{"120.005", ""},                          // the fixed fee of issue 21
		{"9999999999999.99", "9999999999999.99"}, // 15 digits: shown exactly
		{"10000000000000", ""},                   // 16 digits: a spreadsheet cannot show it to the fen
		{"-1", ""},
		{"+1", ""},
		{"20.0.0", ""},
		{"1,000.00", ""},
		{"1e3", ""},
		{".5", ""},
		{"5.", ""},
		{"２０", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := parseMoney(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("parseMoney(%q) = %s, want an error", tt.in, got)
		case tt.want != "" && err != nil:
			t.Errorf("parseMoney(%q): %v, want %s", tt.in, err, tt.want)
		case tt.want != "" && !got.Equal(dec(tt.want)):
			t.Errorf("parseMoney(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
