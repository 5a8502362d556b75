#!/usr/bin/env bash
# The tools AcrossHostsTest builds its hosts with: iproute2's ip (network namespaces, veth pairs, a bridge) and
# util-linux's unshare and mount. Usual Debian installs have them, minimal images lack iproute2. The test itself
# needs root; without it this installs nothing and the test says so.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

missing=()
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
command -v mount >/dev/null 2>&1 || missing+=(mount)
[ ${#missing[@]} -eq 0 ] && exit 0
[ "$(id -u)" -eq 0 ] || { log "not root: not installing ${missing[*]} (AcrossHostsTest will fail for want of them and of root)"; exit 0; }
log "installing ${missing[*]} for AcrossHostsTest"
apt_get install --no-install-recommends "${missing[@]}" >&2 \
  || die "apt-get install ${missing[*]} failed"
