#!/usr/bin/env bash
# Builds the Debian package from a build directory, checks it with lintian (no error allowed),
# installs it, checks that crm runs and its man pages and completions are in place, then
# removes it again. Needs root (apt-get, dpkg).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
(cd "$build" && rm -f crm_*.deb && cpack -G DEB >/dev/null)
deb=$(ls "$build"/crm_*.deb)
dpkg -c "$deb" | grep './usr/bin/crm$' >/dev/null  # not -q: dpkg would get SIGPIPE
# Errors fail the check; warnings and notes are printed (without the note that lintian would
# rather not run as root).
lint_ok=true
report=$(lintian --fail-on error "$deb" 2>&1) || lint_ok=false
grep -v 'running with root privileges' <<<"$report" || true
$lint_ok || { echo "package-check: lintian reports errors for $deb" >&2; exit 1; }
apt-get install -y -qq "./$deb" >/dev/null
trap 'dpkg -r crm >/dev/null' EXIT
/usr/bin/crm --version
/usr/bin/crm-sandbox --help >/dev/null
man -w crm
man -w crm-sandbox
test -f /usr/share/bash-completion/completions/crm
test -f /usr/share/zsh/vendor-completions/_crm
test -f /usr/share/fish/vendor_completions.d/crm.fish
echo "package OK: $deb"
