#!/usr/bin/env bash
# A throwaway PostgreSQL for the follow-up store's PostgreSQL cases, in one command:
#
#   eval "$(scripts/dev-postgres.sh)"      # start one; sets TERTIAL_TEST_POSTGRES for `swift test`
#   scripts/dev-postgres.sh stop DIR       # stop it and remove its folder (DIR is printed at start)
#
# The cluster lives in a new folder under /tmp, listens on 127.0.0.1 only (first free port
# from 54329), trusts local connections, and offers TLS with a self-signed certificate (as a
# municipality's server would). Run as root, the server runs as the system user `tertialci`
# (made when missing). Needs Debian's `postgresql` package and openssl. `.ci/run` uses it.
set -euo pipefail

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u tertialci -- "$@"; else "$@"; fi; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$pgbin" ] || { echo "dev-postgres: no PostgreSQL (apt-get install postgresql)" >&2; exit 69; }

if [ "${1:-}" = stop ]; then
  dir=${2:?usage: dev-postgres.sh stop DIR}
  case "$dir" in /tmp/tertial-pg.*) ;; *) echo "dev-postgres: $dir is not a folder this script made" >&2; exit 64;; esac
  as_pg "$pgbin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

dir=$(mktemp -d /tmp/tertial-pg.XXXXXX)
port=54329
while (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
if [ "$(id -u)" = 0 ]; then
  id tertialci >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin tertialci
  chown tertialci "$dir"
fi
openssl req -new -x509 -days 2 -nodes -subj "/CN=127.0.0.1" -keyout "$dir/server.key" -out "$dir/server.crt" >/dev/null 2>&1
chmod 600 "$dir/server.key"
[ "$(id -u)" = 0 ] && chown tertialci "$dir/server.key" "$dir/server.crt"
as_pg "$pgbin/initdb" -D "$dir/data" -A trust -U tertial >/dev/null
as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key" start >/dev/null
echo "export TERTIAL_TEST_POSTGRES=postgresql://tertial@127.0.0.1:$port/postgres TERTIAL_TEST_POSTGRES_TLS=1 TERTIAL_TEST_POSTGRES_DIR=$dir"
echo "echo 'PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($dir); stop it with: scripts/dev-postgres.sh stop $dir' >&2"
