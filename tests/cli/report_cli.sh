#!/usr/bin/env bash
# CLI level: `styrkoll report` writes HTML, CSV and SARIF from a JSON report,
# and uses exit code 2 for usage errors and 1 for unreadable input.
set -euo pipefail
cli=$1
sample=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $1"; exit 1; }

"$cli" report "$sample" --html "$work/r.html" --csv "$work/r.csv" --sarif "$work/r.sarif"
[ -s "$work/r.html" ] && [ -s "$work/r.csv" ] && [ -s "$work/r.sarif" ] || fail "an output is missing"
grep -q '<html lang="sv">' "$work/r.html" || fail "HTML is not Swedish by default"
grep -q "Bedömningen vilar på: villkorande ord <mark>bör</mark>" "$work/r.html" || fail "HTML does not show which words carried which class"
head -c 3 "$work/r.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "CSV has no BOM"
grep -q '^.*sökväg,titel,dokumenttyp,status,perspektiv' "$work/r.csv" || fail "CSV header"
python3 - "$work/r.sarif" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0", log["version"]
assert len(log["runs"][0]["results"]) == 20, len(log["runs"][0]["results"])
PY

"$cli" report "$sample" --html "$work/en.html" --lang en --csv "$work/semi.csv" --csv-semicolon --no-bom
grep -q '<html lang="en">' "$work/en.html" || fail "--lang en"
head -1 "$work/semi.csv" | grep -q '^sökväg;titel;dokumenttyp;' || fail "--csv-semicolon --no-bom"
"$cli" report "$sample" --sarif - | python3 -c 'import json,sys; json.load(sys.stdin)' || fail "--sarif - (stdout)"

expect_rc() {
  local want=$1; shift
  set +e
  "$@" >"$work/out.txt" 2>"$work/err.txt"
  local rc=$?
  set -e
  [ "$rc" -eq "$want" ] || { cat "$work/err.txt"; fail "exit $rc, expected $want: $*"; }
}
expect_rc 2 "$cli" report
expect_rc 2 "$cli" report "$sample"
expect_rc 2 "$cli" report "$sample" --html "$work/x.html" --lang de
expect_rc 2 "$cli" report "$sample" --bogus
expect_rc 1 "$cli" report "$work/does-not-exist.json" --html "$work/x.html"
grep -q 'does-not-exist.json' "$work/err.txt" || fail "the error does not name the file"
echo '{"schema": "styrkoll.report/0"}' >"$work/old.json"
expect_rc 1 "$cli" report "$work/old.json" --csv "$work/x.csv"
grep -q 'old.json: report: schema' "$work/err.txt" || fail "schema error: $(cat "$work/err.txt")"
echo 'not json' >"$work/bad.json"
expect_rc 1 "$cli" report "$work/bad.json" --sarif "$work/x.sarif"
grep -q 'bad.json: report: not valid JSON' "$work/err.txt" || fail "JSON error: $(cat "$work/err.txt")"
expect_rc 1 "$cli" report "$sample" --html "$work/no/such/dir/r.html"
echo ok
