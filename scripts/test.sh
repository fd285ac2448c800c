#!/bin/sh
# make test: a stack of its own (var/test, port $TEST_PORT), every suite,
# teardown, and one summary line "N passed, N failed".
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PORT=${TEST_PORT:-8091}
export VAR=${TEST_VAR:-$ROOT/var/test}
export STACK_PORT=$PORT STACK_VAR=$VAR
export RESULTS="$VAR/results"
# Functional tests post far faster than a person; the rate limit itself
# is tested on the `make run` stack, which keeps the default.
export POST_RATE=${POST_RATE:-2000r/s}
# The `make run` test checks serving and stopping, not the demonstration
# data (tests/integration/test_demo.py does, in databases of its own).
export DEMO=${DEMO:-0}
FUZZ_SMOKE_SECONDS=${FUZZ_SMOKE_SECONDS:-10}
# Debian's python3 has python3-nacl (deps.sh); a python3 earlier in PATH
# (pyenv, a venv) may not.
PYTHON=${PYTHON:-python3}
/usr/bin/python3 -c 'import nacl' 2>/dev/null && PYTHON=/usr/bin/python3

mkdir -p "$VAR"
: > "$RESULTS"
status=0

section() { printf '\n== %s\n' "$*"; }
record_failure() { echo "$1 0 1" >> "$RESULTS"; status=1; }

section "translations and templates"
if scripts/i18n.sh check; then
	echo "i18n 1 0" >> "$RESULTS"
else
	record_failure i18n
fi
if ./cgi/portal check-templates; then
	echo "templates 1 0" >> "$RESULTS"
	echo "templates: every template loads in every language"
else
	record_failure templates
fi

section "unit tests"
make -s unit-bins >/dev/null || record_failure build-unit
LABEL=unit scripts/run-unit.sh build/rel/unit || status=1

section "unit tests under AddressSanitizer and UndefinedBehaviorSanitizer"
make -s unit-san-bins >/dev/null || record_failure build-unit-san
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    LABEL=unit-san scripts/run-unit.sh build/san/unit || status=1

section "fuzz targets, ${FUZZ_SMOKE_SECONDS}s each"
if make -s fuzz-bins >/dev/null; then
	scripts/run-fuzz.sh "$FUZZ_SMOKE_SECONDS" || status=1
else
	record_failure build-fuzz
fi

section "integration: nginx + workers + PostgreSQL on 127.0.0.1:$PORT"
scripts/stack.sh down >/dev/null 2>&1
if scripts/stack.sh up; then
	"$PYTHON" tests/integration/harness.py || status=1
	section "browser: Chromium + axe-core, Nu Html Checker, every page in every language"
	tests/browser/run.sh || status=1
else
	record_failure stack-up
	tail -n 30 "$VAR/log/"*.log 2>/dev/null
fi
scripts/stack.sh down

section "summary"
awk '{ printf "  %-14s %5d passed, %d failed\n", $1, $2, $3; p += $2; f += $3 }
    END { printf "%d passed, %d failed\n", p, f }' "$RESULTS"
failed=$(awk '{ f += $3 } END { print f + 0 }' "$RESULTS")
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
