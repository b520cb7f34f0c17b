#include "engine_setup.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "styrkoll/lexicon.h"
#include "styrkoll/rules.h"

namespace styrkoll::cli {

std::string default_rules_dir() {
  if (const char* env = std::getenv("STYRKOLL_RULES"); env && *env) return env;
  for (const char* candidate : {"rules/valfardsbrott", "../rules/valfardsbrott", STYRKOLL_RULES_DIR "/valfardsbrott"}) {
    std::error_code ec;
    if (std::filesystem::exists(std::string(candidate) + "/pack.yaml", ec)) return candidate;
  }
  return "rules/valfardsbrott";
}

std::shared_ptr<const Engine> load_engine(const std::string& rules_dir, const char* command) {
  auto pack = RulePack::load(rules_dir);
  if (!pack.ok()) {
    std::cerr << "styrkoll " << command << ": " << pack.status().message() << "\n";
    return nullptr;
  }
  auto lexicon = Lexicon::shared();
  if (!lexicon) {
    std::cerr << "styrkoll " << command << ": the Swedish dictionary is missing (install hunspell-sv-se)\n";
    return nullptr;
  }
  auto engine = Engine::create(pack.value(), lexicon);
  if (!engine.ok()) {
    std::cerr << "styrkoll " << command << ": " << rules_dir << ": " << engine.status().message() << "\n";
    return nullptr;
  }
  return engine.value();
}

}  // namespace styrkoll::cli
