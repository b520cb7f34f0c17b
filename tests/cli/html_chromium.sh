#!/usr/bin/env bash
# Browser level: render the sample report with `styrkoll report`, load it in
# headless Chromium (from a file:// URL, no network), and check that after the
# page's own script has run the matrix and a document's gap text are in the
# DOM. Also takes a screenshot and checks it is a real image.
#
# Usage: html_chromium.sh STYRKOLL_CLI SAMPLE_REPORT.json [SCREENSHOT_COPY.png]
# Exit 77 (ctest SKIP_RETURN_CODE) when no Chromium is installed.
set -euo pipefail
cli=$1
sample=$2
keep=${3:-}

browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser=$(command -v "$b"); break; fi
done
if [ -z "$browser" ]; then
  echo "SKIP: no chromium found on PATH (apt-get install -y chromium)"
  exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" report "$sample" --html "$work/report.html"

run_browser() {
  # A fresh profile per run; nothing may reach the network.
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>"$work/stderr.txt"
}

run_browser --dump-dom "file://$work/report.html" >"$work/dom.html" || {
  echo "FAIL: chromium --dump-dom failed"; cat "$work/stderr.txt"; exit 1; }

fail() { echo "FAIL: $1"; exit 1; }
dom="$work/dom.html"
[ -s "$dom" ] || fail "empty DOM dump"
# The page script ran: it marks <body> and fills in the document count.
grep -q 'data-ready="yes"' "$dom" || fail "the page script did not run (no data-ready on <body>)"
grep -q 'class="[^"]*\bjs\b' "$dom" || fail "the script did not mark <html> with class js"
grep -q 'Visar 8 av 8 dokument' "$dom" || fail "the filter count was not filled in"
# The matrix with its cells.
grep -q '<table class="matrix" id="matrix">' "$dom" || fail "no matrix table"
grep -q 'data-coverage="missing"' "$dom" || fail "no missing cell in the matrix"
grep -q 'data-coverage="strong"' "$dom" || fail "no strong cell in the matrix"
# A document's gap: message and recommended wording, text escaped.
grep -q 'Dokumentet saknar kontroller som hindrar att utbetalningar manipuleras' "$dom" || fail "no gap message"
grep -q 'Varje utbetalning ska hanteras av minst två personer' "$dom" || fail "no recommendation"
grep -q '&lt;ekonomi&gt; &amp; verksamhet' "$dom" || fail "title text not escaped as expected"
grep -q 'Förändring sedan förra granskningen' "$dom" || fail "no baseline section"
echo "dump-dom ok"

# Filtering and sorting run in the browser: drive the controls from an extra
# script appended to a copy of the page and read the results back from the DOM.
sed 's|</body>|<script>(function(){\
function set(id, v, ev){ var e = document.getElementById(id); if (e.type === "checkbox") e.checked = v; else e.value = v; e.dispatchEvent(new Event(ev)); }\
var b = document.body, count = function(){ return document.getElementById("f-count").textContent; };\
set("f-type", "mal_och_budget", "change"); b.setAttribute("data-t-type", count());\
set("f-type", "", "change"); set("f-gaps", true, "change"); b.setAttribute("data-t-gaps", count());\
set("f-gaps", false, "change"); set("f-text", "bankgiro", "input"); b.setAttribute("data-t-text", count());\
set("f-text", "", "input"); set("f-sort", "score", "change");\
b.setAttribute("data-t-first", document.querySelector("#doc-list section.doc").id);\
})();</script></body>|' "$work/report.html" >"$work/driven.html"
run_browser --dump-dom "file://$work/driven.html" >"$work/driven-dom.html" || {
  echo "FAIL: chromium --dump-dom (driven) failed"; cat "$work/stderr.txt"; exit 1; }
dd="$work/driven-dom.html"
grep -q 'data-t-type="Visar 2 av 8 dokument"' "$dd" || fail "type filter: $(grep -o 'data-t-type="[^"]*"' "$dd")"
grep -q 'data-t-gaps="Visar 5 av 8 dokument"' "$dd" || fail "gap filter: $(grep -o 'data-t-gaps="[^"]*"' "$dd")"
grep -q 'data-t-text="Visar 1 av 8 dokument"' "$dd" || fail "text search: $(grep -o 'data-t-text="[^"]*"' "$dd")"
# Lowest coverage score first: the guidelines for ekonomiskt bistånd (score 0).
first=$(grep -o 'data-t-first="[^"]*"' "$dd")
grep -q "id=\"${first#data-t-first=\"}[^>]*data-path=\"socialtjänst/Riktlinjer ekonomiskt bistånd.html\"" "$dd" \
  || fail "sort by score: first is $first"
echo "filter and sort ok"

run_browser --screenshot="$work/shot.png" --window-size=1280,2400 "file://$work/report.html" >/dev/null || {
  echo "FAIL: chromium --screenshot failed"; cat "$work/stderr.txt"; exit 1; }
[ -f "$work/shot.png" ] || fail "no screenshot written"
size=$(stat -c %s "$work/shot.png")
[ "$size" -gt 50000 ] || fail "screenshot is only $size bytes"
head -c 8 "$work/shot.png" | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a' || fail "screenshot is not a PNG"
if [ -n "$keep" ]; then cp "$work/shot.png" "$keep"; fi
echo "screenshot ok: $size bytes"
echo ok
