// Report renderers (HTML, CSV, SARIF) on tests/data/report/sample-report.json
// and on small hand-made reports.
#include "styrkoll/report.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>

using namespace styrkoll;
namespace json = boost::json;

namespace {

std::string sample() {
  static const std::string text = [] {
    std::ifstream in(std::string(STYRKOLL_TEST_DATA) + "/report/sample-report.json", std::ios::binary);
    EXPECT_TRUE(in) << "missing sample report";
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }();
  return text;
}

// A minimal valid report with one analysed document carrying the given perspectives.
std::string tiny_report(const std::string& perspectives, const std::string& title = "Policy") {
  return R"({"schema":"styrkoll.report/1","tool":{"name":"styrkoll","version":"9.9"},)"
         R"("rule_pack":{"id":"p","version":"1","hash":")" +
         std::string(64, 'a') +
         R"("},)"
         R"("scan":{"started":"s","finished":"f","duration_s":1,"roots":["r"],"workers":1},)"
         R"("documents":[{"path":"a/doc.pdf","sha256":"x","format":"pdf","pages":1,"title":")" +
         title +
         R"(","status":"analyzed","error":null,"doc_type":{"id":"t","name":"Typ","confidence":1,"source":"auto",)"
         R"("reasons":[]},"wc_explicit":"weak","coverage_score":50,"perspectives":[)" +
         perspectives +
         R"(]}],)"
         R"("archive":{"totals":{"files":1,"documents":1,"analyzed":1,"out_of_scope":0,"needs_ocr":0,"errors":0,)"
         R"("duplicates":0,"gaps":1,"open_gaps":1,"weak":1,"missing":0,"strong":0},"types_found":[],)"
         R"("types_missing":[],"findings":[],"perspectives":[]}})";
}

std::string perspective(const std::string& coverage, const std::string& recommendation,
                        const std::string& extra = "") {
  return R"({"id":"payment_controls","name":"Kontroller av utbetalningar","coverage":")" + coverage +
         R"(","reasons":["Villkorad"],"evidence":[],"message":"Brist","recommendation":")" + recommendation +
         R"(","rule_ids":["vb.x"],"fingerprint":"0123456789abcdef")" + extra + "}";
}

// Splits RFC 4180 CSV into rows of fields.
std::vector<std::vector<std::string>> parse_csv(const std::string& text, char sep) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == sep) {
      rows.back().push_back(field);
      field.clear();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      rows.back().push_back(field);
      field.clear();
      rows.emplace_back();
      ++i;
    } else {
      field += c;
    }
    any = true;
  }
  if (any && !rows.back().empty()) rows.back().push_back(field);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

int count_of(const std::string& haystack, const std::string& needle) {
  int n = 0;
  for (std::size_t p = haystack.find(needle); p != std::string::npos; p = haystack.find(needle, p + 1)) ++n;
  return n;
}

}  // namespace

// ---------------------------------------------------------------- errors

TEST(ReportInput, InvalidJsonIsAClearError) {
  for (auto r : {render_html("{not json"), render_csv("{not json"), render_sarif("{not json")}) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), ErrorCode::invalid_argument);
    EXPECT_NE(r.status().message().find("not valid JSON"), std::string::npos) << r.status().message();
  }
}

TEST(ReportInput, WrongSchemaIsNamed) {
  auto r = render_html(R"({"schema":"styrkoll.report/2","documents":[],"archive":{}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::invalid_argument);
  EXPECT_NE(r.status().message().find("styrkoll.report/1"), std::string::npos) << r.status().message();
  auto missing = render_sarif(R"({"documents":[]})");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("schema"), std::string::npos);
  auto not_object = render_csv("[1,2]");
  ASSERT_FALSE(not_object.ok());
  EXPECT_NE(not_object.status().message().find("expected an object"), std::string::npos);
}

TEST(ReportInput, WrongFieldTypeNamesTheField) {
  std::string bad = tiny_report(perspective("weak", "x"));
  bad.replace(bad.find("\"coverage\":\"weak\""), 17, "\"coverage\":7");
  auto r = render_csv(bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("documents[0].perspectives[0].coverage"), std::string::npos)
      << r.status().message();
}

TEST(ReportInput, BadOptionsAreRejected) {
  EXPECT_FALSE(render_csv(sample(), '\t').ok());
  HtmlOptions o;
  o.language = "de";
  auto r = render_html(sample(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::invalid_argument);
}

// ---------------------------------------------------------------- HTML

TEST(ReportHtml, IsSelfContained) {
  auto r = render_html(sample());
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::string& html = r.value();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("<html lang=\"sv\">"), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  std::smatch m;
  // No URL with a scheme in any src or href attribute; no stylesheet links; no external scripts.
  EXPECT_FALSE(
      std::regex_search(html, m, std::regex(R"((src|href)\s*=\s*["']?\s*(https?:)?//)", std::regex::icase)))
      << m.str();
  EXPECT_FALSE(std::regex_search(html, m, std::regex(R"(<link\b)", std::regex::icase))) << m.str();
  EXPECT_FALSE(std::regex_search(html, m, std::regex(R"(<script[^>]*\bsrc\s*=)", std::regex::icase)))
      << m.str();
  EXPECT_FALSE(std::regex_search(html, m, std::regex(R"(@import|url\s*\()", std::regex::icase))) << m.str();
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
}

TEST(ReportHtml, EscapesReportText) {
  auto r = render_html(sample());
  ASSERT_TRUE(r.ok());
  const std::string& html = r.value();
  // The title "Mål och budget 2025–2027 med plan för <ekonomi> & verksamhet".
  EXPECT_NE(html.find("med plan för &lt;ekonomi&gt; &amp; verksamhet"), std::string::npos);
  EXPECT_EQ(html.find("<ekonomi>"), std::string::npos);
  EXPECT_EQ(html.find("<Kommunstyrelsen>"), std::string::npos);
  EXPECT_NE(html.find("&lt;Kommunstyrelsen&gt; tilldelas"), std::string::npos);
  EXPECT_NE(html.find("Socialnämndens &#39;riktlinjer&#39;"), std::string::npos);
  EXPECT_NE(html.find("bidragsbrott &amp; fakturabedrägerier ökar, se &quot;Lägesbild 2024&quot;."),
            std::string::npos);

  // A hostile title cannot open a tag, and an attribute-breaking path stays inside its attribute.
  auto hostile = render_html(
      tiny_report(perspective("weak", "</script><script>alert(1)</script>"), "<img src=x onerror=alert(1)>"));
  ASSERT_TRUE(hostile.ok()) << hostile.status().message();
  EXPECT_EQ(hostile.value().find("<img"), std::string::npos);
  EXPECT_EQ(count_of(hostile.value(), "<script"), 2);  // the labels and the page script, nothing else
  EXPECT_NE(hostile.value().find("&lt;/script&gt;&lt;script&gt;alert(1)"), std::string::npos);
}

TEST(ReportHtml, SummaryMatrixAndArchive) {
  auto r = render_html(sample());
  ASSERT_TRUE(r.ok());
  const std::string& html = r.value();
  EXPECT_NE(html.find("Sammanfattning för ledningen"), std::string::npos);
  EXPECT_NE(html.find("<b>8</b><span>Dokument</span>"), std::string::npos);
  EXPECT_NE(html.find("<b>1</b><span>Behöver OCR</span>"), std::string::npos);
  EXPECT_NE(html.find("<b>20</b><span>Brister</span><small>14 saknas, 6 svaga</small>"), std::string::npos);
  EXPECT_NE(html.find("<b>17</b><span>Brister öppna</span>"), std::string::npos);
  // Archive findings come before the perspectives in the top list.
  std::size_t top = html.find("<ol class=\"top-gaps\">");
  ASSERT_NE(top, std::string::npos);
  std::size_t finding = html.find("Kommunen saknar en handlingsplan mot välfärdsbrottslighet.", top);
  std::size_t perspective_line = html.find("<b>Välfärdsbrottslighet nämns</b> saknas i 2", top);
  ASSERT_NE(finding, std::string::npos);
  ASSERT_NE(perspective_line, std::string::npos);
  EXPECT_LT(finding, perspective_line);

  // Matrix: a row per analysed type, a symbol in every cell, a count for the two budget documents.
  std::size_t matrix = html.find("<table class=\"matrix\" id=\"matrix\">");
  ASSERT_NE(matrix, std::string::npos);
  std::string table = html.substr(matrix, html.find("</table>", matrix) - matrix);
  EXPECT_EQ(count_of(table, "<tr><th scope=\"row\">"), 4);
  EXPECT_NE(table.find(">Mål och budget</a>"), std::string::npos);
  EXPECT_NE(table.find("data-coverage=\"strong\""), std::string::npos);
  EXPECT_NE(table.find("data-coverage=\"weak\""), std::string::npos);
  EXPECT_NE(table.find("data-coverage=\"missing\""), std::string::npos);
  EXPECT_NE(table.find("2 dokument: 1 starka, 0 svaga, 1 saknas"), std::string::npos);
  EXPECT_NE(table.find("<small>2</small>"), std::string::npos);
  std::regex cell(R"(<td class="cov-[a-z]+"[^>]*>(<span[^>]*>)?([^<]*))");
  for (auto it = std::sregex_iterator(table.begin(), table.end(), cell); it != std::sregex_iterator(); ++it)
    EXPECT_FALSE((*it)[2].str().empty()) << "a matrix cell without a symbol: " << it->str();

  // Archive map.
  EXPECT_NE(html.find("id=\"types-missing\""), std::string::npos);
  EXPECT_NE(html.find("Handlingsplan mot välfärdsbrottslighet</li>"), std::string::npos);
  EXPECT_NE(html.find("id=\"arkiv-coordinator_missing\""), std::string::npos);
}

TEST(ReportHtml, DocumentsGapsRecommendationsAssessments) {
  auto r = render_html(sample());
  ASSERT_TRUE(r.ok());
  const std::string& html = r.value();
  EXPECT_EQ(count_of(html, "<section class=\"doc\""), 8);
  for (int i = 1; i <= 8; ++i)
    EXPECT_NE(html.find("id=\"dok-" + std::to_string(i) + "\""), std::string::npos);
  // Every gap of the sample has its message and a recommendation with a copy button.
  auto report = json::parse(sample()).as_object();
  int gaps = 0;
  for (const auto& d : report["documents"].as_array()) {
    for (const auto& pv : d.as_object().at("perspectives").as_array()) {
      const auto& p = pv.as_object();
      if (p.at("coverage").as_string() == "strong") continue;
      ++gaps;
      EXPECT_NE(html.find("id=\"fp-" + std::string(p.at("fingerprint").as_string()) + "\""),
                std::string::npos);
    }
  }
  EXPECT_EQ(gaps, 20);
  EXPECT_EQ(count_of(html, "<article class=\"gap "), gaps);
  EXPECT_GE(count_of(html, "<button type=\"button\" class=\"copy\">Kopiera</button>"), gaps);
  EXPECT_NE(html.find("Varje utbetalning ska hanteras av minst två personer."), std::string::npos);
  // Evidence with page and section.
  EXPECT_NE(html.find("sidan 2 · 5 Kontroller › 5.1 Attest"), std::string::npos);
  // Assessments.
  EXPECT_NE(html.find("Bedömd: accepterad risk"), std::string::npos);
  EXPECT_NE(html.find("Bedömning: hanterad</b> – Tillägg om återrapportering beslutat i KS 2025-04-22 §87."),
            std::string::npos);
  EXPECT_NE(html.find("Bedömd: ej tillämplig"), std::string::npos);
  // Statuses.
  EXPECT_NE(html.find("the PDF needs a password to open"), std::string::npos);
  EXPECT_NE(html.find("Kör textigenkänning (OCR)"), std::string::npos);
  EXPECT_NE(html.find("har inte granskats"), std::string::npos);
  // Baseline.
  EXPECT_NE(html.find("Förändring sedan förra granskningen"), std::string::npos);
  EXPECT_EQ(count_of(html, "<tr class=\"change-"), 7);
  // Filters and sorting.
  EXPECT_NE(html.find("id=\"f-type\""), std::string::npos);
  EXPECT_NE(html.find("id=\"f-gaps\""), std::string::npos);
  EXPECT_NE(html.find("id=\"f-text\""), std::string::npos);
  EXPECT_NE(html.find("<option value=\"score\">"), std::string::npos);
}

TEST(ReportHtml, EnglishLabels) {
  HtmlOptions o;
  o.language = "en";
  o.title = "Review & follow-up";
  auto r = render_html(sample(), o);
  ASSERT_TRUE(r.ok());
  const std::string& html = r.value();
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("<title>Review &amp; follow-up</title>"), std::string::npos);
  EXPECT_NE(html.find("Summary for management"), std::string::npos);
  EXPECT_NE(html.find("Change since the previous review"), std::string::npos);
  EXPECT_NE(html.find(">Copy</button>"), std::string::npos);
  EXPECT_NE(html.find("Suggested wording"), std::string::npos);
  EXPECT_EQ(html.find("Sammanfattning för ledningen"), std::string::npos);
  EXPECT_EQ(html.find(">Kopiera<"), std::string::npos);
  // The report's own texts stay Swedish.
  EXPECT_NE(html.find("Varje utbetalning ska hanteras av minst två personer."), std::string::npos);
}

TEST(ReportHtml, WithoutBaselineHasNoChangeSection) {
  auto r = render_html(tiny_report(perspective("weak", "Gör så här.")));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r.value().find("id=\"forandring\""), std::string::npos);
  EXPECT_NE(r.value().find("Gör så här."), std::string::npos);
}

// ---------------------------------------------------------------- CSV

TEST(ReportCsv, BomHeaderAndOneRowPerDocumentPerspective) {
  auto r = render_csv(sample());
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::string& csv = r.value();
  ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
  auto rows = parse_csv(csv.substr(3), ',');
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"sökväg", "titel", "dokumenttyp", "status", "perspektiv",
                                               "täckning", "motivering", "förslag", "sida", "avsnitt",
                                               "citat", "fingeravtryck", "bedömning"}));
  // 29 perspectives in 5 analysed documents, plus one row each for out of scope, needs OCR and error.
  EXPECT_EQ(rows.size(), 1u + 29u + 3u);
  for (const auto& row : rows) EXPECT_EQ(row.size(), 13u);
  std::set<std::string> statuses;
  for (std::size_t i = 1; i < rows.size(); ++i) statuses.insert(rows[i][3]);
  EXPECT_EQ(statuses,
            (std::set<std::string>{"analyserad", "utanför granskningen", "behöver OCR", "fel vid läsning"}));
  bool saw_error = false, saw_assessment = false;
  for (const auto& row : rows) {
    if (row[3] == "fel vid läsning") {
      saw_error = true;
      EXPECT_NE(row[6].find("encrypted: "), std::string::npos);
    }
    if (row[12].rfind("hanterad: Tillägg om återrapportering", 0) == 0) saw_assessment = true;
  }
  EXPECT_TRUE(saw_error);
  EXPECT_TRUE(saw_assessment);
}

TEST(ReportCsv, QuotingRoundTripsAndSemicolonOption) {
  auto r = render_csv(sample(), ';', false);
  ASSERT_TRUE(r.ok());
  const std::string& csv = r.value();
  EXPECT_NE(csv.rfind("sökväg;titel;", 0), std::string::npos);
  auto rows = parse_csv(csv, ';');
  for (const auto& row : rows) ASSERT_EQ(row.size(), 13u);
  // A field with quotes: doubled inside a quoted field, and read back intact.
  EXPECT_NE(csv.find(";\"Omvärldsanalysen visar att risken för bidragsbrott & fakturabedrägerier ökar, se "
                     "\"\"Lägesbild 2024\"\".\";"),
            std::string::npos);
  bool found = false;
  for (const auto& row : rows)
    found = found || row[10] ==
                         "Omvärldsanalysen visar att risken för bidragsbrott & fakturabedrägerier ökar, se "
                         "\"Lägesbild 2024\".";
  EXPECT_TRUE(found);
  // Commas need no quoting with ';' but semicolons do.
  EXPECT_NE(csv.find(";Mål och budget 2024;"), std::string::npos);
  EXPECT_EQ(csv.find("\xEF\xBB\xBF"), std::string::npos);
  EXPECT_NE(csv.find("\r\n"), std::string::npos);
}

TEST(ReportCsv, NewlinesAreQuoted) {
  auto r = render_csv(tiny_report(perspective("weak", "Rad ett\\nrad två, med komma")), ',', false);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_NE(r.value().find(",\"Rad ett\nrad två, med komma\","), std::string::npos) << r.value();
  auto rows = parse_csv(r.value(), ',');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][7], "Rad ett\nrad två, med komma");
}

TEST(ReportCsv, FormulaInjectionIsDefused) {
  // The sample's evidence quote is a list item starting with "-".
  auto r = render_csv(sample(), ',', false);
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r.value().find(",'- Attestanten bör kontrollera"), std::string::npos);
  for (const std::string start : {"=HYPERLINK(1)", "+1", "-2", "@SUM(A1)"}) {
    auto t = render_csv(tiny_report(perspective("weak", start)), ',', false);
    ASSERT_TRUE(t.ok());
    auto rows = parse_csv(t.value(), ',');
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[1][7], "'" + start);
  }
  auto title = render_csv(tiny_report(perspective("weak", "ok"), "=cmd|' /C calc'!A0"), ';', false);
  ASSERT_TRUE(title.ok());
  EXPECT_EQ(parse_csv(title.value(), ';')[1][1], "'=cmd|' /C calc'!A0");
}

// ---------------------------------------------------------------- SARIF

TEST(ReportSarif, Structure) {
  auto r = render_sarif(sample());
  ASSERT_TRUE(r.ok()) << r.status().message();
  json::object log = json::parse(r.value()).as_object();
  EXPECT_EQ(log["version"].as_string(), "2.1.0");
  EXPECT_NE(std::string(log["$schema"].as_string()).find("sarif-schema-2.1.0.json"), std::string::npos);
  auto& runs = log["runs"].as_array();
  ASSERT_EQ(runs.size(), 1u);
  auto& run = runs[0].as_object();
  auto& driver = run["tool"].as_object()["driver"].as_object();
  EXPECT_EQ(driver["name"].as_string(), "styrkoll");
  EXPECT_EQ(driver["version"].as_string(), "0.1.0");
  std::set<std::string> rule_ids;
  for (const auto& rule : driver["rules"].as_array()) {
    auto id = std::string(rule.at("id").as_string());
    EXPECT_TRUE(rule_ids.insert(id).second) << "duplicate rule " << id;
    EXPECT_FALSE(rule.at("shortDescription").at("text").as_string().empty());
  }
  EXPECT_TRUE(rule_ids.count("vb.utbetalning.kontroller"));

  auto& results = run["results"].as_array();
  EXPECT_EQ(results.size(), 20u);  // every missing or weak perspective
  int errors = 0, warnings = 0, suppressed = 0, with_region = 0;
  for (const auto& rv : results) {
    const auto& res = rv.as_object();
    EXPECT_TRUE(rule_ids.count(std::string(res.at("ruleId").as_string())));
    const auto& level = res.at("level").as_string();
    errors += level == "error";
    warnings += level == "warning";
    EXPECT_FALSE(res.at("message").at("text").as_string().empty());
    EXPECT_EQ(res.at("partialFingerprints").at("styrkoll/v1").as_string().size(), 16u);
    const auto& loc = res.at("locations").as_array().at(0).at("physicalLocation").as_object();
    EXPECT_FALSE(loc.at("artifactLocation").at("uri").as_string().empty());
    if (loc.contains("region")) {
      ++with_region;
      EXPECT_GT(loc.at("region").at("charLength").as_int64(), 0);
    }
    if (res.contains("suppressions")) {
      ++suppressed;
      const auto& s = res.at("suppressions").as_array().at(0).as_object();
      EXPECT_EQ(s.at("kind").as_string(), "external");
      EXPECT_FALSE(s.at("justification").as_string().empty());
    }
  }
  EXPECT_EQ(errors, 14);
  EXPECT_EQ(warnings, 6);
  EXPECT_EQ(suppressed, 3);
  EXPECT_EQ(with_region, 6);  // the weak ones carry evidence in the sample
}

TEST(ReportSarif, ResultDetails) {
  auto r = render_sarif(tiny_report(perspective(
      "missing", "Gör så.",
      R"(,"assessment":{"status":"accepted_risk","comment":"Vi tar risken.","date":"2025-01-01"})")));
  ASSERT_TRUE(r.ok()) << r.status().message();
  auto log = json::parse(r.value());
  const auto& res = log.at("runs").at(0).at("results").at(0).as_object();
  EXPECT_EQ(res.at("ruleId").as_string(), "vb.x");
  EXPECT_EQ(res.at("level").as_string(), "error");
  EXPECT_EQ(res.at("message").at("text").as_string(), "Brist. Villkorad");
  EXPECT_EQ(res.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri").as_string(),
            "a/doc.pdf");
  EXPECT_EQ(res.at("partialFingerprints").at("styrkoll/v1").as_string(), "0123456789abcdef");
  EXPECT_EQ(res.at("suppressions").at(0).at("justification").as_string(), "Vi tar risken.");

  // Paths become URI references: spaces and å ä ö percent-encoded.
  auto sample_log = json::parse(render_sarif(sample()).value());
  std::set<std::string> uris;
  for (const auto& res2 : sample_log.at("runs").at(0).at("results").as_array())
    uris.insert(std::string(
        res2.at("locations").at(0).at("physicalLocation").at("artifactLocation").at("uri").as_string()));
  EXPECT_TRUE(uris.count("budget/M%C3%A5l%20och%20budget%202025%E2%80%932027.pdf"));
}
