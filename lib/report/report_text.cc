#include "report/report_text.h"

namespace styrkoll::report {

namespace {

struct Word {
  std::string_view id, sv, en;
};

std::string_view lookup(const Word* words, std::size_t n, Lang lang, std::string_view id) {
  for (std::size_t i = 0; i < n; ++i)
    if (words[i].id == id) return lang == Lang::sv ? words[i].sv : words[i].en;
  return id;
}

constexpr Word kCoverage[] = {
    {"missing", "saknas", "missing"},
    {"weak", "svag", "weak"},
    {"strong", "stark", "strong"},
};

constexpr Word kStatus[] = {
    {"analyzed", "analyserad", "analysed"},
    {"out_of_scope", "utanför granskningen", "out of scope"},
    {"needs_ocr", "behöver OCR", "needs OCR"},
    {"error", "fel vid läsning", "read error"},
};

constexpr Word kAssessment[] = {
    {"handled", "hanterad", "handled"},
    {"not_applicable", "ej tillämplig", "not applicable"},
    {"accepted_risk", "accepterad risk", "accepted risk"},
};

constexpr Word kChange[] = {
    {"fixed", "åtgärdade", "fixed"},
    {"improved", "förbättrade", "improved"},
    {"new", "nya", "new"},
    {"regressed", "försämrade", "regressed"},
    {"unchanged", "oförändrade", "unchanged"},
    {"assessed", "bedömda", "assessed"},
    {"removed", "borttagna", "removed"},
};

template <std::size_t N>
std::string_view find(const Word (&words)[N], Lang lang, std::string_view id) {
  return lookup(words, N, lang, id);
}

}  // namespace

std::string_view coverage_label(Lang lang, std::string_view c) { return find(kCoverage, lang, c); }
std::string_view status_label(Lang lang, std::string_view s) { return find(kStatus, lang, s); }
std::string_view assessment_label(Lang lang, std::string_view s) { return find(kAssessment, lang, s); }
std::string_view change_label(Lang lang, std::string_view c) { return find(kChange, lang, c); }

}  // namespace styrkoll::report
