#include "analysis/passage.h"

#include <algorithm>

namespace styrkoll::analysis {

namespace {

TokenRange whole(const DocState& ds, std::uint32_t s) {
  const Sentence& sen = ds.text->sentences[s];
  return {s, sen.first_token, sen.first_token + sen.token_count};
}

bool is_long(const DocState& ds, const PassageOptions& opts, std::uint32_t s) {
  return ds.text->sentences[s].token_count > static_cast<std::uint32_t>(opts.max_sentence_tokens);
}

}  // namespace

std::vector<TokenRange> Passage::ranges() const {
  std::vector<TokenRange> out{anchor};
  out.insert(out.end(), around.begin(), around.end());
  return out;
}

Passage passage_around(const DocState& ds, const PassageOptions& opts, const TermHit& hit, int row) {
  Passage p;
  p.row = row;
  const std::uint32_t s = ds.text->tokens[hit.first_token].sentence;
  const Sentence& sen = ds.text->sentences[s];
  const auto& blocks = ds.doc->blocks();
  const std::uint32_t b = sen.block;
  const Block& blk = blocks[b];
  if (is_long(ds, opts, s)) {
    auto w = static_cast<std::uint32_t>(opts.window_tokens);
    std::uint32_t first = hit.first_token > sen.first_token + w ? hit.first_token - w : sen.first_token;
    std::uint32_t end = std::min(sen.first_token + sen.token_count, hit.last_token + 1 + w);
    p.anchor = {s, first, end};
    return p;
  }
  p.anchor = whole(ds, s);
  auto add = [&](std::uint32_t k) {
    if (!is_long(ds, opts, k)) p.around.push_back(whole(ds, k));
  };
  if (blk.kind == BlockKind::table_cell) {
    // The row's other cells, and the header row that names the columns.
    auto add_row = [&](int row) {
      auto it = ds.table_rows.find({blk.table, row});
      if (it == ds.table_rows.end()) return;
      for (auto bb : it->second) {
        for (std::uint32_t k = ds.block_sentences[bb].first; k < ds.block_sentences[bb].second; ++k) {
          if (k != s) add(k);
        }
      }
    };
    if (row >= 0 && blk.row == 0) {
      add_row(row);
    } else {
      add_row(blk.row);
      if (blk.row != 0) add_row(0);
    }
    std::int64_t first = b;
    while (first > 0 && blocks[static_cast<std::size_t>(first - 1)].kind == BlockKind::table_cell &&
           blocks[static_cast<std::size_t>(first - 1)].table == blk.table) {
      --first;
    }
    if (first > 0) {
      auto intro = static_cast<std::size_t>(first - 1);
      auto [ifirst, iend] = ds.block_sentences[intro];
      if (blocks[intro].kind == BlockKind::paragraph && iend > ifirst) {
        const Sentence& last = ds.text->sentences[iend - 1];
        std::string_view t(ds.doc->text().data() + last.begin, last.end - last.begin);
        while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.remove_suffix(1);
        if (!t.empty() && t.back() == ':') add(iend - 1);
      }
    }
    return p;
  }
  auto [first, end] = ds.block_sentences[b];
  if (s > first) add(s - 1);
  if (s + 1 < end) add(s + 1);
  if (blk.kind == BlockKind::list_item) {
    // The sentence that introduces the list ("Nämnden ska:") governs its items.
    for (std::int64_t bb = static_cast<std::int64_t>(b) - 1; bb >= 0 && bb >= static_cast<std::int64_t>(b) - 12; --bb) {
      const Block& prev = blocks[static_cast<std::size_t>(bb)];
      if (prev.kind == BlockKind::list_item) continue;
      auto [pfirst, pend] = ds.block_sentences[bb];
      if (prev.kind == BlockKind::paragraph && pend > pfirst) {
        add(pend - 1);
        // A short introduction points back ("I detta ingår att:", "Det innebär att:"):
        // the sentence it continues is part of it.
        if (pend - 1 > pfirst && ds.text->sentences[pend - 1].token_count <= 6) add(pend - 2);
      }
      break;
    }
  }
  return p;
}

std::vector<TermHit> hits_in(const DocState& ds, const TokenRange& range, const TermSet& set) {
  std::vector<TermHit> out;
  auto [begin, end] = ds.sentence_hits[range.sentence];
  for (std::size_t i = begin; i < end; ++i) {
    const TermHit& h = ds.hits[i];
    if (set.contains(h.term) && range.contains(h.first_token) && range.contains(h.last_token)) out.push_back(h);
  }
  return out;
}

bool has_hit_in(const DocState& ds, const TokenRange& range, const TermSet& set) {
  auto [begin, end] = ds.sentence_hits[range.sentence];
  for (std::size_t i = begin; i < end; ++i) {
    const TermHit& h = ds.hits[i];
    if (set.contains(h.term) && range.contains(h.first_token) && range.contains(h.last_token)) return true;
  }
  return false;
}

Quote quote_of(const DocState& ds, std::vector<TokenRange> ranges) {
  Quote q;
  if (ranges.empty()) return q;
  std::sort(ranges.begin(), ranges.end(), [](const TokenRange& a, const TokenRange& b) { return a.first < b.first; });
  ranges.erase(std::unique(ranges.begin(), ranges.end(),
                           [](const TokenRange& a, const TokenRange& b) { return a.first == b.first && a.end == b.end; }),
               ranges.end());
  const std::string& text = ds.doc->text();
  const auto& toks = ds.text->tokens;
  auto bounds = [&](const TokenRange& r) {
    const Sentence& sen = ds.text->sentences[r.sentence];
    bool whole = r.first == sen.first_token && r.end == sen.first_token + sen.token_count;
    if (whole) return std::pair<std::size_t, std::size_t>{sen.begin, sen.end};
    return std::pair<std::size_t, std::size_t>{toks[r.first].begin, toks[r.end - 1].end};
  };
  std::size_t begin = 0, end = 0;
  std::uint32_t prev_sentence = 0;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    auto [b, e] = bounds(ranges[i]);
    if (i == 0) {
      q.text = text.substr(b, e - b);
      begin = b;
      end = e;
      prev_sentence = ranges[i].sentence;
      continue;
    }
    const auto& sentences = ds.text->sentences;
    bool same_block = sentences[prev_sentence].block == sentences[ranges[i].sentence].block;
    bool adjacent = same_block && ranges[i].sentence == prev_sentence + 1;
    const Block& pb = ds.doc->blocks()[sentences[prev_sentence].block];
    const Block& cb = ds.doc->blocks()[sentences[ranges[i].sentence].block];
    bool same_row = pb.kind == BlockKind::table_cell && cb.kind == BlockKind::table_cell && pb.table == cb.table &&
                    pb.row == cb.row;
    if (adjacent && b >= end) q.text += text.substr(end, b - end);
    else q.text += same_row || (same_block && cb.kind == BlockKind::table_cell) ? " | " : " … ";
    q.text += text.substr(b, e - b);
    end = std::max(end, e);
    prev_sentence = ranges[i].sentence;
  }
  q.char_start = ds.doc->char_index(begin);
  q.char_end = ds.doc->char_index(end);
  return q;
}

}  // namespace styrkoll::analysis
