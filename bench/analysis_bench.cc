// Matching + strength assessment on already-extracted, already-tokenised
// text with a full rule pack, single-threaded (issue target: >= 20 MB/s).
// Usage: styrkoll_analysis_bench RULES_DIR [--json FILE] DIR...
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "styrkoll/analysis.h"
#include "styrkoll/ingest.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/text.h"

using namespace styrkoll;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: styrkoll_analysis_bench RULES_DIR [--json FILE] DIR...\n";
    return 2;
  }
  auto pack = RulePack::load(argv[1]);
  if (!pack.ok()) {
    std::cerr << pack.status().message() << "\n";
    return 2;
  }
  auto lexicon = Lexicon::shared();
  auto t0 = Clock::now();
  auto engine = Engine::create(pack.value(), lexicon);
  double compile_s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!engine.ok()) {
    std::cerr << engine.status().message() << "\n";
    return 2;
  }
  std::string json_path;
  std::vector<Document> docs;
  std::vector<AnalyzedText> texts;
  std::size_t bytes = 0;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--json" && i + 1 < argc) {
      json_path = argv[++i];
      continue;
    }
    for (const auto& e : std::filesystem::recursive_directory_iterator(a)) {
      if (!e.is_regular_file()) continue;
      auto r = ingest_file(e.path().string());
      if (!r.ok()) continue;
      bytes += r.value().text().size();
      texts.push_back(analyze_document(r.value(), *lexicon));
      docs.push_back(std::move(r).value());
    }
  }
  double best = 1e9;
  std::size_t perspectives = 0;
  for (int round = 0; round < 5; ++round) {
    auto t1 = Clock::now();
    perspectives = 0;
    for (std::size_t k = 0; k < docs.size(); ++k) perspectives += engine.value()->analyze(docs[k], texts[k]).perspectives.size();
    best = std::min(best, std::chrono::duration<double>(Clock::now() - t1).count());
  }
  double mb = static_cast<double>(bytes) / 1e6;
  std::cout << docs.size() << " documents, " << mb << " MB text, " << pack.value()->rules().size() << " rules, "
            << perspectives << " perspective judgements\n"
            << "compile: " << compile_s << " s\n"
            << "matching + assessment: " << best << " s  " << mb / best << " MB/s  " << docs.size() / best << " documents/s\n";
  if (!json_path.empty()) {
    std::ofstream j(json_path);
    j << "{\n  \"documents\": " << docs.size() << ",\n  \"text_mb\": " << mb << ",\n  \"rules\": " << pack.value()->rules().size()
      << ",\n  \"compile_s\": " << compile_s << ",\n  \"seconds\": " << best << ",\n  \"mb_per_s\": " << mb / best << "\n}\n";
  }
  return 0;
}
