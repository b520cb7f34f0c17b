// The cached token stream (text/token_codec): what a rule-change re-scan
// decodes must be exactly what tokenising the document gives, and anything
// else (another tokenizer version, another text, damaged data) is refused.
// Also the term matcher's per-word memo: the same hits whatever the order
// in which documents were matched before.
#include "text/token_codec.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <random>

#include "ingest/document_builder.h"
#include "scan/document_codec.h"
#include "styrkoll/analysis.h"
#include "styrkoll/ingest.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/rules.h"

using namespace styrkoll;
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

const Lexicon& lexicon() { return *Lexicon::shared(); }

const std::vector<Document>& corpus() {
  static const std::vector<Document> docs = [] {
    std::vector<std::string> paths;
    for (const auto& e : fs::directory_iterator(std::string(STYRKOLL_SOURCE_DIR) + "/corpus/docs")) paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    std::vector<Document> out;
    for (const auto& p : paths) {
      auto d = ingest_file(p);
      if (d.ok()) out.push_back(std::move(d).value());
    }
    return out;
  }();
  return docs;
}

Document tricky() {
  DocumentBuilder db(Metadata{});
  db.add(BlockKind::heading, "3.2 Arbetet mot välfärdsbrottslighet");
  db.add(BlockKind::paragraph,
         "Kommunen ska motverka bidrags- och välfärdsbrott samt IT-, informations- och cybersäkerhetsbrister. "
         "Budgeten är 1 024 500 kronor (2025), dvs. 12 % mer än 2024. Se SFS 2008:206.");
  db.add(BlockKind::list_item, "Felutbetalningar ska återkrävas.");
  db.add(BlockKind::paragraph, "Ägar- och ledningsförhållanden kontrolleras årligen av förvaltningen.");
  return db.finish();
}

void expect_same(const AnalyzedText& a, const AnalyzedText& b) {
  ASSERT_EQ(a.tokens.size(), b.tokens.size());
  for (std::size_t i = 0; i < a.tokens.size(); ++i) {
    const Token &x = a.tokens[i], &y = b.tokens[i];
    EXPECT_EQ(x.begin, y.begin) << i;
    EXPECT_EQ(x.end, y.end) << i;
    EXPECT_EQ(x.kind, y.kind) << i;
    EXPECT_EQ(x.sentence, y.sentence) << i;
    EXPECT_EQ(x.folded, y.folded) << i;
    EXPECT_EQ(x.folded.data(), y.folded.data()) << i << " " << x.folded;  // the lexicon's one copy
    EXPECT_EQ(x.ascii, y.ascii) << i;
    EXPECT_EQ(x.analysis, y.analysis) << i << " " << x.folded;
  }
  ASSERT_EQ(a.sentences.size(), b.sentences.size());
  for (std::size_t i = 0; i < a.sentences.size(); ++i) {
    EXPECT_EQ(a.sentences[i].begin, b.sentences[i].begin);
    EXPECT_EQ(a.sentences[i].end, b.sentences[i].end);
    EXPECT_EQ(a.sentences[i].block, b.sentences[i].block);
    EXPECT_EQ(a.sentences[i].first_token, b.sentences[i].first_token);
    EXPECT_EQ(a.sentences[i].token_count, b.sentences[i].token_count);
  }
  EXPECT_EQ(a.analysed_as, b.analysed_as);
}

// Through JSON text, as the cache stores it.
std::optional<AnalyzedText> round_trip(const AnalyzedText& at, const Document& doc) {
  json::value v = json::parse(json::serialize(text::encode_tokens(at, doc.text().size())));
  return text::decode_tokens(v, doc.text(), lexicon());
}

}  // namespace

TEST(TokenCodec, RoundTripIsExact) {
  Document doc = tricky();
  AnalyzedText at = analyze_document(doc, lexicon());
  ASSERT_FALSE(at.analysed_as.empty());  // the suspended elements are in the test
  auto back = round_trip(at, doc);
  ASSERT_TRUE(back);
  expect_same(at, *back);
}

TEST(TokenCodec, RoundTripIsExactOnTheCorpus) {
  ASSERT_GE(corpus().size(), 40u);
  for (const Document& doc : corpus()) {
    AnalyzedText at = analyze_document(doc, lexicon());
    auto back = round_trip(at, doc);
    ASSERT_TRUE(back) << doc.metadata().path;
    expect_same(at, *back);
  }
}

TEST(TokenCodec, RefusesAnotherVersionOrText) {
  Document doc = tricky();
  json::object o = text::encode_tokens(analyze_document(doc, lexicon()), doc.text().size());
  json::object other_version = o;
  other_version["v"] = "icu1/t0";
  EXPECT_FALSE(text::decode_tokens(other_version, doc.text(), lexicon()));
  std::string longer = std::string(doc.text()) + " mer text";
  EXPECT_FALSE(text::decode_tokens(o, longer, lexicon()));
  EXPECT_FALSE(text::decode_tokens(json::value("tokens"), doc.text(), lexicon()));
  EXPECT_FALSE(text::decode_tokens(json::object{}, doc.text(), lexicon()));
}

TEST(TokenCodec, DamagedDataIsRefusedNotTrusted) {
  Document doc = tricky();
  json::object good = text::encode_tokens(analyze_document(doc, lexicon()), doc.text().size());
  std::mt19937 rng(7);
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyz012345ABCDEFGHIJKLMNOPQRSTUVWXYZ6789+/!\"\\";
  int refused = 0;
  for (int round = 0; round < 500; ++round) {
    json::object o = good;
    for (const char* key : {"t", "s"}) {
      std::string s(o[key].as_string());
      if (s.empty()) continue;
      std::size_t n = 1 + rng() % 3;
      for (std::size_t k = 0; k < n; ++k) s[rng() % s.size()] = alphabet[rng() % alphabet.size()];
      if (rng() % 4 == 0) s.resize(rng() % s.size());
      o[key] = s;
    }
    auto r = text::decode_tokens(o, doc.text(), lexicon());
    if (!r) {
      ++refused;
      continue;
    }
    // Whatever decodes stays inside the text and its own arrays.
    for (const Token& t : r->tokens) {
      EXPECT_LE(t.end, doc.text().size());
      EXPECT_LT(t.sentence, r->sentences.size());
      EXPECT_NE(t.analysis, nullptr);
    }
    for (const Sentence& se : r->sentences) EXPECT_LE(se.first_token + se.token_count, r->tokens.size());
  }
  EXPECT_GT(refused, 250);
  json::object bad_index = good;
  bad_index["a"] = json::array{json::array{100000, "x"}};
  EXPECT_FALSE(text::decode_tokens(bad_index, doc.text(), lexicon()));
  bad_index["a"] = json::array{json::array{-1, "x"}};
  EXPECT_FALSE(text::decode_tokens(bad_index, doc.text(), lexicon()));
}

// The analysis from decoded tokens is the analysis from the document.
TEST(TokenCodec, EngineGivesTheSameAnalysisFromDecodedTokens) {
  auto pack = RulePack::load(std::string(STYRKOLL_SOURCE_DIR) + "/rules/valfardsbrott");
  ASSERT_TRUE(pack.ok()) << pack.status().message();
  auto engine = Engine::create(pack.value(), Lexicon::shared());
  ASSERT_TRUE(engine.ok());
  for (const Document& doc : corpus()) {
    AnalyzedText at = analyze_document(doc, lexicon());
    auto back = round_trip(at, doc);
    ASSERT_TRUE(back);
    std::string direct = json::serialize(scan::analysis_entry(doc, engine.value()->analyze(doc, at), *pack.value()));
    std::string cached = json::serialize(scan::analysis_entry(doc, engine.value()->analyze(doc, *back), *pack.value()));
    EXPECT_EQ(direct, cached) << doc.metadata().path;
  }
}

// The matcher remembers per word which patterns it starts; results must not
// depend on what was matched before (forward, then backward, then a fresh engine).
TEST(TermMatcherMemo, SameResultsWhateverCameBefore) {
  auto pack = RulePack::load(std::string(STYRKOLL_SOURCE_DIR) + "/rules/valfardsbrott");
  ASSERT_TRUE(pack.ok());
  auto warm = Engine::create(pack.value(), Lexicon::shared()).value();
  std::vector<std::string> forward;
  for (const Document& doc : corpus()) forward.push_back(json::serialize(scan::analysis_entry(doc, warm->analyze(doc), *pack.value())));
  for (std::size_t k = corpus().size(); k-- > 0;) {
    const Document& doc = corpus()[k];
    EXPECT_EQ(json::serialize(scan::analysis_entry(doc, warm->analyze(doc), *pack.value())), forward[k]) << doc.metadata().path;
  }
  Document doc = tricky();
  std::string again = json::serialize(scan::analysis_entry(doc, warm->analyze(doc), *pack.value()));
  auto fresh = Engine::create(pack.value(), Lexicon::shared()).value();
  EXPECT_EQ(json::serialize(scan::analysis_entry(doc, fresh->analyze(doc), *pack.value())), again);
}
