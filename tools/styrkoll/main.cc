// styrkoll: command-line front end of the Styrkoll library.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "styrkoll/version.h"

namespace {

void usage(std::ostream& os) {
  os << "Usage: styrkoll <command> [options]\n\n"
        "Commands:\n"
        "  extract FILE [--json]   show the document model: blocks with page, section and text\n"
        "  scan PATH...            scan an archive and write the gap report (JSON, HTML, CSV, SARIF)\n"
        "  diff OLD.json NEW.json  progress between two scans\n"
        "  merge A.json B.json ... the combined report of a sharded scan (scan --shard I/N)\n"
        "  report REPORT.json ...  render a JSON report as HTML, CSV and/or SARIF\n"
        "  tokens FILE|- [--json]  show sentences and tokens: folded form, lemma, compound parts\n"
        "  check FILE              judge one document: type, each perspective's coverage, evidence\n"
        "  rules lint|test [DIR]   validate a rule pack / run its embedded examples\n"
        "  rules explain RULE FILE why a rule did or did not fire on a document\n"
        "  eval DIR --labels FILE  agreement with hand-written labels, against a keyword baseline\n"
        "  version                 print the version\n"
        "  help                    show this help\n\n"
        "Run 'styrkoll <command> --help' for the options of a command.\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(std::cerr);
    return 2;
  }
  std::string cmd = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (cmd == "extract") return styrkoll::cli::cmd_extract(args);
    if (cmd == "scan") return styrkoll::cli::cmd_scan(args);
    if (cmd == "tokens") return styrkoll::cli::cmd_tokens(args);
    if (cmd == "check") return styrkoll::cli::cmd_check(args);
    if (cmd == "rules") return styrkoll::cli::cmd_rules(args);
    if (cmd == "eval") return styrkoll::cli::cmd_eval(args);
    if (cmd == "diff") return styrkoll::cli::cmd_diff(args);
    if (cmd == "merge") return styrkoll::cli::cmd_merge(args);
    if (cmd == "report") return styrkoll::cli::cmd_report(args);
    if (cmd == "version" || cmd == "--version") {
      std::cout << "styrkoll " << styrkoll::library_version() << "\n";
      return 0;
    }
    if (cmd == "help" || cmd == "--help" || cmd == "-h") {
      usage(std::cout);
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "styrkoll: " << e.what() << "\n";
    return 2;
  }
  std::cerr << "styrkoll: unknown command '" << cmd << "'\n";
  usage(std::cerr);
  return 2;
}
