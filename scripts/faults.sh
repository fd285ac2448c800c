#!/bin/sh
# make test-faults: a stack of its own ($FAULT_VAR, default var/faults;
# port $FAULT_PORT, default 8093), the fault scenarios of
# tests/faults/scenarios.py each followed by the invariant checker, a
# table of what was measured and "faults: N passed, N failed". The stack
# is stopped by PID on exit, failure or Ctrl-C.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PORT=${FAULT_PORT:-8093}
export VAR=${FAULT_VAR:-$ROOT/var/faults}
case "$VAR" in /*) ;; *) VAR=$ROOT/$VAR ;; esac
export STACK_PORT=$PORT STACK_VAR=$VAR
export RESULTS=$VAR/results
# Dozens of clients retry their POSTs together after each 503: nginx's
# POST rate limit (tested in make test) must not answer them with 429s.
export POST_RATE=${POST_RATE:-1000000r/s}
# The whole run is bounded (it takes 3-4 minutes).
FAULT_SECONDS=${FAULT_SECONDS:-600}
PYTHON=${PYTHON:-python3}
export PYTHONDONTWRITEBYTECODE=1
/usr/bin/python3 -c 'import nacl' 2>/dev/null && PYTHON=/usr/bin/python3

stop_stack() {
	# A scenario cut short may leave PostgreSQL stopped with SIGSTOP.
	scripts/stack.sh pg-resume > /dev/null 2>&1 < /dev/null
	scripts/stack.sh down > /dev/null 2>&1 < /dev/null
}
trap 'stop_stack' EXIT
trap 'exit 130' INT TERM

# A fresh stack each run: the checker opens every stored submission.
if [ -f "$VAR/pg/PG_VERSION" ]; then
	stop_stack
	rm -rf "$VAR"
fi
mkdir -p "$VAR"
: > "$RESULTS"
if ! scripts/stack.sh up > "$VAR/up.log" 2>&1 < /dev/null; then
	cat "$VAR/up.log"
	tail -n 30 "$VAR/log/"*.log 2>/dev/null
	echo "faults 0 1" >> "$RESULTS"
	echo "faults: 0 passed, 1 failed (the stack did not start)"
	exit 1
fi
# The checker runs portal verify-receipt and log-monitor: from a copy, so
# that a rebuild of cgi/portal during the run does not take it away.
cp cgi/portal "$VAR/portal.bin"
export FAULT_PORTAL=$VAR/portal.bin
echo "faults: stack on 127.0.0.1:$PORT, state in $VAR"
timeout -s INT "$FAULT_SECONDS" "$PYTHON" tests/faults/scenarios.py "$@"
rc=$?
if [ $rc -eq 124 ]; then
	echo "faults 0 1" >> "$RESULTS"
	echo "faults: 0 passed, 1 failed (cut off after $FAULT_SECONDS s)"
fi
exit $rc
