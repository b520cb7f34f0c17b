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
  std::size_t start = core::append_latin1_lower(s, out);
  if (start < s.size()) {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(err);
    if (U_FAILURE(err)) return out.append(s.substr(start));
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(s.data() + start, static_cast<int32_t>(s.size() - start)));
    icu::UnicodeString f = n->normalize(u, err);
    if (U_FAILURE(err)) return out.append(s.substr(start));
    f.toUTF8String(out);
  }
  return out;
}

std::string ascii_fold(std::string_view folded) { return core::ascii_fold(folded); }

}  // namespace styrkoll
