#!/bin/sh
# make bench: the portal against this machine's own ceilings, in one run.
#
# Starts a stack of its own (BENCH_PORT, default 8140; state in
# BENCH_VAR, default var/bench), and beside it a second nginx (port
# BENCH_PORT + 1) with the same configuration that serves, instead of the
# portal, static files of the same size as each page and a minimal libfcgi
# program (tests/bench/fcgi_min.c, as many workers as the portal) answering
# the same bytes. Then, with wrk (tests/bench/*.lua) and pgbench, REPEATS
# rounds of short runs, interleaved so that a ceiling and the page measured
# against it run seconds apart; then a 64 MiB upload with curl, the
# transparency log's bench (tests/bench/tlog_bench.sh) and the template
# bench. Prints one table (medians of the rounds; ratios from the same run)
# that README's Performance section quotes, with MISSED where a target is
# missed. Everything it started is stopped by PID at the end, on failure too.
# Then the scale runs (tests/bench/scale.sh): the same pages at 1,000 and
# at 100,000 communications of demonstration data, with their own table.
#
# Environment: BENCH_PORT (8140), BENCH_VAR (var/bench), BENCH_WORKERS
# (2 x cores, for the portal and fcgi_min alike), BENCH_SECONDS (5, per
# run), BENCH_REPEATS (3), BENCH_FRESH=1 (start from an empty var dir),
# BENCH_SCALE=0 (skip the scale runs; their settings: tests/bench/scale.sh).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PORT=${BENCH_PORT:-8140}
CEIL_PORT=$((PORT + 1))
VAR=${BENCH_VAR:-$ROOT/var/bench}
case "$VAR" in /*) ;; *) VAR=$ROOT/$VAR ;; esac
WORKERS=${BENCH_WORKERS:-$((2 * $(nproc)))}
SECS=${BENCH_SECONDS:-5}
REPEATS=${BENCH_REPEATS:-3}
B=$VAR/bench		# this script's own files: pages, ceiling nginx, results
RUN=$VAR/run
SECRETS=$VAR/secrets
LUA=$ROOT/tests/bench
FCGI_MIN=$ROOT/build/rel/bench/fcgi_min
TICK_US=$((1000000 / $(getconf CLK_TCK)))
# The rate limit on POSTs would turn a load test into a test of limit_req.
export VAR PORT PORTAL_WORKERS=$WORKERS POST_RATE=1000000r/s
unset STACK_VAR STACK_PORT 2>/dev/null || true

if [ "$(id -u)" -eq 0 ]; then
	AS="unshare --user --map-user=65534 --map-group=65534 --"
else
	AS=""
fi

say() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

for tool in wrk pgbench curl python3; do
	command -v $tool >/dev/null || die "$tool is needed (Debian package: $tool)"
done
for bin in "$FCGI_MIN" build/rel/bench/tlog_bench build/rel/bench/tpl_bench cgi/portal; do
	[ -x "$bin" ] || die "build first: make build/rel/bench/fcgi_min" \
	    "build/rel/bench/tlog_bench build/rel/bench/tpl_bench (make bench does)"
done

# --- stopping what we started, whatever happens -------------------------

CEIL_NGINX_PID=
FCGI_MIN_PID=
STACK_UP=0

stop_pid() {	# pid signal seconds
	[ -n "$1" ] || return 0
	kill -0 "$1" 2>/dev/null || return 0
	kill "-$2" "$1" 2>/dev/null || true
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt $(($3 * 10)) ]; do
		sleep 0.1; i=$((i + 1))
	done
	kill -KILL "$1" 2>/dev/null || true
}

cleanup() {
	trap - EXIT INT TERM
	stop_pid "$CEIL_NGINX_PID" QUIT 10
	stop_pid "$FCGI_MIN_PID" TERM 10
	rm -f "$B/fcgi.sock" "$B/upload.bin"
	if [ $STACK_UP -eq 1 ]; then
		scripts/stack.sh down >/dev/null 2>&1 || true
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- the stack, the pages, the ceilings ---------------------------------

[ "${BENCH_FRESH:-0}" = 1 ] && rm -rf "$VAR"
mkdir -p "$VAR"
# A stack left behind by an interrupted run of this script: stop it.
scripts/stack.sh down >/dev/null 2>&1 || true
STACK_UP=1
say "starting the stack: port $PORT, $WORKERS workers, state in $VAR"
scripts/stack.sh up > "$VAR/stack-up.log" 2>&1 ||
    { cat "$VAR/stack-up.log" >&2; die "the stack did not start"; }
rm -rf "$B"
mkdir -p "$B/pages" "$B/static" "$B/ngx/fastcgi" "$B/ngx/proxy" \
    "$B/ngx/uwsgi" "$B/ngx/scgi" "$B/log" "$B/out"

# limit_req allows a burst of 20 POSTs per client address, and within one
# turn of nginx's event loop no time passes: from one address, wrk's
# POSTs get 429 whatever the rate. In this stack's copy of the
# configuration only, the burst is raised (the module still runs), and
# the ceiling's nginx below inherits the same change.
sed -i 's/burst=20 nodelay/burst=1000000 nodelay/' "$VAR/nginx/portal-common.conf"
grep -q 'burst=1000000 nodelay' "$VAR/nginx/portal-common.conf" ||
    die "could not raise limit_req's burst in $VAR/nginx/portal-common.conf"
kill -HUP "$(cat "$RUN/nginx.pid.launcher")"
sleep 1

PORTAL_PID=$(cat "$RUN/portal.pid")
PORTAL_NGINX_PID=$(cat "$RUN/nginx.pid.launcher")
PG_PID=$(head -n 1 "$VAR/pg/postmaster.pid")

# Every child of the portal's master but the transparency log's integrator.
workers() {
	integ=$(grep 'event=tlog.start' "$VAR/log/portal.log" | tail -n 1 |
	    sed 's/.* pid=\([0-9]*\) .*/\1/')
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v master="$PORTAL_PID" -v integ="$integ" '
	    { pid = $1; sub(/^.*\) /, "") }
	    $2 == master && pid != integ { print pid }'
}
n=$(workers | wc -l)
[ "$n" -eq "$WORKERS" ] || die "the portal runs $n workers, not $WORKERS"

# CPU ticks (utime + stime, with those of reaped children) of each process
# tree whose root is given, in one pass over /proc.
ticks() {	# root pid...
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v roots="$*" '
	{
		pid = $1; sub(/^.*\) /, "")
		parent[pid] = $2; t[pid] = $12 + $13 + $14 + $15
	}
	END {
		n = split(roots, r, " ")
		for (i = 1; i <= n; i++) {
			sum = 0
			for (p in t) {
				if (r[i] == 0) break
				q = p
				while (q != "" && q != 0 && q != r[i]) q = parent[q]
				if (q == r[i]) sum += t[p]
			}
			printf "%s%d", (i > 1 ? " " : ""), sum
		}
		printf "\n"
	}'
}

# The pages under test, as name and path.
PAGES="home:/en/ states:/en/states state:/en/states/FRA mandates:/en/mandates"

# A page as the minimal FastCGI program answers it: the portal's response
# to the same URL, with the headers nginx adds removed.
capture() {	# key headers-file body-file
	awk 'NR == 1 { sub(/^HTTP\/[0-9.]+ /, "Status: "); print; next }
	    tolower($0) ~ /^(server|date|transfer-encoding|connection|vary):/ { next }
	    { print }' "$2" > "$B/pages/$1"
	cat "$3" >> "$B/pages/$1"
}

for p in $PAGES; do
	name=${p%%:*}; path=${p#*:}
	code=$(curl -sS -o "$B/out/$name.body" -D "$B/out/$name.hdr" \
	    -w '%{http_code}' "http://127.0.0.1:$PORT$path")
	[ "$code" = 200 ] || die "GET $path: $code"
	cp "$B/out/$name.body" "$B/static/$name.html"
	capture "$(printf %s "$path" | tr / _)" "$B/out/$name.hdr" "$B/out/$name.body"
done

# A real receipt, for the verification; wait until the log has it.
say "submitting one allegation for a receipt to verify"
curl -sS -H 'Expect:' -H 'Accept: application/json' -F state=IRN -F mandate=torture \
    -F 'summary=A benchmark allegation.' -F consent_disclose_name=yes \
    -F consent_public_name=no -o "$B/out/submit.json" \
    "http://127.0.0.1:$PORT/en/submit"
python3 -c 'import json, sys
sys.stdout.write(json.load(open(sys.argv[1]))["receipt"])' \
    "$B/out/submit.json" > "$B/receipt.txt" ||
    die "no receipt: $(head -c 300 "$B/out/submit.json")"
export BENCH_RECEIPT="$B/receipt.txt"
i=0
while :; do
	curl -sS -H 'Expect:' -H 'Accept: application/json' -F "receipt=<$B/receipt.txt" \
	    -D "$B/out/verify.hdr" -o "$B/out/verify.body" \
	    "http://127.0.0.1:$PORT/en/verify"
	grep -q '"proof_verified":true' "$B/out/verify.body" && break
	i=$((i + 1)); [ $i -gt 50 ] && die "the receipt never got into the log"
	sleep 0.2
done
capture _en_verify "$B/out/verify.hdr" "$B/out/verify.body"

# The ceiling: fcgi_min behind a second nginx, configured like the
# stack's own (scripts/stack.sh wrote it), plus a location for the static
# copies of the pages, configured like /static/.
setsid $AS "$FCGI_MIN" "$B/fcgi.sock" "$WORKERS" "$B/pages" \
    > "$B/log/fcgi_min.log" 2>&1 &
FCGI_MIN_PID=$!
for f in portal-common.conf security-headers.conf fastcgi.conf nginx.conf; do
	sed -e "s|$VAR/nginx/|$B/ngx/|g" -e "s|$RUN/portal.sock|$B/fcgi.sock|g" \
	    -e "s|$RUN/nginx.pid|$B/ngx/nginx.pid|g" -e "s|$VAR/log/|$B/log/|g" \
	    -e "s|listen 127.0.0.1:$PORT;|listen 127.0.0.1:$CEIL_PORT;|" \
	    "$VAR/nginx/$f" > "$B/ngx/$f"
done
awk -v b="$B" '{ print }
    /include .*portal-common\.conf;/ {
	print "\t\tlocation /bench-static/ {"
	print "\t\t\talias " b "/static/;"
	print "\t\t\tinclude " b "/ngx/security-headers.conf;"
	print "\t\t\tadd_header Cache-Control \"public, max-age=86400\" always;"
	print "\t\t\taccess_log off;"
	print "\t\t}"
    }' "$B/ngx/nginx.conf" > "$B/ngx/nginx.conf.new"
mv "$B/ngx/nginx.conf.new" "$B/ngx/nginx.conf"
grep -q "$CEIL_PORT" "$B/ngx/nginx.conf" || die "could not derive the ceiling's nginx.conf"
$AS nginx -t -q -p "$B/ngx" -c "$B/ngx/nginx.conf" -e /dev/stderr ||
    die "the ceiling's nginx configuration is invalid"
setsid $AS nginx -p "$B/ngx" -c "$B/ngx/nginx.conf" -e /dev/stderr \
    -g 'daemon off;' > "$B/log/nginx-error.log" 2>&1 &
CEIL_NGINX_PID=$!
i=0
until curl -fsS -o /dev/null "http://127.0.0.1:$CEIL_PORT/bench-static/home.html" 2>/dev/null &&
    curl -fsS -o /dev/null "http://127.0.0.1:$CEIL_PORT/en/" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 100 ] && die "the ceiling's nginx or fcgi_min did not answer"
	sleep 0.1
done
for p in $PAGES; do
	name=${p%%:*}; path=${p#*:}
	curl -sS -o "$B/out/$name.min" "http://127.0.0.1:$CEIL_PORT$path"
	cmp -s "$B/out/$name.min" "$B/out/$name.body" || die "fcgi_min's $path differs"
done

# pgbench: one single-row INSERT per transaction, synchronous_commit on.
psql_super() {
	PGPASSFILE=$SECRETS/pgpass-postgres psql -X -q -At -h "$RUN" -U postgres \
	    -d portal -v ON_ERROR_STOP=1 "$@"
}
psql_super -c 'CREATE SCHEMA IF NOT EXISTS bench_pg' \
    -c 'CREATE TABLE IF NOT EXISTS bench_pg.ins (id bigserial PRIMARY KEY,
	at timestamptz NOT NULL DEFAULT now(), v text NOT NULL)' \
    -c 'TRUNCATE bench_pg.ins'
[ "$(psql_super -c 'SHOW synchronous_commit')" = on ] || die "synchronous_commit is off"
echo "INSERT INTO bench_pg.ins (v) VALUES ('a benchmark row');" > "$B/insert.sql"

# --- the runs ----------------------------------------------------------

RESULTS=$B/results.tsv
: > "$RESULTS"

# One wrk run; appends: name conns round requests duration_us p50_us p99_us
# errors app_ticks nginx_ticks pg_ticks.
run_wrk() {	# name round conns url script app_pid nginx_pid [timeout]
	before=$(ticks "${6:-0}" "$7" "$PG_PID")
	wrk -t2 -c"$3" -d"${SECS}s" --timeout "${8:-2}s" -s "$LUA/$5" "$4" \
	    > "$B/out/wrk.out" 2> "$B/out/wrk.err" || die "wrk failed: $(cat "$B/out/wrk.err")"
	after=$(ticks "${6:-0}" "$7" "$PG_PID")
	grep -v '^$' "$B/out/wrk.err" | sed "s/^/bench: $1: /" >&2 || true
	line=$(grep '^WRK ' "$B/out/wrk.out") || die "no summary from wrk: $(cat "$B/out/wrk.out")"
	echo "$1 $3 $2 $line $before $after" | awk '{
		for (i = 5; i <= 13; i++) { split($i, kv, "="); v[i] = kv[2] }
		printf "%s %s %s %d %d %d %d %d %d %d %d\n", $1, $2, $3,
		    v[5], v[6], v[7], v[8], v[9] + v[10] + v[11] + v[12] + v[13],
		    $17 - $14, $18 - $15, $19 - $16 }' >> "$RESULTS"
	tail -n 1 "$RESULTS" | awk '{ printf "bench: %-16s c=%-3s round %s: %8.0f req/s  p50 %6.2f ms  p99 %7.2f ms  errors %d\n",
	    $1, $2, $3, $4 * 1e6 / $5, $6 / 1000, $7 / 1000, $8 }' >&2
}

run_pgbench() {	# name round conns
	rm -f "$B"/pgb.*
	before=$(ticks 0 0 "$PG_PID")
	PGPASSFILE=$SECRETS/pgpass-postgres PGOPTIONS='-c synchronous_commit=on' \
	    pgbench -n -h "$RUN" -U postgres -c "$3" -j 2 -T "$SECS" \
	    -f "$B/insert.sql" -l --log-prefix="$B/pgb" portal \
	    > "$B/out/pgbench.out" 2>&1 || die "pgbench failed: $(tail -n 5 "$B/out/pgbench.out")"
	after=$(ticks 0 0 "$PG_PID")
	dur_us=$(awk '/^duration:/ { print $2 * 1000000 }' "$B/out/pgbench.out")
	tps=$(awk '/^tps = / { print $3 }' "$B/out/pgbench.out")
	fails=$(awk '/^number of failed transactions:/ { print $5 }' "$B/out/pgbench.out")
	# Per-transaction log: client, transaction, latency (us), script,
	# epoch, us. Requests are counted as pgbench's tps (connections
	# excluded) times the duration.
	cat "$B"/pgb.* | awk '{ print $3 }' | sort -n | awk -v tps="$tps" \
	    -v dur="$dur_us" -v name="$1" -v c="$3" -v round="$2" \
	    -v fails="${fails:-0}" -v b="$before" -v a="$after" '
	    { l[NR] = $1 }
	    END {
		split(b, x, " "); split(a, y, " ")
		printf "%s %s %s %d %d %d %d %d %d %d %d\n", name, c, round,
		    tps * dur / 1e6, dur, l[int(NR * 0.5) + 1],
		    l[int(NR * 0.99) + 1], fails, 0, 0, y[3] - x[3] }' >> "$RESULTS"
	rm -f "$B"/pgb.*
	tail -n 1 "$RESULTS" | awk '{ printf "bench: %-16s c=%-3s round %s: %8.0f tx/s   p50 %6.2f ms  p99 %7.2f ms  errors %d\n",
	    $1, $2, $3, $4 * 1e6 / $5, $6 / 1000, $7 / 1000, $8 }' >&2
}

P=http://127.0.0.1:$PORT
C=http://127.0.0.1:$CEIL_PORT

# A page's ETag, once its conditional GET is seen to answer 304.
etag_of() {	# url
	tag=$(curl -sI "$1" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
	[ -n "$tag" ] || die "no ETag on $1"
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $tag" "$1")
	[ "$code" = 304 ] || die "$1 answers $code, not 304, to its own ETag"
	printf '%s\n' "$tag"
}

say "warming up"
for p in $PAGES; do
	path=${p#*:}
	wrk -t2 -c16 -d1s "$P$path" > /dev/null
	wrk -t2 -c16 -d1s "$C$path" > /dev/null
done
wrk -t2 -c16 -d1s -s "$LUA/verify.lua" "$P" > /dev/null
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
START=$(date +%s)

round=1
while [ $round -le "$REPEATS" ]; do
	say "round $round of $REPEATS (${SECS} s per run)"
	for p in $PAGES; do
		name=${p%%:*}; path=${p#*:}
		run_wrk "static-$name" $round 64 "$C/bench-static/$name.html" \
		    report.lua 0 "$CEIL_NGINX_PID"
		run_wrk "fcgi_min-$name" $round 64 "$C$path" report.lua \
		    "$FCGI_MIN_PID" "$CEIL_NGINX_PID"
		run_wrk "portal-$name" $round 64 "$P$path" report.lua \
		    "$PORTAL_PID" "$PORTAL_NGINX_PID"
		BENCH_ETAG=$(etag_of "$P$path") run_wrk "portal304-$name" \
		    $round 64 "$P$path" cond.lua "$PORTAL_PID" "$PORTAL_NGINX_PID"
	done
	run_wrk fcgi_min-verify $round 64 "$C" verify.lua "$FCGI_MIN_PID" "$CEIL_NGINX_PID"
	run_wrk portal-verify $round 64 "$P" verify.lua "$PORTAL_PID" "$PORTAL_NGINX_PID"
	for c in 64 16; do
		run_pgbench pgbench-insert $round $c
		# Queued requests wait in nginx for a worker: a long timeout, so
		# that their latency is measured rather than dropped.
		run_wrk portal-submit $round $c "$P" submit.lua "$PORTAL_PID" \
		    "$PORTAL_NGINX_PID" 30
	done
	round=$((round + 1))
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- the 64 MiB upload: MiB/s, and the workers' peak RSS ------------------

# Peak RSS (VmHWM) is reset by writing 5 to clear_refs, so that each peak
# below belongs to one request.
reset_peaks() { for w in $(workers); do echo 5 > "/proc/$w/clear_refs"; done; }
max_status() {	# field (VmHWM, VmRSS): the largest over the workers, in KiB
	for w in $(workers); do awk -v f="$1:" '$1 == f { print $2 }' "/proc/$w/status"; done |
	    sort -n | tail -n 1
}
submit_file() {	# file -> "seconds http_code"
	curl -sS -o "$B/out/upload.json" -w '%{time_total} %{http_code}\n' \
	    -H 'Expect:' -H 'Accept: application/json' -F state=IRN \
	    -F 'summary=A benchmark allegation with a large file.' \
	    -F consent_disclose_name=yes -F consent_public_name=no \
	    -F "evidence=@$1;filename=evidence.pdf;type=application/pdf" \
	    "$P/en/submit"
}
say "64 MiB uploads"
printf '%%PDF-1.4\n' > "$B/upload.bin"
head -c $((64 * 1024 * 1024 - 9)) /dev/urandom >> "$B/upload.bin"
printf '%%PDF-1.4\nsmall\n' > "$B/small.pdf"
HWM_BEFORE=$(max_status VmHWM)
: > "$B/upload.tsv"
for round in 1 2 3; do
	reset_peaks
	set -- $(submit_file "$B/small.pdf")
	[ "$2" = 201 ] || die "small submission: $2 $(head -c 300 "$B/out/upload.json")"
	small_hwm=$(max_status VmHWM)
	reset_peaks
	before=$(ticks "$PORTAL_PID" "$PORTAL_NGINX_PID" "$PG_PID")
	set -- $(submit_file "$B/upload.bin")
	after=$(ticks "$PORTAL_PID" "$PORTAL_NGINX_PID" "$PG_PID")
	[ "$2" = 201 ] || die "64 MiB upload: $2 $(head -c 300 "$B/out/upload.json")"
	echo "$1 $(max_status VmHWM) $small_hwm $before $after" >> "$B/upload.tsv"
	awk '{ printf "bench: upload round %d: %.2f s, %.1f MiB/s, worker peak %.1f MiB (a small submission: %.1f MiB)\n",
	    NR, $1, 64 / $1, $2 / 1024, $3 / 1024 }' "$B/upload.tsv" | tail -n 1 >&2
done
rm -f "$B/upload.bin"
RSS_AFTER=$(max_status VmRSS)
END=$(date +%s)

# --- the transparency log and the templates -----------------------------

say "transparency log: inclusion proofs at 1k and 1M entries (tlog_bench.sh)"
STACK_VAR=$VAR tests/bench/tlog_bench.sh > "$B/out/tlog.out" 2>&1 ||
    { cat "$B/out/tlog.out" >&2; TLOG_FAILED=1; }
say "templates (tpl_bench)"
build/rel/bench/tpl_bench > "$B/out/tpl.out" 2>&1 ||
    { cat "$B/out/tpl.out" >&2; TPL_FAILED=1; }

# --- the table ---------------------------------------------------------

table() {
	awk -v tick="$TICK_US" -v upload="$B/upload.tsv" -v hwm0="$HWM_BEFORE" \
	    -v rss="$RSS_AFTER" -v workers="$WORKERS" '
	function median(s,   a, n, i, j, t) {
		n = split(s, a, " ")
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	function add(k, v) { m[k] = (k in m) ? m[k] " " v : v }
	function cpu(k, i,   v) { v = median(m[k ",c" i]); return v < 0 ? "-" : sprintf("%.0f", v) }
	{
		k = $1 "@" $2
		if (!(k in seen)) { seen[k] = 1; order[++nk] = k }
		add(k ",rps", $5 ? $4 * 1e6 / $5 : 0); add(k ",p50", $6 / 1000)
		add(k ",p99", $7 / 1000); add(k ",err", $8)
		for (i = 1; i <= 3; i++)
			add(k ",c" i, $(8 + i) && $4 ? $(8 + i) * tick / $4 : -1)
	}
	function row(k, label, ratio, target, verdict,   c) {
		c = cpu(k, 1) " / " cpu(k, 2) " / " cpu(k, 3)
		printf "| %s | %s | %.0f | %.2f | %.2f | %s | %d | %s | %s | %s |\n",
		    label, substr(k, index(k, "@") + 1), median(m[k ",rps"]),
		    median(m[k ",p50"]), median(m[k ",p99"]), c,
		    median(m[k ",err"]), ratio, target, verdict
	}
	function r(a, b) { return median(m[a ",rps"]) / median(m[b ",rps"]) }
	function page(name, path,   k, q, p99, ok1, ok2) {
		k = "portal-" name "@64"
		q = r(k, "fcgi_min-" name "@64"); p99 = median(m[k ",p99"])
		ok1 = q >= 0.5; ok2 = p99 < 20
		row(k, "portal " path, sprintf("%.2f of fcgi_min, %.2f of static", q,
		    r(k, "static-" name "@64")), ">= 0.50 of fcgi_min; p99 < 20 ms",
		    ok1 && ok2 ? "met" : "**MISSED**" (ok1 ? "" : " (ratio)") (ok2 ? "" : " (p99)"))
	}
	END {
		print "| run | conns | req/s | p50 ms | p99 ms | CPU us/req: app / nginx / pg | errors | ratio | target | verdict |"
		print "|---|---|---|---|---|---|---|---|---|---|"
		print "| **Ceilings** | | | | | | | | | |"
		split("home states state mandates", pg, " ")
		split("/en/ /en/states /en/states/FRA /en/mandates", pth, " ")
		for (i = 1; i <= 4; i++)
			row("static-" pg[i] "@64", "nginx static file, size of " pth[i], "", "", "")
		for (i = 1; i <= 4; i++)
			row("fcgi_min-" pg[i] "@64", "fcgi_min " pth[i] " (same bytes)",
			    sprintf("%.2f of static", r("fcgi_min-" pg[i] "@64", "static-" pg[i] "@64")), "", "")
		row("fcgi_min-verify@64", "fcgi_min POST /en/verify (same bytes)", "", "", "")
		row("pgbench-insert@64", "pgbench 1-row INSERT, sync commit", "", "", "")
		row("pgbench-insert@16", "pgbench 1-row INSERT, sync commit", "", "", "")
		print "| **Portal** | | | | | | | | | |"
		for (i = 1; i <= 4; i++) page(pg[i], pth[i])
		for (i = 1; i <= 4; i++) {
			k = "portal304-" pg[i] "@64"; q = r(k, "static-" pg[i] "@64")
			row(k, "portal " pth[i] ", conditional GET (304)",
			    sprintf("%.2f of static", q), ">= 0.80 of static",
			    q >= 0.8 ? "met" : "**MISSED**")
		}
		k = "portal-verify@64"; q = r(k, "fcgi_min-verify@64"); p99 = median(m[k ",p99"])
		row(k, "portal POST /en/verify (JSON)", sprintf("%.2f of fcgi_min", q),
		    "p99 < 20 ms", p99 < 20 ? "met" : "**MISSED**")
		k = "portal-submit@64"; q = r(k, "pgbench-insert@64")
		row(k, "portal POST /en/submit (JSON)", sprintf("%.3f of pgbench", q),
		    ">= 0.50 of pgbench", q >= 0.5 ? "met" : "**MISSED**")
		k = "portal-submit@16"; p99 = median(m[k ",p99"])
		row(k, "portal POST /en/submit (JSON)", sprintf("%.3f of pgbench", r(k, "pgbench-insert@16")),
		    "p99 < 50 ms", p99 < 50 ? "met" : "**MISSED**")
		n = 0
		while ((getline line < upload) > 0) {
			split(line, f, " "); n++
			secs = secs " " f[1]; peak = peak " " f[2]; small = small " " f[3]
			us1 = us1 " " (f[7] - f[4]) * tick; us2 = us2 " " (f[8] - f[5]) * tick
			us3 = us3 " " (f[9] - f[6]) * tick
		}
		if (n > 0)
			printf "| portal 64 MiB upload (curl, %d times) | 1 | %.1f MiB/s | %.2f s | | %.0f / %.0f / %.0f ms per upload | 0 | | | |\n",
			    n, 64 / median(secs), median(secs), median(us1) / 1000,
			    median(us2) / 1000, median(us3) / 1000
		if (n > 0)
			printf "| worker peak RSS (VmHWM) during the upload | | %.1f MiB | | | | | a small submission: %.1f MiB | | |\n",
			    median(peak) / 1024, median(small) / 1024
		printf "| worker RSS (VmRSS) after the run, largest of %d | | %.1f MiB | | | | | peak before the upload: %.1f MiB | < 32 MiB | %s |\n",
		    workers, rss / 1024, hwm0 / 1024, rss / 1024 < 32 ? "met" : "**MISSED**"
	}' "$RESULTS"
}

{
	echo "make bench, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores," \
	    "$WORKERS workers (portal and fcgi_min), wrk -t2, ${SECS} s runs," \
	    "median of $REPEATS rounds; load average before $LOAD_BEFORE, after $LOAD_AFTER;" \
	    "runs took $((END - START)) s"
	echo
	table
	echo
	echo "CPU us/req: utime + stime from /proc/PID/stat (of reaped children too)"
	echo "of each process tree, before and after each run, divided by requests:"
	echo "app = the portal's master, workers and integrator, or fcgi_min's"
	echo "master and workers, or PostgreSQL for pgbench; nginx = its master and"
	echo "worker; pg = the postmaster and its backends. wrk shares the 2 cores."
	echo
	echo "Transparency log (tests/bench/tlog_bench.sh):"
	grep -E '^(inclusion proof|ratio)' "$B/out/tlog.out" | sed 's/^/    /'
	echo
	echo "Templates (make bench-tpl):"
	grep -v '^(' "$B/out/tpl.out" | sed 's/^/    /'
} | tee "$B/table.md"
say "table saved in $B/table.md; raw runs in $RESULTS"

# --- scale: the same pages at 1,000 and at 100,000 communications -------
# tests/bench/scale.sh starts a stack of its own on the same port: this
# run's stack and ceilings stop first. BENCH_SCALE=0 skips it.
if [ "${BENCH_SCALE:-1}" = 1 ]; then
	cleanup
	BENCH_PORT=$PORT BENCH_WORKERS=$WORKERS tests/bench/scale.sh | tee "$B/scale.md"
	say "scale table saved in $B/scale.md"
fi
[ -z "${TLOG_FAILED:-}" ] && [ -z "${TPL_FAILED:-}" ]
