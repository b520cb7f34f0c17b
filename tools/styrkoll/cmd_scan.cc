#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <system_error>

#include <boost/program_options.hpp>

#include "commands.h"
#include "styrkoll/ingest.h"

namespace styrkoll::cli {

namespace fs = std::filesystem;
namespace po = boost::program_options;

namespace {

// Collects regular files under the paths. Directory symlinks are not
// followed (no loops); unreadable directories are reported and skipped.
std::vector<std::string> collect_files(const std::vector<std::string>& paths, std::vector<std::string>& problems) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(p, ec);
    if (ec) {
      problems.push_back(p + ": " + ec.message());
      continue;
    }
    if (fs::is_regular_file(st)) {
      files.push_back(p);
      continue;
    }
    if (!fs::is_directory(st)) {
      problems.push_back(p + ": not a file or directory");
      continue;
    }
    fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
    if (ec) {
      problems.push_back(p + ": " + ec.message());
      continue;
    }
    for (; it != end; it.increment(ec)) {
      if (ec) {
        problems.push_back(it->path().string() + ": " + ec.message());
        ec.clear();
        continue;
      }
      std::error_code fec;
      if (it->is_regular_file(fec)) {
        std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') continue;  // hidden files, editor lock files
        files.push_back(it->path().string());
      }
    }
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace

int cmd_scan(const std::vector<std::string>& args) {
  po::options_description opts("Usage: styrkoll scan PATH... [--json FILE]\n\nOptions");
  opts.add_options()("help,h", "show this help")("json", po::value<std::string>(),
                                                  "write every document model as JSON lines to FILE")(
      "quiet,q", "print only the summary")("paths", po::value<std::vector<std::string>>(), "files or folders");
  po::positional_options_description pos;
  pos.add("paths", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "styrkoll scan: " << e.what() << "\n" << opts;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << opts;
    return 0;
  }
  if (!vm.count("paths")) {
    std::cerr << "styrkoll scan: at least one PATH is required\n" << opts;
    return 2;
  }
  bool quiet = vm.count("quiet") > 0;
  std::vector<std::string> problems;
  std::vector<std::string> files = collect_files(vm["paths"].as<std::vector<std::string>>(), problems);

  std::ofstream json_out;
  if (vm.count("json")) {
    json_out.open(vm["json"].as<std::string>());
    if (!json_out) {
      std::cerr << "styrkoll scan: cannot write " << vm["json"].as<std::string>() << "\n";
      return 2;
    }
  }

  std::map<std::string, int> by_format, by_error;
  std::set<std::string> hashes;
  int ok = 0, duplicates = 0;
  long pages = 0, blocks = 0, headings = 0;
  for (const std::string& f : files) {
    Result<Document> r = ingest_file(f);
    if (!r.ok()) {
      ++by_error[std::string(error_code_name(r.status().code()))];
      std::cout << "  error  " << r.status().to_string() << "\n";
      continue;
    }
    const Document& d = r.value();
    if (!hashes.insert(d.metadata().sha256).second) {
      ++duplicates;
      if (!quiet) std::cout << "  dup    " << f << "\n";
      continue;
    }
    ++ok;
    ++by_format[std::string(format_name(d.metadata().format))];
    pages += d.metadata().page_count;
    blocks += static_cast<long>(d.blocks().size());
    for (const Block& b : d.blocks()) headings += b.kind == BlockKind::heading;
    if (!quiet) {
      std::cout << "  ok     " << f << "  [" << format_name(d.metadata().format) << ", "
                << d.blocks().size() << " blocks";
      if (d.metadata().page_count) std::cout << ", " << d.metadata().page_count << " pages";
      std::cout << "]  " << d.metadata().title << "\n";
    }
    if (json_out) json_out << boost::json::serialize(document_to_json(d)) << "\n";
  }
  for (const std::string& p : problems) std::cout << "  skip   " << p << "\n";

  std::cout << "\nSummary: " << files.size() << " files, " << ok << " read";
  for (auto& [fmt, n] : by_format) std::cout << ", " << n << " " << fmt;
  std::cout << "\n         " << pages << " PDF/DOCX/ODT pages, " << blocks << " blocks, " << headings
            << " headings";
  if (duplicates) std::cout << ", " << duplicates << " duplicates skipped";
  std::cout << "\n";
  int failed = 0;
  for (auto& [code, n] : by_error) {
    std::cout << "         " << n << " not read: " << code << "\n";
    failed += n;
  }
  return failed > 0 || !problems.empty() ? 1 : 0;
}

}  // namespace styrkoll::cli
