#!/usr/bin/env bash
# Runs the Halfhour CLI, compiled as the services are: installs npm packages and builds dist/
# first when they are missing or older than the sources.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash scripts/ensure-build.sh
exec node --enable-source-maps dist/apps/halfhour-cli/src/main.js "$@"
