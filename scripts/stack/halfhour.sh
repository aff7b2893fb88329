#!/usr/bin/env bash
# Runs the Halfhour CLI from source: installs npm packages first if they are missing.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash scripts/ensure-node-modules.sh
export SWC_NODE_PROJECT="$root/tsconfig.json"
exec node -r @swc-node/register apps/halfhour-cli/src/main.ts "$@"
