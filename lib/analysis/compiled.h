// The compiled form of a rule pack, shared by the engine's parts.
#pragma once

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "analysis/term_matcher.h"
#include "styrkoll/analysis.h"
#include "styrkoll/lexicon.h"
#include "styrkoll/rules.h"

namespace styrkoll::analysis {

// A set of term ids (membership by bitmap once the matcher is complete).
class TermSet {
 public:
  void add(TermId id) { ids_.push_back(id); }
  void finalize(std::size_t universe) {
    bits_.assign(universe, 0);
    for (auto id : ids_) bits_[id] = 1;
  }
  bool contains(TermId id) const { return id < bits_.size() && bits_[id]; }
  bool empty() const { return ids_.empty(); }

 private:
  std::vector<TermId> ids_;
  std::vector<char> bits_;
};

struct CompiledMarkerClass {
  std::string id, name;
  TermSet strong, weak;
};

struct CompiledRule {
  const Rule* rule = nullptr;
  TermSet any, context, sections, exclude_sections;
  TermSet generic_any, generic_context;  // rule (a): the mechanism without a tie
  TermSet domain;                        // the perspective's field, required in the passage when not empty
  int within_tokens = -1;  // -1 sentence, -2 passage, else a token distance
  unsigned block_mask = 0; // bit per BlockKind
};

struct CompiledType {
  const DocumentTypeInfo* info = nullptr;
  std::vector<TermId> title_cues;  // each cue counted once
  TermSet title_kinds, title_subjects;
  TermSet vocabulary;
  std::size_t vocabulary_size = 0;
};

struct CompiledPack {
  std::shared_ptr<const RulePack> pack;
  std::shared_ptr<const Lexicon> lexicon;
  TermMatcher matcher;
  std::vector<CompiledRule> rules;
  std::vector<CompiledMarkerClass> classes;
  TermSet negation, problem, actors, background_sections, operative_sections, out_of_scope_cues, soft_hedges;
  std::unordered_set<std::string> indefinite;  // folded determiners that name nobody ("en chef")
  std::unordered_set<std::string> auxiliaries; // folded verbs that state no duty ("har", "kan")
  int obligation = -1;                         // index of the obligation class in `classes`, -1 when absent
  std::vector<TermId> out_of_scope_list, out_of_scope_head_list, governing_list;
  std::vector<CompiledType> types;
};

}  // namespace styrkoll::analysis
