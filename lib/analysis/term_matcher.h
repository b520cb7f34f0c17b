// TermMatcher: every term of a rule pack compiled into one token-level
// index. A term is a word or phrase written in plain Swedish; it is
// analysed with the Lexicon like document text, so inflections and
// compounds match:
//
//   kontroll              lemma or compound part: kontrollen, leverantörskontrollerna
//   brott*                prefix of the word, its lemma or a part: brottslighet, välfärdsbrottsligheten
//   =kan                  the whole word only (lemma or folded form), never a part: not "kansli"
//   felaktiga utbetalningar   a phrase, token by token
//   kontroll av leverantörer  also the compound "leverantörskontroll" (X av/för/mot/på Y -> Y+X)
//   #percent              a number followed by "%" or "procent"
//   #year                 a year 2000-2099 (not part of a citation such as 2008:206 or 2023/24)
//   senast #year          inside a phrase (never first): #year a year, #number any number,
//   minst #number         #month a month name; "senast #year" is a deadline, a bare year is not
//
// The index holds each pattern's first element under its keys (lemma,
// folded form, compound-part sequence, prefix); a document token looks up
// its own lemma, folded form, ASCII form and parts, so matching costs a few
// hash lookups per token whatever the number of terms.
#pragma once

#include <array>
#include <bitset>
#include <boost/unordered/unordered_flat_map.hpp>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "styrkoll/status.h"
#include "styrkoll/text.h"

namespace styrkoll {

class Lexicon;

namespace analysis {

using TermId = std::uint32_t;

struct TermHit {
  TermId term;
  std::uint32_t first_token, last_token;  // inclusive
};

class TermMatcher {
 public:
  // Adds a term (without '@'); returns its id (the same id for the same text).
  // Errors: invalid_argument when the term has no word in it.
  Result<TermId> add(const std::string& term, const Lexicon& lexicon);
  const std::string& text(TermId id) const { return terms_[id].text; }
  std::size_t size() const { return terms_.size(); }

  // All hits in the token range [first, last), in token order.
  std::vector<TermHit> match(const AnalyzedText& text, std::string_view source, std::size_t first,
                             std::size_t last) const;

 private:
  enum class Mode : std::uint8_t { normal, prefix, exact, percent, year };
  enum class Placeholder : std::uint8_t { none, year, number, month };
  struct Element {
    Placeholder placeholder = Placeholder::none;  // a phrase slot for a number, year or month
    std::string lemma, folded, ascii;
    std::vector<std::string> parts;  // lemmatised parts of the term word
    std::vector<std::string> compound;  // for a phrase alternative: a part sequence a token must contain
  };
  struct Pattern {
    TermId term;
    Mode mode;
    std::vector<Element> elements;
  };
  struct Term {
    std::string text;
  };

  static Element element_of(const Token& t);  // a word of a term, as analysed
  bool element_matches(const Pattern& p, const Element& e, const Token& t) const;
  // The patterns whose first element token `t` matches, in id order (`candidates`: scratch).
  void first_matches(const Token& t, std::vector<std::uint32_t>& candidates, std::vector<std::uint32_t>& out) const;
  void index(std::uint32_t pattern, const std::string& key, bool prefix);

  std::vector<Term> terms_;
  std::unordered_map<std::string, TermId> by_text_;
  std::vector<Pattern> patterns_;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Index = std::unordered_map<std::string, std::vector<std::uint32_t>, Hash, std::equal_to<>>;
  Index exact_index_;   // key -> patterns
  Index prefix_index_;  // prefix -> patterns
  std::vector<std::size_t> prefix_lengths_;  // the lengths of the prefixes in prefix_index_
  // The first two bytes of every key: most tokens of a document start with a
  // pair no term starts with, and are rejected without hashing.
  static std::size_t lead(std::string_view s) {
    return (std::size_t{static_cast<unsigned char>(s[0])} << 8) | (s.size() > 1 ? static_cast<unsigned char>(s[1]) : 0u);
  }
  std::bitset<65536> exact_lead_, prefix_lead_;
  // The patterns whose first element a word matches, by the word's analysis
  // (stable for the lexicon's lifetime, which the compiled pack holds):
  // documents share most of their vocabulary, so each word is looked up
  // in the index once per process instead of once per occurrence.
  // Thread-safe (sharded, shared locks); never shrinks.
  struct FirstMemo {
    std::string folded;  // the form the entry was made for (a suspended element shares its compound's analysis)
    std::vector<std::uint32_t> first;
  };
  struct MemoShard {
    std::shared_mutex mutex;
    // Open addressing (no node per entry, no modulo): a lookup is most of a
    // word's cost. Values are pointers, stable whatever the map does.
    boost::unordered_flat_map<const WordAnalysis*, std::unique_ptr<const FirstMemo>> map;
  };
  std::unique_ptr<std::array<MemoShard, 32>> memo_ = std::make_unique<std::array<MemoShard, 32>>();
  const std::vector<std::uint32_t>& first_matches_memo(const Token& t, std::vector<std::uint32_t>& candidates,
                                                       std::vector<std::uint32_t>& scratch) const;
  std::vector<std::uint32_t> percent_patterns_, year_patterns_;
  std::size_t min_prefix_ = 1000, max_prefix_ = 0;
};

}  // namespace analysis
}  // namespace styrkoll
