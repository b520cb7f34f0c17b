#include <algorithm>
#include <cmath>
#include <set>
#include <unordered_set>

#include "analysis/compiled.h"
#include "analysis/doc_state.h"
#include "ingest/document_builder.h"
#include "styrkoll/analysis.h"

namespace styrkoll {

using namespace analysis;

namespace {

// Hedges that only hedge when nothing in the sentence obliges: "kan" and
// "får" are everywhere in Swedish prose ("så att fusk kan upptäckas").
bool soft_hedge(std::string_view term) {
  if (!term.empty() && term.front() == '=') term.remove_prefix(1);
  return term == "kan" || term == "får" || term == "kunna";
}

unsigned block_bit(BlockKind k) { return 1u << static_cast<unsigned>(k); }

std::string trim_quote(std::string s) {
  if (s.size() <= 400) return s;
  std::size_t cut = 397;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "...";
}

// One candidate passage's judgement.
struct Judgement {
  Coverage coverage = Coverage::missing;  // missing here = does not count (negated or ignored)
  bool negated = false;
  std::vector<std::string> markers;
  std::vector<std::string> reasons;
  std::uint32_t sentence = 0;
  int score = 0;  // for ordering evidence: strong classes found
};

}  // namespace

struct Engine::Impl {
  CompiledPack cp;

  // --- compilation -------------------------------------------------------

  Status add_terms(const std::vector<std::string>& terms, TermSet& set) {
    for (const std::string& t : terms) {
      if (t.size() > 1 && t[0] == '@') {
        const auto* list = cp.pack->term_list(t.substr(1));
        if (!list) return Status(ErrorCode::invalid_argument, "unknown term list " + t);
        Status st = add_terms(*list, set);
        if (!st.ok()) return st;
        continue;
      }
      auto id = cp.matcher.add(t, *cp.lexicon);
      if (!id.ok()) return id.status();
      set.add(id.value());
    }
    return Status();
  }

  Status compile() {
    const RulePack& pack = *cp.pack;
    for (const MarkerClass& m : pack.marker_classes()) {
      CompiledMarkerClass c;
      c.id = m.id;
      c.name = m.name;
      if (Status st = add_terms(m.strong, c.strong); !st.ok()) return st;
      if (Status st = add_terms(m.weak, c.weak); !st.ok()) return st;
      cp.classes.push_back(std::move(c));
    }
    for (auto [list, set] : {std::pair{&pack.negation_cues(), &cp.negation}, std::pair{&pack.problem_cues(), &cp.problem},
                             std::pair{&pack.actors(), &cp.actors},
                             std::pair{&pack.background_sections(), &cp.background_sections},
                             std::pair{&pack.operative_sections(), &cp.operative_sections},
                             std::pair{&pack.out_of_scope_cues(), &cp.out_of_scope_cues}}) {
      if (Status st = add_terms(*list, *set); !st.ok()) return st;
    }
    for (const auto& cue : pack.out_of_scope_cues()) cp.out_of_scope_list.push_back(cp.matcher.add(cue, *cp.lexicon).value());
    for (const DocumentTypeInfo& t : pack.types()) {
      CompiledType ct;
      ct.info = &t;
      for (const auto& cue : t.title_cues) {
        auto id = cp.matcher.add(cue, *cp.lexicon);
        if (!id.ok()) return id.status();
        ct.title_cues.push_back(id.value());
      }
      if (Status st = add_terms(t.vocabulary, ct.vocabulary); !st.ok()) return st;
      ct.vocabulary_size = t.vocabulary.size();
      cp.types.push_back(std::move(ct));
    }
    for (const Rule& r : pack.rules()) {
      CompiledRule cr;
      cr.rule = &r;
      for (auto [terms, set] : {std::pair{&r.match.any, &cr.any}, std::pair{&r.match.context, &cr.context},
                                std::pair{&r.scope.sections, &cr.sections},
                                std::pair{&r.scope.exclude_sections, &cr.exclude_sections}}) {
        if (Status st = add_terms(*terms, *set); !st.ok()) return Status(st.code(), r.file + ": " + st.message());
      }
      if (r.match.within == "sentence") cr.within_tokens = -1;
      else if (r.match.within == "paragraph") cr.within_tokens = -2;
      else cr.within_tokens = std::atoi(r.match.within.c_str());
      if (r.scope.blocks.empty()) {
        cr.block_mask = block_bit(BlockKind::paragraph) | block_bit(BlockKind::list_item) |
                        block_bit(BlockKind::table_cell) | block_bit(BlockKind::footnote);
      }
      for (const auto& b : r.scope.blocks) {
        for (BlockKind k : {BlockKind::heading, BlockKind::paragraph, BlockKind::list_item, BlockKind::table_cell,
                            BlockKind::footnote}) {
          if (block_kind_name(k) == b) cr.block_mask |= block_bit(k);
        }
      }
      cp.rules.push_back(std::move(cr));
    }
    std::size_t n = cp.matcher.size();
    for (auto& c : cp.classes) {
      c.strong.finalize(n);
      c.weak.finalize(n);
    }
    for (TermSet* s : {&cp.negation, &cp.problem, &cp.actors, &cp.background_sections, &cp.operative_sections,
                       &cp.out_of_scope_cues}) {
      s->finalize(n);
    }
    for (auto& t : cp.types) t.vocabulary.finalize(n);
    for (auto& r : cp.rules) {
      for (TermSet* s : {&r.any, &r.context, &r.sections, &r.exclude_sections}) s->finalize(n);
    }
    return Status();
  }

  const CompiledRule* compiled(const Rule& r) const {
    for (const auto& c : cp.rules) {
      if (c.rule == &r) return &c;
    }
    return nullptr;
  }

  // --- assessment --------------------------------------------------------

  // Sentences whose markers count for sentence s: its neighbours in the
  // block; for a table cell its row and the header row; for a list item the
  // sentence that introduces the list.
  std::vector<std::uint32_t> neighbourhood(const DocState& ds, std::uint32_t s) const {
    std::vector<std::uint32_t> out;
    const Sentence& sen = ds.text->sentences[s];
    const auto& blocks = ds.doc->blocks();
    std::uint32_t b = sen.block;
    const Block& blk = blocks[b];
    auto add_block = [&](std::uint32_t bb) {
      for (std::uint32_t k = ds.block_sentences[bb].first; k < ds.block_sentences[bb].second; ++k) out.push_back(k);
    };
    if (blk.kind == BlockKind::table_cell) {
      if (auto it = ds.table_rows.find({blk.table, blk.row}); it != ds.table_rows.end()) {
        for (auto bb : it->second) add_block(bb);
      }
      if (blk.row != 0) {
        if (auto it = ds.table_rows.find({blk.table, 0}); it != ds.table_rows.end()) {
          for (auto bb : it->second) add_block(bb);
        }
      }
      return out;
    }
    auto [first, end] = ds.block_sentences[b];
    for (std::uint32_t k = s > first ? s - 1 : s; k < std::min<std::uint32_t>(end, s + 2); ++k) out.push_back(k);
    if (blk.kind == BlockKind::list_item) {
      // Walk back over the list to the paragraph that introduces it.
      for (std::int64_t bb = static_cast<std::int64_t>(b) - 1; bb >= 0 && bb >= static_cast<std::int64_t>(b) - 12; --bb) {
        const Block& prev = blocks[static_cast<std::size_t>(bb)];
        if (prev.kind == BlockKind::list_item) continue;
        if (prev.kind == BlockKind::paragraph && ds.block_sentences[bb].second > ds.block_sentences[bb].first) {
          out.push_back(ds.block_sentences[bb].second - 1);
        }
        break;
      }
    }
    return out;
  }

  bool in_scope(const DocState& ds, const CompiledRule& cr, std::uint32_t b, bool ignore_sections) const {
    const Block& blk = ds.doc->blocks()[b];
    if (!(cr.block_mask & block_bit(blk.kind))) return false;
    bool include = cr.sections.empty() || ignore_sections;
    for (auto h : blk.section) {
      if (!cr.exclude_sections.empty() && ds.block_has(h, cr.exclude_sections)) return false;
      if (!include && ds.block_has(h, cr.sections)) include = true;
    }
    return include;
  }

  bool context_near(const DocState& ds, const CompiledRule& cr, std::uint32_t s, const TermHit& hit) const {
    if (cr.context.empty()) return true;
    if (cr.within_tokens == -1) return ds.sentence_has(s, cr.context);
    if (cr.within_tokens == -2) {
      for (auto k : neighbourhood(ds, s)) {
        if (ds.sentence_has(k, cr.context)) return true;
      }
      std::uint32_t b = ds.text->sentences[s].block;
      return ds.block_has(b, cr.context);
    }
    for (const TermHit& h : ds.hits) {
      if (!cr.context.contains(h.term)) continue;
      long d = std::labs(static_cast<long>(h.first_token) - static_cast<long>(hit.first_token));
      if (d <= cr.within_tokens) return true;
    }
    return false;
  }

  Judgement judge(const DocState& ds, const CompiledRule& cr, std::uint32_t s, const TermHit& hit) const {
    const Rule& r = *cr.rule;
    Judgement j;
    j.sentence = s;
    j.markers.push_back("term:" + ds.hit_text(hit));
    std::uint32_t b = ds.text->sentences[s].block;

    // Polarity: a negation near the term, with nothing obliging in the sentence, is a gap.
    const CompiledMarkerClass* obligation = nullptr;
    for (const auto& c : cp.classes) {
      if (c.id == "obligation") obligation = &c;
    }
    bool obliged_here = obligation && ds.sentence_has(s, obligation->strong);
    for (const TermHit& n : ds.sentence_hits_of(s, cp.negation)) {
      long d = static_cast<long>(n.first_token) - static_cast<long>(hit.first_token);
      if (std::labs(d) <= 6 && !obliged_here) {
        j.negated = true;
        j.markers.push_back("negation:" + ds.hit_text(n));
        j.reasons.push_back("Negerad formulering (\"" + ds.hit_text(n) + "\"): beskriver en brist, inte ett åtagande");
        return j;
      }
    }

    // Strong marker classes in the neighbourhood.
    std::vector<std::string> classes;
    auto hood = neighbourhood(ds, s);
    for (const auto& c : cp.classes) {
      for (auto k : hood) {
        auto found = ds.sentence_hits_of(k, c.strong);
        if (!found.empty()) {
          classes.push_back(c.id);
          j.markers.push_back(c.id + ":" + ds.hit_text(found.front()));
          break;
        }
      }
    }
    // A named actor (nämnd, styrelse, chef ...) with an obligation names a responsibility;
    // "en chef", "varje nämnd" name nobody in particular.
    bool has_resp = std::find(classes.begin(), classes.end(), "responsibility") != classes.end();
    if (!has_resp && obliged_here) {
      for (const TermHit& a : ds.sentence_hits_of(s, cp.actors)) {
        if (a.first_token > ds.text->sentences[s].first_token) {
          static const std::unordered_set<std::string_view> indefinite = {"en", "ett", "någon", "något", "några", "varje",
                                                                     "alla", "vilken", "annan", "andra"};
          if (indefinite.count(ds.text->tokens[a.first_token - 1].folded)) continue;
        }
        classes.push_back("responsibility");
        j.markers.push_back("responsibility:" + ds.hit_text(a));
        break;
      }
    }
    if (r.strength.position_counts && ds.block_section[b] == SectionKind::operative) {
      classes.push_back("position");
      j.markers.push_back("position:" + ds.block_section_heading[b]);
    }
    j.score = static_cast<int>(classes.size());

    // Weakeners.
    std::vector<std::string> weak_because;
    for (const auto& c : cp.classes) {
      if (c.id != "obligation") continue;
      for (const TermHit& w : ds.sentence_hits_of(s, c.weak)) {
        const std::string& term = cp.matcher.text(w.term);
        if (soft_hedge(term) && obliged_here) continue;
        j.markers.push_back("hedge:" + ds.hit_text(w));
        weak_because.push_back("villkorad eller vag formulering (\"" + ds.hit_text(w) + "\")");
        break;
      }
    }
    if (!cr.context.empty() && !context_near(ds, cr, s, hit)) {
      weak_because.push_back("generell formulering utan koppling till välfärdsbrottslighet");
    }
    if (ds.block_section[b] == SectionKind::background && r.scope.background == RuleScope::Background::weak) {
      weak_because.push_back("står i ett bakgrundsavsnitt (" + ds.block_section_heading[b] + "), inte i den styrande delen");
    }
    if (classes.empty() && ds.sentence_has(s, cp.problem)) {
      weak_because.push_back("beskriver problemet men anger inget åtagande");
    }
    bool enough = static_cast<int>(classes.size()) >= r.strength.min_classes;
    for (const auto& req : r.strength.requires_) {
      if (std::find(classes.begin(), classes.end(), req) == classes.end()) enough = false;
    }
    if (!enough) {
      std::string have;
      for (const auto& c : classes) have += (have.empty() ? "" : ", ") + class_name(c);
      std::string need = std::to_string(r.strength.min_classes) + " av: skyldighet, namngivet ansvar, mätbarhet/tid, resurser, uppföljning";
      for (const auto& req : r.strength.requires_) need += "; krävs: " + class_name(req);
      weak_because.push_back("för få förpliktande markörer (" + (have.empty() ? std::string("inga") : have) + "; behövs " + need + ")");
    }
    if (weak_because.empty()) {
      j.coverage = Coverage::strong;
      std::string have;
      for (const auto& c : classes) have += (have.empty() ? "" : ", ") + class_name(c);
      j.reasons.push_back("Stark formulering: " + have);
    } else {
      j.coverage = Coverage::weak;
      for (const auto& w : weak_because) j.reasons.push_back("Svag: " + w);
    }
    return j;
  }

  std::string class_name(const std::string& id) const {
    if (id == "position") return "styrande avsnitt";
    for (const auto& c : cp.classes) {
      if (c.id == id) return c.name;
    }
    return id;
  }

  // All judgements of one rule on a document (candidates in scope).
  // `free_text`: a rule example, judged without its section scope (it has no headings).
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
      if (cr.rule->match.ignore_without_context && !context_near(ds, cr, s, h)) continue;
      seen.insert(s);
      out.push_back(judge(ds, cr, s, h));
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

  Evidence make_evidence(const DocState& ds, const Judgement& j, const std::string& rule_id) const {
    Evidence e;
    const Sentence& sen = ds.text->sentences[j.sentence];
    e.block = sen.block;
    const Block& blk = ds.doc->blocks()[sen.block];
    e.page = blk.page;
    e.section = ds.doc->section_path(sen.block);
    e.quote = trim_quote(ds.sentence_text(j.sentence));
    e.char_start = ds.doc->char_index(sen.begin);
    e.char_end = ds.doc->char_index(sen.end);
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
    for (const auto& cr : cp.rules) {
      const Rule& r = *cr.rule;
      if (r.perspective != pid || !applies(r, type)) continue;
      any_rule = true;
      pr.rule_ids.push_back(r.id);
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
    // Evidence: strongest first, then most markers; negated passages last (they explain a gap).
    std::stable_sort(all.begin(), all.end(), [](const Scored& a, const Scored& b) {
      int ra = a.j.negated ? -1 : static_cast<int>(a.j.coverage), rb = b.j.negated ? -1 : static_cast<int>(b.j.coverage);
      if (ra != rb) return ra > rb;
      return a.j.score > b.j.score;
    });
    std::set<std::uint32_t> used;
    for (const auto& s : all) {
      if (pr.evidence.size() >= 3) break;
      if (!used.insert(s.j.sentence).second) continue;
      pr.evidence.push_back(make_evidence(ds, s.j, s.rule->id));
    }
    if (!all.empty()) {
      for (const auto& r : all.front().j.reasons) pr.reasons.push_back(r);
    }
    if (pr.coverage == Coverage::missing) {
      if (all.empty()) pr.reasons.push_back("Saknas: inget i dokumentet uppfyller kravet");
      else pr.reasons.insert(pr.reasons.begin(), "Saknas: perspektivet nämns bara som brist eller utanför regelns område");
    }
    if (pr.coverage != Coverage::strong && first_gap_rule) {
      pr.recommendation = first_gap_rule->recommendation;
      pr.message = first_gap_rule->message;
    }
    return pr;
  }

  // --- classification ----------------------------------------------------

  Classification classify(const DocState& ds) const;
};

Classification Engine::Impl::classify(const DocState& ds) const {
  const Document& doc = *ds.doc;
  Classification c;
  // The title region: properties title, first heading, file name and the front matter.
  std::string title = doc.metadata().title;
  std::string file = doc.metadata().path;
  if (auto slash = file.find_last_of('/'); slash != std::string::npos) file = file.substr(slash + 1);
  if (auto dot = file.rfind('.'); dot != std::string::npos) file = file.substr(0, dot);
  for (char& ch : file) {
    if (ch == '-' || ch == '_') ch = ' ';
  }
  std::string region = title + "\n\n" + file;
  AnalyzedText title_text = analyze_text(region, *cp.lexicon);
  auto title_hits = cp.matcher.match(title_text, region, 0, title_text.tokens.size());
  // The head: the first eight blocks. Their hits are among the document's
  // own (terms never cross a sentence, sentences never a block), so they
  // need not be tokenised and matched again.
  constexpr std::uint32_t kHeadBlocks = 8;
  std::size_t head_end = ds.text->tokens.size();
  for (const Sentence& se : ds.text->sentences) {
    if (se.block >= kHeadBlocks) {
      head_end = se.first_token;
      break;
    }
  }
  std::vector<TermHit> head_hits;
  for (const TermHit& h : ds.hits) {
    if (h.first_token >= head_end) break;
    if (h.last_token < head_end) head_hits.push_back(h);
  }
  auto has = [](const std::vector<TermHit>& hits, TermId id) {
    return std::any_of(hits.begin(), hits.end(), [&](const TermHit& h) { return h.term == id; });
  };

  struct Score {
    std::string id;
    double score = 0;
    std::vector<std::string> reasons;
  };
  std::vector<Score> scores;
  for (const CompiledType& t : cp.types) {
    Score s{t.info->id, 0, {}};
    int title_cues = 0, head_cues = 0;
    for (TermId cue : t.title_cues) {
      if (has(title_hits, cue) && title_cues < 2) {
        s.score += 6;
        ++title_cues;
        s.reasons.push_back("Titeln eller filnamnet innehåller \"" + cp.matcher.text(cue) + "\"");
      } else if (has(head_hits, cue) && head_cues < 2) {
        s.score += 3;
        ++head_cues;
        s.reasons.push_back("Inledningen innehåller \"" + cp.matcher.text(cue) + "\"");
      }
    }
    std::set<TermId> vocab;
    for (const TermHit& h : ds.hits) {
      if (t.vocabulary.contains(h.term)) vocab.insert(h.term);
    }
    if (!vocab.empty()) {
      double v = std::min(4.0, 0.6 * static_cast<double>(vocab.size()));
      s.score += v;
      std::string ex;
      int k = 0;
      for (auto id : vocab) {
        if (k++ >= 4) break;
        ex += (ex.empty() ? "" : ", ") + cp.matcher.text(id);
      }
      s.reasons.push_back("Typiskt ordförråd: " + std::to_string(vocab.size()) + " termer (" + ex + ")");
    }
    scores.push_back(std::move(s));
  }
  Score oos{"out_of_scope", 0, {}};
  int oos_cues = 0;
  for (TermId cue : cp.out_of_scope_list) {
    if (has(title_hits, cue) && oos_cues < 2) {
      oos.score += 7;
      ++oos_cues;
      oos.reasons.push_back("Titeln anger ett dokument som inte är ett styrdokument (\"" + cp.matcher.text(cue) + "\")");
    }
  }
  std::stable_sort(scores.begin(), scores.end(), [](const Score& a, const Score& b) { return a.score > b.score; });
  const Score& best = scores.empty() ? oos : scores.front();
  double second = scores.size() > 1 ? scores[1].score : 0;
  if (oos.score >= best.score || best.score < 3) {
    c.type_id = "out_of_scope";
    if (oos.score > 0) {
      c.reasons = oos.reasons;
      c.confidence = std::min(1.0, oos.score / (oos.score + best.score + 2));
    } else {
      c.reasons.push_back("Inga tecken på någon av de kända styrdokumenttyperna i titel eller inledning");
      c.confidence = 0.5;
    }
    return c;
  }
  c.type_id = best.id;
  c.reasons = best.reasons;
  c.confidence = std::round(100 * std::min(1.0, best.score / (best.score + second + 2))) / 100;
  return c;
}

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Engine::~Engine() = default;

Result<std::shared_ptr<const Engine>> Engine::create(std::shared_ptr<const RulePack> pack,
                                                     std::shared_ptr<const Lexicon> lexicon) {
  if (!pack || !lexicon) return Status(ErrorCode::invalid_argument, "Engine::create needs a rule pack and a lexicon");
  auto impl = std::make_unique<Impl>();
  impl->cp.pack = std::move(pack);
  impl->cp.lexicon = std::move(lexicon);
  Status st = impl->compile();
  if (!st.ok()) return st;
  return std::shared_ptr<const Engine>(new Engine(std::move(impl)));
}

const RulePack& Engine::pack() const { return *impl_->cp.pack; }
const Lexicon& Engine::lexicon() const { return *impl_->cp.lexicon; }

Classification Engine::classify(const Document& doc, const AnalyzedText& text) const {
  DocState ds(impl_->cp, doc, text);
  return impl_->classify(ds);
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
    a.doc_type = impl_->classify(ds);
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
  auto js = impl_->evaluate(ds, *cr, true);
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
  Classification c = impl_->classify(ds);
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
  auto js = impl_->evaluate(ds, *cr);
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
    tr.steps.push_back("- " + where + (section.empty() ? "" : ", " + section) + ": \"" + trim_quote(ds.sentence_text(j.sentence)) + "\"");
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
