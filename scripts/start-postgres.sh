#!/usr/bin/env bash
# Starts the machine's PostgreSQL 15 (Debian's cluster) and makes sure a `calmdesk` role exists
# that may create databases, for the PostgreSQL half of the storage contract tests and the
# two-instance tests. Prints the URL to use as CALMDESK_TEST_DATABASE_URL. Needs root.
set -euo pipefail

if ! command -v pg_ctlcluster >/dev/null; then
  echo "start-postgres: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi
pg_ctlcluster 15 main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  if su postgres -c "pg_isready -q" 2>/dev/null; then break; fi
  sleep 0.5
done
su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname = 'calmdesk'\"" | grep -q 1 ||
  su postgres -c "psql -qc \"create role calmdesk login createdb password 'calmdesk'\""
echo "postgres://calmdesk:calmdesk@127.0.0.1:5432/postgres"
