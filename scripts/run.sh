#!/usr/bin/env bash
# The main job: set up everything (packages, build) and scan the bundled
# corpus, writing the gap report to out/ (report.html, report.json,
# report.csv, report.sarif). Usage: scripts/run.sh [PATH...] (default: corpus/docs)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
"$here/scripts/setup.sh" "$here/build" >&2
cd "$here"
[ $# -gt 0 ] || set -- corpus/docs
build/tools/styrkoll scan "$@" --out out
echo "Open out/report.html in a browser (it works offline)."
