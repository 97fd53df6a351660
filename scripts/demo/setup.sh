#!/usr/bin/env bash
# Start the local stack (or find it, or use the services named by POSTGRES_HOST / KAFKA_BOOTSTRAP_SERVERS /
# MONGODB_URI), check every service, clear previous demo data and reset the consumer group.
source "$(dirname "$0")/_common.sh"
if [ -z "${POSTGRES_HOST:-}${KAFKA_BOOTSTRAP_SERVERS:-}${MONGODB_URI:-}" ]; then
  ep stack up
fi
ep check
ep reset
