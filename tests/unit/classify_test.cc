// Document types as a registrar reads them (issue 15): the title's kind and
// subject, the kinds of text that are not governing documents, decision
// metadata, titles as PDF and web wrappers leave them. Texts are our own.
#include <gtest/gtest.h>

#include <string>

#include "styrkoll/analysis.h"
#include "styrkoll/ingest.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/rules.h"
#include "national_engine.h"

using namespace styrkoll;

namespace {

std::string type_of(const std::string& text, const std::string& name = "dokument.txt") {
  auto engine = test_support::national_engine();
  auto doc = ingest_memory(text, name);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  AnalyzedText t = analyze_document(doc.value(), engine->lexicon());
  return engine->classify(doc.value(), t).type_id;
}

const std::string kBody =
    "\n\n1 Syfte\n\nDokumentet beskriver hur kommunen arbetar och vem som ansvarar för vad i det dagliga arbetet.\n";

}  // namespace

TEST(Classify, KindAndSubjectInTheTitleInEitherOrder) {
  EXPECT_EQ(type_of("Riktlinjer för upphandling i Kvarnby kommun" + kBody), "upphandlingspolicy");
  EXPECT_EQ(type_of("Ekonomiskt bistånd\n\nRiktlinjer" + kBody), "riktlinjer_ekonomiskt_bistand");
  EXPECT_EQ(type_of("Program för uppföljning av privata utförare" + kBody), "program_privata_utforare");
  EXPECT_EQ(type_of("Handlingsplan\n\nHandlingsplan för ökad trygghet i Östra Kvarnby 2026-2027" + kBody),
            "brottsforebyggande_atgardsplan");
}

TEST(Classify, ProseMentioningAPlanIsNoTitle) {
  EXPECT_EQ(type_of("Nu finns en ny plan för hur kommunen ska jobba med det brottsförebyggande arbetet i centrum.\n\n"
                    "Kommunalrådet berättar om satsningen och om vad invånarna kan förvänta sig under året.\n"),
            "out_of_scope");
}

TEST(Classify, TextsThatAreNotTheDocumentItself) {
  EXPECT_EQ(type_of("TJÄNSTEUTLÅTANDE\n\nRiktlinjer för ekonomiskt bistånd till hemutrustning\n\nBakgrund\n\n"
                    "Socialförvaltningen föreslår att nämnden antar reviderade riktlinjer.\n"),
            "out_of_scope");
  EXPECT_EQ(type_of("Attestreglemente. Förslag till beslut\n\nKommunstyrelsen föreslår kommunfullmäktige besluta att anta "
                    "attestreglemente enligt bilaga.\n"),
            "out_of_scope");
  EXPECT_EQ(type_of("Mål- och budgetförutsättningar 2027-2029\n\nUnderlaget beskriver förutsättningarna inför budgetarbetet.\n"),
            "out_of_scope");
}

TEST(Classify, LetterSpacedTitle) {
  EXPECT_EQ(type_of("Å R S R E D O V I S N I N G\n\n2025\n\nViktiga händelser under året beskrivs nedan för varje nämnd.\n"),
            "uppfoljningsrapport");
}

TEST(Classify, AUnitsYearCalendarIsNotTheKommunsBudget) {
  EXPECT_NE(type_of("Årsplan 2026 för boendestödet\n\nJanuari: planeringsdag. Februari: brandövning. Mars: medarbetarsamtal.\n"),
            "mal_och_budget");
}

TEST(Classify, ACloseCallSaysSoAndNamesTheOtherReading) {
  auto engine = test_support::national_engine();
  auto doc = ingest_memory("Attestreglemente. Förslag till beslut\n\nDnr KS 2026/12\n\nKommunstyrelsen föreslår kommunfullmäktige besluta att anta "
                           "attestreglemente enligt bilaga.\n",
                           "forslag.txt");
  ASSERT_TRUE(doc.ok());
  AnalyzedText t = analyze_document(doc.value(), engine->lexicon());
  Classification c = engine->classify(doc.value(), t);
  EXPECT_EQ(c.type_id, "out_of_scope");
  EXPECT_TRUE(c.uncertain);
  EXPECT_EQ(c.runner_up, "attestreglemente");
  bool says_why = false;
  for (const auto& r : c.reasons) says_why = says_why || r.find("inte själva styrdokumentet") != std::string::npos;
  EXPECT_TRUE(says_why);
}
