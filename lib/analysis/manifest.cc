#include <yaml-cpp/yaml.h>

#include <fstream>
#include <sstream>

#include "styrkoll/analysis.h"

namespace styrkoll {

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t' || s.back() == '"')) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '"')) ++i;
  return s.substr(i);
}

bool ends_with_path(const std::string& path, const std::string& suffix) {
  if (suffix.size() > path.size()) return false;
  if (path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) return false;
  return suffix.size() == path.size() || path[path.size() - suffix.size() - 1] == '/' || suffix.front() == '/';
}

}  // namespace

Result<Manifest> Manifest::load(const std::string& path, const RulePack& pack) {
  std::ifstream in(path);
  if (!in) return Status(ErrorCode::io_error, path + ": cannot open manifest");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string content = ss.str();
  Manifest m;
  std::vector<std::string> errors;
  auto add = [&](const std::string& p, const std::string& t, int line) {
    if (p.empty() || t.empty()) {
      errors.push_back(path + ":" + std::to_string(line) + ": expected a path and a type id");
      return;
    }
    if (t != "out_of_scope" && !pack.find_type(t)) {
      errors.push_back(path + ":" + std::to_string(line) + ": unknown document type id '" + t + "'");
      return;
    }
    m.entries_.emplace_back(p, t);
  };
  bool yaml = path.size() > 5 && (path.compare(path.size() - 5, 5, ".yaml") == 0 || path.compare(path.size() - 4, 4, ".yml") == 0);
  if (yaml) {
    try {
      YAML::Node n = YAML::Load(content);
      if (!n.IsMap()) return Status(ErrorCode::invalid_argument, path + ": expected a mapping of path: type");
      for (auto it = n.begin(); it != n.end(); ++it) {
        add(it->first.as<std::string>(""), it->second.IsScalar() ? it->second.as<std::string>("") : "", it->first.Mark().line + 1);
      }
    } catch (const YAML::Exception& e) {
      return Status(ErrorCode::invalid_argument, path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
    }
  } else {
    std::istringstream lines(content);
    std::string line;
    int no = 0;
    while (std::getline(lines, line)) {
      ++no;
      line = trim(line);
      if (line.empty() || line[0] == '#') continue;
      char sep = line.find(';') != std::string::npos ? ';' : ',';
      auto pos = line.find(sep);
      if (pos == std::string::npos) {
        errors.push_back(path + ":" + std::to_string(no) + ": expected 'path;type'");
        continue;
      }
      std::string p = trim(line.substr(0, pos)), t = trim(line.substr(pos + 1));
      if (no == 1 && (p == "path" || p == "sökväg" || p == "file")) continue;  // header
      add(p, t, no);
    }
  }
  if (!errors.empty()) {
    std::string msg = path + ": invalid manifest:";
    for (const auto& e : errors) msg += "\n  " + e;
    return Status(ErrorCode::invalid_argument, msg);
  }
  return m;
}

std::optional<std::string> Manifest::type_for(const std::string& document_path) const {
  for (const auto& [p, t] : entries_) {
    if (ends_with_path(document_path, p)) return t;
  }
  return std::nullopt;
}

}  // namespace styrkoll
