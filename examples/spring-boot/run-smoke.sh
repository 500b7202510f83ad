#!/usr/bin/env bash
# Runs the Spring Boot example as a user would (java -jar) and fails unless an order placed over
# HTTP is mailed by the worker inside the application, exactly once, and the application then
# stops gracefully on SIGTERM. CI calls it after the build, which makes
# examples/spring-boot/target/jobqueue-spring-boot-example.jar.
#
#   1. on SQLite (the default profile), in a fresh temporary folder: the database is its ./var/shop.db;
#   2. on PostgreSQL (profile postgres, 127.0.0.1:5432, database test, user postgres) when it is
#      reachable; skipped when it is not, unless JOBQUEUE_REQUIRE_SERVICES=1 (then that fails).
#
# Each run: start, wait for /actuator/health, POST /orders, wait for GET /orders/{id} to say mailed,
# check the mail was logged once, place a burst of orders at once (requests and the worker writing
# together) and wait for all their mails, then SIGTERM and wait for a graceful stop. Every wait is
# bounded; on a failure the application's log tail is printed and the exit code is 1.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
jar="$here/target/jobqueue-spring-boot-example.jar"
start_seconds=60   # until the application answers HTTP
mail_seconds=30    # until an order is mailed
stop_seconds=45    # from SIGTERM to exit: the worker's grace period (30 s) and some
burst=20           # orders placed at once

work="$(mktemp -d)"
app_pid=""
app_log=""
run_name=""

cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2> /dev/null; then
    kill -KILL "$app_pid" 2> /dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step() {
  echo "run-smoke.sh: $run_name: $*"
}

fail() {
  echo "run-smoke.sh: $run_name: FAILED: $*" >&2
  if [ -n "$app_log" ] && [ -f "$app_log" ]; then
    echo "run-smoke.sh: the last 60 lines of $app_log:" >&2
    tail -n 60 "$app_log" | sed 's/^/    /' >&2
    echo "run-smoke.sh: $run_name: FAILED: $*" >&2
  fi
  exit 1
}

port_open() {
  (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null
}

free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 40000))
    port_open "$port" || { echo "$port"; return 0; }
  done
  return 1
}

# curl with a time limit; prints the body, fails on an HTTP error
http() {
  curl -sS --fail --max-time 10 "$@"
}

# places an order; prints its id
place_order() {
  local body
  body="$(http -H 'Content-Type: application/json' -d "{\"customer\": \"$1\", \"email\": \"$2\"}" \
    "http://127.0.0.1:$port/orders")" || return 1
  sed -nE 's/.*"id" *: *([0-9]+).*/\1/p' <<< "$body"
}

mailed() {
  http "http://127.0.0.1:$port/orders/$1" 2> /dev/null | grep -Eq '"mailed" *: *true'
}

# the number of log lines saying order $1 was mailed
mail_lines() {
  grep -c "Mailed the confirmation of order $1 to " "$app_log" || true
}

# smoke NAME [ARGUMENT...]: one run of the application with those arguments
smoke() {
  run_name="$1"
  shift
  local dir="$work/$run_name"
  mkdir -p "$dir"
  app_log="$dir/app.log"
  port="$(free_port)" || fail "found no free port"

  cd "$dir"
  java -jar "$jar" --server.port="$port" "$@" > "$app_log" 2>&1 &
  app_pid=$!
  local started=$SECONDS code=000
  while [ $((SECONDS - started)) -lt "$start_seconds" ]; do
    kill -0 "$app_pid" 2> /dev/null || fail "the application exited while starting"
    code="$(curl -s -o "$dir/health.json" -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/actuator/health" || true)"
    [ "$code" != 000 ] && break
    sleep 1
  done
  [ "$code" != 000 ] || fail "the application did not answer on port $port within $start_seconds s"
  local health
  health="$(sed -nE 's/.*"status" *: *"([A-Z_]+)" *\} *$/\1/p' "$dir/health.json")"
  grep -q '"jobqueue"' "$dir/health.json" && health="$health, with component jobqueue"
  step "1. started in $dir on port $port in $((SECONDS - started)) s; /actuator/health: HTTP $code ${health:-?}"

  local id
  id="$(place_order Ada ada@example.com)" || fail "POST /orders failed"
  [ -n "$id" ] || fail "POST /orders returned no order id"
  step "2. POST /orders placed order $id"

  started=$SECONDS
  until mailed "$id"; do
    [ $((SECONDS - started)) -lt "$mail_seconds" ] || fail "order $id was not mailed within $mail_seconds s"
    sleep 0.5
  done
  step "3. GET /orders/$id says mailed after $((SECONDS - started)) s: $(http "http://127.0.0.1:$port/orders/$id")"

  sleep 1 # a second delivery of the same job would log by now
  [ "$(mail_lines "$id")" -eq 1 ] || fail "the log shows the mail of order $id $(mail_lines "$id") times, expected once"
  step "4. the log shows the mail once: $(grep "Mailed the confirmation of order $id " "$app_log" | sed -E 's/^.*(Mailed the)/\1/')"

  local ids=() pids=() i
  for i in $(seq 1 "$burst"); do
    place_order "customer $i" "c$i@example.com" > "$dir/burst-$i" &
    pids+=($!)
  done
  for i in $(seq 1 "$burst"); do
    wait "${pids[$((i - 1))]}" || fail "POST /orders $i of the burst of $burst failed"
    ids+=("$(cat "$dir/burst-$i")")
  done
  started=$SECONDS
  for id in "${ids[@]}"; do
    until mailed "$id"; do
      [ $((SECONDS - started)) -lt "$mail_seconds" ] || fail "order $id of the burst was not mailed within $mail_seconds s"
      sleep 0.5
    done
    [ "$(mail_lines "$id")" -eq 1 ] || fail "the log shows the mail of order $id $(mail_lines "$id") times, expected once"
  done
  if grep -Eq 'SQLITE_BUSY|database is locked' "$app_log"; then
    fail "the log shows SQLite lock errors"
  fi
  local sorted
  sorted="$(printf '%s\n' "${ids[@]}" | sort -n | sed -n '1p;$p' | paste -sd ' ')"
  step "5. a burst of $burst orders placed at once (orders ${sorted% *} to ${sorted#* }), all mailed once within $((SECONDS - started)) s"

  kill -TERM "$app_pid"
  started=$SECONDS
  while kill -0 "$app_pid" 2> /dev/null; do
    [ $((SECONDS - started)) -lt "$stop_seconds" ] || fail "the application did not stop within $stop_seconds s of SIGTERM"
    sleep 0.5
  done
  local status=0
  wait "$app_pid" || status=$?
  app_pid=""
  # The JVM ends with 128 + 15 after SIGTERM once its shutdown hooks (Spring's graceful close) ran.
  [ "$status" -eq 0 ] || [ "$status" -eq 143 ] || fail "the application exited with status $status after SIGTERM"
  grep -q "Graceful shutdown complete" "$app_log" || fail "the log does not show the web server's graceful shutdown"
  local worker_stop
  worker_stop="$(grep -Eo '[Ww]orker [^ ]+ stopped.*' "$app_log" | head -n 1 | cut -c 1-120)"
  [ -n "$worker_stop" ] || fail "the log does not show the worker stopping"
  # any error, and the warnings of JobQueue and the shop (a busy machine may make others warn)
  if grep -E ' ERROR [0-9]+ | WARN [0-9]+ --- .*\] (i\.j\.|io\.jobqueue\.|c\.e\.|com\.example\.)' "$app_log" \
    > "$dir/problems.log"; then
    fail "the log shows warnings or errors: $(head -n 3 "$dir/problems.log")"
  fi
  step "6. SIGTERM: stopped in $((SECONDS - started)) s with status $status; web server: Graceful shutdown complete; $worker_stop"
  cd "$here"
}

run_name=setup
[ -f "$jar" ] || fail "$jar is missing; build it first: mvn -f examples/spring-boot/pom.xml package"
command -v curl > /dev/null || fail "curl is missing"

smoke sqlite

if port_open 5432; then
  smoke postgres --spring.profiles.active=postgres
elif [ "${JOBQUEUE_REQUIRE_SERVICES:-}" = 1 ]; then
  run_name=postgres
  fail "PostgreSQL is not reachable on 127.0.0.1:5432 (JOBQUEUE_REQUIRE_SERVICES=1)"
else
  run_name=postgres
  step "skipped: PostgreSQL is not reachable on 127.0.0.1:5432"
fi

echo "run-smoke.sh: the Spring Boot example placed and mailed every order, and stopped gracefully"
