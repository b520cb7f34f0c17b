# Sourced by the tests on ../shared/realdocs: sets $realdocs to the folder of
# real documents (STYRKOLL_REALDOCS, else ../shared/realdocs beside the
# checkout, else /work/shared/realdocs), or stops the test naming the problem.
realdocs=${STYRKOLL_REALDOCS:-}
for candidate in "$root/../shared/realdocs" /work/shared/realdocs; do
  [ -z "$realdocs" ] && [ -f "$candidate/regions/labels.yaml" ] && realdocs=$candidate
done
if [ -z "$realdocs" ]; then
  echo "$(basename "$0"): ../shared/realdocs not found (set STYRKOLL_REALDOCS)" >&2
  exit 1
fi
