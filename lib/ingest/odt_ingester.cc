// ODT (OpenDocument Text): content.xml with outline-levelled headings,
// lists, tables and notes; meta.xml for properties. Tracked changes are
// resolved as accepted: the deleted text lives in text:tracked-changes,
// which is skipped.
#include <algorithm>
#include <cstring>

#include "ingest/document_builder.h"
#include "ingest/ingesters.h"
#include "ingest/xml_util.h"
#include "ingest/zip_archive.h"

namespace styrkoll::ingest {

namespace {

const char* const kText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const char* const kTable = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const char* const kOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
const char* const kMeta = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";
const char* const kDraw = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";

bool is_t(const xmlNode* n, const char* name) { return is_element(n, kText, name); }

class OdtReader {
 public:
  explicit OdtReader(DocumentBuilder& db) : db_(db) {}

  void walk(const xmlNode* container, int list_depth, int depth) {
    if (depth > 64) {
      too_deep_ = true;
      return;
    }
    for (const xmlNode* c = container->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (is_t(c, "h")) {
        BlockAttrs a;
        a.level = std::atoi(attribute(c, kText, "outline-level").c_str());
        if (a.level <= 0) a.level = 1;
        a.paragraph_index = para_++;
        std::string t = inline_text(c);
        db_.add(BlockKind::heading, t, a);
        flush_notes();
      } else if (is_t(c, "p")) {
        BlockAttrs a;
        a.paragraph_index = para_++;
        a.level = list_depth;
        db_.add(list_depth > 0 ? BlockKind::list_item : BlockKind::paragraph, inline_text(c), a);
        flush_notes();
      } else if (is_t(c, "list")) {
        walk(c, list_depth + 1, depth + 1);
      } else if (is_t(c, "list-item") || is_t(c, "list-header")) {
        walk(c, list_depth, depth + 1);
      } else if (is_element(c, kTable, "table")) {
        table(c, depth + 1);
      } else if (is_t(c, "tracked-changes") || is_element(c, kOffice, "forms") ||
                 is_t(c, "sequence-decls") || is_t(c, "variable-decls") || is_t(c, "table-of-content")) {
        continue;
      } else {
        walk(c, list_depth, depth + 1);  // text:section, text:soft-page-break containers, draw frames
      }
    }
  }

 bool too_deep() const { return too_deep_; }

 private:
  std::string inline_text(const xmlNode* n) {
    std::string out;
    collect(n, out, 0);
    return out;
  }

  void collect(const xmlNode* n, std::string& out, int depth) {
    if (depth > 64) {
      too_deep_ = true;
      return;
    }
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE) {
        if (c->content) out += reinterpret_cast<const char*>(c->content);
      } else if (c->type != XML_ELEMENT_NODE) {
        continue;
      } else if (is_t(c, "s")) {
        int count = std::clamp(std::atoi(attribute(c, kText, "c").c_str()), 1, 64);
        out.append(static_cast<std::size_t>(count), ' ');
      } else if (is_t(c, "tab") || is_t(c, "line-break")) {
        out += ' ';
      } else if (is_t(c, "soft-hyphen")) {
        out += "\xC2\xAD";
      } else if (is_t(c, "note")) {
        if (const xmlNode* body = child(c, kText, "note-body")) notes_.push_back(text_content(body));
      } else if (is_t(c, "tracked-changes") || is_t(c, "change") || is_t(c, "change-start") ||
                 is_t(c, "change-end") || is_t(c, "bookmark-ref") || is_element(c, kOffice, "annotation")) {
        continue;
      } else if (is_element(c, kDraw, "frame")) {
        continue;  // text boxes are read as their own blocks below
      } else {
        collect(c, out, depth + 1);  // span, a, bookmark, ruby ...
      }
    }
  }

  void flush_notes() {
    auto notes = std::move(notes_);
    notes_.clear();
    for (const auto& n : notes) db_.add(BlockKind::footnote, n, {});
  }

  void table(const xmlNode* tbl, int depth) {
    int t = table_no_++;
    int row = 0;
    table_rows(tbl, t, row, depth);
  }

  void table_rows(const xmlNode* n, int t, int& row, int depth) {
    if (depth > 64) {
      too_deep_ = true;
      return;
    }
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (is_element(c, kTable, "table-row")) {
        int col = 0;
        for (const xmlNode* cell = c->children; cell; cell = cell->next) {
          if (is_element(cell, kTable, "covered-table-cell")) {
            ++col;
            continue;
          }
          if (!is_element(cell, kTable, "table-cell")) continue;
          std::string text;
          for (const xmlNode* p = cell->children; p; p = p->next) {
            std::string part = is_t(p, "p") || is_t(p, "h") ? inline_text(p) : text_content(p);
            if (!text.empty() && !part.empty()) text += ' ';
            text += part;
          }
          BlockAttrs a;
          a.table = t;
          a.row = row;
          a.column = col;
          a.paragraph_index = para_++;
          db_.add(BlockKind::table_cell, text, a);
          flush_notes();
          int span = std::atoi(attribute(cell, kTable, "number-columns-spanned").c_str());
          col += std::clamp(span, 1, 64);
        }
        ++row;
      } else if (c->type == XML_ELEMENT_NODE) {
        table_rows(c, t, row, depth + 1);  // table-header-rows, table-rows, table-row-group
      }
    }
  }

  DocumentBuilder& db_;
  bool too_deep_ = false;
  std::vector<std::string> notes_;
  int para_ = 0;
  int table_no_ = 0;
};

void read_meta(ZipArchive& zip, const Input& in, Metadata& m) {
  if (!zip.has("meta.xml")) return;
  auto xml = zip.read("meta.xml");
  if (!xml.ok()) return;
  auto doc = parse_xml(xml.value(), in.name + ": meta.xml");
  if (!doc.ok()) return;
  const xmlNode* root = xmlDocGetRootElement(doc.value().get());
  const xmlNode* meta = child(root, kOffice, "meta");
  for (const xmlNode* n = meta ? meta->children : nullptr; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    std::string nm = name_of(n);
    if (nm == "title") m.title = text_content(n);
    else if (nm == "initial-creator") m.author = text_content(n);
    else if (nm == "creator" && m.author.empty()) m.author = text_content(n);
    else if (nm == "creation-date") m.created = text_content(n);
    else if (nm == "date") m.modified = text_content(n);
    else if (nm == "generator") m.producer = text_content(n);
    else if (nm == "document-statistic") m.page_count = std::atoi(attribute(n, kMeta, "page-count").c_str());
  }
}

}  // namespace

Result<Document> ingest_odt(const Input& in) {
  auto zip = ZipArchive::open(in.bytes, in.name, in.options->max_member_bytes,
                              in.options->max_total_inflated_bytes);
  if (!zip.ok()) return zip.status();
  ZipArchive& z = *zip.value();
  if (z.has("META-INF/manifest.xml")) {
    auto manifest = z.read("META-INF/manifest.xml");
    if (manifest.ok() && manifest.value().find("encryption-data") != std::string::npos) {
      return error(ErrorCode::encrypted, in, "password-protected OpenDocument file");
    }
  }
  if (z.has("mimetype")) {
    auto mt = z.read("mimetype");
    if (mt.ok() && mt.value().find("opendocument.text") == std::string::npos) {
      return error(ErrorCode::unsupported_format, in, "OpenDocument file of type '" + mt.value() +
                                                          "' (only text documents are read)");
    }
  }
  if (!z.has("content.xml")) return error(ErrorCode::corrupt, in, "not a readable ODT: content.xml is missing");
  auto xml = z.read("content.xml");
  if (!xml.ok()) return xml.status();
  std::string recovered;
  auto doc = parse_xml(xml.value(), in.name + ": content.xml", &recovered);
  if (!doc.ok()) return doc.status();

  DocumentBuilder db(in.meta);
  if (!recovered.empty()) db.warn("content.xml is malformed (" + recovered + "); text after the error may be missing");
  read_meta(z, in, db.metadata());
  const xmlNode* root = xmlDocGetRootElement(doc.value().get());
  const xmlNode* body = child(root, kOffice, "body");
  const xmlNode* text = child(body, kOffice, "text");
  if (!text) return error(ErrorCode::corrupt, in, "content.xml has no office:text body");
  OdtReader reader(db);
  reader.walk(text, 0, 0);
  if (reader.too_deep()) db.warn("content nested deeper than the reader follows was skipped");
  if (db.block_count() == 0) return error(ErrorCode::empty_file, in, "the document contains no text");
  return db.finish();
}

}  // namespace styrkoll::ingest
