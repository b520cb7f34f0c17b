#include "analysis/classifier.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace styrkoll::analysis {

Classification classify_document(const CompiledPack& cp, const DocState& ds) {
  const ClassificationWeights& w = cp.pack->classification();
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
  const auto kHeadBlocks = static_cast<std::uint32_t>(w.head_blocks);
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
      if (has(title_hits, cue) && title_cues < w.max_cues) {
        s.score += w.title_cue;
        ++title_cues;
        s.reasons.push_back("Titeln eller filnamnet innehåller \"" + cp.matcher.text(cue) + "\"");
      } else if (has(head_hits, cue) && head_cues < w.max_cues) {
        s.score += w.head_cue;
        ++head_cues;
        s.reasons.push_back("Inledningen innehåller \"" + cp.matcher.text(cue) + "\"");
      }
    }
    std::set<TermId> vocab;
    for (const TermHit& h : ds.hits) {
      if (t.vocabulary.contains(h.term)) vocab.insert(h.term);
    }
    if (!vocab.empty()) {
      double v = std::min(w.vocabulary_max, w.vocabulary_term * static_cast<double>(vocab.size()));
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
    if (has(title_hits, cue) && oos_cues < w.max_cues) {
      oos.score += w.out_of_scope_cue;
      ++oos_cues;
      oos.reasons.push_back("Titeln anger ett dokument som inte är ett styrdokument (\"" + cp.matcher.text(cue) + "\")");
    }
  }
  std::stable_sort(scores.begin(), scores.end(), [](const Score& a, const Score& b) { return a.score > b.score; });
  const Score& best = scores.empty() ? oos : scores.front();
  double second = scores.size() > 1 ? scores[1].score : 0;
  if (oos.score >= best.score || best.score < w.min_score) {
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

}  // namespace styrkoll::analysis
