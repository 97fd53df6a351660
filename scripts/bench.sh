#!/usr/bin/env bash
# Benchmark of the pipeline against its own floors, on a fresh embedded stack (docs/benchmark.md).
#   scripts/bench.sh [--quick | --stage] [--out FILE]
# Builds the jar when it is missing; everything else is `event-processor bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/event-processor.jar
if [[ ! -f "$JAR" ]]; then
  echo "Building $JAR ..." >&2
  ./mvnw -q -B package -DskipTests
fi
if [[ "$(nproc)" -gt 0 ]] && command -v uptime >/dev/null; then
  echo "Machine: $(nproc) cores, load average $(uptime | sed 's/.*load average: //') (measure on a quiet machine)" >&2
fi
exec java -jar "$JAR" bench "$@"
