#!/usr/bin/env bash
# ./hourglass test: install what the tests need, then run every test of the reactor.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/lib.sh"

require_java
"$ROOT/scripts/install/namespace-tools.sh"   # ip, unshare and mount for AcrossHostsTest's hosts
cd "$ROOT"
"$ROOT/scripts/install/openmpi-java.sh"   # Open MPI and its Java bindings (org.open-mpi:mpi)
"$ROOT/scripts/install/chromium.sh"       # Debian's Chromium and chromedriver for the browser tests
log "running every test (./mvnw verify)"
mvnw verify "$@"

log "launcher check: ./hourglass recipe prints the paper's kn=8192 plan"
plan="$("$ROOT/hourglass" recipe --model resnet50 --kn 8192 --json)"
grep -q '"peakLr" : 3.2,' <<<"$plan" || die "./hourglass recipe did not print peakLr 3.2 for kn=8192: $plan"
if "$ROOT/hourglass" recipe --model resnet50 --kn 1000 >/dev/null 2>&1; then
  die "./hourglass recipe accepted kn=1000 with n=32"
fi
log "all tests passed"
