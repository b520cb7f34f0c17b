#include "report/report_model.h"
#include "styrkoll/report.h"

namespace styrkoll {

Status render_reports(std::string_view report_json, const Renderings& what,
                      const std::function<Status(std::string_view kind, const std::string& content)>& sink) {
  Result<report::Report> parsed = report::parse_report(report_json);
  if (!parsed.ok()) return parsed.status();
  auto emit = [&](std::string_view kind, Result<std::string> r) -> Status {
    if (!r.ok()) return r.status();
    return sink(kind, r.value());
  };
  if (what.html) {
    if (Status st = emit("html", report::render_html(parsed.value(), what.html_options)); !st.ok()) return st;
  }
  if (what.csv) {
    if (Status st = emit("csv", report::render_csv(parsed.value(), what.csv_separator, what.csv_bom)); !st.ok()) return st;
  }
  if (what.sarif) {
    if (Status st = emit("sarif", report::render_sarif(parsed.value())); !st.ok()) return st;
  }
  return Status();
}

}  // namespace styrkoll
