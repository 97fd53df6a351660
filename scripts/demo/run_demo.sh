#!/usr/bin/env bash
# One scenario run. TARGET_EVENTS (default 100): 10, 100, 1000 and 10000 are the named scenarios, any other
# number a custom run. BATCH_SIZE: rows per insert batch (default: the scenario's). LOG_LEVEL: DEBUG, INFO,
# WARNING or ERROR. REPORT_FILE: where the JSON report goes (default demo_metrics_YYYYMMDD_HHMMSS.json).
source "$(dirname "$0")/_common.sh"
target="${TARGET_EVENTS:-100}"
report="${REPORT_FILE:-demo_metrics_$(date +%Y%m%d_%H%M%S).json}"
export LOG_LEVEL="${LOG_LEVEL:-INFO}"
[ "$LOG_LEVEL" = "WARNING" ] && export LOG_LEVEL=WARN
args=(run --events "$target" --report "$report")
[ -n "${BATCH_SIZE:-}" ] && args+=(--batch-size "$BATCH_SIZE")
ep "${args[@]}" "$@"
