#!/bin/sh
# Install the Debian packages the portal needs to build, run and test, when
# any is missing. As root it installs them; otherwise it names them.
# Services that Debian would start on install (a system PostgreSQL, nginx
# on port 80) are kept from starting: the portal runs its own, privately.
set -eu

PACKAGES="make gcc clang libclang-rt-14-dev pkg-config libfcgi-dev libpq-dev
libsodium-dev libxml2-dev check nginx-light postgresql-15 util-linux
python3 python3-nacl curl gettext wrk libcurl4-gnutls-dev libxml2-utils
chromium default-jre-headless"
# Node.js and npm for tests/browser/ (playwright-core, axe-core, vnu-jar):
# Debian's own, unless a node with npm is already installed (NodeSource's
# nodejs package carries npm and conflicts with Debian's npm).
command -v npm >/dev/null 2>&1 || PACKAGES="$PACKAGES nodejs npm"
# `deps.sh attack`: also the scanners of make test-attack.
[ "${1:-}" = attack ] && PACKAGES="$PACKAGES sqlmap slowhttptest valgrind"

missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: install them as root (apt-get install$missing) or run make as root" >&2
	exit 1
fi

echo "deps: installing$missing"
# policy-rc.d 101 = "do not start services": nothing may listen but ours.
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
	printf '#!/bin/sh\nexit 101\n' > "$policy"
	chmod 755 "$policy"
	own_policy=1
fi
cleanup() { [ "$own_policy" = 1 ] && rm -f "$policy"; }
trap cleanup EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "deps: done"
