#include "report/report_model.h"
#include "styrkoll/report.h"

namespace styrkoll {

Result<Rendered> render_reports(std::string_view report_json, const Renderings& what) {
  Result<report::Report> parsed = report::parse_report(report_json);
  if (!parsed.ok()) return parsed.status();
  Rendered out;
  if (what.html) {
    auto h = report::render_html(parsed.value(), what.html_options);
    if (!h.ok()) return h.status();
    out.html = std::move(h).value();
  }
  if (what.csv) {
    auto c = report::render_csv(parsed.value(), what.csv_separator, what.csv_bom);
    if (!c.ok()) return c.status();
    out.csv = std::move(c).value();
  }
  if (what.sarif) {
    auto s = report::render_sarif(parsed.value());
    if (!s.ok()) return s.status();
    out.sarif = std::move(s).value();
  }
  return out;
}

}  // namespace styrkoll
