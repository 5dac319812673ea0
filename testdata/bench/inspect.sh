#!/bin/sh
# inspect.sh times `kfpay dump` and `kfpay diff` on the payouts of generated
# district months (issue 20), each under /usr/bin/time -v: wall clock, CPU
# time (user + system, all threads) and peak resident memory.
#
#   dump            kfpay dump of the month's payout
#   diff-changed    kfpay diff of the payout and the same month paid with a
#                   performance fee of 6.00 instead of 5.00 a lesson: every
#                   teacher's row changed, the longest diff there is
#   diff-same       kfpay diff of the payout and a copy of it: reading alone
#   unzip-p         unzip -p of the payout's sheets: the floor
#
# usage: testdata/bench/inspect.sh [ROWS...]    (default: 100000 1000000)
#
# A month of 100,000 session rows pays about 4,800 teachers, one of
# 1,000,000 about 48,500. Environment:
#   REPEAT=N        run each N times (default 1): on a shared machine the
#                   wall clock varies, so give its range
#   KFPAY_BEFORE=F  also time the kfpay binary F (built from another commit)
#                   on the same payouts, side by side
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kfpay-inspect.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- 100000 1000000

(cd "$root" && go build -o "$work/kfpay" ./cmd/kfpay)
kfpay=$work/kfpay

. "$root/testdata/bench/lib.sh"

"$kfpay" init "$work/rules" >/dev/null
sed 's/^amount = "5.00"/amount = "6.00"/' "$work/rules/rules.toml" >"$work/rules6.toml"
grep -q '^amount = "6.00"' "$work/rules6.toml" || { echo "inspect.sh: no performance amount to change" >&2; exit 1; }

: >"$work/results.txt"
for n in "$@"; do
	log=$work/log-$n.xlsx
	"$kfpay" gen --rows "$n" --month 2026-10 -o "$log" --records "$work/records-$n.xlsx" >&2
	pay=$work/pay-$n.xlsx
	"$kfpay" payroll --month 2026-10 --sessions "$log" --records "$work/records-$n.xlsx" \
		--rules "$work/rules/rules.toml" -o "$pay" 2>/dev/null
	"$kfpay" payroll --month 2026-10 --sessions "$log" --records "$work/records-$n.xlsx" \
		--rules "$work/rules6.toml" -o "$work/pay6-$n.xlsx" 2>/dev/null
	cp "$pay" "$work/copy-$n.xlsx"
	sync
	for bin in "$kfpay" ${KFPAY_BEFORE:+"$KFPAY_BEFORE"}; do
		tag=
		[ "$bin" = "$kfpay" ] || tag=-before
		measure "dump$tag" "$n" "$bin" dump "$pay"
		OK=1 # diff exits 1: the workbooks differ
		measure "diff-changed$tag" "$n" "$bin" diff "$pay" "$work/pay6-$n.xlsx"
		OK=0
		measure "diff-same$tag" "$n" "$bin" diff "$pay" "$work/copy-$n.xlsx"
	done
	measure "unzip-p" "$n" sh -c 'unzip -p "$1" "xl/worksheets/*" >/dev/null' sh "$pay"
done

# The table, and how each command's CPU time grows with the rows.
report rows
