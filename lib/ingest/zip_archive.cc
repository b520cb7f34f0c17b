#include "ingest/zip_archive.h"

#include <zip.h>

namespace styrkoll::ingest {

Result<std::unique_ptr<ZipArchive>> ZipArchive::open(std::string_view bytes, const std::string& name,
                                                     std::uint64_t max_member_bytes,
                                                     std::uint64_t max_total_bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) {
    std::string msg = zip_error_strerror(&err);
    zip_error_fini(&err);
    return Status(ErrorCode::internal, name + ": cannot read ZIP buffer: " + msg);
  }
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!z) {
    // ZIP_CHECKCONS is strict; retry leniently so slightly odd producers still open.
    zip_error_fini(&err);
    zip_error_init(&err);
    z = zip_open_from_source(src, ZIP_RDONLY, &err);
  }
  if (!z) {
    std::string msg = zip_error_strerror(&err);
    zip_error_fini(&err);
    zip_source_free(src);
    return Status(ErrorCode::corrupt, name + ": not a readable ZIP container (" + msg + ")");
  }
  zip_error_fini(&err);
  std::unique_ptr<ZipArchive> a(new ZipArchive());
  a->zip_ = z;
  a->name_ = name;
  a->max_member_ = max_member_bytes;
  a->max_total_ = max_total_bytes;
  return a;
}

ZipArchive::~ZipArchive() {
  if (zip_) zip_discard(zip_);
}

bool ZipArchive::has(const std::string& member) const {
  return zip_name_locate(zip_, member.c_str(), 0) >= 0;
}

std::vector<std::string> ZipArchive::names() const {
  std::vector<std::string> out;
  zip_int64_t n = zip_get_num_entries(zip_, 0);
  for (zip_int64_t i = 0; i < n && i < 100000; ++i) {
    const char* nm = zip_get_name(zip_, static_cast<zip_uint64_t>(i), 0);
    if (nm) out.emplace_back(nm);
  }
  return out;
}

Result<std::string> ZipArchive::read(const std::string& member) {
  zip_int64_t idx = zip_name_locate(zip_, member.c_str(), 0);
  if (idx < 0) return Status(ErrorCode::corrupt, name_ + ": ZIP member '" + member + "' is missing");
  zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(idx), 0);
  if (!f) {
    zip_error_t* e = zip_get_error(zip_);
    std::string msg = e ? zip_error_strerror(e) : "unknown error";
    if (e && zip_error_code_zip(e) == ZIP_ER_ENCRNOTSUPP) {
      return Status(ErrorCode::encrypted, name_ + ": ZIP member '" + member + "' is encrypted");
    }
    return Status(ErrorCode::corrupt, name_ + ": cannot open ZIP member '" + member + "': " + msg);
  }
  std::string out;
  char buf[65536];
  while (true) {
    zip_int64_t n = zip_fread(f, buf, sizeof buf);
    if (n < 0) {
      zip_fclose(f);
      return Status(ErrorCode::corrupt, name_ + ": ZIP member '" + member + "' is damaged");
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > max_member_ || total_read_ + out.size() > max_total_) {
      zip_fclose(f);
      return Status(ErrorCode::too_large, name_ + ": ZIP member '" + member +
                                              "' inflates beyond the size limit (" +
                                              std::to_string(max_member_ >> 20) +
                                              " MiB); possible zip bomb");
    }
  }
  zip_fclose(f);
  total_read_ += out.size();
  return out;
}

}  // namespace styrkoll::ingest
