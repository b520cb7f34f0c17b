#include <unicode/normalizer2.h>
#include <unicode/unistr.h>

#include "core/unicode.h"
#include "styrkoll/text.h"

namespace styrkoll {

std::string fold(std::string_view s) {
  // Fast path for ASCII and Latin-1 letters (nearly all Swedish text): the
  // result equals NFKC_Casefold there. Anything else goes through ICU.
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      ++i;
      continue;
    }
    std::size_t start = i;
    char32_t cp = core::next_code_point(s, i);
    if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) {
      out.append(s.substr(start, i - start));
    } else if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
      core::append_utf8(out, cp + 0x20);
    } else {
      UErrorCode err = U_ZERO_ERROR;
      const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(err);
      if (U_FAILURE(err)) return out.append(s.substr(start));
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(
          icu::StringPiece(s.data() + start, static_cast<int32_t>(s.size() - start)));
      icu::UnicodeString f = n->normalize(u, err);
      if (U_FAILURE(err)) return out.append(s.substr(start));
      f.toUTF8String(out);
      return out;
    }
  }
  return out;
}

std::string ascii_fold(std::string_view folded) { return core::ascii_fold(folded); }

}  // namespace styrkoll
