// Ingestion: turn a file (or bytes) into a Document.
//
// The format is chosen by content (magic bytes and structure), never by the
// file extension alone; the extension only breaks ties between plain-text
// formats (.md vs .txt). Supported: PDF (poppler), DOCX, ODT, HTML,
// Markdown and plain text (UTF-8, or Windows-1252/Latin-1 detected and
// converted).
//
// Errors (Status codes, message always names the file):
//   unsupported_format  images, spreadsheets, legacy .doc, unknown binaries
//   corrupt             truncated or unparsable PDF/ZIP/XML; DOCX without word/document.xml
//   encrypted           PDF needing a user password (an empty one is tried first);
//                       password-protected DOCX/ODT
//   empty_file          zero bytes or no text at all in a text format
//   too_large           the file, or a ZIP member once inflated, exceeds the limits below
//   needs_ocr           a PDF with no usable text layer (scanned)
//   io_error            cannot open or read the file
//
// Thread-safety: ingest_file/ingest_memory may be called concurrently from
// many threads; each call works on its own parser objects. XML parsing never
// touches the network and never loads external entities.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "styrkoll/document.h"
#include "styrkoll/status.h"

namespace styrkoll {

class Dictionary;

struct IngestOptions {
  // Largest input file accepted (bytes).
  std::uint64_t max_file_bytes = 512ull << 20;
  // Largest inflated size of one ZIP member (DOCX/ODT XML parts), against zip bombs.
  std::uint64_t max_member_bytes = 128ull << 20;
  // Largest total inflated size read from one ZIP archive.
  std::uint64_t max_total_inflated_bytes = 256ull << 20;
  // PDF pages beyond this are not read (a warning says so).
  int max_pdf_pages = 5000;
  // A PDF page counts as having a text layer with at least this many letters.
  int min_letters_per_page = 20;
  // Word list used to decide whether a line-end hyphen joins a word
  // ("välfärds-|brottslighet" -> "välfärdsbrottslighet"). Null: the shared
  // Swedish dictionary (Dictionary::shared()). If no dictionary can be
  // loaded, hyphens are kept and a warning is added.
  std::shared_ptr<const Dictionary> dictionary;
};

// Detects the format from the first bytes (and, for ZIP files, the member
// names). `name_hint` (a file name) only separates Markdown from plain text.
// Returns Format::unknown when nothing matches.
Format detect_format(std::string_view bytes, std::string_view name_hint = {});

// Reads and ingests one file. The Document's metadata.path is `path`.
Result<Document> ingest_file(const std::string& path, const IngestOptions& options = {});

// Ingests bytes already in memory. `name` is used in messages and as the
// name hint for format detection (may be empty); `format` may force a format
// (Format::unknown = detect).
Result<Document> ingest_memory(std::string_view bytes, const std::string& name,
                               Format format = Format::unknown,
                               const IngestOptions& options = {});

}  // namespace styrkoll
