#!/usr/bin/env bash
# The main job: set up everything (packages, build) and scan the bundled
# corpus. Usage: scripts/run.sh [PATH...]   (default: corpus/)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" "$here/build" >&2
cd "$here"
[ $# -gt 0 ] || set -- corpus/docs
mkdir -p out
set +e
build/tools/styrkoll scan "$@" --json out/documents.jsonl
rc=$?
set -e
echo "Document models written to out/documents.jsonl"
# Exit 1 only means that some files could not be read; that is reported above.
[ $rc -le 1 ] || exit $rc
