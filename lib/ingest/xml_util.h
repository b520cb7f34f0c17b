// Safe libxml2 parsing and small tree helpers for the XML-based ingesters.
//
// Safety: no network (XML_PARSE_NONET), no external entities or DTD loading,
// no entity substitution, libxml2's default depth and amplification limits
// (no XML_PARSE_HUGE). Office XML never carries a DOCTYPE, so a part that has
// one is rejected before parsing: this shuts out XXE and billion-laughs files.
#pragma once

#include <libxml/tree.h>

#include <memory>
#include <string>
#include <string_view>

#include "styrkoll/status.h"

namespace styrkoll::ingest {

struct XmlDocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Parses an XML part. `what` names it in messages ("report.docx: word/document.xml").
// Slightly broken XML is parsed again in recovery mode; then, when `recovered`
// is given, it receives libxml2's reason, so that the caller can warn that
// text after the error may be missing (recovery keeps what came before it).
Result<XmlDocPtr> parse_xml(std::string_view bytes, const std::string& what, std::string* recovered = nullptr);
// Parses HTML leniently (recovering), scripts and all; never touches the network.
// Tag soup is normal in HTML and not reported; a fatal error that stopped the
// parser early (nesting beyond libxml2's limit) is put into `stopped`.
Result<XmlDocPtr> parse_html(std::string_view bytes, const std::string& what, std::string* stopped = nullptr);

// True when node is an element named `name` in namespace `ns` (null ns = any).
bool is_element(const xmlNode* node, const char* ns, const char* name);
// Attribute value in namespace ns (null = no namespace), or "" when absent.
std::string attribute(const xmlNode* node, const char* ns, const char* name);
bool has_attribute(const xmlNode* node, const char* ns, const char* name);
// First child element with the given name, or null.
const xmlNode* child(const xmlNode* node, const char* ns, const char* name);
// All text below node (text and CDATA nodes only; entity references are not expanded).
std::string text_content(const xmlNode* node);

inline const char* name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }

}  // namespace styrkoll::ingest
