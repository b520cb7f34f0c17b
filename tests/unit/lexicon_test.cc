// The decompounder and lemmatiser against the committed word list
// (tests/data/text/compounds.tsv) and a page of running prose whose every
// split was judged by hand (tests/data/text/prose_splits.tsv).
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <sstream>

#include "styrkoll/lexicon.h"
#include "styrkoll/text.h"

using namespace styrkoll;

namespace {

struct Expected {
  std::string word, lemma, parts;
};

std::vector<Expected> read_tsv(const std::string& name) {
  std::ifstream in(std::string(STYRKOLL_TEST_DATA) + "/text/" + name);
  std::vector<Expected> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    Expected e;
    std::getline(fields, e.word, '\t');
    std::getline(fields, e.lemma, '\t');
    std::getline(fields, e.parts, '\t');
    out.push_back(e);
  }
  return out;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string s;
  for (const auto& p : parts) s += (s.empty() ? "" : "|") + p;
  return s;
}

const Lexicon& lexicon() {
  static auto lex = Lexicon::shared();
  EXPECT_TRUE(lex) << "the sv_SE dictionary is missing";
  return *lex;
}

}  // namespace

TEST(Lexicon, WordListAccuracy) {
  auto words = read_tsv("compounds.tsv");
  ASSERT_GE(words.size(), 150u);
  std::size_t parts_ok = 0, lemma_ok = 0, both_ok = 0;
  for (const auto& e : words) {
    const WordAnalysis& a = lexicon().analyze(fold(e.word));
    bool p = joined(a.parts) == e.parts, l = a.lemma == e.lemma;
    parts_ok += p;
    lemma_ok += l;
    both_ok += p && l;
    if (!p || !l) {
      std::cout << "  miss: " << e.word << " -> " << a.lemma << " [" << joined(a.parts) << "], expected " << e.lemma
                << " [" << e.parts << "]\n";
    }
  }
  double n = static_cast<double>(words.size());
  std::cout << "compound word list: " << words.size() << " words; parts " << 100.0 * parts_ok / n << " %, lemma "
            << 100.0 * lemma_ok / n << " %, both " << 100.0 * both_ok / n << " %\n";
  EXPECT_GE(both_ok / n, 0.95);
}

TEST(Lexicon, MisleadingPartsAreNotProduced) {
  for (const char* w : {"mutation", "kansli", "tillsammans", "demografiska", "verksamheten"}) {
    const WordAnalysis& a = lexicon().analyze(w);
    EXPECT_EQ(a.parts.size(), 1u) << w << " -> " << joined(a.parts);
  }
}

TEST(Lexicon, HyphenatedWordsSplitAtTheHyphen) {
  const WordAnalysis& a = lexicon().analyze("it-säkerheten");
  EXPECT_EQ(joined(a.parts), "it|säkerhet");
  EXPECT_EQ(a.lemma, "it-säkerhet");
}

TEST(Lexicon, UnknownWordsStayWhole) {
  const WordAnalysis& a = lexicon().analyze("xqzvbrt");
  EXPECT_FALSE(a.known);
  EXPECT_EQ(joined(a.parts), "xqzvbrt");
}

TEST(Lexicon, SplitPrecisionOnRunningProse) {
  std::ifstream in(std::string(STYRKOLL_TEST_DATA) + "/text/prose.txt");
  std::string prose((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_FALSE(prose.empty());
  std::map<std::string, std::string> judged;
  for (const auto& e : read_tsv("prose_splits.tsv")) judged[e.word] = e.lemma;  // second column: correct parts
  AnalyzedText at = analyze_text(prose, lexicon());
  // Token parts, not lexicon().analyze(): "barn- och ungdomsförsäkring" gives "barn-" the parts of barnförsäkring.
  std::map<std::string, std::string> split_words;
  for (const auto& t : at.tokens) {
    if (t.parts().size() > 1) split_words[std::string(t.folded)] = joined(t.parts());
  }
  std::size_t correct = 0;
  for (const auto& [w, parts] : split_words) {
    auto it = judged.find(w);
    ASSERT_NE(it, judged.end()) << "new split '" << w << "' -> " << parts << ": judge it and add it to prose_splits.tsv";
    if (parts == it->second) {
      ++correct;
    } else {
      std::cout << "  wrong split: " << w << " -> " << parts << ", correct " << it->second << "\n";
    }
  }
  double precision = static_cast<double>(correct) / static_cast<double>(split_words.size());
  std::cout << "running prose: " << at.tokens.size() << " tokens, " << split_words.size()
            << " distinct words split, precision " << 100.0 * precision << " %\n";
  EXPECT_GE(precision, 0.95);
}

// The dictionary is read on the first word the cache cannot answer: a
// lexicon whose vocabulary was preloaded (a re-scan) never reads it. Shown by
// removing the dictionary files after open(): preloaded words are answered,
// a new word stays as written, and load() names the missing file.
TEST(Lexicon, DictionaryIsReadOnlyWhenAWordIsNotInTheCache) {
  const char* env = std::getenv("STYRKOLL_HUNSPELL_DIR");
  std::string src = env && *env ? env : "/usr/share/hunspell";
  char tmpl[] = "/tmp/styrkoll-lexicon-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  std::string dir = tmpl;
  for (const char* ext : {".aff", ".dic"}) {
    std::ifstream in(src + "/sv_SE" + ext, std::ios::binary);
    std::ofstream out(dir + "/sv_SE" + ext, std::ios::binary);
    out << in.rdbuf();
  }
  auto reference = Lexicon::shared();
  ASSERT_TRUE(reference);
  const WordAnalysis& known = reference->analyze("välfärdsbrottsligheten");
  auto lex = Lexicon::open(dir);
  ASSERT_TRUE(lex.ok()) << lex.status().message();
  lex.value()->preload({{"välfärdsbrottsligheten", known}});
  std::remove((dir + "/sv_SE.aff").c_str());
  std::remove((dir + "/sv_SE.dic").c_str());
  rmdir(dir.c_str());

  const WordAnalysis& cached = lex.value()->analyze("välfärdsbrottsligheten");
  EXPECT_EQ(cached.lemma, known.lemma);
  EXPECT_EQ(cached.parts, known.parts);
  EXPECT_GE(known.parts.size(), 2u);
  const WordAnalysis& fresh = lex.value()->analyze("felutbetalningarna");
  EXPECT_EQ(fresh.lemma, "felutbetalningarna");
  EXPECT_EQ(fresh.parts, std::vector<std::string>{"felutbetalningarna"});
  Status st = lex.value()->load();
  EXPECT_EQ(st.code(), ErrorCode::io_error);
  EXPECT_NE(st.message().find(dir + "/sv_SE.aff"), std::string::npos) << st.message();
}

TEST(Lexicon, OpenNamesAMissingDictionaryFile) {
  auto lex = Lexicon::open("/nonexistent-dictionary-dir");
  ASSERT_FALSE(lex.ok());
  EXPECT_EQ(lex.status().code(), ErrorCode::io_error);
  EXPECT_NE(lex.status().message().find("/nonexistent-dictionary-dir/sv_SE.aff"), std::string::npos);
}

// A scan stores only the words it analysed itself, not the vocabulary it was given.
TEST(Lexicon, NewAnalysesLeaveOutThePreloadedVocabulary) {
  const char* env = std::getenv("STYRKOLL_HUNSPELL_DIR");
  auto lex = Lexicon::open(env && *env ? env : "/usr/share/hunspell");
  ASSERT_TRUE(lex.ok());
  WordAnalysis given;
  given.lemma = "välfärdsbrott";
  given.parts = {"välfärd", "brott"};
  given.known = true;
  lex.value()->preload({{"välfärdsbrotten", given}});
  EXPECT_TRUE(lex.value()->new_analyses().empty());
  lex.value()->analyze("välfärdsbrotten");  // answered by the preload
  lex.value()->analyze("kommunen");
  auto fresh = lex.value()->new_analyses();
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].first, "kommunen");
  EXPECT_EQ(lex.value()->cached_analyses().size(), 2u);
}
