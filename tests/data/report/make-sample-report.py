# Writes tests/data/report/sample-report.json, the sample report of the renderer tests.
# The JSON is committed; rerun this (python3, standard library only) only to change the sample.
import hashlib, json, os

def fp(*parts):
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]

def sha(s):
    return hashlib.sha256(s.encode()).hexdigest()

def ev(page, section, quote, start, markers, strength, rule):
    return {"page": page, "section": section, "quote": quote, "char_start": start,
            "char_end": start + len(quote), "markers": markers, "strength": strength, "rule_id": rule}

def persp(doc, pid, name, cov, reasons, evidence=(), message="", rec="", rules=(), section=(), assessment=None):
    rules = list(rules)
    p = {"id": pid, "name": name, "coverage": cov, "reasons": reasons, "evidence": list(evidence),
         "message": message if cov != "strong" else "", "recommendation": rec if cov != "strong" else "",
         "rule_ids": rules, "fingerprint": fp(rules[0] if rules else pid, doc, "\x1e".join(section))}
    if assessment:
        p["assessment"] = assessment
    return p

NAMES = {
    "wc_explicit": "Välfärdsbrottslighet nämns",
    "priority_goal": "Prioriterat mål mot välfärdsbrottslighet",
    "dedicated_resources": "Avsatta resurser",
    "named_responsibility": "Namngivet ansvar",
    "coordinator_role": "Samordnande funktion",
    "targets_indicators": "Mätbara mål och indikatorer",
    "followup_reporting": "Uppföljning och återrapportering",
    "risk_analysis": "Risk- och sårbarhetsanalys",
    "payment_controls": "Kontroller av utbetalningar",
    "identity_verification": "Identitets- och bosättningskontroll",
    "police_report_recovery": "Polisanmälan och återkrav",
    "supplier_vetting": "Kontroll av leverantörer och utförare",
    "contract_followup": "Avtalsuppföljning",
    "case_controls": "Kontroller i ärenden om bistånd",
    "info_sharing_authorities": "Underrättelse och informationsutbyte med myndigheter",
}
RULES = {
    "wc_explicit": "vb.valfardsbrott.namns", "priority_goal": "vb.mal.prioriterat", "dedicated_resources": "vb.budget.resurser",
    "named_responsibility": "vb.ansvar.namngivet", "coordinator_role": "vb.samordning.funktion",
    "targets_indicators": "vb.mal.indikatorer", "followup_reporting": "vb.uppfoljning.plan",
    "risk_analysis": "vb.risk.analys", "payment_controls": "vb.utbetalning.kontroller",
    "identity_verification": "vb.identitet.kontroll", "police_report_recovery": "vb.aterkrav.polisanmalan",
    "supplier_vetting": "vb.leverantor.kontroll", "contract_followup": "vb.avtal.uppfoljning",
    "case_controls": "vb.bistand.kontroller", "info_sharing_authorities": "vb.myndigheter.underrattelse",
}
MSG = {
    "wc_explicit": ("Dokumentet nämner inte välfärdsbrottslighet.", "Kommunen ska aktivt förebygga, upptäcka och åtgärda välfärdsbrottslighet, det vill säga när kommunens utbetalningar och tjänster utnyttjas brottsligt."),
    "priority_goal": ("Dokumentet saknar ett prioriterat mål mot välfärdsbrottslighet.", "Kommunfullmäktige prioriterar arbetet mot välfärdsbrottslighet under <perioden>. Målet är att felaktiga utbetalningar ska minska och att fler misstänkta brott ska upptäckas och polisanmälas."),
    "dedicated_resources": ("Dokumentet avsätter inga resurser för arbetet mot välfärdsbrottslighet.", "<Kommunstyrelsen> tilldelas <belopp> kronor per år för en samordnare och för kontroller mot välfärdsbrottslighet."),
    "named_responsibility": ("Det framgår inte vem som ansvarar för arbetet mot välfärdsbrottslighet.", "<Kommundirektören> ansvarar för att arbetet mot välfärdsbrottslighet genomförs och följs upp i alla förvaltningar."),
    "coordinator_role": ("Dokumentet utser ingen samordnande funktion.", "Kommunen ska ha en samordnare mot välfärdsbrottslighet som är placerad vid <kommunledningskontoret>."),
    "targets_indicators": ("Målen saknar mätbara indikatorer.", "Indikatorer: antal polisanmälningar om bidragsbrott, återkrävt belopp i kronor och andel kontrollerade utbetalningar. Målvärde: <värde> år <år>."),
    "followup_reporting": ("Det saknas uppföljning och återrapportering.", "<Nämnden> återrapporterar arbetet mot välfärdsbrottslighet till kommunstyrelsen i delårsrapporten och i årsredovisningen."),
    "risk_analysis": ("Dokumentet kräver ingen riskanalys för välfärdsbrottslighet.", "Varje nämnd ska årligen analysera risken för välfärdsbrottslighet i sin verksamhet & ta in resultatet i internkontrollplanen."),
    "payment_controls": ("Dokumentet saknar kontroller som hindrar att utbetalningar manipuleras eller görs till fel mottagare.", "Varje utbetalning ska hanteras av minst två personer. Ändringar av bank- och kontouppgifter i leverantörsregistret ska verifieras mot <källa> av två personer innan nästa betalning."),
    "identity_verification": ("Handläggningen kontrollerar inte identitet och bosättning.", "Den sökandes identitet och folkbokföring ska kontrolleras mot <folkbokföringen> vid varje nyansökan om ekonomiskt bistånd."),
    "police_report_recovery": ("Det saknas rutin för polisanmälan och återkrav.", "Vid misstanke om bidragsbrott ska nämnden göra en polisanmälan och pröva återkrav enligt 9 kap. SoL."),
    "supplier_vetting": ("Leverantörer och utförare kontrolleras inte före avtal.", "Innan avtal tecknas ska leverantörens ägare, företrädare och skatteskulder kontrolleras; \"seriösa\" leverantörer är ett krav, inte en förhoppning."),
    "contract_followup": ("Avtalen följs inte upp systematiskt.", "Avtalsuppföljning ska ske minst en gång per år enligt en plan som <upphandlingschefen> ansvarar för."),
    "case_controls": ("Biståndsärenden saknar kontroller mot felaktiga utbetalningar.", "Handläggaren ska kontrollera uppgifter i ansökan mot Försäkringskassan, Skatteverket och CSN via SSBTEK innan beslut."),
    "info_sharing_authorities": ("Dokumentet saknar underrättelse till andra myndigheter.", "Nämnden ska underrätta Försäkringskassan, CSN och Skatteverket enligt lagen (2008:206) när en felaktig utbetalning misstänks."),
}

def p_missing(doc, pid, extra_reason=None, assessment=None):
    reasons = ["Inga passager i dokumentet tar upp perspektivet."]
    if extra_reason:
        reasons.append(extra_reason)
    m, r = MSG[pid]
    return persp(doc, pid, NAMES[pid], "missing", reasons, (), m, r, [RULES[pid]], (), assessment)

def p_weak(doc, pid, evidence, reasons, section, assessment=None):
    m, r = MSG[pid]
    return persp(doc, pid, NAMES[pid], "weak", reasons, evidence, m, r, [RULES[pid]], section, assessment)

def p_strong(doc, pid, evidence, section):
    return persp(doc, pid, NAMES[pid], "strong", ["Passagen är förpliktande, har en ansvarig och följs upp."],
                 evidence, "", "", [RULES[pid]], section)

def score(ps):
    w = {"strong": 1, "weak": 0.5, "missing": 0}
    return round(100 * sum(w[p["coverage"]] for p in ps) / len(ps), 1) if ps else None

def doc(path, fmt, pages, title, status, type_id=None, type_name=None, conf=0.0, source="auto", type_reasons=(),
        wc=None, wc_ev=(), ps=(), error=None, duplicates=None):
    d = {"path": path, "sha256": sha(path), "format": fmt, "pages": pages, "title": title, "status": status,
         "error": error,
         "doc_type": None if type_id is None else {"id": type_id, "name": type_name, "confidence": conf,
                                                    "source": source, "reasons": list(type_reasons)},
         "wc_explicit": wc, "wc_evidence": list(wc_ev), "coverage_score": score(list(ps)), "perspectives": list(ps)}
    if duplicates:
        d["duplicates"] = duplicates
    return d

docs = []

# 1. Mål och budget 2025: mostly weak/missing.
P = "budget/Mål och budget 2025–2027.pdf"
s_intro = ["1 Inledning"]
s_ks = ["4 Nämndernas uppdrag", "4.1 Kommunstyrelsen"]
q_wc = "Kommunen ska arbeta för att motverka välfärdsbrottslighet och fusk med offentliga medel."
q_ansvar = "Kommunstyrelsen ska leda arbetet mot välfärdsbrottslighet och rapportera i delårsrapporten."
q_mal = "Välfärdsbrottslighet bör vid behov uppmärksammas i nämndernas planering."
q_risk = "Omvärldsanalysen visar att risken för bidragsbrott & fakturabedrägerier ökar, se \"Lägesbild 2024\"."
ps = [
    p_weak(P, "wc_explicit", [ev(3, s_intro, q_wc, 5120, ["context:välfärdsbrottslighet"], "weak", RULES["wc_explicit"])],
           ["Välfärdsbrottslighet nämns bara i inledningen (bakgrundsavsnitt)."], s_intro),
    p_missing(P, "priority_goal", "Målavsnittet (avsnitt 3) saknar mål om välfärdsbrottslighet.",
              {"status": "accepted_risk", "comment": "Prioriteras i nästa budget 2026; se KS beslut §112.", "date": "2025-03-14", "by": "Åsa Öberg, säkerhetssamordnare"}),
    p_missing(P, "dedicated_resources"),
    p_strong(P, "named_responsibility", [ev(14, s_ks, q_ansvar, 40211, ["obligation:ska", "responsibility:kommunstyrelsen", "followup:delårsrapport"], "strong", RULES["named_responsibility"])], s_ks),
    p_missing(P, "coordinator_role"),
    p_weak(P, "targets_indicators", [ev(9, ["3 Mål", "3.2 Trygghet"], q_mal, 22010, ["hedge:bör", "hedge:vid behov"], "weak", RULES["targets_indicators"])],
           ["Formuleringen är villkorad (\"bör\", \"vid behov\").", "Inget mätbart målvärde eller indikator."], ["3 Mål", "3.2 Trygghet"]),
    p_strong(P, "followup_reporting", [ev(14, s_ks, q_ansvar, 40211, ["obligation:ska", "followup:delårsrapport"], "strong", RULES["followup_reporting"])], s_ks),
    p_weak(P, "risk_analysis", [ev(4, ["2 Omvärld"], q_risk, 8012, ["context:bidragsbrott"], "weak", RULES["risk_analysis"])],
           ["Risken beskrivs i omvärldsanalysen men ingen analys krävs av nämnderna."], ["2 Omvärld"]),
]
docs.append(doc(P, "pdf", 48, "Mål och budget 2025–2027 med plan för <ekonomi> & verksamhet", "analyzed",
                "mal_och_budget", "Mål och budget", 0.94, "auto",
                ["Titeln innehåller \"Mål och budget\".", "Typiska ord: \"Ramar per nämnd\", \"Kommunfullmäktiges mål\"."],
                "weak", [ev(3, s_intro, q_wc, 5120, ["context:välfärdsbrottslighet"], "weak", RULES["wc_explicit"])], ps))

# 2. Older Mål och budget (second doc of the same type) with a strong wc_explicit.
P2 = "budget/Mal_och_budget_2024.docx"
q2 = "Kommunfullmäktige ska prioritera arbetet mot välfärdsbrottslighet; kommundirektören ansvarar och återrapporterar i årsredovisningen."
ps2 = [
    p_strong(P2, "wc_explicit", [ev(0, ["Prioriteringar"], q2, 1880, ["obligation:ska", "responsibility:kommundirektören"], "strong", RULES["wc_explicit"])], ["Prioriteringar"]),
    p_strong(P2, "priority_goal", [ev(0, ["Prioriteringar"], q2, 1880, ["obligation:ska"], "strong", RULES["priority_goal"])], ["Prioriteringar"]),
    p_missing(P2, "dedicated_resources"),
    p_strong(P2, "named_responsibility", [ev(0, ["Prioriteringar"], q2, 1880, ["responsibility:kommundirektören"], "strong", RULES["named_responsibility"])], ["Prioriteringar"]),
    p_missing(P2, "coordinator_role"),
    p_missing(P2, "targets_indicators"),
    p_weak(P2, "followup_reporting", [ev(0, ["Uppföljning"], "Uppföljning sker i årsredovisningen.", 9020, ["followup:årsredovisning"], "weak", RULES["followup_reporting"])],
           ["Uppföljningen nämner inte välfärdsbrottslighet."], ["Uppföljning"]),
    p_missing(P2, "risk_analysis"),
]
docs.append(doc(P2, "docx", 0, "Mål och budget 2024", "analyzed", "mal_och_budget", "Mål och budget", 0.88, "auto",
                ["Titeln innehåller \"Mål och budget\"."], "strong",
                [ev(0, ["Prioriteringar"], q2, 1880, ["obligation:ska"], "strong", RULES["wc_explicit"])], ps2))

# 3. Attestreglemente: payment controls weak with a list item quote starting with "-" (CSV injection guard).
P3 = "ekonomi/attestreglemente.pdf"
q3 = "- Attestanten bör kontrollera att leverantörens bankgiro stämmer med fakturan."
ps3 = [
    p_missing(P3, "wc_explicit", None, {"status": "not_applicable", "comment": "Reglementet är tekniskt; perspektivet finns i internkontrollplanen.", "date": "2025-02-03", "by": "Ekonomichef"}),
    p_weak(P3, "payment_controls", [ev(2, ["5 Kontroller", "5.1 Attest"], q3, 3301, ["hedge:bör"], "weak", RULES["payment_controls"])],
           ["Kontrollen är villkorad (\"bör\").", "Ingen tvåpersonskontroll av ändrade bankuppgifter."], ["5 Kontroller", "5.1 Attest"]),
    p_strong(P3, "named_responsibility", [ev(1, ["2 Ansvar"], "Ekonomichefen ansvarar för att attestförteckningen uppdateras varje månad.", 1200, ["responsibility:ekonomichefen", "time:varje månad"], "strong", RULES["named_responsibility"])], ["2 Ansvar"]),
    p_missing(P3, "followup_reporting", None, {"status": "handled", "comment": "Tillägg om återrapportering beslutat i KS 2025-04-22 §87.", "date": "2025-04-22", "by": "Kommunledningskontoret"}),
]
docs.append(doc(P3, "pdf", 6, "Attestreglemente för Exempelby kommun", "analyzed", "attestreglemente", "Attestreglemente", 0.97, "manifest",
                ["Angiven i manifest.csv."], "missing", [], ps3, duplicates=["arkiv/2023/attestreglemente (kopia).pdf"]))

# 4. Upphandlingspolicy: all strong except one.
P4 = "upphandling/upphandlingspolicy.odt"
q4 = "Innan avtal tecknas ska upphandlingsenheten kontrollera leverantörens skatteskulder, ägare och företrädare samt stämma av detta varje år."
ps4 = [
    p_strong(P4, "wc_explicit", [ev(0, ["1 Syfte"], "Policyn ska förebygga välfärdsbrottslighet och arbetslivskriminalitet i kommunens avtal.", 80, ["obligation:ska"], "strong", RULES["wc_explicit"])], ["1 Syfte"]),
    p_strong(P4, "supplier_vetting", [ev(0, ["4 Kontroll av leverantörer"], q4, 2400, ["obligation:ska", "responsibility:upphandlingsenheten", "time:varje år"], "strong", RULES["supplier_vetting"])], ["4 Kontroll av leverantörer"]),
    p_weak(P4, "contract_followup", [ev(0, ["5 Avtalsuppföljning"], "Avtalen följs upp vid behov.", 3050, ["hedge:vid behov"], "weak", RULES["contract_followup"])],
           ["Uppföljningen sker bara \"vid behov\"."], ["5 Avtalsuppföljning"]),
    p_strong(P4, "named_responsibility", [ev(0, ["3 Ansvar"], "Upphandlingschefen ansvarar för att policyn följs.", 1500, ["responsibility:upphandlingschefen"], "strong", RULES["named_responsibility"])], ["3 Ansvar"]),
]
docs.append(doc(P4, "odt", 0, "Upphandlingspolicy", "analyzed", "upphandlingspolicy", "Upphandlingspolicy / Inköpspolicy", 0.91, "auto",
                ["Titeln innehåller \"Upphandlingspolicy\"."], "strong",
                [ev(0, ["1 Syfte"], "Policyn ska förebygga välfärdsbrottslighet och arbetslivskriminalitet i kommunens avtal.", 80, ["obligation:ska"], "strong", RULES["wc_explicit"])], ps4))

# 5. Riktlinjer ekonomiskt bistånd: all gaps missing; recommendation with ' and <.
P5 = "socialtjänst/Riktlinjer ekonomiskt bistånd.html"
ps5 = [p_missing(P5, k) for k in ["wc_explicit", "identity_verification", "case_controls", "police_report_recovery", "info_sharing_authorities"]]
docs.append(doc(P5, "html", 0, "Riktlinjer för ekonomiskt bistånd – Socialnämndens 'riktlinjer'", "analyzed",
                "riktlinjer_ekonomiskt_bistand", "Riktlinjer för ekonomiskt bistånd", 0.83, "auto",
                ["Titeln innehåller \"Riktlinjer för ekonomiskt bistånd\"."], "missing", [], ps5))

# 6. Out of scope: a meeting protocol.
docs.append(doc("protokoll/KS protokoll 2025-01-20.pdf", "pdf", 12, "Sammanträdesprotokoll Kommunstyrelsen", "out_of_scope",
                "out_of_scope", "Utanför granskningen", 0.9, "auto",
                ["Titeln innehåller \"protokoll\": inte ett styrdokument."], None, [], []))

# 7. Needs OCR.
docs.append(doc("skannat/Delegationsordning 2019.pdf", "pdf", 31, "", "needs_ocr", None, None, error={"code": "needs_ocr", "message": "skannat/Delegationsordning 2019.pdf: no text layer on any of its 31 pages"}))

# 8. Error: encrypted.
docs.append(doc("säkerhet/Säkerhetspolicy_lösenord.pdf", "pdf", 0, "", "error", None, None,
                error={"code": "encrypted", "message": "säkerhet/Säkerhetspolicy_lösenord.pdf: the PDF needs a password to open"}))

docs.sort(key=lambda d: d["path"])

analyzed = [d for d in docs if d["status"] == "analyzed"]
allp = [p for d in analyzed for p in d["perspectives"]]
gaps = [p for p in allp if p["coverage"] != "strong"]
totals = {"files": len(docs) + 1, "documents": len(docs), "analyzed": len(analyzed),
          "out_of_scope": sum(d["status"] == "out_of_scope" for d in docs),
          "needs_ocr": sum(d["status"] == "needs_ocr" for d in docs),
          "errors": sum(d["status"] == "error" for d in docs), "duplicates": 1,
          "gaps": len(gaps), "open_gaps": sum("assessment" not in p for p in gaps),
          "weak": sum(p["coverage"] == "weak" for p in allp), "missing": sum(p["coverage"] == "missing" for p in allp),
          "strong": sum(p["coverage"] == "strong" for p in allp)}
types_found = {}
for d in analyzed:
    t = d["doc_type"]
    types_found.setdefault(t["id"], {"id": t["id"], "name": t["name"], "count": 0})["count"] += 1
pcount = {}
for p in allp:
    c = pcount.setdefault(p["id"], {"id": p["id"], "name": p["name"], "strong": 0, "weak": 0, "missing": 0})
    c[p["coverage"]] += 1

archive = {
    "totals": totals,
    "types_found": list(types_found.values()),
    "types_missing": [
        {"id": "verksamhetsplan_namndplan", "name": "Verksamhetsplan / Nämndplan"},
        {"id": "internkontroll", "name": "Reglemente för intern kontroll / Internkontrollplan"},
        {"id": "delegationsordning", "name": "Delegationsordning"},
        {"id": "informationssakerhetspolicy", "name": "Informationssäkerhetspolicy"},
        {"id": "policy_mot_oegentligheter", "name": "Policy mot mutor, jäv och oegentligheter"},
        {"id": "handlingsplan_valfardsbrott", "name": "Handlingsplan mot välfärdsbrottslighet"},
    ],
    "findings": [
        {"id": "type_missing.handlingsplan_valfardsbrott", "severity": "missing",
         "message": "Kommunen saknar en handlingsplan mot välfärdsbrottslighet.",
         "recommendation": "Kommunstyrelsen ska ta fram en handlingsplan mot välfärdsbrottslighet med mål, ansvar, åtgärder och uppföljning, och besluta om den senast <datum>."},
        {"id": "coordinator_missing", "severity": "missing",
         "message": "Inget dokument utser en samordnare eller samordnande funktion mot välfärdsbrottslighet.",
         "recommendation": "Kommunen ska ha en samordnare mot välfärdsbrottslighet som är placerad vid <kommunledningskontoret> och som rapporterar till kommundirektören."},
        {"id": "perspective_weak.payment_controls", "severity": "weak",
         "message": "Kontroller av utbetalningar finns bara i svag form (\"bör\") i arkivet.",
         "recommendation": "Varje utbetalning ska hanteras av minst två personer, och ändrade bankuppgifter ska verifieras innan nästa betalning."},
    ],
    "perspectives": list(pcount.values()),
}

def item(path, pid, change, old, new):
    d = next(d for d in docs if d["path"] == path)
    p = next(p for p in d["perspectives"] if p["id"] == pid)
    return {"fingerprint": p["fingerprint"], "path": path, "perspective": pid, "change": change, "old": old, "new": new}

items = [
    item(P, "named_responsibility", "fixed", "weak", "strong"),
    item(P, "targets_indicators", "improved", "missing", "weak"),
    item(P4, "contract_followup", "regressed", "strong", "weak"),
    item(P5, "identity_verification", "new", None, "missing"),
    item(P, "dedicated_resources", "unchanged", "missing", "missing"),
    item(P3, "followup_reporting", "assessed", "missing", "missing"),
    {"fingerprint": "0123456789abcdef", "path": "gamla/Informationssäkerhetspolicy 2018.pdf", "perspective": "access_logging",
     "change": "removed", "old": "weak", "new": None},
]
baseline = {"baseline_scan": "2024-11-05T09:12:44Z",
            "fixed": 1, "improved": 1, "new": 1, "regressed": 1, "unchanged": 1, "assessed": 1, "removed": 1, "items": items}

report = {
    "schema": "styrkoll.report/1",
    "tool": {"name": "styrkoll", "version": "0.1.0"},
    "rule_pack": {"id": "valfardsbrott", "version": "1.0.0", "hash": sha("rule pack")},
    "scan": {"started": "2025-05-02T08:00:01Z", "finished": "2025-05-02T08:00:19Z", "duration_s": 18.2,
             "roots": ["/srv/arkiv/Exempelby kommun"], "workers": 2},
    "documents": docs,
    "archive": archive,
    "baseline": baseline,
}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "sample-report.json"), "w", encoding="utf-8") as f:
    json.dump(report, f, ensure_ascii=False, indent=2)
    f.write("\n")
print("totals:", totals)
