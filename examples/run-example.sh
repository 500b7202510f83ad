#!/usr/bin/env bash
# Runs the example application both ways and fails unless every job ran; CI calls it after
# `mvn verify`, which builds examples/target/jobqueue-examples.jar and examples/target/lib/.
#
#   1. in one JVM: ExampleApp queues 8 jobs on the embedded SQLite queue and runs them itself;
#   2. with the command: ExampleApp submit queues them, `jobqueue job:work` runs them with the
#      examples jar on its --classpath, and `jobqueue queue:stats` shows nothing left or failed.
#
# Each part runs in a fresh temporary folder (the queue lives in its ./var/jobqueue.db), removed at
# the end. The command is the repository's ./jobqueue launcher; set JOBQUEUE to use another, e.g.
# JOBQUEUE="java -jar $PWD/jobqueue-cli/target/jobqueue.jar" (an absolute path: the script changes
# folders; word-split, so no spaces in it).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
root="$(dirname "$here")"
jar="$here/target/jobqueue-examples.jar"
lib="$here/target/lib"
read -r -a jobqueue <<< "${JOBQUEUE:-$root/jobqueue}"
jobs=8                 # what ExampleApp queues: 5 ResizeImageJobs and 3 deferred Notifier calls
limit_seconds=60       # no part may hang the CI job

fail() {
  echo "run-example.sh: FAILED: $*" >&2
  exit 1
}

# runs "$@" for at most $limit_seconds where coreutils' timeout exists
bounded() {
  if command -v timeout > /dev/null 2>&1; then
    timeout "$limit_seconds" "$@"
  else
    "$@"
  fi
}

# prints a file indented, for the log of a failure or a success
show() {
  sed 's/^/    /' "$1"
}

[ -f "$jar" ] && [ -d "$lib" ] || fail "$jar or $lib is missing; build them first: mvn -pl examples -am verify"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "1. ExampleApp, queue and worker in one JVM (folder $work/in-jvm)"
mkdir "$work/in-jvm"
cd "$work/in-jvm"
if ! bounded java -cp "$jar:$lib/*" io.jobqueue.examples.ExampleApp > app.out 2> app.err; then
  show app.out; show app.err
  fail "ExampleApp exited with an error"
fi
show app.out
grep -qx "All $jobs jobs ran." app.out || fail "ExampleApp did not say 'All $jobs jobs ran.'"
ran="$(grep -c '^ran ' app.out || true)"
[ "$ran" -eq "$jobs" ] || fail "ExampleApp printed $ran job lines, expected $jobs"

echo "2. ExampleApp submit, then jobqueue job:work --classpath $jar (folder $work/cli)"
mkdir "$work/cli"
cd "$work/cli"
# builds the command first if the checkout changed, outside the time limit of the run itself
"${jobqueue[@]}" --help > /dev/null || fail "the jobqueue command (${jobqueue[*]}) does not run"
if ! bounded java -cp "$jar:$lib/*" io.jobqueue.examples.ExampleApp submit > submit.out 2> submit.err; then
  show submit.out; show submit.err
  fail "ExampleApp submit exited with an error"
fi
show submit.out
if ! bounded "${jobqueue[@]}" job:work default --classpath "$jar" --limit "$jobs" --exit-after 30 > work.out 2> work.err; then
  show work.out; show work.err
  fail "jobqueue job:work exited with an error"
fi
show work.out
ran="$(grep -c '^ran ' work.out || true)"
[ "$ran" -eq "$jobs" ] || { show work.err; fail "jobqueue job:work ran $ran jobs, expected $jobs"; }
"${jobqueue[@]}" queue:stats default --json > stats.json || fail "jobqueue queue:stats failed"
for count in ready delayed reserved failed; do
  grep -Eq "\"$count\" *: *0[,}]?\$" stats.json || { show stats.json; fail "queue default is not empty after job:work ($count)"; }
done

echo "run-example.sh: all $jobs jobs ran in one JVM, and all $jobs ran with jobqueue job:work"
