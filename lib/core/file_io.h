// Reading a whole file into memory with POSIX calls, so that an I/O error
// (a failing disk, a vanished network share, a special file) is a Status
// naming the file rather than an exception from iostreams.
#pragma once

#include <cstdint>
#include <string>

#include "styrkoll/status.h"

namespace styrkoll::core {

// The file's bytes. Errors: io_error (cannot open or read, with the system's
// reason), too_large (more than max_bytes, checked before and while reading).
// Thread-safe; no state.
Result<std::string> read_whole_file(const std::string& path, std::uint64_t max_bytes);

}  // namespace styrkoll::core
