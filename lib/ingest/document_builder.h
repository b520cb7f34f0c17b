// DocumentBuilder: the one place where Blocks become a Document. Ingesters
// add blocks in reading order; the builder cleans their text, lays out the
// plain text, and computes offsets and section paths.
#pragma once

#include <string>
#include <string_view>

#include "styrkoll/document.h"

namespace styrkoll {

struct BlockAttrs {
  int level = 0;
  std::string numbering;
  int page = 0;
  int paragraph_index = -1;
  int table = -1, row = -1, column = -1;
};

class DocumentBuilder {
 public:
  explicit DocumentBuilder(Metadata meta);

  // Adds a block. The text is cleaned (core::clean_text); a block whose text
  // is empty after cleaning is dropped. For headings without an explicit
  // numbering, a leading "3.2" / "3.2." / "3 " number is recognised, and a
  // level of 0 is taken from the numbering depth (1 when unnumbered).
  void add(BlockKind kind, std::string_view text, BlockAttrs attrs = {});
  // The same for text that is already clean (a Document read back from the
  // cache): no second clean-up pass.
  void add_clean(BlockKind kind, std::string_view text, BlockAttrs attrs = {});

  // Running header/footer text (kept once, as metadata).
  void add_running_text(std::string_view text);
  void warn(std::string message);

  std::size_t block_count() const { return doc_.blocks_.size(); }
  Metadata& metadata() { return doc_.meta_; }

  Document finish();

 private:
  Document doc_;
  std::vector<std::pair<int, std::uint32_t>> heading_stack_;  // (level, block index)
};

// "3.2.1 Text" -> "3.2.1"; "3. Text" -> "3"; "Text" -> "". Only numbers
// followed by whitespace and a letter count (so "2024 års budget" is not one).
std::string leading_numbering(std::string_view text);

}  // namespace styrkoll
