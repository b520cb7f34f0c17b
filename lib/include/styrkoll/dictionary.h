// Dictionary: the Swedish word list (Hunspell sv_SE from Debian's hunspell-sv).
//
// Used to decide whether a word exists, e.g. when a PDF line ends in a hyphen
// and the ingester must choose between "välfärdsbrottslighet" (joined) and
// "IT-säkerhet" (a true compound hyphen).
//
// Thread-safety: a Dictionary is immutable from the caller's view and may be
// shared by all threads. Hunspell handles are not thread-safe, so it keeps a
// pool of handles and lends one to each call; handles are created and
// destroyed under a process-wide lock (Hunspell 1.7.1 races otherwise).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "styrkoll/status.h"

namespace styrkoll {

class Dictionary {
 public:
  // Opens `<dir>/<lang>.aff` and `<dir>/<lang>.dic`. Errors: io_error when a
  // file is missing or unreadable.
  static Result<std::shared_ptr<const Dictionary>> open(const std::string& dir,
                                                        const std::string& lang = "sv_SE");
  // The process-wide Swedish dictionary: $STYRKOLL_HUNSPELL_DIR, else
  // /usr/share/hunspell. Opened once on first use; null if it cannot be opened.
  static std::shared_ptr<const Dictionary> shared();
  // True when shared() has loaded, or its files exist (cheap; does not load).
  static bool shared_loaded_or_loadable();

  ~Dictionary();
  Dictionary(const Dictionary&) = delete;
  Dictionary& operator=(const Dictionary&) = delete;

  // True when Hunspell accepts the word (UTF-8), including its compounds.
  bool accepts(std::string_view word) const;
  // True when the word is accepted as a dictionary word, not only as a
  // compound assembled by Hunspell's compounding rules.
  bool accepts_without_compounding(std::string_view word) const;
  // Hunspell's stems of a word (inflection removed; compounds often give
  // only their last part or nothing). Empty when the word is unknown.
  std::vector<std::string> stems(std::string_view word) const;

  // The files this dictionary was opened from.
  const std::string& aff_path() const;
  const std::string& dic_path() const;

  struct Impl;

 private:
  explicit Dictionary(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace styrkoll
