#!/bin/sh
# Run every Check program in a folder and add up what they report.
# Prints "unit: N passed, N failed"; exits non-zero if anything failed.
# If RESULTS is set, appends "unit PASSED FAILED" to that file.
set -u
dir=${1:?usage: run-unit.sh DIR}
label=${LABEL:-unit}
passed=0 failed=0
for t in "$dir"/test_*; do
	[ -x "$t" ] || continue
	out=$("$t" 2>&1); rc=$?
	line=$(printf '%s\n' "$out" | grep -E 'Checks: [0-9]+' | tail -n 1)
	if [ -z "$line" ]; then
		printf '%s\n' "$out"
		echo "$label: $(basename "$t"): no Check summary (exit $rc)"
		failed=$((failed + 1))
		continue
	fi
	n=$(printf '%s' "$line" | sed -E 's/.*Checks: ([0-9]+).*/\1/')
	f=$(printf '%s' "$line" | sed -E 's/.*Failures: ([0-9]+).*/\1/')
	e=$(printf '%s' "$line" | sed -E 's/.*Errors: ([0-9]+).*/\1/')
	bad=$((f + e))
	[ "$rc" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1	# a sanitizer report at exit
	[ "$bad" -ne 0 ] && printf '%s\n' "$out"
	passed=$((passed + n - (f + e)))
	failed=$((failed + bad))
	printf '  %-28s %s\n' "$(basename "$t")" "$line"
done
echo "$label: $passed passed, $failed failed"
[ -n "${RESULTS:-}" ] && echo "$label $passed $failed" >> "$RESULTS"
[ "$failed" -eq 0 ]
