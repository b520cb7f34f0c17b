#include "outputs.h"

#include <fstream>
#include <future>
#include <iostream>

#include "styrkoll/report.h"
#include "styrkoll/scan.h"

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

namespace {

using Render = std::function<Status(const Renderings&, const std::function<Status(std::string_view, const std::string&)>&)>;

bool write_all(const std::string& report_json, const OutputPaths& p, const char* command, const Render& render) {
  Renderings what;
  what.html = !p.html.empty();
  what.csv = !p.csv.empty();
  what.sarif = !p.sarif.empty();
  if (!what.html && !what.csv && !what.sarif) return p.json.empty() || write_text_file(p.json, report_json, command, true);
  // The JSON file is written while the other formats are rendered.
  std::future<bool> json_written;
  if (!p.json.empty()) {
    json_written = std::async(std::launch::async, [&] { return write_text_file(p.json, report_json, command, true); });
  }
  what.html_options.language = p.language;
  what.csv_separator = p.csv_semicolon ? ';' : ',';
  bool written = true;
  Status st = render(what, [&](std::string_view kind, const std::string& content) {
    const std::string& path = kind == "html" ? p.html : kind == "csv" ? p.csv : p.sarif;
    if (!write_text_file(path, content, command)) {
      written = false;
      return Status(ErrorCode::io_error, "cannot write " + path);
    }
    return Status();
  });
  if (!st.ok() && written) std::cerr << "styrkoll " << command << ": " << st.message() << "\n";
  bool json_ok = !json_written.valid() || json_written.get();
  return st.ok() && json_ok;
}

}  // namespace

bool write_outputs(const std::string& report_json, const OutputPaths& p, const char* command) {
  return write_all(report_json, p, command, [&](const Renderings& what, const auto& sink) {
    return render_reports(std::string_view(report_json), what, sink);
  });
}

bool write_outputs(const ScanResult& scan, const OutputPaths& p, const char* command) {
  return write_all(scan.report_json, p, command, [&](const Renderings& what, const auto& sink) {
    return render_reports(scan, what, sink);
  });
}

}  // namespace styrkoll::cli
