// render_summary: the few lines `styrkoll scan` prints when it is done.
#include <sstream>

#include "report/report_model.h"
#include "styrkoll/report.h"
#include "styrkoll/scan.h"

namespace styrkoll {

std::string report::render_summary(const report::Report& r) {
  const Totals& t = r.archive.totals;
  std::ostringstream os;
  os << "\nStyrkoll: " << t.files << " filer, " << t.documents << " dokument (" << t.duplicates << " dubbletter)\n"
     << "  analyserade styrdokument: " << t.analyzed << ", utanför urvalet: " << t.out_of_scope
     << ", kräver OCR: " << t.needs_ocr << ", fel: " << t.errors << "\n"
     << "  perspektiv: " << t.strong << " starka, " << t.weak << " svaga, " << t.missing << " saknas (" << t.open_gaps
     << " öppna brister)\n";
  if (!r.archive.types_found.empty()) {
    os << "  dokumenttyper:";
    for (const auto& f : r.archive.types_found) os << " " << f.id << "(" << f.count << ")";
    os << "\n";
  }
  if (!r.archive.findings.empty()) {
    os << "  viktigaste bristerna i arkivet:\n";
    for (std::size_t k = 0; k < r.archive.findings.size() && k < 6; ++k) os << "   - " << r.archive.findings[k].message << "\n";
  }
  int errors = 0;
  for (const auto& d : r.documents) {
    if (!d.error) continue;
    if (errors++ < 8) os << "  ej läst: " << d.error->message << "\n";
  }
  if (errors > 8) os << "  ... och " << errors - 8 << " till\n";
  if (r.baseline) {
    const Diff& b = *r.baseline;
    os << "  sedan förra granskningen: " << b.fixed << " åtgärdade, " << b.improved << " förbättrade, " << b.added
       << " nya, " << b.regressed << " försämrade\n";
  }
  return os.str();
}

Result<std::string> render_summary(std::string_view report_json) {
  Result<report::Report> parsed = report::parse_report(report_json);
  if (!parsed.ok()) return parsed.status();
  return report::render_summary(parsed.value());
}

Result<std::string> render_summary(const ScanResult& scan) {
  if (!scan.model) return render_summary(scan.report_json);
  return report::render_summary(*scan.model);
}

}  // namespace styrkoll
