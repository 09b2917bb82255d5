#!/usr/bin/env bash
# Proves the Debian package works where no Swift toolchain exists (issue 26): in a private
# mount namespace, /opt/swift (the toolchain) is hidden under an empty tmpfs and /usr, /etc
# and /var are overlays on a tmpfs, so `dpkg -i` installs for real and nothing of it is left
# when the namespace ends. Then: `tertial --version`, no library of the toolchain in `ldd`,
# `man tertial`, the completions, `tertial check` and a report on the installed sample data,
# and the dashboard's first frame in tmux. Chosen over a debootstrap root: it needs no
# download, takes seconds, and runs the package on the very system it says it depends on.
#
#   scripts/check-package.sh out/tertial_VERSION_amd64.deb
set -euo pipefail
deb=$(readlink -f "$1")
if [ -z "${TERTIAL_PACKAGE_NS:-}" ]; then
  [ "$(id -u)" = 0 ] || exec sudo --preserve-env=PATH "$0" "$@"
  TERTIAL_PACKAGE_NS=1 exec unshare -m --propagation private "$0" "$deb"
fi
fail() { echo "check-package: $*" >&2; exit 1; }
scratch=$(mktemp -d)
mount -t tmpfs tmpfs "$scratch"
for d in usr etc var; do
  mkdir -p "$scratch/$d-upper" "$scratch/$d-work"
  mount -t overlay overlay -o "lowerdir=/$d,upperdir=$scratch/$d-upper,workdir=$scratch/$d-work" "/$d"
done
[ -d /opt/swift ] && mount -t tmpfs tmpfs /opt/swift
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
if command -v swift >/dev/null 2>&1 && swift --version >/dev/null 2>&1; then fail "a Swift toolchain is still reachable"; fi
echo "no Swift toolchain here: $(command -v swift || echo 'swift not found')"

dpkg -i "$deb" >/dev/null || fail "dpkg -i failed"
version=$(dpkg-deb -f "$deb" Version)
# (Not `tee /dev/stderr`: reopened, it would write over a log file from its start.)
said=$(tertial --version) || fail "tertial --version"
echo "$said"
case "$said" in "tertial $version (commit "[0-9a-f]*) ;; *) fail "tertial --version said: $said" ;; esac
if ldd /usr/bin/tertial | grep -E "not found|/opt/swift|libswift|libFoundation|libdispatch"; then fail "ldd names a library that is missing or the toolchain's"; fi
echo "ldd: $(ldd /usr/bin/tertial | awk '{print $1}' | paste -sd' ' -)"
[ "$(man -w tertial)" = /usr/share/man/man1/tertial.1.gz ] || fail "man -w tertial"
MANWIDTH=80 man tertial 2>/dev/null | grep -q "Exit codes" || fail "the man page has no exit codes"
bash -c 'source /usr/share/bash-completion/completions/tertial && complete -p tertial' >/dev/null || fail "bash completion"
[ -s /usr/share/zsh/vendor-completions/_tertial ] && [ -s /usr/share/fish/vendor_completions.d/tertial.fish ] || fail "zsh/fish completions"

work=$(mktemp -d -p "$scratch")
cd "$work"
data=/usr/share/tertial/sample-data
tertial check "$data" > "$work/check.txt" || fail "tertial check on the installed sample data"
grep -q ": ok:" "$work/check.txt" || fail "tertial check did not say ok"
TERTIAL_DATA=$data tertial report --period 2019-T3 --lang en > "$work/report.txt" 2>&1 || { cat "$work/report.txt" >&2; fail "a report"; }
grep -q "Tertial report" "$work/report.txt" || fail "the report has no title"
# (Into files, not `| grep -q`: grep leaving early would end the writer with SIGPIPE.)
TERTIAL_DATA=$data tertial report waitlist --at 2020-12-31 --format csv > "$work/waitlist.csv" || fail "report waitlist"
grep -q "^p_allocated_12m;" "$work/waitlist.csv" || fail "report waitlist has no forecast"
# Excel both ways: the Corporater sheet as a workbook, and that workbook read back as a report file.
TERTIAL_DATA=$data tertial report corporater --period 2019-T3 --format xlsx --output "$work/corporater.xlsx" 2>/dev/null || fail "report corporater --format xlsx"
[ "$(head -c 2 "$work/corporater.xlsx")" = PK ] || fail "the workbook is no ZIP file"
cp -r "$data" "$work/xdata"
TERTIAL_DATA=$data tertial report --period 2019-T3 --format xlsx > "$work/xdata/reports/2019-T3.xlsx" || fail "report --format xlsx to a pipe"
rm "$work/xdata/reports/2019-T3.csv"
tertial check "$work/xdata" > "$work/xcheck.txt" 2>&1 || true
# The scorecard's rows hold a tertial for monthly indicators too: refused as report rows, at their cell.
grep -qE 'reports/2019-T3.xlsx!Styringskort:A[0-9]+: period: ' "$work/xcheck.txt" || { cat "$work/xcheck.txt" >&2; fail "a workbook was not read as a report file"; }
echo "xlsx: written, and read back as a report file (its errors located at their cell)"
# The dashboard's first frame, over a copy (the installed sample data is read-only for users).
cp -r "$data" "$work/data"
tmux -L tertial-package new-session -d -s tertial-package -x 80 -y 24 "LANG=C.UTF-8 tertial --data $work/data --period 2019-T3"
for _ in $(seq 1 50); do
  tmux -L tertial-package capture-pane -p -t tertial-package | grep -q "Oversikt" && break
  sleep 0.2
done
tmux -L tertial-package capture-pane -p -t tertial-package | tee "$work/frame.txt" | head -4
grep -q "Oversikt" "$work/frame.txt" || fail "no first frame"
tmux -L tertial-package send-keys -t tertial-package q
sleep 0.5
tmux -L tertial-package kill-server 2>/dev/null || true
echo "the package works without a Swift toolchain"
