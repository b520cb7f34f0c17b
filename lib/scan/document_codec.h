// JSON encodings used by the scan: a Document for the cache (so a changed
// rule pack re-runs analysis without re-parsing), and a document's analysis
// as the `documents[]` entry of the report schema.
#pragma once

#include <boost/json.hpp>

#include "styrkoll/analysis.h"
#include "styrkoll/document.h"
#include "styrkoll/status.h"

namespace styrkoll::scan {

boost::json::object encode_document(const Document& doc);
Result<Document> decode_document(const boost::json::value& v);

// The report entry of an analysed document. Path-dependent fields (path,
// fingerprints) are filled in by the report builder.
boost::json::object analysis_entry(const Document& doc, const DocumentAnalysis& a, const RulePack& pack);
// The report entry of a document that could not be read.
// `code` is an error_code_name() or "crashed"; needs_ocr gets its own status.
boost::json::object error_entry(const std::string& path, const std::string& sha256, const std::string& code,
                                const std::string& message);

}  // namespace styrkoll::scan
