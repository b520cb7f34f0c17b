#include "eval_labels.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>

#include "styrkoll/text.h"

namespace styrkoll::cli {

namespace {

Status bad(const std::string& path, const YAML::Node& n, const std::string& what) {
  return Status(ErrorCode::invalid_argument, path + ":" + std::to_string(n.Mark().line + 1) + ": " + what);
}

Status read_status(const std::string& path, const YAML::Node& n, Coverage* out) {
  std::string v = n.as<std::string>("");
  if (!parse_coverage(v, out)) return bad(path, n, "unknown coverage '" + v + "' (missing, weak or strong)");
  return Status();
}

Result<LabelledDocument> read_document(const std::string& path, const YAML::Node& d) {
  LabelledDocument l;
  l.file = d["file"].as<std::string>("");
  l.type = d["type"] ? d["type"].as<std::string>("") : d["doc_type"].as<std::string>("");
  l.id = d["id"].as<std::string>(l.file);
  if (l.file.empty() || l.type.empty()) return bad(path, d, "a label needs file and type (or doc_type)");
  if (d["wc_explicit"]) {
    LabelledPerspective p;
    if (Status st = read_status(path, d["wc_explicit"], &p.status); !st.ok()) return st;
    l.perspectives["wc_explicit"] = p;
  }
  if (const YAML::Node ps = d["perspectives"]; ps && ps.IsMap()) {
    for (auto it = ps.begin(); it != ps.end(); ++it) {
      LabelledPerspective p;
      const YAML::Node v = it->second;
      if (v.IsMap()) {
        if (!v["status"]) return bad(path, v, "a perspective label needs a status");
        if (Status st = read_status(path, v["status"], &p.status); !st.ok()) return st;
        std::string ev = v["evidence"].as<std::string>("");
        if (ev != "none") p.evidence = ev;
        p.note = v["note"].as<std::string>("");
      } else if (Status st = read_status(path, v, &p.status); !st.ok()) {
        return st;
      }
      l.perspectives[it->first.as<std::string>("")] = std::move(p);
    }
  }
  return l;
}

std::vector<std::string> words(const std::string& s) {
  std::string f = fold(s);
  std::vector<std::string> out;
  std::string cur;
  for (char ch : f) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || std::isalnum(c)) {
      cur += ch;
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

}  // namespace

Result<std::vector<LabelledDocument>> read_labels(const std::string& path) {
  std::vector<LabelledDocument> out;
  try {
    YAML::Node root = YAML::LoadFile(path);
    YAML::Node docs = root.IsSequence() ? root : root["documents"];
    if (!docs || !docs.IsSequence()) {
      return Status(ErrorCode::invalid_argument, path + ": expected a list of documents (or a 'documents:' list)");
    }
    for (const auto& d : docs) {
      auto l = read_document(path, d);
      if (!l.ok()) return l.status();
      out.push_back(std::move(l.value()));
    }
  } catch (const YAML::Exception& e) {
    return Status(ErrorCode::invalid_argument, path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return out;
}

double quote_overlap(const std::string& a, const std::string& b) {
  std::vector<std::string> wa = words(a), wb = words(b);
  if (wa.empty() || wb.empty()) return 0;
  const auto& shorter = wa.size() <= wb.size() ? wa : wb;
  const auto& longer = wa.size() <= wb.size() ? wb : wa;
  std::set<std::string> in_longer(longer.begin(), longer.end());
  std::size_t shared = std::count_if(shorter.begin(), shorter.end(), [&](const std::string& w) { return in_longer.count(w) > 0; });
  return static_cast<double>(shared) / static_cast<double>(shorter.size());
}

}  // namespace styrkoll::cli
