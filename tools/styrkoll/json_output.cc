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

namespace styrkoll::cli {

namespace {

json::object evidence_json(const Evidence& e) {
  json::object o;
  o["page"] = e.page;
  json::array section;
  for (const auto& s : e.section) section.emplace_back(s);
  o["section"] = std::move(section);
  o["quote"] = e.quote;
  o["char_start"] = e.char_start;
  o["char_end"] = e.char_end;
  json::array markers;
  for (const auto& m : e.markers) markers.emplace_back(m);
  o["markers"] = std::move(markers);
  o["strength"] = std::string(coverage_name(e.strength));
  o["rule_id"] = e.rule_id;
  return o;
}

}  // namespace

json::object analysis_to_json(const Document& doc, const DocumentAnalysis& a, const RulePack& pack) {
  json::object o;
  o["path"] = doc.metadata().path;
  o["sha256"] = doc.metadata().sha256;
  o["format"] = std::string(format_name(doc.metadata().format));
  o["pages"] = doc.metadata().page_count;
  o["title"] = doc.metadata().title;
  json::object type;
  type["id"] = a.doc_type.type_id;
  type["confidence"] = a.doc_type.confidence;
  type["source"] = a.doc_type.source;
  json::array reasons;
  for (const auto& r : a.doc_type.reasons) reasons.emplace_back(r);
  type["reasons"] = std::move(reasons);
  o["doc_type"] = std::move(type);
  o["wc_explicit"] = std::string(coverage_name(a.wc_explicit));
  o["coverage_score"] = a.coverage_score;
  json::array ps;
  for (const auto& p : a.perspectives) {
    json::object po;
    po["id"] = p.id;
    po["name"] = pack.perspective_name(p.id);
    po["coverage"] = std::string(coverage_name(p.coverage));
    json::array rs, ev, ids;
    for (const auto& r : p.reasons) rs.emplace_back(r);
    for (const auto& e : p.evidence) ev.push_back(evidence_json(e));
    for (const auto& id : p.rule_ids) ids.emplace_back(id);
    po["reasons"] = std::move(rs);
    po["evidence"] = std::move(ev);
    po["message"] = p.message;
    po["recommendation"] = p.recommendation;
    po["rule_ids"] = std::move(ids);
    ps.push_back(std::move(po));
  }
  o["perspectives"] = std::move(ps);
  return o;
}

}  // namespace styrkoll::cli
