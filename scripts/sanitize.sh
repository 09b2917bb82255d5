#!/usr/bin/env bash
# Runs the whole test suite under a sanitizer, in a build folder of its own.
#   scripts/sanitize.sh address    (also in .ci/run)
#   scripts/sanitize.sh thread     (slower; run by hand, result in docs/reliability.md)
# LeakSanitizer is off: at exit it reports swift-corelibs-xctest's own test-case objects,
# which XCTest never frees; the fuzz targets check for leaks after every input instead.
set -euo pipefail
cd "$(dirname "$0")/.."
san=${1:-address}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
swift test --sanitize="$san" --scratch-path ".build-$san" 2>&1 | tee "/tmp/tertial-$san.log" | { grep -E "ERROR: |WARNING: ThreadSanitizer|error:|recorded an issue|Test run with [0-9]+ tests" || true; } | tail -20
