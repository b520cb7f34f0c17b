#include "analysis/doc_state.h"

namespace styrkoll::analysis {

DocState::DocState(const CompiledPack& cp, const Document& d, const AnalyzedText& t) : doc(&d), text(&t) {
  hits = cp.matcher.match(t, d.text(), 0, t.tokens.size());
  sentence_hits.assign(t.sentences.size(), {0, 0});
  std::size_t h = 0;
  for (std::size_t s = 0; s < t.sentences.size(); ++s) {
    const Sentence& sen = t.sentences[s];
    while (h < hits.size() && hits[h].first_token < sen.first_token) ++h;
    std::size_t begin = h;
    while (h < hits.size() && hits[h].first_token < sen.first_token + sen.token_count) ++h;
    sentence_hits[s] = {begin, h};
  }
  std::size_t nblocks = d.blocks().size();
  block_sentences.assign(nblocks, {0, 0});
  for (std::uint32_t s = 0; s < t.sentences.size(); ++s) {
    auto b = t.sentences[s].block;
    if (b >= nblocks) continue;
    if (block_sentences[b].second == 0) block_sentences[b].first = s;
    block_sentences[b].second = s + 1;
  }
  // Section kind of every block: the innermost heading of its path that is
  // a background or operative heading decides.
  block_section.assign(nblocks, SectionKind::neutral);
  block_section_heading.assign(nblocks, {});
  std::vector<SectionKind> heading_kind(nblocks, SectionKind::neutral);
  for (std::uint32_t b = 0; b < nblocks; ++b) {
    if (d.blocks()[b].kind != BlockKind::heading) continue;
    if (block_has(b, cp.background_sections)) heading_kind[b] = SectionKind::background;
    else if (block_has(b, cp.operative_sections)) heading_kind[b] = SectionKind::operative;
  }
  for (std::uint32_t b = 0; b < nblocks; ++b) {
    const auto& path = d.blocks()[b].section;
    for (auto it = path.rbegin(); it != path.rend(); ++it) {
      if (heading_kind[*it] != SectionKind::neutral) {
        block_section[b] = heading_kind[*it];
        block_section_heading[b] = std::string(d.block_text(d.blocks()[*it]));
        break;
      }
    }
    const Block& blk = d.blocks()[b];
    if (blk.kind == BlockKind::table_cell) table_rows[{blk.table, blk.row}].push_back(b);
  }
}

bool DocState::sentence_has(std::uint32_t s, const TermSet& set) const {
  for (std::size_t i = sentence_hits[s].first; i < sentence_hits[s].second; ++i) {
    if (set.contains(hits[i].term)) return true;
  }
  return false;
}

std::vector<TermHit> DocState::sentence_hits_of(std::uint32_t s, const TermSet& set) const {
  std::vector<TermHit> out;
  for (std::size_t i = sentence_hits[s].first; i < sentence_hits[s].second; ++i) {
    if (set.contains(hits[i].term)) out.push_back(hits[i]);
  }
  return out;
}

bool DocState::block_has(std::uint32_t b, const TermSet& set) const {
  for (std::uint32_t s = block_sentences[b].first; s < block_sentences[b].second; ++s) {
    if (sentence_has(s, set)) return true;
  }
  return false;
}

std::string DocState::hit_text(const TermHit& h) const {
  const auto& toks = text->tokens;
  return doc->text().substr(toks[h.first_token].begin, toks[h.last_token].end - toks[h.first_token].begin);
}

std::string DocState::sentence_text(std::uint32_t s) const {
  const Sentence& sen = text->sentences[s];
  return doc->text().substr(sen.begin, sen.end - sen.begin);
}

}  // namespace styrkoll::analysis
