#include "analysis/judge.h"

#include <algorithm>
#include <cstdlib>

namespace styrkoll::analysis {

namespace {

long distance(const TermHit& a, const TermHit& b) {
  return std::labs(static_cast<long>(a.first_token) - static_cast<long>(b.first_token));
}

// The range of the passage that holds token t (the anchor when none does).
const TokenRange& range_of(const Passage& p, std::uint32_t t) {
  for (const auto& r : p.around) {
    if (r.contains(t)) return r;
  }
  return p.anchor;
}

struct Tie {
  bool found = false;
  TermHit hit{};
};

Tie find_tie(const DocState& ds, const CompiledRule& cr, const Passage& p, const TermHit& hit) {
  if (cr.context.empty()) return {true, hit};
  std::vector<TokenRange> where = cr.within_tokens == -1 ? std::vector<TokenRange>{p.anchor} : p.ranges();
  Tie best;
  std::pair<int, long> best_key{2, 0};  // (outside the anchor sentence, distance): smallest wins
  for (const auto& r : where) {
    for (const TermHit& h : hits_in(ds, r, cr.context)) {
      if (cr.within_tokens >= 0 && distance(h, hit) > cr.within_tokens) continue;
      std::pair<int, long> key{r.sentence == p.anchor.sentence ? 0 : 1, distance(h, hit)};
      if (key < best_key) {
        best = {true, h};
        best_key = key;
      }
    }
  }
  return best;
}

bool same_range(const TokenRange& a, const TokenRange& b) { return a.first == b.first && a.end == b.end; }

void add_range(std::vector<TokenRange>& v, const TokenRange& r) {
  if (std::none_of(v.begin(), v.end(), [&](const TokenRange& x) { return same_range(x, r); })) v.push_back(r);
}

}  // namespace

std::string class_name(const CompiledPack& cp, const std::string& id) {
  if (id == "position") return "styrande avsnitt";
  for (const auto& c : cp.classes) {
    if (c.id == id) return c.name;
  }
  return id;
}

bool tied_in(const DocState& ds, const CompiledRule& cr, const Passage& p, const TermHit& hit) {
  return cr.context.empty() || find_tie(ds, cr, p, hit).found;
}

bool in_domain(const DocState& ds, const CompiledRule& cr, const Passage& p) {
  if (cr.domain.empty()) return true;
  for (const auto& r : p.ranges()) {
    if (has_hit_in(ds, r, cr.domain)) return true;
  }
  return false;
}

Judgement judge_passage(const CompiledPack& cp, const DocState& ds, const CompiledRule& cr, const Passage& p,
                        const TermHit& hit) {
  const Rule& r = *cr.rule;
  Judgement j;
  const int row = p.row;
  // A header cell judged with a data row is located at the row.
  j.sentence = row >= 0 && !p.around.empty() ? p.around.front().sentence : p.anchor.sentence;
  const std::uint32_t b = ds.text->sentences[j.sentence].block;
  const Tie tie = find_tie(ds, cr, p, hit);
  j.tied = tie.found;
  // The rule's own term is the tie when the rule needs no context (a core term, a polisanmälan).
  const bool term_is_tie = tie.found && tie.hit.first_token == hit.first_token && tie.hit.term == hit.term;
  j.markers.push_back((term_is_tie ? "tie:" : "term:") + ds.hit_text(hit));
  std::vector<TokenRange> used{p.anchor};
  // The sentences that govern the tie: its own, the term's, and a list's introduction.
  std::vector<TokenRange> governing{p.anchor};
  if (tie.found) {
    const TokenRange& tr = range_of(p, tie.hit.first_token);
    add_range(governing, tr);
    if (!term_is_tie) {
      j.markers.push_back("tie:" + ds.hit_text(tie.hit));
      add_range(used, tr);
    }
  }
  // A table row is one unit: its cells govern each other ("Vid behov" in the frequency column hedges the row).
  if (ds.doc->blocks()[b].kind == BlockKind::table_cell) {
    const Block& anchor_block = ds.doc->blocks()[b];
    for (const auto& rr : p.around) {
      const Block& cb = ds.doc->blocks()[ds.text->sentences[rr.sentence].block];
      if (cb.kind == BlockKind::table_cell && cb.table == anchor_block.table && (cb.row == anchor_block.row || row >= 0) &&
          cb.row != 0) {
        add_range(governing, rr);
      }
    }
  }
  if (ds.doc->blocks()[b].kind == BlockKind::list_item) {
    for (const auto& rr : p.around) {
      if (ds.doc->blocks()[ds.text->sentences[rr.sentence].block].kind == BlockKind::paragraph) add_range(governing, rr);
    }
  }
  const CompiledMarkerClass* obligation = cp.obligation >= 0 ? &cp.classes[static_cast<std::size_t>(cp.obligation)] : nullptr;
  auto obliges = [&](const TokenRange& rr) { return obligation && has_hit_in(ds, rr, obligation->strong); };
  const bool anchor_obliged = obliges(p.anchor);
  const bool obliged = std::any_of(governing.begin(), governing.end(), obliges);

  // Polarity: a negation near the term, with nothing obliging in its sentence, is a gap.
  for (const TermHit& n : hits_in(ds, p.anchor, cp.negation)) {
    if (distance(n, hit) <= 6 && !anchor_obliged) {
      j.negated = true;
      j.markers.push_back("negation:" + ds.hit_text(n));
      j.reasons.push_back("Negerad formulering (\"" + ds.hit_text(n) + "\"): beskriver en brist, inte ett åtagande");
      j.quote_ranges = used;
      return j;
    }
  }

  // Strong marker classes inside the passage; obligation only where it governs the tie.
  std::vector<std::string> classes;
  const std::vector<TokenRange> all = p.ranges();
  for (const auto& c : cp.classes) {
    const bool is_obligation = obligation == &c;
    for (const auto& rr : is_obligation ? governing : all) {
      auto found = hits_in(ds, rr, c.strong);
      if (found.empty()) continue;
      classes.push_back(c.id);
      j.markers.push_back(c.id + ":" + ds.hit_text(found.front()));
      add_range(used, rr);
      break;
    }
  }
  // "<actor> ska ..." names a responsibility; "en chef", "varje nämnd" name nobody in particular.
  bool has_resp = std::find(classes.begin(), classes.end(), "responsibility") != classes.end();
  if (!has_resp && obliged && cp.pack->actor_with_obligation()) {
    for (const auto& rr : governing) {
      if (has_resp || !obliges(rr)) continue;
      for (const TermHit& a : hits_in(ds, rr, cp.actors)) {
        if (a.first_token > ds.text->sentences[rr.sentence].first_token &&
            cp.indefinite.count(std::string(ds.text->tokens[a.first_token - 1].folded))) {
          continue;
        }
        classes.push_back("responsibility");
        j.markers.push_back("responsibility:" + ds.hit_text(a));
        add_range(used, rr);
        has_resp = true;
        break;
      }
    }
  }
  // "Enhetschefen för försörjningsstöd redovisar varje tertial ...": a definite actor opening
  // the sentence with a present-tense verb (infinitive in -a, present in -r) is the normative
  // present of governing prose; "Nämnden har ...", "Nämnden beslutade ..." are not.
  if (!has_resp && cp.pack->actor_with_present_tense()) {
    const auto& toks = ds.text->tokens;
    for (const auto& rr : governing) {
      if (has_resp) break;
      const Sentence& sen = ds.text->sentences[rr.sentence];
      if (rr.first != sen.first_token) continue;
      for (const TermHit& a : hits_in(ds, rr, cp.actors)) {
        if (a.first_token != sen.first_token) continue;
        std::string_view actor = toks[a.last_token].folded;
        if (actor.empty() || actor.back() != 'n') break;  // definite: -en, -n
        std::uint32_t end = std::min<std::uint32_t>(rr.end, a.last_token + 6);
        for (std::uint32_t k = a.last_token + 1; k < end; ++k) {
          std::string_view f = toks[k].folded;
          const std::string& lemma = toks[k].lemma();
          if (f.size() < 3 || f.back() != 'r') continue;
          if (cp.auxiliaries.count(std::string(f))) break;
          if (lemma != f && !lemma.empty() && lemma.back() == 'a') {
            classes.push_back("responsibility");
            j.markers.push_back("responsibility:" + ds.hit_text(a));
            add_range(used, rr);
            has_resp = true;
          }
          break;
        }
        break;
      }
    }
  }
  if (r.strength.position_counts && ds.block_section[b] == SectionKind::operative) {
    classes.push_back("position");
    j.markers.push_back("position:" + ds.block_section_heading[b]);
  }
  j.score = static_cast<int>(classes.size());

  std::vector<std::string> weak_because;
  if (!tie.found) weak_because.push_back("(a) mekanismen finns men är inte kopplad till välfärdsbrottslighet i samma mening eller stycke");
  if (obligation) {
    for (const auto& rr : governing) {
      bool hedged = false;
      for (const TermHit& w : hits_in(ds, rr, obligation->weak)) {
        // "får" inside "får inte", "får i uppdrag" is part of an obligation, not a permission.
        const auto strong_here = hits_in(ds, rr, obligation->strong);
        if (std::any_of(strong_here.begin(), strong_here.end(), [&](const TermHit& o) {
              return o.first_token <= w.first_token && o.last_token >= w.last_token;
            })) {
          continue;
        }
        // "kan" does not hedge a sentence whose obligation comes first ("ska ... så att fusk kan
        // upptäckas"), but it does hedge the obligations after it, which it governs ("kan nämnden
        // besluta att bidraget ska återkrävas").
        if (cp.soft_hedges.contains(w.term) && obligation &&
            std::any_of(governing.begin(), governing.end(), [&](const TokenRange& g) {
              for (const TermHit& o : hits_in(ds, g, obligation->strong)) {
                if (g.sentence != rr.sentence || o.last_token < w.first_token) return true;
              }
              return false;
            })) {
          continue;
        }
        j.markers.push_back("hedge:" + ds.hit_text(w));
        weak_because.push_back("(b) villkorad eller vag formulering (\"" + ds.hit_text(w) + "\")");
        add_range(used, rr);
        hedged = true;
        break;
      }
      if (hedged) break;
    }
  }
  if (ds.block_section[b] == SectionKind::background && r.scope.background == RuleScope::Background::weak) {
    weak_because.push_back("(c) står under \"" + ds.block_section_heading[b] + "\", inte i den styrande delen");
  }
  if (classes.empty() && has_hit_in(ds, p.anchor, cp.problem)) {
    weak_because.push_back("(d) beskriver problemet men anger inget åtagande");
  }
  bool enough = static_cast<int>(classes.size()) >= r.strength.min_classes;
  for (const auto& req : r.strength.requires_) {
    if (std::find(classes.begin(), classes.end(), req) == classes.end()) enough = false;
  }
  std::string have;
  for (const auto& c : classes) have += (have.empty() ? "" : ", ") + class_name(cp, c);
  if (!enough && tie.found) {
    std::string need;
    for (const auto& req : r.strength.requires_) need += (need.empty() ? "" : ", ") + class_name(cp, req);
    weak_because.push_back(std::string("(e) ") +
                           (have.empty() ? "inga förpliktande markörer" : "bara " + have) +
                           " i samma mening eller stycke; stark kräver minst " + std::to_string(r.strength.min_classes) +
                           " av skyldighet, namngivet ansvar, mätbarhet, resurser och uppföljning" +
                           (need.empty() ? "" : " (däribland " + need + ")"));
  }
  if (weak_because.empty()) {
    j.coverage = Coverage::strong;
    j.reasons.push_back("Stark: kopplad till välfärdsbrottslighet, med " + have + " i samma mening eller stycke");
    j.quote_ranges = used;
  } else {
    j.coverage = Coverage::weak;
    for (const auto& w : weak_because) j.reasons.push_back("Svag " + w);
    j.quote_ranges = {p.anchor};
    if (tie.found) add_range(j.quote_ranges, range_of(p, tie.hit.first_token));
    if (row >= 0 && !p.around.empty()) add_range(j.quote_ranges, p.around.front());
  }
  return j;
}

Judgement judge_generic(const CompiledPack& cp, const DocState& ds, const CompiledRule& cr, const Passage& p, const TermHit& hit) {
  Judgement j;
  j.sentence = p.anchor.sentence;
  j.markers.push_back("generic:" + ds.hit_text(hit));
  j.quote_ranges = {p.anchor};
  if (!cr.generic_context.empty()) {
    bool found = false;
    for (const auto& rr : p.ranges()) {
      auto h = hits_in(ds, rr, cr.generic_context);
      if (h.empty()) continue;
      j.markers.push_back("generic:" + ds.hit_text(h.front()));
      add_range(j.quote_ranges, rr);
      found = true;
      break;
    }
    if (!found) return j;  // e.g. money, but not for security or internal control
  }
  for (const TermHit& n : hits_in(ds, p.anchor, cp.negation)) {
    if (distance(n, hit) <= 6) return j;  // "det finns ingen riskanalys"
  }
  j.coverage = Coverage::weak;
  j.reasons.push_back("Svag (a) mekanismen finns (\"" + ds.hit_text(hit) +
                      "\") men är inte kopplad till välfärdsbrottslighet: arbetet kan byggas in i den");
  return j;
}

}  // namespace styrkoll::analysis
