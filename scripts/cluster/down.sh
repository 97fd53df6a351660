#!/usr/bin/env bash
# Stops every process of the cluster scripts/cluster/up.sh started (processors first, PostgreSQL last; what does not
# stop in time is killed) and removes its state and cluster.env.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export EVENT_PROCESSOR_HOME="${EVENT_PROCESSOR_HOME:-$repo/.event-processor}"
exec "$repo/event-processor" cluster down "$@"
