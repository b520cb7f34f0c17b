// Markdown and plain-text ingestion (encoding detection, front matter,
// headings, lists, pipe tables, inline markup, page markers), plus format detection.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "styrkoll/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)styrkoll::detect_format(bytes, "fuzz.md");
  (void)styrkoll::ingest_memory(bytes, "fuzz.md", styrkoll::Format::markdown);
  (void)styrkoll::ingest_memory(bytes, "fuzz.txt", styrkoll::Format::txt);
  return 0;
}
