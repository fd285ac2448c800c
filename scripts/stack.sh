#!/bin/sh
# The local stack: a private PostgreSQL cluster, the portal's FastCGI
# master and workers, and nginx, all under $VAR (default var/), all on
# 127.0.0.1 or unix sockets.
#
#   stack.sh run       set up, start, serve until SIGINT/SIGTERM, stop
#   stack.sh up        set up and start, then return (make test)
#   stack.sh down      stop everything this stack started, by PID
#   stack.sh portal-start | portal-stop | pg-stop | pg-start | pg-kill |
#            pg-pause | pg-resume      for fault tests
#   stack.sh env       print the environment a portal command needs
#   stack.sh migrate   apply new migrations and reload reference data
#
# Environment: PORT (8080), VAR (var), PORTAL_WORKERS (2 x cores),
# POST_RATE (nginx limit_req rate for POSTs, default 60r/m), DEMO (run:
# 0 = no demonstration data).
#
# PostgreSQL refuses to run as root. When this runs as root, each service
# runs in a user namespace as an unprivileged user that the kernel maps
# back to root, so the services can use a checkout in a root-only
# directory and nothing outside it changes.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${PORT:-8080}
VAR=${VAR:-$ROOT/var}
case "$VAR" in /*) ;; *) VAR=$ROOT/$VAR ;; esac
POST_RATE=${POST_RATE:-60r/m}
PGBIN=/usr/lib/postgresql/15/bin
RUN=$VAR/run
LOG=$VAR/log
SECRETS=$VAR/secrets
NGX=$VAR/nginx
BODYTMP_FILE=$RUN/bodytmp

if [ "$(id -u)" -eq 0 ]; then
	AS="unshare --user --map-user=65534 --map-group=65534 --"
else
	AS=""
fi

say() { printf 'stack: %s\n' "$*"; }
die() { printf 'stack: %s\n' "$*" >&2; exit 1; }

random_secret() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }

pg_conninfo() {	# role
	printf 'host=%s dbname=portal user=%s passfile=%s/pgpass-%s connect_timeout=2' \
	    "$RUN" "$1" "$SECRETS" "$1"
}

portal_env() {
	PORTAL_ROOT=$ROOT
	PORTAL_SOCKET=$RUN/portal.sock
	# plan_cache_mode stays auto: a statement with optional filters
	# ("$1 = '' OR col = $1") needs a plan made for its values to use an
	# index (a generic one scans: 150 ms to 7 s at 100,000 letters, make
	# bench's scale run); the others settle on their generic plan.
	PORTAL_DB="$(pg_conninfo portal_app) options='-c statement_timeout=3000'"
	PORTAL_DB_OWNER=$(pg_conninfo portal_owner)
	PORTAL_KEYS=$VAR/keys
	PORTAL_ORIGIN=${PORTAL_ORIGIN:-http://127.0.0.1:$PORT}
	export PORTAL_ROOT PORTAL_SOCKET PORTAL_DB PORTAL_DB_OWNER PORTAL_KEYS \
	    PORTAL_ORIGIN
}

make_dirs() {
	mkdir -p "$VAR" "$RUN" "$LOG" "$SECRETS" "$NGX" "$VAR/keys"
	chmod 700 "$RUN" "$SECRETS" "$VAR/keys"
}

psql_super() {	# database, then psql arguments
	db=$1; shift
	PGPASSFILE=$SECRETS/pgpass-postgres $AS psql -X -q -h "$RUN" \
	    -U postgres -d "$db" -v ON_ERROR_STOP=1 "$@"
}

pg_init() {
	[ -f "$VAR/pg/PG_VERSION" ] && return 0
	say "creating the PostgreSQL cluster in $VAR/pg"
	umask 077
	for role in postgres portal_owner portal_app; do
		printf '*:*:*:%s:%s\n' "$role" "$(random_secret)" \
		    > "$SECRETS/pgpass-$role"
	done
	cut -d: -f5 "$SECRETS/pgpass-postgres" > "$SECRETS/pg-superuser"
	$AS "$PGBIN/initdb" -D "$VAR/pg" -U postgres -A scram-sha-256 \
	    --pwfile="$SECRETS/pg-superuser" --data-checksums -E UTF8 \
	    --locale=C.UTF-8 > "$LOG/initdb.log"
	rm -f "$SECRETS/pg-superuser"
	cat >> "$VAR/pg/postgresql.conf" <<CONF

# The portal's private cluster: unix socket only, durable, quiet logs.
listen_addresses = ''
unix_socket_directories = '$RUN'
unix_socket_permissions = 0700
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 200
shared_buffers = 256MB
password_encryption = scram-sha-256
# Server error messages can quote row values (personal data): keep them
# out of the log; the application logs SQLSTATEs instead.
log_min_messages = fatal
log_min_error_statement = panic
log_error_verbosity = terse
log_line_prefix = '%m [%p] '
CONF
	printf 'local all all scram-sha-256\n' > "$VAR/pg/pg_hba.conf"
	umask 022
}

pg_start() {
	# Lock files left by a killed server whose processes are all gone (a
	# zombie not yet reaped would still make PostgreSQL refuse to start).
	if [ -f "$VAR/pg/postmaster.pid" ] && ! alive "$(pg_pid)"; then
		rm -f "$VAR/pg/postmaster.pid" "$RUN"/.s.PGSQL.*.lock
	fi
	$AS "$PGBIN/pg_ctl" -D "$VAR/pg" -l "$LOG/postgres.log" -w -t 60 \
	    start > /dev/null || die "PostgreSQL did not start: see $LOG/postgres.log"
}

pg_stop() {
	[ -f "$VAR/pg/postmaster.pid" ] || return 0
	$AS "$PGBIN/pg_ctl" -D "$VAR/pg" -m fast -w -t 60 stop > /dev/null || true
}

pg_pid() { head -n 1 "$VAR/pg/postmaster.pid" 2>/dev/null || true; }

# Alive and not a zombie (a killed process nobody has reaped yet).
alive() {
	[ -n "$1" ] && [ -r "/proc/$1/stat" ] &&
	    [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -d' ' -f1)" != Z ]
}

descendants() {	# pid: its children, recursively
	for stat in /proc/[0-9]*/stat; do
		set -- "$1" "$(sed 's/.*) //' "$stat" 2>/dev/null | cut -d' ' -f2)" \
		    "${stat#/proc/}"
		if [ "$2" = "$1" ]; then
			child=${3%/stat}
			echo "$child"
			descendants "$child"
		fi
	done
}

# SIGKILL the postmaster and every backend, as a crash would.
pg_kill() {
	pid=$(pg_pid)
	alive "$pid" || return 0
	pids="$pid $(descendants "$pid")"
	kill -KILL $pids 2>/dev/null || true
	i=0
	for p in $pids; do
		while alive "$p" && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	done
}

pg_roles() {
	owner_pw=$(cut -d: -f5 "$SECRETS/pgpass-portal_owner")
	app_pw=$(cut -d: -f5 "$SECRETS/pgpass-portal_app")
	psql_super postgres -v owner_pw="$owner_pw" -v app_pw="$app_pw" <<'SQL'
SELECT 'CREATE ROLE portal_owner LOGIN'
    WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_owner')\gexec
SELECT 'CREATE ROLE portal_app LOGIN'
    WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal_app')\gexec
ALTER ROLE portal_owner PASSWORD :'owner_pw';
ALTER ROLE portal_app PASSWORD :'app_pw';
SELECT 'CREATE DATABASE portal OWNER portal_owner'
    WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'portal')\gexec
REVOKE ALL ON DATABASE portal FROM PUBLIC;
GRANT CONNECT ON DATABASE portal TO portal_app;
SQL
	psql_super portal <<'SQL'
ALTER SCHEMA public OWNER TO portal_owner;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO portal_app;
SQL
}

migrate() {
	portal_env
	$AS "$ROOT/cgi/portal" migrate > "$LOG/migrate.log" 2>&1 ||
	    { cat "$LOG/migrate.log" >&2; die "migration failed"; }
	$AS "$ROOT/cgi/portal" load-reference >> "$LOG/migrate.log" 2>&1 ||
	    { cat "$LOG/migrate.log" >&2; die "loading reference data failed"; }
	say "database migrated, reference data loaded"
}

# make run: demonstration data (README, "Demonstration data") into a
# database without communications (or with demo data: a load that was
# interrupted goes on), before the portal starts, so that its pages show
# the banner. DEMO=0 skips it; `up` (make test) never loads it.
demo_load() {
	n=$(psql_super portal -At -c 'SELECT NOT EXISTS (SELECT FROM
	    communications) OR EXISTS (SELECT FROM demo_data)')
	[ "$n" = t ] || return 0
	say "loading demonstration data (DEMO=0 to skip)"
	portal_env
	$AS "$ROOT/cgi/portal" demo-data || die "loading demonstration data failed"
}

keys_init() {
	portal_env
	# For local use the operator's passphrase is a random secret file;
	# a real operator types or supplies their own (see README, Keys).
	if [ ! -f "$SECRETS/operator-passphrase" ]; then
		(umask 077; random_secret > "$SECRETS/operator-passphrase")
	fi
	$AS "$ROOT/cgi/portal" keys init --passphrase-file \
	    "$SECRETS/operator-passphrase" >> "$LOG/keys.log" 2>&1 ||
	    { cat "$LOG/keys.log" >&2; die "making the keys failed"; }
}

portal_start() {
	portal_env
	# setsid: Ctrl-C reaches this script, which stops the services in order.
	setsid $AS "$ROOT/cgi/portal" serve >> "$LOG/portal.log" 2>&1 &
	echo $! > "$RUN/portal.pid"
	i=0
	while [ ! -S "$RUN/portal.sock" ]; do
		kill -0 "$(cat "$RUN/portal.pid")" 2>/dev/null ||
		    { tail -n 20 "$LOG/portal.log" >&2; die "portal did not start"; }
		i=$((i + 1)); [ $i -gt 100 ] && die "portal socket did not appear"
		sleep 0.1
	done
}

nginx_conf() {
	# Request bodies go to tmpfs, never to a persistent disk.
	[ -d /dev/shm ] || die "/dev/shm (tmpfs) is needed for request bodies"
	bodytmp=$(mktemp -d /dev/shm/portal-body.XXXXXX)
	echo "$bodytmp" > "$BODYTMP_FILE"
	mkdir -p "$bodytmp/body" "$NGX/fastcgi" "$NGX/proxy" "$NGX/uwsgi" "$NGX/scgi"
	chmod 700 "$bodytmp"
	for f in portal-common.conf security-headers.conf fastcgi.conf; do
		sed -e "s|@COMMON_DIR@|$NGX|g" -e "s|@ROOT@|$ROOT|g" \
		    -e "s|@SOCKET@|$RUN/portal.sock|g" "$ROOT/nginx/$f" > "$NGX/$f"
	done
	sed -e "s|@VAR@|$VAR|g" -e "s|@ROOT@|$ROOT|g" -e "s|@PORT@|$PORT|g" \
	    -e "s|@BODYTMP@|$bodytmp|g" -e "s|@POST_RATE@|$POST_RATE|g" \
	    "$ROOT/nginx/local.conf.in" > "$NGX/nginx.conf"
}

nginx_start() {
	nginx_conf
	$AS nginx -t -q -p "$NGX" -c "$NGX/nginx.conf" -e /dev/stderr ||
	    die "nginx configuration is invalid"
	# nginx writes the client's address into some error lines, whatever
	# the level: they pass through a filter that removes it.
	rm -f "$RUN/nginx-errors.fifo"
	mkfifo -m 600 "$RUN/nginx-errors.fifo"
	sed -u -E 's/, client: [^,]+//; s/, (server|host|referrer|request): "[^"]*"//g' \
	    < "$RUN/nginx-errors.fifo" >> "$LOG/nginx-error.log" &
	setsid $AS nginx -p "$NGX" -c "$NGX/nginx.conf" -e /dev/stderr \
	    -g 'daemon off;' > "$RUN/nginx-errors.fifo" 2>&1 &
	echo $! > "$RUN/nginx.pid.launcher"
}

wait_healthy() {
	i=0
	until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; do
		i=$((i + 1)); [ $i -gt 150 ] && die "no healthy answer on port $PORT"
		sleep 0.1
	done
}

stop_pidfile() {	# file, signal, seconds
	[ -f "$1" ] || return 0
	pid=$(cat "$1")
	if kill -0 "$pid" 2>/dev/null; then
		kill "-$2" "$pid" 2>/dev/null || true
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt $(($3 * 10)) ]; do
			sleep 0.1; i=$((i + 1))
		done
		kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
	fi
	rm -f "$1"
}

up() {
	[ -x "$ROOT/cgi/portal" ] || die "build first: make"
	make_dirs
	pg_init
	if alive "$(pg_pid)"; then
		die "a stack already runs in $VAR (stack.sh down to stop it)"
	fi
	pg_start
	pg_roles
	migrate
	keys_init
	[ "${LOAD_DEMO:-0}" = 1 ] && demo_load
	portal_start
	nginx_start
	wait_healthy
	say "serving http://127.0.0.1:$PORT/ (state in $VAR)"
}

down() {
	stop_pidfile "$RUN/nginx.pid.launcher" QUIT 10
	rm -f "$RUN/nginx.pid" "$RUN/nginx-errors.fifo"
	stop_pidfile "$RUN/portal.pid" TERM 40
	pg_stop
	if [ -f "$BODYTMP_FILE" ]; then
		rm -rf "$(cat "$BODYTMP_FILE")"
		rm -f "$BODYTMP_FILE"
	fi
	rm -f "$RUN/portal.sock"
	say "stopped"
}

run() {
	trap 'trap - INT TERM; down; exit 0' INT TERM
	LOAD_DEMO=${DEMO:-1}
	up
	say "press Ctrl-C to stop"
	while kill -0 "$(cat "$RUN/portal.pid")" 2>/dev/null; do
		sleep 1
	done
	say "the portal exited; stopping the rest"
	down
	exit 1
}

case "${1:-}" in
run) run ;;
up) up ;;
down) down ;;
env) portal_env; env | grep '^PORTAL_' ;;
migrate) migrate ;;
portal-start) make_dirs; portal_start ;;
portal-stop) stop_pidfile "$RUN/portal.pid" TERM 40 ;;
pg-stop) pg_stop ;;
pg-start) pg_start ;;
pg-kill) pg_kill ;;
pg-pause) pid=$(pg_pid); kill -STOP $pid $(descendants "$pid") ;;
pg-resume) pid=$(pg_pid); kill -CONT $pid $(descendants "$pid") ;;
*) echo "usage: stack.sh run|up|down|env|migrate|portal-start|portal-stop|pg-stop|pg-start|pg-kill|pg-pause|pg-resume" >&2; exit 2 ;;
esac
