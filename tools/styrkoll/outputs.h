// Writing a report (JSON text) to the files the user asked for.
#pragma once

#include <string>
#include <string_view>

namespace styrkoll {
struct ScanResult;
}

namespace styrkoll::cli {

struct OutputPaths {
  std::string json, html, csv, sarif;  // empty = not written
  bool csv_semicolon = false;
  std::string language = "sv";
};

// Writes every requested file; prints a message naming the file and returns
// false on the first failure.
// The JSON file is written on a helper thread while the other formats are
// rendered.
bool write_outputs(const std::string& report_json, const OutputPaths& paths, const char* command);
// The same for a scan, rendering from its report model when it has one.
bool write_outputs(const ScanResult& scan, const OutputPaths& paths, const char* command);

// Writes atomically (a temporary file renamed into place); `newline` appends "\n".
bool write_text_file(const std::string& path, std::string_view content, const char* command, bool newline = false);

}  // namespace styrkoll::cli
