#!/usr/bin/env bash
# CI: one small `jobqueue chaos` cell per engine (docs/reliability.md): worker processes SIGKILLed
# every 2 s while they work a few thousand jobs, and the private server restarted where the run
# starts one itself (Redis, beanstalkd, PostgreSQL, MariaDB). Each cell must lose nothing, never let
# two workers hold one message at once, and explain every duplicate run; the script exits non-zero on
# the first cell that does not. A missing engine (no initdb, no mariadb-install-db, no redis-server or
# beanstalkd) is skipped with a line, or fails with JOBQUEUE_REQUIRE_SERVICES=1.
# Takes about a minute and a half on 2 cores. Usage: .ci/chaos-cells.sh [jobs per cell, default 5000];
# $JOBQUEUE_COMMAND runs the command instead of the checkout's ./jobqueue launcher.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
jobs="${1:-5000}"
command="${JOBQUEUE_COMMAND:-$root/jobqueue}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

have() { command -v "$1" >/dev/null 2>&1; }
have_initdb() { have initdb || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }

skip() {
  if [ "${JOBQUEUE_REQUIRE_SERVICES:-}" = "1" ]; then
    echo "chaos-cells: $1 is required (JOBQUEUE_REQUIRE_SERVICES=1) but $2" >&2
    exit 1
  fi
  echo "chaos-cells: skipping $1: $2"
}

cell() {
  local engine=$1
  shift
  echo "chaos-cells: $engine: $jobs jobs, 3 workers, a kill every 2 s $*"
  local started=$SECONDS
  if ! (cd "$work" && $command chaos --engine "$engine" --jobs "$jobs" --workers 3 --kill-every 2s \
      --timeout 90s --seed 42 "$@"); then
    echo "chaos-cells: the $engine cell FAILED (exit code above; records kept in the folder it named)" >&2
    exit 1
  fi
  echo "chaos-cells: $engine passed in $((SECONDS - started)) s"
  echo
}

cell sqlite
if have_initdb; then cell postgres --restart-server --restart-every 8s; else skip postgres "initdb was not found"; fi
if have redis-server; then cell redis --restart-server --restart-every 8s; else skip redis "redis-server is not on the PATH"; fi
if have beanstalkd; then cell beanstalkd --restart-server --restart-every 8s; else skip beanstalkd "beanstalkd is not on the PATH"; fi
if have mariadb-install-db; then cell mariadb --restart-server --restart-every 8s; else skip mariadb "mariadb-install-db is not on the PATH"; fi
echo "chaos-cells: every cell passed"
