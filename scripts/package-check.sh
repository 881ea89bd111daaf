#!/usr/bin/env bash
# Builds the Debian package from a build directory, installs it, checks that crm runs and its
# man page and completions are in place, then removes it again. Needs root (apt-get, dpkg).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
(cd "$build" && rm -f crm_*.deb && cpack -G DEB >/dev/null)
deb=$(ls "$build"/crm_*.deb)
dpkg -c "$deb" | grep './usr/bin/crm$' >/dev/null  # not -q: dpkg would get SIGPIPE
apt-get install -y -qq "./$deb" >/dev/null
trap 'dpkg -r crm >/dev/null' EXIT
/usr/bin/crm --version
/usr/bin/crm-sandbox --help >/dev/null
man -w crm
test -f /usr/share/bash-completion/completions/crm
test -f /usr/share/zsh/vendor-completions/_crm
test -f /usr/share/fish/vendor_completions.d/crm.fish
echo "package OK: $deb"
