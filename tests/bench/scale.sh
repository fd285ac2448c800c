#!/bin/sh
# make bench, scale (issue 7 "Benchmark", issue 8 section 1 "Scale"): the
# public pages whose work could grow with the data, measured with wrk at
# 1,000 communications and again, in the same run, after `portal
# demo-data` has grown the same database to 100,000 communications,
# 20,000 visits, 50,000 recommendations and 1,000,000 submissions.
# Target: req/s at scale >= req/s at 1,000 / 1.5 for every page.
#
# Pages: the home page, the State with the most letters, the communications
# list filtered by that State and a reply category, the trackers (visits,
# recommendations), that State's feed and the analysis page (skipped, with
# a note, where the route does not exist yet).
#
# A stack of its own (BENCH_PORT, default 8140; state in SCALE_VAR,
# default var/bench-scale, started empty), stopped by PID at the end.
# scripts/bench.sh runs this after its own table; it also runs alone.
#
# Environment: BENCH_PORT, SCALE_VAR, BENCH_SECONDS (5 per run),
# SCALE_CONNS (64), BENCH_WORKERS (2 x cores), SCALE_COMMUNICATIONS
# (100000), SCALE_VISITS (20000), SCALE_RECOMMENDATIONS (50000),
# SCALE_SUBMISSIONS (1000000; 0 skips them).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
PORT=${BENCH_PORT:-8140}
VAR=${SCALE_VAR:-$ROOT/var/bench-scale}
case "$VAR" in /*) ;; *) VAR=$ROOT/$VAR ;; esac
SECS=${BENCH_SECONDS:-5}
CONNS=${SCALE_CONNS:-64}
WORKERS=${BENCH_WORKERS:-$((2 * $(nproc)))}
BIG="--communications ${SCALE_COMMUNICATIONS:-100000} --visits ${SCALE_VISITS:-20000}
    --recommendations ${SCALE_RECOMMENDATIONS:-50000} --submissions ${SCALE_SUBMISSIONS:-1000000}"
SMALL="--communications 1000 --visits 200 --recommendations 500 --submissions 0"
OUT=$VAR/scale
export VAR PORT PORTAL_WORKERS=$WORKERS
unset STACK_VAR STACK_PORT 2>/dev/null || true

say() { printf 'scale: %s\n' "$*" >&2; }
die() { printf 'scale: %s\n' "$*" >&2; exit 1; }

command -v wrk >/dev/null || die "wrk is needed (Debian package: wrk)"
[ -x cgi/portal ] || die "build first: make"

STACK_UP=0
cleanup() {
	trap - EXIT INT TERM
	[ $STACK_UP -eq 1 ] && scripts/stack.sh down >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

scripts/stack.sh down >/dev/null 2>&1 || true
rm -rf "$VAR"
mkdir -p "$VAR"
STACK_UP=1
say "starting an empty stack: port $PORT, $WORKERS workers, state in $VAR"
scripts/stack.sh up > "$VAR/stack-up.log" 2>&1 < /dev/null ||
    { cat "$VAR/stack-up.log" >&2; die "the stack did not start"; }
mkdir -p "$OUT"
scripts/stack.sh env > "$OUT/env"
while IFS= read -r line; do export "$line"; done < "$OUT/env"

psql_super() {
	PGPASSFILE=$VAR/secrets/pgpass-postgres psql -X -q -At -h "$VAR/run" \
	    -U postgres -d portal -v ON_ERROR_STOP=1 "$@"
}

load() {	# label, demo-data arguments
	label=$1; shift
	say "loading demonstration data ($label): $*"
	t0=$(date +%s)
	cgi/portal demo-data "$@" > "$OUT/load-$label.log" 2>&1 < /dev/null ||
	    { cat "$OUT/load-$label.log" >&2; die "demo-data failed"; }
	psql_super -c 'VACUUM ANALYZE' > /dev/null
	echo "$label $(($(date +%s) - t0))" >> "$OUT/load.tsv"
	tail -n 2 "$OUT/load-$label.log" | head -n 1 | sed 's/^/scale: /' >&2
}

# One wrk run; appends: label page requests duration_us p50_us p99_us errors
measure() {	# label name path
	wrk -t2 -c"$CONNS" -d1s "http://127.0.0.1:$PORT$3" > /dev/null
	wrk -t2 -c"$CONNS" -d"${SECS}s" --timeout 2s -s tests/bench/report.lua \
	    "http://127.0.0.1:$PORT$3" > "$OUT/wrk.out" 2>&1 ||
	    die "wrk failed: $(cat "$OUT/wrk.out")"
	grep '^WRK ' "$OUT/wrk.out" | awk -v l="$1" -v n="$2" '{
		for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		e = v["connect"] + v["read"] + v["write"] + v["status"] + v["timeout"]
		printf "%s %s %d %d %d %d %d\n", l, n, v["requests"],
		    v["duration_us"], v["p50_us"], v["p99_us"], e }' >> "$OUT/runs.tsv"
	tail -n 1 "$OUT/runs.tsv" | awk '{ printf "scale: %-6s %-14s %8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %d\n",
	    $1, $2, $3 * 1e6 / $4, $5 / 1000, $6 / 1000, $7 }' >&2
}

# --- 1,000 communications ----------------------------------------------
: > "$OUT/runs.tsv"
: > "$OUT/load.tsv"
load 1k $SMALL
# Workers read the demo flag at their first page: restart them once so
# that both phases render the same banner.
scripts/stack.sh portal-stop > /dev/null 2>&1
scripts/stack.sh portal-start > /dev/null 2>&1 < /dev/null
STATE=$(psql_super -c "SELECT state FROM communications WHERE state IS NOT NULL
    GROUP BY state ORDER BY count(*) DESC, state LIMIT 1")
PAGES="home:/en/ state:/en/states/$STATE
    communications:/en/communications?state=$STATE&reply=no_response
    visits:/en/visits recommendations:/en/recommendations
    feed:/feeds/states/$STATE.atom"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/en/analysis")
if [ "$code" = 200 ]; then
	PAGES="$PAGES analysis:/en/analysis"
else
	say "NOTE: /en/analysis answers $code: the analysis page is skipped"
fi
for p in $PAGES; do
	code=$(curl -s -o "$OUT/${p%%:*}.1k.html" -w '%{http_code}' "http://127.0.0.1:$PORT${p#*:}")
	[ "$code" = 200 ] || die "GET ${p#*:}: $code"
	case ${p#*:} in /feeds/*) continue ;; esac	# no banner in a feed
	grep -q 'class="notice demo"' "$OUT/${p%%:*}.1k.html" || die "${p#*:}: no demo banner"
done
for p in $PAGES; do measure 1k "${p%%:*}" "${p#*:}"; done

# --- at scale ------------------------------------------------------------
load scale $BIG
COUNTS=$(psql_super -c "SELECT (SELECT count(*) FROM communications) || ' communications, ' ||
    (SELECT count(*) FROM visits) || ' visits, ' || (SELECT count(*) FROM recommendations) ||
    ' recommendations, ' || (SELECT count(*) FROM submissions) || ' submissions'")
for p in $PAGES; do measure scale "${p%%:*}" "${p#*:}"; done

# --- the table ---------------------------------------------------------
echo "Scale, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $WORKERS workers," \
    "wrk -t2 -c$CONNS, ${SECS} s per run; load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo "At scale: $COUNTS (demo data; load times: $(awk '{ printf "%s%s %d s", (NR > 1 ? ", " : ""), $1, $2 }' "$OUT/load.tsv"))."
echo "State page and filter: $STATE, the State with the most letters."
echo
awk -v pages="$PAGES" '
	{ k = $1 "," $2; rps[k] = $4 ? $3 * 1e6 / $4 : 0; p50[k] = $5 / 1000
	  p99[k] = $6 / 1000; err[k] = $7 }
	END {
		print "| page | req/s at 1k | p50 ms | p99 ms | req/s at scale | p50 ms | p99 ms | errors | ratio (1k / scale) | target | verdict |"
		print "|---|---|---|---|---|---|---|---|---|---|---|"
		n = split(pages, pg, " ")
		for (i = 1; i <= n; i++) {
			split(pg[i], np, ":"); a = "1k," np[1]; b = "scale," np[1]
			r = rps[b] > 0 ? rps[a] / rps[b] : 0
			bad = bad || !(r > 0 && r <= 1.5)
			printf "| %s | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %d | %.2f | <= 1.5 | %s |\n",
			    substr(pg[i], length(np[1]) + 2), rps[a], p50[a], p99[a],
			    rps[b], p50[b], p99[b], err[a] + err[b], r,
			    (r > 0 && r <= 1.5) ? "met" : "**MISSED**"
		}
		exit bad
	}' "$OUT/runs.tsv"
