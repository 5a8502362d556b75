#!/usr/bin/env bash
# ./hourglass bench NAME [--quick] [--out DIR] | --list | --tables: runs a benchmark from the benchmarks module,
# rebuilding its jar first when its sources (or those of the modules it uses) changed, and what the named
# benchmark runs besides.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

# The first argument that is neither an option nor --out's directory.
benchmark_name() {
  local previous=""
  for arg in "$@"; do
    if [ "$previous" != "--out" ] && [ "${arg#-}" = "$arg" ]; then
      echo "$arg"
      return
    fi
    previous="$arg"
  done
}

require_java
# Open MPI and its Java bindings (org.open-mpi:mpi): the benchmarks jar carries the collectives, which are built on them
"$ROOT/scripts/install/openmpi-java.sh"
jar="$ROOT/benchmarks/target/hourglass-benchmarks.jar"
ensure_built "$jar" benchmarks "$ROOT"/{benchmarks,scheduler,recipe,collective,protocol,api-client,agent}/{src,pom.xml}
java_options=("-Dhourglass.docs=$ROOT/docs")   # where --tables finds the pages whose tables it rewrites
case "$(benchmark_name "$@")" in
  submissions|ingest)
    # The control-plane benchmarks start the real control plane from its jar.
    backend="$(backend_jar)"
    ensure_built "$backend" backend "$ROOT"/{recipe,scheduler,db-migrations,frontend,backend}/{src,pom.xml}
    java_options+=("-Dhourglass.backend.jar=$backend") ;;
esac
case "$(benchmark_name "$@")" in
  scaling|mask-rcnn)
    # The scaling studies run the whole platform: the control plane from its jar, agents and their workers.
    backend="$(backend_jar)"
    ensure_built "$backend" backend "$ROOT"/{recipe,scheduler,db-migrations,frontend,backend}/{src,pom.xml}
    java_options+=("-Dhourglass.backend.jar=$backend") ;;
esac
case "$(benchmark_name "$@")" in
  step|scaling|mask-rcnn)
    # The step runs the trainer; the scaling studies run agents and their workers.
    java_options+=("-Dhourglass.worker.classpath=$(node_classpath worker)"
                   "-Dhourglass.agent.classpath=$(node_classpath agent)") ;;
esac
# Not cd'ing to $ROOT: --out and the default build-artifacts/bench are relative to where the user stands.
exec java "${java_options[@]}" -jar "$jar" "$@"
