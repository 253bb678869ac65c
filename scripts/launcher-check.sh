#!/usr/bin/env bash
# Checks the launcher's start-up archive (AppCDS): the first run of a command creates it once, in a 0700 cache folder
# of the user's own; the next run maps it (its classes come from the shared archive) and leaves it as it is; a rebuilt
# jar gets a new archive and the old one goes; and a cache folder that is missing, read-only, uncreatable or writable
# by others still runs the command (without an archive). Uses the jar in target/ (build it first); never depends on
# how fast anything is. Usage: scripts/launcher-check.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
launcher="$here/mosaic"
[ -f "$here/target/mosaic.jar" ] || { echo "launcher-check: build the jar first (mvn package)" >&2; exit 2; }
tmp="$(mktemp -d "${TMPDIR:-/tmp}/launcher-check.XXXXXX")"
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
version="$(java -jar "$here/target/mosaic.jar" --version)"
run() {  # cache_home command... ; prints stdout, fails the check on a non-zero exit
  local cache="$1"
  shift
  XDG_CACHE_HOME="$cache" "$launcher" "$@"
}
archives() { find "$1" -name '*.jsa' 2>/dev/null | sort; }

# 1. No cache folder yet: the first run creates it (0700) and one archive for the command.
cache="$tmp/fresh"
out="$(run "$cache" --version)" || fail "--version with no cache folder exited non-zero"
[ "$out" = "$version" ] || fail "--version printed '$out', expected '$version'"
[ -d "$cache/mosaic" ] && [ "$(stat -c '%a' "$cache/mosaic")" = 700 ] || fail "cache folder missing or not 0700"
[ "$(archives "$cache" | wc -l)" = 1 ] || fail "expected one archive after the first run: $(archives "$cache")"
jsa="$(archives "$cache" | head -1)"
before="$(stat -c '%i %Y %s' "$jsa" 2>/dev/null || true)"
ok "first run created $(basename "$jsa") in a 0700 folder"

# 2. The second run maps the archive (classes loaded from the shared objects file) and does not rewrite it.
shared="$(MOSAIC_JAVA_OPTS='-Xlog:class+load=info' run "$cache" --version | grep -c 'org.mosaic.*shared objects file' || true)"
[ "$shared" -gt 0 ] || fail "the second run loaded no Mosaic class from the archive"
[ "$(stat -c '%i %Y %s' "$jsa")" = "$before" ] || fail "the second run rewrote the archive"
[ "$(archives "$cache" | wc -l)" = 1 ] || fail "the second run made another archive"
ok "second run mapped the archive ($shared Mosaic classes from it) and left it as it was"

# 3. Another command gets its own archive; a rebuilt jar (new size or time) gets new ones and the old ones go.
run "$cache" validate --help >/dev/null || fail "validate --help exited non-zero"
[ "$(archives "$cache" | wc -l)" = 2 ] || fail "expected a second archive for validate: $(archives "$cache")"
cp -p "$here/target/mosaic.jar" "$tmp/jar.bak"
touch "$here/target/mosaic.jar"
run "$cache" --version >/dev/null || fail "--version after a rebuild exited non-zero"
touch -r "$tmp/jar.bak" "$here/target/mosaic.jar"
[ "$(archives "$cache" | wc -l)" = 1 ] && [ "$(archives "$cache")" != "$jsa" ] \
  || fail "after a rebuild expected one new archive, found: $(archives "$cache")"
ok "a rebuilt jar replaced the archives"

# 4. Cache folders the launcher must not or cannot use: the command still runs, and no archive is left there.
check_unusable() {  # label cache_home [runner...]
  local label="$1" cache="$2"
  shift 2
  out="$("$@" env XDG_CACHE_HOME="$cache" "$launcher" --version 2>"$tmp/err")" \
    || fail "$label: --version exited non-zero: $(cat "$tmp/err")"
  [ "$out" = "$version" ] || fail "$label: --version printed '$out'"
  [ "$(archives "$cache" | wc -l)" = 0 ] || fail "$label: an archive was written: $(archives "$cache")"
  ok "$label: ran without an archive"
}
# Under a path nothing can be created in.
check_unusable "uncreatable cache folder" "/proc/mosaic-launcher-check"
# Writable by others: an archive there could be swapped for someone else's code.
mkdir -p "$tmp/shared/mosaic" && chmod 777 "$tmp/shared/mosaic"
check_unusable "cache folder writable by others" "$tmp/shared"
# Read-only (as an ordinary user: root may write anywhere, so as root the check runs as nobody).
mkdir -p "$tmp/ro/mosaic" && chmod 500 "$tmp/ro/mosaic" "$tmp/ro"
if [ "$(id -u)" = 0 ]; then
  chown -R nobody "$tmp/ro"
  chmod 755 "$tmp"
  check_unusable "read-only cache folder" "$tmp/ro" setpriv --reuid=nobody --regid=nogroup --clear-groups
else
  check_unusable "read-only cache folder" "$tmp/ro"
fi
# No home at all.
out="$(env -u HOME -u XDG_CACHE_HOME "$launcher" --version)" && [ "$out" = "$version" ] \
  || fail "no HOME: --version failed"
ok "no HOME: ran"

if [ "$failures" -gt 0 ]; then
  echo "launcher-check: $failures failure(s)" >&2
  exit 1
fi
echo "launcher-check: all passed"
