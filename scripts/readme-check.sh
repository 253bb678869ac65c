#!/usr/bin/env bash
# Runs the README's commands as a new user would, in a fresh copy of the repository, and fails when one of them
# fails or prints figures other than those the README shows.
#
# What runs (everything else in README.md is prose):
#   - in a ``` block, each line starting with "$ ./mosaic" (continued by lines ending in "\") is a command; the lines
#     after it, up to the next "$ " line or the block's end, are what the README says it prints;
#   - a ``` block right after <!-- readme-check: script --> runs as one shell script (the copyable workflow).
# What is checked:
#   - every command must exit 0, or the code given by <!-- readme-check: exit N --> before its block;
#   - <!-- readme-check: lines 1,2,5-7 --> before a block marks those output lines (numbered through the block, "$ "
#     lines not counted) as exact: each must be a line the command printed (trailing blanks and the seconds of a
#     timing such as "in 1.9 s" aside). Unmarked lines are illustration (abridged tables, timings, solver gaps).
# Usage: scripts/readme-check.sh [--keep] [--show]   (--keep leaves the copy, --show prints every command's output)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
keep=0
show=0
for a in "$@"; do
  case "$a" in
    --keep) keep=1 ;;
    --show) show=1 ;;
    *) echo "usage: scripts/readme-check.sh [--keep] [--show]" >&2; exit 2 ;;
  esac
done

copy="$(mktemp -d "${TMPDIR:-/tmp}/mosaic-readme.XXXXXX")"
cleanup() { if [ "$keep" = 0 ]; then rm -rf "$copy"; else echo "readme-check: copy kept in $copy" >&2; fi; }
trap cleanup EXIT

# A fresh clone's files: what git tracks plus what is staged or new and not ignored (a change under test counts).
(cd "$here" && git ls-files -z --cached --others --exclude-standard) | (cd "$here" && xargs -0 cp --parents -t "$copy" 2>/dev/null) || true
if [ -f "$here/target/mosaic.jar" ]; then
  # The built jar spares the copy a Maven build; the launcher rebuilds it only if a source is newer.
  mkdir -p "$copy/target" && cp "$here/target/mosaic.jar" "$copy/target/mosaic.jar" && touch "$copy/target/mosaic.jar"
fi

# README.md -> numbered steps: steps/N.cmd (the command), N.exp (shown output), N.mode (run|script), N.exit, N.lines
steps="$copy/.readme-steps"
mkdir -p "$steps"
awk -v dir="$steps" '
  function flush_cmd() { if (cmd != "") { print cmd > (dir "/" n ".cmd"); close(dir "/" n ".cmd"); cmd = "" } }
  function start(kind) { n++; printf "%s", kind > (dir "/" n ".mode"); close(dir "/" n ".mode");
                         printf "%s", want_exit > (dir "/" n ".exit"); close(dir "/" n ".exit");
                         printf "" > (dir "/" n ".exp"); close(dir "/" n ".exp"); printf "" > (dir "/" n ".lines") }
  BEGIN { n = 0; inblock = 0; cont = 0; cmd = ""; want_exit = 0; lines = ""; script = 0 }
  /^<!-- readme-check: exit [0-9]+ -->/ { want_exit = $4; next }
  /^<!-- readme-check: lines [0-9,-]+ -->/ { lines = $4; next }
  /^<!-- readme-check: script -->/ { script = 1; next }
  /^```/ {
    if (!inblock) { inblock = 1; out = 0; if (script) { start("script"); cmd = "" } ; next }
    if (script) { flush_cmd(); script = 0 } else { flush_cmd() }
    inblock = 0; want_exit = 0; lines = ""; next
  }
  inblock && script { cmd = cmd $0 "\n"; next }
  inblock && cont { cmd = cmd "\n" $0; cont = ($0 ~ /\\$/); next }
  inblock && /^\$ \.\/mosaic / {
    flush_cmd(); start("run"); cmd = substr($0, 3); cont = ($0 ~ /\\$/); next
  }
  inblock && /^\$ / { flush_cmd(); skipping = 1; next }
  inblock && n > 0 && cmd != "" {
    out++
    if (lines != "") {
      split(lines, parts, ",")
      for (i in parts) {
        split(parts[i], r, "-"); lo = r[1]; hi = (r[2] == "" ? r[1] : r[2])
        if (out >= lo && out <= hi) { print $0 >> (dir "/" n ".exp"); close(dir "/" n ".exp") }
      }
    }
  }
' "$here/README.md"

count="$(ls "$steps"/*.mode 2>/dev/null | wc -l)"
if [ "$count" = 0 ]; then
  echo "readme-check: README.md has no \$ ./mosaic commands" >&2
  exit 1
fi

# An expected line as an anchored extended regex: literal text, except that a timing's seconds may differ.
to_regex() {
  sed -e 's/[[:space:]]*$//' -e 's/[][\.*^$+?(){}|/]/\\&/g' \
      -e 's/[0-9][0-9]*\\\.[0-9][0-9]* s\([^a-z]\|$\)/[0-9]+(\\.[0-9]+)? s\1/g' -e 's/^/^/' -e 's/$/$/'
}

failed=0
for i in $(seq 1 "$count"); do
  mode="$(cat "$steps/$i.mode")"
  want="$(cat "$steps/$i.exit")"
  shown="$(head -c 120 "$steps/$i.cmd" | head -1)"
  echo "readme-check [$i/$count] $shown" >&2
  set +e
  if [ "$mode" = script ]; then
    (cd "$copy" && bash -euo pipefail "$steps/$i.cmd") >"$steps/$i.out" 2>&1
  else
    (cd "$copy" && bash -c "$(cat "$steps/$i.cmd")") >"$steps/$i.out" 2>&1
  fi
  code=$?
  set -e
  if [ "$show" = 1 ]; then sed 's/^/    | /' "$steps/$i.out" >&2; fi
  if [ "$code" != "$want" ]; then
    echo "  FAILED: exit $code, the README shows exit $want; output:" >&2
    tail -20 "$steps/$i.out" | sed 's/^/    /' >&2
    failed=$((failed + 1))
    continue
  fi
  sed -e 's/[[:space:]]*$//' "$steps/$i.out" >"$steps/$i.actual"
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in ""|"..."|"  ...") continue ;; esac
    re="$(printf '%s\n' "$line" | to_regex)"
    if ! grep -qE -- "$re" "$steps/$i.actual"; then
      echo "  STALE: the README shows a line the command no longer prints:" >&2
      echo "    README: $line" >&2
      echo "    (the command printed:)" >&2
      head -20 "$steps/$i.actual" | sed 's/^/      /' >&2
      failed=$((failed + 1))
    fi
  done <"$steps/$i.exp"
done

if [ "$failed" -gt 0 ]; then
  echo "readme-check: $failed problem(s) in $count README commands" >&2
  exit 1
fi
echo "readme-check: all $count README commands ran as shown" >&2
