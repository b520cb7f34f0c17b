// Writing a report (JSON text) to the files the user asked for.
#pragma once

#include <string>

namespace styrkoll::cli {

struct OutputPaths {
  std::string json, html, csv, sarif;  // empty = not written
  bool csv_semicolon = false;
  std::string language = "sv";
};

// Writes every requested file; prints a message naming the file and returns
// false on the first failure.
bool write_outputs(const std::string& report_json, const OutputPaths& paths, const char* command);

bool write_text_file(const std::string& path, const std::string& content, const char* command);

}  // namespace styrkoll::cli
