#!/bin/sh
# run.sh times the whole `kfpay payroll` command on generated district months
# (issue 7), one tool after the other in one run, on the same file:
#
#   kfpay payroll       read, calculate and write the payout workbook
#   unzip -p            only decompressing the sheet XML: the floor
#   pandas + openpyxl   the same job in pandas (pandas_pay.py), when Debian's
#                       python3-pandas and python3-openpyxl are installed
#   LibreOffice         opening the file and saving it as CSV, when installed
#
# usage: testdata/bench/run.sh [ROWS[/PER]...]  (default: 100000 1000000 1000000/4)
#
# ROWS/PER is a month of ROWS rows of PER rows per teacher (kfpay gen
# --per-teacher): 1000000/4 is issue 20's 250,000 teachers, whose payout is
# five times that of the usual 20 rows a teacher.
#
#   REPEAT=N        run each N times (default 1): on a shared machine the
#                   wall clock varies from run to run
#   KFPAY_BEFORE=F  also time the kfpay binary F (built from another commit,
#                   say main) on the same files, as kfpay-before
#
# Each is timed with /usr/bin/time -v: wall clock, CPU time (user + system,
# all threads) and peak resident memory. Run it on an idle machine: on a
# busy one the wall clock measures the other load as much as the tool, and
# the CPU time is the steadier figure. The figures go in the note on issue 7.
set -eu

root=$(cd "$(dirname "$0")/../.." && pwd)
bench=$root/testdata/bench
work=$(mktemp -d "${TMPDIR:-/tmp}/kfpay-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- 100000 1000000 1000000/4

(cd "$root" && go build -o "$work/kfpay" ./cmd/kfpay)
kfpay=$work/kfpay

have_pandas=no
if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import pandas, openpyxl' 2>/dev/null; then
	have_pandas=yes
fi
have_soffice=no
if command -v soffice >/dev/null 2>&1; then
	have_soffice=yes
	# The first start of LibreOffice builds its profile: do it untimed.
	"$kfpay" gen --rows 10 --month 2026-10 -o "$work/warm.xlsx"
	soffice -env:UserInstallation=file://"$work/lo-prof" --headless \
		--convert-to csv --outdir "$work/csv" "$work/warm.xlsx" >/dev/null 2>&1 || true
fi

. "$bench/lib.sh"

: >"$work/results.txt"
for size in "$@"; do
	n=${size%/*}
	per=
	label=$n
	if [ "$size" != "$n" ]; then
		per=${size#*/}
		label=$n/$per # the table's rows column: rows/rows per teacher
	fi
	key=$(echo "$label" | tr / x)
	log=$work/log-$key.xlsx
	"$kfpay" gen --rows "$n" ${per:+--per-teacher "$per"} --month 2026-10 -o "$log" --records "$work/records-$key.xlsx"
	# kfpay syncs its output before renaming it into place; on ext4 that
	# also flushes the file just generated, which is not kfpay's work.
	sync
	measure "kfpay-payroll" "$label" "$kfpay" payroll --month 2026-10 --sessions "$log" \
		--records "$work/records-$key.xlsx" -o "$work/out-$key.xlsx" --force
	if [ -n "${KFPAY_BEFORE:-}" ]; then
		measure "kfpay-before" "$label" "$KFPAY_BEFORE" payroll --month 2026-10 --sessions "$log" \
			--records "$work/records-$key.xlsx" -o "$work/before-$key.xlsx" --force
	fi
	measure "unzip-p" "$label" sh -c 'unzip -p "$1" xl/worksheets/sheet1.xml >/dev/null' sh "$log"
	if [ -z "$per" ] && [ $have_pandas = yes ]; then
		measure "pandas+openpyxl" "$label" /usr/bin/python3 "$bench/pandas_pay.py" "$log" "$work/pandas-$key.xlsx"
	fi
	if [ -z "$per" ] && [ $have_soffice = yes ]; then
		measure "libreoffice-csv" "$label" soffice -env:UserInstallation=file://"$work/lo-prof" \
			--headless --convert-to csv --outdir "$work/csv" "$log"
	fi
done
[ $have_pandas = yes ] || echo "pandas + openpyxl: not installed (apt-get install python3-pandas python3-openpyxl)"
[ $have_soffice = yes ] || echo "LibreOffice: not installed (apt-get install libreoffice-calc-nogui)"

# The table: each tool's wall time, CPU time, peak memory and rows per
# second, how many times the unzip floor it takes, and how kfpay's time
# grows from each size to the next.
echo
awk '
	{ name[NR] = $1; rows[NR] = $2; wall[NR] = $3; mb[NR] = $4; cpu[NR] = $5 }
	$1 == "unzip-p" { floor[$2] = $3 }
	$1 == "kfpay-payroll" && !($2 in kf) { sizes[++n] = $2 }
	$1 == "kfpay-payroll" { kf[$2] = $3; kfcpu[$2] = $5 }
	END {
		printf "%-16s %9s %8s %8s %8s %10s %8s %8s\n", "what", "rows", "wall s", "cpu s", "peak MB", "rows/s", "x unzip", "x kfpay"
		for (i = 1; i <= NR; i++) {
			r = rows[i]
			rate = 0; xfloor = ""; xkf = ""
			if (wall[i] > 0) rate = (r + 0) / wall[i]
			if (floor[r] > 0) xfloor = sprintf("%.1f", wall[i] / floor[r])
			if (kf[r] > 0) xkf = sprintf("%.1f", wall[i] / kf[r])
			printf "%-16s %9s %8.2f %8.2f %8.0f %10.0f %8s %8s\n", name[i], r, wall[i], cpu[i], mb[i], rate, xfloor, xkf
		}
		for (i = 2; i <= n; i++) {
			a = sizes[i - 1]; b = sizes[i]
			if (index(a, "/") || index(b, "/")) continue
			if (kf[a] > 0 && kfcpu[a] > 0)
				printf "\nkfpay: %d rows take %.1fx the wall time, %.1fx the CPU time of %d rows (%.0fx the rows)", b, kf[b] / kf[a], kfcpu[b] / kfcpu[a], a, b / a
		}
		print ""
	}
' "$work/results.txt"
