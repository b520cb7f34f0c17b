#!/usr/bin/env bash
# Scale-out on one machine (docs/scale-out.md): four shards scanned in
# parallel with xargs -P, merged, give the same report as one scan
# (timing fields aside).
set -euo pipefail
cli=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
arc=$work/arkiv
mkdir -p "$arc/a" "$arc/b"
cp "$root"/corpus/docs/*.pdf "$arc/a/"
cp "$root"/corpus/docs/*.docx "$root"/corpus/docs/*.md "$arc/b/"
cp "$root/corpus/docs/tallmo-budget-2025-plan-2026-2027.docx" "$arc/a/kopia-av-budget.docx"   # a duplicate, maybe in another shard
cp "$root/tests/data/fixtures/truncated.pdf" "$arc/a/trasig.pdf"
"$cli" scan "$arc" --out "$work/single" --quiet -j 2
printf '%s\n' 1/4 2/4 3/4 4/4 | xargs -P 4 -I{} sh -c \
  'n=$(echo {} | cut -d/ -f1); "$0" scan "$1" --shard {} --out "$2/shard-$n" --quiet -j 1' "$cli" "$arc" "$work"
"$cli" merge "$work"/shard-*/report.json --json "$work/merged.json" --html "$work/merged.html"
/usr/bin/python3 - "$work/single/report.json" "$work/merged.json" "$work"/shard-*/report.json <<'PY'
import json, sys
single, merged = (json.load(open(p)) for p in sys.argv[1:3])
shards = [json.load(open(p)) for p in sys.argv[3:]]
assert all(len(s["documents"]) > 0 for s in shards), "a shard got nothing"
assert sum(len(s["documents"]) for s in shards) >= len(single["documents"])
for r in (single, merged):
    r.pop("scan")
if single != merged:
    for k in single:
        if single[k] != merged[k]:
            print("differs:", k)
    sys.exit(1)
print("shards:", [len(s["documents"]) for s in shards], "merged documents:", len(merged["documents"]))
PY
test -s "$work/merged.html"
echo "shard/merge ok"
