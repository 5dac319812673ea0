package calc

import (
	"strconv"
	"strings"
	"unicode"
)

// A bank account number is said in kfpay's messages and outputs other than
// the bank's batch file by its last four digits only (尾号 1234): the
// payout, the slips, the run record and every message may be seen by
// others than the bursar.

// AccountTail is how a message names an account number: 尾号 1234, or for
// one of four characters or fewer, its length only.
func AccountTail(account string) string {
	rs := []rune(strings.TrimSpace(account))
	if len(rs) <= 4 {
		return "（" + strconv.Itoa(len(rs)) + " 位）"
	}
	return "尾号 " + string(rs[len(rs)-4:])
}

// minMasked is the fewest digits a run must have to be taken for an account
// number: bank cards have 16 to 19, passbooks 12 and more; a date, a
// month, a 工号 or an amount has fewer.
const minMasked = 12

// MaskAccounts hides every run of minMasked or more digits in s but its
// last four (************1234), so that an account number typed into a
// command line does not reach the run record whole. Spaces and dashes
// inside a run, as cards are printed (6222 0212 3456 7890 123), count as
// part of it.
func MaskAccounts(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); {
		if !unicode.IsDigit(rs[i]) {
			b.WriteRune(rs[i])
			i++
			continue
		}
		// The run: digits, with single spaces or dashes between them.
		j, digits := i, 0
		end := i
		for j < len(rs) {
			switch {
			case unicode.IsDigit(rs[j]):
				digits++
				j++
				end = j
				continue
			case (rs[j] == ' ' || rs[j] == '-') && j+1 < len(rs) && unicode.IsDigit(rs[j+1]):
				j++
				continue
			}
			break
		}
		run := rs[i:end]
		if digits < minMasked {
			b.WriteString(string(run))
		} else {
			kept := 0
			masked := make([]rune, len(run))
			for k := len(run) - 1; k >= 0; k-- {
				switch {
				case !unicode.IsDigit(run[k]):
					masked[k] = run[k]
				case kept < 4:
					masked[k] = run[k]
					kept++
				default:
					masked[k] = '*'
				}
			}
			b.WriteString(string(masked))
		}
		i = end
	}
	return b.String()
}
