#!/usr/bin/env bash
# Scenario stress test: 1,000 mixed events.
TARGET_EVENTS=1000 LOG_LEVEL="${LOG_LEVEL:-WARNING}" exec "$(dirname "$0")/run_demo.sh" "$@"
