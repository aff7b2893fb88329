#!/usr/bin/env bash
# `npm run build`: compiles apps/ and libs/ to JavaScript in dist/ with swc (no type check: `npm
# run typecheck` does that), rewriting the @halfhour/* paths, for the container image and for
# every local run of the services (scripts/ensure-build.sh). Builds beside dist/ and swaps it in,
# so a process starting meanwhile finds the old build or the new one, never half of one.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
next="$(mktemp -d dist.next.XXXXXX)"
trap 'rm -rf "$next"' EXIT
npx swc apps libs --out-dir "$next" --config-file tools/build/swc.json --ignore "**/*.spec.ts,**/*.integration-spec.ts,**/*.arbitrary.ts,**/test/**,**/public/**" --quiet
# What a service serves as it is: the operator console's page and script.
mkdir -p "$next/apps/operator-console/src/public"
cp -r apps/operator-console/src/public/. "$next/apps/operator-console/src/public/"
touch "$next/.built"
rm -rf dist.old
[ -d dist ] && mv dist dist.old
mv "$next" dist
rm -rf dist.old
