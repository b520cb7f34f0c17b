#include <string>

#include "commands.h"

namespace styrkoll::cli {

namespace json = boost::json;

json::object document_to_json(const Document& doc) {
  const Metadata& m = doc.metadata();
  json::object meta;
  meta["path"] = m.path;
  meta["format"] = std::string(format_name(m.format));
  meta["sha256"] = m.sha256;
  meta["size_bytes"] = m.size_bytes;
  meta["title"] = m.title;
  meta["author"] = m.author;
  meta["created"] = m.created;
  meta["modified"] = m.modified;
  meta["producer"] = m.producer;
  meta["pages"] = m.page_count;

  json::array blocks;
  for (std::size_t i = 0; i < doc.blocks().size(); ++i) {
    const Block& b = doc.blocks()[i];
    json::object o;
    o["kind"] = std::string(block_kind_name(b.kind));
    if (b.kind == BlockKind::heading || b.kind == BlockKind::list_item) o["level"] = b.level;
    if (!b.numbering.empty()) o["numbering"] = b.numbering;
    if (b.page > 0) o["page"] = b.page;
    if (b.paragraph_index >= 0) o["paragraph"] = b.paragraph_index;
    if (b.kind == BlockKind::table_cell) {
      o["table"] = b.table;
      o["row"] = b.row;
      o["column"] = b.column;
    }
    json::array section;
    for (const auto& s : doc.section_path(i)) section.emplace_back(s);
    o["section"] = std::move(section);
    o["char_start"] = doc.char_index(b.begin);
    o["char_end"] = doc.char_index(b.end);
    o["text"] = std::string(doc.block_text(b));
    blocks.push_back(std::move(o));
  }
  json::array running, warnings;
  for (const auto& r : doc.running_text()) running.emplace_back(r);
  for (const auto& w : doc.warnings()) warnings.emplace_back(w);

  json::object out;
  out["metadata"] = std::move(meta);
  out["blocks"] = std::move(blocks);
  out["running_text"] = std::move(running);
  out["warnings"] = std::move(warnings);
  return out;
}

}  // namespace styrkoll::cli

