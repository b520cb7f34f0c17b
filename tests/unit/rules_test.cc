// Rule packs: loading errors, term matching, scopes, strength markers,
// classification and manifests, on the small pack in tests/data/rules/testpack.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "styrkoll/analysis.h"
#include "styrkoll/ingest.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/rules.h"

using namespace styrkoll;
namespace fs = std::filesystem;

namespace {

const std::string kPack = std::string(STYRKOLL_TEST_DATA) + "/rules/testpack";

std::shared_ptr<const Engine> engine() {
  static std::shared_ptr<const Engine> e = [] {
    auto pack = RulePack::load(kPack);
    EXPECT_TRUE(pack.ok()) << pack.status().message();
    auto eng = Engine::create(pack.value(), Lexicon::shared());
    EXPECT_TRUE(eng.ok()) << eng.status().message();
    return eng.value();
  }();
  return e;
}

Coverage judge(const char* rule, const std::string& text) {
  return engine()->evaluate_text(*engine()->pack().find_rule(rule), text);
}

// A copy of the test pack with one file replaced, for loading errors.
std::string pack_with(const std::string& file, const std::string& content) {
  static int n = 0;
  fs::path dir = fs::temp_directory_path() / ("styrkoll-rules-test-" + std::to_string(::getpid()) + "-" + std::to_string(n++));
  fs::remove_all(dir);
  fs::copy(kPack, dir, fs::copy_options::recursive);
  std::ofstream(dir / file) << content;
  return dir.string();
}

std::string load_error(const std::string& dir) {
  auto r = RulePack::load(dir);
  EXPECT_FALSE(r.ok());
  fs::remove_all(dir);
  return r.ok() ? "" : r.status().message();
}

Document doc_from_markdown(const std::string& md, const std::string& name = "test.md") {
  auto r = ingest_memory(md, name);
  EXPECT_TRUE(r.ok()) << r.status().to_string();
  return r.ok() ? std::move(r).value() : Document{};
}

const PerspectiveResult* find(const DocumentAnalysis& a, const std::string& id) {
  for (const auto& p : a.perspectives) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

}  // namespace

TEST(RulePack, LoadsAndExposesThePack) {
  auto pack = RulePack::load(kPack);
  ASSERT_TRUE(pack.ok()) << pack.status().message();
  EXPECT_EQ(pack.value()->id(), "testpack");
  EXPECT_EQ(pack.value()->rules().size(), 4u);
  EXPECT_EQ(pack.value()->hash().size(), 64u);
  EXPECT_EQ(pack.value()->perspective_name("supplier_vetting"), "Kontroll av leverantörer");
}

TEST(RulePack, EmbeddedExamplesPass) {
  for (const Rule& r : engine()->pack().rules()) {
    for (const auto& e : r.examples) {
      std::vector<std::string> reasons;
      Coverage got = engine()->evaluate_text(r, e.text, &reasons);
      EXPECT_EQ(got, e.expected) << r.id << ": \"" << e.text << "\" " << (reasons.empty() ? "" : reasons.front());
    }
  }
}

TEST(RulePackErrors, UnknownKeyNamesFileLineAndField) {
  std::string msg = load_error(pack_with("rules/bad.yaml",
                                         "id: x\nperspective: wc_explicit\ntypes: ['*']\nmatch: {any: [brott]}\n"
                                         "mesage: typo\nmessage: m\nrationale: r\nrecommendation: r\nexamples: {strong: [a]}\n"));
  EXPECT_NE(msg.find("rules/bad.yaml:5: mesage: unknown key"), std::string::npos) << msg;
}

TEST(RulePackErrors, UnknownPerspectiveAndType) {
  std::string msg = load_error(pack_with("rules/bad.yaml",
                                         "id: x\nperspective: nonsense\ntypes: [no_such_type]\nmatch: {any: [brott]}\n"
                                         "message: m\nrationale: r\nrecommendation: r\nexamples: {strong: [a]}\n"));
  EXPECT_NE(msg.find("bad.yaml:2: perspective: unknown perspective id 'nonsense'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("bad.yaml:3: types: unknown document type id 'no_such_type'"), std::string::npos) << msg;
}

TEST(RulePackErrors, UnknownScopeValueEmptyListAndNoExamples) {
  std::string msg = load_error(pack_with("rules/bad.yaml",
                                         "id: x\nperspective: wc_explicit\ntypes: ['*']\nscope:\n  background: sometimes\n"
                                         "match:\n  any: []\nmessage: m\nrationale: r\nrecommendation: r\n"));
  EXPECT_NE(msg.find("bad.yaml:5: scope.background: unknown value 'sometimes'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("bad.yaml:7: match.any: empty list"), std::string::npos) << msg;
  EXPECT_NE(msg.find("bad.yaml:1: examples: every rule needs examples"), std::string::npos) << msg;
}

TEST(RulePackErrors, UnknownListReferenceAndSyntaxError) {
  std::string msg = load_error(pack_with("rules/bad.yaml",
                                         "id: x\nperspective: wc_explicit\ntypes: ['*']\nmatch:\n  any: ['@nolist']\n"
                                         "message: m\nrationale: r\nrecommendation: r\nexamples: {strong: [a]}\n"));
  EXPECT_NE(msg.find("bad.yaml:5: match: unknown term list '@nolist'"), std::string::npos) << msg;
  std::string syntax = load_error(pack_with("rules/bad.yaml", "id: x\n  perspective: [unclosed\n"));
  EXPECT_NE(syntax.find("bad.yaml:2: YAML syntax error"), std::string::npos) << syntax;
}

TEST(RulePackErrors, DuplicateIdsAndEveryProblemReported) {
  std::string dir = pack_with("rules/dup.yaml",
                              "id: test.wc\nperspective: wc_explicit\ntypes: ['*']\nmatch: {any: [brott]}\nmessage: m\n"
                              "rationale: r\nrecommendation: r\nexamples: {strong: [a]}\n");
  std::ofstream(fs::path(dir) / "rules/other.yaml") << "id: y\nperspective: bogus\n";
  std::string msg = load_error(dir);
  EXPECT_NE(msg.find("duplicate rule id"), std::string::npos) << msg;
  EXPECT_NE(msg.find("other.yaml:2: perspective: unknown perspective id 'bogus'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("other.yaml: types: required"), std::string::npos) << msg;
}

TEST(RulePackErrors, ExtendingPackAddsAndRemovesTerms) {
  fs::path dir = fs::temp_directory_path() / ("styrkoll-ext-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "pack.yaml") << "id: kommunpaket\nversion: 1.0.0\nlanguage: sv\nextends: " << kPack << "\n";
  std::ofstream(dir / "terms.yaml") << "add:\n  core: [assistansfusk]\nremove:\n  core: [felutbetalning]\n";
  auto pack = RulePack::load(dir.string());
  ASSERT_TRUE(pack.ok()) << pack.status().message();
  const auto* core = pack.value()->term_list("core");
  ASSERT_TRUE(core);
  EXPECT_NE(std::find(core->begin(), core->end(), "assistansfusk"), core->end());
  EXPECT_EQ(std::find(core->begin(), core->end(), "felutbetalning"), core->end());
  EXPECT_EQ(pack.value()->id(), "kommunpaket");
  EXPECT_EQ(pack.value()->rules().size(), 4u);  // inherited
  std::ofstream(dir / "terms.yaml") << "remove:\n  core: [not-there]\n";
  auto bad = RulePack::load(dir.string());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("term 'not-there' is not in the list"), std::string::npos);
  fs::remove_all(dir);
}

TEST(Matching, SurfaceLemmaAndCompoundParts) {
  // "kontroll av leverantörer" also finds leverantörskontrollerna; inflected phrases match.
  EXPECT_EQ(judge("test.supplier", "Upphandlingschefen ansvarar för att leverantörskontrollerna mot fusk görs senast 2025."),
            Coverage::strong);
  EXPECT_EQ(judge("test.supplier", "Upphandlingschefen ansvarar för kontrollen av leverantörerna mot fusk senast 2025."),
            Coverage::strong);
  // Prefix terms reach inside compounds.
  EXPECT_EQ(judge("test.wc", "Välfärdsbrottsligheten ökar."), Coverage::weak);
  // ASCII-folded text from a bad PDF still matches.
  EXPECT_EQ(judge("test.wc", "Valfardsbrottsligheten okar."), Coverage::weak);
  // Whole-word terms never match inside other words ("kan" in "kansliet").
  EXPECT_EQ(judge("test.police", "Kansliet ska polisanmäla misstänkta bedrägerier och nämnden ansvarar för återkrav."),
            Coverage::strong);
}

TEST(Strength, NegationIsAGap) {
  EXPECT_EQ(judge("test.supplier", "Det saknas i dag kontroll av leverantörer mot fusk."), Coverage::missing);
  EXPECT_EQ(judge("test.police", "Det finns ingen rutin för polisanmälan."), Coverage::missing);
}

TEST(Strength, HedgingMakesWeak) {
  EXPECT_EQ(judge("test.police", "Nämnden bör polisanmäla misstänkta bedrägerier senast 2025."), Coverage::weak);
  EXPECT_EQ(judge("test.police", "Polisanmälan kan vid behov göras."), Coverage::weak);
  // "kan" does not hedge a sentence that obliges.
  EXPECT_EQ(judge("test.police", "Nämnden ska polisanmäla så att bedrägerier kan beivras och rapporterar till kommunstyrelsen."),
            Coverage::strong);
}

TEST(Strength, EachMarkerClassCounts) {
  // Obligation alone is not enough; each second class makes it strong.
  EXPECT_EQ(judge("test.police", "Misstänkta bedrägerier ska polisanmälas."), Coverage::weak);
  EXPECT_EQ(judge("test.police", "Misstänkta bedrägerier ska polisanmälas. Nämnden ansvarar för detta."), Coverage::strong);
  EXPECT_EQ(judge("test.police", "Misstänkta bedrägerier ska polisanmälas senast inom en vecka."), Coverage::strong);
  EXPECT_EQ(judge("test.police", "Misstänkta bedrägerier ska polisanmälas; för arbetet avsätts 200 tkr."), Coverage::strong);
  EXPECT_EQ(judge("test.police", "Misstänkta bedrägerier ska polisanmälas och antalet redovisas i delårsrapporten."),
            Coverage::strong);
  // A named actor with an obligation is a named responsibility.
  EXPECT_EQ(judge("test.police", "Kommunstyrelsen ska polisanmäla misstänkta bedrägerier."), Coverage::strong);
}

TEST(Strength, GenericControlWithoutTieIsWeak) {
  EXPECT_EQ(judge("test.supplier", "Upphandlingschefen ansvarar för att kontroll av leverantörer görs senast 2025."),
            Coverage::weak);
}

TEST(Scope, BackgroundSectionsAndSectionFilters) {
  Document d = doc_from_markdown(
      "# Upphandlingspolicy för Testby kommun\n\n## 1 Bakgrund\n\nMisstänkta bedrägerier ska polisanmälas och nämnden "
      "ansvarar för återkrav.\n\n## 2 Omvärld\n\nUpphandlingschefen ansvarar för att kontroll av leverantörer mot fusk görs "
      "senast 2025.\n");
  DocumentAnalysis a = engine()->analyze(d);
  EXPECT_EQ(a.doc_type.type_id, "upphandlingspolicy");
  // background: ignore
  EXPECT_EQ(find(a, "police_report_recovery")->coverage, Coverage::missing);
  // background: weak (default)
  const auto* s = find(a, "supplier_vetting");
  EXPECT_EQ(s->coverage, Coverage::weak);
  EXPECT_NE(s->reasons.front().find("(c)"), std::string::npos) << s->reasons.front();
  ASSERT_FALSE(s->evidence.empty());
  EXPECT_EQ(s->evidence.front().section.back(), "2 Omvärld");

  Document isp = doc_from_markdown(
      "# Informationssäkerhetspolicy\n\n## Inledning\n\nSystemägaren ansvarar för att behörigheter ses över årligen för att "
      "förhindra felaktiga utbetalningar.\n\n## Åtgärder\n\nSystemägaren ansvarar för att loggning följs upp årligen mot "
      "bedrägerier.\n");
  DocumentAnalysis b = engine()->analyze(isp);
  ASSERT_EQ(b.doc_type.type_id, "informationssakerhetspolicy");
  const auto* acc = find(b, "access_logging");
  EXPECT_EQ(acc->coverage, Coverage::strong);
  ASSERT_EQ(acc->evidence.size(), 1u);  // the Inledning passage is outside scope.sections
  EXPECT_EQ(acc->evidence.front().section.back(), "Åtgärder");
}

TEST(Classification, TitleFrontMatterAndOutOfScope) {
  Document policy = doc_from_markdown("# Policy för inköp och upphandling\n\nAntagen av kommunfullmäktige.\n\nText om anbud.\n");
  Classification c = engine()->analyze(policy).doc_type;
  EXPECT_EQ(c.type_id, "upphandlingspolicy");
  EXPECT_GT(c.confidence, 0.5);
  EXPECT_FALSE(c.reasons.empty());

  Document routine = doc_from_markdown("# Rutin för upphandling av kontorsmaterial\n\nSå här gör du.\n");
  EXPECT_EQ(engine()->analyze(routine).doc_type.type_id, "out_of_scope");

  Document unknown = doc_from_markdown("# Något helt annat\n\nText.\n");
  EXPECT_EQ(engine()->analyze(unknown).doc_type.type_id, "out_of_scope");

  // File name counts as a title cue.
  Document by_name = doc_from_markdown("Text utan rubrik om anbud och direktupphandling.\n", "arkiv/upphandlingspolicy-2024.md");
  EXPECT_EQ(engine()->analyze(by_name).doc_type.type_id, "upphandlingspolicy");
}

TEST(Classification, ManifestOverrides) {
  fs::path csv = fs::temp_directory_path() / ("styrkoll-manifest-" + std::to_string(::getpid()) + ".csv");
  std::ofstream(csv) << "path;type\narkiv/rutin.md;informationssakerhetspolicy\n";
  auto m = Manifest::load(csv.string(), engine()->pack());
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m.value().type_for("/data/arkiv/rutin.md"), std::optional<std::string>("informationssakerhetspolicy"));
  EXPECT_FALSE(m.value().type_for("/data/annan.md"));
  Document d = doc_from_markdown("# Rutin\n\nText.\n", "/data/arkiv/rutin.md");
  DocumentAnalysis a = engine()->analyze(d, m.value().type_for(d.metadata().path));
  EXPECT_EQ(a.doc_type.type_id, "informationssakerhetspolicy");
  EXPECT_EQ(a.doc_type.source, "manifest");
  EXPECT_EQ(a.perspectives.size(), 1u);

  std::ofstream(csv) << "arkiv/x.md;no_such_type\n";
  auto bad = Manifest::load(csv.string(), engine()->pack());
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(":1: unknown document type id 'no_such_type'"), std::string::npos);
  fs::remove(csv);
}

TEST(Analysis, EvidenceCarriesPageSectionQuoteAndOffsets) {
  Document d = doc_from_markdown(
      "# Upphandlingspolicy\n\n## 3 Åtgärder\n\nInledande mening. Upphandlingschefen ansvarar för att kontroll av "
      "leverantörer mot oseriösa leverantörer görs senast vid avtalsstart.\n");
  DocumentAnalysis a = engine()->analyze(d);
  const auto* s = find(a, "supplier_vetting");
  ASSERT_TRUE(s && !s->evidence.empty());
  const Evidence& e = s->evidence.front();
  EXPECT_EQ(s->coverage, Coverage::strong);
  EXPECT_EQ(e.quote.rfind("Upphandlingschefen ansvarar", 0), 0u) << e.quote;
  std::u32string text;
  EXPECT_EQ(e.section, (std::vector<std::string>{"Upphandlingspolicy", "3 Åtgärder"}));
  EXPECT_GT(e.char_end, e.char_start);
  EXPECT_EQ(a.wc_explicit, Coverage::strong);
  EXPECT_TRUE(s->recommendation.empty());
  const auto* p = find(a, "police_report_recovery");
  EXPECT_EQ(p->coverage, Coverage::missing);
  EXPECT_EQ(p->recommendation, "Misstänkta brott ska polisanmälas.");
  EXPECT_GT(a.coverage_score, 0);
}
