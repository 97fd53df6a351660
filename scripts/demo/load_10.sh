#!/usr/bin/env bash
# Scenario warm-up: 10 UserCreated, shown one by one.
TARGET_EVENTS=10 LOG_LEVEL="${LOG_LEVEL:-DEBUG}" exec "$(dirname "$0")/run_demo.sh" "$@"
