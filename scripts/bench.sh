#!/usr/bin/env bash
# ./hourglass bench NAME [--quick] [--out DIR] | --list: runs a benchmark from the benchmarks module,
# rebuilding its jar first when its sources (or the scheduler's) changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

require_java
jar="$ROOT/benchmarks/target/hourglass-benchmarks.jar"
ensure_built "$jar" benchmarks \
  "$ROOT/benchmarks/src" "$ROOT/benchmarks/pom.xml" \
  "$ROOT/scheduler/src" "$ROOT/scheduler/pom.xml"
# The control-plane benchmarks start the real control plane from its jar.
backend="$(backend_jar)"
ensure_built "$backend" backend "$ROOT"/{recipe,scheduler,db-migrations,frontend,backend}/{src,pom.xml}
# Not cd'ing to $ROOT: --out and the default build-artifacts/bench are relative to where the user stands.
exec java -Dhourglass.backend.jar="$backend" -jar "$jar" "$@"
