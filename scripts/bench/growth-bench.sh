#!/usr/bin/env bash
# The growth benchmarks of BENCHMARKS.md ("growth"), in one command: SGP against R quantreg ("br", the SGP package's
# method) on the same cohorts, and `growth sgp` / `growth vam` on the 1,000,000-student district, each with CPU
# (user + sys), wall and peak RSS from /usr/bin/time -v and the load average, one row per run in WORK/results.tsv.
#
#   scripts/bench/growth-bench.sh [--base OLD.jar] [--work DIR] [--skip-1m] [--runs N]
#
# --base: a jar built from an earlier commit (e.g. main's), run side by side with target/mosaic.jar; their output
# files are then compared byte for byte (sgp.csv, sgp_summary.csv, sgp_excluded.csv, vam.csv, components.json).
# The districts (91,000 and 1,000,000 students, seed 1) are generated once into WORK and reused.
# Needs: java, Rscript with quantreg (Debian: r-base-core r-cran-quantreg), GNU time (/usr/bin/time).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar="$here/target/mosaic.jar"
base=""
work="/tmp/growth-bench"
skip1m=0
runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --base) base="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --skip-1m) skip1m=1; shift ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || (cd "$here" && mvn -q -B -DskipTests package)
mkdir -p "$work"
results="$work/results.tsv"
[ -f "$results" ] || printf 'when\tlabel\tcpu_s\tuser_s\tsys_s\twall\tpeak_rss_mb\tload_before\texit\n' > "$results"

# measure LABEL CMD...: one timed run, appended to results.tsv and echoed
measure() {
  local label="$1"; shift
  local log="$work/time-$(echo "$label" | tr -c 'A-Za-z0-9_-' '_').log"
  local load; load="$(cut -d' ' -f1-3 /proc/loadavg)"
  local code=0
  /usr/bin/time -v "$@" > "$log" 2>&1 || code=$?
  local user sys wall rss
  user=$(grep 'User time' "$log" | awk '{print $NF}')
  sys=$(grep 'System time' "$log" | awk '{print $NF}')
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident' "$log" | awk '{printf "%.0f", $NF / 1024}')
  local cpu; cpu=$(echo "$user + $sys" | bc)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$label" "$cpu" "$user" "$sys" "$wall" "$rss" \
    "$load" "$code" | tee -a "$results"
}

same() { # same DIR_A DIR_B FILES...: byte-for-byte comparison of two runs' outputs
  local a="$1" b="$2"; shift 2
  for f in "$@"; do
    if cmp -s "$a/$f" "$b/$f"; then echo "identical: $f"; else echo "DIFFERENT: $f ($a vs $b)"; fi
  done
}

d91k="$work/d91k"
[ -f "$d91k/enrollments.csv" ] || java -jar "$jar" generate --seed 1 --students 91000 --out "$d91k" --quiet
wide="$work/wide6.csv"
[ -f "$wide" ] || Rscript "$here/scripts/r/wide-from-dataset.R" "$d91k" math 2026 3 8 "$wide"

echo "== SGP, 6 grades x ~7,000 students, orders 1 and 2, whole command: R quantreg br, then Mosaic, back to back"
for r in $(seq 1 "$runs"); do
  measure "R quantreg br (wide6, orders 1-2)" Rscript "$here/scripts/r/sgp-bench.R" "$wide" 2026 2 br "$work/r-br.csv"
  measure "mosaic growth sgp (wide6, orders 1-2)" java -jar "$jar" growth sgp --wide "$wide" --subject math \
    --year 2026 --max-order 2 --out "$work/wide-new" --quiet
  if [ -n "$base" ]; then
    measure "base growth sgp (wide6, orders 1-2)" java -jar "$base" growth sgp --wide "$wide" --subject math \
      --year 2026 --max-order 2 --out "$work/wide-base" --quiet
  fi
done
[ -z "$base" ] || same "$work/wide-base" "$work/wide-new" sgp.csv sgp_summary.csv sgp_excluded.csv

if [ "$skip1m" = 0 ]; then
  d1m="$work/d1m"
  [ -f "$d1m/enrollments.csv" ] || measure "generate 1,000,000 students" java -jar "$jar" generate --seed 1 \
    --students 1000000 --out "$d1m" --quiet
  echo "== 1,000,000 students: growth vam, growth sgp (math 2026)"
  measure "mosaic growth vam (1M)" java -jar "$jar" growth vam --data "$d1m" --subject math --year 2026 \
    --out "$work/vam1m-new"
  [ -z "$base" ] || measure "base growth vam (1M)" java -jar "$base" growth vam --data "$d1m" --subject math \
    --year 2026 --out "$work/vam1m-base"
  [ -z "$base" ] || same "$work/vam1m-base" "$work/vam1m-new" vam.csv components.json
  # as the README runs it: the launcher adds the start-up archive and the throughput collector for growth
  measure "./mosaic growth vam (1M)" "$here/mosaic" growth vam --data "$d1m" --subject math --year 2026 \
    --out "$work/vam1m-launcher"
  same "$work/vam1m-new" "$work/vam1m-launcher" vam.csv components.json
  measure "mosaic growth sgp (1M)" java -jar "$jar" growth sgp --data "$d1m" --subject math --year 2026 \
    --out "$work/sgp1m-new" --quiet
  [ -z "$base" ] || measure "base growth sgp (1M)" java -jar "$base" growth sgp --data "$d1m" --subject math \
    --year 2026 --out "$work/sgp1m-base" --quiet
  [ -z "$base" ] || same "$work/sgp1m-base" "$work/sgp1m-new" sgp.csv sgp_summary.csv sgp_excluded.csv \
    enrollment_gaps.csv
fi
echo "results: $results"
