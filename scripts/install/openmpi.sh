#!/usr/bin/env bash
# Installs Open MPI (mpirun and the libraries) from Debian's packages when it is missing. Idempotent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$ROOT/scripts/lib.sh"

if command -v mpirun >/dev/null 2>&1 && dpkg -s libopenmpi-dev >/dev/null 2>&1; then
  exit 0
fi
[ "$(id -u)" -eq 0 ] || die "Open MPI is missing; install it as root: apt-get install openmpi-bin libopenmpi-dev"
log "installing Open MPI (openmpi-bin, libopenmpi-dev)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openmpi-bin libopenmpi-dev >/dev/null
