#!/usr/bin/env bash
# `npm test`: types, lint (module boundaries), unit tests, then integration tests against the real
# Kafka broker and PostgreSQL (started through scripts/ when they are not up). Ends with one line:
# "tests: N passed, N failed".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/ensure-node-modules.sh || exit 1
export NX_DAEMON=false
results="$(mktemp -d)"
status=0

step() { echo; echo "== $1"; }

step "type check";  npx tsc -p tsconfig.json || status=1
step "lint";        { npx nx show projects >/dev/null && npx eslint . --max-warnings 0; } || status=1
step "unit tests";  npx jest --selectProjects unit --json --outputFile "$results/unit.json" || status=1
step "integration tests (real Kafka and PostgreSQL)"
npx jest --selectProjects integration --runInBand --json --outputFile "$results/integration.json" || status=1

node -e '
  const fs = require("fs");
  let passed = 0, failed = 0;
  for (const file of process.argv.slice(1)) {
    if (!fs.existsSync(file)) { failed += 1; continue; }
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
' "$results/unit.json" "$results/integration.json"
rm -rf "$results"
exit $status
