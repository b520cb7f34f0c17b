// The per-format ingesters behind ingest_file()/ingest_memory().
// Each gets the whole input in memory and a Metadata already holding path,
// format, size and sha256; each returns a Document or a typed Status whose
// message starts with the input's name.
#pragma once

#include <string>
#include <string_view>

#include "ingest/hyphenation.h"
#include "styrkoll/document.h"
#include "styrkoll/ingest.h"
#include "styrkoll/status.h"

namespace styrkoll::ingest {

struct Input {
  std::string_view bytes;
  std::string name;  // for messages
  const IngestOptions* options;
  Metadata meta;
};

Result<Document> ingest_pdf(const Input& in);
Result<Document> ingest_docx(const Input& in);
Result<Document> ingest_odt(const Input& in);
Result<Document> ingest_html(const Input& in);
Result<Document> ingest_markdown(const Input& in);
Result<Document> ingest_txt(const Input& in);

// Decodes a text file's bytes to UTF-8: strips a UTF-8 BOM, converts
// UTF-16 (with BOM) and Windows-1252 when the bytes are not valid UTF-8.
// `encoding` receives "utf-8", "utf-16" or "windows-1252".
std::string decode_text_bytes(std::string_view bytes, std::string* encoding = nullptr);

// The dictionary check used to resolve line-end hyphens (options.dictionary,
// else the shared Swedish dictionary). Empty when no dictionary is available;
// `warning` then receives a message for the document.
WordCheck word_check(const Input& in, std::string* warning);

inline Status error(ErrorCode code, const Input& in, const std::string& what) {
  return Status(code, in.name + ": " + what);
}

}  // namespace styrkoll::ingest
