#!/usr/bin/env bash
# The whole-command race on the textbook instance (issue #14, BENCHMARKS.md): `./mosaic sections` against
# `python3 textbook_pulp.py` (PuLP + CBC, the same rules and Mosaic's objective), alternating, RUNS times each, each
# run under /usr/bin/time; prints every run and the medians of wall and CPU (user + sys, children included: CBC runs
# as PuLP's child process) and the ratios Mosaic / CBC. The instance is drawn first (TextbookInstance SEED SCALE).
# Usage: scripts/bench/textbook-bench.sh [SCALE] [RUNS] [SEED] [CBC_OBJECTIVE] [CBC_TIME_LIMIT]
#        (defaults: 1, 5, 1, mosaic, 3600; CBC_OBJECTIVE textbook is the course's own objective)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
scale="${1:-1}"
runs="${2:-5}"
seed="${3:-1}"
objective="${4:-mosaic}"
cbc_limit="${5:-3600}"
work="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/textbook-bench.XXXXXX")}"
mkdir -p "$work"
d="$work/instance"
java -cp "$here/target/test-classes:$here/target/mosaic.jar" org.mosaic.bench.TextbookInstance "$seed" "$scale" "$d"
# One run of each first: builds the launcher's start-up archive and unpacks the natives, as any first run does.
"$here/mosaic" sections --data "$d" --school textbook --grade 7 --subject math --config "$d/sections.yaml" \
  --out "$work/warm" --json >/dev/null 2>&1
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
rows="$work/rows.tsv"
: >"$rows"
for i in $(seq 1 "$runs"); do
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" "$here/mosaic" sections --data "$d" --school textbook --grade 7 \
    --subject math --config "$d/sections.yaml" --out "$work/mosaic-$i" --json >"$work/mosaic-$i.log" 2>&1
  read -r wall user sys rss <"$work/t"
  status="$(grep -o '"status" *: *"[A-Z_]*"' "$work/mosaic-$i.log" | head -1 | sed 's/.*"\([A-Z_]*\)"$/\1/')"
  printf 'mosaic\t%s\t%s\t%s\t%s\n' "$wall" "$(echo "$user + $sys" | bc)" "$rss" "$status" | tee -a "$rows"
  /usr/bin/time -f '%e %U %S %M' -o "$work/t" /usr/bin/python3 "$here/scripts/bench/textbook_pulp.py" --data "$d" \
    --school textbook --grade 7 --subject math --config "$d/sections.yaml" --objective "$objective" \
    --time-limit "$cbc_limit" --out "$work/cbc-$i" >"$work/cbc-$i.log" 2>&1 || true
  read -r wall user sys rss <"$work/t"
  printf 'cbc\t%s\t%s\t%s\t%s\n' "$wall" "$(echo "$user + $sys" | bc)" "$rss" "$(cut -c1-40 "$work/cbc-$i.log")" \
    | tee -a "$rows"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 - "$rows" <<'EOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
med = {}
for who in ("mosaic", "cbc"):
    r = [x for x in rows if x[0] == who]
    med[who] = (statistics.median(float(x[1]) for x in r), statistics.median(float(x[2]) for x in r),
                statistics.median(float(x[3]) / 1024 for x in r))
    print("%-6s median wall %.2f s, CPU %.2f s, peak %.0f MiB (%d runs)" % ((who,) + med[who] + (len(r),)))
print("ratio mosaic/cbc: wall %.2f, CPU %.2f" % (med["mosaic"][0] / med["cbc"][0], med["mosaic"][1] / med["cbc"][1]))
EOF
