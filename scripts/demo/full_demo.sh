#!/usr/bin/env bash
# The whole demonstration in one command: setup, 10, 100, 1,000 and 10,000 events, verification, final report.
source "$(dirname "$0")/_common.sh"
phase() {
  local title="$1"; shift
  printf '\n== %s ==\n' "$title"
  local t0 ms
  t0=$(date +%s%N)
  "$@"
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  printf '   (%s took %d.%d s)\n' "$title" $((ms / 1000)) $((ms % 1000 / 100))
}
printf '%s\n' "==================================================" "   EVENT PROCESSOR - COMPLETE DEMONSTRATION" "=================================================="
started=$(date +%s)
phase "Phase 1: Environment setup"                     "$DEMO_DIR/setup.sh"
phase "Phase 2: Warm-up (10 events, detailed view)"    "$DEMO_DIR/load_10.sh"
phase "Phase 3: Moderate load (100 events)"            "$DEMO_DIR/load_100.sh"
phase "Phase 4: Stress test (1,000 events)"            "$DEMO_DIR/load_1000.sh"
phase "Phase 5: Extreme load (10,000 events)"          "$DEMO_DIR/load_10000.sh"
phase "Phase 6: Verification and performance report"  "$DEMO_DIR/verify.sh" --report
printf '\nDemo complete in %ss. Detailed metrics: demo_report.json (and demo_report.html).\n' "$(( $(date +%s) - started ))"
