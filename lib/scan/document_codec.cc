#include "scan/document_codec.h"

#include "ingest/document_builder.h"

namespace styrkoll::scan {

namespace json = boost::json;

namespace {

std::string str(const json::object& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string();
}
std::int64_t num(const json::object& o, const char* key, std::int64_t def = 0) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_int64() ? it->value().as_int64() : def;
}

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

json::array strings(const std::vector<std::string>& v) {
  json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

}  // namespace

json::object encode_document(const Document& doc) {
  const Metadata& m = doc.metadata();
  json::object meta{{"path", m.path},         {"format", std::string(format_name(m.format))},
                    {"sha256", m.sha256},     {"size_bytes", m.size_bytes},
                    {"title", m.title},       {"author", m.author},
                    {"created", m.created},   {"modified", m.modified},
                    {"producer", m.producer}, {"pages", m.page_count}};
  json::array blocks;
  for (const Block& b : doc.blocks()) {
    json::object o{{"k", static_cast<int>(b.kind)}, {"t", std::string(doc.block_text(b))}};
    if (b.level) o["l"] = b.level;
    if (!b.numbering.empty()) o["n"] = b.numbering;
    if (b.page) o["p"] = b.page;
    if (b.paragraph_index >= 0) o["i"] = b.paragraph_index;
    if (b.table >= 0) {
      o["tb"] = b.table;
      o["r"] = b.row;
      o["c"] = b.column;
    }
    blocks.push_back(std::move(o));
  }
  return {{"v", 1}, {"metadata", std::move(meta)}, {"blocks", std::move(blocks)},
          {"running", strings(doc.running_text())}, {"warnings", strings(doc.warnings())}};
}

Result<Document> decode_document(const json::value& v) {
  if (!v.is_object() || num(v.as_object(), "v") != 1) return Status(ErrorCode::corrupt, "cached document: unknown encoding");
  const json::object& o = v.as_object();
  const json::object* meta = o.if_contains("metadata") ? o.at("metadata").if_object() : nullptr;
  const json::array* blocks = o.if_contains("blocks") ? o.at("blocks").if_array() : nullptr;
  if (!meta || !blocks) return Status(ErrorCode::corrupt, "cached document: missing fields");
  Metadata m;
  m.path = str(*meta, "path");
  std::string fmt = str(*meta, "format");
  for (Format f : {Format::pdf, Format::docx, Format::odt, Format::txt, Format::markdown, Format::html}) {
    if (format_name(f) == fmt) m.format = f;
  }
  m.sha256 = str(*meta, "sha256");
  m.size_bytes = static_cast<std::uint64_t>(num(*meta, "size_bytes"));
  m.title = str(*meta, "title");
  m.author = str(*meta, "author");
  m.created = str(*meta, "created");
  m.modified = str(*meta, "modified");
  m.producer = str(*meta, "producer");
  m.page_count = static_cast<int>(num(*meta, "pages"));
  DocumentBuilder db(m);
  for (const auto& bv : *blocks) {
    if (!bv.is_object()) return Status(ErrorCode::corrupt, "cached document: bad block");
    const json::object& b = bv.as_object();
    BlockAttrs a;
    a.level = static_cast<int>(num(b, "l"));
    a.numbering = str(b, "n");
    a.page = static_cast<int>(num(b, "p"));
    a.paragraph_index = static_cast<int>(num(b, "i", -1));
    a.table = static_cast<int>(num(b, "tb", -1));
    a.row = static_cast<int>(num(b, "r", -1));
    a.column = static_cast<int>(num(b, "c", -1));
    auto kind = static_cast<BlockKind>(num(b, "k"));
    db.add_clean(kind, str(b, "t"), a);
  }
  if (const json::array* r = o.if_contains("running") ? o.at("running").if_array() : nullptr) {
    for (const auto& s : *r) {
      if (s.is_string()) db.add_running_text(std::string(s.as_string()));
    }
  }
  if (const json::array* w = o.if_contains("warnings") ? o.at("warnings").if_array() : nullptr) {
    for (const auto& s : *w) {
      if (s.is_string()) db.warn(std::string(s.as_string()));
    }
  }
  return db.finish();
}

json::object analysis_entry(const Document& doc, const DocumentAnalysis& a, const RulePack& pack) {
  json::object o;
  o["path"] = doc.metadata().path;
  o["sha256"] = doc.metadata().sha256;
  o["format"] = std::string(format_name(doc.metadata().format));
  o["pages"] = doc.metadata().page_count;
  o["title"] = doc.metadata().title;
  bool in_scope = pack.find_type(a.doc_type.type_id) != nullptr;
  o["status"] = in_scope ? "analyzed" : "out_of_scope";
  o["error"] = nullptr;
  // Only when there are some, so reports of clean archives keep their shape.
  if (!doc.warnings().empty()) o["warnings"] = strings(doc.warnings());
  const DocumentTypeInfo* t = pack.find_type(a.doc_type.type_id);
  o["doc_type"] = json::object{{"id", a.doc_type.type_id},
                               {"name", t ? t->name : std::string("Inte ett styrdokument")},
                               {"confidence", a.doc_type.confidence},
                               {"source", a.doc_type.source},
                               {"reasons", strings(a.doc_type.reasons)}};
  o["wc_explicit"] = std::string(coverage_name(a.wc_explicit));
  json::array wc;
  for (const auto& e : a.wc_evidence) wc.push_back(evidence_json(e));
  o["wc_evidence"] = std::move(wc);
  o["coverage_score"] = in_scope ? json::value(a.coverage_score) : json::value(nullptr);
  json::array ps;
  for (const auto& p : a.perspectives) {
    json::array ev;
    for (const auto& e : p.evidence) ev.push_back(evidence_json(e));
    ps.push_back(json::object{{"id", p.id},
                              {"name", pack.perspective_name(p.id)},
                              {"coverage", std::string(coverage_name(p.coverage))},
                              {"reasons", strings(p.reasons)},
                              {"evidence", std::move(ev)},
                              {"message", p.message},
                              {"recommendation", p.recommendation},
                              {"rule_ids", strings(p.rule_ids)},
                              {"fingerprint", ""}});
  }
  o["perspectives"] = std::move(ps);
  return o;
}

json::object error_entry(const std::string& path, const std::string& sha256, const std::string& code,
                         const std::string& message) {
  json::object o;
  o["path"] = path;
  o["sha256"] = sha256;
  o["format"] = "unknown";
  o["pages"] = 0;
  o["title"] = "";
  o["status"] = code == "needs_ocr" ? "needs_ocr" : "error";
  o["error"] = json::object{{"code", code}, {"message", message}};
  o["doc_type"] = nullptr;
  o["wc_explicit"] = nullptr;
  o["coverage_score"] = nullptr;
  o["perspectives"] = json::array();
  return o;
}

}  // namespace styrkoll::scan
