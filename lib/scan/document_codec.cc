#include "scan/document_codec.h"

#include "core/bytes.h"
#include "core/unicode.h"
#include "ingest/document_builder.h"
#include "text/token_codec.h"

namespace styrkoll::scan {

namespace json = boost::json;

namespace {

// The encoding of a cached document; another value is refused.
constexpr std::string_view kMagic = "styrkoll-document/2";

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

std::string encode_cached_document(const Document& doc, const AnalyzedText* tokens) {
  std::string out;
  out.reserve(doc.text().size() + doc.blocks().size() * 12 + (tokens ? tokens->tokens.size() * 5 : 0) + 256);
  core::ByteWriter w(out);
  w.put(kMagic);
  const Metadata& m = doc.metadata();
  for (const std::string* s : {&m.path, &m.sha256, &m.title, &m.author, &m.created, &m.modified, &m.producer}) w.put(*s);
  w.put(static_cast<std::uint64_t>(m.format));
  w.put(m.size_bytes);
  w.put_signed(m.page_count);
  w.put(static_cast<std::uint64_t>(doc.blocks().size()));
  for (const Block& b : doc.blocks()) {
    w.put(static_cast<std::uint64_t>(b.kind));
    for (int v : {b.level, b.page, b.paragraph_index, b.table, b.row, b.column}) w.put_signed(v);
    w.put(b.numbering);
    w.put(doc.block_text(b));
  }
  for (const auto* list : {&doc.running_text(), &doc.warnings()}) {
    w.put(static_cast<std::uint64_t>(list->size()));
    for (const auto& s : *list) w.put(s);
  }
  w.put(static_cast<std::uint64_t>(tokens ? 1 : 0));
  if (tokens) text::encode_tokens(*tokens, doc.text().size(), out);
  return out;
}

Result<CachedDocument> decode_cached_document(std::string_view row, const Lexicon& lexicon) {
  const Status corrupt(ErrorCode::corrupt, "cached document: damaged or of another encoding");
  core::ByteReader r(row);
  std::string_view magic;
  if (!r.get(magic) || magic != kMagic) return corrupt;
  Metadata m;
  for (std::string* s : {&m.path, &m.sha256, &m.title, &m.author, &m.created, &m.modified, &m.producer}) {
    if (!r.get(*s)) return corrupt;
  }
  std::uint64_t format, nblocks;
  if (!r.get(format) || format > static_cast<std::uint64_t>(Format::html) || !r.get(m.size_bytes) ||
      !r.get_int(m.page_count) || !r.get(nblocks) || nblocks > r.remaining()) {
    return corrupt;
  }
  m.format = static_cast<Format>(format);
  DocumentBuilder db(m);
  for (std::uint64_t k = 0; k < nblocks; ++k) {
    std::uint64_t kind;
    BlockAttrs a;
    std::string_view text;
    if (!r.get(kind) || kind > static_cast<std::uint64_t>(BlockKind::footnote) || !r.get_int(a.level) || !r.get_int(a.page) ||
        !r.get_int(a.paragraph_index) || !r.get_int(a.table) || !r.get_int(a.row) || !r.get_int(a.column) ||
        !r.get(a.numbering) || !r.get(text) || text.empty()) {
      return corrupt;
    }
    // Damage inside a text would reach the report as invalid UTF-8.
    if (!core::is_valid_utf8(text)) return corrupt;
    db.add_clean(static_cast<BlockKind>(kind), text, std::move(a));
  }
  for (int list = 0; list < 2; ++list) {
    std::uint64_t n;
    if (!r.get(n) || n > r.remaining()) return corrupt;
    for (std::uint64_t k = 0; k < n; ++k) {
      std::string_view s;
      if (!r.get(s) || !core::is_valid_utf8(s)) return corrupt;
      if (list == 0) db.add_running_text(s);
      else db.warn(std::string(s));
    }
  }
  std::uint64_t has_tokens;
  if (!r.get(has_tokens) || has_tokens > 1) return corrupt;
  if (!has_tokens && !r.done()) return corrupt;
  for (const std::string* s : {&m.path, &m.sha256, &m.title, &m.author, &m.created, &m.modified, &m.producer}) {
    if (!core::is_valid_utf8(*s)) return corrupt;
  }
  CachedDocument c{db.finish(), std::nullopt};
  if (has_tokens) {
    std::string_view rest = row.substr(row.size() - r.remaining());
    c.tokens = text::decode_tokens(rest, c.document.text(), lexicon);
  }
  return c;
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
  if (a.doc_type.uncertain) {
    // Only when close, so reports of clear archives keep their shape.
    const DocumentTypeInfo* r = pack.find_type(a.doc_type.runner_up);
    o["doc_type"].as_object()["uncertain"] = true;
    o["doc_type"].as_object()["runner_up"] =
        json::object{{"id", a.doc_type.runner_up}, {"name", r ? r->name : std::string("Inte ett styrdokument")}};
  }
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
