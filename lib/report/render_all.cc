#include <future>

#include "report/report_model.h"
#include "styrkoll/report.h"
#include "styrkoll/scan.h"

namespace styrkoll {

namespace {

using Sink = std::function<Status(std::string_view kind, const std::string& content)>;

Status render_model(const report::Report& r, const Renderings& what, const Sink& sink) {
  auto emit = [&](std::string_view kind, Result<std::string> made) -> Status {
    if (!made.ok()) return made.status();
    return sink(kind, made.value());
  };
  // The HTML page takes about as long as the other two together: it is made
  // on a second core while this thread makes and hands over the others.
  bool others = what.csv || what.sarif;
  std::future<Result<std::string>> html;
  if (what.html && others) {
    html = std::async(std::launch::async, [&r, &what] { return report::render_html(r, what.html_options); });
  }
  Status st;
  if (what.csv) st = emit("csv", report::render_csv(r, what.csv_separator, what.csv_bom));
  if (st.ok() && what.sarif) st = emit("sarif", report::render_sarif(r));
  if (html.valid()) {
    Result<std::string> page = html.get();  // always joined, even when a sink failed
    if (st.ok()) st = emit("html", std::move(page));
  } else if (st.ok() && what.html) {
    st = emit("html", report::render_html(r, what.html_options));
  }
  return st;
}

}  // namespace

Status render_reports(std::string_view report_json, const Renderings& what, const Sink& sink) {
  if (!what.html && !what.csv && !what.sarif) return Status();
  Result<report::Report> parsed = report::parse_report(report_json);
  if (!parsed.ok()) return parsed.status();
  return render_model(parsed.value(), what, sink);
}

Status render_reports(const ScanResult& scan, const Renderings& what, const Sink& sink) {
  if (!scan.model) return render_reports(scan.report_json, what, sink);
  return render_model(*scan.model, what, sink);
}

}  // namespace styrkoll
