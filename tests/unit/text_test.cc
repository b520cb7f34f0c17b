#include <gtest/gtest.h>

#include <thread>

#include "styrkoll/ingest.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/text.h"

using namespace styrkoll;

namespace {

std::vector<std::string> sentences(std::string_view p) {
  std::vector<std::string> out;
  for (auto [b, e] : split_sentences(p)) out.emplace_back(p.substr(b, e - b));
  return out;
}

const Lexicon& lexicon() {
  static auto lex = Lexicon::shared();
  return *lex;
}

}  // namespace

TEST(Sentences, LegalCitationsAreNotSentenceEnds) {
  auto s = sentences(
      "Enligt 3 kap. 2 § SoL ska nämnden verka för detta. Se prop. 2023/24:85 och SFS 2008:206 om "
      "underrättelseskyldighet. Lagen (2023:196) gäller från den 1 juli.");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0], "Enligt 3 kap. 2 § SoL ska nämnden verka för detta.");
  EXPECT_EQ(s[1], "Se prop. 2023/24:85 och SFS 2008:206 om underrättelseskyldighet.");
}

TEST(Sentences, SwedishAbbreviations) {
  auto s = sentences(
      "Nämnden ska bl.a. kontrollera leverantörer, t.ex. genom s.k. bakgrundskontroller enl. rutin. "
      "Uppföljning sker resp. år, dvs. varje höst. Vi köper papper, pennor m.m. Därefter följer nästa steg.");
  ASSERT_EQ(s.size(), 4u) << s[0];
  EXPECT_EQ(s[2], "Vi köper papper, pennor m.m.");
}

TEST(Sentences, AmountsInKronorEndSentences) {
  auto s = sentences("Ramen är 1 024 tkr. Den fördelas på tre år.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], "Ramen är 1 024 tkr.");
}

TEST(Sentences, PlainBreaks) {
  auto s = sentences("Första meningen. Andra meningen? Tredje! Fjärde");
  EXPECT_EQ(s.size(), 4u);
}

TEST(Tokens, FoldedLemmaAndParts) {
  const std::string text = "Felutbetalningarna ökar i Kommunen.";
  AnalyzedText at = analyze_text(text, lexicon());
  ASSERT_EQ(at.tokens.size(), 4u);
  EXPECT_EQ(at.tokens[0].surface(text), "Felutbetalningarna");
  EXPECT_EQ(at.tokens[0].folded, "felutbetalningarna");
  EXPECT_EQ(at.tokens[0].lemma(), "felutbetalning");
  EXPECT_EQ(at.tokens[0].parts(), (std::vector<std::string>{"fel", "utbetalning"}));
  EXPECT_EQ(at.tokens[3].lemma(), "kommun");
}

TEST(Tokens, HyphenatedCoordinationExpands) {
  AnalyzedText at = analyze_text("Arbetet mot bidrags- och välfärdsbrott samt ägar- och ledningsförhållanden.", lexicon());
  const Token* bidrag = nullptr;
  const Token* agar = nullptr;
  for (const auto& t : at.tokens) {
    if (t.folded == "bidrags") bidrag = &t;
    if (t.folded == "ägar") agar = &t;
  }
  ASSERT_TRUE(bidrag && agar);
  EXPECT_EQ(bidrag->lemma(), "bidragsbrott");
  EXPECT_EQ(bidrag->parts(), (std::vector<std::string>{"bidrag", "brott"}));
  EXPECT_EQ(agar->parts(), (std::vector<std::string>{"ägare", "förhållande"}));
}

TEST(Tokens, FormsAreTheLexiconsOwn) {
  // Tokens hold no copies: every occurrence of a word refers to the
  // Lexicon's one copy of its form, which outlives the analysed text.
  AnalyzedText at;
  {
    std::string text = "Kontrollen av kontrollen. KONTROLLEN!";
    at = analyze_text(text, lexicon());
  }
  ASSERT_EQ(at.tokens.size(), 4u);
  WordForm form = lexicon().form("kontrollen");
  for (std::size_t i : {0u, 2u, 3u}) {
    EXPECT_EQ(at.tokens[i].folded.data(), form.folded.data()) << i;
    EXPECT_EQ(at.tokens[i].ascii.data(), form.ascii.data()) << i;
    EXPECT_EQ(at.tokens[i].analysis, form.analysis) << i;
  }
  EXPECT_EQ(at.tokens[3].folded, "kontrollen");
  EXPECT_EQ(lexicon().form("välfärdsbrott").ascii, "valfardsbrott");
}

TEST(Tokens, CompoundHyphenStaysOneToken) {
  const std::string text = "IT-säkerheten och EU-medel.";
  AnalyzedText at = analyze_text(text, lexicon());
  ASSERT_EQ(at.tokens.size(), 3u);
  EXPECT_EQ(at.tokens[0].surface(text), "IT-säkerheten");
  EXPECT_EQ(at.tokens[0].parts(), (std::vector<std::string>{"it", "säkerhet"}));
}

TEST(Tokens, SwedishNumbersRegrouped) {
  const std::string text = "Budgeten är 1 024 500 kronor och 2,5 procent.";
  AnalyzedText at = analyze_text(text, lexicon());
  std::vector<std::string> numbers;
  for (const auto& t : at.tokens) {
    if (t.kind == TokenKind::number) numbers.emplace_back(t.surface(text));
  }
  EXPECT_EQ(numbers, (std::vector<std::string>{"1 024 500", "2,5"}));
}

TEST(Tokens, AsciiFallbackAndFolding) {
  EXPECT_EQ(fold("VÄLFÄRDSBROTT"), "välfärdsbrott");
  EXPECT_EQ(fold("ﬁnansiering"), "finansiering");
  EXPECT_EQ(ascii_fold("välfärdsbrott"), "valfardsbrott");
  EXPECT_EQ(ascii_fold("överenskommelse"), "overenskommelse");
}

TEST(Tokens, ListItemsAndCellsAreOwnUnits) {
  auto r = ingest_memory("# 1 Mål\n\n- Minska felutbetalningar\n- Öka kontrollen\n\n| Mål | Indikator |\n|---|---|\n| A | B |\n",
                         "x.md");
  ASSERT_TRUE(r.ok());
  AnalyzedText at = analyze_document(r.value(), lexicon());
  // heading, two list items, four cells: seven units even without end punctuation
  EXPECT_EQ(at.sentences.size(), 7u);
  EXPECT_EQ(at.sentences[1].block, 1u);
  EXPECT_EQ(r.value().text().substr(at.sentences[1].begin, at.sentences[1].end - at.sentences[1].begin),
            "Minska felutbetalningar");
}

TEST(Tokens, OffsetsPointIntoDocumentText) {
  auto r = ingest_memory("Stycke ett om välfärdsbrott. Mening två.\n\nNästa stycke.", "x.txt");
  ASSERT_TRUE(r.ok());
  AnalyzedText at = analyze_document(r.value(), lexicon());
  for (const auto& t : at.tokens) {
    EXPECT_EQ(r.value().text().substr(t.begin, t.end - t.begin), t.surface(r.value().text()));
  }
  ASSERT_EQ(at.sentences.size(), 3u);
  EXPECT_EQ(at.sentences[2].block, 1u);
}

TEST(Tokens, SharedLexiconFromManyThreads) {
  // One Lexicon, four threads analysing the same prose: identical results, no races
  // (run under ThreadSanitizer in the sanitizer build).
  auto lex = Lexicon::open("/usr/share/hunspell");
  ASSERT_TRUE(lex.ok());
  const std::string prose =
      "Kommunstyrelsen ska motverka felutbetalningar och välfärdsbrottslighet genom leverantörskontroller, "
      "bakgrundskontroller och informationsutbyte med Försäkringskassan. Socialnämnden följer upp "
      "underrättelseskyldigheten och redovisar återkraven i delårsrapporten.";
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 20; ++round) {
        AnalyzedText at = analyze_text(prose, *lex.value());
        std::string s;
        for (const auto& t : at.tokens) {
          s += t.lemma() + "[";
          for (const auto& p : t.parts()) s += p + "|";
          s += "] ";
        }
        results[i] = s;
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 1; i < 4; ++i) EXPECT_EQ(results[i], results[0]);
  EXPECT_NE(results[0].find("leverantörskontroll[leverantör|kontroll|]"), std::string::npos);
}
