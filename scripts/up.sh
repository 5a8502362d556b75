#!/usr/bin/env bash
# ./hourglass up: start the platform locally on the embedded default and print the URL and login.
# Honours HOURGLASS_PORT, HOURGLASS_HOME, HOURGLASS_ADMIN_TOKEN, HOURGLASS_ADMIN_PASSWORD and HOURGLASS_DB_URL
# (with HOURGLASS_DB_USER / HOURGLASS_DB_PASSWORD). Ctrl-C or SIGTERM stops everything it started.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/lib.sh"
require_java

export HOURGLASS_PORT="${HOURGLASS_PORT:-8080}"
export HOURGLASS_HOME="${HOURGLASS_HOME:-$HOME/.hourglass}"
mkdir -p "$HOURGLASS_HOME/logs"
chmod 700 "$HOURGLASS_HOME"

# A secret made once and kept in HOURGLASS_HOME, so that a restart keeps the same login.
secret() {
  local file="$HOURGLASS_HOME/$1"
  if [ ! -s "$file" ]; then
    (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$file")
  fi
  cat "$file"
}
export HOURGLASS_ADMIN_PASSWORD="${HOURGLASS_ADMIN_PASSWORD:-$(secret admin-password)}"
export HOURGLASS_AGENT_TOKEN="${HOURGLASS_AGENT_TOKEN:-$(secret agent-token)}"
export HOURGLASS_TEAM="${HOURGLASS_TEAM:-demo}"

jar="$(backend_jar)"
ensure_built "$jar" backend "$ROOT"/{recipe,scheduler,db-migrations,frontend,backend}/{src,pom.xml}
"$ROOT/scripts/install/openmpi-java.sh"   # Open MPI and its Java bindings (org.open-mpi:mpi)
agent_cp="$(node_classpath agent)"
worker_cp="$(node_classpath worker)"

database_args=(--hourglass.embedded-database=true)
if [ -n "${HOURGLASS_DB_URL:-}" ]; then
  database_args=(--hourglass.embedded-database=false)
  log "database: $HOURGLASS_DB_URL"
else
  log "database: embedded PostgreSQL in $HOURGLASS_HOME/db"
fi

pids=()
stop_all() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    log "stopping"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

log "starting the control plane on port $HOURGLASS_PORT (log: $HOURGLASS_HOME/logs/control-plane.log)"
keep_previous_log "$HOURGLASS_HOME/logs/control-plane.log"
java -Xmx1g -jar "$jar" "${database_args[@]}" >"$HOURGLASS_HOME/logs/control-plane.log" 2>&1 &
pids+=($!)

url="http://localhost:$HOURGLASS_PORT"
for _ in $(seq 1 120); do
  if curl -fsS "$url/actuator/health" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "${pids[0]}" 2>/dev/null; then
    tail -n 40 "$HOURGLASS_HOME/logs/control-plane.log" >&2
    die "the control plane exited during start-up (log above)"
  fi
  sleep 1
done
curl -fsS "$url/actuator/health" >/dev/null 2>&1 || die "the control plane did not become healthy in 120 s; see $HOURGLASS_HOME/logs/control-plane.log"

# Two local agents act as two 8-device nodes on this machine; mpirun starts their ranks locally.
for n in 1 2; do
  node="local-$n"
  mkdir -p "$HOURGLASS_HOME/agents/$node"
  keep_previous_log "$HOURGLASS_HOME/logs/agent-$node.log"
  java -Xmx512m -cp "$agent_cp" dev.hourglass.agent.AgentCommand --worker-classpath "$worker_cp" \
    --control-plane "$url" --node "$node" --address localhost --cpu-devices 8 --remote-shell local \
    --work-dir "$HOURGLASS_HOME/agents/$node" --data-dir "$HOURGLASS_HOME/data" \
    >"$HOURGLASS_HOME/logs/agent-$node.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 1 60); do
  registered=$(cat "$HOURGLASS_HOME"/logs/agent-local-*.log 2>/dev/null | grep -c "registered with" || true)
  [ "${registered:-0}" -ge 2 ] && break
  sleep 1
done
[ "${registered:-0}" -ge 2 ] || log "warning: the agents have not registered yet; see $HOURGLASS_HOME/logs/agent-local-*.log"

# The first job the README opens with: it learns visibly in about 3 minutes on 2 cores (the paper's recipe, with
# ResNet-8's base rate of 0.1 per 16 images that the scaling study uses).
FIRST_JOB='{"name":"first","model":"resnet8","dataset":"generated-16k","kn":64,"perGpuBatch":16,"epochs":3,"overrides":{"baseLr":0.1,"referenceBatch":16}}'

cat <<INFO

  Hourglass is up at $url
    login:     admin / $HOURGLASS_ADMIN_PASSWORD   (team: $HOURGLASS_TEAM)
    API docs:  $url/swagger-ui.html
    state:     $HOURGLASS_HOME

  ${HOURGLASS_ADMIN_TOKEN:+API token: HOURGLASS_ADMIN_TOKEN (as set in the environment)}
  Try the API (with HOURGLASS_ADMIN_TOKEN set, or a token made under your user):
    curl -s -H "Authorization: Bearer \$HOURGLASS_ADMIN_TOKEN" -H 'Content-Type: application/json' \\
         -d '$FIRST_JOB' $url/api/v1/jobs
    (ResNet-8 on the built-in 16-class set, kn=64 on 4 devices, 3 epochs: about 3 minutes; watch it on $url/jobs)

  Nodes:     local-1 and local-2, 8 CPU devices each (logs: $HOURGLASS_HOME/logs/agent-local-*.log)
  Ctrl-C stops everything.
INFO
wait "${pids[0]}"
