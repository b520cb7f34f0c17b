#include "rules/pack_compiler.h"

#include "styrkoll/text.h"

namespace styrkoll::rules {

using namespace analysis;

namespace {

unsigned block_bit(BlockKind k) { return 1u << static_cast<unsigned>(k); }

Status add_terms(CompiledPack& cp, const std::vector<std::string>& terms, TermSet& set) {
  for (const std::string& t : terms) {
    if (t.size() > 1 && t[0] == '@') {
      const auto* list = cp.pack->term_list(t.substr(1));
      if (!list) return Status(ErrorCode::invalid_argument, "unknown term list " + t);
      if (Status st = add_terms(cp, *list, set); !st.ok()) return st;
      continue;
    }
    auto id = cp.matcher.add(t, *cp.lexicon);
    if (!id.ok()) return id.status();
    set.add(id.value());
  }
  return Status();
}

Status compile_rule(CompiledPack& cp, const Rule& r, CompiledRule& cr) {
  cr.rule = &r;
  for (auto [terms, set] : {std::pair{&r.match.any, &cr.any}, std::pair{&r.match.context, &cr.context},
                            std::pair{&r.scope.sections, &cr.sections},
                            std::pair{&r.scope.exclude_sections, &cr.exclude_sections},
                            std::pair{&r.match.generic_any, &cr.generic_any},
                            std::pair{&r.match.generic_context, &cr.generic_context},
                            std::pair{&r.match.domain, &cr.domain}}) {
    if (Status st = add_terms(cp, *terms, *set); !st.ok()) return Status(st.code(), r.file + ": " + st.message());
  }
  if (r.match.within == "sentence") cr.within_tokens = -1;
  else if (r.match.within == "passage" || r.match.within == "paragraph") cr.within_tokens = -2;
  else cr.within_tokens = std::atoi(r.match.within.c_str());
  if (r.scope.blocks.empty()) {
    cr.block_mask = block_bit(BlockKind::paragraph) | block_bit(BlockKind::list_item) | block_bit(BlockKind::table_cell) |
                    block_bit(BlockKind::footnote);
  }
  for (const auto& b : r.scope.blocks) {
    for (BlockKind k : {BlockKind::heading, BlockKind::paragraph, BlockKind::list_item, BlockKind::table_cell,
                        BlockKind::footnote}) {
      if (block_kind_name(k) == b) cr.block_mask |= block_bit(k);
    }
  }
  return Status();
}

}  // namespace

Status compile_pack(CompiledPack& cp) {
  const RulePack& pack = *cp.pack;
  for (const MarkerClass& m : pack.marker_classes()) {
    CompiledMarkerClass c;
    c.id = m.id;
    c.name = m.name;
    if (Status st = add_terms(cp, m.strong, c.strong); !st.ok()) return st;
    if (Status st = add_terms(cp, m.weak, c.weak); !st.ok()) return st;
    if (c.id == "obligation") cp.obligation = static_cast<int>(cp.classes.size());
    cp.classes.push_back(std::move(c));
  }
  for (auto [list, set] : {std::pair{&pack.negation_cues(), &cp.negation}, std::pair{&pack.problem_cues(), &cp.problem},
                           std::pair{&pack.actors(), &cp.actors},
                           std::pair{&pack.background_sections(), &cp.background_sections},
                           std::pair{&pack.operative_sections(), &cp.operative_sections},
                           std::pair{&pack.out_of_scope_cues(), &cp.out_of_scope_cues},
                           std::pair{&pack.soft_hedges(), &cp.soft_hedges}}) {
    if (Status st = add_terms(cp, *list, *set); !st.ok()) return st;
  }
  for (const auto& d : pack.indefinite_determiners()) cp.indefinite.insert(fold(d));
  for (const auto& v : pack.auxiliary_verbs()) cp.auxiliaries.insert(fold(v));
  for (auto [cues, list] : {std::pair{&pack.out_of_scope_cues(), &cp.out_of_scope_list},
                            std::pair{&pack.out_of_scope_head_cues(), &cp.out_of_scope_head_list},
                            std::pair{&pack.governing_cues(), &cp.governing_list}}) {
    for (const auto& cue : *cues) {
      auto id = cp.matcher.add(cue, *cp.lexicon);
      if (!id.ok()) return id.status();
      list->push_back(id.value());
    }
  }
  for (const DocumentTypeInfo& t : pack.types()) {
    CompiledType ct;
    ct.info = &t;
    for (const auto& cue : t.title_cues) {
      auto id = cp.matcher.add(cue, *cp.lexicon);
      if (!id.ok()) return id.status();
      ct.title_cues.push_back(id.value());
    }
    if (Status st = add_terms(cp, t.vocabulary, ct.vocabulary); !st.ok()) return st;
    if (Status st = add_terms(cp, t.title_kinds, ct.title_kinds); !st.ok()) return st;
    if (Status st = add_terms(cp, t.title_subjects, ct.title_subjects); !st.ok()) return st;
    ct.vocabulary_size = t.vocabulary.size();
    cp.types.push_back(std::move(ct));
  }
  for (const Rule& r : pack.rules()) {
    CompiledRule cr;
    if (Status st = compile_rule(cp, r, cr); !st.ok()) return st;
    cp.rules.push_back(std::move(cr));
  }
  // Membership bitmaps, now that every term has its id.
  std::size_t n = cp.matcher.size();
  for (auto& c : cp.classes) {
    c.strong.finalize(n);
    c.weak.finalize(n);
  }
  for (TermSet* s : {&cp.negation, &cp.problem, &cp.actors, &cp.background_sections, &cp.operative_sections,
                     &cp.out_of_scope_cues, &cp.soft_hedges}) {
    s->finalize(n);
  }
  for (auto& t : cp.types) {
    t.vocabulary.finalize(n);
    t.title_kinds.finalize(n);
    t.title_subjects.finalize(n);
  }
  for (auto& r : cp.rules) {
    for (TermSet* s : {&r.any, &r.context, &r.sections, &r.exclude_sections, &r.generic_any, &r.generic_context, &r.domain}) {
      s->finalize(n);
    }
  }
  return Status();
}

}  // namespace styrkoll::rules
