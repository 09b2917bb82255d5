#!/usr/bin/env bash
# The dashboard over a real SSH connection (issue 26): Debian's OpenSSH server, started here as
# an unprivileged user on a high loopback port with key authentication only, and stopped after.
# `ssh -tt` into tertial inside tmux: the first frame at 80x24 and at 200x60, keys, a resize
# that reaches tertial over SSH, LANG=C over SSH, Ctrl-C restoring the terminal, and a dropped
# connection (the ssh client killed) ending tertial with no process left behind.
#
#   scripts/check-ssh.sh [TERTIAL_BINARY] [DATA]     (default: .build/debug/tertial sample-data)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(readlink -f "${1:-.build/debug/tertial}")
data=$(readlink -f "${2:-sample-data}")
sshd=/usr/sbin/sshd
[ -x "$sshd" ] || { echo "check-ssh: needs Debian's openssh-server" >&2; exit 69; }
command -v tmux >/dev/null || { echo "check-ssh: needs tmux" >&2; exit 69; }

dir=$(mktemp -d /tmp/tertial-ssh.XXXXXX)
chmod 755 "$dir"
user=$(id -un)
as_user() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  # The server and the session run as an ordinary user, never as root.
  id tertialssh >/dev/null 2>&1 || useradd --system --shell /bin/bash --no-create-home --home-dir /nonexistent tertialssh
  # An unprivileged sshd gives the session's pty to the group tty as a root one would: the
  # user must be in that group (else sshd stops the session: chown of the pty refused).
  usermod -aG tty tertialssh
  user=tertialssh
  as_user() { runuser -u tertialssh -- "$@"; }
fi
mkdir -p "$dir/home"
cp "$bin" "$dir/tertial"
cp -r "$data" "$dir/data"
rm -rf "$dir/data/followup"
ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key"
cp "$dir/client_key.pub" "$dir/home/authorized_keys"
port=22222
while (echo > /dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
cat > "$dir/sshd_config" <<CONFIG
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/home/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
StrictModes no
PermitRootLogin no
AcceptEnv LANG LC_*
CONFIG
[ "$user" = tertialssh ] && chown -R tertialssh "$dir" && chown root "$dir/client_key" && chmod 600 "$dir/client_key"
as_user "$sshd" -f "$dir/sshd_config" -E "$dir/sshd.log"
# Each start gets a tmux server of its own: a new session on a server that is still exiting
# after kill-server fails with "server exited unexpectedly" (seen once in CI).
run=0
tm() { tmux -L "tertial-ssh-$$-$run" "$@"; }
cleanup() {
  for r in $(seq 0 "$run"); do
    tmux -L "tertial-ssh-$$-$r" kill-server 2>/dev/null || true
    rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/tertial-ssh-$$-$r"
  done
  [ -f "$dir/sshd.pid" ] && kill "$(cat "$dir/sshd.pid")" 2>/dev/null || true
  pkill -u "$user" -f "$dir/tertial" 2>/dev/null || true
  [ -n "${KEEP:-}" ] || rm -rf "$dir"
}
trap cleanup EXIT
for _ in $(seq 1 50); do [ -s "$dir/sshd.pid" ] && break; sleep 0.1; done
[ -s "$dir/sshd.pid" ] || { cat "$dir/sshd.log" >&2; echo "check-ssh: sshd did not start" >&2; exit 1; }
echo "sshd ($("$sshd" -V 2>&1 | head -1 | cut -d, -f1)) as $user on 127.0.0.1:$port"

fail() { echo "check-ssh: $*" >&2; tm capture-pane -p -t s 2>/dev/null | sed 's/^/  | /' >&2; exit 1; }
ssh_cmd="ssh -tt -p $port -i $dir/client_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes $user@127.0.0.1"
# Waits until the pane shows a pattern (grep -E), up to 10 s.
await() {
  for _ in $(seq 1 100); do tm capture-pane -p -t s | grep -qE -- "$1" && return 0; sleep 0.1; done
  fail "${2:-waited for /$1/}"
}
start() { # WIDTH HEIGHT REMOTE_ENV
  tm kill-server 2>/dev/null || true
  run=$((run + 1))
  tm new-session -d -s s -x "$1" -y "$2" "$ssh_cmd 'cd $dir && $3 ./tertial --data data --period 2019-T3; echo EXIT=\$?; sleep 30'"
}

# 80x24: first frame, a key, a resize, Ctrl-C.
start 80 24 ""
await "Oversikt" "no first frame at 80x24 over SSH"
tm send-keys -t s 3
await "Venteliste per 31.12.2019" "the key 3 did not reach tertial"
tm resize-window -t s -x 120 -y 40
for _ in $(seq 1 100); do
  [ "$(tm capture-pane -p -t s | head -1 | awk '{print length($0)}')" -ge 119 ] && break; sleep 0.1
done
[ "$(tm capture-pane -p -t s | head -1 | awk '{print length($0)}')" -ge 119 ] || fail "the resize to 120x40 did not reach tertial"
[ "$(tm capture-pane -p -t s | wc -l)" -ge 40 ] || fail "the pane is not 40 rows"
tm send-keys -t s C-c
await "EXIT=130" "Ctrl-C did not end tertial with 130"
tm capture-pane -p -t s | grep -q "Venteliste per" && fail "the dashboard is still on the screen after Ctrl-C (alternate screen not left)"
echo "80x24: first frame, key, resize to 120x40, Ctrl-C (exit 130, terminal restored)"

# 200x60 and q.
start 200 60 ""
await "1 Oversikt" "no first frame at 200x60 over SSH"
tm send-keys -t s q
await "EXIT=0" "q did not end tertial with 0"
echo "200x60: first frame, q (exit 0)"

# LANG=C over SSH: ASCII frames, bokmål words transliterated.
start 80 24 "LANG=C LC_ALL=C"
await "Oversikt" "no first frame with LANG=C over SSH"
tm capture-pane -p -t s | grep -q "│" && fail "LANG=C still drew box characters"
tm send-keys -t s q
await "EXIT=0" "q did not end tertial with LANG=C"
echo "LANG=C: ASCII first frame, q"

# A dropped connection: the ssh client killed; tertial must end, nothing left behind.
start 80 24 ""
await "Oversikt" "no first frame before the drop"
pgrep -u "$user" -f "$dir/tertial|\./tertial --data" >/dev/null || fail "no tertial process to drop"
pkill -KILL -f "ssh -tt -p $port" || fail "no ssh client to kill"
for _ in $(seq 1 100); do pgrep -u "$user" -f "\./tertial --data" >/dev/null || break; sleep 0.1; done
if pgrep -u "$user" -f "\./tertial --data" >/dev/null; then
  ps -u "$user" -o pid,stat,args >&2; fail "tertial still runs 10 s after the connection dropped"
fi
echo "dropped connection: tertial ended, no process left"
echo "the dashboard works over SSH"
