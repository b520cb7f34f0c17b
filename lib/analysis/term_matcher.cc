#include "analysis/term_matcher.h"

#include <algorithm>
#include <mutex>
#include <unordered_map>
#include <unordered_set>

#include "styrkoll/lexicon.h"

namespace styrkoll::analysis {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.compare(0, p.size(), p) == 0; }

// Swedish prepositions that turn "X <prep> Y" into the compound "Y+X".
bool compounding_preposition(std::string_view w) {
  static const std::unordered_set<std::string_view> s = {"av", "för", "mot", "på", "om", "till", "vid", "med", "i"};
  return s.count(w) > 0;
}

bool contains_sequence(const std::vector<std::string>& hay, const std::vector<std::string>& needle) {
  if (needle.empty() || needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    if (std::equal(needle.begin(), needle.end(), hay.begin() + static_cast<std::ptrdiff_t>(i))) return true;
  }
  return false;
}

}  // namespace

TermMatcher::Element TermMatcher::element_of(const Token& t) {
  Element e;
  e.folded = std::string(t.folded);
  e.ascii = std::string(t.ascii);
  e.lemma = t.lemma();
  e.parts = t.parts();
  return e;
}

Result<TermId> TermMatcher::add(const std::string& raw, const Lexicon& lexicon) {
  if (auto it = by_text_.find(raw); it != by_text_.end()) return it->second;
  std::string text = raw;
  Mode mode = Mode::normal;
  if (text == "#percent") {
    mode = Mode::percent;
  } else if (text == "#year") {
    mode = Mode::year;
  } else if (!text.empty() && text.back() == '*') {
    mode = Mode::prefix;
    text.pop_back();
  } else if (!text.empty() && text.front() == '=') {
    mode = Mode::exact;
    text.erase(0, 1);
  }
  auto id = static_cast<TermId>(terms_.size());
  terms_.push_back({raw});
  by_text_[raw] = id;
  auto pattern_index = static_cast<std::uint32_t>(patterns_.size());
  if (mode == Mode::percent || mode == Mode::year) {
    patterns_.push_back({id, mode, {}});
    (mode == Mode::percent ? percent_patterns_ : year_patterns_).push_back(pattern_index);
    return id;
  }
  AnalyzedText at = analyze_text(text, lexicon);
  if (at.tokens.empty()) return Status(ErrorCode::invalid_argument, "term '" + raw + "' contains no word");
  Pattern p{id, mode, {}};
  bool placeholders = text.find('#') != std::string::npos;
  if (placeholders) {
    // "senast #year": words analysed one by one, placeholders as slots.
    at.tokens.clear();
    std::size_t pos = 0;
    while (pos < text.size()) {
      std::size_t end = text.find(' ', pos);
      if (end == std::string::npos) end = text.size();
      std::string word = text.substr(pos, end - pos);
      pos = end + 1;
      if (word.empty()) continue;
      Element e;
      if (word[0] == '#') {
        if (word == "#year") e.placeholder = Placeholder::year;
        else if (word == "#number") e.placeholder = Placeholder::number;
        else if (word == "#month") e.placeholder = Placeholder::month;
        else return Status(ErrorCode::invalid_argument, "term '" + raw + "': unknown placeholder " + word + " (#year, #number, #month)");
        if (p.elements.empty()) return Status(ErrorCode::invalid_argument, "term '" + raw + "': a phrase must start with a word");
        p.elements.push_back(std::move(e));
        continue;
      }
      AnalyzedText wt = analyze_text(word, lexicon);
      for (const Token& t : wt.tokens) p.elements.push_back(element_of(t));
    }
    if (p.elements.empty()) return Status(ErrorCode::invalid_argument, "term '" + raw + "' contains no word");
  } else {
    for (const Token& t : at.tokens) p.elements.push_back(element_of(t));
  }
  patterns_.push_back(p);
  const Element& first = patterns_.back().elements.front();
  if (mode == Mode::prefix) {
    index(pattern_index, first.folded, true);
    if (first.lemma != first.folded) index(pattern_index, first.lemma, true);
    if (first.ascii != first.folded) index(pattern_index, first.ascii, true);
  } else {
    index(pattern_index, first.lemma, false);
    index(pattern_index, first.folded, false);
    index(pattern_index, first.ascii, false);
    if (mode == Mode::normal && first.parts.size() > 1) index(pattern_index, first.parts.front(), false);
  }
  // "kontroll av leverantörer" also matches the compound leverantör|kontroll.
  if (mode == Mode::normal && !placeholders && at.tokens.size() == 3 && compounding_preposition(at.tokens[1].folded)) {
    Pattern alt{id, Mode::normal, {}};
    Element e;
    for (const auto& part : at.tokens[2].parts()) e.compound.push_back(part);
    for (const auto& part : at.tokens[0].parts()) e.compound.push_back(part);
    alt.elements.push_back(e);
    auto alt_index = static_cast<std::uint32_t>(patterns_.size());
    patterns_.push_back(alt);
    index(alt_index, e.compound.front(), false);
  }
  return id;
}

void TermMatcher::index(std::uint32_t pattern, const std::string& key, bool prefix) {
  if (key.empty()) return;
  auto& list = (prefix ? prefix_index_ : exact_index_)[key];
  (prefix ? prefix_lead_ : exact_lead_).set(lead(key));
  if (std::find(list.begin(), list.end(), pattern) == list.end()) list.push_back(pattern);
  if (prefix) {
    min_prefix_ = std::min(min_prefix_, key.size());
    max_prefix_ = std::max(max_prefix_, key.size());
    if (std::find(prefix_lengths_.begin(), prefix_lengths_.end(), key.size()) == prefix_lengths_.end()) {
      prefix_lengths_.push_back(key.size());
      std::sort(prefix_lengths_.begin(), prefix_lengths_.end());
    }
  }
}

bool TermMatcher::element_matches(const Pattern& p, const Element& e, const Token& t) const {
  switch (e.placeholder) {
    case Placeholder::none:
      break;
    case Placeholder::number:
      return t.kind == TokenKind::number;
    case Placeholder::year:
      return t.kind == TokenKind::number && t.folded.size() == 4 && (t.folded.substr(0, 2) == "20" || t.folded.substr(0, 2) == "19");
    case Placeholder::month: {
      static const std::unordered_set<std::string_view> months = {
          "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"};
      return months.count(t.folded) > 0;
    }
  }
  if (!e.compound.empty()) return contains_sequence(t.parts(), e.compound);
  switch (p.mode) {
    case Mode::exact:
      return t.lemma() == e.lemma || t.folded == e.folded;
    case Mode::prefix: {
      if (starts_with(t.folded, e.folded) || starts_with(t.lemma(), e.lemma)) return true;
      for (const auto& part : t.parts()) {
        if (starts_with(part, e.lemma) || starts_with(part, e.folded)) return true;
      }
      // ASCII-folded text from a badly extracted PDF ("valfardsbrottsligheten").
      return !t.analysis->known && starts_with(t.ascii, e.ascii);
    }
    case Mode::normal: {
      if (t.lemma() == e.lemma || t.folded == e.folded) return true;
      if (e.parts.size() > 1) return contains_sequence(t.parts(), e.parts);
      if (t.parts().size() > 1 && std::find(t.parts().begin(), t.parts().end(), e.lemma) != t.parts().end()) return true;
      // ASCII-folded text from a badly extracted PDF ("valfardsbrott").
      return !t.analysis->known && t.ascii == e.ascii;
    }
    case Mode::percent:
    case Mode::year:
      return false;
  }
  return false;
}

void TermMatcher::first_matches(const Token& t, std::vector<std::uint32_t>& candidates,
                                std::vector<std::uint32_t>& out) const {
  candidates.clear();
  auto lookup = [&](std::string_view key) {
    if (key.empty() || !exact_lead_.test(lead(key))) return;
    if (auto it = exact_index_.find(key); it != exact_index_.end()) {
      candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    }
  };
  lookup(t.lemma());
  if (t.folded != t.lemma()) lookup(t.folded);
  if (t.ascii != t.folded) lookup(t.ascii);
  for (const auto& part : t.parts()) {
    if (part != t.lemma()) lookup(part);
  }
  if (!prefix_index_.empty()) {
    // Only the lengths that some prefix term has; no copies of the token.
    auto prefixes = [&](std::string_view sv) {
      if (sv.empty()) return;
      // A prefix of one byte has lead (b0, 0); longer ones share the token's first two bytes.
      const bool pair_known = sv.size() > 1 && prefix_lead_.test(lead(sv));
      for (std::size_t n : prefix_lengths_) {
        if (n > sv.size()) break;
        if (n > 1 && !pair_known) break;
        if (n == 1 && !prefix_lead_.test(lead(sv.substr(0, 1)))) continue;
        if (auto it = prefix_index_.find(sv.substr(0, n)); it != prefix_index_.end()) {
          candidates.insert(candidates.end(), it->second.begin(), it->second.end());
        }
      }
    };
    prefixes(t.folded);
    if (t.lemma() != t.folded) prefixes(t.lemma());
    for (const auto& part : t.parts()) {
      if (part != t.lemma()) prefixes(part);
    }
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  out.clear();
  for (auto pi : candidates) {
    const Pattern& p = patterns_[pi];
    if (element_matches(p, p.elements[0], t)) out.push_back(pi);
  }
}

const std::vector<std::uint32_t>& TermMatcher::first_matches_memo(const Token& t, std::vector<std::uint32_t>& candidates,
                                                                   std::vector<std::uint32_t>& scratch) const {
  MemoShard& shard = (*memo_)[(reinterpret_cast<std::uintptr_t>(t.analysis) >> 4) % memo_->size()];
  {
    std::shared_lock lock(shard.mutex);
    auto it = shard.map.find(t.analysis);
    // Entries are never erased or changed, so the reference outlives the lock.
    if (it != shard.map.end() && it->second->folded == t.folded) return it->second->first;
  }
  first_matches(t, candidates, scratch);
  std::unique_lock lock(shard.mutex);
  auto [it, inserted] = shard.map.try_emplace(t.analysis);
  if (inserted) it->second = std::make_unique<const FirstMemo>(FirstMemo{std::string(t.folded), scratch});
  else if (it->second->folded != t.folded) return scratch;  // another form of the same analysis
  return it->second->first;
}

std::vector<TermHit> TermMatcher::match(const AnalyzedText& text, std::string_view source, std::size_t first,
                                        std::size_t last) const {
  std::vector<TermHit> hits;
  std::vector<std::uint32_t> candidates, scratch;
  // Most tokens repeat an earlier word of the text: a local map in front of
  // the shared memo saves its locks.
  boost::unordered_flat_map<const WordAnalysis*, std::pair<std::string_view, const std::vector<std::uint32_t>*>> seen;
  seen.reserve(std::min<std::size_t>((last - first) / 2, 4096));
  for (std::size_t i = first; i < last; ++i) {
    const Token& t = text.tokens[i];
    const std::vector<std::uint32_t>* starts = nullptr;
    auto known = seen.find(t.analysis);
    if (known != seen.end() && known->second.first == t.folded) starts = known->second.second;
    if (!starts) {
      starts = &first_matches_memo(t, candidates, scratch);
      if (known == seen.end() && starts != &scratch) seen.emplace(t.analysis, std::make_pair(t.folded, starts));
    }
    if (t.kind == TokenKind::number && !percent_patterns_.empty()) {
      std::size_t k = t.end;
      while (k < source.size() && source[k] == ' ') ++k;
      bool percent = k < source.size() && source[k] == '%';
      if (!percent && i + 1 < last && text.tokens[i + 1].folded == "procent") percent = true;
      if (percent) {
        for (auto p : percent_patterns_) hits.push_back({patterns_[p].term, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i)});
      }
    }
    if (t.kind == TokenKind::number && !year_patterns_.empty() && t.end - t.begin == 4 && source[t.begin] == '2' &&
        source[t.begin + 1] == '0') {
      char before = t.begin > 0 ? source[t.begin - 1] : ' ';
      char after = t.end < source.size() ? source[t.end] : ' ';
      bool citation = before == ':' || before == '/' || after == ':' || after == '/';
      if (!citation) {
        for (auto p : year_patterns_) hits.push_back({patterns_[p].term, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i)});
      }
    }
    for (auto pi : *starts) {
      const Pattern& p = patterns_[pi];
      std::size_t k = 1;
      // Later elements must follow in the same sentence.
      while (k < p.elements.size() && i + k < last && text.tokens[i + k].sentence == t.sentence &&
             element_matches(p, p.elements[k], text.tokens[i + k])) {
        ++k;
      }
      if (k == p.elements.size()) {
        hits.push_back({p.term, static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + k - 1)});
      }
    }
  }
  return hits;
}

}  // namespace styrkoll::analysis
