// Verdicts of the national pack on the failure classes real documents showed
// (issue 14; coverage-labels.md): each test is a trap our texts are written
// to spring, in our own words.
#include <gtest/gtest.h>

#include <string>

#include "styrkoll/analysis.h"
#include "styrkoll/ingest.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/rules.h"
#include "national_engine.h"

using namespace styrkoll;

namespace {

std::shared_ptr<const Engine> national() { return test_support::national_engine(); }

DocumentAnalysis analyse(const std::string& text, const std::string& type, const std::string& name = "dokument.txt") {
  auto doc = ingest_memory(text, name);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return national()->analyze(doc.value(), type);
}

const PerspectiveResult& perspective(const DocumentAnalysis& a, const std::string& id) {
  for (const auto& p : a.perspectives) {
    if (p.id == id) return p;
  }
  static PerspectiveResult none;
  ADD_FAILURE() << "no perspective " << id;
  return none;
}

// A paragraph of ordinary budget prose, with no blank lines anywhere.
std::string filler(int sentences, const std::string& topic) {
  std::string s;
  for (int i = 0; i < sentences; ++i) {
    s += "Regionen arbetar vidare med " + topic + " i alla verksamheter och lägger stor vikt vid god service till\n"
         "invånarna, hög kvalitet och en ekonomi i balans under hela planperioden.\n";
  }
  return s;
}

}  // namespace

TEST(Verdict, TieFarAwayInALongBlockDoesNotMakeAnIndicatorTableStrong) {
  // A welfare-crime word, then paragraphs later (no blank lines) indicators about something else.
  std::string text = "Mål och budget 2026\n" + filler(2, "digitalisering") +
                     "Välfärdsbrottsligheten är ett allvarligt hot mot välfärden.\n" + filler(12, "kollektivtrafiken") +
                     "Indikator: andelen nöjda resenärer ska vara minst 85 procent senast 2027 och redovisas i årsredovisningen.\n" +
                     filler(3, "kompetensförsörjningen");
  DocumentAnalysis a = analyse(text, "mal_och_budget");
  const PerspectiveResult& t = perspective(a, "targets_indicators");
  EXPECT_NE(t.coverage, Coverage::strong) << (t.evidence.empty() ? "" : t.evidence.front().quote);
  // The indicator system exists but is not tied to welfare crime: weak by rule (a), not missing.
  EXPECT_EQ(t.coverage, Coverage::weak);
}

TEST(Verdict, MarkersOfANeighbourAboutSomethingElseAreNotCreditedWithoutObligation) {
  // The tie sentence has no "ska"; the neighbour's obligation governs another clause.
  auto c = national()->evaluate_text(*national()->pack().find_rule("vb.alla.namner_valfardsbrott"),
                                     "Välfärdsbrott är ett växande problem i hela landet. Regionen ska satsa på digitaliseringssatsningar.");
  EXPECT_EQ(c, Coverage::weak);
}

TEST(Verdict, AMonthIsNotAMeasureAndSatsningIsNotMoney) {
  const Rule& wc = *national()->pack().find_rule("vb.alla.namner_valfardsbrott");
  // One class (obligation) + a bare month: weak (e).
  EXPECT_EQ(national()->evaluate_text(wc, "Regionen ska arbeta mot välfärdsbrott i november."), Coverage::weak);
  // "senast" alone is no deadline.
  EXPECT_EQ(national()->evaluate_text(wc, "Regionen ska senast motverka välfärdsbrott."), Coverage::weak);
  // A satsning inside a compound is not a resource.
  EXPECT_EQ(national()->evaluate_text(wc, "Regionen ska göra digitaliseringssatsningar mot välfärdsbrott."), Coverage::weak);
  // A deadline for a deliverable and a named owner are.
  EXPECT_EQ(national()->evaluate_text(
                wc, "Socialnämnden ska senast 2026-06-30 redovisa en handlingsplan mot felaktiga utbetalningar till kommunstyrelsen."),
            Coverage::strong);
}

TEST(Verdict, PhotoCaptionIsNotFollowUpOfWelfareCrimeWork) {
  std::string text = "Verksamhetsplan för kulturnämnden 2026\n\nFestivalen gav mycket goda resultat i november och lockade 4 000 besökare.\n\n"
                     "Nämnden följer upp verksamheten i delårsrapporten.\n";
  DocumentAnalysis a = analyse(text, "verksamhetsplan_namndplan", "kultur.md");
  EXPECT_EQ(a.wc_explicit, Coverage::missing);
  for (const auto& p : a.perspectives) EXPECT_NE(p.coverage, Coverage::strong) << p.id;
  EXPECT_EQ(perspective(a, "followup_reporting").coverage, Coverage::weak);  // rule (a): the reporting cycle
}

TEST(Verdict, ANeedInAForewordIsWeak) {
  std::string text = "# Förord\n\nVi behöver arbeta systematiskt för att förebygga och motverka välfärdsbrott.\n";
  DocumentAnalysis a = analyse(text, "mal_och_budget", "budget.md");
  EXPECT_EQ(a.wc_explicit, Coverage::weak);
  EXPECT_EQ(perspective(a, "priority_goal").coverage, Coverage::weak);
}

TEST(Verdict, StrongQuoteIsThePassageWithItsMarkers) {
  std::string text = "# Uppföljning\n\nSocialnämnden ansvarar för kontrollerna av felaktiga utbetalningar inom ekonomiskt bistånd. "
                     "Antalet kontroller och återkrav redovisas i delårsrapporten.\n";
  DocumentAnalysis a = analyse(text, "verksamhetsplan_namndplan", "plan.md");
  ASSERT_EQ(a.wc_explicit, Coverage::strong);
  ASSERT_FALSE(a.wc_evidence.empty());
  const Evidence& e = a.wc_evidence.front();
  EXPECT_NE(e.quote.find("felaktiga utbetalningar"), std::string::npos) << e.quote;
  EXPECT_NE(e.quote.find("delårsrapporten"), std::string::npos) << e.quote;
}

TEST(Verdict, GeneralRiskAndContinuitySentenceIsNotStrongRiskAnalysis) {
  std::string text = "# Säkerhet\n\nRegionen ska årligen genomföra en risk- och sårbarhetsanalys och ha kontinuitetsplaner för alla verksamheter.\n";
  DocumentAnalysis a = analyse(text, "mal_och_budget", "budget.md");
  EXPECT_EQ(perspective(a, "risk_analysis").coverage, Coverage::weak);
  // Crisis preparedness is no money, role or goal for security: those stay missing.
  EXPECT_EQ(perspective(a, "dedicated_resources").coverage, Coverage::missing);
}

TEST(Verdict, TextWithoutBlankLinesGetsHeadingsAndParagraphs) {
  std::string text = "Budget 2026\n";
  for (int i = 0; i < 3; ++i) {
    text += "Inledning\n" + filler(8, "ekonomin") + "Uppdrag till nämnderna\n" + filler(8, "styrningen");
  }
  auto doc = ingest_memory(text, "budget.txt");
  ASSERT_TRUE(doc.ok());
  int headings = 0;
  std::size_t longest = 0;
  for (const auto& b : doc.value().blocks()) {
    headings += b.kind == BlockKind::heading;
    longest = std::max(longest, doc.value().block_text(b).size());
  }
  EXPECT_GE(headings, 6);
  EXPECT_LT(longest, 1000u);
}

TEST(Verdict, AColumnHeadingSpeaksForEveryRowBelowIt) {
  // "tkr" stands only in the heading; the tie only in the row: together they are one passage.
  std::string text = "# 6 Resurser\n\nArbetet finansieras med särskilda medel:\n\n"
                     "| Resurs | 2026, tkr |\n|---|---|\n| Samordnare mot välfärdsbrottslighet, 1 åa | 950 |\n"
                     "| Lokaler | 200 |\n";
  DocumentAnalysis a = analyse(text, "handlingsplan_valfardsbrott", "plan.md");
  const PerspectiveResult& r = perspective(a, "dedicated_resources");
  EXPECT_EQ(r.coverage, Coverage::strong);
  ASSERT_FALSE(r.evidence.empty());
  EXPECT_NE(r.evidence.front().quote.find("välfärdsbrottslighet"), std::string::npos) << r.evidence.front().quote;
}

TEST(Verdict, KanGovernsTheObligationItPrecedes) {
  const Rule& police = *national()->pack().find_rule("vb.atgard.polisanmalan_aterkrav");
  // "kan nämnden besluta att" is permission, not a duty.
  EXPECT_EQ(national()->evaluate_text(police, "Om föreningen har lämnat oriktiga uppgifter kan nämnden besluta att bidraget ska återkrävas."),
            Coverage::weak);
}

TEST(Verdict, FarInteIsAProhibitionNotAPermission) {
  const Rule& wc = *national()->pack().find_rule("vb.alla.namner_valfardsbrott");
  std::vector<std::string> reasons;
  national()->evaluate_text(wc, "Den som misstänks för bidragsbrott får inte handlägga ärendet, och enhetschefen ansvarar för att det följs.",
                            &reasons);
  for (const auto& r : reasons) EXPECT_EQ(r.find("(b)"), std::string::npos) << r;
}

TEST(Verdict, ANamedActorInThePresentTenseIsANamedResponsibility) {
  const Rule& wc = *national()->pack().find_rule("vb.alla.namner_valfardsbrott");
  // The normative present of governing prose: the head of unit does it, every month.
  EXPECT_EQ(national()->evaluate_text(wc, "Enhetschefen granskar varje månad ärenden med risk för bidragsbrott."), Coverage::strong);
  // A report of what was done, or an auxiliary, names no duty.
  EXPECT_EQ(national()->evaluate_text(wc, "Enhetschefen har varje månad granskat ärenden med risk för bidragsbrott."), Coverage::weak);
  EXPECT_EQ(national()->evaluate_text(wc, "Enhetschefen granskade varje månad ärenden med risk för bidragsbrott."), Coverage::weak);
}

TEST(Verdict, AHedgeInAnyCellHedgesTheRow) {
  // "Vid behov" in the frequency column makes the whole control row weak (b).
  std::string text = "# Kontrollmoment\n\n| Kontroll | Frekvens | Ansvarig | Rapporteras i |\n|---|---|---|---|\n"
                     "| Kontroll av att påtryckningar och otillåten påverkan mot handläggare rapporteras | Vid behov | Enhetschef | Årsredovisning |\n";
  DocumentAnalysis a = analyse(text, "internkontroll", "plan.md");
  EXPECT_NE(perspective(a, "unlawful_influence").coverage, Coverage::strong);
}

TEST(Verdict, AShortListIntroductionCarriesTheSentenceItContinues) {
  // "I detta ingår att:" points back to the sentence with the tie and the owner.
  std::string text = "# Kommunstyrelsen\n\nKommunstyrelsen ansvarar för att samordna arbetet mot välfärdsbrottslighet. I detta ingår att:\n\n"
                     "- årligen, senast i februari, rapportera till kommunfullmäktige om arbetet,\n"
                     "- hålla kontakt med Polisen.\n";
  DocumentAnalysis a = analyse(text, "reglemente", "reglemente.md");
  EXPECT_EQ(perspective(a, "followup_reporting").coverage, Coverage::strong);
}

TEST(Verdict, AHeadingNamingTheMechanismShowsItExists) {
  // Rule (a): a section "Riskbedömning" is a risk assessment, not tied to welfare crime: weak, not missing.
  std::string text = "# Ekonomi\n\n## 2.3.4 Riskbedömning\n\nIntäkterna kan bli lägre än beräknat om sysselsättningen sjunker.\n";
  DocumentAnalysis a = analyse(text, "mal_och_budget", "budget.md");
  EXPECT_EQ(perspective(a, "risk_analysis").coverage, Coverage::weak);
}
