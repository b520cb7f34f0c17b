#!/usr/bin/env bash
# Regenerates corpus/docs/ from corpus/src/*.doc.md (each source names its
# one output format). Standard-library Python only; the outputs are committed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
mkdir -p "$here/docs"
rm -f "$here/docs"/*
for src in "$here"/src/*.doc.md; do
  python3 "$root/scripts/docgen/docgen.py" "$src" --out "$here/docs"
done
ls "$here/docs" | wc -l
