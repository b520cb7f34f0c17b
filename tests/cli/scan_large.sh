#!/usr/bin/env bash
# An archive above the sizes where the scan switches to bulk cache queries
# and assembles the report on two threads (256 documents): a warm re-scan
# takes every result from the cache and gives the same report; a changed
# file and a new file are analysed again, the rest still comes from the cache.
set -euo pipefail
cli=$(realpath "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
arc=$work/arkiv
for d in a b c; do mkdir -p "$arc/$d"; done
for i in $(seq 1 300); do
  dir=$(printf '%s' "abc" | cut -c$((i % 3 + 1)))
  cat > "$arc/$dir/plan-$i.md" <<MD
# Verksamhetsplan $i för förvaltning $((i % 17))

Nämnden ska under $((2020 + i % 8)) arbeta mot felaktiga utbetalningar. Ekonomichefen ansvarar för
att kontrollerna följs upp varje kvartal och rapporteras till nämnden.

Dokument nummer $i beskriver också verksamhetens mål för kvalitet och service.
MD
done
"$cli" scan "$arc" --out "$work/out" -j 2 2> "$work/cold.err" >/dev/null
grep -q "300/300 documents" "$work/cold.err" || { cat "$work/cold.err"; fail "cold scan"; }
cp "$work/out/report.json" "$work/cold.json"
mtimes() { stat -c '%n %Y.%y' "$work/out/report.csv" "$work/out/report.sarif"; }
mtimes > "$work/cold.mtimes"
"$cli" scan "$arc" --out "$work/out" -j 2 2> "$work/warm.err" >/dev/null
grep -q "300/300 documents.*300 from cache" "$work/warm.err" || { cat "$work/warm.err"; fail "warm re-scan did not take every result from the cache"; }
/usr/bin/python3 - "$work/cold.json" "$work/out/report.json" <<'PY' || fail "warm report differs"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
a.pop("scan"); b.pop("scan")
assert a == b
assert len(a["documents"]) == 300
paths = [d["path"] for d in a["documents"]]
assert paths == sorted(paths)
PY
# Outputs whose content did not change are left as they were.
mtimes | cmp -s - "$work/cold.mtimes" || fail "an unchanged CSV or SARIF file was rewritten"
echo "Tillägg: samordnaren mot välfärdsbrottslighet rapporterar årligen." >> "$arc/b/plan-1.md"
cp "$arc/a/plan-3.md" "$arc/a/ny.md" && echo "Ny text." >> "$arc/a/ny.md"
"$cli" scan "$arc" --out "$work/out" -j 2 2> "$work/changed.err" >/dev/null
grep -q "301/301 documents.*299 from cache" "$work/changed.err" || { cat "$work/changed.err"; fail "changed files not re-analysed"; }
mtimes | cmp -s - "$work/cold.mtimes" && fail "changed outputs were not written"
/usr/bin/python3 - "$work/out/report.csv" <<'PY' || fail "the new CSV lacks the new document"
import sys
text = open(sys.argv[1], encoding="utf-8-sig").read()
assert "ny.md" in text
PY
echo "scan_large ok"
