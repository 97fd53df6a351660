#!/usr/bin/env bash
# Scenario extreme load: 10,000 mixed events, batches of 100 with 50 ms between them.
TARGET_EVENTS=10000 LOG_LEVEL="${LOG_LEVEL:-ERROR}" BATCH_SIZE="${BATCH_SIZE:-100}" exec "$(dirname "$0")/run_demo.sh" "$@"
