# Shared by ./hourglass and the scripts it runs. Sourced, not executed.

ROOT="${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"

log() { printf '\033[1m[hourglass]\033[0m %s\n' "$*" >&2; }
die() { printf '[hourglass] error: %s\n' "$*" >&2; exit 1; }

require_java() {
  command -v java >/dev/null 2>&1 || die "no 'java' on PATH: install a JDK 17 or newer (apt-get install openjdk-17-jdk-headless)"
  local version
  version="$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}')"
  [ "${version%%.*}" -ge 17 ] 2>/dev/null || die "Java $version found; Hourglass needs Java 17 or newer"
}

mvnw() { "$ROOT/mvnw" -B "$@"; }

# Keeps the logs of the last few runs, so that a restart after a crash does not overwrite what explains it:
# FILE becomes FILE.1, FILE.1 becomes FILE.2, ..., up to FILE.KEEP (default 5); the oldest is dropped.
keep_previous_log() {
  local file="$1" keep="${2:-5}" i
  [ -s "$file" ] || return 0
  for ((i = keep - 1; i >= 1; i--)); do
    if [ -e "$file.$i" ]; then mv -f "$file.$i" "$file.$((i + 1))"; fi
  done
  mv -f "$file" "$file.1"
}

# For the installers: run as root (directly, or through sudo), and Debian's package tools.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "installing what Hourglass needs takes root: run as root or install sudo ($*)"
  fi
}
apt_get() { as_root env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o DPkg::Lock::Timeout=300 "$@"; }
is_installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

# Rebuilds a module's jar when any source of it or of the modules it depends on is newer.
ensure_built() {
  local jar="$1"; shift
  local module="$1"; shift
  if [ ! -f "$jar" ] || [ -n "$(find "$ROOT/pom.xml" "$@" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    log "building $module (first run, or sources changed)"
    (cd "$ROOT" && mvnw -q -DskipTests -pl "$module" -am package) >&2 || die "build of $module failed"
    [ -f "$jar" ] || die "the build of $module did not write $jar"
    # The stamp of this build: a classpath.txt whose content did not change keeps its old time, which would make
    # every later call build again.
    touch "$jar"
  fi
}

run_cli() {
  require_java
  local jar="$ROOT/cli/target/hourglass-cli-all.jar"
  ensure_built "$jar" cli "$ROOT"/{cli,recipe,protocol,api-client}/{src,pom.xml}
  exec java -jar "$jar" "$@"
}

# The classpath of a program that runs on a node, agent or worker: MODULE's classes and its runtime dependencies.
# The two are built together, in one Maven run, whenever the sources of either changed.
node_classpath() {
  local module="$1"
  # One stamp for both, as they are built together; without the worker's classpath it must not count either.
  local stamp="$ROOT/agent/target/classpath.txt"
  [ -f "$ROOT/worker/target/classpath.txt" ] || rm -f "$stamp"
  ensure_built "$stamp" agent,worker "$ROOT"/{recipe,protocol,collective,trainer,detection,worker,agent}/{src,pom.xml}
  echo "$ROOT/$module/target/classes:$(cat "$ROOT/$module/target/classpath.txt")"
}

backend_jar() {
  echo "$ROOT/backend/target/hourglass-backend-0.1.0-SNAPSHOT-exec.jar"
}
