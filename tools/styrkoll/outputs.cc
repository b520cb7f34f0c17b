#include "outputs.h"

#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>

#include "styrkoll/report.h"
#include "styrkoll/scan.h"

namespace styrkoll::cli {

namespace {

// True when `path` already holds exactly `content` (+ "\n"): a re-scan of an
// unchanged archive then leaves its CSV and SARIF files alone (reading and
// comparing them costs less than writing them again, and their times stay
// those of the last change).
bool holds(const std::string& path, std::string_view content, bool newline) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec || size != content.size() + (newline ? 1 : 0)) return false;
  std::ifstream in(path, std::ios::binary);
  std::string buf(64 << 10, '\0');
  std::size_t at = 0;
  while (in && at < size) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    std::size_t n = static_cast<std::size_t>(in.gcount());
    if (n == 0) return false;
    std::size_t body = at < content.size() ? std::min(n, content.size() - at) : 0;
    if (content.compare(at, body, buf.data(), body) != 0) return false;
    if (body < n && !(newline && n - body == 1 && buf[body] == '\n')) return false;
    at += n;
  }
  return at == size;
}

}  // namespace

bool write_text_file(const std::string& path, std::string_view content, const char* command, bool newline) {
  if (path != "-" && holds(path, content, newline)) return true;
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
