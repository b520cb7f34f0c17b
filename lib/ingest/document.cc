#include "styrkoll/document.h"

namespace styrkoll {

std::string_view format_name(Format f) {
  switch (f) {
    case Format::pdf: return "pdf";
    case Format::docx: return "docx";
    case Format::odt: return "odt";
    case Format::txt: return "txt";
    case Format::markdown: return "markdown";
    case Format::html: return "html";
    case Format::unknown: break;
  }
  return "unknown";
}

std::string_view block_kind_name(BlockKind k) {
  switch (k) {
    case BlockKind::heading: return "heading";
    case BlockKind::paragraph: return "paragraph";
    case BlockKind::list_item: return "list_item";
    case BlockKind::table_cell: return "table_cell";
    case BlockKind::footnote: return "footnote";
  }
  return "paragraph";
}

std::vector<std::string> Document::section_path(std::size_t i) const {
  std::vector<std::string> path;
  if (i >= blocks_.size()) return path;
  for (std::uint32_t h : blocks_[i].section) path.emplace_back(block_text(blocks_[h]));
  return path;
}

std::string Document::section_label(std::size_t i) const {
  std::string s;
  for (const auto& p : section_path(i)) {
    if (!s.empty()) s += " > ";
    s += p;
  }
  return s;
}

std::size_t Document::char_index(std::size_t byte_offset) const {
  if (byte_offset > text_.size()) byte_offset = text_.size();
  std::size_t chunk = byte_offset >> 10;
  if (chunk >= char_checkpoints_.size()) return 0;
  std::size_t cps = char_checkpoints_[chunk];
  for (std::size_t i = chunk << 10; i < byte_offset; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++cps;
  }
  return cps;
}

}  // namespace styrkoll
