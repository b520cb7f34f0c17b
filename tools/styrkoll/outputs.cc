#include "outputs.h"

#include <fstream>
#include <iostream>

#include "styrkoll/report.h"

namespace styrkoll::cli {

bool write_text_file(const std::string& path, const std::string& content, const char* command) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out || !out.write(content.data(), static_cast<std::streamsize>(content.size()))) {
      std::cerr << "styrkoll " << command << ": cannot write " << path << "\n";
      return false;
    }
  }
  // Replace atomically: a reader never sees half a report.
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::cerr << "styrkoll " << command << ": cannot write " << path << "\n";
    return false;
  }
  return true;
}

bool write_outputs(const std::string& report_json, const OutputPaths& p, const char* command) {
  if (!p.json.empty() && !write_text_file(p.json, report_json + "\n", command)) return false;
  Renderings what;
  what.html = !p.html.empty();
  what.csv = !p.csv.empty();
  what.sarif = !p.sarif.empty();
  if (!what.html && !what.csv && !what.sarif) return true;
  what.html_options.language = p.language;
  what.csv_separator = p.csv_semicolon ? ';' : ',';
  auto r = render_reports(report_json, what);
  if (!r.ok()) {
    std::cerr << "styrkoll " << command << ": " << r.status().message() << "\n";
    return false;
  }
  return (!what.html || write_text_file(p.html, r.value().html, command)) &&
         (!what.csv || write_text_file(p.csv, r.value().csv, command)) &&
         (!what.sarif || write_text_file(p.sarif, r.value().sarif, command));
}

}  // namespace styrkoll::cli
