// Compound tables read from a Hunspell .aff/.dic pair: which word forms may
// begin, continue or end a Swedish compound, with the lemma each stands for.
// The sv_SE dictionary marks them with COMPOUNDBEGIN/MIDDLE/END flags and
// derives linking forms with suffix rules whose continuation flags carry
// those permissions (välfärd + s -> "välfärds" may begin a compound).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "styrkoll/status.h"

namespace styrkoll::lexicon {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringMap = std::unordered_map<std::string, std::string, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

struct CompoundTables {
  StringMap begin;   // form -> lemma, may start a compound
  StringMap middle;  // form -> lemma, may stand inside a compound
  StringSet end;     // lemmas that may end a compound
  StringSet words;   // every dictionary entry (lower-cased)
};

// Reads the tables. Errors: io_error (unreadable files), corrupt (no compound flags found).
Result<CompoundTables> read_compound_tables(const std::string& aff_path, const std::string& dic_path);

// Lower-cases a dictionary word (Swedish letters fast, anything else through ICU).
std::string lower_word(std::string_view w);

}  // namespace styrkoll::lexicon
