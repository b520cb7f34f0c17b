#!/usr/bin/env bash
# Accuracy on the authored corpus must not fall: document-type accuracy,
# coverage agreement with the labels, and the lead over the keyword baseline.
# The floors are the project's targets where they are met, and otherwise the
# level reached so far (see bench/README.md and the issue notes); raise them
# as the rules improve, never lower them.
set -euo pipefail
cli=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
# The labels were audited against coverage-labels.md and the corpus grew by ten
# documents with real documents' traps in session 4 (issue 14): agreement is
# measured against a stricter, different set of labels than before, so its floor
# restarts at the level reached then. Strong precision and recall are the
# definition's costliest errors.
TYPE_FLOOR=${TYPE_FLOOR:-0.95}
AGREEMENT_FLOOR=${AGREEMENT_FLOOR:-0.86}
LEAD_FLOOR=${LEAD_FLOOR:-0.30}
STRONG_PRECISION_FLOOR=${STRONG_PRECISION_FLOOR:-0.90}
STRONG_RECALL_FLOOR=${STRONG_RECALL_FLOOR:-0.88}
"$cli" eval "$root/corpus/docs" --labels "$root/corpus/labels.yaml" --rules "$root/rules/valfardsbrott" --json > "${TMPDIR:-/tmp}/styrkoll-eval.$$.json"
/usr/bin/python3 - "${TMPDIR:-/tmp}/styrkoll-eval.$$.json" "$TYPE_FLOOR" "$AGREEMENT_FLOOR" "$LEAD_FLOOR" \
  "$STRONG_PRECISION_FLOOR" "$STRONG_RECALL_FLOOR" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
type_floor, agree_floor, lead_floor, sp_floor, sr_floor = map(float, sys.argv[2:7])
t, a, b = e["type_accuracy"], e["engine"]["agreement"], e["baseline"]["agreement"]
sp, sr = e["engine"]["strong_precision"], e["engine"]["strong_recall"]
print(f"type accuracy {t:.3f} (floor {type_floor}), agreement {a:.3f} (floor {agree_floor}), "
      f"baseline {b:.3f}, lead {a - b:.3f} (floor {lead_floor}), strong precision {sp:.3f} (floor {sp_floor}), "
      f"strong recall {sr:.3f} (floor {sr_floor}), documents {e['documents']}")
ok = (t >= type_floor and a >= agree_floor and a - b >= lead_floor and sp >= sp_floor and sr >= sr_floor
      and e["unreadable"] == 0)
sys.exit(0 if ok else 1)
PY
rc=$?
rm -f "${TMPDIR:-/tmp}/styrkoll-eval.$$.json"
exit $rc
