#!/usr/bin/env bash
# ./hourglass up: start the platform locally.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/lib.sh"
require_java
log "the control plane arrives with the control-plane issue; for now try: ./hourglass recipe --model resnet50 --kn 8192"
