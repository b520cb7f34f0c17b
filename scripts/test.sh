#!/usr/bin/env bash
# Sets up everything (packages, build with warnings as errors) and runs the
# whole test suite. Usage: scripts/test.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
STYRKOLL_WERROR=ON "$here/scripts/setup.sh" "$here/build" >&2
cd "$here/build"
ctest --output-on-failure -j2
