#!/usr/bin/env bash
# Integrity of the read models against the outbox, and the latency report. With --report, also writes
# demo_report.json (and demo_report.html).
source "$(dirname "$0")/_common.sh"
args=(verify)
for a in "$@"; do
  if [ "$a" = "--report" ]; then args+=(--report demo_report.json); else args+=("$a"); fi
done
ep "${args[@]}"
