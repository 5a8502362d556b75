#!/usr/bin/env bash
# Installs Redocly's OpenAPI linter (a pinned @redocly/cli, from the npm registry) under build-artifacts/tools, for the
# test that lints the API's contract (api-client's ContractLintTest). Needs Node.js and npm: Debian's when absent.
# Idempotent: once the pinned version is there, a run only checks it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

VERSION=2.77.0   # one self-contained package; needs Node.js 20.19+ or 22.12+
PREFIX="$ROOT/build-artifacts/tools/redocly"
BIN="$PREFIX/node_modules/.bin/redocly"

if [ -x "$BIN" ] && [ "$("$BIN" --version 2>/dev/null | tail -1)" = "$VERSION" ]; then
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  log "installing Node.js and npm for the OpenAPI linter"
  apt_get update >/dev/null
  apt_get install nodejs npm >/dev/null || die "apt-get install nodejs npm failed"
fi
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
[ "$node_major" -ge 20 ] || die "the OpenAPI linter needs Node.js 20.19 or newer; this machine has $(node --version 2>/dev/null || echo none)"
log "installing @redocly/cli $VERSION (the OpenAPI linter) into $PREFIX"
mkdir -p "$PREFIX"
npm install --prefix "$PREFIX" --no-audit --no-fund --loglevel=error "@redocly/cli@$VERSION" >/dev/null \
  || die "npm install @redocly/cli@$VERSION failed"
[ -x "$BIN" ] || die "npm installed @redocly/cli but $BIN is missing"
log "Redocly CLI $VERSION ready"
