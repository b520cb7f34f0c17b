// The Swedish text layer: sentences and tokens of a Document, each token
// with its folded form, lemma and compound parts, so that rules can match on
// any of them.
//
//   Sentences: ICU's sentence BreakIterator (sv_SE) with a Swedish
//   abbreviation filter; a break is never made inside legal citations
//   ("3 kap. 2 § SoL", "prop. 2023/24:85", "SFS 2008:206") or after
//   abbreviations such as "bl.a.", "t.ex.", "enl.", "resp.", "s.k.".
//   Headings, list items, table cells and footnotes are units of their own.
//
//   Tokens: ICU's word BreakIterator; "IT-säkerhet" stays one token; Swedish
//   numbers with a space as thousands separator ("1 024") are one token;
//   "bidrags- och välfärdsbrott" gives the first token the lemma and parts
//   of "bidragsbrott" (hyphenated coordination).
//
// Thread-safety: analyze_* may be called concurrently; the Lexicon is shared.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "styrkoll/document.h"

namespace styrkoll {

class Lexicon;

enum class TokenKind : std::uint8_t { word, number };

struct WordAnalysis;

// A token refers to its word form in the Lexicon's cache: an AnalyzedText
// must not outlive the Lexicon it was made with. It holds no copy of its
// text (most documents have tens of thousands of tokens).
struct Token {
  std::size_t begin = 0, end = 0;  // byte range in the analysed text
  TokenKind kind = TokenKind::word;
  std::uint32_t sentence = 0;      // index into AnalyzedText::sentences
  std::string_view folded;         // NFKC case-folded (ligatures, odd letters, case all folded); the Lexicon's copy
  std::string_view ascii;          // folded with diacritics removed (å ä -> a, ö -> o): a fallback key; the Lexicon's copy
  const WordAnalysis* analysis = nullptr;  // never null in an AnalyzedText

  // As written: the token's range of `text`, the text that was analysed.
  std::string_view surface(std::string_view text) const { return text.substr(begin, end - begin); }
  // Folded lemma; for compounds, earlier parts + lemma of the last part.
  const std::string& lemma() const;
  // Lemmatised compound parts, first to last; {lemma} when not a compound.
  const std::vector<std::string>& parts() const;
};

struct Sentence {
  std::size_t begin = 0, end = 0;  // byte range in the analysed text
  std::uint32_t block = 0;         // block index (analyze_document); 0 for analyze_text
  std::uint32_t first_token = 0, token_count = 0;
};

struct AnalyzedText {
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  // Tokens analysed as another word than their folded form: a suspended
  // compound element ("bidrags-" in "bidrags- och välfärdsbrott") carries
  // the analysis of the compound it abbreviates. Token index and that word.
  std::vector<std::pair<std::uint32_t, std::string>> analysed_as;
};

// Sentences and tokens of every block of the document; offsets are into doc.text().
AnalyzedText analyze_document(const Document& doc, const Lexicon& lexicon);

// Sentences and tokens of a plain string (one paragraph per blank-line-separated chunk).
AnalyzedText analyze_text(std::string_view text, const Lexicon& lexicon);

// Sentence ranges of one paragraph (byte offsets into `paragraph`).
std::vector<std::pair<std::size_t, std::size_t>> split_sentences(std::string_view paragraph);

// Case folding for matching (NFKC_Casefold), and its diacritic-free variant.
std::string fold(std::string_view s);
std::string ascii_fold(std::string_view folded);

}  // namespace styrkoll
