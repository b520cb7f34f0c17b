// The passage a verdict rests on (coverage-labels.md): the sentence, list
// item or table row holding a term, plus at most the sentences right before
// and after it. Nothing outside the passage is credited to it, whatever the
// size of the block around it. A "sentence" longer than the pack's
// passage.max_sentence_tokens (a PDF text layer without full stops, a
// flattened table) is judged only in a window of passage.window_tokens
// around the term, and then has no neighbours.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analysis/doc_state.h"
#include "styrkoll/rules.h"

namespace styrkoll::analysis {

struct TokenRange {
  std::uint32_t sentence = 0;
  std::uint32_t first = 0, end = 0;  // tokens [first, end) of that sentence
  bool contains(std::uint32_t token) const { return token >= first && token < end; }
};

struct Passage {
  TokenRange anchor;                 // the term's own sentence (or window)
  std::vector<TokenRange> around;    // neighbours, the list's introduction, the rest of the table row
  int row = -1;                      // for a header-row hit: the data row it is judged with
  // Every range, anchor first.
  std::vector<TokenRange> ranges() const;
};

// `row`: for a hit in a table's header row ("Resurs | 2025, tkr"), the data row
// it is judged with; -1 otherwise. A table's passage also holds the sentence
// right before the table when it ends with ':' and so introduces the rows
// ("Kommunstyrelsen ansvarar för att följande utbildningar genomförs:").
Passage passage_around(const DocState& ds, const PassageOptions& opts, const TermHit& anchor, int row = -1);

// Hits of `set` inside `range`.
std::vector<TermHit> hits_in(const DocState& ds, const TokenRange& range, const TermSet& set);
bool has_hit_in(const DocState& ds, const TokenRange& range, const TermSet& set);

// The text of the given ranges in reading order: adjacent sentences joined
// as they stand, cells of a row by " | ", anything else by " … ". Also the
// code point offsets of the first and last range.
struct Quote {
  std::string text;
  std::size_t char_start = 0, char_end = 0;
};
Quote quote_of(const DocState& ds, std::vector<TokenRange> ranges);

}  // namespace styrkoll::analysis
