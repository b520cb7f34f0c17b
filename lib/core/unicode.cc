#include "core/unicode.h"

#include <cstdint>
#include <cstring>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace styrkoll::core {

char32_t next_code_point(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int len = 0;
  char32_t cp = 0;
  if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + len > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    unsigned char cc = byte(i + k);
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Reject overlong forms, surrogates and out-of-range values.
  static const char32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += len;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // ASCII runs, eight bytes at a time (most of any Swedish text).
    std::uint64_t w;
    while (i + 8 <= s.size() && (std::memcpy(&w, s.data() + i, 8), (w & 0x8080808080808080ull) == 0)) i += 8;
    if (i == s.size()) break;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t start = i;
    char32_t cp = next_code_point(s, i);
    if (cp == 0xFFFD && !(i - start == 3 && s.substr(start, 3) == "\xEF\xBF\xBD")) return false;
  }
  return true;
}

std::string cp1252_to_utf8(std::string_view s) {
  // 0x80..0x9F differ from Latin-1; 0 marks the five unassigned bytes.
  static const char16_t high[32] = {
      0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
      0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
      0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (unsigned char c : s) {
    if (c >= 0x80 && c < 0xA0) {
      char16_t m = high[c - 0x80];
      append_utf8(out, m ? m : 0xFFFD);
    } else {
      append_utf8(out, c);
    }
  }
  return out;
}

bool is_private_use(char32_t cp) {
  return (cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) ||
         (cp >= 0x100000 && cp <= 0x10FFFD);
}

bool is_bullet(char32_t cp) {
  switch (cp) {
    case 0x2022: case 0x2023: case 0x2043: case 0x2219: case 0x25AA: case 0x25AB:
    case 0x25CF: case 0x25CB: case 0x25E6: case 0x25A0: case 0x25A1: case 0x2013:
    case 0x2014: case 0x27A2: case 0x2713: case 0x2714: case 0x00B7: case 0x25BA:
    case 0x25B8: case 0x2192: case 0x27A4: case '-': case '*': case 0x25C6:
    case 0x2666:
      return true;
    default:
      return is_private_use(cp);
  }
}

namespace {

bool is_odd_space(char32_t cp) {
  return cp == 0x00A0 || cp == 0x202F || cp == 0x2007 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x3000 || cp == 0x205F || cp == 0x1680 || cp == '\t' || cp == '\v' || cp == '\f' ||
         cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

bool is_invisible(char32_t cp) {
  return cp == 0x00AD || cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0xFEFF ||
         cp == 0x2060 || cp == 0x200E || cp == 0x200F;
}

const char* ligature(char32_t cp) {
  switch (cp) {
    case 0xFB00: return "ff";
    case 0xFB01: return "fi";
    case 0xFB02: return "fl";
    case 0xFB03: return "ffi";
    case 0xFB04: return "ffl";
    case 0xFB05: return "st";
    case 0xFB06: return "st";
    default: return nullptr;
  }
}

std::string to_nfc(const std::string& s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) return s;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  if (nfc->isNormalized(u, err) && U_SUCCESS(err)) return s;
  err = U_ZERO_ERROR;
  icu::UnicodeString n = nfc->normalize(u, err);
  if (U_FAILURE(err)) return s;
  std::string out;
  n.toUTF8String(out);
  return out;
}

}  // namespace

std::string clean_text(std::string_view s, bool keep_newlines) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  bool ascii_only = true;  // i.e. nothing that NFC could change
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = next_code_point(s, i);
    if (cp == '\n' && keep_newlines) {
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += '\n';
      pending_space = false;
      continue;
    }
    if (cp == ' ' || cp == '\n' || is_odd_space(cp) || (cp < 0x20) || (cp >= 0x7F && cp < 0xA0)) {
      pending_space = true;
      continue;
    }
    if (is_invisible(cp) || is_private_use(cp)) continue;
    if (pending_space && !out.empty() && out.back() != '\n') out += ' ';
    pending_space = false;
    if (const char* lig = ligature(cp)) {
      out += lig;
      continue;
    }
    // Only a combining mark can make text not NFC in practice (PDFs give "a" + U+0308);
    // precomposed Swedish text skips the ICU round trip.
    if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
        (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F) || (cp >= 0x1100 && cp <= 0x11FF) ||
        (cp >= 0x3099 && cp <= 0x309A) || (cp >= 0xAC00 && cp <= 0xD7A3)) {
      ascii_only = false;
    }
    append_utf8(out, cp);
  }
  return ascii_only ? out : to_nfc(out);
}

LetterCount count_letters(std::string_view s) {
  LetterCount c;
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t cp = next_code_point(s, i);
    ++c.code_points;
    if (cp == 0xFFFD) {
      ++c.replacement;
    } else if (u_isalpha(static_cast<UChar32>(cp))) {
      ++c.letters;
    }
  }
  return c;
}

std::size_t append_latin1_lower(std::string_view s, std::string& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      ++i;
      continue;
    }
    // U+00C0..U+00FE are C3 80..C3 BE in UTF-8.
    auto d = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (c != 0xC3 || d < 0x80 || d > 0xBE || d == 0x97 || d == 0x9F || d == 0xB7) break;
    out += static_cast<char>(c);
    out += static_cast<char>(d <= 0x9E ? d + 0x20 : d);
    i += 2;
  }
  return i;
}

std::string ascii_fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += s[i++];
      continue;
    }
    std::size_t start = i;
    char32_t cp = next_code_point(s, i);
    const char* r = nullptr;
    switch (cp) {
      case U'à': case U'á': case U'â': case U'ã': case U'ä': case U'å': r = "a"; break;
      case U'æ': r = "ae"; break;
      case U'ç': r = "c"; break;
      case U'è': case U'é': case U'ê': case U'ë': r = "e"; break;
      case U'ì': case U'í': case U'î': case U'ï': r = "i"; break;
      case U'ñ': r = "n"; break;
      case U'ò': case U'ó': case U'ô': case U'õ': case U'ö': case U'ø': r = "o"; break;
      case U'ù': case U'ú': case U'û': case U'ü': r = "u"; break;
      case U'ý': case U'ÿ': r = "y"; break;
      case U'ß': r = "ss"; break;
      default: break;
    }
    if (r) out += r;
    else out.append(s.substr(start, i - start));
  }
  return out;
}

}  // namespace styrkoll::core
