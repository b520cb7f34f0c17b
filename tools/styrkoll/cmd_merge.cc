// styrkoll merge A.json B.json ...: the combined report of a sharded scan.
#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/program_options.hpp>

#include "args.h"
#include "commands.h"
#include "engine_setup.h"
#include "outputs.h"
#include "styrkoll/scan.h"

namespace styrkoll::cli {

namespace po = boost::program_options;

int cmd_merge(const std::vector<std::string>& args) {
  po::options_description opts("Usage: styrkoll merge REPORT.json... [--json F] [--html F] [--csv F] [--sarif F]\n\nOptions");
  opts.add_options()("help,h", "show this help")("rules", po::value<std::string>(), "rule pack the shards used")(
      "json", po::value<std::string>(), "merged JSON report (default: stdout when no other output)")(
      "html", po::value<std::string>(), "HTML report")("csv", po::value<std::string>(), "CSV")(
      "csv-semicolon", "semicolon-separated CSV")("sarif", po::value<std::string>(), "SARIF 2.1.0")(
      "lang", po::value<std::string>()->default_value("sv"), "HTML labels: sv or en")(
      "reports", po::value<std::vector<std::string>>(), "shard reports");
  po::positional_options_description pos;
  pos.add("reports", -1);
  po::variables_map vm;
  if (auto stop = parse_args(args, opts, pos, vm, "merge")) return *stop;
  if (!vm.count("reports")) {
    std::cerr << "styrkoll merge: at least one REPORT.json is required\n" << opts;
    return 2;
  }
  std::vector<std::string> texts;
  for (const auto& f : vm["reports"].as<std::vector<std::string>>()) {
    std::ifstream in(f);
    if (!in) {
      std::cerr << "styrkoll merge: cannot read " << f << "\n";
      return 2;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    texts.push_back(ss.str());
  }
  auto merged = merge_reports(texts, vm.count("rules") ? vm["rules"].as<std::string>() : default_rules_dir());
  if (!merged.ok()) {
    std::cerr << "styrkoll merge: " << merged.status().message() << "\n";
    return 2;
  }
  OutputPaths p;
  if (vm.count("json")) p.json = vm["json"].as<std::string>();
  if (vm.count("html")) p.html = vm["html"].as<std::string>();
  if (vm.count("csv")) p.csv = vm["csv"].as<std::string>();
  if (vm.count("sarif")) p.sarif = vm["sarif"].as<std::string>();
  p.csv_semicolon = vm.count("csv-semicolon") > 0;
  p.language = vm["lang"].as<std::string>();
  if (p.json.empty() && p.html.empty() && p.csv.empty() && p.sarif.empty()) {
    std::cout << merged.value() << "\n";
    return 0;
  }
  return write_outputs(merged.value(), p, "merge") ? 0 : 2;
}

}  // namespace styrkoll::cli
