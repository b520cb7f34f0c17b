#!/usr/bin/env bash
# End to end: `styrkoll scan` on a temporary archive of mixed formats with a
# duplicate, a corrupt PDF, a scanned PDF, a symlink loop, a document that
# hangs the parser (test hook) and one that crashes it; then an interrupted
# scan resumed from the cache, a warm re-scan, a diff between two scans and
# an assessments file applied. Every JSON report is validated against the schema.
set -euo pipefail
cli=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
fx=$root/tests/data/fixtures
py=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

validate() {
  "$py" - "$root/schemas/report.schema.json" "$1" <<'PY'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
jsonschema.validate(report, schema)
PY
}
doc_field() {  # doc_field REPORT PATH_SUFFIX FIELD
  "$py" -c 'import json,sys
r=json.load(open(sys.argv[1]))
d=[d for d in r["documents"] if d["path"].endswith(sys.argv[2])]
v=d[0] if d else None
for k in sys.argv[3].split("."):
    v = v.get(k) if isinstance(v, dict) else None
print(v if v is not None else "")' "$@"
}

arc=$work/arkiv
mkdir -p "$arc/ekonomi" "$arc/social"
cp "$root/corpus/docs/norrby-handlingsplan-valfardsbrott-2025-2027.pdf" "$arc/social/handlingsplan.pdf"
cp "$root/corpus/docs/tallmo-budget-2025-plan-2026-2027.docx" "$arc/ekonomi/budget.docx"
cp "$root/corpus/docs/tallmo-budget-2025-plan-2026-2027.docx" "$arc/ekonomi/budget-kopia.docx"   # duplicate
cp "$root/corpus/docs/vastmo-informationssakerhetspolicy.odt" "$arc/isp.odt"
cp "$fx/basic.md" "$arc/anteckning.md"
cp "$fx/truncated.pdf" "$arc/trasig.pdf"
cp "$fx/scanned.pdf" "$arc/skannad.pdf"
cp "$fx/basic.txt" "$arc/zz-hanger.txt"
cp "$fx/basic.html" "$arc/zz-kraschar.html"
ln -s .. "$arc/social/loop"

# 1. A document that hangs is stopped at the time limit; one that crashes is reported; the rest is analysed.
set +e
STYRKOLL_TEST_HANG_ON=zz-hanger STYRKOLL_TEST_CRASH_ON=zz-kraschar \
  "$cli" scan "$arc" --out "$work/out1" --timeout 3 -j 2 --quiet
rc=$?
set -e
[ $rc -eq 0 ] || fail "scan exit code $rc"
r1=$work/out1/report.json
validate "$r1" || fail "report 1 does not validate"
[ "$(doc_field "$r1" zz-hanger.txt error.code)" = timeout ] || fail "hang not reported as timeout"
[ "$(doc_field "$r1" zz-kraschar.html error.code)" = crashed ] || fail "crash not reported"
[ "$(doc_field "$r1" trasig.pdf error.code)" = corrupt ] || fail "corrupt PDF not reported"
[ "$(doc_field "$r1" skannad.pdf status)" = needs_ocr ] || fail "scanned PDF not needs_ocr"
[ "$(doc_field "$r1" handlingsplan.pdf doc_type.id)" = handlingsplan_valfardsbrott ] || fail "handlingsplan type"
[ "$(doc_field "$r1" handlingsplan.pdf status)" = analyzed ] || fail "handlingsplan status"
"$py" - "$r1" <<'PY' || fail "report 1 content"
import json, sys
r = json.load(open(sys.argv[1]))
paths = [d["path"] for d in r["documents"]]
assert paths == sorted(paths), "documents not sorted"
assert r["archive"]["totals"]["duplicates"] == 1, r["archive"]["totals"]
dup = [d for d in r["documents"] if d.get("duplicates")]
assert len(dup) == 1 and dup[0]["duplicates"][0].endswith("budget.docx"), dup
assert not any("loop" in p for p in paths), "followed a symlink loop"
assert r["archive"]["totals"]["errors"] == 3, r["archive"]["totals"]
fps = [p["fingerprint"] for d in r["documents"] for p in d["perspectives"]]
assert len(fps) == len(set(fps)) and all(len(f) == 16 for f in fps)
assert any(f["id"] == "archive.coordinator_role" or f["id"].startswith("archive.") for f in r["archive"]["findings"])
PY

# 2. Warm re-scan: everything from the cache, same report (timing fields aside).
"$cli" scan "$arc" --out "$work/out1" -j 2 2> "$work/warm.err" > "$work/warm.out"
grep -q "8/8 documents.*8 from cache" "$work/warm.err" || { cat "$work/warm.err"; fail "warm re-scan did not use the cache"; }
# The summary on stdout (made from the scan's model, not from the JSON read back).
grep -q "^Styrkoll: 9 filer, 8 dokument (1 dubbletter)$" "$work/warm.out" || { cat "$work/warm.out"; fail "summary totals"; }
grep -q "^  ej läst: .*trasig.pdf" "$work/warm.out" || { cat "$work/warm.out"; fail "summary: unreadable documents"; }
grep -q "^  rapport: $work/out1/report.json, $work/out1/report.html$" "$work/warm.out" || { cat "$work/warm.out"; fail "summary: report paths"; }
"$py" - "$r1" "$work/out1/report.json" <<'PY' || fail "warm report differs"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b):
    r.pop("scan")
assert a == b
PY

# 2b. After a rule change the re-scan analyses the cached text and tokens
# again (no parsing) and gives exactly what a scan without cache gives.
rules=$work/rules
cp -r "$root/rules/valfardsbrott" "$rules"
sed -i 's/^version: .*/version: e2e-changed/' "$rules/pack.yaml"
sed -i 's/^message: .*/message: "Ändrad regel: kontroller av utbetalningar saknas."/' "$rules/rules/payment_controls.yaml"
"$cli" scan "$arc" --rules "$rules" --out "$work/out1" -j 2 --quiet --cache "$work/out1/cache.sqlite" --json "$work/changed.json"
"$cli" scan "$arc" --rules "$rules" --out "$work/outnc" -j 2 --quiet --no-cache
"$py" - "$work/changed.json" "$work/outnc/report.json" <<'PY' || fail "rule-change re-scan differs from a scan without cache"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b):
    r.pop("scan")
assert a == b
msgs = [p["message"] for d in a["documents"] for p in d.get("perspectives", [])]
assert "Ändrad regel: kontroller av utbetalningar saknas." in msgs, "the changed rule is not in the report"
PY
"$py" - "$work/out1/cache.sqlite" <<'PY' || fail "cached documents carry no tokens, or old packs' results were kept"
import sqlite3, sys
rows = sqlite3.connect(sys.argv[1]).execute("select document from documents").fetchall()
# The binary row ends with its tokens, whose section starts with the tokenizer version ("icuNN/tN").
assert rows and all(r[0].startswith(b"\x13styrkoll-document/2") and b"/t2" in r[0] for r in rows), len(rows)
db = sqlite3.connect(sys.argv[1])
per_doc = db.execute("select max(n) from (select count(distinct pack) as n from results group by sha256)").fetchone()[0]
assert per_doc == 1, f"results of {per_doc} rule packs kept for one document (the cache grows with every rule change)"
PY

# 2c. A damaged cache (rows cut short, bytes changed, invalid UTF-8 in a
# cached text, a row of an old encoding) costs re-reading the file, never a
# crash or a lost document: the report equals the one made without cache.
"$py" - "$work/out1/cache.sqlite" <<'PY'
import sqlite3, sys, random
db = sqlite3.connect(sys.argv[1])
rows = db.execute("select rowid, document from documents").fetchall()
rnd = random.Random(5)
for k, (rowid, doc) in enumerate(rows):
    doc = bytearray(doc)
    if k % 4 == 0:
        doc = doc[: len(doc) // 2]
    elif k % 4 == 1:
        for _ in range(8):
            doc[rnd.randrange(len(doc))] = rnd.randrange(256)
    elif k % 4 == 2:
        i = doc.find("ö".encode())
        doc[i] = 0xFF
    else:
        doc = b'{"v":1,"metadata":{},"blocks":[]}'
    db.execute("update documents set document=? where rowid=?", (bytes(doc), rowid))
db.commit()
print(len(rows), "cached documents damaged")
PY
sed -i 's/^version: .*/version: e2e-changed-again/' "$rules/pack.yaml"
set +e
"$cli" scan "$arc" --rules "$rules" --out "$work/out1" -j 2 --quiet --json "$work/damaged.json"
rc=$?
set -e
[ $rc -eq 0 ] || fail "scan over a damaged cache: exit code $rc"
validate "$work/damaged.json" || fail "report over a damaged cache does not validate"
"$py" - "$work/damaged.json" "$work/outnc/report.json" <<'PY' || fail "a damaged cache lost or changed documents"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
status = lambda r: [(d["path"], d["status"], (d.get("error") or {}).get("code")) for d in r["documents"]]
assert status(a) == status(b), (status(a), status(b))
PY

# 2d. A re-scan of cached documents queues them up to four deep per worker; a
# document that hangs or crashes its worker loses only itself: the one
# queued behind it is analysed again, like every other document.
sed -i 's/^version: .*/version: e2e-queued/' "$rules/pack.yaml"
"$cli" scan "$arc" --rules "$rules" --out "$work/outq" -j 2 --quiet --json "$work/unqueued.json"
sed -i 's/^version: .*/version: e2e-queued-again/' "$rules/pack.yaml"
set +e
STYRKOLL_TEST_HANG_ON=budget-kopia STYRKOLL_TEST_CRASH_ON=handlingsplan \
  "$cli" scan "$arc" --rules "$rules" --out "$work/outq" -j 1 --timeout 2 --quiet --json "$work/queued.json"
rc=$?
set -e
[ $rc -eq 0 ] || fail "queued re-scan: exit code $rc"
validate "$work/queued.json" || fail "queued re-scan report does not validate"
"$py" - "$work/queued.json" "$work/unqueued.json" <<'PY' || fail "a crash or hang in a queued re-scan lost or changed other documents"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
da = {d["path"]: d for d in a["documents"]}
db = {d["path"]: d for d in b["documents"]}
assert sorted(da) == sorted(db), (sorted(da), sorted(db))
for path, d in da.items():
    if path.endswith("budget-kopia.docx"):
        assert d["error"]["code"] == "timeout", d["error"]
    elif path.endswith("handlingsplan.pdf"):
        assert d["error"]["code"] == "crashed", d["error"]
    else:
        assert d == db[path], path
PY

# 3. Interrupted scan resumes: stop a scan while one document hangs; the rest is cached.
rm -rf "$work/out2"
STYRKOLL_TEST_HANG_ON=zz-hanger "$cli" scan "$arc" --out "$work/out2" --timeout 600 -j 1 --quiet &
pid=$!
for i in $(seq 1 300); do
  n=$("$py" -c 'import sqlite3,sys
try:
    print(sqlite3.connect(sys.argv[1]).execute("select count(*) from results").fetchone()[0])
except Exception:
    print(0)' "$work/out2/cache.sqlite" 2>/dev/null || echo 0)
  [ "$n" -ge 6 ] && break
  sleep 0.2
done
kill -INT $pid
set +e
wait $pid
rc=$?
set -e
[ $rc -eq 130 ] || fail "interrupted scan exit code $rc (expected 130)"
[ ! -e "$work/out2/report.json" ] || fail "an interrupted scan must not write a report"
"$cli" scan "$arc" --out "$work/out2" -j 1 2> "$work/resume.err" >/dev/null
grep -q "8/8 documents.*6 from cache" "$work/resume.err" || { cat "$work/resume.err"; fail "resume did not reuse finished documents"; }
validate "$work/out2/report.json" || fail "resumed report does not validate"

# 4. A second scan after an edit, with assessments and a baseline: diff and assessments applied.
fp=$("$py" -c 'import json,sys
r=json.load(open(sys.argv[1]))
d=[d for d in r["documents"] if d["path"].endswith("budget-kopia.docx")][0]
print([p for p in d["perspectives"] if p["coverage"]!="strong"][0]["fingerprint"])' "$r1")
cat > "$work/bedomningar.yaml" <<YAML
assessments:
  - fingerprint: $fp
    status: accepted_risk
    comment: "Hanteras i nästa budgetprocess"
    date: 2026-11-25
    by: "Samordnaren"
  - document: isp.odt
    perspective: access_logging
    status: handled
YAML
rm "$arc/anteckning.md"
"$cli" scan "$arc" --out "$work/out3" --assessments "$work/bedomningar.yaml" --baseline "$r1" --quiet
r3=$work/out3/report.json
validate "$r3" || fail "report 3 does not validate"
"$py" - "$r3" "$fp" <<'PY' || fail "assessments/baseline not applied"
import json, sys
r = json.load(open(sys.argv[1]))
fp = sys.argv[2]
found = [p for d in r["documents"] for p in d["perspectives"] if p["fingerprint"] == fp]
assert found and found[0]["assessment"]["status"] == "accepted_risk", found
isp = [p for d in r["documents"] if d["path"].endswith("isp.odt") for p in d["perspectives"] if p["id"] == "access_logging"]
assert isp and isp[0]["assessment"]["status"] == "handled", isp
b = r["baseline"]
assert b["assessed"] >= 1, b
assert r["archive"]["totals"]["open_gaps"] < r["archive"]["totals"]["gaps"]
PY
"$cli" diff "$r1" "$r3" > "$work/diff.txt"
grep -q "Bedömda:" "$work/diff.txt" || fail "diff output"
"$cli" diff "$r1" "$r3" --json | "$py" -c 'import json,sys; d=json.load(sys.stdin); assert "items" in d'

# 5. Exit codes: --fail-on, usage errors.
set +e
"$cli" scan "$arc" --out "$work/out3" --fail-on missing --quiet; rc=$?
"$cli" scan --no-such-option >/dev/null 2>&1; rc2=$?
"$cli" scan "$arc" --rules /nonexistent --out "$work/out4" --quiet 2>/dev/null; rc3=$?
set -e
[ $rc -eq 1 ] || fail "--fail-on missing with gaps: exit $rc"
[ $rc2 -eq 2 ] || fail "usage error: exit $rc2"
[ $rc3 -eq 2 ] || fail "bad rule pack: exit $rc3"
echo "scan e2e ok"
