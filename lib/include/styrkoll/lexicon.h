// Lexicon: Swedish lemmas and compound parts for folded (lower-case NFKC)
// word forms, built on the sv_SE Hunspell dictionary.
//
// Hunspell accepts compounds but does not split them reliably, so the
// Lexicon has its own decompounder. It reads the dictionary's compound flags
// (which stems may begin, continue or end a compound, and the linking forms
// the affix file derives: välfärd -> välfärds, ägare -> ägar), finds the
// segmentation into the fewest known units (with the triple-consonant rule:
// fall+lucka = fallucka), refuses units that are verb particles or too short,
// expands lexicalised compounds (andrahandsuthyrning) into their parts when
// the split is convincing, and lemmatises each part with Hunspell.
//
//   felutbetalningarna      -> lemma felutbetalning,      parts fel | utbetalning
//   välfärdsbrottsligheten  -> lemma välfärdsbrottslighet, parts välfärd | brottslighet
//   mutation                -> lemma mutation,            parts mutation
//
// Thread-safety: a Lexicon is shared by all threads (use it through
// shared_ptr<const Lexicon>). Analyses are cached per word form in a sharded
// cache; Hunspell handles come from the Dictionary's pool.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "styrkoll/status.h"

namespace styrkoll {

class Dictionary;

struct WordAnalysis {
  std::string lemma;               // folded lemma of the whole word
  std::vector<std::string> parts;  // lemmatised compound parts, first to last; {lemma} when not a compound
  bool known = false;              // the dictionary (or the decompounder) recognised the word
  bool compound() const { return parts.size() > 1; }
};

// A word form as the Lexicon keeps it: the folded form, its ASCII fallback
// (diacritics removed) and its analysis. The views and the pointer stay
// valid as long as the Lexicon lives.
struct WordForm {
  std::string_view folded, ascii;
  const WordAnalysis* analysis = nullptr;
};

class Lexicon {
 public:
  // The lexicon of `<dir>/<lang>.aff|.dic`. Errors: io_error when a file is
  // missing. The dictionary is read (~0.16 s) on the first word the cache
  // cannot answer, or by load(); words met after a failed read stay as
  // written (lemma = the word), so call load() to see such errors.
  static Result<std::shared_ptr<const Lexicon>> open(const std::string& dir, const std::string& lang = "sv_SE");
  // Reads the dictionary now if not yet read (thread-safe, once). Errors:
  // io_error or corrupt from the dictionary files.
  Status load() const;
  // The process-wide Swedish lexicon (same lookup as Dictionary::shared());
  // null when the dictionary files are missing or unreadable. Built and
  // loaded once, on first use.
  static std::shared_ptr<const Lexicon> shared();

  ~Lexicon();
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // Analysis of one folded word (letters, optionally with inner hyphens:
  // "it-säkerhet" gives parts it | säkerhet). The reference stays valid as
  // long as the Lexicon lives.
  const WordAnalysis& analyze(std::string_view folded_word) const;
  // The same analysis with the Lexicon's own copies of the form and its
  // ASCII fallback (what a token of the word refers to).
  WordForm form(std::string_view folded_word) const;

  // Number of cached word forms (for benchmarks and diagnostics).
  std::size_t cache_size() const;

  // The cache as (word, analysis) pairs, and filling it from such pairs
  // (a scan keeps the analyses of an archive's vocabulary between runs, so
  // worker processes start warm). Both are thread-safe.
  std::vector<std::pair<std::string, WordAnalysis>> cached_analyses() const;
  // Only the analyses made since (not given to) preload(): what a scan adds
  // to its cache, without copying the whole vocabulary.
  std::vector<std::pair<std::string, WordAnalysis>> new_analyses() const;
  void preload(const std::vector<std::pair<std::string, WordAnalysis>>& analyses) const;

  struct Impl;

 private:
  explicit Lexicon(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace styrkoll
