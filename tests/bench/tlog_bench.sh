#!/bin/sh
# make bench-tlog: inclusion proofs at 1,000 and 1,000,000 entries in the
# same run (tests/bench/tlog_bench.c). Uses the stack in STACK_VAR if one
# runs there, else starts a private one (BENCH_PORT, default 8097, state
# in var/bench-tlog) and stops it afterwards. The two logs are built once
# as schemas bench_1k and bench_1m of the portal database, filled by SQL
# (generate_series, then every level of subtree hashes), and kept for
# the next run.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
BIN=build/rel/bench/tlog_bench
if [ -n "${STACK_VAR:-}" ]; then
	VAR=$STACK_VAR
	OWN=0
else
	VAR=${BENCH_VAR:-$ROOT/var/bench-tlog}
	export VAR PORT=${BENCH_PORT:-8097}
	scripts/stack.sh up >/dev/null
	OWN=1
	trap 'scripts/stack.sh down >/dev/null' EXIT INT TERM
fi
RUN=$VAR/run
SECRETS=$VAR/secrets

psql_super() {
	PGPASSFILE=$SECRETS/pgpass-postgres psql -X -q -At -h "$RUN" -U postgres \
	    -d portal -v ON_ERROR_STOP=1 "$@"
}

fill() {	# schema size
	have=$(psql_super -c "SELECT count(*) FROM $1.tlog_leaves" 2>/dev/null || echo 0)
	[ "$have" = "$2" ] && return 0
	echo "tlog_bench: building a log of $2 entries in schema $1"
	psql_super <<SQL
DROP SCHEMA IF EXISTS $1 CASCADE;
CREATE SCHEMA $1;
CREATE TABLE $1.tlog_leaves (LIKE public.tlog_leaves INCLUDING ALL);
CREATE TABLE $1.tlog_hashes (LIKE public.tlog_hashes INCLUDING ALL);
CREATE TABLE $1.tlog_checkpoints (LIKE public.tlog_checkpoints INCLUDING ALL);
INSERT INTO $1.tlog_leaves
	SELECT i, sha256(int8send(i)) FROM generate_series(0, $2 - 1) AS i;
INSERT INTO $1.tlog_hashes
	SELECT 0, idx, sha256('\\x00'::bytea || entry) FROM $1.tlog_leaves;
DO \$\$
DECLARE l int := 1;
BEGIN
	LOOP
		INSERT INTO $1.tlog_hashes
		SELECT l, a.idx / 2, sha256('\\x01'::bytea || a.hash || b.hash)
		FROM $1.tlog_hashes a JOIN $1.tlog_hashes b
		    ON b.level = l - 1 AND b.idx = a.idx + 1
		WHERE a.level = l - 1 AND a.idx % 2 = 0;
		EXIT WHEN NOT FOUND;
		l := l + 1;
	END LOOP;
END
\$\$;
GRANT USAGE ON SCHEMA $1 TO portal_app;
GRANT SELECT ON ALL TABLES IN SCHEMA $1 TO portal_app;
GRANT INSERT ON $1.tlog_checkpoints TO portal_app;
ANALYZE $1.tlog_leaves;
ANALYZE $1.tlog_hashes;
SQL
}

fill bench_1k 1000
fill bench_1m 1000000
ci() { printf "host=%s dbname=portal user=portal_app passfile=%s/pgpass-portal_app options='-c search_path=%s,public'" "$RUN" "$SECRETS" "$1"; }
# PostgreSQL runs as another user in a user namespace when we are root,
# but we connect over its socket as ourselves: no namespace needed.
"$BIN" "$(ci bench_1k)" "$(ci bench_1m)" "${BENCH_PROOFS:-2000}"
