// The text layer: sentence splitting, tokens, folding, lemmas and compound
// splitting (analyze_text with the shared Swedish lexicon).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "styrkoll/lexicon.h"
#include "styrkoll/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto lexicon = styrkoll::Lexicon::shared();
  if (!lexicon) std::abort();  // the Swedish dictionary (hunspell-sv-se) is required
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)styrkoll::analyze_text(text, *lexicon);
  return 0;
}
