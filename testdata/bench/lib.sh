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
