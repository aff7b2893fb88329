#!/usr/bin/env bash
# Makes sure a command from a Debian package is on PATH, installing the package when it is missing:
#   ensure-debian-tool.sh <command> <package>     e.g. ensure-debian-tool.sh promtool prometheus
# Used by the deploy checks in `npm test` (promtool, kubectl).
set -euo pipefail
command="$1"; package="$2"
if command -v "$command" >/dev/null; then exit 0; fi
echo "[tools] $command is missing: installing Debian's $package" >&2
sudo_if_needed=()
[ "$(id -u)" -eq 0 ] || sudo_if_needed=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_if_needed[@]}" apt-get install -y --no-install-recommends "$package" >/dev/null 2>&1 \
  || { "${sudo_if_needed[@]}" apt-get update >/dev/null && "${sudo_if_needed[@]}" apt-get install -y --no-install-recommends "$package" >/dev/null; }
command -v "$command" >/dev/null || { echo "[tools] $package did not provide $command" >&2; exit 1; }
