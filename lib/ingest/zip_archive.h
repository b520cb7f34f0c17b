// Read-only access to ZIP members (DOCX, ODT) through libzip, with size caps
// against zip bombs: a member is inflated only up to the configured limit,
// whatever its header claims.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "styrkoll/status.h"

struct zip;

namespace styrkoll::ingest {

class ZipArchive {
 public:
  // `bytes` must outlive the archive. `name` is used in messages.
  static Result<std::unique_ptr<ZipArchive>> open(std::string_view bytes, const std::string& name,
                                                  std::uint64_t max_member_bytes,
                                                  std::uint64_t max_total_bytes);
  ~ZipArchive();

  bool has(const std::string& member) const;
  std::vector<std::string> names() const;
  // The inflated member. Errors: corrupt (missing/unreadable member), too_large.
  Result<std::string> read(const std::string& member);

 private:
  ZipArchive() = default;
  zip* zip_ = nullptr;
  std::string name_;
  std::uint64_t max_member_ = 0, max_total_ = 0, total_read_ = 0;
};

}  // namespace styrkoll::ingest
