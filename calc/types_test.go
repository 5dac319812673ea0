package calc

import "testing"

// TestRefString checks each kind of place a problem can be at. A whole row
// is named as Excel names it (3:3), so that the message points somewhere a
// bursar can go: a hidden-row warning once read 9月!3.
func TestRefString(t *testing.T) {
	for _, c := range []struct {
		ref  Ref
		want string
	}{
		{Ref{File: "课时登记.xlsx"}, "课时登记.xlsx"},
		{Ref{File: "课时登记.xlsx", Sheet: "9月"}, "课时登记.xlsx 9月"},
		{Ref{File: "课时登记.xlsx", Sheet: "9月", Row: 3}, "课时登记.xlsx 9月!3:3"},
		{Ref{File: "课时登记.xlsx", Sheet: "9月", Col: 4, Row: 17}, "课时登记.xlsx 9月!D17"},
		{Ref{File: "课时登记.xlsx", Sheet: "9月", Col: 27, Row: 1}, "课时登记.xlsx 9月!AA1"},
		// A CSV file has no sheet: its cells are named as Excel shows them.
		{Ref{File: "课时登记.csv", Col: 5, Row: 7}, "课时登记.csv 第 7 行 E 列"},
		{Ref{File: "课时登记.csv", Row: 7}, "课时登记.csv 第 7 行"},
		// A line of kfpay verify's cases has no columns (sheet.openLines
		// leaves Col 0).
		{Ref{File: "cases.toml", Row: 12}, "cases.toml 第 12 行"},
	} {
		if got := c.ref.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.ref, got, c.want)
		}
	}
}
