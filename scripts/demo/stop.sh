#!/usr/bin/env bash
# Stops the local stack (its data stays in the state directory).
source "$(dirname "$0")/_common.sh"
ep stack down
