// HTML: headings, paragraphs, list items and table cells from the DOM that
// libxml2's HTML parser builds. Scripts, styles and other non-content
// elements are ignored; inline elements flow into the surrounding block.
#include <cctype>
#include <cstring>
#include <strings.h>

#include "ingest/document_builder.h"
#include "ingest/ingesters.h"
#include "ingest/xml_util.h"

namespace styrkoll::ingest {

namespace {

bool name_is(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && strcasecmp(name_of(n), name) == 0;
}

bool is_ignored(const xmlNode* n) {
  static const char* const names[] = {"script", "style", "noscript", "template", "head", "svg",
                                      "iframe", "object", "button", "select", "nav"};
  for (const char* nm : names) {
    if (name_is(n, nm)) return true;
  }
  return false;
}

bool is_block(const xmlNode* n) {
  static const char* const names[] = {"p",       "div",     "section", "article", "main",   "header",
                                      "footer",  "aside",   "blockquote", "pre",  "address", "figure",
                                      "figcaption", "dl",   "dt",      "dd",      "form",   "fieldset",
                                      "center",  "ul",      "ol",      "li",      "table",  "hr",
                                      "h1",      "h2",      "h3",      "h4",      "h5",     "h6",
                                      "caption", "body",    "html",    "details", "summary"};
  for (const char* nm : names) {
    if (name_is(n, nm)) return true;
  }
  return false;
}

bool is_note_reference(const std::string& t) {
  std::size_t n = 0;
  for (char c : t) {
    if (c == '[' || c == ']' || c == ' ') continue;
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '*') return false;
    ++n;
  }
  return n > 0 && n <= 3;
}

int heading_level(const xmlNode* n) {
  const char* nm = name_of(n);
  if ((nm[0] == 'h' || nm[0] == 'H') && nm[1] >= '1' && nm[1] <= '6' && nm[2] == 0) return nm[1] - '0';
  return 0;
}

class HtmlWalker {
 public:
  explicit HtmlWalker(DocumentBuilder& db) : db_(db) {}

  void walk(const xmlNode* n, int depth) {
    if (depth > 256) {
      too_deep_ = true;
      return;
    }
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (c->content) buf_ += reinterpret_cast<const char*>(c->content);
        continue;
      }
      if (c->type != XML_ELEMENT_NODE || is_ignored(c)) continue;
      if (name_is(c, "sup") && is_note_reference(text_content(c))) continue;  // footnote mark
      if (name_is(c, "br")) {
        buf_ += ' ';
        continue;
      }
      if (int level = heading_level(c)) {
        flush();
        BlockAttrs a;
        a.level = level;
        emit(BlockKind::heading, text_content(c), a);
        continue;
      }
      if (name_is(c, "li")) {
        flush();
        ++list_depth_;
        std::string saved = std::move(buf_);
        buf_.clear();
        // Text directly in the item is its block; nested lists become their own items.
        walk_list_item(c, depth + 1);
        buf_ = std::move(saved);
        --list_depth_;
        continue;
      }
      if (name_is(c, "table")) {
        flush();
        walk_table(c, depth + 1);
        continue;
      }
      if (is_block(c)) {
        flush();
        walk(c, depth + 1);
        flush();
        continue;
      }
      walk(c, depth + 1);  // inline element
    }
  }

  void flush(BlockKind kind = BlockKind::paragraph, BlockAttrs a = {}) {
    if (buf_.find_first_not_of(" \t\r\n") != std::string::npos) emit(kind, buf_, a);
    buf_.clear();
  }

 bool too_deep() const { return too_deep_; }

 private:
  void emit(BlockKind kind, const std::string& text, BlockAttrs a) {
    a.paragraph_index = para_++;
    std::size_t before = db_.block_count();
    db_.add(kind, text, a);
    if (db_.block_count() == before) --para_;
  }

  void walk_list_item(const xmlNode* li, int depth) {
    BlockAttrs a;
    a.level = list_depth_;
    for (const xmlNode* c = li->children; c; c = c->next) {
      if (c->type == XML_ELEMENT_NODE && (name_is(c, "ul") || name_is(c, "ol"))) {
        flush(BlockKind::list_item, a);
        walk(c, depth + 1);
      } else if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
        if (c->content) buf_ += reinterpret_cast<const char*>(c->content);
      } else if (c->type == XML_ELEMENT_NODE && !is_ignored(c)) {
        buf_ += ' ';
        buf_ += text_content(c);
        buf_ += ' ';
      }
    }
    flush(BlockKind::list_item, a);
  }

  void walk_table(const xmlNode* table, int depth) {
    int t = table_no_++;
    int row = 0;
    walk_rows(table, t, row, depth);
  }

  void walk_rows(const xmlNode* n, int t, int& row, int depth) {
    if (depth > 256) return;
    for (const xmlNode* c = n->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || is_ignored(c)) continue;
      if (name_is(c, "tr")) {
        int col = 0;
        for (const xmlNode* cell = c->children; cell; cell = cell->next) {
          if (!name_is(cell, "td") && !name_is(cell, "th")) continue;
          BlockAttrs a;
          a.table = t;
          a.row = row;
          a.column = col++;
          emit(BlockKind::table_cell, text_content(cell), a);
        }
        ++row;
      } else if (name_is(c, "caption")) {
        emit(BlockKind::paragraph, text_content(c), {});
      } else {
        walk_rows(c, t, row, depth + 1);  // thead, tbody, tfoot
      }
    }
  }

  DocumentBuilder& db_;
  bool too_deep_ = false;
  std::string buf_;
  int para_ = 0;
  int list_depth_ = 0;
  int table_no_ = 0;
};

void read_head(const xmlNode* root, Metadata& meta) {
  const xmlNode* head = nullptr;
  for (const xmlNode* c = root->children; c && !head; c = c->next) {
    if (name_is(c, "head")) head = c;
  }
  if (!head) return;
  for (const xmlNode* c = head->children; c; c = c->next) {
    if (name_is(c, "title")) meta.title = text_content(c);
    if (name_is(c, "meta")) {
      std::string name = attribute(c, nullptr, "name");
      std::string content = attribute(c, nullptr, "content");
      if (strcasecmp(name.c_str(), "author") == 0 || strcasecmp(name.c_str(), "dc.creator") == 0) {
        meta.author = content;
      } else if (strcasecmp(name.c_str(), "dcterms.created") == 0 || strcasecmp(name.c_str(), "date") == 0) {
        meta.created = content;
      } else if (strcasecmp(name.c_str(), "dcterms.modified") == 0) {
        meta.modified = content;
      }
    }
  }
}

}  // namespace

Result<Document> ingest_html(const Input& in) {
  std::string encoding;
  std::string text = decode_text_bytes(in.bytes, &encoding);
  std::string stopped;
  auto parsed = parse_html(text, in.name, &stopped);
  if (!parsed.ok()) return parsed.status();
  const xmlNode* root = xmlDocGetRootElement(parsed.value().get());
  DocumentBuilder db(in.meta);
  if (encoding != "utf-8") db.warn("text converted from " + encoding + " to UTF-8");
  if (!stopped.empty()) db.warn("the HTML parser stopped early (" + stopped + "); text after that point is missing");
  read_head(root, db.metadata());
  HtmlWalker w(db);
  w.walk(root, 0);
  w.flush();
  if (w.too_deep()) db.warn("elements nested deeper than 256 levels were skipped");
  if (db.block_count() == 0) return error(ErrorCode::empty_file, in, "HTML document contains no text");
  return db.finish();
}

}  // namespace styrkoll::ingest
