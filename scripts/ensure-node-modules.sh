#!/usr/bin/env bash
# Installs the locked npm packages when node_modules is missing or older than the lock file.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
marker="node_modules/.package-lock.json"
if [ ! -f "$marker" ] || [ package-lock.json -nt "$marker" ]; then
  echo "[npm] installing packages (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi
