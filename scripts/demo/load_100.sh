#!/usr/bin/env bash
# Scenario moderate load: 100 mixed events.
TARGET_EVENTS=100 LOG_LEVEL="${LOG_LEVEL:-INFO}" exec "$(dirname "$0")/run_demo.sh" "$@"
