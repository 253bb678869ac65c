#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL, creates the `mosaic` user and database, and prints the JDBC URL
# the PostgreSQL tests read from MOSAIC_TEST_PG_URL. Idempotent: safe to run again on a machine where it already ran.
#
#   export MOSAIC_TEST_PG_URL="$(scripts/ci-postgres.sh | tail -n 1)"
#   mvn -B -ntp verify
#
# Progress goes to stderr; the only line on stdout is the URL. Needs root (apt-get, su postgres). Test credentials
# only: the password is the well-known "mosaic" and the server listens on localhost alone.
set -euo pipefail
DB_USER="${MOSAIC_PG_USER:-mosaic}"
DB_PASS="${MOSAIC_PG_PASSWORD:-mosaic}"
DB_NAME="${MOSAIC_PG_DB:-mosaic}"
log() { echo "ci-postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  log "starting cluster $version/main"
  pg_ctlcluster "$version" main start >&2
fi
port="$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')"

psql_admin() { su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qtA $*"; }
for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q -p $port"; then break; fi
  sleep 1
done
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER'\"")" != "1" ]; then
  log "creating user $DB_USER"
  psql_admin "-c \"CREATE USER $DB_USER PASSWORD '$DB_PASS' SUPERUSER\"" >&2
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'\"")" != "1" ]; then
  log "creating database $DB_NAME"
  su postgres -c "createdb -p $port -O $DB_USER $DB_NAME" >&2
fi
log "ready on localhost:$port"
echo "jdbc:postgresql://localhost:$port/$DB_NAME?user=$DB_USER&password=$DB_PASS"
