package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// number is how the rules file writes a plain decimal: digits, maybe a point
// and more digits. No exponent, no sign, no thousands separator.
var number = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// MaxAmount bounds every amount kfpay reads or writes, exclusive: a
// spreadsheet keeps a number as a binary double and shows at most 15
// significant digits, so an amount in yuan and fen shows exactly only below
// 10^13 (13 digits of yuan and 2 of fen). A larger one would be written
// rounded, and the sheet's lines would no longer add up to its 合计.
var MaxAmount = decimal.New(1, 13)

// parseMoney reads an amount such as "20.00": a decimal, never negative, to
// the fen. Money is paid in fen, and an amount below the fen ("6.665") would
// be rounded differently where it is multiplied, summed or paid, so that a
// sheet's lines and its 合计 could disagree: it is refused, as amounts in the
// workbooks are. "20.000" is 20.00 and is accepted. The error is the Chinese
// sentence's tail, after `key = "…" `.
func parseMoney(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	if neg, ok := strings.CutPrefix(t, "-"); ok && number.MatchString(strings.TrimSpace(neg)) {
		return decimal.Decimal{}, fmt.Errorf(`是负数，金额不能为负`)
	}
	if !number.MatchString(t) {
		return decimal.Decimal{}, fmt.Errorf(`不是金额，应写成 "20.00" 这样的数字`)
	}
	d, err := decimal.NewFromString(t)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if !d.LessThan(MaxAmount) {
		return decimal.Decimal{}, fmt.Errorf(`金额过大，超出表格能精确显示的 15 位数字；请检查是否多写了数字`)
	}
	if fen := d.Truncate(2); !fen.Equal(d) {
		return decimal.Decimal{}, fmt.Errorf(`金额须精确到分（最多两位小数）；请按学校的标准写成 "%s" 或 "%s"`,
			fen.StringFixed(2), fen.Add(decimal.New(1, -2)).StringFixed(2))
	}
	return d, nil
}

// parsePercent reads a percent such as "8%" (or "８％" typed in a Chinese
// input method) and returns it as a fraction, 0.08. It must lie in 0–100%.
func parsePercent(s string) (decimal.Decimal, error) {
	t := strings.TrimSpace(s)
	num, ok := strings.CutSuffix(t, "%")
	if !ok {
		num, ok = strings.CutSuffix(t, "％")
	}
	num = strings.TrimSpace(num)
	switch {
	case !ok && number.MatchString(num):
		return decimal.Decimal{}, fmt.Errorf(`缺少 %% 号，比例应写成 "%s%%" 这样`, num)
	case !ok:
		return decimal.Decimal{}, fmt.Errorf(`不是比例，应写成 "8%%" 这样`)
	case strings.HasPrefix(num, "-") && number.MatchString(strings.TrimSpace(num[1:])):
		return decimal.Decimal{}, fmt.Errorf(`超出 0%%–100%%，比例不能为负`)
	case !number.MatchString(num):
		return decimal.Decimal{}, fmt.Errorf(`不是比例，应写成 "8%%" 这样`)
	}
	d, err := decimal.NewFromString(num)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if d.GreaterThan(decimal.NewFromInt(100)) {
		return decimal.Decimal{}, fmt.Errorf(`超出 0%%–100%%`)
	}
	return d.Shift(-2), nil
}

// show writes a decoded TOML value back roughly as the file spells it, for
// quoting it in a message; a string through Quote, so at most a few dozen
// characters of it.
func show(v any) string {
	switch v := v.(type) {
	case string:
		return Quote(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		f := strconv.FormatFloat(v, 'f', -1, 64)
		if !strings.ContainsAny(f, ".NI") { // 4.0, not 4: say it is the float the file wrote
			f += ".0"
		}
		return f
	case bool:
		return strconv.FormatBool(v)
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return v.Format("2006-01-02")
		case "time-local":
			return v.Format("15:04:05")
		}
		return v.Format("2006-01-02T15:04:05")
	case []any, []map[string]any:
		return "[…]"
	case map[string]any:
		return "{…}"
	}
	return fmt.Sprint(v)
}

// kindOf names the TOML type of a decoded value in Chinese, for messages.
func kindOf(v any) string {
	switch v := v.(type) {
	case string:
		return "加引号的文字"
	case int64, float64:
		return "数字"
	case bool:
		return "true/false"
	case time.Time:
		if isLocalDate(v) {
			return "日期"
		}
		return "时间"
	case []any, []map[string]any:
		return "列表"
	case map[string]any:
		return "表"
	}
	return "未知类型"
}

// isLocalDate reports whether a decoded TOML time is a local date such as
// 2026-09-01, not a date-time or a time. BurntSushi/toml marks the three by
// the name of the time's location.
func isLocalDate(t time.Time) bool { return t.Location().String() == "date-local" }

// str reads a quoted string.
func (p *parser) str(k keyPath, v any) (string, bool) {
	s, ok := v.(string)
	if !ok {
		p.fail(k, "= %s 应加引号写成文字；现在写成了%s", show(v), kindOf(v))
	}
	return s, ok
}

// The most characters of the texts of the file. They are printed: the
// school's name and the term's in titles and page headers, the approval in
// 计算说明, the labels as column headings and in the templates' drop-down
// lists. Longer is something pasted by mistake.
const (
	maxName     = 60
	maxApproved = 200
	maxLabel    = 20
)

// setText reads a quoted text of at most max characters.
func (p *parser) setText(k keyPath, v any, dst *string, max int) {
	var s string
	if p.setString(k, v, &s) && p.short(k, s, max) {
		*dst = s
	}
}

// short reports whether s, the value at k, has at most max characters,
// and says at k when it has more.
func (p *parser) short(k keyPath, s string, max int) bool {
	if n := utf8.RuneCountInString(s); n > max {
		count := "" // Quote says how long a long text is
		if n <= MaxQuoted {
			count = fmt.Sprintf(" 有 %d 个字，", n)
		}
		p.fail(k, "= %s%s太长了（最多 %d 个字）；请检查是否粘贴了多余的内容", Quote(s), count, max)
		return false
	}
	return true
}

func (p *parser) setString(k keyPath, v any, dst *string) bool {
	s, ok := p.str(k, v)
	if ok {
		*dst = strings.TrimSpace(s)
	}
	return ok
}

// integer reads a TOML integer, unquoted.
func (p *parser) integer(k keyPath, v any) (int, bool) {
	switch v := v.(type) {
	case int64:
		return int(v), true
	case string:
		p.fail(k, "= %s 是整数，不加引号，如 4", show(v))
	default:
		p.fail(k, "= %s 应是整数，如 4", show(v))
	}
	return 0, false
}

// money reads an amount: a quoted string, never a TOML number, so that no
// binary fraction reaches the money (SPEC 7).
func (p *parser) money(k keyPath, v any) (decimal.Decimal, bool) {
	switch n := v.(type) {
	case int64:
		p.fail(k, `= %d 是数字，请加引号写成 "%d.00"（金额一律加引号）`, n, n)
		return decimal.Decimal{}, false
	case float64:
		p.fail(k, `= %s 是数字，请加引号写成 "%s"（金额一律加引号）`, show(n), show(n))
		return decimal.Decimal{}, false
	}
	s, ok := p.str(k, v)
	if !ok {
		return decimal.Decimal{}, false
	}
	d, err := parseMoney(s)
	if err != nil {
		p.fail(k, "= %s %v", show(v), err)
		return decimal.Decimal{}, false
	}
	return d, true
}

func (p *parser) setMoney(k keyPath, v any, dst *decimal.Decimal) {
	if d, ok := p.money(k, v); ok {
		*dst = d
	}
}

// percent reads a quoted percent such as "8%" as the fraction 0.08.
func (p *parser) percent(k keyPath, v any) (decimal.Decimal, bool) {
	switch n := v.(type) {
	case int64:
		p.fail(k, `= %d 是数字，比例须加引号并带 %% 号，请写成 "%d%%"`, n, n)
		return decimal.Decimal{}, false
	case float64:
		p.fail(k, `= %s 是数字，比例须加引号并带 %% 号，如 "8%%"`, show(n))
		return decimal.Decimal{}, false
	}
	s, ok := p.str(k, v)
	if !ok {
		return decimal.Decimal{}, false
	}
	d, err := parsePercent(s)
	if err != nil {
		p.fail(k, "= %s %v", show(v), err)
		return decimal.Decimal{}, false
	}
	return d, true
}

func (p *parser) setPercent(k keyPath, v any, dst *decimal.Decimal) bool {
	d, ok := p.percent(k, v)
	if ok {
		*dst = d
	}
	return ok
}

// date reads a TOML local date, 2026-09-01, unquoted.
func (p *parser) date(k keyPath, v any) (Date, bool) {
	switch v := v.(type) {
	case time.Time:
		if isLocalDate(v) {
			return DateOf(v), true
		}
		p.fail(k, "= %s 只写日期，不带时间，如 2026-09-01", show(v))
	case string:
		if _, err := time.Parse("2006-01-02", strings.TrimSpace(v)); err == nil {
			p.fail(k, "= %s 日期不加引号，请写成 %s", show(v), strings.TrimSpace(v))
		} else {
			p.fail(k, "= %s 不是日期，日期不加引号，写成 2026-09-01 这样", show(v))
		}
	default:
		p.fail(k, "= %s 应是日期，写成 2026-09-01 这样", show(v))
	}
	return Date{}, false
}

func (p *parser) setDate(k keyPath, v any, dst *Date) bool {
	d, ok := p.date(k, v)
	if ok {
		*dst = d
	}
	return ok
}

// setDates reads a list of dates; a list with a bad date is not used.
func (p *parser) setDates(k keyPath, v any, dst *[]Date) bool {
	list, ok := v.([]any)
	if !ok {
		p.fail(k, "应是日期的列表，如 [2026-10-01, 2026-10-02]；现在写成了%s", kindOf(v))
		return false
	}
	dates := make([]Date, 0, len(list))
	good := true
	for j, e := range list {
		d, ok := p.date(k.with(elem(j)), e)
		good = good && ok
		dates = append(dates, d)
	}
	if good {
		*dst = dates
	}
	return good
}
