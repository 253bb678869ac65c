#!/usr/bin/env bash
# Quality on the textbook instance (issue #14, BENCHMARKS.md): for each seed, draws the instance
# (org.mosaic.bench.TextbookInstance, mean_within 1), forms the classes with `mosaic sections` and with the PuLP+CBC
# peer model (Mosaic's objective, and the course's own), and checks each class list with textbook_check.py, which
# shares no code with either solver: hard rules broken, the largest class-vs-grade Kolmogorov-Smirnov statistic, and
# the spread of the class SDs (largest minus smallest). One row per seed and solver, then the medians.
# Usage: scripts/bench/textbook-quality.sh [SEEDS] [SCALE] [MOSAIC_TIME_LIMIT] [CBC_TIME_LIMIT]
#        (defaults: "1 2 3 4 5 6 7 8 9 10", 1, 20, 600)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seeds="${1:-1 2 3 4 5 6 7 8 9 10}"
scale="${2:-1}"
mosaic_limit="${3:-20}"
cbc_limit="${4:-600}"
py=/usr/bin/python3
work="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/textbook-quality.XXXXXX")}"
mkdir -p "$work"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); work in $work"
printf '%-5s %-16s %6s %7s %9s %8s %8s  %s\n' seed solver broken ks_max sd_spread wall_s cpu_s status
rows="$work/rows.tsv"
: >"$rows"
timed() {  # out_time_file command...
  local t="$1"
  shift
  /usr/bin/time -f '%e %U %S' -o "$t" "$@"
}
for seed in $seeds; do
  d="$work/s$seed"
  java -cp "$here/target/test-classes:$here/target/mosaic.jar" org.mosaic.bench.TextbookInstance "$seed" "$scale" \
    "$d" >/dev/null
  for solver in mosaic cbc-mosaic cbc-textbook; do
    o="$d/$solver"
    case "$solver" in
      mosaic) timed "$d/$solver.time" java -jar "$here/target/mosaic.jar" sections --data "$d" --school textbook \
                --grade 7 --subject math --config "$d/sections.yaml" --time-limit "$mosaic_limit" --seed "$seed" \
                --out "$o" --json >"$d/$solver.log" 2>&1 || true
              status="$(grep -o '"status" *: *"[A-Z_]*"' "$d/$solver.log" | head -1 | sed 's/.*"\([A-Z_]*\)"$/\1/')" ;;
      cbc-*) timed "$d/$solver.time" "$py" "$here/scripts/bench/textbook_pulp.py" --data "$d" --school textbook \
                --grade 7 --subject math --config "$d/sections.yaml" --objective "${solver#cbc-}" \
                --time-limit "$cbc_limit" --out "$o" >"$d/$solver.log" 2>&1 || true
             status="$(head -c 60 "$d/$solver.log" | head -1)" ;;
    esac
    read -r wall user sys <"$d/$solver.time"
    cpu="$(echo "$user + $sys" | bc)"
    if [ -f "$o/placements.csv" ]; then
      check="$("$py" "$here/scripts/bench/textbook_check.py" --data "$d" --config "$d/sections.yaml" \
        --placements "$o/placements.csv" || true)"
      broken="$(echo "$check" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["hard_rules_broken"])')"
      ks="$(echo "$check" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["ks_max"])')"
      spread="$(echo "$check" | "$py" -c 'import json,sys; print(json.load(sys.stdin)["sd_spread"])')"
    else
      broken=na ks=na spread=na
    fi
    printf '%-5s %-16s %6s %7s %9s %8s %8s  %s\n' "$seed" "$solver" "$broken" "$ks" "$spread" "$wall" "$cpu" "$status"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$seed" "$solver" "$broken" "$ks" "$spread" "$wall" "$cpu" >>"$rows"
  done
done
"$py" - "$rows" <<'EOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
for solver in ("mosaic", "cbc-mosaic", "cbc-textbook"):
    r = [x for x in rows if x[1] == solver and x[3] != "na"]
    if not r:
        continue
    ok = sum(1 for x in r if x[2] == "0")
    print("%-13s rules held %d/%d; ks_max median %.4f, max %.4f; sd_spread median %.2f, max %.2f; "
          "wall median %.2f s, cpu median %.2f s" % (
              solver, ok, len(r), statistics.median(float(x[3]) for x in r), max(float(x[3]) for x in r),
              statistics.median(float(x[4]) for x in r), max(float(x[4]) for x in r),
              statistics.median(float(x[5]) for x in r), statistics.median(float(x[6]) for x in r)))
EOF
