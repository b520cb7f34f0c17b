#include "ingest/xml_util.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <algorithm>
#include <cstring>

namespace styrkoll::ingest {

namespace {

void silent_error(void*, xmlErrorPtr) {}

bool has_doctype(std::string_view bytes) {
  // Only the prolog can hold one. Walk the whole prolog (processing
  // instructions and comments of any length) up to the root element: a
  // fixed-size window is bypassed by a long comment before the DOCTYPE.
  std::size_t i = 0;
  while ((i = bytes.find('<', i)) != std::string_view::npos) {
    std::string_view rest = bytes.substr(i);
    std::size_t end = std::string_view::npos;
    if (rest.starts_with("<?")) {
      end = rest.find("?>");
    } else if (rest.starts_with("<!--")) {
      end = rest.find("-->", 4);
    } else {
      // The root element, or a declaration: "<!DOCTYPE", "<!ENTITY" (or other "<!" markup,
      // which is never valid before the root element either).
      return rest.starts_with("<!");
    }
    if (end == std::string_view::npos) return false;  // unterminated: the parser rejects it
    i += end + 2;
  }
  return false;
}

std::string last_xml_error() {
  const xmlError* e = xmlGetLastError();
  std::string msg = e && e->message ? e->message : "unknown error";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  return msg;
}

}  // namespace

Result<XmlDocPtr> parse_xml(std::string_view bytes, const std::string& what, std::string* recovered) {
  if (has_doctype(bytes)) {
    return Status(ErrorCode::corrupt,
                  what + ": contains a DOCTYPE/ENTITY declaration, which office documents never "
                         "have; refused (possible XXE or entity-expansion attack)");
  }
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    return Status(ErrorCode::too_large, what + ": XML part too large");
  }
  xmlSetStructuredErrorFunc(nullptr, silent_error);
  int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA |
             XML_PARSE_NOBLANKS;
  xmlDoc* doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr, opts);
  if (!doc) {
    // Retry in recovery mode: some producers write slightly broken XML.
    std::string reason = last_xml_error();
    doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, nullptr,
                        opts | XML_PARSE_RECOVER);
    if (!doc || !xmlDocGetRootElement(doc)) {
      if (doc) xmlFreeDoc(doc);
      return Status(ErrorCode::corrupt, what + ": malformed XML (" + last_xml_error() + ")");
    }
    if (recovered) *recovered = reason;
  }
  if (doc->intSubset || doc->extSubset) {  // defence in depth: the prolog scan above missed one
    xmlFreeDoc(doc);
    return Status(ErrorCode::corrupt, what + ": contains a DOCTYPE declaration; refused");
  }
  return XmlDocPtr(doc);
}

Result<XmlDocPtr> parse_html(std::string_view bytes, const std::string& what, std::string* stopped) {
  if (bytes.size() > static_cast<std::size_t>(INT32_MAX)) {
    return Status(ErrorCode::too_large, what + ": HTML too large");
  }
  xmlSetStructuredErrorFunc(nullptr, silent_error);
  int opts = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER;
  xmlResetLastError();
  htmlDocPtr doc = htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, "UTF-8", opts);
  if (!doc || !xmlDocGetRootElement(doc)) {
    if (doc) xmlFreeDoc(doc);
    return Status(ErrorCode::corrupt, what + ": cannot parse HTML");
  }
  // The last error is per thread in libxml2; only a fatal one ends the parse.
  const xmlError* e = xmlGetLastError();
  if (stopped && e && e->level == XML_ERR_FATAL) *stopped = last_xml_error();
  return XmlDocPtr(doc);
}

bool is_element(const xmlNode* n, const char* ns, const char* name) {
  if (!n || n->type != XML_ELEMENT_NODE) return false;
  if (std::strcmp(name_of(n), name) != 0) return false;
  if (!ns) return true;
  return n->ns && n->ns->href && std::strcmp(reinterpret_cast<const char*>(n->ns->href), ns) == 0;
}

std::string attribute(const xmlNode* n, const char* ns, const char* name) {
  xmlChar* v = ns ? xmlGetNsProp(n, BAD_CAST name, BAD_CAST ns) : xmlGetNoNsProp(n, BAD_CAST name);
  if (!v) return {};
  std::string s(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return s;
}

bool has_attribute(const xmlNode* n, const char* ns, const char* name) {
  return ns ? xmlHasNsProp(n, BAD_CAST name, BAD_CAST ns) != nullptr
            : xmlHasNsProp(n, BAD_CAST name, nullptr) != nullptr;
}

const xmlNode* child(const xmlNode* n, const char* ns, const char* name) {
  if (!n) return nullptr;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (is_element(c, ns, name)) return c;
  }
  return nullptr;
}

namespace {
void collect_text(const xmlNode* n, std::string& out, int depth) {
  if (depth > 512) return;
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
      if (c->content) out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      collect_text(c, out, depth + 1);
    }
  }
}
}  // namespace

std::string text_content(const xmlNode* n) {
  std::string out;
  if (n) collect_text(n, out, 0);
  return out;
}

}  // namespace styrkoll::ingest
