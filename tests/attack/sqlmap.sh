#!/bin/sh
# sqlmap (Debian's) at --level 5 --risk 3 against every parameter of every
# form and filter that reaches the database: the submission (multipart, as
# a program), receipt verification, the States filter, the communications
# filters and search, the visits and recommendations trackers, a feed, a
# civil-society assessment (with its CSRF token) and the transparency
# log's proof endpoints.
#
#   STACK_PORT=8091 tests/attack/sqlmap.sh
#
# One test per target: it passes when sqlmap finds no injectable
# parameter. Prints "sqlmap: N passed, N failed"; appends to $RESULTS.
# sqlmap reads a target list from standard input when that is not a
# terminal, so it runs under script(1) for a pseudo-terminal.
set -u
PORT=${STACK_PORT:-8091}
BASE=http://127.0.0.1:$PORT
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

command -v sqlmap >/dev/null 2>&1 || { echo "sqlmap: not installed (scripts/deps.sh)"; exit 1; }

multipart_request() {
	b=----sqlmapboundary
	{
		printf 'POST /en/submit HTTP/1.1\r\nHost: 127.0.0.1:%s\r\n' "$PORT"
		printf 'Accept: application/json\r\n'
		printf 'Content-Type: multipart/form-data; boundary=%s\r\n\r\n' "$b"
		for kv in state=IRN mandate=torture summary=test victims=v \
		    incident_place=p incident_date=2024-01-02 perpetrators=x \
		    domestic_remedies=y consent_disclose_name=yes \
		    consent_public_name=no submitter_name=n submitter_org=o \
		    submitter_email=a@b.org relationship=r; do
			printf -- '--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' \
			    "$b" "${kv%%=*}" "${kv#*=}"
		done
		printf -- '--%s--\r\n' "$b"
	} > "$work/submit.req"
}

run() {	# name, then sqlmap target arguments
	name=$1; shift
	log="$work/$name.log"
	timeout 900 script -qec "sqlmap $* --level 5 --risk 3 --batch \
	    --flush-session --disable-coloring --threads 4 \
	    --output-dir=$work/out-$name" /dev/null < /dev/null > "$log" 2>&1
	# sqlmap's verdict, not its guesses: a time-based "appears to be
	# injectable" on a loaded machine is followed by its own false
	# positive check, which says "does not seem to be injectable".
	if grep -qE "is vulnerable|sqlmap identified the following injection" "$log"; then
		grep -E "injectable|identified|Parameter:" "$log" | head -20
		printf '  %-16s FAILED: injectable\n' "$name"
		failed=$((failed + 1))
	elif grep -q "do not appear to be injectable\|does not seem to be injectable" "$log"; then
		n=$(grep -c "does not seem to be injectable" "$log")
		printf '  %-16s ok: %s parameters, none injectable\n' "$name" "$n"
		passed=$((passed + 1))
	else
		tail -n 20 "$log"
		printf '  %-16s FAILED: sqlmap did not finish\n' "$name"
		failed=$((failed + 1))
	fi
}

multipart_request
run submit -r "$work/submit.req"
run verify -u "'$BASE/en/verify'" --data "'receipt=abc'" -H "'Accept: application/json'"
run states -u "'$BASE/en/states?q=fr&group=african'"
run communications -u "'$BASE/en/communications?state=FRA&mandate=torture&type=AL&year=2024&reply=no_response&q=detention&page=1'"
run visits -u "'$BASE/en/visits?state=FRA&mandate=torture&status=requested&page=1'"
run recommendations -u "'$BASE/en/recommendations?state=FRA&mandate=torture&theme=torture&status=implemented&source=state&page=1'"
run feeds -u "'$BASE/feeds/states/FRA.atom'"
run assess -u "'$BASE/en/recommendations/1/assess'" --data "'status=implemented&explanation=x&organisation=y'" \
    --csrf-token=csrf --csrf-url="'$BASE/en/recommendations/1/assess'"
run log-inclusion -u "'$BASE/log/proof/inclusion?entry=0000000000000000000000000000000000000000000000000000000000000000'"
run log-consistency -u "'$BASE/log/proof/consistency?from=1&to=2'"

echo "sqlmap: $passed passed, $failed failed"
[ -n "${RESULTS:-}" ] && echo "sqlmap $passed $failed" >> "$RESULTS"
[ "$failed" -eq 0 ]
