#!/usr/bin/env bash
# Safe reset of the demo data (outbox, topics' records, read models) and the demo's report files; the stack keeps running.
source "$(dirname "$0")/_common.sh"
ep reset
rm -f demo_metrics_*.json demo_metrics_*.html demo_report.json demo_report.html
