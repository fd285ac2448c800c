#!/bin/sh
# Browser tests against a running stack (scripts/test.sh calls this while
# the stack is up): installs the pinned npm packages (package-lock.json)
# into tests/browser/node_modules, then runs check.mjs: every page in
# every language in headless Chromium (Debian's /usr/bin/chromium) with
# JavaScript off and with axe-core, and through the Nu Html Checker
# (vnu-jar, run with the installed Java).
#
# Environment: STACK_PORT (8091) or PORTAL_URL; SHOTS_DIR for screenshots
# (default: a fresh directory under $TMPDIR). Prints "browser: N passed,
# N failed"; appends "browser P F" to $RESULTS when it is set.
set -u
cd "$(dirname "$0")"
PORTAL_URL=${PORTAL_URL:-http://127.0.0.1:${STACK_PORT:-8091}}
export PORTAL_URL

fail_setup() {
	echo "browser: $1"
	echo "browser: 0 passed, 1 failed"
	[ -n "${RESULTS:-}" ] && echo "browser 0 1" >> "$RESULTS"
	exit 1
}

for tool in node npm java; do
	command -v "$tool" >/dev/null 2>&1 || fail_setup "$tool not found (scripts/deps.sh)"
done
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || fail_setup "chromium not found (apt install chromium)"

# Install scripts stay off: vnu-jar's would download a Java runtime.
installed() {
	node -e 'const d = require("./package.json").dependencies;
	    for (const [k, v] of Object.entries(d))
		if (require("./node_modules/" + k + "/package.json").version !== v)
			process.exit(1);' 2>/dev/null
}
if ! installed; then
	npm ci --no-audit --no-fund --ignore-scripts >/dev/null 2>&1 ||
	    npm install --no-audit --no-fund --ignore-scripts >/dev/null 2>&1 ||
	    fail_setup "npm could not install tests/browser/package-lock.json"
fi
# make test-attack's XSS sweep needs the packages, not these tests.
[ "${1:-}" = --install-only ] && exit 0

# Each script ends with "browser: N passed, N failed"; add them up.
p=0 f=0
for script in check.mjs submit.mjs journey.mjs; do
	out=$(node "$script" 2>&1); rc=$?
	printf '%s\n' "$out"
	line=$(printf '%s\n' "$out" | grep -E '^browser: [0-9]+ passed, [0-9]+ failed$' | tail -n 1)
	if [ -z "$line" ]; then
		echo "browser: $script ended without a summary (exit $rc)"
		f=$((f + 1))
		continue
	fi
	sp=$(printf '%s' "$line" | sed -E 's/browser: ([0-9]+) passed.*/\1/')
	sf=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) failed/\1/')
	[ "$rc" -ne 0 ] && [ "$sf" -eq 0 ] && sf=1
	p=$((p + sp)); f=$((f + sf))
done
echo "browser: $p passed, $f failed (all scripts)"
[ -n "${RESULTS:-}" ] && echo "browser $p $f" >> "$RESULTS"
[ "$f" -eq 0 ]
