// render_sarif: the gaps as a SARIF 2.1.0 log.
#include <boost/json.hpp>
#include <map>
#include <string>

#include "report/report_model.h"
#include "styrkoll/report.h"

namespace styrkoll {

namespace {

namespace json = boost::json;
using report::Perspective;

// A relative path as a URI reference (RFC 3986): unreserved characters and
// '/' stay, everything else (spaces, å ä ö, '#', '%' ...) is percent-encoded.
std::string path_to_uri(const std::string& path) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '.' || c == '_' || c == '~' || c == '/';
    if (keep) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string rule_id_of(const Perspective& p) {
  return p.rule_ids.empty() ? "styrkoll." + p.id : p.rule_ids.front();
}

std::string message_of(const Perspective& p) {
  std::string text = p.message.empty() ? p.name : p.message;
  for (const auto& r : p.reasons) {
    if (!text.empty() && text.back() != '.') text += '.';
    text += " " + r;
  }
  return text;
}

}  // namespace

Result<std::string> render_sarif(std::string_view report_json) {
  Result<report::Report> parsed = report::parse_report(report_json);
  if (!parsed.ok()) return parsed.status();
  return report::render_sarif(parsed.value());
}

Result<std::string> report::render_sarif(const report::Report& r) {
  // Rules: every distinct rule id that judged a gap, in order of first use.
  std::map<std::string, std::size_t> rule_index;
  json::array rules;
  for (const auto& d : r.documents) {
    for (const Perspective& p : d.perspectives) {
      if (!p.is_gap()) continue;
      std::string rule_id = rule_id_of(p);
      if (!rule_index.emplace(rule_id, rules.size()).second) continue;
      json::object rule;
      rule["id"] = rule_id;
      rule["name"] = p.id;
      rule["shortDescription"] = {{"text", p.name}};
      rule["properties"] = {{"perspective", p.id}};
      rules.push_back(std::move(rule));
    }
  }
  json::object driver;
  driver["name"] = "styrkoll";
  driver["version"] = r.tool_version;
  driver["rules"] = std::move(rules);
  if (!r.pack_id.empty()) driver["properties"] = {{"rulePack", r.pack_id + " " + r.pack_version}};
  json::object run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["columnKind"] = "unicodeCodePoints";
  json::object log;
  log["$schema"] =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  log["version"] = "2.1.0";

  // The results are written one at a time rather than built as one tree:
  // a tree of every finding of a large archive took more memory than all
  // the other renderings together.
  std::string out;
  out.reserve(report::text_bytes(r) + 65536);  // one buffer, not a chain of ever larger copies
  out = json::serialize(log);
  out.pop_back();  // '}'
  out += ",\"runs\":[";
  std::string run_text = json::serialize(run);
  run_text.pop_back();  // '}'
  out += run_text;
  out += ",\"results\":[";
  bool first = true;
  for (const auto& d : r.documents) {
    for (const Perspective& p : d.perspectives) {
      if (!p.is_gap()) continue;
      std::string rule_id = rule_id_of(p);
      json::object result;
      result["ruleId"] = rule_id;
      result["ruleIndex"] = rule_index.at(rule_id);
      result["level"] = p.coverage == "missing" ? "error" : "warning";
      result["message"] = {{"text", message_of(p)}};
      json::object physical;
      physical["artifactLocation"] = {{"uri", path_to_uri(d.path)}};
      if (!p.evidence.empty()) {
        const auto& e = p.evidence.front();
        json::object region;
        region["charOffset"] = e.char_start;
        region["charLength"] = e.char_end > e.char_start ? e.char_end - e.char_start : 0;
        if (!e.quote.empty()) region["snippet"] = {{"text", e.quote}};
        physical["region"] = std::move(region);
      }
      json::object location;
      location["physicalLocation"] = std::move(physical);
      if (!p.evidence.empty() && !p.evidence.front().section.empty()) {
        std::string section;
        for (const auto& s : p.evidence.front().section) section += (section.empty() ? "" : " > ") + s;
        location["message"] = {{"text", section}};
      }
      json::array locations;
      locations.push_back(std::move(location));
      result["locations"] = std::move(locations);
      if (!p.fingerprint.empty()) result["partialFingerprints"] = {{"styrkoll/v1", p.fingerprint}};
      json::object props;
      props["perspective"] = p.id;
      props["coverage"] = p.coverage;
      if (d.doc_type) props["documentType"] = d.doc_type->id;
      if (!p.evidence.empty() && p.evidence.front().page > 0) props["page"] = p.evidence.front().page;
      if (!p.recommendation.empty()) props["recommendation"] = p.recommendation;
      result["properties"] = std::move(props);
      if (p.assessment) {
        json::object s;
        s["kind"] = "external";
        s["status"] = "accepted";
        s["justification"] = p.assessment->comment.empty() ? p.assessment->status : p.assessment->comment;
        s["properties"] = {
            {"assessment", p.assessment->status}, {"date", p.assessment->date}, {"by", p.assessment->by}};
        json::array suppressions;
        suppressions.push_back(std::move(s));
        result["suppressions"] = std::move(suppressions);
      }
      if (!first) out += ',';
      first = false;
      out += json::serialize(result);
    }
  }
  out += "]}]}\n";
  return out;
}

}  // namespace styrkoll
