#!/usr/bin/env bash
# Makes Debian's Chromium and its WebDriver available to the browser tests, which drive /usr/bin/chromium headless
# through /usr/bin/chromedriver (backend/src/test/java/dev/hourglass/backend/support/Browser.java).
# Idempotent: once both are installed, a run only asks dpkg.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

PACKAGES=(chromium chromium-driver)


missing=()
for package in "${PACKAGES[@]}"; do
  is_installed "$package" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  # An apt-get update first: a fresh machine's package lists may not name chromium yet.
  log "installing ${missing[*]} for the browser tests"
  apt_get update >/dev/null
  apt_get install "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
fi

# The driver speaks for one browser release: both come from the same Debian source package, so their versions agree
# unless one of them was upgraded alone.
browser_version="$(dpkg-query -W -f='${Version}' chromium)"
driver_version="$(dpkg-query -W -f='${Version}' chromium-driver)"
[ "$browser_version" = "$driver_version" ] \
  || die "chromium is $browser_version but chromium-driver is $driver_version: apt-get install chromium chromium-driver brings them to one version"
for program in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$program" ] || die "$program is missing although its package is installed: apt-get install --reinstall ${PACKAGES[*]}"
done
log "Chromium $browser_version and its chromedriver ready for the browser tests"
