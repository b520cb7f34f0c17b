#include "engine_setup.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <vector>

#include "styrkoll/lexicon.h"
#include "styrkoll/rules.h"

namespace styrkoll::cli {

std::string default_rules_dir() {
  if (const char* env = std::getenv("STYRKOLL_RULES"); env && *env) return env;
  namespace fs = std::filesystem;
  std::error_code ec;
  std::vector<fs::path> candidates = {"rules/valfardsbrott"};
  // Next to the executable: the source tree when run from build/tools, or the installed share folder.
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    candidates.push_back(exe.parent_path() / "../../rules/valfardsbrott");
    candidates.push_back(exe.parent_path() / "../share/styrkoll/rules/valfardsbrott");
  }
  candidates.push_back(STYRKOLL_RULES_DIR "/valfardsbrott");
  for (const auto& c : candidates) {
    if (fs::exists(c / "pack.yaml", ec)) return c.lexically_normal().string();
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
