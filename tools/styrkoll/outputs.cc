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
  if (!p.html.empty()) {
    HtmlOptions o;
    o.language = p.language;
    auto html = render_html(report_json, o);
    if (!html.ok()) {
      std::cerr << "styrkoll " << command << ": HTML report: " << html.status().message() << "\n";
      return false;
    }
    if (!write_text_file(p.html, html.value(), command)) return false;
  }
  if (!p.csv.empty()) {
    auto csv = render_csv(report_json, p.csv_semicolon ? ';' : ',', true);
    if (!csv.ok()) {
      std::cerr << "styrkoll " << command << ": CSV report: " << csv.status().message() << "\n";
      return false;
    }
    if (!write_text_file(p.csv, csv.value(), command)) return false;
  }
  if (!p.sarif.empty()) {
    auto sarif = render_sarif(report_json);
    if (!sarif.ok()) {
      std::cerr << "styrkoll " << command << ": SARIF report: " << sarif.status().message() << "\n";
      return false;
    }
    if (!write_text_file(p.sarif, sarif.value(), command)) return false;
  }
  return true;
}

}  // namespace styrkoll::cli
