package main

import "testing"

// TestColumnOrderNamesEveryFigure checks that every figure a case may expect
// is named when a case names one that does not exist.
func TestColumnOrderNamesEveryFigure(t *testing.T) {
	in := map[string]bool{}
	for _, c := range columnOrder {
		if in[c] {
			t.Errorf("%s is listed twice", c)
		}
		in[c] = true
	}
	for _, m := range []map[string]figureKind{payoutColumns, adminItems, pupilColumns, fundItems} {
		for c := range m {
			if !in[c] {
				t.Errorf("columnOrder lacks %s", c)
			}
		}
	}
}
