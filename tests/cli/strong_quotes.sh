#!/usr/bin/env bash
# Every strong verdict must be checkable from its quote alone: the quote
# contains the tie to welfare crime and every marker the verdict lists
# (coverage-labels.md, "Evidence"). Runs `styrkoll check --json` over the
# corpus, the test fixtures and the real documents in ../shared/realdocs
# (when present) and checks each strong evidence.
set -euo pipefail
cli=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
realdocs=${STYRKOLL_REALDOCS:-$root/../shared/realdocs}
files=()
while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$root/corpus/docs" "$root/tests/data/fixtures" -type f \
  \( -name '*.pdf' -o -name '*.docx' -o -name '*.odt' -o -name '*.md' -o -name '*.txt' -o -name '*.html' \) ! -name 'FIXTURES.md' -print0 | sort -z)
if [ -d "$realdocs" ]; then
  while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$realdocs" -type f \( -name '*.txt' -o -name '*.md' \) \
    ! -name 'README.md' -print0 | sort -z)
fi
out=${TMPDIR:-/tmp}/styrkoll-strong-quotes.$$
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT
n=0
for f in "${files[@]}"; do
  # Files the engine cannot read are other tests' business (hostile fixtures).
  "$cli" check "$f" --rules "$root/rules/valfardsbrott" --json > "$out/$n.json" 2>/dev/null || rm -f "$out/$n.json"
  echo "$f" > "$out/$n.name"
  n=$((n + 1))
done
/usr/bin/python3 - "$out" <<'PY'
import json, os, re, sys, unicodedata
d = sys.argv[1]
def norm(s):
    s = unicodedata.normalize("NFKC", s).casefold()
    return re.sub(r"\s+", " ", s)
checked = bad = 0
for f in sorted(os.listdir(d)):
    if not f.endswith(".json"):
        continue
    name = open(os.path.join(d, f[:-5] + ".name")).read().strip()
    entry = json.load(open(os.path.join(d, f)))
    groups = [("wc_explicit", entry.get("wc_explicit", {}).get("evidence", []) if isinstance(entry.get("wc_explicit"), dict) else entry.get("wc_evidence", []))]
    for p in entry.get("perspectives", []):
        groups.append((p.get("id"), p.get("evidence", [])))
    for pid, evidence in groups:
        for e in evidence:
            if e.get("strength") != "strong":
                continue
            checked += 1
            quote = norm(e.get("quote", ""))
            markers = e.get("markers", [])
            if not any(m.split(":", 1)[0] in ("tie", "term") for m in markers):
                bad += 1
                print(f"{name}: {pid}: strong without a tie marker: {markers}")
            for m in markers:
                cls, _, word = m.partition(":")
                if cls in ("position",) or not word:
                    continue
                if norm(word) not in quote:
                    bad += 1
                    print(f"{name}: {pid}: marker {m!r} is not in the quote: {e.get('quote')!r}")
print(f"{checked} strong evidence quotes checked, {bad} problems")
sys.exit(1 if bad else 0)
PY
