#!/usr/bin/env bash
# `npm run build`: compiles apps/ and libs/ to JavaScript in dist/ with swc (no type check: `npm
# run typecheck` does that), rewriting the @halfhour/* paths, for the container image.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
rm -rf dist
npx swc apps libs --out-dir dist --config-file tools/build/swc.json --ignore "**/*.spec.ts,**/*.integration-spec.ts,**/*.arbitrary.ts,**/test/**" --quiet
