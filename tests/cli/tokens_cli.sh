#!/usr/bin/env bash
# CLI level: `styrkoll tokens` on stdin and on a document.
set -euo pipefail
cli=$1
fixtures=$2
out=$(printf 'Enligt 3 kap. 2 § SoL ska nämnden motverka felutbetalningarna. Nästa mening om bidrags- och välfärdsbrott.' \
      | "$cli" tokens --json -)
python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in sys.argv[1].splitlines()]
assert all(set(r) == {"surface", "folded", "lemma", "parts", "sentence"} for r in rows), rows[0]
by = {r["surface"]: r for r in rows}
assert by["felutbetalningarna"]["lemma"] == "felutbetalning", by["felutbetalningarna"]
assert by["felutbetalningarna"]["parts"] == ["fel", "utbetalning"]
assert by["bidrags-"]["parts"] == ["bidrag", "brott"], by["bidrags-"]
assert by["felutbetalningarna"]["sentence"] == 0 and by["Nästa"]["sentence"] == 1
print("tokens --json ok:", len(rows), "tokens")
PY
text=$("$cli" tokens "$fixtures/basic.docx")
grep -q '^S[0-9]* heading: 1 Inledning' <<<"$text" || { echo "FAIL: no heading sentence"; exit 1; }
grep -q 'parts=kommun|fullmäktige' <<<"$text" || { echo "FAIL: no parts line"; exit 1; }
set +e
"$cli" tokens "$fixtures/scanned.pdf" >/dev/null 2>&1
rc=$?
set -e
[ $rc -eq 1 ] || { echo "FAIL: scanned.pdf should give exit 1, got $rc"; exit 1; }
echo ok
