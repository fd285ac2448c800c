#!/bin/sh
# make test-attack: a stack of its own, then every attack against it
# (tests/attack/), then teardown; ends with "N passed, N failed".
# SKIP_SQLMAP=1 leaves out sqlmap, which takes most of the time.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PORT=${TEST_PORT:-8091}
export VAR=${ATTACK_VAR:-$ROOT/var/attack}
export STACK_PORT=$PORT STACK_VAR=$VAR PORTAL_URL=http://127.0.0.1:$PORT
export RESULTS="$VAR/results"
# sqlmap posts faster than a person: lift the rate limit for this stack.
export POST_RATE=${POST_RATE:-2000r/s}
mkdir -p "$VAR"
: > "$RESULTS"
scripts/stack.sh down >/dev/null 2>&1
scripts/stack.sh up > "$VAR/up.log" 2>&1 < /dev/null || { cat "$VAR/up.log"; exit 1; }
trap 'scripts/stack.sh down > /dev/null 2>&1' EXIT INT TERM
section() { printf '\n== %s\n' "$*"; }

section "hostile uploads"
PYTHON=python3
/usr/bin/python3 -c 'import nacl' 2>/dev/null && PYTHON=/usr/bin/python3
"$PYTHON" tests/integration/harness.py test_hostile_uploads
section "slow HTTP: slowloris, slow body, slow read"
tests/attack/slowhttp.sh
section "XSS sweep in Chromium"
tests/browser/run.sh --install-only > /dev/null &&
    node tests/attack/xss.mjs || true
section "unit suite under valgrind"
tests/attack/valgrind.sh
section "sqlmap --level 5 --risk 3"
[ "${SKIP_SQLMAP:-0}" = 1 ] && echo "sqlmap: skipped (SKIP_SQLMAP=1)" ||
    tests/attack/sqlmap.sh
awk '{ p += $2; f += $3 } END { printf "%d passed, %d failed\n", p, f; exit f > 0 }' "$RESULTS"
