// DOCX and ODT ingestion: libzip container, libxml2 parts, our readers for
// styles, numbering, tables, notes and tracked changes.
//
// An input that starts like a ZIP file is read as is (as DOCX and as ODT).
// Any other input is an XML part: it is packed (stored, correct CRCs) as
// word/document.xml of a DOCX and as content.xml of an ODT, so that mutations
// reach the XML readers instead of dying in the deflate/CRC checks.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "styrkoll/ingest.h"

namespace {

std::uint32_t crc32(std::string_view s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

void put16(std::string& o, unsigned v) {
  o += static_cast<char>(v & 0xFF);
  o += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& o, std::uint32_t v) {
  put16(o, v & 0xFFFF);
  put16(o, v >> 16);
}

// A stored (uncompressed) ZIP archive of the given members.
std::string stored_zip(const std::vector<std::pair<std::string, std::string_view>>& members) {
  std::string out, central;
  for (const auto& [name, data] : members) {
    std::uint32_t offset = static_cast<std::uint32_t>(out.size()), crc = crc32(data);
    std::uint32_t size = static_cast<std::uint32_t>(data.size());
    put32(out, 0x04034b50); put16(out, 20); put16(out, 0); put16(out, 0); put16(out, 0); put16(out, 0x21);
    put32(out, crc); put32(out, size); put32(out, size); put16(out, static_cast<unsigned>(name.size())); put16(out, 0);
    out += name;
    out.append(data);
    put32(central, 0x02014b50); put16(central, 20); put16(central, 20); put16(central, 0); put16(central, 0);
    put16(central, 0); put16(central, 0x21); put32(central, crc); put32(central, size); put32(central, size);
    put16(central, static_cast<unsigned>(name.size())); put16(central, 0); put16(central, 0); put16(central, 0);
    put16(central, 0); put32(central, 0); put32(central, offset);
    central += name;
  }
  std::uint32_t cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50); put16(out, 0); put16(out, 0);
  put16(out, static_cast<unsigned>(members.size())); put16(out, static_cast<unsigned>(members.size()));
  put32(out, static_cast<std::uint32_t>(central.size())); put32(out, cd_offset); put16(out, 0);
  return out;
}

const char kContentTypes[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const styrkoll::IngestOptions options = [] {
    styrkoll::IngestOptions o;
    o.max_member_bytes = 8u << 20;  // smaller caps: the fuzzer should not spend its time inflating
    o.max_total_inflated_bytes = 16u << 20;
    return o;
  }();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4)) {
    (void)styrkoll::ingest_memory(bytes, "fuzz.docx", styrkoll::Format::docx, options);
    (void)styrkoll::ingest_memory(bytes, "fuzz.odt", styrkoll::Format::odt, options);
    return 0;
  }
  std::string docx = stored_zip({{"[Content_Types].xml", kContentTypes}, {"word/document.xml", bytes}});
  (void)styrkoll::ingest_memory(docx, "fuzz.docx", styrkoll::Format::docx, options);
  std::string odt = stored_zip({{"mimetype", "application/vnd.oasis.opendocument.text"}, {"content.xml", bytes}});
  (void)styrkoll::ingest_memory(odt, "fuzz.odt", styrkoll::Format::odt, options);
  return 0;
}
