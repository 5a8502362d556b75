#!/usr/bin/env bash
# Makes Open MPI and its Java bindings (package mpi) available to the build: installs Debian's Open MPI, builds
# mpi.jar from Debian's own source package for exactly the installed library version (Debian ships the JNI
# library libmpi_java.so but not the jar) and installs it into the local Maven repository as
# org.open-mpi:mpi:<upstream version>. Idempotent: once done, a run only asks dpkg and looks at ~/.m2.
# Measured facts behind each step: docs/open-mpi.md ("Getting the Java bindings").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

export DEBIAN_FRONTEND=noninteractive
GROUP_ID=org.open-mpi
ARTIFACT_ID=mpi
LIBRARY_PACKAGE=libopenmpi3
RUNTIME_PACKAGES=(openmpi-bin libopenmpi-dev)   # -dev has the unversioned libmpi_java.so that loadLibrary needs
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/hourglass/openmpi-src"
M2_REPOSITORY="${HOURGLASS_M2_REPOSITORY:-$HOME/.m2/repository}"


# The version pom.xml compiles against; the installed library must be the same upstream release.
# Elsewhere than Debian 12 (another Open MPI), set HOURGLASS_OPENMPI_VERSION and pass -Dopenmpi.version to Maven.
expected_version="${HOURGLASS_OPENMPI_VERSION:-$(sed -n 's:.*<openmpi.version>\(.*\)</openmpi.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)}"
[ -n "$expected_version" ] || die "pom.xml has no <openmpi.version> property"

artifact_path() { echo "$M2_REPOSITORY/${GROUP_ID//.//}/$ARTIFACT_ID/$1/$ARTIFACT_ID-$1.jar"; }

# Fast path: everything there already.
if is_installed "${RUNTIME_PACKAGES[0]}" && is_installed "${RUNTIME_PACKAGES[1]}" \
    && [ -f "$(artifact_path "$expected_version")" ] \
    && [ "$(dpkg-query -W -f='${source:Upstream-Version}' "$LIBRARY_PACKAGE")" = "$expected_version" ]; then
  log "Open MPI $expected_version and $GROUP_ID:$ARTIFACT_ID:$expected_version already installed"
  exit 0
fi

if ! command -v javac >/dev/null 2>&1 || ! command -v jar >/dev/null 2>&1; then
  die "no 'javac'/'jar' on PATH: building mpi.jar needs a JDK 17 (apt-get install openjdk-17-jdk-headless)"
fi

# Two ./hourglass runs at once must not build into the same directory.
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock 9

# One apt-get update on a fresh machine: before installing what is missing and reading the new deb-src entry.
deb_src_file=/etc/apt/sources.list.d/hourglass-debian-src.sources
openmpi_source_listed() { apt-cache showsrc --only-source openmpi 2>/dev/null | grep -q "^Version: ${1:-}"; }
add_deb_src() {
  if [ -e "$deb_src_file" ] || [ -e "${deb_src_file%.sources}.list" ] || openmpi_source_listed; then
    return 1
  fi
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    log "adding $deb_src_file (a copy of debian.sources with Types: deb-src)"
    sed 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | as_root tee "$deb_src_file" >/dev/null
  elif grep -qsE '^deb[[:space:]]' /etc/apt/sources.list; then
    log "adding ${deb_src_file%.sources}.list (the deb lines of /etc/apt/sources.list as deb-src)"
    sed -n 's/^deb[[:space:]]/deb-src /p' /etc/apt/sources.list | as_root tee "${deb_src_file%.sources}.list" >/dev/null
  else
    die "no Debian archive in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list to take sources from"
  fi
}

missing=()
for package in "${RUNTIME_PACKAGES[@]}" dpkg-dev; do   # dpkg-dev: apt-get source unpacks with dpkg-source
  is_installed "$package" || missing+=("$package")
done
need_update=false
[ ${#missing[@]} -eq 0 ] || need_update=true
if add_deb_src; then need_update=true; fi
if $need_update; then
  log "apt-get update"
  apt_get update >/dev/null
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  apt_get install --no-install-recommends "${missing[@]}" >/dev/null
fi

source_version="$(dpkg-query -W -f='${source:Version}' "$LIBRARY_PACKAGE")"       # e.g. 4.1.4-3 (no +b1 binNMU)
upstream_version="$(dpkg-query -W -f='${source:Upstream-Version}' "$LIBRARY_PACKAGE")" # e.g. 4.1.4
[ "$upstream_version" = "$expected_version" ] \
  || die "installed Open MPI is $upstream_version ($LIBRARY_PACKAGE $source_version) but the build expects $expected_version (openmpi.version in pom.xml); the Java classes must match the JNI library: use Debian 12, or run this with HOURGLASS_OPENMPI_VERSION=$upstream_version and Maven with -Dopenmpi.version=$upstream_version"
jar_path="$(artifact_path "$upstream_version")"
if [ -f "$jar_path" ]; then
  log "$GROUP_ID:$ARTIFACT_ID:$upstream_version already installed"
  exit 0
fi

# Debian's source package for exactly the installed library: the JNI symbols must agree. Only the Java sources
# and the changelog's date are kept (the unpacked tree is ~130 MB).
source_dir="$CACHE/$source_version"
java_sources="$source_dir/java"
if [ ! -s "$source_dir/changelog-timestamp" ]; then
  if ! openmpi_source_listed "$source_version\$"; then
    log "apt-get update (no deb-src index lists openmpi $source_version yet)"
    apt_get update >/dev/null
  fi
  log "fetching Debian's source package openmpi=$source_version"
  rm -rf "$source_dir" && mkdir -p "$source_dir/unpacked"
  # As root, apt downloads unsandboxed into a directory its _apt user cannot write: a notice, not an error.
  (cd "$source_dir/unpacked" && apt-get -q -o APT::Sandbox::User=root source --only-source "openmpi=$source_version" >/dev/null) \
    || die "apt-get source openmpi=$source_version failed (is a deb-src entry for the Debian archive configured?)"
  tree="$source_dir/unpacked/openmpi-$upstream_version"
  [ -d "$tree/ompi/mpi/java/java" ] || die "Debian's openmpi $source_version source has no ompi/mpi/java/java"
  mv "$tree/ompi/mpi/java/java" "$java_sources"
  dpkg-parsechangelog -l "$tree/debian/changelog" -STimestamp >"$source_dir/changelog-timestamp"
  rm -rf "$source_dir/unpacked"
fi

build="$source_dir/build"
rm -rf "$build" && mkdir -p "$build/classes" "$build/sources/mpi"
log "compiling $(find "$java_sources" -maxdepth 1 -name '*.java' | wc -l) classes of Open MPI's Java bindings (javac --release 17)"
javac --release 17 -nowarn -Xlint:none -encoding UTF-8 -d "$build/classes" "$java_sources"/*.java 2>"$build/javac.log" \
  || { cat "$build/javac.log" >&2; die "javac failed on $java_sources"; }
cp "$java_sources"/*.java "$build/sources/mpi/"
# The changelog's date as every entry's timestamp: the same bytes wherever the same JDK builds it.
jar_date="$(date -u -d "@$(cat "$source_dir/changelog-timestamp")" +%Y-%m-%dT%H:%M:%SZ)"
jar --create --date="$jar_date" --file "$build/$ARTIFACT_ID.jar" -C "$build/classes" .
jar --create --date="$jar_date" --file "$build/$ARTIFACT_ID-sources.jar" -C "$build/sources" .

log "installing $GROUP_ID:$ARTIFACT_ID:$upstream_version into $M2_REPOSITORY"
repository_arg=()
[ -z "${HOURGLASS_M2_REPOSITORY:-}" ] || repository_arg=("-Dmaven.repo.local=$M2_REPOSITORY")
(cd "$ROOT" && mvnw -q -N "${repository_arg[@]}" org.apache.maven.plugins:maven-install-plugin:3.1.4:install-file \
  -Dfile="$build/$ARTIFACT_ID.jar" -Dsources="$build/$ARTIFACT_ID-sources.jar" \
  -DgroupId="$GROUP_ID" -DartifactId="$ARTIFACT_ID" -Dversion="$upstream_version" -Dpackaging=jar) \
  || die "mvn install:install-file of $build/$ARTIFACT_ID.jar failed"
log "Open MPI $source_version with $GROUP_ID:$ARTIFACT_ID:$upstream_version ready"
