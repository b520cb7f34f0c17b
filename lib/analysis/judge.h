// Judging one candidate passage for one rule, as coverage-labels.md defines
// it. A passage is STRONG when, inside the passage (passage.h):
//   - it is tied to welfare crime: the rule's context terms (or the rule's
//     own term, when the rule needs no context);
//   - it is affirmative: no negation near the term unless the sentence obliges;
//   - it is operative: not under a background heading (Inledning, Bakgrund,
//     Omvärld, Förord ...);
//   - it is not hedged: no weak cue of the obligation class (bör, vid behov,
//     behöver ...) in the sentence that carries the tie;
//   - it shows at least the rule's min_classes distinct strong-marker classes
//     (A obligation, B named responsibility, C measurability, D resources,
//     E follow-up) and those the rule requires. Obligation counts only in
//     the sentence that carries the tie (or the list introduction that
//     governs it).
// Otherwise it is WEAK, naming the rule letter (a)-(e) that applies; a
// negated passage counts as nothing.
//
// Thread-safety: pure functions of immutable inputs.
#pragma once

#include <string>
#include <vector>

#include "analysis/compiled.h"
#include "analysis/doc_state.h"
#include "analysis/passage.h"
#include "styrkoll/rules.h"

namespace styrkoll::analysis {

struct Judgement {
  Coverage coverage = Coverage::missing;  // missing here = does not count (negated)
  bool negated = false;
  bool tied = false;                      // the passage carries a welfare-crime tie
  std::vector<std::string> markers;       // "tie:felaktiga utbetalningar", "obligation:ska", "hedge:bör" ...
  std::vector<std::string> reasons;       // Swedish
  std::vector<TokenRange> quote_ranges;   // the part of the passage the verdict rests on
  std::uint32_t sentence = 0;             // the anchor sentence
  int score = 0;                          // strong classes found, for ordering evidence
};

// The judgement of `cr` on passage `p` around `hit` (passage_around(ds, ..., hit)).
Judgement judge_passage(const CompiledPack& cp, const DocState& ds, const CompiledRule& cr, const Passage& p,
                        const TermHit& hit);

// The perspective's general mechanism (rule (a)) around `hit`, a hit of
// cr.generic_any: weak when the rule's generic_context (if any) is in the
// passage, otherwise it does not count (coverage missing).
Judgement judge_generic(const CompiledPack& cp, const DocState& ds, const CompiledRule& cr, const Passage& p,
                        const TermHit& hit);

// True when the rule's tie (context) occurs near `hit` as the rule's
// `within` says; a rule without context is always tied.
bool tied_in(const DocState& ds, const CompiledRule& cr, const Passage& p, const TermHit& hit);

// True when the rule has no domain, or a domain term is in the passage.
bool in_domain(const DocState& ds, const CompiledRule& cr, const Passage& p);

// Swedish name of a marker class id.
std::string class_name(const CompiledPack& cp, const std::string& id);

}  // namespace styrkoll::analysis
