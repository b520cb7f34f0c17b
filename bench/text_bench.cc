// Text-layer micro-benchmark: sentences + tokens + lemmas + compound parts,
// single-threaded, on the text of every document under the given folders.
// Cold = a fresh Lexicon (empty cache); warm = the same Lexicon again.
// Usage: styrkoll_text_bench [--json FILE] DIR...
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "styrkoll/ingest.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/text.h"

using namespace styrkoll;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  std::string json_path;
  std::vector<Document> docs;
  std::size_t bytes = 0;
  for (int i = 1; i < argc; ++i) {
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
      docs.push_back(std::move(r).value());
    }
  }
  if (docs.empty()) {
    std::cerr << "usage: styrkoll_text_bench [--json FILE] DIR...\n";
    return 2;
  }
  const char* env = std::getenv("STYRKOLL_HUNSPELL_DIR");
  auto t_load0 = Clock::now();
  auto lex = Lexicon::open(env && *env ? env : "/usr/share/hunspell");
  if (!lex.ok() || !lex.value()->load().ok()) {
    std::cerr << (lex.ok() ? lex.value()->load() : lex.status()).to_string() << "\n";
    return 2;
  }
  auto t_load1 = Clock::now();
  auto run = [&]() {
    std::size_t tokens = 0, sentences = 0;
    auto t0 = Clock::now();
    for (const auto& d : docs) {
      AnalyzedText at = analyze_document(d, *lex.value());
      tokens += at.tokens.size();
      sentences += at.sentences.size();
    }
    double s = std::chrono::duration<double>(Clock::now() - t0).count();
    return std::make_tuple(s, tokens, sentences);
  };
  auto [cold_s, tokens, sentences] = run();
  std::size_t vocabulary = lex.value()->cache_size();
  double warm_s = 1e9;
  for (int r = 0; r < 5; ++r) warm_s = std::min(warm_s, std::get<0>(run()));
  double load_s = std::chrono::duration<double>(t_load1 - t_load0).count();
  double mb = static_cast<double>(bytes) / 1e6;
  std::cout << docs.size() << " documents, " << mb << " MB text, " << tokens << " tokens, " << sentences
            << " sentences, " << vocabulary << " distinct word forms\n"
            << "lexicon load:  " << load_s << " s\n"
            << "cold cache:    " << cold_s << " s  " << tokens / cold_s << " tokens/s  " << mb / cold_s << " MB/s\n"
            << "warm cache:    " << warm_s << " s  " << tokens / warm_s << " tokens/s  " << mb / warm_s << " MB/s\n";
  if (!json_path.empty()) {
    std::ofstream j(json_path);
    j << "{\n  \"documents\": " << docs.size() << ",\n  \"text_mb\": " << mb << ",\n  \"tokens\": " << tokens
      << ",\n  \"distinct_forms\": " << vocabulary << ",\n  \"lexicon_load_s\": " << load_s
      << ",\n  \"cold_tokens_per_s\": " << tokens / cold_s << ",\n  \"cold_mb_per_s\": " << mb / cold_s
      << ",\n  \"warm_tokens_per_s\": " << tokens / warm_s << ",\n  \"warm_mb_per_s\": " << mb / warm_s << "\n}\n";
  }
  return 0;
}
