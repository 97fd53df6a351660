#!/usr/bin/env bash
# Live terminal view of a running pipeline (throughput, latency percentiles, lag, counts); generates nothing.
source "$(dirname "$0")/_common.sh"
ep monitor "$@"
