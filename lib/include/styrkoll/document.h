// The document model: what every ingester produces and every later stage
// (text analysis, rules, reports) reads.
//
// A Document is an ordered list of Blocks (headings, paragraphs, list items,
// table cells, footnotes) plus the document's plain text. Each block's text
// is a slice of that plain text: text().substr(block.begin, block.end - block.begin).
// Offsets are UTF-8 byte offsets; use Document::char_index() to turn them into
// Unicode code point indexes (what a JSON report quotes).
//
// Ownership: a Document is a value; it owns all its strings.
// Thread-safety: const access from many threads is safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace styrkoll {

enum class Format { unknown, pdf, docx, odt, txt, markdown, html };
std::string_view format_name(Format f);  // "pdf", "docx", "odt", "txt", "markdown", "html"

enum class BlockKind { heading, paragraph, list_item, table_cell, footnote };
std::string_view block_kind_name(BlockKind k);  // "heading", "paragraph", ...

struct Block {
  BlockKind kind = BlockKind::paragraph;
  // Heading level 1..9 for headings; nesting depth (1 = top) for list items; 0 otherwise.
  int level = 0;
  // Heading or list numbering as printed or computed, e.g. "3.2" (no trailing dot); may be empty.
  std::string numbering;
  // 1-based page for paged formats (PDF); 0 when the format has no pages.
  int page = 0;
  // 0-based index of the source paragraph (DOCX/ODT paragraphs, HTML/Markdown/TXT blocks); -1 for PDF.
  int paragraph_index = -1;
  // For table cells: 0-based table number within the document, row and column; -1 otherwise.
  int table = -1, row = -1, column = -1;
  // Byte range of this block's text in Document::text().
  std::size_t begin = 0, end = 0;
  // Indexes (into Document::blocks()) of the headings above this block, outermost first.
  std::vector<std::uint32_t> section;
};

struct Metadata {
  std::string path;       // as given to the ingester (may be empty for memory input)
  Format format = Format::unknown;
  std::string sha256;     // lowercase hex of the input bytes
  std::uint64_t size_bytes = 0;
  std::string title;      // from document properties, else the first heading; may be empty
  std::string author;
  std::string created;    // ISO 8601 ("2024-11-20T10:00:00Z") or empty
  std::string modified;   // ISO 8601 or empty
  std::string producer;   // PDF producer / generating application, when known
  int page_count = 0;     // PDF pages; DOCX/ODT page count from properties when present; else 0
};

class Document {
 public:
  Document() = default;

  const Metadata& metadata() const { return meta_; }
  Metadata& mutable_metadata() { return meta_; }

  const std::vector<Block>& blocks() const { return blocks_; }
  const std::string& text() const { return text_; }
  std::string_view block_text(const Block& b) const {
    return std::string_view(text_).substr(b.begin, b.end - b.begin);
  }
  // Heading texts above block i, outermost first, e.g. {"3 Styrning", "3.2 Satsningar"}.
  std::vector<std::string> section_path(std::size_t i) const;
  // The section path joined with " > ".
  std::string section_label(std::size_t i) const;
  // Code point index of a byte offset into text(). O(1) plus a scan of at most 1 KiB.
  std::size_t char_index(std::size_t byte_offset) const;

  // Lines removed as running headers/footers or page numbers (PDF), or the
  // text of header/footer parts (DOCX/ODT), each once.
  const std::vector<std::string>& running_text() const { return running_text_; }
  // Non-fatal problems met while reading (e.g. parser recovery messages).
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  friend class DocumentBuilder;
  Metadata meta_;
  std::vector<Block> blocks_;
  std::string text_;
  std::vector<std::string> running_text_;
  std::vector<std::string> warnings_;
  std::vector<std::size_t> char_checkpoints_;  // code point index at every 1024th byte
};

}  // namespace styrkoll
