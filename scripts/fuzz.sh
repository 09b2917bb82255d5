#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ and runs each for a time, starting from the seed
# corpus in Fuzz/corpus/<target>/. A crash stops the run with a non-zero exit and leaves
# the input in <build folder>/crash-<target>-*.
#
#   scripts/fuzz.sh [SECONDS] [TARGET ...]      TARGET: csv, catalogue, loader, xlsx (default: all)
#   FUZZ_SANITIZE=fuzzer scripts/fuzz.sh 600    without AddressSanitizer (about 4x the executions)
#   FUZZ_JOBS=2 scripts/fuzz.sh 600 csv         two processes in parallel
#
# Prints one line per target: executions, seconds, crashes. docs/reliability.md has the totals.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv catalogue loader xlsx)
san=${FUZZ_SANITIZE:-fuzzer,address}
jobs=${FUZZ_JOBS:-1}
scratch=".build-fuzz-${san//,/-}"
for t in "${targets[@]}"; do
  TERTIAL_FUZZ=1 swift build -c release --scratch-path "$scratch" -Xswiftc "-sanitize=$san" --product "fuzz-$t" 2>&1 | grep -E "error|Build of" || true
done
status=0
# Leaks in the platform's XML parser and the ZIP library are suppressed by their functions
# (Fuzz/lsan-suppressions.txt); every other leak still fails the run.
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
for t in "${targets[@]}"; do
  bin="$scratch/release/fuzz-$t"
  [ -x "$bin" ] || { echo "fuzz-$t: not built"; exit 1; }
  work="$scratch/corpus-$t"
  mkdir -p "$work"
  case $t in csv) len=1024 ;; catalogue) len=4096 ;; xlsx) len=16384 ;; *) len=2048 ;; esac
  log="$scratch/fuzz-$t.log"
  set +e
  if [ "$jobs" -gt 1 ]; then
    "$bin" "$work" "Fuzz/corpus/$t" $( [ "$t" = xlsx ] && echo Fuzz/regressions ) -max_total_time="$secs" -max_len="$len" -timeout=10 -rss_limit_mb=3072 \
      -print_final_stats=1 -artifact_prefix="$scratch/crash-$t-" -jobs="$jobs" -workers="$jobs" > "$log" 2>&1
  else
    "$bin" "$work" "Fuzz/corpus/$t" $( [ "$t" = xlsx ] && echo Fuzz/regressions ) -max_total_time="$secs" -max_len="$len" -timeout=10 -rss_limit_mb=3072 \
      -print_final_stats=1 -artifact_prefix="$scratch/crash-$t-" > "$log" 2>&1
  fi
  code=$?
  set -e
  # With workers, each worker's log (fuzz-N.log) has its own final count; the main log repeats them.
  if [ "$jobs" -gt 1 ]; then logs=(fuzz-*.log); else logs=("$log"); fi
  runs=$( (cat "${logs[@]}" 2>/dev/null || true) | grep "stat::number_of_executed_units" | awk '{s += $2} END {print s + 0}')
  [ "$jobs" -gt 1 ] && cat fuzz-*.log >> "$log" 2>/dev/null || true
  crashes=$( (ls "$scratch"/crash-"$t"-* 2>/dev/null || true) | wc -l)
  echo "fuzz-$t: $runs executions in $secs s, $crashes crash file(s), exit $code ($san)"
  rm -f fuzz-*.log
  if [ "$code" -ne 0 ] || [ "$crashes" -gt 0 ]; then status=1; tail -30 "$log"; fi
done
exit $status
