package sheet

import "testing"

// TestCapitalYuan checks amounts in capitals against the examples of the
// payment rules (支付结算办法, 正确填写票据和结算凭证的基本规定) and the
// cases of a zero in every place.
func TestCapitalYuan(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"0", "零元整"},
		{"0.70", "柒角整"},
		{"0.05", "伍分"},
		{"0.75", "柒角伍分"},
		{"1", "壹元整"},
		{"10", "壹拾元整"},
		{"15", "壹拾伍元整"},
		{"101", "壹佰零壹元整"},
		{"110", "壹佰壹拾元整"},
		{"1001", "壹仟零壹元整"},
		{"1010", "壹仟零壹拾元整"},
		{"10000", "壹万元整"},
		{"10001", "壹万零壹元整"},
		{"100100", "壹拾万零壹佰元整"},
		{"1000000", "壹佰万元整"},
		{"100000000", "壹亿元整"},
		{"100010000", "壹亿零壹万元整"},
		{"1409.50", "壹仟肆佰零玖元伍角整"},  // the rules' own example
		{"6007.14", "陆仟零柒元壹角肆分"},   // the rules' own example
		{"325.04", "叁佰贰拾伍元零肆分"},    // a zero 角: 零 before the 分
		{"1680.32", "壹仟陆佰捌拾元叁角贰分"}, // a zero 元: the optional 零 left out
		{"330.70", "叁佰叁拾元柒角整"},
		{"177.39", "壹佰柒拾柒元叁角玖分"},
		{"-177.39", "壹佰柒拾柒元叁角玖分"}, // the sign is the caller's
		{"45.555", "肆拾伍元伍角陆分"},    // rounded half up to the fen first
	} {
		if got := capitalYuan(dec(c.in)); got != c.want {
			t.Errorf("capitalYuan(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}
