// A cached document row (scan/document_codec, text/token_codec): whatever
// the bytes, decoding refuses them or gives a document whose tokens and
// sentences stay inside its text, and that encodes and decodes again to the
// same text and token count.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "scan/document_codec.h"
#include "styrkoll/lexicon.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto lexicon = styrkoll::Lexicon::shared();
  if (!lexicon) std::abort();  // the Swedish dictionary (hunspell-sv-se) is required
  std::string_view row(reinterpret_cast<const char*>(data), size);
  auto c = styrkoll::scan::decode_cached_document(row, *lexicon);
  if (!c.ok()) return 0;
  const styrkoll::Document& doc = c.value().document;
  const auto& tokens = c.value().tokens;
  if (tokens) {
    for (const styrkoll::Token& t : tokens->tokens) {
      if (t.begin > t.end || t.end > doc.text().size() || t.sentence >= tokens->sentences.size() || !t.analysis) std::abort();
    }
    for (const styrkoll::Sentence& s : tokens->sentences) {
      if (s.begin > s.end || s.end > doc.text().size() || s.first_token + s.token_count > tokens->tokens.size()) std::abort();
    }
  }
  std::string again = styrkoll::scan::encode_cached_document(doc, tokens ? &*tokens : nullptr);
  auto back = styrkoll::scan::decode_cached_document(again, *lexicon);
  if (!back.ok() || back.value().document.text() != doc.text() ||
      back.value().tokens.has_value() != tokens.has_value() ||
      (tokens && back.value().tokens->tokens.size() != tokens->tokens.size())) {
    std::abort();
  }
  return 0;
}
