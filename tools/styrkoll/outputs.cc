#include "outputs.h"

#include <fstream>
#include <iostream>

#include "styrkoll/report.h"

namespace styrkoll::cli {

bool write_text_file(const std::string& path, std::string_view content, const char* command, bool newline) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary);
    if (!out || !out.write(content.data(), static_cast<std::streamsize>(content.size())) || (newline && !(out << '\n'))) {
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
  if (!p.json.empty() && !write_text_file(p.json, report_json, command, true)) return false;
  Renderings what;
  what.html = !p.html.empty();
  what.csv = !p.csv.empty();
  what.sarif = !p.sarif.empty();
  if (!what.html && !what.csv && !what.sarif) return true;
  what.html_options.language = p.language;
  what.csv_separator = p.csv_semicolon ? ';' : ',';
  bool written = true;
  Status st = render_reports(report_json, what, [&](std::string_view kind, const std::string& content) {
    const std::string& path = kind == "html" ? p.html : kind == "csv" ? p.csv : p.sarif;
    if (!write_text_file(path, content, command)) {
      written = false;
      return Status(ErrorCode::io_error, "cannot write " + path);
    }
    return Status();
  });
  if (!st.ok() && written) std::cerr << "styrkoll " << command << ": " << st.message() << "\n";
  return st.ok();
}

}  // namespace styrkoll::cli
