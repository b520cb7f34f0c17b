// Internal: an analysed text in a compact, JSON-safe form. The scan cache
// keeps each document's tokens with its text, so a re-scan after a rule
// change matches the new rules without running ICU's break iterators and
// folding every token again (about half of the analysis time).
//
// The stored form names each distinct word once; tokens and sentences are
// variable-length integers in printable characters (no JSON escaping).
// Decoding looks every distinct word up in the lexicon once.
#pragma once

#include <boost/json/fwd.hpp>
#include <optional>
#include <string_view>

#include "styrkoll/text.h"

namespace styrkoll::text {

// {"v": tokenizer version, "n": text size, "w": [words], "t": tokens,
// "s": sentences, "a": [[token, word]...]}; `text_size`: of the text analysed.
boost::json::object encode_tokens(const AnalyzedText& at, std::size_t text_size);

// The analysed text of `text` (the document's text the tokens were made
// from), or nullopt when `v` was written by another tokenizer version or does
// not fit `text` (then tokenize again). Never throws on bad input.
std::optional<AnalyzedText> decode_tokens(const boost::json::value& v, std::string_view text, const Lexicon& lexicon);

}  // namespace styrkoll::text
