// styrkoll eval DIR --labels FILE: how often the engine agrees with labels
// written by people, side by side with a keyword baseline (a perspective is
// covered when any of its rules' terms occurs anywhere, as grep would judge).
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <functional>
#include <set>
#include <sstream>

#include <boost/program_options.hpp>

#include "args.h"
#include "commands.h"
#include "engine_setup.h"
#include "styrkoll/ingest.h"
#include "styrkoll/text.h"

namespace styrkoll::cli {

namespace po = boost::program_options;
namespace json = boost::json;

namespace {

struct Label {
  std::string id, file, type;
  std::map<std::string, Coverage> coverage;  // includes wc_explicit
};

Result<std::vector<Label>> read_labels(const std::string& path) {
  std::vector<Label> out;
  try {
    YAML::Node root = YAML::LoadFile(path);
    for (const auto& d : root["documents"]) {
      Label l;
      l.id = d["id"].as<std::string>("");
      l.file = d["file"].as<std::string>("");
      l.type = d["type"].as<std::string>("");
      Coverage c;
      if (d["wc_explicit"] && parse_coverage(d["wc_explicit"].as<std::string>(""), &c)) l.coverage["wc_explicit"] = c;
      if (d["perspectives"]) {
        for (auto it = d["perspectives"].begin(); it != d["perspectives"].end(); ++it) {
          std::string v = it->second.as<std::string>("");
          if (!parse_coverage(v, &c)) {
            return Status(ErrorCode::invalid_argument, path + ":" + std::to_string(it->second.Mark().line + 1) +
                                                           ": unknown coverage '" + v + "'");
          }
          l.coverage[it->first.as<std::string>("")] = c;
        }
      }
      if (l.file.empty() || l.type.empty()) {
        return Status(ErrorCode::invalid_argument, path + ":" + std::to_string(d.Mark().line + 1) + ": a label needs file and type");
      }
      out.push_back(std::move(l));
    }
  } catch (const YAML::Exception& e) {
    return Status(ErrorCode::invalid_argument, path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  return out;
}

std::string lower(std::string s) { return fold(s); }

// The keyword baseline: any term of the perspective's rules, as a plain
// case-insensitive substring of the text (without '*' and '=' markers).
Coverage keyword_baseline(const std::string& folded_text, const RulePack& pack, const std::string& perspective,
                          const std::string& type) {
  std::function<bool(const std::string&)> hit = [&](const std::string& raw) -> bool {
    if (raw.size() > 1 && raw[0] == '@') {
      const auto* list = pack.term_list(raw.substr(1));
      if (!list) return false;
      return std::any_of(list->begin(), list->end(), hit);
    }
    std::string t = raw;
    if (!t.empty() && t.back() == '*') t.pop_back();
    if (!t.empty() && t.front() == '=') t.erase(0, 1);
    if (t.empty() || t[0] == '#') return false;
    return folded_text.find(lower(t)) != std::string::npos;
  };
  for (const Rule& r : pack.rules()) {
    if (r.perspective != perspective) continue;
    bool applies = std::find(r.types.begin(), r.types.end(), "*") != r.types.end() ||
                   std::find(r.types.begin(), r.types.end(), type) != r.types.end();
    if (!applies) continue;
    if (std::any_of(r.match.any.begin(), r.match.any.end(), hit)) return Coverage::strong;
  }
  return Coverage::missing;
}

struct Tally {
  int m[3][3] = {};  // [label][engine]
  void add(Coverage label, Coverage got) { ++m[static_cast<int>(label)][static_cast<int>(got)]; }
  int total() const {
    int t = 0;
    for (auto& r : m)
      for (int v : r) t += v;
    return t;
  }
  int agree() const { return m[0][0] + m[1][1] + m[2][2]; }
  double agreement() const { return total() ? static_cast<double>(agree()) / total() : 0; }
  // A gap is missing or weak.
  double gap_precision() const {
    int engine_gap = 0, both = 0;
    for (int l = 0; l < 3; ++l)
      for (int g = 0; g < 2; ++g) {
        engine_gap += m[l][g];
        if (l < 2) both += m[l][g];
      }
    return engine_gap ? static_cast<double>(both) / engine_gap : 1;
  }
  double gap_recall() const {
    int label_gap = 0, both = 0;
    for (int l = 0; l < 2; ++l)
      for (int g = 0; g < 3; ++g) {
        label_gap += m[l][g];
        if (g < 2) both += m[l][g];
      }
    return label_gap ? static_cast<double>(both) / label_gap : 1;
  }
  json::object to_json() const {
    json::object o;
    json::array rows;
    for (auto& r : m) rows.push_back(json::array{r[0], r[1], r[2]});
    o["confusion"] = std::move(rows);
    o["n"] = total();
    o["agreement"] = agreement();
    o["gap_precision"] = gap_precision();
    o["gap_recall"] = gap_recall();
    return o;
  }
};

std::string pct(double v) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << 100 * v << " %";
  return s.str();
}

void print_matrix(const char* title, const Tally& t) {
  std::cout << title << " (rows: labels, columns: engine)\n"
            << "              missing    weak  strong\n";
  const char* names[] = {"missing", "weak", "strong"};
  for (int l = 0; l < 3; ++l) {
    std::cout << "  " << std::left << std::setw(10) << names[l] << std::right;
    for (int g = 0; g < 3; ++g) std::cout << std::setw(8) << t.m[l][g];
    std::cout << "\n";
  }
}

}  // namespace

int cmd_eval(const std::vector<std::string>& args) {
  po::options_description opts("Usage: styrkoll eval DIR --labels FILE [--rules DIR] [--json]\n\nOptions");
  opts.add_options()("help,h", "show this help")("labels", po::value<std::string>(), "labels YAML")(
      "rules", po::value<std::string>(), "rule pack directory")("json", "print the figures as JSON")(
      "verbose,v", "list every disagreement")("dir", po::value<std::string>(), "folder with the documents");
  po::positional_options_description pos;
  pos.add("dir", 1);
  po::variables_map vm;
  if (auto stop = parse_args(args, opts, pos, vm, "eval")) return *stop;
  if (!vm.count("dir") || !vm.count("labels")) {
    std::cerr << "styrkoll eval: DIR and --labels are required\n" << opts;
    return 2;
  }
  auto labels = read_labels(vm["labels"].as<std::string>());
  if (!labels.ok()) {
    std::cerr << "styrkoll eval: " << labels.status().message() << "\n";
    return 2;
  }
  auto engine = load_engine(vm.count("rules") ? vm["rules"].as<std::string>() : default_rules_dir(), "eval");
  if (!engine) return 2;
  const RulePack& pack = engine->pack();
  std::string dir = vm["dir"].as<std::string>();
  bool verbose = vm.count("verbose") > 0;

  int docs = 0, type_ok = 0, unreadable = 0;
  Tally engine_all, baseline_all, engine_wc, baseline_wc;
  std::map<std::string, Tally> engine_by, baseline_by;
  std::map<std::string, std::map<std::string, int>> type_confusion;
  std::vector<std::string> disagreements;
  for (const Label& l : labels.value()) {
    auto doc = ingest_file(dir + "/" + l.file);
    if (!doc.ok()) {
      std::cerr << "styrkoll eval: " << doc.status().to_string() << "\n";
      ++unreadable;
      continue;
    }
    ++docs;
    AnalyzedText text = analyze_document(doc.value(), engine->lexicon());
    Classification c = engine->classify(doc.value(), text);
    type_ok += c.type_id == l.type;
    ++type_confusion[l.type][c.type_id];
    if (c.type_id != l.type) disagreements.push_back(l.file + ": type " + l.type + " labelled, engine says " + c.type_id);
    if (l.type == "out_of_scope") continue;
    // Coverage is judged on the labelled type, so that a type error does not count twice.
    DocumentAnalysis a = engine->analyze(doc.value(), text, l.type);
    std::string folded = fold(doc.value().text());
    for (const auto& [pid, label] : l.coverage) {
      Coverage got = Coverage::missing;
      if (pid == "wc_explicit") {
        got = a.wc_explicit;
      } else {
        for (const auto& p : a.perspectives) {
          if (p.id == pid) got = p.coverage;
        }
      }
      Coverage base = keyword_baseline(folded, pack, pid, l.type);
      (pid == "wc_explicit" ? engine_wc : engine_by[pid]).add(label, got);
      (pid == "wc_explicit" ? baseline_wc : baseline_by[pid]).add(label, base);
      engine_all.add(label, got);
      baseline_all.add(label, base);
      if (got != label) {
        disagreements.push_back(l.file + ": " + pid + " labelled " + std::string(coverage_name(label)) + ", engine " +
                                std::string(coverage_name(got)));
      }
    }
  }
  double type_acc = docs ? static_cast<double>(type_ok) / docs : 0;
  if (vm.count("json")) {
    json::object o;
    o["documents"] = docs;
    o["unreadable"] = unreadable;
    o["type_accuracy"] = type_acc;
    o["engine"] = engine_all.to_json();
    o["baseline"] = baseline_all.to_json();
    o["engine_wc_explicit"] = engine_wc.to_json();
    o["baseline_wc_explicit"] = baseline_wc.to_json();
    json::object per;
    for (const auto& [pid, t] : engine_by) {
      json::object p;
      p["engine"] = t.to_json();
      p["baseline"] = baseline_by[pid].to_json();
      per[pid] = std::move(p);
    }
    o["perspectives"] = std::move(per);
    std::cout << json::serialize(o) << "\n";
    return 0;
  }
  std::cout << "Documents: " << docs << (unreadable ? " (" + std::to_string(unreadable) + " unreadable)" : "") << "\n"
            << "Document type accuracy: " << pct(type_acc) << " (" << type_ok << "/" << docs << ")\n\n";
  print_matrix("Coverage, all perspectives incl. wc_explicit, engine", engine_all);
  print_matrix("Coverage, all perspectives incl. wc_explicit, keyword baseline", baseline_all);
  std::cout << "\n                             agreement   gap precision   gap recall\n"
            << "  engine                     " << std::setw(9) << pct(engine_all.agreement()) << std::setw(16)
            << pct(engine_all.gap_precision()) << std::setw(13) << pct(engine_all.gap_recall()) << "\n"
            << "  keyword baseline           " << std::setw(9) << pct(baseline_all.agreement()) << std::setw(16)
            << pct(baseline_all.gap_precision()) << std::setw(13) << pct(baseline_all.gap_recall()) << "\n\n"
            << "Per perspective (n, engine agreement / baseline agreement, engine gap P/R):\n";
  std::vector<std::pair<std::string, Tally>> rows(engine_by.begin(), engine_by.end());
  rows.insert(rows.begin(), {"wc_explicit", engine_wc});
  for (const auto& [pid, t] : rows) {
    const Tally& b = pid == "wc_explicit" ? baseline_wc : baseline_by[pid];
    std::cout << "  " << std::left << std::setw(26) << pid << std::right << std::setw(4) << t.total() << std::setw(9)
              << pct(t.agreement()) << " /" << std::setw(8) << pct(b.agreement()) << std::setw(9) << pct(t.gap_precision())
              << " /" << std::setw(8) << pct(t.gap_recall()) << "\n";
  }
  if (verbose) {
    std::cout << "\nDisagreements:\n";
    for (const auto& d : disagreements) std::cout << "  " << d << "\n";
  }
  return 0;
}

}  // namespace styrkoll::cli
