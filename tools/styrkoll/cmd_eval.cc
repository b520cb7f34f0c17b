// styrkoll eval DIR --labels FILE: how often the engine agrees with labels
// written by people, side by side with a keyword baseline (a perspective is
// covered when any of its rules' terms occurs anywhere, as grep would judge).
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
#include "eval_labels.h"
#include "commands.h"
#include "engine_setup.h"
#include "styrkoll/ingest.h"
#include "styrkoll/text.h"

namespace styrkoll::cli {

namespace po = boost::program_options;
namespace json = boost::json;

namespace {

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
  // Of the perspectives the engine calls strong, the share labelled strong
  // (1 when it calls none strong), and of those labelled strong, the share it finds.
  int engine_strong() const { return m[0][2] + m[1][2] + m[2][2]; }
  int label_strong() const { return m[2][0] + m[2][1] + m[2][2]; }
  double strong_precision() const { return engine_strong() ? static_cast<double>(m[2][2]) / engine_strong() : 1; }
  double strong_recall() const { return label_strong() ? static_cast<double>(m[2][2]) / label_strong() : 1; }
  json::object to_json() const {
    json::object o;
    json::array rows;
    for (auto& r : m) rows.push_back(json::array{r[0], r[1], r[2]});
    o["confusion"] = std::move(rows);
    o["n"] = total();
    o["agreement"] = agreement();
    o["gap_precision"] = gap_precision();
    o["gap_recall"] = gap_recall();
    o["engine_strong"] = engine_strong();
    o["label_strong"] = label_strong();
    o["strong_precision"] = strong_precision();
    o["strong_recall"] = strong_recall();
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

// One disagreement, with both sides' evidence.
struct Disagreement {
  std::string file, perspective, label, engine, label_quote, engine_quote;
  double overlap = 0;
  bool type = false;
};

std::string one_line(std::string s, std::size_t max = 240) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  std::string out;
  for (char c : s) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out += c;
  }
  if (out.size() > max) {
    std::size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

}  // namespace

int cmd_eval(const std::vector<std::string>& args) {
  po::options_description opts(
      "Usage: styrkoll eval [DIR] --labels FILE [--rules DIR] [--json] [-v]\n\n"
      "Compares the engine with hand-written labels: document types and, per perspective, missing / weak /\n"
      "strong. Reads the corpus format (type, perspectives: {id: status}) and the specialists' format of\n"
      "../shared/realdocs (doc_type, perspectives: {id: {status, evidence, offset, note}}). Files are\n"
      "looked up in DIR, by default the labels file's folder.\n\nOptions");
  opts.add_options()("help,h", "show this help")("labels", po::value<std::string>(), "labels YAML")(
      "rules", po::value<std::string>(), "rule pack directory")("json", "print the figures as JSON")(
      "verbose,v", "list every disagreement with the engine's and the label's evidence side by side")(
      "dir", po::value<std::string>(), "folder with the documents");
  po::positional_options_description pos;
  pos.add("dir", 1);
  po::variables_map vm;
  if (auto stop = parse_args(args, opts, pos, vm, "eval")) return *stop;
  if (!vm.count("labels")) {
    std::cerr << "styrkoll eval: --labels is required\n" << opts;
    return 2;
  }
  const std::string labels_path = vm["labels"].as<std::string>();
  auto labels = read_labels(labels_path);
  if (!labels.ok()) {
    std::cerr << "styrkoll eval: " << labels.status().message() << "\n";
    return 2;
  }
  auto engine = load_engine(vm.count("rules") ? vm["rules"].as<std::string>() : default_rules_dir(), "eval");
  if (!engine) return 2;
  const RulePack& pack = engine->pack();
  std::string dir = vm.count("dir") ? vm["dir"].as<std::string>()
                                    : std::filesystem::path(labels_path).parent_path().string();
  if (dir.empty()) dir = ".";
  bool verbose = vm.count("verbose") > 0;

  int docs = 0, type_ok = 0, unreadable = 0, in_scope_labelled = 0, in_scope_typed = 0, oos_labelled = 0, oos_typed = 0;
  Tally engine_all, baseline_all, engine_wc, baseline_wc;
  std::map<std::string, Tally> engine_by, baseline_by;
  std::vector<Disagreement> disagreements;
  for (const LabelledDocument& l : labels.value()) {
    // A label's file is relative to DIR; the specialists' files ("text/x.txt") are relative to
    // the labels file, so that folder is tried too ("eval regions/text --labels regions/labels.yaml").
    std::string path = dir + "/" + l.file;
    if (!std::filesystem::exists(path)) {
      std::string beside_labels = (std::filesystem::path(labels_path).parent_path() / l.file).string();
      if (std::filesystem::exists(beside_labels)) path = beside_labels;
    }
    auto doc = ingest_file(path);
    if (!doc.ok()) {
      std::cerr << "styrkoll eval: " << doc.status().to_string() << "\n";
      ++unreadable;
      continue;
    }
    ++docs;
    AnalyzedText text = analyze_document(doc.value(), engine->lexicon());
    Classification c = engine->classify(doc.value(), text);
    type_ok += c.type_id == l.type;
    if (l.type == "out_of_scope") {
      ++oos_labelled;
      oos_typed += c.type_id == "out_of_scope";
    } else {
      ++in_scope_labelled;
      in_scope_typed += c.type_id != "out_of_scope";
    }
    if (c.type_id != l.type) {
      Disagreement d;
      d.type = true;
      d.file = l.file;
      d.label = l.type;
      d.engine = c.type_id;
      for (const auto& r : c.reasons) d.engine_quote += (d.engine_quote.empty() ? "" : "; ") + r;
      disagreements.push_back(std::move(d));
    }
    if (l.type == "out_of_scope" || l.perspectives.empty()) continue;
    // Coverage is judged on the labelled type, so that a type error does not count twice.
    DocumentAnalysis a = engine->analyze(doc.value(), text, l.type);
    std::string folded = fold(doc.value().text());
    for (const auto& [pid, label] : l.perspectives) {
      Coverage got = Coverage::missing;
      const std::vector<Evidence>* evidence = nullptr;
      if (pid == "wc_explicit") {
        got = a.wc_explicit;
        evidence = &a.wc_evidence;
      } else {
        for (const auto& p : a.perspectives) {
          if (p.id == pid) {
            got = p.coverage;
            evidence = &p.evidence;
          }
        }
      }
      Coverage base = keyword_baseline(folded, pack, pid, l.type);
      (pid == "wc_explicit" ? engine_wc : engine_by[pid]).add(label.status, got);
      (pid == "wc_explicit" ? baseline_wc : baseline_by[pid]).add(label.status, base);
      engine_all.add(label.status, got);
      baseline_all.add(label.status, base);
      if (got != label.status) {
        Disagreement d;
        d.file = l.file;
        d.perspective = pid;
        d.label = std::string(coverage_name(label.status));
        d.engine = std::string(coverage_name(got));
        d.label_quote = label.evidence;
        if (!label.note.empty()) d.label_quote += (d.label_quote.empty() ? "" : "  [") + label.note + (label.evidence.empty() ? "" : "]");
        if (got != Coverage::missing && evidence && !evidence->empty()) {
          d.engine_quote = evidence->front().quote;
          std::string markers;
          for (const auto& m : evidence->front().markers) markers += (markers.empty() ? "" : ", ") + m;
          if (!markers.empty()) d.engine_quote += "  [" + markers + "]";
          if (!label.evidence.empty()) d.overlap = quote_overlap(evidence->front().quote, label.evidence);
        }
        disagreements.push_back(std::move(d));
      }
    }
  }
  if (docs == 0) {
    std::cerr << "styrkoll eval: none of the " << labels.value().size() << " labelled files could be read from " << dir
              << " or beside " << labels_path << "\n";
    return 1;
  }
  double type_acc = docs ? static_cast<double>(type_ok) / docs : 0;
  if (vm.count("json")) {
    json::object o;
    o["documents"] = docs;
    o["unreadable"] = unreadable;
    o["type_accuracy"] = type_acc;
    o["in_scope_recall"] = in_scope_labelled ? static_cast<double>(in_scope_typed) / in_scope_labelled : 1.0;
    o["out_of_scope_recall"] = oos_labelled ? static_cast<double>(oos_typed) / oos_labelled : 1.0;
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
    json::array dis;
    for (const auto& d : disagreements) {
      json::object j;
      j["file"] = d.file;
      if (d.type) {
        j["type_label"] = d.label;
        j["type_engine"] = d.engine;
      } else {
        j["perspective"] = d.perspective;
        j["label"] = d.label;
        j["engine"] = d.engine;
        j["label_evidence"] = d.label_quote;
        j["engine_evidence"] = d.engine_quote;
        j["overlap"] = d.overlap;
      }
      dis.push_back(std::move(j));
    }
    o["disagreements"] = std::move(dis);
    std::cout << json::serialize(o) << "\n";
    return 0;
  }
  std::cout << "Documents: " << docs << (unreadable ? " (" + std::to_string(unreadable) + " unreadable)" : "") << "\n"
            << "Document type accuracy: " << pct(type_acc) << " (" << type_ok << "/" << docs << ")";
  if (oos_labelled) std::cout << "; out of scope kept out: " << oos_typed << "/" << oos_labelled;
  std::cout << "\n\n";
  if (engine_all.total() == 0) {
    if (verbose) {
      std::cout << "Disagreements:\n";
      for (const auto& d : disagreements) std::cout << "  " << d.file << ": type " << d.label << " labelled, engine says " << d.engine << " (" << one_line(d.engine_quote) << ")\n";
    }
    return 0;
  }
  print_matrix("Coverage, all perspectives incl. wc_explicit, engine", engine_all);
  print_matrix("Coverage, all perspectives incl. wc_explicit, keyword baseline", baseline_all);
  std::cout << "\n                             agreement   gap precision   gap recall   strong precision   strong recall\n";
  for (auto [name, t] : {std::pair<const char*, const Tally*>{"engine", &engine_all}, {"keyword baseline", &baseline_all}}) {
    std::cout << "  " << std::left << std::setw(27) << name << std::right << std::setw(9) << pct(t->agreement())
              << std::setw(16) << pct(t->gap_precision()) << std::setw(13) << pct(t->gap_recall()) << std::setw(19)
              << pct(t->strong_precision()) << std::setw(16) << pct(t->strong_recall()) << "\n";
  }
  std::cout << "\nPer perspective (n, engine agreement / baseline agreement, engine gap P/R):\n";
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
    for (const auto& d : disagreements) {
      if (d.type) {
        std::cout << "  " << d.file << ": type " << d.label << " labelled, engine says " << d.engine << "\n"
                  << "      engine: " << one_line(d.engine_quote) << "\n";
        continue;
      }
      std::cout << "  " << d.file << ": " << d.perspective << " labelled " << d.label << ", engine " << d.engine;
      if (!d.label_quote.empty() && !d.engine_quote.empty()) {
        std::cout << (d.overlap >= 0.5 ? " (same passage" : " (different passages") << ", word overlap " << pct(d.overlap) << ")";
      }
      std::cout << "\n      label:  " << (d.label_quote.empty() ? "-" : one_line(d.label_quote)) << "\n"
                << "      engine: " << (d.engine_quote.empty() ? "-" : one_line(d.engine_quote)) << "\n";
    }
  }
  return 0;
}

}  // namespace styrkoll::cli
