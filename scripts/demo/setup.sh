#!/usr/bin/env bash
# Start the local stack (or find it, or use the services named by POSTGRES_HOST / KAFKA_BOOTSTRAP_SERVERS /
# MONGODB_URI), check every service, clear previous demo data and warm the pipeline up.
source "$(dirname "$0")/_common.sh"
if [ -z "${POSTGRES_HOST:-}${KAFKA_BOOTSTRAP_SERVERS:-}${MONGODB_URI:-}" ]; then
  ep stack up
fi
ep check
ep reset
# A JVM that just started runs its code interpreted: the first thousand events would measure the JIT, not
# the pipeline. `warm-up` sends WARM_UP throw-away events (default 10,000; WARM_UP=0 skips) as the load scripts
# send theirs, the last 1,000 after a reset of their own, clears them and waits for the local stack's compilers:
# the dashboard's own warm-up, step for step (scenario.WarmUp says why each step is there).
ep warm-up || echo "(warm-up incomplete; continuing)"
