#include "ingest/hyphenation.h"

#include <set>

#include "core/unicode.h"

namespace styrkoll::ingest {

namespace {

// Word characters for hyphenation decisions: letters of any script.
std::string trailing_word(const std::string& s) {
  std::size_t end = s.size();
  std::size_t start = s.find_last_of(" ", end) == std::string::npos ? 0 : s.find_last_of(" ") + 1;
  return s.substr(start, end - start);
}

std::string leading_word(std::string_view s) {
  std::size_t i = 0;
  std::string out;
  while (i < s.size()) {
    std::size_t before = i;
    char32_t cp = core::next_code_point(s, i);
    bool letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp >= 0xC0;
    if (!letter) break;
    out.append(s.substr(before, i - before));
  }
  return out;
}


}  // namespace

bool starts_lowercase(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = 0;
  char32_t cp = core::next_code_point(s, i);
  return (cp >= 'a' && cp <= 'z') || cp == U'å' || cp == U'ä' || cp == U'ö' || cp == U'é' || cp == U'ü';
}

std::string join_lines(const std::string& left, const std::string& right, const WordCheck& is_word) {
  if (left.empty()) return right;
  if (right.empty()) return left;
  std::string l = left;
  bool hyphen = false;
  if (l.back() == '-') {
    hyphen = true;
  } else if (l.size() >= 3 && l.compare(l.size() - 3, 3, "\xE2\x80\x90") == 0) {  // U+2010
    l.replace(l.size() - 3, 3, "-");
    hyphen = true;
  }
  if (!hyphen || l.size() < 2 || l[l.size() - 2] == ' ') return l + " " + right;
  std::string next = leading_word(right);
  static const std::set<std::string> conjunctions = {"och", "eller", "samt", "resp", "respektive",
                                                     "till", "som", "men", "liksom", "alternativt"};
  if (conjunctions.count(next)) return l + " " + right;  // "ägar- och ledningsförhållanden"
  std::string stem = trailing_word(l);
  stem.pop_back();  // the hyphen
  if (!stem.empty() && !next.empty() && starts_lowercase(right) && is_word && is_word(stem + next)) {
    l.pop_back();
    return l + right;  // "välfärds-" + "brottslighet"
  }
  return l + right;  // true compound hyphen: "IT-" + "säkerhet"
}

}  // namespace styrkoll::ingest
