#include "text/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include <cctype>
#include <memory>
#include <string>
#include <unordered_set>

#include "core/unicode.h"
#include "styrkoll/text.h"

namespace styrkoll {

namespace {

struct UTextCloser {
  void operator()(UText* t) const { utext_close(t); }
};

std::unique_ptr<icu::BreakIterator> make_iterator(bool sentences) {
  static const icu::Locale sv("sv", "SE");
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(sentences ? icu::BreakIterator::createSentenceInstance(sv, err)
                                                   : icu::BreakIterator::createWordInstance(sv, err));
  if (U_FAILURE(err)) return nullptr;
  return it;
}

icu::BreakIterator* thread_iterator(bool sentences) {
  thread_local std::unique_ptr<icu::BreakIterator> sentence_it = make_iterator(true);
  thread_local std::unique_ptr<icu::BreakIterator> word_it = make_iterator(false);
  return sentences ? sentence_it.get() : word_it.get();
}

// Runs `it` over s; calls f(begin, end, rule_status) for every segment.
template <typename F>
void for_each_segment(icu::BreakIterator* it, std::string_view s, F&& f) {
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UText, UTextCloser> ut(
      utext_openUTF8(nullptr, s.data(), static_cast<int64_t>(s.size()), &err));
  if (U_FAILURE(err) || !it) {
    f(std::size_t{0}, s.size(), 0);
    return;
  }
  it->setText(ut.get(), err);
  if (U_FAILURE(err)) {
    f(std::size_t{0}, s.size(), 0);
    return;
  }
  int32_t start = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; start = end, end = it->next()) {
    f(static_cast<std::size_t>(start), static_cast<std::size_t>(end), it->getRuleStatus());
  }
}

// Abbreviations after which a sentence never ends in Swedish governing prose.
const std::unordered_set<std::string>& never_final() {
  static const std::unordered_set<std::string> s = {
      "kap.",  "prop.", "bl.a.", "t.ex.", "s.k.",   "enl.",  "resp.", "ca.",   "c:a",    "jfr.",  "dnr.",
      "nr.",   "f.d.",  "p.g.a.", "pga.", "m.fl.",  "fr.o.m.", "t.o.m.", "d.v.s.", "dvs.", "inkl.", "exkl.",
      "tfn.",  "tel.",  "avd.",  "kl.",   "ff.",    "m.a.o.", "o.d.",  "sid.",
      "forts.", "bil.",  "ang.", "ev.",   "vs.",    "p.",    "pkt.",
      "mom.",  "art.",  "dir.",  "ds.",   "sou.",   "jmf.",  "ex.",  "el.",   "o.",     "t.",    "f.",
      "fig.",  "tab.",  "bet.",  "rskr.", "förf.", "ung.",  "gm.",   "ffa.",  "f.ö.",   "bla.",  "proc."};
  return s;
}

// Abbreviations that end a sentence unless lower case or a number follows.
const std::unordered_set<std::string>& maybe_final() {
  static const std::unordered_set<std::string> s = {"m.m.", "osv.", "o.s.v.", "etc.", "m.fl.", "kr.",  "tkr.",
                                                    "mkr.", "mnkr.", "milj.", "st.",    "s.",   "p.",  "mdkr."};
  return s;
}

std::string last_word_lower(std::string_view s) {
  std::size_t end = s.size();
  while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\n')) --end;
  std::size_t begin = end;
  while (begin > 0 && s[begin - 1] != ' ' && s[begin - 1] != '\n' && s[begin - 1] != '(') --begin;
  std::string w(s.substr(begin, end - begin));
  for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return w;
}

bool keep_together(std::string_view before, std::string_view after) {
  std::string w = last_word_lower(before);
  if (w.empty() || w.back() != '.') return false;
  std::size_t k = 0;
  while (k < after.size() && after[k] == ' ') ++k;
  if (k >= after.size()) return false;
  std::size_t i = k;
  char32_t next = core::next_code_point(after, i);
  bool next_lower_or_digit = (next >= 'a' && next <= 'z') || next == U'å' || next == U'ä' || next == U'ö' ||
                             (next >= '0' && next <= '9') || next == U'§' || next == '(';
  if (never_final().count(w)) return true;
  if (maybe_final().count(w)) return next_lower_or_digit;
  // "1." or "a." before lower case: an enumeration or an ordinal, not an end.
  bool ordinal = w.size() <= 4 && std::isalnum(static_cast<unsigned char>(w[0])) &&
                 w.find_first_not_of("0123456789.") == std::string::npos;
  if (ordinal && next_lower_or_digit) return true;
  // Any other abbreviation with inner dots ("t.o.m.", "a.a.") before lower case.
  if (w.find('.') < w.size() - 1 && next_lower_or_digit) return true;
  // A single initial ("A. Andersson").
  if (w.size() == 2 && std::isalpha(static_cast<unsigned char>(w[0]))) return true;
  return false;
}

}  // namespace

std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view p) {
  std::vector<std::pair<std::size_t, std::size_t>> raw, out;
  for_each_segment(thread_iterator(true), p, [&](std::size_t b, std::size_t e, int32_t) { raw.emplace_back(b, e); });
  for (const auto& r : raw) {
    if (!out.empty() && keep_together(p.substr(out.back().first, out.back().second - out.back().first),
                                      p.substr(r.first, r.second - r.first))) {
      out.back().second = r.second;
    } else {
      out.push_back(r);
    }
  }
  // Trim spaces at both ends; drop empty sentences.
  std::vector<std::pair<std::size_t, std::size_t>> trimmed;
  for (auto [b, e] : out) {
    while (b < e && (p[b] == ' ' || p[b] == '\n')) ++b;
    while (e > b && (p[e - 1] == ' ' || p[e - 1] == '\n')) --e;
    if (e > b) trimmed.emplace_back(b, e);
  }
  return trimmed;
}

namespace text {

std::vector<RawToken> word_tokens(std::string_view s) {
  std::vector<RawToken> out;
  for_each_segment(thread_iterator(false), s, [&](std::size_t b, std::size_t e, int32_t status) {
    if (status < UBRK_WORD_NONE_LIMIT) return;  // spaces and punctuation
    out.push_back({b, e, status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT});
  });
  return out;
}

}  // namespace text

}  // namespace styrkoll
