# Shared by the demo scripts: run the CLI from the repository root, so every script uses the same local
# stack state (.event-processor/ there, or $EVENT_PROCESSOR_HOME).
set -euo pipefail
DEMO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$DEMO_DIR/../.." && pwd)"
export EVENT_PROCESSOR_HOME="${EVENT_PROCESSOR_HOME:-$REPO_ROOT/.event-processor}"
ep() { "$REPO_ROOT/event-processor" "$@"; }
