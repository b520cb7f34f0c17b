#!/usr/bin/env bash
# CLI level: `styrkoll extract` on every fixture (and on ../shared/realdocs
# when that folder exists) never crashes, prints valid JSON for documents it
# reads, and a one-line typed error naming the file for those it cannot.
set -u
cli=$1
fixtures=$2
realdocs=${3:-$(cd "$(dirname "$0")/../../.." && pwd)/shared/realdocs}
fail=0
check() {
  local f=$1
  out=$("$cli" extract --json "$f" 2>/tmp/styrkoll-extract-err.$$)
  rc=$?
  if [ $rc -eq 0 ]; then
    if ! printf '%s' "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["blocks"], "no blocks"' 2>/dev/null; then
      echo "FAIL $f: invalid JSON or no blocks"; fail=1
    fi
  elif [ $rc -eq 1 ]; then
    if ! grep -qF "$(basename "$f")" /tmp/styrkoll-extract-err.$$; then
      echo "FAIL $f: error message does not name the file: $(cat /tmp/styrkoll-extract-err.$$)"; fail=1
    fi
  else
    echo "FAIL $f: exit code $rc (crash?)"; fail=1
  fi
}
n=0
for f in "$fixtures"/*; do
  case "$f" in *.md|*.pdf|*.docx|*.odt|*.txt|*.html|*.doc|*.png) ;; *) continue ;; esac
  [ "$(basename "$f")" = FIXTURES.md ] && continue
  check "$f"; n=$((n+1))
done
if [ -d "$realdocs" ]; then
  while IFS= read -r -d '' f; do
    [ "$(basename "$f")" = README.md ] && continue
    # Real documents must all be read, not only fail cleanly.
    if ! "$cli" extract --json "$f" >/dev/null 2>&1; then echo "FAIL $f: not extracted"; fail=1; fi
    n=$((n+1))
  done < <(find "$realdocs" -type f -name '*.md' -print0)
fi
rm -f /tmp/styrkoll-extract-err.$$
echo "checked $n files"
exit $fail
