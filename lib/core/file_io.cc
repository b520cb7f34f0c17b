#include "core/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace styrkoll::core {

namespace {

struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Status too_large(const std::string& path, std::uint64_t max_bytes) {
  return Status(ErrorCode::too_large, path + ": over the limit of " + std::to_string(max_bytes) + " bytes");
}

}  // namespace

Result<std::string> read_whole_file(const std::string& path, std::uint64_t max_bytes) {
  Fd f{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (f.fd < 0) return Status(ErrorCode::io_error, path + ": cannot open: " + std::strerror(errno));
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) return Status(ErrorCode::io_error, path + ": " + std::strerror(errno));
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) return too_large(path, max_bytes);
  std::string data;
  // The size is a hint only: files in /proc report 0 and files may grow.
  data.resize(static_cast<std::size_t>(std::min<std::uint64_t>(st.st_size > 0 ? st.st_size : 65536, max_bytes)));
  std::size_t have = 0;
  for (;;) {
    if (have == data.size()) {
      if (data.size() >= max_bytes) {
        // Full at the limit: one more byte means too large.
        char probe;
        ssize_t n = ::read(f.fd, &probe, 1);
        if (n == 0) break;
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Status(ErrorCode::io_error, path + ": read failed: " + std::strerror(errno));
        return too_large(path, max_bytes);
      }
      data.resize(std::min<std::uint64_t>(max_bytes, data.size() * 2));
    }
    ssize_t n = ::read(f.fd, data.data() + have, data.size() - have);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status(ErrorCode::io_error, path + ": read failed: " + std::strerror(errno));
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  data.resize(have);
  return data;
}

}  // namespace styrkoll::core
