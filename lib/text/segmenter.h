// ICU-based segmentation of UTF-8 text into sentences and word tokens.
// Iterators are created once per thread (ICU creation costs ~1 ms) and run
// directly on UTF-8 through UText, so every boundary is a byte offset.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace styrkoll::text {

struct RawToken {
  std::size_t begin, end;
  bool number;
};

// Word and number tokens of `s` (punctuation and spaces dropped).
std::vector<RawToken> word_tokens(std::string_view s);

}  // namespace styrkoll::text
