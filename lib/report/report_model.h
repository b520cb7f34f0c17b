// Internal: the JSON report (styrkoll.report/1) read into plain values, so
// that the renderers never touch JSON directly. Only what the renderers use
// is kept; absent optional fields get neutral defaults (empty strings, 0,
// std::nullopt).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "styrkoll/report.h"
#include "styrkoll/status.h"

namespace styrkoll::report {

struct Evidence {
  std::int64_t page = 0;
  std::vector<std::string> section;
  std::string quote;
  std::int64_t char_start = 0, char_end = 0;
  std::string strength;
  std::string rule_id;
  std::vector<std::string> markers;  // "class:word": which words carried which class
};

struct Assessment {
  std::string status;  // handled | not_applicable | accepted_risk
  std::string comment, date, by;
};

struct Perspective {
  std::string id, name;
  std::string coverage;  // missing | weak | strong
  std::vector<std::string> reasons;
  std::vector<Evidence> evidence;
  std::string message, recommendation;
  std::vector<std::string> rule_ids;
  std::string fingerprint;
  std::optional<Assessment> assessment;

  bool is_gap() const { return coverage == "missing" || coverage == "weak"; }
};

struct DocType {
  std::string id, name;
  double confidence = 0;
  std::string source;
  std::vector<std::string> reasons;
  bool uncertain = false;
  std::string runner_up_id, runner_up_name;  // when uncertain: the other reading
};

struct DocError {
  std::string code, message;
};

struct DocumentEntry {
  std::string path, sha256, format;
  std::int64_t pages = 0;
  std::string title;
  std::string status;  // analyzed | out_of_scope | needs_ocr | error
  std::optional<DocError> error;
  std::vector<std::string> duplicates;
  std::vector<std::string> warnings;  // from reading the file: text that may be missing or converted
  std::optional<DocType> doc_type;
  std::string wc_explicit;  // empty when null
  std::vector<Evidence> wc_evidence;
  std::optional<double> coverage_score;
  std::vector<Perspective> perspectives;

  int gap_count() const;
  int open_gap_count() const;
};

struct Totals {
  std::int64_t files = 0, documents = 0, analyzed = 0, out_of_scope = 0, needs_ocr = 0, errors = 0,
               duplicates = 0, gaps = 0, open_gaps = 0, weak = 0, missing = 0, strong = 0;
};

struct TypeCount {
  std::string id, name;
  std::int64_t count = 0;
};

struct ArchiveFinding {
  std::string id, severity, message, recommendation;
};

struct PerspectiveCount {
  std::string id, name;
  std::int64_t strong = 0, weak = 0, missing = 0;
};

struct Archive {
  Totals totals;
  std::vector<TypeCount> types_found;
  std::vector<TypeCount> types_missing;  // count unused
  std::vector<ArchiveFinding> findings;
  std::vector<PerspectiveCount> perspectives;
};

struct DiffItem {
  std::string fingerprint, path, perspective, change;
  std::string old_coverage, new_coverage;  // empty when null
};

struct Diff {
  std::string baseline_scan;
  std::int64_t fixed = 0, improved = 0, added = 0, regressed = 0, unchanged = 0, assessed = 0, removed = 0;
  std::vector<DiffItem> items;
};

struct Report {
  std::string tool_name, tool_version;
  std::string pack_id, pack_version, pack_hash;
  std::string scan_started, scan_finished;
  double scan_duration_s = 0;
  std::vector<std::string> scan_roots;
  std::vector<DocumentEntry> documents;
  Archive archive;
  std::optional<Diff> baseline;
};

// The bytes of the report's texts (paths, titles, reasons, messages,
// recommendations, quotes and sections, fingerprints): what the renderers
// size their output buffers by, so that a rendering of a large archive is
// not built by a chain of ever larger copies.
std::size_t text_bytes(const Report& r);

// Parses and checks a report text. Errors: invalid_argument, "report: ...".
Result<Report> parse_report(std::string_view json_text);

// The same checks on parts of a report already parsed into a JSON tree (the
// scan builds its report one document at a time and reads each entry into
// the model while it has it parsed, so the whole text is never parsed again).
// `where` names the part in error messages ("documents[3]").
Result<DocumentEntry> read_document_entry(const boost::json::value& entry, const std::string& where);
Result<Archive> read_archive_section(const boost::json::value& archive);
Result<Diff> read_baseline_section(const boost::json::value& baseline);

// The renderers on an already parsed report (the public functions parse first).
Result<std::string> render_html(const Report& r, const HtmlOptions& options);
Result<std::string> render_csv(const Report& r, char separator, bool bom);
Result<std::string> render_sarif(const Report& r);
std::string render_summary(const Report& r);

}  // namespace styrkoll::report
