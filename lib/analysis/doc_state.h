// Per-document working state of the engine: the tokens, every term hit,
// and indexes from sentences and blocks to them.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "analysis/compiled.h"
#include "styrkoll/document.h"
#include "styrkoll/text.h"

namespace styrkoll::analysis {

enum class SectionKind { neutral, background, operative };

struct DocState {
  const Document* doc = nullptr;
  const AnalyzedText* text = nullptr;
  std::vector<TermHit> hits;                                   // in token order
  std::vector<std::pair<std::size_t, std::size_t>> sentence_hits;  // per sentence: [begin, end) into hits
  std::vector<std::pair<std::uint32_t, std::uint32_t>> block_sentences;  // per block: [first, end) sentences
  std::vector<SectionKind> block_section;                      // per block
  std::vector<std::string> block_section_heading;              // the heading that decided block_section
  std::map<std::pair<int, int>, std::vector<std::uint32_t>> table_rows;  // (table,row) -> blocks

  DocState(const CompiledPack& cp, const Document& d, const AnalyzedText& t);

  // True when any hit in sentence s belongs to the set.
  bool sentence_has(std::uint32_t s, const TermSet& set) const;
  // Hits of the set in sentence s.
  std::vector<TermHit> sentence_hits_of(std::uint32_t s, const TermSet& set) const;
  bool block_has(std::uint32_t b, const TermSet& set) const;
  // Surface text of a hit.
  std::string hit_text(const TermHit& h) const;
  std::string sentence_text(std::uint32_t s) const;
};

}  // namespace styrkoll::analysis
