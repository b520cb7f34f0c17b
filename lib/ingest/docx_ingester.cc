// DOCX (WordprocessingML): word/document.xml in reading order, with heading
// levels resolved through styles.xml (style names and outline levels, never
// the localised style ids), list numbering from numbering.xml, tables,
// footnotes placed after the paragraph that cites them, and tracked changes
// resolved as accepted (insertions kept, deletions dropped).
#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>
#include <set>
#include <vector>

#include "ingest/document_builder.h"
#include "ingest/ingesters.h"
#include "ingest/xml_util.h"
#include "ingest/zip_archive.h"

namespace styrkoll::ingest {

namespace {

const char* const kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const char* const kWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
const char* const kMc = "http://schemas.openxmlformats.org/markup-compatibility/2006";

bool is_w(const xmlNode* n, const char* name) {
  return is_element(n, kW, name) || is_element(n, kWStrict, name);
}

const xmlNode* w_child(const xmlNode* n, const char* name) {
  if (!n) return nullptr;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (is_w(c, name)) return c;
  }
  return nullptr;
}

std::string w_val(const xmlNode* n, const char* attr = "val") {
  if (!n) return {};
  std::string v = attribute(n, kW, attr);
  if (v.empty()) v = attribute(n, kWStrict, attr);
  return v;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

struct Style {
  std::string name;
  std::string based_on;
  int outline_level = -1;  // 0-based, -1 = none
  std::string num_id;
  int num_level = -1;
};

struct NumberingLevel {
  std::string format = "decimal";
  std::string text = "%1.";
  int start = 1;
};

struct Numbering {
  std::map<std::string, std::map<int, NumberingLevel>> abstract;  // abstractNumId -> levels
  std::map<std::string, std::string> num_to_abstract;
  std::map<std::string, std::vector<int>> counters;  // per abstractNumId

  // Advances the counter and renders the label; "" for bullets.
  std::string next(const std::string& num_id, int ilvl, bool* bullet) {
    *bullet = false;
    auto a = num_to_abstract.find(num_id);
    if (a == num_to_abstract.end()) return {};
    auto& levels = abstract[a->second];
    auto& ctr = counters[a->second];
    if (ilvl < 0 || ilvl > 8) ilvl = 0;
    if (ctr.size() < 9) ctr.resize(9, 0);
    auto lvl_it = levels.find(ilvl);
    NumberingLevel lvl = lvl_it == levels.end() ? NumberingLevel{} : lvl_it->second;
    if (lvl.format == "bullet" || lvl.format == "none") {
      *bullet = true;
      return {};
    }
    ctr[ilvl] = ctr[ilvl] == 0 ? lvl.start : ctr[ilvl] + 1;
    for (int k = ilvl + 1; k < 9; ++k) ctr[k] = 0;
    std::string out;
    for (std::size_t i = 0; i < lvl.text.size(); ++i) {
      if (lvl.text[i] == '%' && i + 1 < lvl.text.size() && std::isdigit(static_cast<unsigned char>(lvl.text[i + 1]))) {
        int k = lvl.text[i + 1] - '1';
        ++i;
        if (k < 0 || k > 8) continue;
        auto kl = levels.find(k);
        std::string fmt = kl == levels.end() ? "decimal" : kl->second.format;
        int v = ctr[k] == 0 ? (kl == levels.end() ? 1 : kl->second.start) : ctr[k];
        out += render(v, fmt);
      } else {
        out += lvl.text[i];
      }
    }
    while (!out.empty() && (out.back() == '.' || out.back() == ')' || out.back() == ' ')) out.pop_back();
    return out;
  }

  static std::string render(int v, const std::string& fmt) {
    if (fmt == "lowerLetter" || fmt == "upperLetter") {
      std::string s(1, static_cast<char>('a' + (v - 1) % 26));
      if (fmt == "upperLetter") s[0] = static_cast<char>(std::toupper(s[0]));
      return s;
    }
    if (fmt == "lowerRoman" || fmt == "upperRoman") {
      static const std::pair<int, const char*> table[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                          {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                          {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"},
                                                          {1, "i"}};
      std::string s;
      for (auto [n, r] : table) {
        while (v >= n && s.size() < 20) {
          s += r;
          v -= n;
        }
      }
      if (fmt == "upperRoman") {
        for (char& c : s) c = static_cast<char>(std::toupper(c));
      }
      return s;
    }
    return std::to_string(v);
  }
};

// Heading level 1..9 from a style name such as "heading 2", "Rubrik 2", "Title".
int level_from_style_name(const std::string& raw) {
  std::string n = lower(raw);
  if (n == "title" || n == "rubrik" || n == "titel") return 1;
  for (const char* prefix : {"heading", "rubrik"}) {
    std::size_t len = std::strlen(prefix);
    if (n.compare(0, len, prefix) == 0) {
      std::string rest = n.substr(len);
      rest.erase(std::remove(rest.begin(), rest.end(), ' '), rest.end());
      if (rest.size() == 1 && rest[0] >= '1' && rest[0] <= '9') return rest[0] - '0';
    }
  }
  return 0;
}

class DocxReader {
 public:
  DocxReader(const Input& in, ZipArchive& zip, DocumentBuilder& db) : in_(in), zip_(zip), db_(db) {}

  Status run() {
    load_styles();
    load_numbering();
    load_notes("word/footnotes.xml", "footnote", footnotes_);
    load_notes("word/endnotes.xml", "endnote", endnotes_);
    load_core_properties();
    load_running_text();
    // Notes and headers are parsed with run_text too; whatever they queued
    // points into documents already freed.
    pending_notes_.clear();
    text_boxes_.clear();

    auto xml = zip_.read("word/document.xml");
    if (!xml.ok()) return xml.status();
    std::string recovered;
    auto doc = parse_xml(xml.value(), in_.name + ": word/document.xml", &recovered);
    if (!doc.ok()) return doc.status();
    if (!recovered.empty()) {
      db_.warn("word/document.xml is malformed (" + recovered + "); text after the error may be missing");
    }
    const xmlNode* root = xmlDocGetRootElement(doc.value().get());
    const xmlNode* body = w_child(root, "body");
    if (!body) return Status(ErrorCode::corrupt, in_.name + ": word/document.xml has no w:body");
    walk_blocks(body, 0);
    if (too_deep_) db_.warn("content nested deeper than the reader follows was skipped");
    return Status();
  }

 private:
  Result<XmlDocPtr> part(const std::string& name) {
    if (!zip_.has(name)) return Status(ErrorCode::corrupt, "absent");
    auto xml = zip_.read(name);
    if (!xml.ok()) return xml.status();
    return parse_xml(xml.value(), in_.name + ": " + name);
  }

  void load_styles() {
    auto doc = part("word/styles.xml");
    if (!doc.ok()) return;
    const xmlNode* root = xmlDocGetRootElement(doc.value().get());
    for (const xmlNode* s = root ? root->children : nullptr; s; s = s->next) {
      if (!is_w(s, "style")) continue;
      Style st;
      st.name = w_val(w_child(s, "name"));
      st.based_on = w_val(w_child(s, "basedOn"));
      const xmlNode* ppr = w_child(s, "pPr");
      if (const xmlNode* ol = w_child(ppr, "outlineLvl")) st.outline_level = std::atoi(w_val(ol).c_str());
      if (const xmlNode* np = w_child(ppr, "numPr")) {
        st.num_id = w_val(w_child(np, "numId"));
        std::string il = w_val(w_child(np, "ilvl"));
        st.num_level = il.empty() ? 0 : std::atoi(il.c_str());
      }
      styles_[w_val(s, "styleId")] = st;
    }
  }

  void load_numbering() {
    auto doc = part("word/numbering.xml");
    if (!doc.ok()) return;
    const xmlNode* root = xmlDocGetRootElement(doc.value().get());
    for (const xmlNode* n = root ? root->children : nullptr; n; n = n->next) {
      if (is_w(n, "abstractNum")) {
        auto& levels = numbering_.abstract[w_val(n, "abstractNumId")];
        for (const xmlNode* l = n->children; l; l = l->next) {
          if (!is_w(l, "lvl")) continue;
          NumberingLevel lv;
          if (const xmlNode* f = w_child(l, "numFmt")) lv.format = w_val(f);
          if (const xmlNode* t = w_child(l, "lvlText")) lv.text = w_val(t);
          if (const xmlNode* st = w_child(l, "start")) lv.start = std::atoi(w_val(st).c_str());
          levels[std::atoi(w_val(l, "ilvl").c_str())] = lv;
        }
      } else if (is_w(n, "num")) {
        numbering_.num_to_abstract[w_val(n, "numId")] = w_val(w_child(n, "abstractNumId"));
      }
    }
  }

  void load_notes(const std::string& name, const char* element, std::map<std::string, std::string>& out) {
    auto doc = part(name);
    if (!doc.ok()) return;
    const xmlNode* root = xmlDocGetRootElement(doc.value().get());
    for (const xmlNode* n = root ? root->children : nullptr; n; n = n->next) {
      if (!is_w(n, element)) continue;
      std::string type = w_val(n, "type");
      if (type == "separator" || type == "continuationSeparator" || type == "continuationNotice") continue;
      std::string text;
      for (const xmlNode* p = n->children; p; p = p->next) {
        if (!is_w(p, "p")) continue;
        std::string t = run_text(p);
        if (!text.empty() && !t.empty()) text += ' ';
        text += t;
      }
      out[w_val(n, "id")] = text;
    }
  }

  void load_core_properties() {
    Metadata& m = db_.metadata();
    if (auto doc = part("docProps/core.xml"); doc.ok()) {
      const xmlNode* root = xmlDocGetRootElement(doc.value().get());
      for (const xmlNode* n = root ? root->children : nullptr; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        std::string nm = name_of(n);
        if (nm == "title") m.title = text_content(n);
        else if (nm == "creator") m.author = text_content(n);
        else if (nm == "created") m.created = text_content(n);
        else if (nm == "modified") m.modified = text_content(n);
      }
    }
    if (auto doc = part("docProps/app.xml"); doc.ok()) {
      const xmlNode* root = xmlDocGetRootElement(doc.value().get());
      for (const xmlNode* n = root ? root->children : nullptr; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE) continue;
        std::string nm = name_of(n);
        if (nm == "Pages") m.page_count = std::atoi(text_content(n).c_str());
        else if (nm == "Application") m.producer = text_content(n);
      }
    }
  }

  void load_running_text() {
    for (const std::string& name : zip_.names()) {
      bool hf = name.rfind("word/header", 0) == 0 || name.rfind("word/footer", 0) == 0;
      if (!hf || name.size() < 4 || name.compare(name.size() - 4, 4, ".xml") != 0) continue;
      auto doc = part(name);
      if (!doc.ok()) continue;
      const xmlNode* root = xmlDocGetRootElement(doc.value().get());
      for (const xmlNode* p = root ? root->children : nullptr; p; p = p->next) {
        if (is_w(p, "p")) db_.add_running_text(run_text(p));
      }
    }
  }

  // Style chain lookups (basedOn), bounded against cycles.
  int style_outline(std::string id) const {
    for (int hops = 0; hops < 20 && !id.empty(); ++hops) {
      auto it = styles_.find(id);
      if (it == styles_.end()) return -1;
      if (int l = level_from_style_name(it->second.name)) return l - 1;
      if (it->second.outline_level >= 0) return it->second.outline_level;
      id = it->second.based_on;
    }
    return -1;
  }
  const Style* style_numbering(std::string id) const {
    for (int hops = 0; hops < 20 && !id.empty(); ++hops) {
      auto it = styles_.find(id);
      if (it == styles_.end()) return nullptr;
      if (!it->second.num_id.empty()) return &it->second;
      id = it->second.based_on;
    }
    return nullptr;
  }
  bool style_is_list(std::string id) const {
    for (int hops = 0; hops < 20 && !id.empty(); ++hops) {
      auto it = styles_.find(id);
      if (it == styles_.end()) return false;
      std::string n = lower(it->second.name);
      if (n.find("list") != std::string::npos || n.find("liststycke") != std::string::npos ||
          n.find("punktlista") != std::string::npos || n.find("numrerad lista") != std::string::npos) {
        return true;
      }
      id = it->second.based_on;
    }
    return false;
  }

  // Text of the runs of one paragraph (or any run container), accepted view of tracked changes.
  std::string run_text(const xmlNode* p) {
    std::string out;
    collect_runs(p, out, 0);
    return out;
  }

  void collect_runs(const xmlNode* n, std::string& out, int depth) {
    if (depth > 64) {
      too_deep_ = true;
      return;
    }
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE) continue;
      if (is_w(c, "del") || is_w(c, "moveFrom") || is_w(c, "instrText") || is_w(c, "delText") ||
          is_w(c, "pPr") || is_w(c, "rPr") || is_w(c, "txbxContent") ||
          is_element(c, kMc, "Fallback")) {
        if (is_w(c, "txbxContent")) text_boxes_.push_back(c);
        continue;
      }
      if (is_w(c, "t")) {
        out += text_content(c);
      } else if (is_w(c, "tab") || is_w(c, "br") || is_w(c, "cr") || is_w(c, "ptab")) {
        out += ' ';
      } else if (is_w(c, "noBreakHyphen")) {
        out += '-';
      } else if (is_w(c, "softHyphen")) {
        out += "\xC2\xAD";
      } else if (is_w(c, "footnoteReference") || is_w(c, "endnoteReference")) {
        bool foot = is_w(c, "footnoteReference");
        auto& notes = foot ? footnotes_ : endnotes_;
        auto it = notes.find(w_val(c, "id"));
        if (it != notes.end()) pending_notes_.push_back(it->second);
      } else {
        collect_runs(c, out, depth + 1);  // r, ins, moveTo, hyperlink, smartTag, sdt, fldSimple, AlternateContent ...
      }
    }
  }

  void walk_blocks(const xmlNode* container, int depth) {
    if (depth > 32) {
      too_deep_ = true;
      return;
    }
    for (const xmlNode* c = container->children; c; c = c->next) {
      if (is_w(c, "p")) {
        paragraph(c);
      } else if (is_w(c, "tbl")) {
        table(c, depth);
      } else if (is_w(c, "sdt")) {
        if (const xmlNode* content = w_child(c, "sdtContent")) walk_blocks(content, depth + 1);
      } else if (is_w(c, "ins") || is_w(c, "moveTo") || is_w(c, "customXml") ||
                 (c->type == XML_ELEMENT_NODE && std::strcmp(name_of(c), "AlternateContent") == 0) ||
                 is_element(c, kMc, "Choice")) {
        walk_blocks(c, depth + 1);
      }
    }
  }

  void paragraph(const xmlNode* p) {
    int index = paragraph_index_++;
    const xmlNode* ppr = w_child(p, "pPr");
    std::string style_id = w_val(w_child(ppr, "pStyle"));
    int outline = -1;
    if (const xmlNode* ol = w_child(ppr, "outlineLvl")) outline = std::atoi(w_val(ol).c_str());
    if (outline < 0) outline = style_outline(style_id);

    std::string num_id;
    int ilvl = 0;
    if (const xmlNode* np = w_child(ppr, "numPr")) {
      num_id = w_val(w_child(np, "numId"));
      ilvl = std::atoi(w_val(w_child(np, "ilvl")).c_str());
    } else if (const Style* s = style_numbering(style_id)) {
      num_id = s->num_id;
      ilvl = std::max(0, s->num_level);
    }
    bool bullet = false;
    std::string label;
    if (!num_id.empty() && num_id != "0") label = numbering_.next(num_id, ilvl, &bullet);

    std::string text = run_text(p);
    BlockAttrs a;
    a.paragraph_index = index;
    if (outline >= 0 && outline < 9) {
      a.level = outline + 1;
      if (!label.empty() && leading_numbering(text).empty()) {
        a.numbering = label;
        text = label + " " + text;
      }
      db_.add(BlockKind::heading, text, a);
    } else if ((!num_id.empty() && num_id != "0") || style_is_list(style_id)) {
      a.level = ilvl + 1;
      a.numbering = label;
      db_.add(BlockKind::list_item, text, a);
    } else {
      db_.add(BlockKind::paragraph, text, a);
    }
    flush_side_content();
  }

  void flush_side_content() {
    auto notes = std::move(pending_notes_);
    pending_notes_.clear();
    for (const std::string& note : notes) db_.add(BlockKind::footnote, note, {});
    auto boxes = std::move(text_boxes_);
    text_boxes_.clear();
    for (const xmlNode* box : boxes) walk_blocks(box, 1);
  }

  void table(const xmlNode* tbl, int depth) {
    int t = table_no_++;
    int row = 0;
    for (const xmlNode* tr = tbl->children; tr; tr = tr->next) {
      if (!is_w(tr, "tr")) continue;
      int col = 0;
      for (const xmlNode* tc = tr->children; tc; tc = tc->next) {
        const xmlNode* cell = tc;
        if (is_w(tc, "sdt")) cell = w_child(w_child(tc, "sdtContent"), "tc");
        if (!cell || !is_w(cell, "tc")) continue;
        int span = 1;
        if (const xmlNode* gs = w_child(w_child(cell, "tcPr"), "gridSpan")) {
          span = std::clamp(std::atoi(w_val(gs).c_str()), 1, 64);
        }
        std::string text;
        cell_text(cell, text, depth + 1);
        BlockAttrs a;
        a.table = t;
        a.row = row;
        a.column = col;
        a.paragraph_index = paragraph_index_;
        db_.add(BlockKind::table_cell, text, a);
        flush_side_content();
        col += span;
      }
      ++row;
    }
  }

  void cell_text(const xmlNode* cell, std::string& out, int depth) {
    if (depth > 32) {
      too_deep_ = true;
      return;
    }
    for (const xmlNode* c = cell->children; c; c = c->next) {
      if (is_w(c, "p")) {
        ++paragraph_index_;
        std::string t = run_text(c);
        if (!out.empty() && !t.empty()) out += ' ';
        out += t;
      } else if (is_w(c, "tbl")) {
        for (const xmlNode* tr = c->children; tr; tr = tr->next) {
          for (const xmlNode* tc = tr->children; tc; tc = tc->next) {
            if (is_w(tc, "tc")) cell_text(tc, out, depth + 1);
          }
        }
      } else if (is_w(c, "sdt")) {
        if (const xmlNode* content = w_child(c, "sdtContent")) cell_text(content, out, depth + 1);
      }
    }
  }

  const Input& in_;
  ZipArchive& zip_;
  DocumentBuilder& db_;
  bool too_deep_ = false;  // a depth guard skipped something: the reader says so
  std::map<std::string, Style> styles_;
  Numbering numbering_;
  std::map<std::string, std::string> footnotes_, endnotes_;
  std::vector<std::string> pending_notes_;
  std::vector<const xmlNode*> text_boxes_;
  int paragraph_index_ = 0;
  int table_no_ = 0;
};

}  // namespace

Result<Document> ingest_docx(const Input& in) {
  auto zip = ZipArchive::open(in.bytes, in.name, in.options->max_member_bytes,
                              in.options->max_total_inflated_bytes);
  if (!zip.ok()) return zip.status();
  if (!zip.value()->has("word/document.xml")) {
    return error(ErrorCode::corrupt, in, "not a readable DOCX: word/document.xml is missing");
  }
  DocumentBuilder db(in.meta);
  DocxReader reader(in, *zip.value(), db);
  Status st = reader.run();
  if (!st.ok()) return st;
  if (db.block_count() == 0) return error(ErrorCode::empty_file, in, "the document contains no text");
  return db.finish();
}

}  // namespace styrkoll::ingest
