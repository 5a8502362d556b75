#!/usr/bin/env bash
cd "$(dirname "$0")/../../.."  # the repository root
# What durable commits cost the submission benchmark: durable, not durable, durable again (docs/operations.md).
pg() { psql -h 127.0.0.1 -U postgres -d test -Atc "$1"; }
restore() { pg "ALTER SYSTEM RESET fsync" ; pg "ALTER SYSTEM RESET synchronous_commit"; pg "ALTER SYSTEM RESET full_page_writes"; pg "SELECT pg_reload_conf()"; }
trap restore EXIT
run() { echo "== $1: fsync=$(pg 'show fsync') synchronous_commit=$(pg 'show synchronous_commit') full_page_writes=$(pg 'show full_page_writes') load=$(cut -d' ' -f1-3 /proc/loadavg)"; ./hourglass bench submissions --out /tmp/sub-$1 2>&1 | grep -E "^\s*[0-9]+ +[0-9]+" ; }
run durable-1
pg "ALTER SYSTEM SET fsync = off"; pg "ALTER SYSTEM SET synchronous_commit = off"; pg "ALTER SYSTEM SET full_page_writes = off"; pg "SELECT pg_reload_conf()" >/dev/null
run not-durable
restore >/dev/null
run durable-2
