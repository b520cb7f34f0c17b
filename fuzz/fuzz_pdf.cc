// PDF ingestion: poppler plus our layout code (reading order, headings,
// running lines, hyphen joins) on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "styrkoll/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const styrkoll::IngestOptions options = [] {
    styrkoll::IngestOptions o;
    o.max_pdf_pages = 64;  // keeps one input fast; the page cap itself is covered by tests
    return o;
  }();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)styrkoll::ingest_memory(bytes, "fuzz.pdf", styrkoll::Format::pdf, options);
  return 0;
}
