#!/usr/bin/env bash
# The same archive and rule pack give byte-identical JSON (the timing fields
# of "scan" aside) whatever the number of workers and the order in which the
# files were written to the folder. Finding fingerprints depend on the path
# inside the scanned folder only: not on how the folder was named on the
# command line, nor on where a symlinked file's target lives.
set -euo pipefail
cli=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t files < <(ls "$root"/corpus/docs/* | head -24)
files+=("$root/tests/data/fixtures/truncated.pdf" "$root/tests/data/fixtures/scanned.pdf")
strip() {  # the report without its "scan" object
  /usr/bin/python3 - "$1" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
print(re.sub(r'"scan":\{[^{}]*(\{[^{}]*\}[^{}]*)*\}', '"scan":{}', text, count=1), end="")
PY
}
run() {  # run NAME ORDER WORKERS
  rm -rf "$work/arkiv"
  mkdir -p "$work/arkiv"
  if [ "$2" = forward ]; then list=("${files[@]}"); else list=(); for ((i=${#files[@]}-1; i>=0; i--)); do list+=("${files[$i]}"); done; fi
  for f in "${list[@]}"; do cp "$f" "$work/arkiv/"; done
  (cd "$work" && "$cli" scan arkiv --out "$work/out-$1" --no-cache $3 --quiet)
  strip "$work/out-$1/report.json" > "$work/$1.json"
}
run a forward "-j 1"
run b reverse "-j 2"
run c forward "-j 2"
# In one process (the system's fontconfig) and in workers (an empty
# fontconfig configuration: the corpus PDFs do not embed their fonts).
run e forward --in-process
cmp "$work/a.json" "$work/b.json" || { echo "FAIL: -j1 forward and -j2 reverse differ"; exit 1; }
cmp "$work/a.json" "$work/c.json" || { echo "FAIL: -j1 and -j2 differ"; exit 1; }
/usr/bin/python3 - "$work/c.json" "$work/e.json" <<'PY' || { echo "FAIL: in-process and worker scans differ"; exit 1; }
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
a["scan"] = b["scan"] = {}
assert a == b
PY
fingerprints() {
  /usr/bin/python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))
print("\n".join(sorted(d["path"].split("/")[-1] + " " + p["fingerprint"] for d in r["documents"] for p in d.get("perspectives", []))))' "$1"
}
mkdir -p "$work/links/arkiv"
for f in "$work"/arkiv/*; do ln -s "$f" "$work/links/arkiv/$(basename "$f")"; done
(cd "$work/links" && "$cli" scan ./arkiv/ --out "$work/out-d" --no-cache -j 2 --quiet)
fingerprints "$work/out-c/report.json" > "$work/c.fp"
fingerprints "$work/out-d/report.json" > "$work/d.fp"
[ -s "$work/c.fp" ] || { echo "FAIL: no fingerprints"; exit 1; }
cmp "$work/c.fp" "$work/d.fp" || { echo "FAIL: fingerprints depend on the root's spelling or on symlink targets"; diff "$work/c.fp" "$work/d.fp" | head; exit 1; }
echo "determinism ok ($(wc -c < "$work/a.json") bytes)"
