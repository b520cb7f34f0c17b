// The Engine: a compiled pack (rules/pack_compiler.h) applied to one
// document at a time: classify (classifier.h), then per perspective every
// rule's candidate passages judged (judge.h), the best one deciding.
#include <algorithm>
#include <cmath>
#include <set>

#include "analysis/classifier.h"
#include "analysis/compiled.h"
#include "analysis/doc_state.h"
#include "analysis/judge.h"
#include "analysis/passage.h"
#include "ingest/document_builder.h"
#include "rules/pack_compiler.h"
#include "styrkoll/analysis.h"

namespace styrkoll {

using namespace analysis;

namespace {

std::string trim_quote(std::string s, std::size_t max = 400) {
  if (s.size() <= max) return s;
  std::size_t cut = max - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "...";
}

}  // namespace

struct Engine::Impl {
  CompiledPack cp;

  const CompiledRule* compiled(const Rule& r) const {
    for (const auto& c : cp.rules) {
      if (c.rule == &r) return &c;
    }
    return nullptr;
  }

  bool in_scope(const DocState& ds, const CompiledRule& cr, std::uint32_t b, bool ignore_sections) const {
    const Block& blk = ds.doc->blocks()[b];
    if (!(cr.block_mask & (1u << static_cast<unsigned>(blk.kind)))) return false;
    bool include = cr.sections.empty() || ignore_sections;
    for (auto h : blk.section) {
      if (!cr.exclude_sections.empty() && ds.block_has(h, cr.exclude_sections)) return false;
      if (!include && ds.block_has(h, cr.sections)) include = true;
    }
    return include;
  }

  // All judgements of one rule on a document, one per sentence holding the
  // rule's terms (in scope). `free_text`: a rule example, judged without its
  // section scope (it has no headings).
  std::vector<Judgement> evaluate(const DocState& ds, const CompiledRule& cr, bool free_text = false) const {
    std::vector<Judgement> out;
    std::set<std::uint32_t> seen;
    for (const TermHit& h : ds.hits) {
      if (!cr.any.contains(h.term)) continue;
      std::uint32_t s = ds.text->tokens[h.first_token].sentence;
      if (seen.count(s)) continue;
      std::uint32_t b = ds.text->sentences[s].block;
      if (!in_scope(ds, cr, b, free_text)) continue;
      if (ds.block_section[b] == SectionKind::background && cr.rule->scope.background == RuleScope::Background::ignore) continue;
      seen.insert(s);
      // One passage per candidate: the tie, the field and the judgement all read it.
      auto consider = [&](int row) {
        const Passage p = passage_around(ds, cp.pack->passage(), h, row);
        if (cr.rule->match.ignore_without_context && !tied_in(ds, cr, p, h)) return;
        if (!in_domain(ds, cr, p)) return;
        out.push_back(judge_passage(cp, ds, cr, p, h));
      };
      const Block& blk = ds.doc->blocks()[b];
      if (blk.kind == BlockKind::table_cell && blk.row == 0) {
        // A term in a column heading ("2025, tkr", "Ansvarig") speaks for every row below it.
        for (auto it = ds.table_rows.lower_bound({blk.table, 1}); it != ds.table_rows.end() && it->first.first == blk.table;
             ++it) {
          consider(it->first.second);
        }
      } else {
        consider(-1);
      }
    }
    return out;
  }

  // Rule (a): the rule's general mechanism, judged only when nothing tied counts.
  std::vector<Judgement> evaluate_generic(const DocState& ds, const CompiledRule& cr, bool free_text = false) const {
    std::vector<Judgement> out;
    if (cr.generic_any.empty()) return out;
    std::set<std::uint32_t> seen;
    for (const TermHit& h : ds.hits) {
      if (!cr.generic_any.contains(h.term)) continue;
      std::uint32_t s = ds.text->tokens[h.first_token].sentence;
      if (seen.count(s)) continue;
      std::uint32_t b = ds.text->sentences[s].block;
      // A heading naming the mechanism ("2.3.4 Riskbedömning") shows that it exists.
      if (ds.doc->blocks()[b].kind != BlockKind::heading && !in_scope(ds, cr, b, free_text)) continue;
      seen.insert(s);
      const Passage p = passage_around(ds, cp.pack->passage(), h);
      if (!in_domain(ds, cr, p)) continue;
      Judgement j = judge_generic(cp, ds, cr, p, h);
      if (j.coverage != Coverage::missing) {
        out.push_back(std::move(j));
        if (out.size() >= 3) break;
      }
    }
    return out;
  }

  static Coverage best_of(const std::vector<Judgement>& js) {
    Coverage c = Coverage::missing;
    for (const auto& j : js) {
      if (!j.negated && j.coverage > c) c = j.coverage;
    }
    return c;
  }

  // Judgements of a rule: the tied passages, else its general mechanism.
  std::vector<Judgement> judge_rule(const DocState& ds, const CompiledRule& cr, bool free_text = false) const {
    auto js = evaluate(ds, cr, free_text);
    if (best_of(js) == Coverage::missing) {
      auto generic = evaluate_generic(ds, cr, free_text);
      js.insert(js.end(), std::make_move_iterator(generic.begin()), std::make_move_iterator(generic.end()));
    }
    return js;
  }

  Evidence make_evidence(const DocState& ds, const Judgement& j, const std::string& rule_id) const {
    Evidence e;
    const Sentence& sen = ds.text->sentences[j.sentence];
    e.block = sen.block;
    const Block& blk = ds.doc->blocks()[sen.block];
    e.page = blk.page;
    e.section = ds.doc->section_path(sen.block);
    Quote q = quote_of(ds, j.quote_ranges);
    // A strong quote is the whole span its markers stand in; other quotes are cut for reading.
    e.quote = j.coverage == Coverage::strong ? trim_quote(q.text, 1200) : trim_quote(q.text);
    e.char_start = q.char_start;
    e.char_end = q.char_end;
    e.markers = j.markers;
    e.strength = j.negated ? Coverage::missing : j.coverage;
    e.rule_id = rule_id;
    return e;
  }

  bool applies(const Rule& r, const std::string& type) const {
    return std::find(r.types.begin(), r.types.end(), "*") != r.types.end() ||
           std::find(r.types.begin(), r.types.end(), type) != r.types.end();
  }

  // Judges one perspective on a document from all rules that evidence it.
  PerspectiveResult perspective(const DocState& ds, const std::string& pid, const std::string& type) const {
    PerspectiveResult pr;
    pr.id = pid;
    struct Scored {
      Judgement j;
      const Rule* rule;
    };
    std::vector<Scored> all;
    const Rule* first_gap_rule = nullptr;
    bool any_rule = false;
    std::vector<const CompiledRule*> rules;
    for (const auto& cr : cp.rules) {
      const Rule& r = *cr.rule;
      if (r.perspective != pid || !applies(r, type)) continue;
      any_rule = true;
      pr.rule_ids.push_back(r.id);
      rules.push_back(&cr);
      auto js = evaluate(ds, cr);
      Coverage c = best_of(js);
      if (c > pr.coverage) pr.coverage = c;
      if (c != Coverage::strong && !first_gap_rule) first_gap_rule = &r;
      for (auto& j : js) all.push_back({std::move(j), &r});
    }
    if (!any_rule) {
      pr.reasons.push_back("Ingen regel i regelpaketet bedömer detta perspektiv för dokumenttypen");
      return pr;
    }
    if (pr.coverage == Coverage::missing) {
      // Rule (a): nothing tied counts; the general mechanism makes it weak.
      for (const CompiledRule* cr : rules) {
        for (auto& j : evaluate_generic(ds, *cr)) {
          pr.coverage = Coverage::weak;
          all.push_back({std::move(j), cr->rule});
        }
      }
    }
    // Evidence: strongest first, then most markers; negated passages last (they explain a gap).
    std::stable_sort(all.begin(), all.end(), [](const Scored& a, const Scored& b) {
      int ra = a.j.negated ? -1 : static_cast<int>(a.j.coverage), rb = b.j.negated ? -1 : static_cast<int>(b.j.coverage);
      if (ra != rb) return ra > rb;
      if (a.j.tied != b.j.tied) return a.j.tied;
      return a.j.score > b.j.score;
    });
    std::set<std::uint32_t> used;
    for (const auto& s : all) {
      if (pr.evidence.size() >= 3) break;
      if (s.j.coverage == Coverage::missing && !s.j.negated) continue;
      if (!used.insert(s.j.sentence).second) continue;
      pr.evidence.push_back(make_evidence(ds, s.j, s.rule->id));
    }
    if (!all.empty()) {
      for (const auto& r : all.front().j.reasons) pr.reasons.push_back(r);
    }
    if (pr.coverage == Coverage::missing) {
      if (all.empty()) pr.reasons.push_back("Saknas: inget i dokumentet tar upp perspektivet");
      else pr.reasons.insert(pr.reasons.begin(), "Saknas: perspektivet nämns bara som brist eller utanför regelns område");
    }
    if (pr.coverage != Coverage::strong && first_gap_rule) {
      pr.recommendation = first_gap_rule->recommendation;
      pr.message = first_gap_rule->message;
    }
    return pr;
  }
};

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

Result<std::shared_ptr<const Engine>> Engine::create(std::shared_ptr<const RulePack> pack,
                                                     std::shared_ptr<const Lexicon> lexicon) {
  if (!pack || !lexicon) return Status(ErrorCode::invalid_argument, "Engine::create needs a rule pack and a lexicon");
  auto impl = std::make_unique<Impl>();
  impl->cp.pack = std::move(pack);
  impl->cp.lexicon = std::move(lexicon);
  Status st = rules::compile_pack(impl->cp);
  if (!st.ok()) return st;
  return std::shared_ptr<const Engine>(new Engine(std::move(impl)));
}

const RulePack& Engine::pack() const { return *impl_->cp.pack; }
const Lexicon& Engine::lexicon() const { return *impl_->cp.lexicon; }

Classification Engine::classify(const Document& doc, const AnalyzedText& text) const {
  DocState ds(impl_->cp, doc, text);
  return classify_document(impl_->cp, ds);
}

DocumentAnalysis Engine::analyze(const Document& doc, const std::optional<std::string>& type_override) const {
  AnalyzedText text = analyze_document(doc, *impl_->cp.lexicon);
  return analyze(doc, text, type_override);
}

DocumentAnalysis Engine::analyze(const Document& doc, const AnalyzedText& text,
                                 const std::optional<std::string>& type_override) const {
  DocState ds(impl_->cp, doc, text);
  DocumentAnalysis a;
  if (type_override) {
    a.doc_type.type_id = *type_override;
    a.doc_type.source = "manifest";
    a.doc_type.confidence = 1;
    a.doc_type.reasons.push_back("Dokumenttypen anges i manifestet");
  } else {
    a.doc_type = classify_document(impl_->cp, ds);
  }
  // wc_explicit: does the document name the problem at all, and how firmly.
  PerspectiveResult wc = impl_->perspective(ds, "wc_explicit", a.doc_type.type_id);
  a.wc_explicit = wc.coverage;
  a.wc_evidence = wc.evidence;
  const DocumentTypeInfo* type = impl_->cp.pack->find_type(a.doc_type.type_id);
  if (!type) return a;  // out of scope: no perspectives expected
  double total = 0;
  int n = 0;
  for (const std::string& pid : type->expected_perspectives) {
    if (pid == "wc_explicit") continue;
    PerspectiveResult pr = impl_->perspective(ds, pid, type->id);
    total += pr.coverage == Coverage::strong ? 1.0 : pr.coverage == Coverage::weak ? 0.5 : 0.0;
    ++n;
    a.perspectives.push_back(std::move(pr));
  }
  a.coverage_score = n ? std::round(1000.0 * total / n) / 10 : 0;
  return a;
}

Coverage Engine::evaluate_text(const Rule& rule, std::string_view text, std::vector<std::string>* reasons) const {
  const CompiledRule* cr = impl_->compiled(rule);
  if (!cr) return Coverage::missing;
  DocumentBuilder db(Metadata{});
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t next = text.find("\n\n", pos);
    std::size_t end = next == std::string_view::npos ? text.size() : next;
    db.add(BlockKind::paragraph, text.substr(pos, end - pos));
    if (next == std::string_view::npos) break;
    pos = next + 2;
  }
  Document doc = db.finish();
  AnalyzedText at = analyze_document(doc, *impl_->cp.lexicon);
  DocState ds(impl_->cp, doc, at);
  auto js = impl_->judge_rule(ds, *cr, true);
  Coverage c = Impl::best_of(js);
  if (reasons) {
    for (const auto& j : js) {
      for (const auto& r : j.reasons) reasons->push_back(r);
    }
  }
  return c;
}

RuleTrace Engine::explain(const Rule& rule, const Document& doc) const {
  RuleTrace tr;
  const CompiledRule* cr = impl_->compiled(rule);
  if (!cr) {
    tr.why_not = "rule is not part of this engine's pack";
    return tr;
  }
  AnalyzedText at = analyze_document(doc, *impl_->cp.lexicon);
  DocState ds(impl_->cp, doc, at);
  Classification c = classify_document(impl_->cp, ds);
  tr.steps.push_back("Document type: " + c.type_id + " (confidence " + std::to_string(c.confidence).substr(0, 4) + ")");
  for (const auto& r : c.reasons) tr.steps.push_back("  " + r);
  tr.applies = impl_->applies(rule, c.type_id);
  std::string types;
  for (const auto& t : rule.types) types += (types.empty() ? "" : ", ") + t;
  if (!tr.applies) {
    tr.why_not = "the rule applies to " + types + ", not to " + c.type_id;
    tr.steps.push_back("Rule does not apply: " + tr.why_not + " (its judgement below is shown anyway)");
  } else {
    tr.steps.push_back("Rule applies (types: " + types + ")");
  }
  std::size_t term_hits = 0;
  for (const auto& h : ds.hits) term_hits += cr->any.contains(h.term);
  tr.steps.push_back("Occurrences of the rule's terms: " + std::to_string(term_hits));
  auto js = impl_->judge_rule(ds, *cr);
  if (js.empty()) {
    tr.steps.push_back(term_hits == 0 ? "The rule's terms do not occur: MISSING"
                                      : "No occurrence counts: outside the rule's scope (sections, block kinds, "
                                        "background) or without the required context: MISSING");
  }
  for (const auto& j : js) {
    const Sentence& s = at.sentences[j.sentence];
    const Block& b = doc.blocks()[s.block];
    std::string where = b.page > 0 ? "p. " + std::to_string(b.page) : "block " + std::to_string(s.block);
    std::string section = doc.section_label(s.block);
    tr.steps.push_back("- " + where + (section.empty() ? "" : ", " + section) + ": \"" + trim_quote(quote_of(ds, j.quote_ranges).text) + "\"");
    std::string markers;
    for (const auto& m : j.markers) markers += (markers.empty() ? "" : ", ") + m;
    tr.steps.push_back("    markers: " + markers);
    tr.steps.push_back(std::string("    judged: ") + (j.negated ? "negated (does not count)" : std::string(coverage_name(j.coverage))));
    for (const auto& r : j.reasons) tr.steps.push_back("    " + r);
  }
  tr.coverage = Impl::best_of(js);
  tr.steps.push_back("Result: " + std::string(coverage_name(tr.coverage)));
  return tr;
}

}  // namespace styrkoll
