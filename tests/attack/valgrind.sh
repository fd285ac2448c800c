#!/bin/sh
# The unit suite (build/rel/unit, built without sanitizers) under valgrind's
# memcheck: a test passes when valgrind reports 0 errors and 0 bytes
# definitely lost. Check forks each test by default; CK_FORK=no keeps them
# in the process valgrind watches.
#
#   make unit-bins && tests/attack/valgrind.sh
set -u
cd "$(dirname "$0")/../.."
command -v valgrind >/dev/null 2>&1 ||
	{ echo "valgrind: not installed (scripts/deps.sh attack)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
for t in build/rel/unit/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	CK_FORK=no valgrind --tool=memcheck --leak-check=full \
	    --errors-for-leak-kinds=definite --error-exitcode=99 \
	    --log-file="$work/$name.log" "$t" > "$work/$name.out" 2>&1
	rc=$?
	errors=$(sed -nE 's/.*ERROR SUMMARY: ([0-9]+) errors.*/\1/p' "$work/$name.log" | tail -n 1)
	lost=$(sed -nE 's/.*definitely lost: ([0-9,]+) bytes.*/\1/p' "$work/$name.log" | tail -n 1 | tr -d ,)
	if [ "$rc" -eq 0 ] && [ "${errors:-1}" -eq 0 ] && [ "${lost:-0}" -eq 0 ]; then
		printf '  %-28s ok: 0 errors, 0 bytes definitely lost\n' "$name"
		passed=$((passed + 1))
	else
		printf '  %-28s FAILED: exit %s, %s errors, %s bytes definitely lost\n' \
		    "$name" "$rc" "${errors:-?}" "${lost:-?}"
		grep -A 12 -E "Invalid|uninitialised|definitely lost in" "$work/$name.log" | head -40
		tail -n 5 "$work/$name.out"
		failed=$((failed + 1))
	fi
done
echo "valgrind: $passed passed, $failed failed"
[ -n "${RESULTS:-}" ] && echo "valgrind $passed $failed" >> "$RESULTS"
[ "$failed" -eq 0 ]
