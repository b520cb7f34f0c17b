// Assembles the report (styrkoll.report/1) from per-document entries:
// fingerprints, assessments, archive totals and findings, and the diff
// against an earlier report.
#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "styrkoll/rules.h"
#include "styrkoll/status.h"

namespace styrkoll::report {
struct Report;
}

namespace styrkoll::scan {

// One line of the coordinator's assessments file: it names a finding by
// fingerprint, or by document path (suffix) and perspective id.
struct AssessmentEntry {
  std::string fingerprint, document, perspective;
  std::string status, comment, date, by;  // status: handled | not_applicable | accepted_risk
};

// Errors: invalid_argument with file:line for unknown statuses or keys.
Result<std::vector<AssessmentEntry>> load_assessments(const std::string& path);

// 16 hex digits of SHA-256(rule id, document identity, section path).
std::string fingerprint(const std::string& rule_id, const std::string& identity, const std::string& section);

// The archive section, recomputed from a report's documents (used by merge).
boost::json::object archive_section(const boost::json::array& documents, const RulePack& pack, std::size_t files,
                                    std::size_t duplicates);

// The `baseline` object: changes from `old_report` to `new_report`.
boost::json::object diff(const boost::json::object& old_report, const boost::json::object& new_report);

// The report of a scan, assembled one document at a time: each entry is
// parsed, completed (path, duplicates, fingerprints, assessments), counted
// for the archive section, serialized and released, so the report builder
// holds one parsed document at a time whatever the archive size.
struct StreamInput {
  const RulePack* pack = nullptr;
  std::vector<std::string> entries;                  // JSON text per distinct document
  std::vector<std::string> paths;                    // as found
  std::vector<std::vector<std::string>> duplicates;  // other paths with the same content
  std::vector<std::string> identities;               // paths relative to their scan root
  std::size_t files = 0, duplicate_files = 0;
  std::vector<std::string> roots;
  std::string started, finished;
  double duration_s = 0;
  int workers = 1;
  std::string shard;
  std::vector<AssessmentEntry> assessments;
  const boost::json::object* baseline = nullptr;  // an earlier report, for the diff
  bool build_model = false;                       // also read the report into the renderers' model
  std::size_t split_from = 256;                   // documents from which two threads assemble the report
};
struct StreamOutput {
  std::string report_json;
  std::size_t open_missing = 0, open_weak = 0;
  std::shared_ptr<report::Report> model;  // when asked for and every entry read cleanly
};
StreamOutput build_report_stream(StreamInput& in);

}  // namespace styrkoll::scan
