// Library version.
#pragma once

#include <string_view>

namespace styrkoll {

// "0.1.0": the version of the library and engine (also part of cache keys).
std::string_view library_version();

}  // namespace styrkoll
