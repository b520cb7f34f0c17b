"""Uses the installed library through bindings/python/styrkoll.py (ctypes).
Usage: STYRKOLL_LIBRARY=<prefix>/lib/libstyrkoll.so.0 python3 test_styrkoll.py BINDINGS_DIR CORPUS RULES"""
import sys

sys.path.insert(0, sys.argv[1])
import styrkoll  # noqa: E402

corpus, rules = sys.argv[2], sys.argv[3]
assert styrkoll.version()
with styrkoll.Engine(rules) as engine:
    assert engine.rules["id"] == "valfardsbrott", engine.rules
    doc = engine.analyze_file(corpus + "/norrby-handlingsplan-valfardsbrott-2025-2027.pdf")
    assert doc["doc_type"]["id"] == "handlingsplan_valfardsbrott", doc["doc_type"]
    assert doc["wc_explicit"] == "strong"
    assert any(p["coverage"] == "strong" for p in doc["perspectives"])
    assert all(len(p["fingerprint"]) == 16 for p in doc["perspectives"])
    with open(corpus + "/sjohamn-utbildningsplan-ifo-2025.md", "rb") as f:
        doc2 = engine.analyze_bytes(f.read(), name="diarium/utbildningsplan.md", format_hint="markdown")
    assert doc2["doc_type"]["id"] == "utbildningsplan", doc2["doc_type"]
    try:
        engine.analyze_file(corpus + "/does-not-exist.pdf")
        raise AssertionError("expected an error")
    except styrkoll.Error as e:
        assert e.code == -10 and "does-not-exist.pdf" in str(e), (e.code, str(e))
    report = engine.scan([corpus + "/sjohamn-utbildningsplan-ifo-2025.md"])
    assert report["schema"] == "styrkoll.report/1" and len(report["documents"]) == 1
print("python ctypes test ok:", doc["doc_type"]["id"], len(doc["perspectives"]), "perspectives")
