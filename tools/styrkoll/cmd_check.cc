// styrkoll check FILE: one document, read in the terminal.
#include <iostream>

#include <boost/program_options.hpp>

#include "args.h"
#include "commands.h"
#include "engine_setup.h"
#include "styrkoll/ingest.h"
#include "styrkoll/scan.h"

namespace styrkoll::cli {

namespace po = boost::program_options;

namespace {

const char* mark(Coverage c) {
  switch (c) {
    case Coverage::strong: return "STARK ";
    case Coverage::weak: return "SVAG  ";
    case Coverage::missing: return "SAKNAS";
  }
  return "";
}

}  // namespace

int cmd_check(const std::vector<std::string>& args) {
  po::options_description opts("Usage: styrkoll check FILE [--rules DIR] [--type TYPE] [--json]\n\nOptions");
  opts.add_options()("help,h", "show this help")("rules", po::value<std::string>(), "rule pack directory")(
      "type", po::value<std::string>(), "document type id (skips classification)")("json", "print the analysis as JSON")(
      "file", po::value<std::string>(), "document");
  po::positional_options_description pos;
  pos.add("file", 1);
  po::variables_map vm;
  if (auto stop = parse_args(args, opts, pos, vm, "check")) return *stop;
  if (!vm.count("file")) {
    std::cerr << "styrkoll check: a FILE is required\n" << opts;
    return 2;
  }
  auto engine = load_engine(vm.count("rules") ? vm["rules"].as<std::string>() : default_rules_dir(), "check");
  if (!engine) return 2;
  std::optional<std::string> type;
  if (vm.count("type")) {
    type = vm["type"].as<std::string>();
    if (*type != "out_of_scope" && !engine->pack().find_type(*type)) {
      std::cerr << "styrkoll check: unknown document type '" << *type << "'\n";
      return 2;
    }
  }
  auto doc = ingest_file(vm["file"].as<std::string>());
  if (!doc.ok()) {
    std::cerr << "styrkoll check: " << doc.status().to_string() << "\n";
    return 1;
  }
  DocumentAnalysis a = engine->analyze(doc.value(), type);
  if (vm.count("json")) {
    std::cout << document_entry_json(doc.value(), a, engine->pack()) << "\n";
    return 0;
  }
  const auto& d = doc.value();
  const auto* t = engine->pack().find_type(a.doc_type.type_id);
  std::cout << d.metadata().path << "\n"
            << "  Titel:        " << d.metadata().title << "\n"
            << "  Dokumenttyp:  " << (t ? t->name + " (" + t->id + ")" : std::string("utanför urvalet (out_of_scope)"))
            << ", säkerhet " << static_cast<int>(a.doc_type.confidence * 100) << " %"
            << (a.doc_type.source == "manifest" ? " [manifest]" : "") << "\n";
  if (a.doc_type.uncertain) {
    const auto* r = engine->pack().find_type(a.doc_type.runner_up);
    std::cout << "                Osäker: kan också vara " << (r ? r->name + " (" + r->id + ")" : std::string("utanför urvalet"))
              << "\n";
  }
  for (const auto& r : a.doc_type.reasons) std::cout << "                " << r << "\n";
  std::cout << "  Välfärdsbrottslighet nämns: " << mark(a.wc_explicit) << "\n";
  if (!a.wc_evidence.empty()) std::cout << "      \"" << a.wc_evidence.front().quote << "\"\n";
  if (!t) return 0;
  std::cout << "  Täckning: " << a.coverage_score << " %\n\n";
  for (const auto& p : a.perspectives) {
    std::cout << "  [" << mark(p.coverage) << "] " << engine->pack().perspective_name(p.id) << " (" << p.id << ")\n";
    if (!p.evidence.empty()) {
      const Evidence& e = p.evidence.front();
      std::cout << "      ";
      if (e.page) std::cout << "s. " << e.page << ", ";
      std::string section;
      for (const auto& s : e.section) section += (section.empty() ? "" : " > ") + s;
      if (!section.empty()) std::cout << section;
      std::cout << "\n      \"" << e.quote << "\"\n";
    }
    for (const auto& r : p.reasons) std::cout << "      " << r << "\n";
    if (p.coverage != Coverage::strong && !p.recommendation.empty()) {
      std::cout << "      Förslag: " << p.recommendation << "\n";
    }
  }
  return 0;
}

}  // namespace styrkoll::cli
