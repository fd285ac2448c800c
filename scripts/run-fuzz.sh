#!/bin/sh
# Run every libFuzzer target for a number of seconds each, starting from its
# seed corpus in tests/fuzz/corpus/NAME (new inputs go to a scratch copy so
# that a short run in `make test` does not churn the repository).
# Prints "fuzz: N passed, N failed".
set -u
seconds=${1:?usage: run-fuzz.sh SECONDS}
keep=${FUZZ_KEEP_CORPUS:-0}
passed=0 failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for bin in build/fuzz/bin/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin" | sed 's/^fuzz_//')
	seeds=tests/fuzz/corpus/$name
	mkdir -p "$work/$name"
	[ -d "$seeds" ] && cp -R "$seeds/." "$work/$name/"
	if ASAN_OPTIONS=detect_leaks=1 "$bin" -max_total_time="$seconds" \
	    -rss_limit_mb=2048 -artifact_prefix="$work/" -print_final_stats=1 \
	    "$work/$name" > "$work/$name.log" 2>&1; then
		runs=$(grep -E '^stat::number_of_executed_units' "$work/$name.log" | awk '{print $2}')
		printf '  %-20s ok, %s runs in %ss\n' "$name" "${runs:-?}" "$seconds"
		passed=$((passed + 1))
		[ "$keep" = 1 ] && [ -d "$seeds" ] && cp -n "$work/$name"/* "$seeds/" 2>/dev/null
	else
		tail -n 40 "$work/$name.log"
		ls "$work"/crash-* "$work"/leak-* 2>/dev/null
		printf '  %-20s FAILED\n' "$name"
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ -n "${RESULTS:-}" ] && echo "fuzz $passed $failed" >> "$RESULTS"
[ "$failed" -eq 0 ]
