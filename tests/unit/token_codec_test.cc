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
#include <tuple>

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

std::string encoded(const AnalyzedText& at, const Document& doc) {
  std::string out;
  text::encode_tokens(at, doc.text().size(), out);
  return out;
}

std::optional<AnalyzedText> round_trip(const AnalyzedText& at, const Document& doc) {
  return text::decode_tokens(encoded(at, doc), doc.text(), lexicon());
}

// Whatever decodes stays inside the text and its own arrays.
void expect_in_bounds(const AnalyzedText& at, std::string_view text) {
  for (const Token& t : at.tokens) {
    EXPECT_LE(t.begin, t.end);
    EXPECT_LE(t.end, text.size());
    EXPECT_LT(t.sentence, at.sentences.size());
    EXPECT_NE(t.analysis, nullptr);
  }
  for (const Sentence& se : at.sentences) {
    EXPECT_LE(se.end, text.size());
    EXPECT_LE(se.first_token + se.token_count, at.tokens.size());
  }
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
  std::string good = encoded(analyze_document(doc, lexicon()), doc);
  ASSERT_TRUE(text::decode_tokens(good, doc.text(), lexicon()));
  std::string other_version = good;
  std::size_t t = other_version.find("/t");
  ASSERT_NE(t, std::string::npos);
  other_version[t + 2] = '0';  // "icuNN/t0"
  EXPECT_FALSE(text::decode_tokens(other_version, doc.text(), lexicon()));
  std::string longer = std::string(doc.text()) + " mer text";
  EXPECT_FALSE(text::decode_tokens(good, longer, lexicon()));
  EXPECT_FALSE(text::decode_tokens("", doc.text(), lexicon()));
  EXPECT_FALSE(text::decode_tokens(good + "x", doc.text(), lexicon()));  // exactly one encoding
}

TEST(TokenCodec, DamagedDataIsRefusedNotTrusted) {
  Document doc = tricky();
  AnalyzedText at = analyze_document(doc, lexicon());
  std::string good = encoded(at, doc);
  // Every cut is refused.
  for (std::size_t n = 0; n < good.size(); ++n) {
    EXPECT_FALSE(text::decode_tokens(good.substr(0, n), doc.text(), lexicon())) << n;
  }
  // Changed bytes: whatever still decodes stays in bounds.
  std::mt19937 rng(7);
  int refused = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string s = good;
    std::size_t n = 1 + rng() % 3;
    for (std::size_t k = 0; k < n; ++k) s[rng() % s.size()] = static_cast<char>(rng() % 256);
    auto r = text::decode_tokens(s, doc.text(), lexicon());
    if (!r) {
      ++refused;
      continue;
    }
    expect_in_bounds(*r, doc.text());
  }
  EXPECT_GT(refused, 0);
  // A suspended element's index outside the tokens.
  AnalyzedText bad = at;
  ASSERT_FALSE(bad.analysed_as.empty());
  bad.analysed_as.front().first = 100000;
  EXPECT_FALSE(text::decode_tokens(encoded(bad, doc), doc.text(), lexicon()));
}

// The cached document (scan/document_codec): the same document and tokens
// back; anything damaged refused.
TEST(DocumentCodec, RoundTripIsExactOnTheCorpus) {
  for (const Document& doc : corpus()) {
    AnalyzedText at = analyze_document(doc, lexicon());
    auto c = scan::decode_cached_document(scan::encode_cached_document(doc, &at), lexicon());
    ASSERT_TRUE(c.ok()) << doc.metadata().path;
    const Document& back = c.value().document;
    EXPECT_EQ(back.text(), doc.text());
    const Metadata &m = back.metadata(), &o = doc.metadata();
    EXPECT_EQ(std::tie(m.path, m.format, m.sha256, m.size_bytes, m.title, m.author, m.created, m.modified, m.producer, m.page_count),
              std::tie(o.path, o.format, o.sha256, o.size_bytes, o.title, o.author, o.created, o.modified, o.producer, o.page_count));
    ASSERT_EQ(back.blocks().size(), doc.blocks().size());
    for (std::size_t i = 0; i < doc.blocks().size(); ++i) {
      const Block &x = back.blocks()[i], &y = doc.blocks()[i];
      EXPECT_EQ(std::tie(x.kind, x.level, x.numbering, x.page, x.paragraph_index, x.table, x.row, x.column, x.begin, x.end, x.section),
                std::tie(y.kind, y.level, y.numbering, y.page, y.paragraph_index, y.table, y.row, y.column, y.begin, y.end, y.section))
          << doc.metadata().path << " block " << i;
    }
    EXPECT_EQ(back.running_text(), doc.running_text());
    EXPECT_EQ(back.warnings(), doc.warnings());
    ASSERT_TRUE(c.value().tokens);
    expect_same(at, *c.value().tokens);
  }
}

TEST(DocumentCodec, WithoutTokensAndDamagedRows) {
  Document doc = tricky();
  auto plain = scan::decode_cached_document(scan::encode_cached_document(doc, nullptr), lexicon());
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain.value().tokens);
  EXPECT_EQ(plain.value().document.text(), doc.text());

  AnalyzedText at = analyze_document(doc, lexicon());
  std::string good = scan::encode_cached_document(doc, &at);
  // Cut anywhere: refused, or (cut inside the tokens) the document without them.
  for (std::size_t n = 0; n < good.size(); ++n) {
    auto c = scan::decode_cached_document(good.substr(0, n), lexicon());
    if (c.ok()) {
      EXPECT_EQ(c.value().document.text(), doc.text()) << n;
      EXPECT_FALSE(c.value().tokens) << n;
    }
  }
  // Invalid UTF-8 in a text, another encoding, a row of the old JSON form.
  std::string bad_text = good;
  std::size_t k = bad_text.find("Felutbetalningar");
  ASSERT_NE(k, std::string::npos);
  bad_text[k + 1] = static_cast<char>(0xC3);
  EXPECT_FALSE(scan::decode_cached_document(bad_text, lexicon()).ok());
  std::string other = good;
  other[other.find("document/") + 9] = '9';
  EXPECT_FALSE(scan::decode_cached_document(other, lexicon()).ok());
  EXPECT_FALSE(scan::decode_cached_document("{\"v\":1,\"blocks\":[]}", lexicon()).ok());
  // Changed bytes: refused, or a document whose tokens stay in bounds.
  std::mt19937 rng(11);
  for (int round = 0; round < 2000; ++round) {
    std::string s = good;
    for (int j = 0; j < 3; ++j) s[rng() % s.size()] = static_cast<char>(rng() % 256);
    auto c = scan::decode_cached_document(s, lexicon());
    if (c.ok() && c.value().tokens) expect_in_bounds(*c.value().tokens, c.value().document.text());
  }
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
