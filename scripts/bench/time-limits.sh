#!/usr/bin/env bash
# Whether `sections --time-limit` is honoured (issue #19): runs the whole command at limits 0.01, 0.1, 1 and 5 s and
# dials 0, 0.5 and 1 on a grade of the sample district, and the 750-student grade of the 3,000-student high school
# (org.mosaic.bench.SectionsHighSchool), each under /usr/bin/time, with the solver's phase log
# (-Dmosaic.solverLog=true: process CPU time at each phase). Prints one row per run: wall and CPU (user + sys)
# seconds, the process CPU seconds when the solve started and at its last logged phase (so start-up, the solve and
# the output can be told apart), the solve's own CPU and wall seconds (from "solve starts" to the last phase: the
# figure `--time-limit` must bound), and the status line. Record the load average with the figures: on a shared machine
# CPU time is the comparable one. Each run's full phase log is kept in LOG_DIR (default: a temporary folder).
# Usage: scripts/bench/time-limits.sh DISTRICT_DIR [LIMITS] [DIALS] [LOG_DIR]  (DISTRICT_DIR: mosaic generate --seed 1)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
district="${1:?usage: time-limits.sh DISTRICT_DIR [LIMITS] [DIALS]}"
limits="${2:-0.01 0.1 1 5}"
dials="${3:-0 0.5 1}"
jar="$here/target/mosaic.jar"
cp="$here/target/test-classes:$jar"
work="${4:-$(mktemp -d "${TMPDIR:-/tmp}/time-limits.XXXXXX")}"
mkdir -p "$work"
echo "logs in $work"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-11s %4s %5s %7s %6s %8s %8s %9s %9s  %s\n' instance dial limit wall_s cpu_s solve_at last_at \
  solve_cpu solve_wall result
run() {  # instance dial limit command...
  local name="$1" dial="$2" limit="$3"
  shift 3
  local log="$work/$name-$dial-$limit"
  /usr/bin/time -f '%e %U %S' -o "$log.time" "$@" >"$log.out" 2>"$log.err" || true
  read -r wall user sys < <(tail -1 "$log.time")
  local cpu status phases first last
  cpu="$(echo "$user + $sys" | bc)"
  status="$(grep -m1 -E '^(dial|750 students)' "$log.out" | cut -c1-90 || true)"
  # Phase lines: "[cpu C s, wall W s] ..." (process CPU time, and wall time since the JVM started); a progress bar
  # may share a line with them.
  phases="$(tr '\r' '\n' <"$log.err" | grep -o '\[cpu [0-9.]* s, wall [0-9.]* s\] .*' || true)"
  first="$(echo "$phases" | grep -m1 'solve starts' | sed 's/^\[cpu \([0-9.]*\) s, wall \([0-9.]*\) s\].*/\1 \2/')"
  last="$(echo "$phases" | tail -1 | sed 's/^\[cpu \([0-9.]*\) s, wall \([0-9.]*\) s\].*/\1 \2/')"
  read -r c0 w0 <<<"${first:-0 0}"
  read -r c1 w1 <<<"${last:-0 0}"
  printf '%-11s %4s %5s %7s %6s %8s %8s %9s %9s  %s\n' "$name" "$dial" "$limit" "$wall" "$cpu" "$c0" "$c1" \
    "$(echo "$c1 - $c0" | bc)" "$(echo "$w1 - $w0" | bc)" "$status"
}
for limit in $limits; do
  for dial in $dials; do
    run district "$dial" "$limit" java -Dmosaic.solverLog=true -jar "$jar" sections --data "$district" --school M01 \
      --grade 6 --subject math --tracking "$dial" --time-limit "$limit" --out "$work/o"
    run highschool "$dial" "$limit" java -Dmosaic.solverLog=true -Xmx4g -cp "$cp" org.mosaic.bench.SectionsHighSchool \
      "$dial" "$limit" 1 all
  done
done
