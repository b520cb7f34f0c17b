// HTML ingestion: encoding detection, libxml2's HTML parser and our DOM walker.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "styrkoll/ingest.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)styrkoll::ingest_memory(bytes, "fuzz.html", styrkoll::Format::html);
  return 0;
}
