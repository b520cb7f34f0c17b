// Encodings used by the scan: a Document with its tokens for the cache (so
// a changed rule pack re-runs analysis without parsing or tokenising), and a
// document's analysis as the `documents[]` entry of the report schema.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "styrkoll/analysis.h"
#include "styrkoll/document.h"
#include "styrkoll/status.h"
#include "styrkoll/text.h"

namespace styrkoll::scan {

// The cache's binary form of a document (metadata, blocks, running text,
// warnings) and, when given, its analysed text (text/token_codec).
std::string encode_cached_document(const Document& doc, const AnalyzedText* tokens);

struct CachedDocument {
  Document document;
  std::optional<AnalyzedText> tokens;  // none when they were not stored or do not decode (tokenise again)
};
// Decodes a row made by encode_cached_document. Errors: corrupt, when the
// row is damaged or of another encoding (then read the file again). Never
// throws on bad input; tokens refer to `lexicon`.
Result<CachedDocument> decode_cached_document(std::string_view row, const Lexicon& lexicon);

// The report entry of an analysed document. Path-dependent fields (path,
// fingerprints) are filled in by the report builder.
boost::json::object analysis_entry(const Document& doc, const DocumentAnalysis& a, const RulePack& pack);
// The report entry of a document that could not be read.
// `code` is an error_code_name() or "crashed"; needs_ocr gets its own status.
boost::json::object error_entry(const std::string& path, const std::string& sha256, const std::string& code,
                                const std::string& message);

}  // namespace styrkoll::scan
