package calc

import (
	"errors"
	"strings"

	"github.com/shopspring/decimal"
)

// The amount in Chinese capital numerals (人民币大写) that a payout, a slip
// and a bank batch carry beside the figure, as every Chinese voucher does
// so that a figure cannot be altered by a stroke. The rules followed are
// those of two documents every school bursar works under:
//
//   - 会计基础工作规范 (财政部 1996, 第五十二条): the capitals 零壹贰叁肆伍陆柒捌玖
//     拾佰仟万亿, never 一二三 or 另; "大写金额数字到元或者角为止的，在‘元’或者‘角’字
//     之后应当写‘整’字或者‘正’字；大写金额数字有分的，分字后面不写‘整’或者‘正’字";
//     the name of the currency (人民币) written right before the amount;
//   - 支付结算办法 (中国人民银行 1997), 附一《正确填写票据和结算凭证的基本规定》,
//     which adds how a 0 of the figure is written: a 0 between other digits
//     is written 零 (￥1,409.50 壹仟肆佰零玖元伍角), a run of several 0s only
//     one 零 (￥6,007.14 陆仟零柒元壹角肆分); when the 元 digit (or the 万
//     digit) is 0 but the next is not, one 零 may be written or none
//     (￥107,000.53 壹拾万柒仟元零伍角叁分 or 壹拾万零柒仟元伍角叁分); when the
//     角 digit is 0 and the 分 digit is not, 零 is written after 元
//     (￥325.04 叁佰贰拾伍元零肆分). After 角 it allows 整 to be left out.
//
// Where the two allow a choice, kfpay takes one and keeps to it:
//   - every run of 0s inside the yuan is one 零, across 万 and 亿 alike
//     (壹拾万零柒仟, 壹拾万零壹拾); no 零 between 元 and 角 (壹仟陆佰捌拾元叁角贰分),
//     the second form the bank's rules allow;
//   - 整 after 角 (伍角整), which 会计基础工作规范 asks for and the bank's rules
//     allow; 整, never 正;
//   - every 拾 has its digit, a leading one too: 10.00 is 壹拾元整, never 拾元整,
//     as the bank's own example writes 壹拾万 (a bare 拾 could be turned
//     into 贰拾 with one stroke before it);
//   - an amount below one yuan starts at its first figure: 0.05 is 伍分, 0.50
//     伍角整; nothing at all is 零元整.

// capitalDigits are the capital numerals of 0 to 9.
var capitalDigits = [10]string{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"}

// groupUnits name the groups of four digits of the yuan, from the lowest.
var groupUnits = []string{"", "万", "亿", "万亿"}

// placeUnits name the places inside a group of four, from the highest.
var placeUnits = [4]string{"仟", "佰", "拾", ""}

// Errors of AmountInWords.
var (
	ErrWordsNegative = errors.New("负数金额没有大写写法")
	ErrWordsFen      = errors.New("金额不是精确到分的数")
	ErrWordsTooLarge = errors.New("金额超过万亿位，写不出大写")
)

// AmountInWords writes d yuan in Chinese capital numerals: 3205.00 is
// 叁仟贰佰零伍元整, 100.05 壹佰元零伍分, 0.00 零元整. It does not add 人民币,
// which the caller writes right before it. A negative amount has no
// capitals on any voucher (what is paid back is 扣回 of a positive amount),
// an amount with a part of a fen is no amount paid, and one of 10^16 yuan
// or more has no unit above 万亿: each is an error.
func AmountInWords(d decimal.Decimal) (string, error) {
	switch {
	case d.IsNegative():
		return "", ErrWordsNegative
	case !d.Equal(d.Round(2)):
		return "", ErrWordsFen
	}
	fen := d.Shift(2).BigInt()
	if len(fen.String()) > 2+4*len(groupUnits) {
		return "", ErrWordsTooLarge
	}
	digits := fen.String()
	for len(digits) < 3 {
		digits = "0" + digits
	}
	yuan, jiao, cents := digits[:len(digits)-2], int(digits[len(digits)-2]-'0'), int(digits[len(digits)-1]-'0')
	var b strings.Builder
	whole := strings.TrimLeft(yuan, "0") != ""
	if whole {
		writeYuan(&b, yuan)
		b.WriteString("元")
	}
	switch {
	case jiao == 0 && cents == 0 && !whole:
		return "零元整", nil
	case jiao == 0 && cents == 0:
		b.WriteString("整")
	case jiao == 0:
		if whole {
			b.WriteString("零") // 支付结算办法 附一 四(4): 角位是0而分位不是0，元后写零
		}
		b.WriteString(capitalDigits[cents] + "分")
	case cents == 0:
		b.WriteString(capitalDigits[jiao] + "角整")
	default:
		b.WriteString(capitalDigits[jiao] + "角" + capitalDigits[cents] + "分")
	}
	return b.String(), nil
}

// writeYuan writes the whole yuan, given as decimal digits with no sign and
// at least one that is not 0, group by group of four from the highest.
func writeYuan(b *strings.Builder, yuan string) {
	yuan = strings.TrimLeft(yuan, "0")
	for len(yuan)%4 != 0 {
		yuan = "0" + yuan
	}
	groups := len(yuan) / 4
	written := false // something is written already
	zero := false    // a 0 lies between what is written and the next digit
	for g := range groups {
		group := yuan[4*g : 4*g+4]
		if group == "0000" {
			zero = zero || written
			continue
		}
		for p := range 4 {
			dgt := int(group[p] - '0')
			if dgt == 0 {
				zero = zero || written
				continue
			}
			if zero {
				b.WriteString("零") // one 零 for a run of 0s, 附一 四(1)(2)
				zero = false
			}
			b.WriteString(capitalDigits[dgt] + placeUnits[p])
			written = true
		}
		b.WriteString(groupUnits[groups-1-g])
	}
}
