// styrkoll scan: the coordinator's main job. Reads a whole archive, writes
// the gap report, and prints a one-screen summary.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <boost/program_options.hpp>

#include "args.h"
#include "commands.h"
#include "engine_setup.h"
#include "outputs.h"
#include "styrkoll/report.h"
#include "styrkoll/scan.h"

namespace styrkoll::cli {

namespace po = boost::program_options;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const ScanResult* volatile g_kept_result = nullptr;  // see cmd_scan

std::atomic<bool> g_cancel{false};

void on_interrupt(int) { g_cancel.store(true); }

std::string format_duration(double s) {
  if (!std::isfinite(s) || s < 0) return "?";
  int t = static_cast<int>(s + 0.5);
  std::ostringstream o;
  if (t >= 3600) o << t / 3600 << ":" << std::setw(2) << std::setfill('0') << (t / 60) % 60 << ":" << std::setw(2) << t % 60;
  else o << t / 60 << ":" << std::setw(2) << std::setfill('0') << t % 60;
  return o.str();
}

// A progress bar on a terminal, plain lines (every 5 s) otherwise.
class ProgressView {
 public:
  explicit ProgressView(bool quiet) : tty_(::isatty(STDERR_FILENO)), quiet_(quiet) {}

  void operator()(const ScanProgress& p) {
    if (quiet_ || p.total == 0) return;
    double rate = p.elapsed_s > 0 ? p.done / p.elapsed_s : 0;
    double eta = rate > 0 ? (p.total - p.done) / rate : NAN;
    if (tty_) {
      int width = 30;
      int filled = static_cast<int>(width * p.done / p.total);
      std::cerr << "\r[" << std::string(filled, '#') << std::string(width - filled, '.') << "] " << p.done << "/" << p.total
                << "  " << std::fixed << std::setprecision(1) << rate << " dok/s  kvar " << format_duration(eta);
      if (p.failed) std::cerr << "  fel " << p.failed;
      std::cerr << "   " << std::flush;
      if (p.done == p.total) std::cerr << "\n";
    } else if (p.done == p.total || p.elapsed_s - last_ >= 5) {
      last_ = p.elapsed_s;
      std::cerr << "scan: " << p.done << "/" << p.total << " documents, " << std::fixed << std::setprecision(1) << rate
                << "/s, " << p.from_cache << " from cache, " << p.failed << " failed, ETA " << format_duration(eta) << "\n";
    }
  }

 private:
  bool tty_, quiet_;
  double last_ = -10;
};

}  // namespace

int cmd_scan(const std::vector<std::string>& args) {
  po::options_description opts(
      "Usage: styrkoll scan PATH... [--out DIR] [--json F] [--html F] [--csv F] [--sarif F] [-j N]\n\nOptions");
  opts.add_options()("help,h", "show this help")("rules", po::value<std::string>(), "rule pack directory")(
      "out", po::value<std::string>()->default_value("out"), "output folder: report.json/.html/.csv/.sarif and the cache")(
      "json", po::value<std::string>(), "JSON report path (default OUT/report.json)")(
      "html", po::value<std::string>(), "HTML report path (default OUT/report.html)")(
      "csv", po::value<std::string>(), "CSV path (default OUT/report.csv)")(
      "csv-semicolon", "semicolon-separated CSV (Swedish Excel)")(
      "sarif", po::value<std::string>(), "SARIF 2.1.0 path (default OUT/report.sarif)")(
      "lang", po::value<std::string>()->default_value("sv"), "HTML labels: sv or en")(
      "manifest", po::value<std::string>(), "CSV or YAML: path -> document type")(
      "assessments", po::value<std::string>(), "YAML with the coordinator's assessments of findings")(
      "baseline", po::value<std::string>(), "an earlier JSON report to compare with")(
      "jobs,j", po::value<int>()->default_value(0), "worker processes (0 = one per core)")(
      "timeout", po::value<int>()->default_value(120), "seconds allowed per document")(
      "memory-limit", po::value<int>()->default_value(3072), "MiB of address space per worker (0 = unlimited)")(
      "shard", po::value<std::string>(), "I/N: only this machine's share of the archive")(
      "cache", po::value<std::string>(), "cache file (default OUT/cache.sqlite)")("no-cache", "do not use the cache")(
      "in-process", "analyse in this process, without worker processes (no crash or hang protection)")(
      "fail-on", po::value<std::string>()->default_value("none"), "exit 1 when open gaps at this level exist: none, weak, missing")(
      "quiet,q", "no progress output")("paths", po::value<std::vector<std::string>>(), "files or folders");
  po::positional_options_description pos;
  pos.add("paths", -1);
  po::variables_map vm;
  if (auto stop = parse_args(args, opts, pos, vm, "scan")) return *stop;
  if (!vm.count("paths")) {
    std::cerr << "styrkoll scan: at least one PATH is required\n" << opts;
    return 2;
  }
  std::string fail_on = vm["fail-on"].as<std::string>();
  if (fail_on != "none" && fail_on != "weak" && fail_on != "missing") {
    std::cerr << "styrkoll scan: --fail-on must be none, weak or missing\n";
    return 2;
  }
  std::string out = vm["out"].as<std::string>();
  std::error_code ec;
  fs::create_directories(out, ec);
  if (ec) {
    std::cerr << "styrkoll scan: cannot create " << out << ": " << ec.message() << "\n";
    return 2;
  }
  ScanOptions so;
  so.roots = vm["paths"].as<std::vector<std::string>>();
  so.rules_dir = vm.count("rules") ? vm["rules"].as<std::string>() : default_rules_dir();
  if (!vm.count("no-cache")) so.cache_path = vm.count("cache") ? vm["cache"].as<std::string>() : out + "/cache.sqlite";
  if (vm.count("manifest")) so.manifest = vm["manifest"].as<std::string>();
  if (vm.count("assessments")) so.assessments = vm["assessments"].as<std::string>();
  if (vm.count("baseline")) so.baseline = vm["baseline"].as<std::string>();
  so.workers = vm["jobs"].as<int>();
  so.timeout_s = vm["timeout"].as<int>();
  so.memory_limit_bytes = static_cast<std::uint64_t>(std::max(0, vm["memory-limit"].as<int>())) << 20;
  if (vm.count("shard")) so.shard = vm["shard"].as<std::string>();
  so.in_process = vm.count("in-process") > 0;
  so.keep_report_model = true;  // the HTML, CSV and SARIF files are rendered from it
  ProgressView view(vm.count("quiet") > 0);
  so.progress = [&view](const ScanProgress& p) { view(p); };
  g_cancel.store(false);
  so.cancel = &g_cancel;
  struct sigaction sa {};
  sa.sa_handler = on_interrupt;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  Result<ScanResult> r = run_scan(so);
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
  if (!r.ok()) {
    std::cerr << "styrkoll scan: " << r.status().message() << "\n";
    return 2;
  }
  // The result (the report as JSON and as the renderers' model: ~60 MB for
  // 2,000 documents) is kept until the process exits: freeing it string by
  // string took 5 % of a warm re-scan, and the exit frees it at once. It
  // stays reachable through g_kept_result (volatile: the store must not be
  // optimised away), so leak checkers do not report it.
  g_kept_result = new ScanResult(std::move(r).value());
  const ScanResult& res = *g_kept_result;
  for (const auto& p : res.problems) std::cerr << "styrkoll scan: skipped " << p << "\n";
  if (res.cancelled) {
    std::cerr << "styrkoll scan: interrupted; finished documents are cached, run the same command again to resume\n";
    return 130;
  }
  OutputPaths paths;
  paths.json = vm.count("json") ? vm["json"].as<std::string>() : out + "/report.json";
  paths.html = vm.count("html") ? vm["html"].as<std::string>() : out + "/report.html";
  paths.csv = vm.count("csv") ? vm["csv"].as<std::string>() : out + "/report.csv";
  paths.sarif = vm.count("sarif") ? vm["sarif"].as<std::string>() : out + "/report.sarif";
  paths.csv_semicolon = vm.count("csv-semicolon") > 0;
  paths.language = vm["lang"].as<std::string>();
  if (!write_outputs(res, paths, "scan")) return 2;
  if (!vm.count("quiet")) {
    auto summary = render_summary(res);
    if (summary.ok()) std::cout << summary.value();
    else std::cerr << "styrkoll scan: " << summary.status().message() << "\n";
    std::cout << "  rapport: " << paths.json << (paths.html.empty() ? "" : ", " + paths.html) << "\n";
  }
  if (fail_on == "missing" && res.open_missing > 0) return 1;
  if (fail_on == "weak" && res.open_missing + res.open_weak > 0) return 1;
  return 0;
}

}  // namespace styrkoll::cli
