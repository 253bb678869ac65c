#!/usr/bin/env bash
# Runs the full test suite (the README's `mvn -B -ntp verify`) while Debian's stress-ng keeps four CPU hogs busy, to
# show that no test depends on how fast or idle the machine is. Exits with the suite's status.
# Usage: scripts/stress-verify.sh [extra mvn arguments]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v stress-ng >/dev/null 2>&1; then
  echo "stress-verify: installing stress-ng (Debian package)..." >&2
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq && apt-get install -y -qq stress-ng >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq stress-ng >/dev/null
  fi
fi
# The hogs run until the suite ends (or this script is interrupted), and at most two hours.
stress-ng --cpu 4 --timeout 7200s --quiet &
hog=$!
trap 'kill "$hog" 2>/dev/null || true; wait "$hog" 2>/dev/null || true' EXIT
echo "stress-verify: stress-ng --cpu 4 running (pid $hog); mvn -B -ntp verify $*" >&2
start=$(date +%s)
status=0
mvn -B -ntp verify "$@" || status=$?
echo "stress-verify: suite exited $status after $(( $(date +%s) - start )) s under stress-ng --cpu 4" >&2
exit "$status"
