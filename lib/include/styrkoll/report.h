// Report renderers: turn a JSON gap report (schema "styrkoll.report/1", see
// docs/report-schema.md) into the files people read.
//
//   render_html   one self-contained HTML page (inline CSS and JS, no network
//                 access, no external fonts or images) for management and the
//                 coordinator: summary, type x perspective matrix, archive map,
//                 change since the baseline, and every document with its gaps
//                 and recommended formulations. Swedish labels, or English.
//   render_csv    one row per document x perspective (plus one row for each
//                 document without perspectives) for spreadsheets; RFC 4180
//                 quoting, optional UTF-8 BOM, guarded against formula injection.
//   render_sarif  SARIF 2.1.0 for code-scanning style tools: one result per
//                 missing or weak perspective, assessed findings suppressed.
//
// Ownership: the input is only read during the call; the returned string is
// the complete file content and owned by the caller.
//
// Errors: a text that is not JSON, not an object, has a "schema" other than
// "styrkoll.report/1", or whose fields have the wrong JSON types gives
// Status invalid_argument with a message starting with "report:" and naming
// the offending field (e.g. "report: documents[2].perspectives[0].coverage:
// expected a string"). Optional fields that are absent get neutral defaults.
//
// Thread-safety: the functions keep no state; call them from any thread.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "styrkoll/status.h"

namespace styrkoll {

struct ScanResult;

struct HtmlOptions {
  // UI labels: "sv" (default) or "en". Texts from the report (reasons,
  // messages, recommendations) stay as they are, i.e. Swedish.
  std::string language = "sv";
  // Page title and main heading; empty gives a default title.
  std::string title;
};

// The report as one HTML file. Unknown languages give invalid_argument.
Result<std::string> render_html(std::string_view report_json, const HtmlOptions& options = {});

// The report as CSV. separator is ',' or ';' (the Swedish Excel default);
// anything else gives invalid_argument. bom prefixes the UTF-8 byte order
// mark so that Excel reads å, ä and ö correctly. Lines end in CRLF.
Result<std::string> render_csv(std::string_view report_json, char separator = ',', bool bom = true);

// The report as a SARIF 2.1.0 log (one run).
Result<std::string> render_sarif(std::string_view report_json);

// A few lines of text (Swedish) for the terminal: totals, document types
// found, the archive's main findings, documents that could not be read and
// the change since the baseline; what `styrkoll scan` prints when it is done.
Result<std::string> render_summary(std::string_view report_json);
// The same from a scan's report model (no parse of the JSON; a warm re-scan
// of 2,000 documents spent a fifth of its time parsing it again for this).
Result<std::string> render_summary(const ScanResult& scan);

// Several renderings of one report, parsing it once (large archives: the
// report of 2,000 documents is ~40 MB of JSON). Empty outputs are skipped.
struct Renderings {
  bool html = false, csv = false, sarif = false;
  HtmlOptions html_options;
  char csv_separator = ',';
  bool csv_bom = true;
};
// Each rendering is handed to `sink` ("html", "csv", "sarif") and released
// after the call. The HTML page is made on a helper thread while the others
// are made on the calling thread, so at most the HTML page and one other
// rendering are held at a time; `sink` is always called on the calling
// thread, in the order csv, sarif, html. A sink returning a non-ok Status
// stops the rendering and is returned (after the helper thread finished).
Status render_reports(std::string_view report_json, const Renderings& what,
                      const std::function<Status(std::string_view kind, const std::string& content)>& sink);
// The same for a scan's result, from the report model the scan built (no
// second parse of the JSON); falls back to report_json when it has none.
Status render_reports(const ScanResult& scan, const Renderings& what,
                      const std::function<Status(std::string_view kind, const std::string& content)>& sink);

}  // namespace styrkoll
