#!/usr/bin/env bash
# ./hourglass test [--fast] [MAVEN ARGS]: install what the tests need, then run every test of the reactor: the fast
# tier with surefire, then the tests tagged browser, mpirun, system or learning with failsafe (docs/testing.md).
# --fast runs the fast tier alone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/lib.sh"

fast=false
if [ "${1:-}" = "--fast" ]; then
  fast=true
  shift
fi
require_java
cd "$ROOT"
"$ROOT/scripts/install/openmpi-java.sh"   # Open MPI and its Java bindings (org.open-mpi:mpi), which collective builds on
"$ROOT/scripts/install/redocly.sh"       # the OpenAPI linter that api-client's ContractLintTest runs on the contract
if $fast; then
  log "running the fast tier (./mvnw test)"
  mvnw test "$@"
  log "the fast tier passed (./hourglass test runs the rest too)"
  exit 0
fi
"$ROOT/scripts/install/namespace-tools.sh"   # ip, unshare and mount for AcrossHostsTest's hosts
"$ROOT/scripts/install/chromium.sh"       # Debian's Chromium and chromedriver for the browser tests
log "running every test (./mvnw verify: the fast tier, then the tagged ones)"
mvnw verify "$@"

log "launcher check: ./hourglass recipe prints the paper's kn=8192 plan"
plan="$("$ROOT/hourglass" recipe --model resnet50 --kn 8192 --json)"
grep -q '"peakLr" : 3.2,' <<<"$plan" || die "./hourglass recipe did not print peakLr 3.2 for kn=8192: $plan"
if "$ROOT/hourglass" recipe --model resnet50 --kn 1000 >/dev/null 2>&1; then
  die "./hourglass recipe accepted kn=1000 with n=32"
fi
log "all tests passed"
