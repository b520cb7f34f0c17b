// UTF-8 helpers shared by the ingesters: validation, legacy encodings, and
// the clean-up every extracted string goes through before it enters a Document.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace styrkoll::core {

bool is_valid_utf8(std::string_view s);

// Windows-1252 (a superset of Latin-1's printable range) to UTF-8.
std::string cp1252_to_utf8(std::string_view s);

// Decodes one code point at s[i], advancing i. Invalid bytes give U+FFFD and advance by one.
char32_t next_code_point(std::string_view s, std::size_t& i);
void append_utf8(std::string& out, char32_t cp);

// Appends s to out, lower-cased, for as long as s is ASCII or Latin-1
// letters whose case folding is their plain lower case (À-Þ -> à-þ, à-þ as
// they are; not ×, ÷, ß, µ, ÿ): nearly all Swedish text. Returns the byte
// offset where it stopped (s.size() when it got through); callers fold the
// rest with ICU.
std::size_t append_latin1_lower(std::string_view s, std::string& out);

// A folded (lower-case) word with diacritics removed: å ä à -> a, ö ø -> o,
// é -> e, æ -> ae, ß -> ss ...; other characters unchanged.
std::string ascii_fold(std::string_view folded);

// True for characters that list bullets are drawn with (•, ◦, ▪, –, private-use glyphs ...).
bool is_bullet(char32_t cp);
bool is_private_use(char32_t cp);

// Clean-up of one line or paragraph of extracted text:
//  - NBSP, narrow NBSP, figure space and other odd spaces, tabs and control
//    characters become a plain space; runs of spaces collapse; ends trimmed;
//  - soft hyphens and zero-width characters are removed;
//  - ligature characters (U+FB00..U+FB06) are expanded ("ﬁ" -> "fi");
//  - private-use code points (symbol-font bullets) are removed;
//  - the result is in Unicode NFC (PDFs often give "a" + U+0308 for "ä").
// Newlines are kept when keep_newlines, else treated as spaces.
std::string clean_text(std::string_view s, bool keep_newlines = false);

// Number of letters (Unicode general category L*) and of U+FFFD in s.
struct LetterCount {
  std::size_t letters = 0;
  std::size_t replacement = 0;
  std::size_t code_points = 0;
};
LetterCount count_letters(std::string_view s);

}  // namespace styrkoll::core
