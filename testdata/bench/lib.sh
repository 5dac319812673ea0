# lib.sh is sourced by the benchmark scripts beside it. It needs $work, a
# folder of the script's own.

# measure NAME ROWS CMD...: run CMD under /usr/bin/time -v, $REPEAT times
# (default once), and append "NAME ROWS WALL_S PEAK_MB CPU_S" to
# $work/results.txt for each run, CPU time being user + system, all
# threads. CMD must exit with status $OK (default 0): kfpay diff exits 1
# when the workbooks differ.
measure() {
	name=$1 rows=$2
	shift 2
	i=0
	while [ $i -lt "${REPEAT:-1}" ]; do
		i=$((i + 1))
		code=0
		/usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>&1 || code=$?
		if [ "$code" != "${OK:-0}" ]; then
			echo "$0: $name on $rows rows exited $code, want ${OK:-0}:" >&2
			cat "$work/out.txt" "$work/time.txt" >&2
			exit 1
		fi
		awk -v name="$name" -v rows="$rows" '
			/Elapsed \(wall clock\)/ {
				n = split($NF, t, ":"); s = 0
				for (i = 1; i <= n; i++) s = s * 60 + t[i]
			}
			/Maximum resident set size/ { kb = $NF }
			/User time \(seconds\)|System time \(seconds\)/ { cpu += $NF }
			END { printf "%s %s %.2f %.0f %.2f\n", name, rows, s, kb / 1024, cpu }
		' "$work/time.txt" >>"$work/results.txt"
		tail -n 1 "$work/results.txt" >&2
	done
}

# report UNIT: the table of $work/results.txt, each run's wall time, CPU
# time and peak memory; then, for each command, how its CPU time grows from
# each size to the next, the sizes counted in UNIT (rows, pupils).
report() {
	echo
	awk -v unit="$1" '
		{ name[NR] = $1; rows[NR] = $2; wall[NR] = $3; mb[NR] = $4; cpu[NR] = $5 }
		!seen[$1, $2]++ { sum[$1, $2] = 0; count[$1, $2] = 0 }
		{ sum[$1, $2] += $5; count[$1, $2]++ }
		!known[$1]++ { names[++nn] = $1 }
		!knownrows[$2]++ { sizes[++ns] = $2 }
		END {
			printf "%-20s %9s %8s %8s %8s\n", "what", unit, "wall s", "cpu s", "peak MB"
			for (i = 1; i <= NR; i++)
				printf "%-20s %9d %8.2f %8.2f %8.0f\n", name[i], rows[i], wall[i], cpu[i], mb[i]
			print ""
			for (j = 1; j <= nn; j++)
				for (i = 2; i <= ns; i++) {
					a = sizes[i - 1]; b = sizes[i]; k = names[j]
					if (count[k, a] > 0 && count[k, b] > 0 && sum[k, a] > 0)
						printf "%s: %d %s take %.1fx the CPU time of %d %s (%.0fx the input)\n", k, b, unit, (sum[k, b] / count[k, b]) / (sum[k, a] / count[k, a]), a, unit, b / a
				}
		}
	' "$work/results.txt"
}
