#!/usr/bin/env bash
# Starts docker-compose.yml's topology as processes on this host (no containers): PostgreSQL, three Kafka brokers,
# Kafka Connect with the Debezium connector, MongoDB (or its stand-in) and three event processors, on free loopback
# ports, configured from docker/*.env as compose is. Writes $EVENT_PROCESSOR_HOME/cluster.env (default
# .event-processor/cluster.env); `set -a; . that-file; set +a` and every command and demo script runs against it.
# Run again to bring back a part that died; --processors N scales the processors. Details: docs/cluster.md.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export EVENT_PROCESSOR_HOME="${EVENT_PROCESSOR_HOME:-$repo/.event-processor}"
# The cluster runs the build's jars (target/lib, target/connect-plugins): build them if needed.
if [ ! -d "$repo/target/connect-plugins" ]; then
  echo "Building event-processor (the first build downloads dependencies)..." >&2
  (cd "$repo" && ./mvnw -q -B -DskipTests package) >&2
fi
exec "$repo/event-processor" cluster up --repo "$repo" "$@"
