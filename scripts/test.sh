#!/usr/bin/env bash
# Sets up everything (packages, build with warnings as errors) and runs the
# whole test suite; then the same suite under AddressSanitizer and
# UndefinedBehaviorSanitizer, the threaded tests under ThreadSanitizer, and
# each fuzzer for FUZZ_SECONDS (default 60). This is what CI runs (.ci/run).
# STYRKOLL_QUICK=1 runs only the first part (a few minutes instead of ~25).
# Usage: scripts/test.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
STYRKOLL_WERROR=ON "$here/scripts/setup.sh" "$here/build" >&2
(cd "$here/build" && ctest --output-on-failure -j2)
if [ "${STYRKOLL_QUICK:-0}" != 1 ]; then
  "$here/scripts/sanitize.sh" all
  "$here/scripts/fuzz.sh" "${FUZZ_SECONDS:-60}"
fi
