// Internal: an analysed text in a compact binary form. The scan cache
// keeps each document's tokens with its text, so a re-scan after a rule
// change matches the new rules without running ICU's break iterators and
// folding every token again (about half of the analysis time).
//
// The stored form names each distinct word once; tokens and sentences are
// varints, positions as differences (core/bytes.h). Decoding looks every
// distinct word up in the lexicon once.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "styrkoll/text.h"

namespace styrkoll::text {

// Appends the encoding of `at` (the analysis of a text of `text_size` bytes)
// to `out`: tokenizer version, text size, words, tokens, sentences, the
// words tokens were analysed as.
void encode_tokens(const AnalyzedText& at, std::size_t text_size, std::string& out);

// The analysed text of `text` (the text the tokens were made from), or
// nullopt when `in` was written by another tokenizer version, does not fit
// `text`, or is damaged (then tokenize again). `in` must hold exactly one
// encoding. Never throws on bad input.
std::optional<AnalyzedText> decode_tokens(std::string_view in, std::string_view text, const Lexicon& lexicon);

}  // namespace styrkoll::text
