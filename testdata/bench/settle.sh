#!/bin/sh
# settle.sh times `kfpay settle`, `kfpay check` and `kfpay explain` on
# generated district terms (issue 20), each under /usr/bin/time -v: wall
# clock, CPU time (user + system, all threads) and peak resident memory.
#
#   settle          kfpay settle of a roster of PUPILS pupils and the payouts
#                   of the five months of the built-in term, ROWS session rows
#                   each, and no other spending; it writes the three
#                   settlement workbooks
#   check-roster    kfpay check --roster of the roster
#   check-month     kfpay check of one month's session log and records
#   explain         kfpay explain of the last teacher of that month
#   unzip-p         unzip -p of the five payouts' and the roster's sheets:
#                   the floor of settle's reading
#
# usage: testdata/bench/settle.sh [PUPILS:ROWS...]
#        (default: 10000:100000 100000:1000000)
#
# A month of 100,000 session rows pays about 4,800 teachers, one of
# 1,000,000 about 48,500. Environment:
#   REPEAT=N        run each N times (default 1): on a shared machine the
#                   wall clock varies, so give its range
#   KFPAY_BEFORE=F  also time the kfpay binary F (built from another commit)
#                   on the same files, side by side
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/kfpay-settle.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- 10000:100000 100000:1000000

(cd "$root" && go build -o "$work/kfpay" ./cmd/kfpay)
kfpay=$work/kfpay

. "$root/testdata/bench/lib.sh"

months="2026-09 2026-10 2026-11 2026-12 2027-01" # the built-in term's
: >"$work/results.txt"
for size in "$@"; do
	pupils=${size%%:*} n=${size##*:}
	roster=$work/roster-$pupils.xlsx
	"$kfpay" gen --pupils "$pupils" -o "$roster" >&2
	set --
	for m in $months; do
		log=$work/log-$n-$m.xlsx rec=$work/records-$n-$m.xlsx pay=$work/pay-$n-$m.xlsx
		"$kfpay" gen --rows "$n" --month "$m" -o "$log" --records "$rec" >&2
		"$kfpay" payroll --month "$m" --sessions "$log" --records "$rec" -o "$pay" >/dev/null 2>&1
		set -- "$@" --payouts "$pay"
		[ "$m" = 2026-10 ] || rm "$log" "$rec" # October is kept for check and explain
	done
	log=$work/log-$n-2026-10.xlsx rec=$work/records-$n-2026-10.xlsx
	teacher=$("$kfpay" dump "$work/pay-$n-2026-10.xlsx" | awk -F'\t' '$2 ~ /^S[0-9]+-T[0-9]+$/ { t = $2 } END { print t }')
	sync
	for bin in "$kfpay" ${KFPAY_BEFORE:+"$KFPAY_BEFORE"}; do
		tag=
		[ "$bin" = "$kfpay" ] || tag=-before
		rm -f "$work"/out*.xlsx
		measure "settle$tag" "$pupils" "$bin" settle --roster "$roster" --no-expenses "$@" -o "$work/out.xlsx" --force
		measure "check-roster$tag" "$pupils" "$bin" check --roster "$roster"
		measure "check-month$tag" "$pupils" "$bin" check --month 2026-10 --sessions "$log" --records "$rec"
		measure "explain$tag" "$pupils" "$bin" explain --teacher "$teacher" --month 2026-10 --sessions "$log" --records "$rec"
	done
	measure "unzip-p" "$pupils" sh -c 'for f; do unzip -p "$f" "xl/worksheets/*" >/dev/null; done' sh "$roster" "$work"/pay-"$n"-*.xlsx
done

# The table, and how each command's CPU time grows with the pupils.
report pupils
