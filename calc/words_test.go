package calc

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

// TestAmountInWords holds amounts and their capitals written by hand from
// the rules quoted in words.go; the bank's own examples (支付结算办法 附一
// 四) are among them, in the form kfpay chose where they allow two.
func TestAmountInWords(t *testing.T) {
	for _, c := range []struct{ amount, want string }{
		{"0.00", "零元整"},
		{"0.05", "伍分"},   // below a yuan: from the first figure, no 零元
		{"0.50", "伍角整"},  // 到角为止，角后写整 (会计基础工作规范)
		{"0.55", "伍角伍分"}, // 有分，分后不写整
		{"1.00", "壹元整"},
		{"10.00", "壹拾元整"}, // a leading 拾 has its 壹
		{"10.50", "壹拾元伍角整"},
		{"11.00", "壹拾壹元整"},
		{"20.00", "贰拾元整"},
		{"100.05", "壹佰元零伍分"},       // 角 is 0, 分 is not: 零 after 元
		{"110.00", "壹佰壹拾元整"},       // a 拾 inside has its digit
		{"325.04", "叁佰贰拾伍元零肆分"},    // the bank's example
		{"1409.50", "壹仟肆佰零玖元伍角整"},  // the bank's example, with 整 after 角
		{"1680.32", "壹仟陆佰捌拾元叁角贰分"}, // the bank's second form: no 零 after 元
		{"6007.14", "陆仟零柒元壹角肆分"},   // a run of 0s is one 零
		{"1005.00", "壹仟零伍元整"},
		{"1010.00", "壹仟零壹拾元整"},
		{"2423.00", "贰仟肆佰贰拾叁元整"}, // SPEC 3.7's 实发合计
		{"3205.00", "叁仟贰佰零伍元整"},
		{"16409.02", "壹万陆仟肆佰零玖元零贰分"},  // the bank's example
		{"100010.50", "壹拾万零壹拾元伍角整"},   // a 0 across 万 is one 零
		{"107000.53", "壹拾万零柒仟元伍角叁分"},  // the bank's second form
		{"1000000.00", "壹佰万元整"},       // trailing 0s write nothing
		{"10000005.07", "壹仟万零伍元零柒分"},  // 0s across 万, then 零 after 元
		{"100000000.00", "壹亿元整"},      // an empty 万 group writes no 万
		{"100001000.00", "壹亿零壹仟元整"},   // an empty group and a 0 are one 零
		{"110000000.00", "壹亿壹仟万元整"},   // no 0 between 亿 and 仟万
		{"100010000.00", "壹亿零壹万元整"},   // 0s across 亿
		{"1000000000000.00", "壹万亿元整"}, // 10^12
		{"9999999999999999.99", "玖仟玖佰玖拾玖万亿玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分"},
		{"50", "伍拾元整"}, // an amount given without its decimals
	} {
		t.Run(c.amount, func(t *testing.T) {
			got, err := AmountInWords(decimal.RequireFromString(c.amount))
			if err != nil || got != c.want {
				t.Errorf("AmountInWords(%s) = %q, %v; want %q", c.amount, got, err, c.want)
			}
		})
	}
}

// TestAmountInWordsRefuses: a negative amount (a correction's 扣回 is
// written as the positive amount recovered), a part of a fen, and 10^16
// yuan have no capitals.
func TestAmountInWordsRefuses(t *testing.T) {
	for _, c := range []struct {
		amount string
		want   error
	}{
		{"-21.00", ErrWordsNegative},
		{"-0.01", ErrWordsNegative},
		{"1.005", ErrWordsFen},
		{"10000000000000000.00", ErrWordsTooLarge},
	} {
		if got, err := AmountInWords(decimal.RequireFromString(c.amount)); !errors.Is(err, c.want) {
			t.Errorf("AmountInWords(%s) = %q, %v; want error %v", c.amount, got, err, c.want)
		}
	}
}

// TestMaskAccounts: a card number typed into a command line keeps its last
// four digits only; dates, months, amounts and 工号 are left alone.
func TestMaskAccounts(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"kfpay bank 发放表-2026-09.xlsx --staff 教师名单.xlsx", "kfpay bank 发放表-2026-09.xlsx --staff 教师名单.xlsx"},
		{"--paid-on 2026-10-10", "--paid-on 2026-10-10"}, // 8 digits with dashes
		{"6222021234567890123", "***************0123"},
		{"卡号 6222 0212 3456 7890 123。", "卡号 **** **** **** ***0 123。"},
		{"622202123456", "********3456"}, // 12 digits
		{"62220212345", "62220212345"},   // 11: a phone number, not an account
		{"T01 929.00", "T01 929.00"},
	} {
		if got := MaskAccounts(c.in); got != c.want {
			t.Errorf("MaskAccounts(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := AccountTail(" 6222021234567890123 "); got != "尾号 0123" {
		t.Errorf("AccountTail = %q, want 尾号 0123", got)
	}
}
