#!/usr/bin/env bash
# Compiles apps/ and libs/ to dist/ (npm run build) when dist/ is missing or any source, the
# compiler settings or the package lock is newer than the last build: `npm start`, `npm run bench`
# and the integration tests run the services from dist/, as the container image does.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/ensure-node-modules.sh
stamp="dist/.built"
if [ -f "$stamp" ] && [ -z "$(find apps libs tools/build package-lock.json tsconfig.base.json -newer "$stamp" \( -name '*.ts' -o -name '*.json' -o -name '*.sh' -o -path '*/public/*' \) -not -path '*/node_modules/*' -print -quit)" ]; then
  exit 0
fi
echo "[build] compiling apps/ and libs/ to dist/" >&2
bash tools/build/build.sh >&2
