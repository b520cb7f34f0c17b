#!/usr/bin/env bash
# Extraction throughput: styrkoll's PDF ingestion against pdftotext on the
# same PDFs, same machine, same run (both single-threaded).
# Usage: bench/extract_bench.sh [DIR_WITH_PDFS...]   (default: corpus/docs tests/data/fixtures)
# Writes bench/results/extract.json and prints a table.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cli=${STYRKOLL:-$here/build/tools/styrkoll}
[ $# -gt 0 ] || set -- "$here/corpus/docs" "$here/tests/data/fixtures"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Only PDFs that open (the error fixtures are not throughput material).
n=0; pages=0
for d in "$@"; do
  while IFS= read -r -d '' f; do
    p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/{print $2}') || true
    [ -n "${p:-}" ] || continue
    pdftotext "$f" /dev/null 2>/dev/null || continue
    n=$((n+1)); pages=$((pages+p))
    ln -s "$(realpath "$f")" "$tmp/$n.pdf"
  done < <(find "$d" -name '*.pdf' -print0 2>/dev/null)
done
[ $n -gt 0 ] || { echo "no PDFs found"; exit 1; }
rounds=${ROUNDS:-5}
now() { date +%s.%N; }
t0=$(now)
for r in $(seq "$rounds"); do for f in "$tmp"/*.pdf; do pdftotext "$f" /dev/null; done; done
t1=$(now)
for r in $(seq "$rounds"); do "$cli" scan --quiet "$tmp" >/dev/null || true; done
t2=$(now)
python3 - "$n" "$pages" "$rounds" "$t0" "$t1" "$t2" "$here/bench/results/extract.json" <<'PY'
import json, sys
n, pages, rounds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
t0, t1, t2 = map(float, sys.argv[4:7])
ptt = (t1 - t0) / rounds
sk = (t2 - t1) / rounds
res = {"pdfs": n, "pages": pages, "rounds": rounds,
       "pdftotext_s": round(ptt, 4), "styrkoll_s": round(sk, 4),
       "pdftotext_pages_per_s": round(pages / ptt, 1), "styrkoll_pages_per_s": round(pages / sk, 1),
       "ratio_styrkoll_to_pdftotext": round(sk / ptt, 3)}
print(f"{n} PDFs, {pages} pages, mean of {rounds} rounds, one core")
print(f"  pdftotext (one process per file): {ptt:8.3f} s  {pages/ptt:8.1f} pages/s")
print(f"  styrkoll scan (in process):       {sk:8.3f} s  {pages/sk:8.1f} pages/s  ({sk/ptt:.2f}x pdftotext)")
json.dump(res, open(sys.argv[7], "w"), indent=2)
PY
