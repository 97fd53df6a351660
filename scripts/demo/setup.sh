#!/usr/bin/env bash
# Start the local stack (or find it, or use the services named by POSTGRES_HOST / KAFKA_BOOTSTRAP_SERVERS /
# MONGODB_URI), check every service, warm the pipeline up, clear previous demo data and reset the consumer group.
source "$(dirname "$0")/_common.sh"
if [ -z "${POSTGRES_HOST:-}${KAFKA_BOOTSTRAP_SERVERS:-}${MONGODB_URI:-}" ]; then
  ep stack up
fi
ep check
# A JVM that just started runs its code interpreted: the first thousand events would measure the JIT, not
# the pipeline. 2,000 throw-away events warm every hop; the reset below removes them (set WARM_UP=0 to skip).
if [ "${WARM_UP:-2000}" -gt 0 ]; then
  echo "Warming up the pipeline with ${WARM_UP:-2000} throw-away events (cleared right after)..."
  warm_report="$(mktemp -d)/warm-up.json"
  ep run --events "${WARM_UP:-2000}" --delay-ms 0 --report "$warm_report" > /dev/null || echo "(warm-up incomplete; continuing)"
  rm -rf "$(dirname "$warm_report")"
fi
ep reset
