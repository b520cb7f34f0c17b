#include "analysis/classifier.h"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <set>

namespace styrkoll::analysis {

namespace {

// "Å R S R E D O V I S N I N G": a letter-spaced title as PDF text layers give it, read as
// the word it is. Only runs of five or more single letters are joined.
std::string join_letter_spacing(const std::string& s) {
  std::string out;
  std::size_t i = 0;
  auto letter_end = [&](std::size_t k) {  // end of one UTF-8 letter at k, or k when none
    if (k >= s.size()) return k;
    auto c = static_cast<unsigned char>(s[k]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (c < 0x80 && !std::isalpha(c)) return k;
    return std::min(s.size(), k + n);
  };
  while (i < s.size()) {
    bool at_word_start = i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n';
    if (at_word_start) {
      std::vector<std::pair<std::size_t, std::size_t>> letters;
      std::size_t k = i;
      while (true) {
        std::size_t e = letter_end(k);
        if (e == k) break;
        if (e < s.size() && s[e] != ' ' && s[e] != '\n') break;  // part of a longer word
        letters.emplace_back(k, e);
        if (e + 1 >= s.size() || s[e] != ' ') break;
        k = e + 1;
      }
      if (letters.size() >= 5) {
        for (auto [b, e] : letters) out.append(s, b, e - b);
        i = letters.back().second;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// The title region, where a reader finds a title: the properties title (not a Word file
// name such as "Microsoft Word - 7.54 Riktlinjer.docx"), the file name, the first block and
// the first heading.
std::string title_region(const Document& doc) {
  std::string title = doc.metadata().title;
  for (std::string_view junk : {"Microsoft Word - ", "Microsoft PowerPoint - "}) {
    if (title.rfind(junk, 0) == 0) title = title.substr(junk.size());
  }
  for (std::string_view ext : {".docx", ".doc", ".pdf", ".odt"}) {
    if (title.size() > ext.size() && title.compare(title.size() - ext.size(), ext.size(), ext) == 0) {
      title.resize(title.size() - ext.size());
    }
  }
  std::string file = doc.metadata().path;
  if (auto slash = file.find_last_of('/'); slash != std::string::npos) file = file.substr(slash + 1);
  if (auto dot = file.rfind('.'); dot != std::string::npos) file = file.substr(0, dot);
  for (char& ch : file) {
    if (ch == '-' || ch == '_') ch = ' ';
  }
  std::string region = title + "\n\n" + file;
  const auto& blocks = doc.blocks();
  bool heading_done = false;
  // The first lines a reader sees (a web wrapper's or a cover page's title may be split
  // over them: "Handlingsplan" / "Handlingsplan för ökad trygghet ..."), and the first heading.
  int lines = 0;
  for (std::size_t b = 0; b < blocks.size() && b < 8 && !(lines >= 3 && heading_done); ++b) {
    std::string_view text = doc.block_text(blocks[b]);
    if (text.size() > 200) text = text.substr(0, 200);
    if (lines < 3 || (!heading_done && blocks[b].kind == BlockKind::heading)) {
      region += "\n\n" + std::string(text);
      heading_done = heading_done || blocks[b].kind == BlockKind::heading;
      ++lines;
    }
  }
  return join_letter_spacing(region);
}

// A term as a reader would write it: without the matcher's '=' and '*', "#year" as "<år>".
std::string shown(std::string t) {
  if (!t.empty() && t.front() == '=') t.erase(0, 1);
  if (!t.empty() && t.back() == '*') t.pop_back();
  for (std::size_t at = t.find("#year"); at != std::string::npos; at = t.find("#year")) t.replace(at, 5, "<år>");
  return t;
}

}  // namespace

Classification classify_document(const CompiledPack& cp, const DocState& ds) {
  const ClassificationWeights& w = cp.pack->classification();
  const Document& doc = *ds.doc;
  Classification c;
  std::string region = title_region(doc);
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
    bool cued = false;  // a title or head cue names this type
  };
  std::vector<Score> scores;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> oos_title_ranges;
  for (const TermHit& h : title_hits) {
    if (std::find(cp.out_of_scope_list.begin(), cp.out_of_scope_list.end(), h.term) != cp.out_of_scope_list.end()) {
      oos_title_ranges.emplace_back(h.first_token, h.last_token);
    }
  }
  for (const CompiledType& t : cp.types) {
    Score s{t.info->id, 0, {}};
    int title_cues = 0, head_cues = 0;
    // Two cues on the same words ("Attestreglemente", "Reglemente för attest") are one signal.
    // The same title repeated by a web wrapper is one title too; and words that an
    // out-of-scope cue names ("Mål- och budgetförutsättningar") are not this type's title.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> counted = oos_title_ranges;
    std::set<std::string> counted_words;
    auto fresh_title_hit = [&](TermId cue) {
      for (const TermHit& h : title_hits) {
        if (h.term != cue) continue;
        bool overlaps = std::any_of(counted.begin(), counted.end(), [&](const auto& r) {
          return h.first_token <= r.second && h.last_token >= r.first;
        });
        std::string words;
        for (std::uint32_t k = h.first_token; k <= h.last_token; ++k) words += std::string(title_text.tokens[k].folded) + " ";
        if (overlaps || counted_words.count(words)) continue;
        counted.emplace_back(h.first_token, h.last_token);
        counted_words.insert(words);
        return true;
      }
      return false;
    };
    for (TermId cue : t.title_cues) {
      if (title_cues < w.max_cues && has(title_hits, cue) && fresh_title_hit(cue)) {
        s.score += w.title_cue;
        ++title_cues;
        s.cued = true;
        s.reasons.push_back("Titeln eller filnamnet innehåller \"" + shown(cp.matcher.text(cue)) + "\"");
      } else if (has(head_hits, cue) && head_cues < w.max_cues) {
        s.score += w.head_cue;
        ++head_cues;
        s.cued = true;
        s.reasons.push_back("Inledningen innehåller \"" + shown(cp.matcher.text(cue)) + "\"");
      }
    }
    // Kind and subject in a title line, in either order: "Riktlinjer för upphandling",
    // "Ekonomiskt bistånd. Riktlinjer", or a cover page's two short lines "Ekonomiskt bistånd" /
    // "Riktlinjer". A title line is short and opens with its kind or its subject; "Nu finns en
    // ny plan för ..." is prose. One word is not both kind and subject ("Attestreglemente" is a
    // cue of its own), and words a title cue already counted do not count again.
    if (!t.title_kinds.empty() && title_cues < w.max_cues) {
      const auto& lines = title_text.sentences;
      auto is_free = [&](const TermHit& h) {
        return std::none_of(counted.begin(), counted.end(),
                            [&](const auto& r) { return h.first_token <= r.second && h.last_token >= r.first; });
      };
      auto opens_line = [&](const TermHit& h) {
        const Sentence& line = lines[title_text.tokens[h.first_token].sentence];
        return h.first_token < line.first_token + 3 && line.token_count <= 16;
      };
      for (std::uint32_t sen = 0; sen < lines.size(); ++sen) {
        // This line, and the next one when both are short (a title broken over two lines).
        std::uint32_t last = sen + 1 < lines.size() && lines[sen].token_count <= 6 && lines[sen + 1].token_count <= 6
                                 ? sen + 1
                                 : sen;
        const TermHit* kind = nullptr;
        const TermHit* subject = nullptr;
        for (const TermHit& h : title_hits) {
          std::uint32_t hs = title_text.tokens[h.first_token].sentence;
          if (hs < sen || hs > last || !is_free(h)) continue;
          if (!kind && t.title_kinds.contains(h.term)) kind = &h;
          if (!subject && t.title_subjects.contains(h.term)) subject = &h;
        }
        if (!kind || !subject) continue;
        bool apart = kind->last_token < subject->first_token || subject->last_token < kind->first_token;
        if (!apart || !(opens_line(*kind) || opens_line(*subject))) continue;
        s.score += w.title_cue;
        ++title_cues;
        s.cued = true;
        auto surface = [&](const TermHit& h) {
          return region.substr(title_text.tokens[h.first_token].begin,
                               title_text.tokens[h.last_token].end - title_text.tokens[h.first_token].begin);
        };
        s.reasons.push_back("Titeln anger slag och ämne: \"" + surface(*kind) + "\" om \"" + surface(*subject) + "\"");
        break;
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
  // What the head says the text is: a tjänsteskrivelse, minutes, an audit ... (or not).
  int oos_head = 0;
  for (TermId cue : cp.out_of_scope_head_list) {
    if (oos_head < w.max_cues && has(head_hits, cue) && !has(title_hits, cue)) {
      oos.score += w.out_of_scope_head_cue;
      ++oos_head;
      oos.reasons.push_back("Inledningen anger ett dokument som inte är ett styrdokument (\"" + shown(cp.matcher.text(cue)) + "\")");
    }
  }
  std::string governing;
  for (TermId cue : cp.governing_list) {
    if (has(head_hits, cue) || has(title_hits, cue)) {
      governing = shown(cp.matcher.text(cue));
      break;
    }
  }
  std::stable_sort(scores.begin(), scores.end(), [](const Score& a, const Score& b) { return a.score > b.score; });
  if (!governing.empty() && !scores.empty() && scores.front().cued) {
    // Decision metadata says a governing document; it does not say which.
    scores.front().score += w.governing_cue;
    scores.front().reasons.push_back("Beslutsuppgifter i inledningen (\"" + governing + "\")");
  }
  const Score& best = scores.empty() ? oos : scores.front();
  double second = scores.size() > 1 ? scores[1].score : 0;
  const std::string second_id = scores.size() > 1 ? scores[1].id : std::string();
  if (oos.score >= best.score || best.score < w.min_score) {
    c.type_id = "out_of_scope";
    if (oos.score > 0) {
      c.reasons = oos.reasons;
      c.confidence = std::min(1.0, oos.score / (oos.score + best.score + 2));
    } else {
      c.reasons.push_back("Inga tecken på någon av de kända styrdokumenttyperna i titel eller inledning");
      c.confidence = 0.5;
    }
    // A type that came close: the coordinator should look (and can fix it in the manifest).
    if (best.cued && oos.score > 0) {
      const DocumentTypeInfo* named = cp.pack->find_type(best.id);
      c.reasons.push_back("Texten gäller " + (named ? named->name : best.id) +
                          ", men filen är inte själva styrdokumentet (till exempel ett förslag, ett protokoll eller en granskning)");
    }
    if (best.cued && best.score >= w.min_score && oos.score - best.score < w.uncertain_margin) {
      c.runner_up = best.id;
      c.uncertain = true;
    }
    return c;
  }
  c.type_id = best.id;
  c.reasons = best.reasons;
  c.confidence = std::round(100 * std::min(1.0, best.score / (best.score + second + 2))) / 100;
  // The closest other reading: another type, or not a governing document at all.
  if (oos.score > 0 && oos.score >= second) {
    c.runner_up = "out_of_scope";
    c.uncertain = best.score - oos.score < w.uncertain_margin;
  } else if (!second_id.empty() && second > 0) {
    c.runner_up = second_id;
    c.uncertain = best.score - second < w.uncertain_margin;
  }
  if (!c.uncertain) c.runner_up.clear();
  return c;
}

}  // namespace styrkoll::analysis
