#!/usr/bin/env bash
# Renders an HTML report to PNG (screen) and PDF (print, A4) with headless Chromium, to
# look at it in a real browser. Installs Debian's chromium when it is missing.
#   scripts/render-html.sh [--unit ph-vest] [--period 2019-T3] [OUTDIR]
# Writes OUTDIR/report.html, report.png (a tall screen capture) and report.pdf (A4 print).
set -euo pipefail
cd "$(dirname "$0")/.."
unit=ph-vest period=2019-T3
while [ $# -gt 0 ]; do
  case "$1" in
    --unit) unit=$2; shift 2 ;;
    --period) period=$2; shift 2 ;;
    *) break ;;
  esac
done
out=${1:-out/html}
mkdir -p "$out"
out=$(cd "$out" && pwd)
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$browser" ]; then
  echo "installing chromium (Debian package)"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  browser=$(command -v chromium)
fi
swift build -q
.build/debug/tertial report --unit "$unit" --period "$period" --format html --output "$out/report.html" --force
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files)
"$browser" "${flags[@]}" --window-size=1100,3400 --screenshot="$out/report.png" "file://$out/report.html" 2>/dev/null
"$browser" "${flags[@]}" --print-to-pdf="$out/report.pdf" --no-pdf-header-footer "file://$out/report.html" 2>/dev/null
ls -la "$out"
