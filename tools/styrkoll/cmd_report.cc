// styrkoll report: render an existing JSON report as HTML, CSV and/or SARIF.
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "args.h"
#include "commands.h"
#include "styrkoll/report.h"

namespace styrkoll::cli {

namespace po = boost::program_options;

namespace {

// Writes content to path ("-" is stdout). Returns false with a message on failure.
bool write_output(const std::string& path, const std::string& content, std::string& error) {
  if (path == "-") {
    std::cout << content;
    std::cout.flush();
    if (!std::cout) error = "cannot write to standard output";
    return static_cast<bool>(std::cout);
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) {
    error = path + ": cannot open for writing";
    return false;
  }
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) {
    error = path + ": write failed";
    return false;
  }
  return true;
}

}  // namespace

int cmd_report(const std::vector<std::string>& args) {
  po::options_description opts(
      "Usage: styrkoll report REPORT.json [--html F] [--csv F] [--csv-semicolon] [--sarif F] [--lang "
      "sv|en]\n\n"
      "Renders a JSON report (from 'styrkoll scan --json') into other formats.\n"
      "An output file of '-' means standard output.\n\nOptions");
  opts.add_options()("help,h", "show this help")("html", po::value<std::string>(),
                                                 "write one self-contained HTML page to F")(
      "csv", po::value<std::string>(), "write CSV (one row per document and perspective) to F")(
      "csv-semicolon", "separate CSV fields with ';' (Swedish Excel) instead of ','")(
      "no-bom", "write the CSV without the UTF-8 byte order mark")("sarif", po::value<std::string>(),
                                                                   "write SARIF 2.1.0 to F")(
      "lang", po::value<std::string>()->default_value("sv"), "HTML labels: sv or en")(
      "title", po::value<std::string>(), "HTML page title (default: a generic title)")(
      "input", po::value<std::string>(), "the JSON report");
  po::positional_options_description pos;
  pos.add("input", 1);
  po::variables_map vm;
  if (auto stop = parse_args(args, opts, pos, vm, "report")) return *stop;
  if (!vm.count("input")) {
    std::cerr << "styrkoll report: a REPORT.json is required\n" << opts;
    return 2;
  }
  if (!vm.count("html") && !vm.count("csv") && !vm.count("sarif")) {
    std::cerr << "styrkoll report: nothing to do: give at least one of --html, --csv, --sarif\n";
    return 2;
  }
  const std::string lang = vm["lang"].as<std::string>();
  if (lang != "sv" && lang != "en") {
    std::cerr << "styrkoll report: --lang must be sv or en, not '" << lang << "'\n";
    return 2;
  }
  if ((vm.count("csv-semicolon") || vm.count("no-bom")) && !vm.count("csv")) {
    std::cerr << "styrkoll report: --csv-semicolon and --no-bom need --csv F\n";
    return 2;
  }

  const std::string input = vm["input"].as<std::string>();
  std::ifstream in(input, std::ios::binary);
  if (!in) {
    std::cerr << "styrkoll report: " << input << ": cannot open for reading\n";
    return 1;
  }
  std::string json((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    std::cerr << "styrkoll report: " << input << ": read failed\n";
    return 1;
  }

  int rc = 0;
  auto emit = [&](const char* option, const Result<std::string>& rendered) {
    const std::string out = vm[option].as<std::string>();
    if (!rendered.ok()) {
      std::cerr << "styrkoll report: " << input << ": " << rendered.status().message() << "\n";
      rc = 1;
      return;
    }
    std::string error;
    if (!write_output(out, rendered.value(), error)) {
      std::cerr << "styrkoll report: " << error << "\n";
      rc = 1;
    }
  };
  if (vm.count("html")) {
    HtmlOptions options;
    options.language = lang;
    if (vm.count("title")) options.title = vm["title"].as<std::string>();
    emit("html", render_html(json, options));
    if (rc) return rc;  // the same input error would repeat for every format
  }
  if (vm.count("csv")) {
    emit("csv", render_csv(json, vm.count("csv-semicolon") ? ';' : ',', !vm.count("no-bom")));
    if (rc) return rc;
  }
  if (vm.count("sarif")) emit("sarif", render_sarif(json));
  return rc;
}

}  // namespace styrkoll::cli
