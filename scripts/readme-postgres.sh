#!/usr/bin/env bash
# Runs the README's PostgreSQL set-up (the block between <!-- ci:postgres-setup --> markers)
# as written against a running server, so the docs cannot drift from what works (issue 21,
# item 15). Then checks what it promises: the leaders' roles exist, a leader writes its own
# unit and is refused another's, and the server signs the entry with the leader's role.
#
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=<a superuser> scripts/readme-postgres.sh
#
# What differs from a person at a fresh Debian machine, and only that: `apt-get install`
# is skipped (CI installed it), `sudo -u postgres` runs as $PGUSER, the password prompt is
# answered, `localhost` gets the server's port, DATA is a copy of sample-data and `tertial`
# the built binary (TERTIAL_BIN, default .build/debug/tertial).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${PGHOST:?}" "${PGPORT:?}" "${PGUSER:?}"
bin=$(realpath "${TERTIAL_BIN:-.build/debug/tertial}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r sample-data "$work/DATA"
rm -rf "$work/DATA/followup"
block=$(awk '/<!-- ci:postgres-setup -->/{f=1; next} /<!-- \/ci:postgres-setup -->/{f=0} f' README.md | sed '/^```/d')
[ -n "$block" ] || { echo "readme-postgres: no set-up block in README.md"; exit 1; }
script=$(printf '%s\n' "$block" | sed \
  -e 's/^sudo apt-get install postgresql$/: skipped: postgresql is installed/' \
  -e 's/^sudo -u postgres //' \
  -e "s/^\(createuser .*--pwprompt.*\)$/printf 'readme\\\\nreadme\\\\n' | \1/" \
  -e "s#^tertial #\"$bin\" #" \
  -e "s#@localhost/#@$PGHOST:$PGPORT/#g")
echo "readme-postgres: running the README's set-up:"
printf '%s\n' "$script" | sed 's/^/  /'
(cd "$work" && bash -euo pipefail -c "$script")
# What it promises.
as() { local role=$1; shift; (cd "$work" && "$bin" "$@" --data DATA --store "postgresql://$role@$PGHOST:$PGPORT/oppfolging"); }
as vest_leder followup comment --unit ph-vest --indicator staff_user_experience --period 2019-T3 "Sjekket i møtet" --user ikke_meg >/dev/null
if as vest_leder followup comment --unit ph-nord --indicator staff_user_experience --period 2019-T3 "Ikke min enhet" >/dev/null 2>&1; then
  echo "readme-postgres: vest_leder wrote for ph-nord"; exit 1
fi
by=$(psql -X -A -t -d oppfolging -c "SELECT created_by FROM entry WHERE text = 'Sjekket i møtet'")
[ "$by" = vest_leder ] || { echo "readme-postgres: the entry is signed '$by', not vest_leder"; exit 1; }
as tertial_admin store check >/dev/null
psql -X -q -d postgres -c "DROP DATABASE oppfolging WITH (FORCE)"
echo "readme-postgres: the README's set-up works as written"
