#!/usr/bin/env bash
# The waitlist forecast against scikit-survival (issue 25; docs/data-format.md, "The waitlist
# forecast"): makes a virtual environment with scikit-survival from PyPI (once, in
# .build/cif-venv), then runs scripts/check-cif.py on generated observations, on sample-data
# and on the datasets given. Needs the built `tertial` and `tertial-bench` (swift build).
#
#   scripts/check-cif.sh [BUILD_DIR] [DATA DAY...]...
#   scripts/check-cif.sh .build/debug /tmp/gen/data 2012-12-31 2013-12-31
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug}
shift || true
venv=.build/cif-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import sksurv" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "scikit-survival>=0.23"
fi
"$venv/bin/python" -c "import sksurv; print('scikit-survival', sksurv.__version__)"
args=(--tertial "$bin/tertial" --data sample-data --at 2019-12-31 --at 2020-06-30 --at 2020-12-31)
# Further datasets: a folder, then its days.
for a in "$@"; do
  if [ -d "$a" ]; then args+=(--data "$a"); else args+=(--at "$a"); fi
done
"$venv/bin/python" scripts/check-cif.py "$bin/tertial-bench" --cases 40 "${args[@]}"
