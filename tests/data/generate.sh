#!/usr/bin/env bash
# Regenerates every test fixture in tests/data/fixtures/ from tests/data/src/.
# Needs python3 (standard library only) and, for encrypted-*.pdf, qpdf
# (apt-get install -y qpdf). The outputs are committed; CI never runs this.
# Output is deterministic: running it twice gives identical bytes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$here/fixtures"
mkdir -p "$out"

for src in "$here"/src/*.doc.md; do
  python3 "$root/scripts/docgen/docgen.py" "$src" --out "$out"
done
python3 "$root/scripts/docgen/specials.py" --out "$out" --basic-pdf "$out/basic.pdf"
