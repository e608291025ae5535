#!/usr/bin/env bash
# One command from a fresh Debian 12 machine: install packages, build, run samplemind.
# Usage: scripts/run.sh analyze samples   (any samplemind arguments)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
"$root/scripts/build.sh"
exec "$root/build/samplemind" "$@"
