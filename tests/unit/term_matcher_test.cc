// TermMatcher lookups, in particular the two-byte pre-filter that rejects
// tokens no term can start with: exact, prefix (including one-letter
// prefixes) and compound-part keys must all still be found.
#include <gtest/gtest.h>

#include "analysis/term_matcher.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/text.h"

using namespace styrkoll;
using styrkoll::analysis::TermMatcher;

namespace {

const Lexicon& lexicon() {
  static auto lex = Lexicon::shared();
  return *lex;
}

std::vector<std::string> hits(const TermMatcher& m, const std::string& prose) {
  AnalyzedText at = analyze_text(prose, lexicon());
  std::vector<std::string> out;
  for (const auto& h : m.match(at, prose, 0, at.tokens.size())) out.push_back(m.text(h.term));
  return out;
}

}  // namespace

TEST(TermMatcher, ExactPrefixAndPartKeysSurviveTheLeadFilter) {
  TermMatcher m;
  ASSERT_TRUE(m.add("felutbetalning", lexicon()).ok());
  ASSERT_TRUE(m.add("brott*", lexicon()).ok());
  ASSERT_TRUE(m.add("x*", lexicon()).ok());  // a one-byte prefix
  ASSERT_TRUE(m.add("kontroll", lexicon()).ok());

  EXPECT_EQ(hits(m, "Felutbetalningarna minskar."), std::vector<std::string>{"felutbetalning"});
  // A compound part and a prefix inside a compound.
  EXPECT_EQ(hits(m, "Välfärdsbrottsligheten ökar."), std::vector<std::string>{"brott*"});
  EXPECT_EQ(hits(m, "Xylofonen spelar."), std::vector<std::string>{"x*"});
  EXPECT_EQ(hits(m, "Internkontrollen stärks."), std::vector<std::string>{"kontroll"});
  // Tokens whose first two letters no term has: nothing, and no false hit.
  EXPECT_TRUE(hits(m, "Nämnden arbetar vidare med mål.").empty());
  // Case and diacritics: the folded key passes the filter too.
  EXPECT_EQ(hits(m, "BROTTSLIGHET"), std::vector<std::string>{"brott*"});
}
