// The scan's report builder: one pass and two halves on two threads give the
// same report, and the renderers' model it builds on the way renders exactly
// what the JSON text, read back, renders.
#include "scan/report_builder.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdio>
#include <fstream>
#include <iterator>

#include "report/report_model.h"
#include "styrkoll/report.h"
#include "styrkoll/rules.h"
#include "styrkoll/scan.h"

using namespace styrkoll;
namespace json = boost::json;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

const json::object& sample() {
  static const json::object o = json::parse(read(std::string(STYRKOLL_TEST_DATA) + "/report/sample-report.json")).as_object();
  return o;
}

std::shared_ptr<const RulePack> pack() {
  static auto p = RulePack::load(std::string(STYRKOLL_TEST_DATA) + "/rules/testpack").value();
  return p;
}

// n entries cycled from the sample report's documents (every status, with
// evidence, errors and assessments), given in reverse path order. Two
// documents in different folders share the identity "same.pdf", one in each
// half, as in an archive scanned from two roots.
scan::StreamInput input(std::size_t n) {
  scan::StreamInput in;
  in.pack = pack().get();
  const json::array& docs = sample().at("documents").as_array();
  for (std::size_t k = n; k-- > 0;) {
    json::object d = docs[k % docs.size()].as_object();
    d.erase("path");
    d.erase("duplicates");
    char sha[65];
    std::snprintf(sha, sizeof sha, "%064zx", k);
    d["sha256"] = sha;
    char name[32];
    std::snprintf(name, sizeof name, "d%04zu.pdf", k);
    std::string identity = k == 1 ? "same.pdf" : k == n - 2 ? "same.pdf" : name;
    in.entries.push_back(json::serialize(d));
    in.paths.push_back((k == n - 2 ? "z/" : "a/") + identity);
    in.duplicates.push_back(k % 7 == 0 ? std::vector<std::string>{"b/copy-" + std::string(name)} : std::vector<std::string>{});
    in.identities.push_back(identity);
  }
  in.files = n + n / 7;
  in.duplicate_files = n / 7;
  in.roots = {"a", "z"};
  in.started = "2026-11-25T10:00:00Z";
  in.finished = "2026-11-25T10:00:01Z";
  in.duration_s = 1.25;
  in.workers = 2;
  in.assessments.push_back({"", "d0008.pdf", "risk_analysis", "handled", "I handlingsplanen", "2026-11-01", "Samordnaren"});
  in.build_model = true;
  return in;
}

struct Rendered {
  std::string html, csv, sarif;
};

Rendered render(const report::Report& r) {
  return {report::render_html(r, {}).value(), report::render_csv(r, ';', true).value(), report::render_sarif(r).value()};
}

// A scan result as run_scan leaves it: the JSON text and, when every entry read cleanly, the model.
ScanResult scan_result(scan::StreamInput in) {
  scan::StreamOutput out = scan::build_report_stream(in);
  ScanResult res;
  res.report_json = std::move(out.report_json);
  res.model = std::move(out.model);
  return res;
}

Renderings all_formats() {
  Renderings what;
  what.html = what.csv = what.sarif = true;
  return what;
}

}  // namespace

TEST(ReportStream, TwoHalvesGiveTheSameReportAsOnePass) {
  scan::StreamInput one = input(600), two = input(600);
  json::object baseline = sample();
  one.baseline = two.baseline = &baseline;
  one.split_from = static_cast<std::size_t>(-1);
  two.split_from = 2;
  scan::StreamOutput a = scan::build_report_stream(one), b = scan::build_report_stream(two);
  EXPECT_EQ(a.report_json, b.report_json);
  EXPECT_EQ(a.open_missing, b.open_missing);
  EXPECT_EQ(a.open_weak, b.open_weak);
  EXPECT_GT(a.open_missing, 0u);
  json::object r = json::parse(a.report_json).as_object();
  EXPECT_EQ(r.at("documents").as_array().size(), 600u);
  EXPECT_EQ(r.at("archive").at("totals").at("documents").as_int64(), 600);
  EXPECT_TRUE(r.contains("baseline"));
}

TEST(ReportStream, ModelRendersLikeTheJsonReadBack) {
  for (std::size_t split : {static_cast<std::size_t>(-1), std::size_t{2}}) {
    scan::StreamInput in = input(300);
    json::object baseline = sample();
    in.baseline = &baseline;
    in.split_from = split;
    scan::StreamOutput out = scan::build_report_stream(in);
    ASSERT_TRUE(out.model) << "split " << split;
    auto parsed = report::parse_report(out.report_json);
    ASSERT_TRUE(parsed.ok()) << parsed.status().message();
    Rendered from_model = render(*out.model), from_json = render(parsed.value());
    EXPECT_EQ(from_model.html, from_json.html);
    EXPECT_EQ(from_model.csv, from_json.csv);
    EXPECT_EQ(from_model.sarif, from_json.sarif);
    EXPECT_NE(from_model.html.find("I handlingsplanen"), std::string::npos);  // the assessment reached the model
    EXPECT_TRUE(out.model->baseline.has_value());
  }
}

TEST(ReportStream, RenderReportsFromAScanResultUsesItsModel) {
  ScanResult res = scan_result(input(40));
  ASSERT_TRUE(res.model);
  std::vector<std::string> kinds;
  std::string html;
  Status st = render_reports(res, all_formats(), [&](std::string_view kind, const std::string& content) {
    kinds.emplace_back(kind);
    if (kind == "html") html = content;
    return Status();
  });
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(kinds, (std::vector<std::string>{"csv", "sarif", "html"}));
  EXPECT_EQ(html, render_html(res.report_json).value());
}

// The terminal summary `styrkoll scan` prints: from the scan's model (no
// parse of the JSON) exactly what the JSON text gives, with totals, types,
// unreadable documents (eight, then a count) and the change since the baseline.
TEST(ReportStream, SummaryFromTheModelEqualsTheSummaryFromTheJson) {
  scan::StreamInput in = input(120);
  json::object baseline = sample();
  in.baseline = &baseline;
  ScanResult res = scan_result(std::move(in));
  ASSERT_TRUE(res.model);
  auto from_model = render_summary(res);
  auto from_json = render_summary(res.report_json);
  ASSERT_TRUE(from_model.ok() && from_json.ok());
  EXPECT_EQ(from_model.value(), from_json.value());
  const std::string& text = from_model.value();
  json::object r = json::parse(res.report_json).as_object();
  const json::object& totals = r.at("archive").at("totals").as_object();
  EXPECT_NE(text.find("Styrkoll: " + std::to_string(totals.at("files").as_int64()) + " filer, 120 dokument"), std::string::npos) << text;
  EXPECT_NE(text.find("  dokumenttyper: "), std::string::npos) << text;
  std::size_t unreadable = 0;
  for (const auto& d : r.at("documents").as_array()) unreadable += !d.at("error").is_null();
  ASSERT_GT(unreadable, 8u);
  EXPECT_NE(text.find("  ... och " + std::to_string(unreadable - 8) + " till\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  sedan förra granskningen: "), std::string::npos) << text;
  EXPECT_FALSE(render_summary("{not json").ok());
}

TEST(ReportStream, AnEntryTheModelCannotReadFallsBackToTheJsonAndItsError) {
  scan::StreamInput in = input(10);
  json::object bad = json::parse(in.entries[4]).as_object();
  ASSERT_TRUE(bad.contains("status"));
  bad["status"] = "analysed-ish";
  in.entries[4] = json::serialize(bad);
  ScanResult res = scan_result(std::move(in));
  EXPECT_FALSE(res.model);
  EXPECT_EQ(json::parse(res.report_json).at("documents").as_array().size(), 10u);  // the JSON keeps every document
  Renderings what;
  what.csv = true;
  Status st = render_reports(res, what, [](std::string_view, const std::string&) { return Status(); });
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("documents[4].status"), std::string::npos) << st.message();
}

TEST(ReportStream, ASinkErrorStopsRenderingAndIsReturned) {
  ScanResult res = scan_result(input(20));
  int calls = 0;
  Status st = render_reports(res, all_formats(), [&](std::string_view, const std::string&) {
    ++calls;
    return Status(ErrorCode::io_error, "disk full");
  });
  EXPECT_EQ(st.message(), "disk full");
  EXPECT_EQ(calls, 1);
}
