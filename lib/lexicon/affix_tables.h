// Compound tables read from a Hunspell .aff/.dic pair: which word forms may
// begin, continue or end a Swedish compound, with the lemma each stands for.
// The sv_SE dictionary marks them with COMPOUNDBEGIN/MIDDLE/END flags and
// derives linking forms with suffix rules whose continuation flags carry
// those permissions (välfärd + s -> "välfärds" may begin a compound).
#pragma once

#include <boost/unordered/unordered_flat_map.hpp>
#include <boost/unordered/unordered_flat_set.hpp>
#include <string>
#include <string_view>

#include "styrkoll/status.h"

namespace styrkoll::lexicon {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
// Open addressing (boost's flat containers): building the tables from the
// 150,000-entry dictionary is mostly inserts, and segmentation mostly lookups;
// both are about twice as fast as with std::unordered_*.
using StringMap = boost::unordered_flat_map<std::string, std::string, StringHash, std::equal_to<>>;
using StringSet = boost::unordered_flat_set<std::string, StringHash, std::equal_to<>>;

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
