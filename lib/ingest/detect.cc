// Format detection by content. Extensions are only consulted to separate
// Markdown from plain text, which no byte signature can do.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <string>

#include "styrkoll/ingest.h"

namespace styrkoll {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string lower_ext(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string e(name.substr(dot + 1));
  for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return e;
}

// Finds a ZIP local-file or central-directory entry name in the raw bytes;
// enough to tell DOCX from ODT from other ZIPs without inflating anything.
bool zip_mentions(std::string_view bytes, std::string_view member) {
  return bytes.find(member) != std::string_view::npos;
}

bool looks_like_text(std::string_view head) {
  if (head.empty()) return true;
  if (starts_with(head, "\xFF\xFE") || starts_with(head, "\xFE\xFF")) return true;  // UTF-16 BOM
  std::size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0) return false;
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') ++control;
  }
  return control * 100 <= head.size();  // at most 1 % odd control bytes
}

bool looks_like_html(std::string_view head) {
  std::string lower;
  lower.reserve(head.size());
  for (char c : head) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::size_t i = 0;
  if (starts_with(lower, "\xEF\xBB\xBF")) i = 3;
  while (i < lower.size() && std::isspace(static_cast<unsigned char>(lower[i]))) ++i;
  std::string_view rest = std::string_view(lower).substr(i);
  if (starts_with(rest, "<!doctype html") || starts_with(rest, "<html") ||
      starts_with(rest, "<head") || starts_with(rest, "<body")) {
    return true;
  }
  if (starts_with(rest, "<?xml") && rest.find("<html") != std::string_view::npos) return true;
  if (starts_with(rest, "<!--") && rest.find("<html") != std::string_view::npos) return true;
  return false;
}

bool looks_like_markdown(std::string_view head) {
  // YAML front matter, or an ATX heading at the start of a line.
  if (starts_with(head, "---\n") || starts_with(head, "---\r\n")) return true;
  std::size_t pos = 0;
  int headings = 0;
  while (pos < head.size()) {
    std::size_t eol = head.find('\n', pos);
    std::string_view line = head.substr(pos, eol == std::string_view::npos ? head.size() - pos : eol - pos);
    if (starts_with(line, "# ") || starts_with(line, "## ") || starts_with(line, "### ")) ++headings;
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  return headings >= 2;
}

}  // namespace

Format detect_format(std::string_view bytes, std::string_view name_hint) {
  // Some producers put junk before the header; the PDF spec lets readers search the first KiB.
  std::string_view head = bytes.substr(0, std::min<std::size_t>(bytes.size(), 1024));
  if (head.find("%PDF-") != std::string_view::npos) return Format::pdf;
  if (starts_with(bytes, "PK\x03\x04")) {
    if (zip_mentions(bytes, "application/vnd.oasis.opendocument.text") && !zip_mentions(bytes, "word/document.xml")) {
      return Format::odt;
    }
    if (zip_mentions(bytes, "word/") || zip_mentions(bytes, "[Content_Types].xml")) return Format::docx;
    if (zip_mentions(bytes, "content.xml")) return Format::odt;
    return Format::unknown;
  }
  std::string_view sniff = bytes.substr(0, std::min<std::size_t>(bytes.size(), 8192));
  if (!looks_like_text(sniff)) return Format::unknown;
  if (looks_like_html(sniff)) return Format::html;
  std::string ext = lower_ext(name_hint);
  if (ext == "md" || ext == "markdown") return Format::markdown;
  if (ext == "htm" || ext == "html" || ext == "xhtml") {
    return sniff.find('<') != std::string_view::npos ? Format::html : Format::txt;
  }
  if (ext == "txt" || ext == "text") return Format::txt;
  return looks_like_markdown(sniff) ? Format::markdown : Format::txt;
}

}  // namespace styrkoll
