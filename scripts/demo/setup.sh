#!/usr/bin/env bash
# Start the local stack (or find it, or use the services named by POSTGRES_HOST / KAFKA_BOOTSTRAP_SERVERS /
# MONGODB_URI), check every service, warm the pipeline up, clear previous demo data and reset the consumer group.
source "$(dirname "$0")/_common.sh"
if [ -z "${POSTGRES_HOST:-}${KAFKA_BOOTSTRAP_SERVERS:-}${MONGODB_URI:-}" ]; then
  ep stack up
fi
ep check
# A JVM that just started runs its code interpreted: the first thousand events would measure the JIT, not
# the pipeline. 10,000 throw-away events warm every hop (with 2,000, full_demo.sh's report failed the
# P50 < 30 ms target at 40 ms; with 10,000 it passed at 28 ms, for 5 s more of setup), sent as the load scripts
# send theirs (batches of 100, 50 ms apart: scenario.WarmUp.SHAPE says why); the reset below removes them
# (WARM_UP=N for another number, WARM_UP=0 to skip).
if [ "${WARM_UP:-10000}" -gt 0 ]; then
  echo "Warming up the pipeline with ${WARM_UP:-10000} throw-away events (cleared right after)..."
  warm_report="$(mktemp -d)/warm-up.json"
  ep run --events "${WARM_UP:-10000}" --batch-size 100 --delay-ms 50 --report "$warm_report" > /dev/null || echo "(warm-up incomplete; continuing)"
  rm -rf "$(dirname "$warm_report")"
fi
ep reset
if [ -z "${POSTGRES_HOST:-}${KAFKA_BOOTSTRAP_SERVERS:-}${MONGODB_URI:-}" ] && [ "${WARM_UP:-10000}" -gt 0 ]; then
  ep stack settle
fi
