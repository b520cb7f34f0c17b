// Rule-pack loader: the input becomes rules/wc.yaml in a private copy of
// tests/data/rules/testpack, which is then loaded and validated.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "styrkoll/rules.h"

namespace fs = std::filesystem;

namespace {

std::string make_pack() {
  fs::path dir = fs::temp_directory_path() / ("styrkoll-fuzz-rules-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(STYRKOLL_FUZZ_TESTPACK, dir, fs::copy_options::recursive);
  static const std::string keep = dir.string();
  std::atexit([] { std::error_code ec; fs::remove_all(keep, ec); });
  return dir.string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string pack = make_pack();
  {
    std::ofstream f(pack + "/rules/wc.yaml", std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  (void)styrkoll::RulePack::load(pack);
  return 0;
}
