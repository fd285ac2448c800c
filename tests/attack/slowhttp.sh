#!/bin/sh
# slowhttptest's three slow attacks against nginx (slowloris: headers sent
# a byte at a time; slow body: a POST body trickled in; slow read: the
# answer read a few bytes at a time through a tiny window), each for
# SLOW_SECONDS with SLOW_CONNECTIONS connections, while a probe asks for
# the home page twice a second. A test passes when the probe's p99 stays
# under 1 s and no probe fails.
#
#   STACK_PORT=8091 tests/attack/slowhttp.sh
set -u
PORT=${STACK_PORT:-8091}
BASE=http://127.0.0.1:$PORT
SECONDS_EACH=${SLOW_SECONDS:-30}
CONNS=${SLOW_CONNECTIONS:-1000}
HERE=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
attacker=""
cleanup() {
	[ -n "$attacker" ] && kill "$attacker" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
passed=0 failed=0

command -v slowhttptest >/dev/null 2>&1 ||
	{ echo "slowhttp: slowhttptest not installed (scripts/deps.sh attack)"; exit 1; }
# slowhttptest needs a descriptor per connection.
ulimit -n 8192 2>/dev/null || ulimit -n 4096 2>/dev/null || true

attack() {	# name, then slowhttptest's arguments
	name=$1; shift
	slowhttptest -c "$CONNS" -l "$SECONDS_EACH" -p 3 -r 200 "$@" \
	    > "$work/$name.log" 2>&1 &
	attacker=$!
	sleep 3		# let the connections pile up before probing
	line=$(python3 "$HERE/probe.py" "$BASE/en/" "$((SECONDS_EACH - 5))")
	# It stops itself at -l; killed, it would lose its buffered log.
	wait "$attacker" 2>/dev/null
	attacker=""
	p99=$(printf '%s\n' "$line" | sed -E 's/.*p99=([0-9.]+).*/\1/')
	bad=$(printf '%s\n' "$line" | sed -E 's/.*failed=([0-9]+).*/\1/')
	# The most connections the attack held open at once (its log is
	# coloured and redrawn with carriage returns).
	held=$(tr '\r' '\n' < "$work/$name.log" | sed 's/\x1b\[[0-9;]*m//g' |
	    sed -nE 's/^connected: *([0-9]+).*/\1/p' | sort -n | tail -n 1)
	held=${held:-0}
	# An attack that never got its connections proves nothing.
	if [ "$held" -lt $((CONNS / 2)) ]; then
		printf '  %-10s FAILED: the attack held only %s connections\n' \
		    "$name" "$held"
		tail -n 15 "$work/$name.log"
		failed=$((failed + 1))
	elif [ "$bad" -eq 0 ] && awk -v p="$p99" 'BEGIN { exit !(p < 1.0) }'; then
		printf '  %-10s ok: %s (attack held %s connections)\n' \
		    "$name" "$line" "${held:-?}"
		passed=$((passed + 1))
	else
		printf '  %-10s FAILED: %s (attack held %s connections)\n' \
		    "$name" "$line" "${held:-?}"
		tail -n 15 "$work/$name.log"
		failed=$((failed + 1))
	fi
}

echo "slowhttp: $CONNS connections, ${SECONDS_EACH}s per attack, probe on $BASE/en/"
attack slowloris -H -i 5 -x 24 -t GET -u "$BASE/en/"
attack slow-body -B -i 5 -x 10 -s 65536 -t POST -u "$BASE/en/verify"
attack slow-read -X -w 16 -y 32 -n 5 -z 8 -k 10 -u "$BASE/static/portal.css"

echo "slowhttp: $passed passed, $failed failed"
[ -n "${RESULTS:-}" ] && echo "slowhttp $passed $failed" >> "$RESULTS"
[ "$failed" -eq 0 ]
