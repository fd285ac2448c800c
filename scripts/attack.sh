#!/bin/sh
# make test-attack: a stack of its own, then tests/attack/*.sh against it,
# then teardown; ends with "N passed, N failed".
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PORT=${TEST_PORT:-8091}
export VAR=${ATTACK_VAR:-$ROOT/var/attack}
export STACK_PORT=$PORT STACK_VAR=$VAR
export RESULTS="$VAR/results"
# sqlmap posts faster than a person: lift the rate limit for this stack.
export POST_RATE=${POST_RATE:-2000r/s}
mkdir -p "$VAR"
: > "$RESULTS"
scripts/stack.sh down >/dev/null 2>&1
scripts/stack.sh up > "$VAR/up.log" 2>&1 < /dev/null || { cat "$VAR/up.log"; exit 1; }
tests/attack/sqlmap.sh
scripts/stack.sh down > /dev/null 2>&1
awk '{ p += $2; f += $3 } END { printf "%d passed, %d failed\n", p, f; exit f > 0 }' "$RESULTS"
