#include "styrkoll/status.h"

namespace styrkoll {

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::ok: return "ok";
    case ErrorCode::unsupported_format: return "unsupported_format";
    case ErrorCode::corrupt: return "corrupt";
    case ErrorCode::encrypted: return "encrypted";
    case ErrorCode::empty_file: return "empty_file";
    case ErrorCode::too_large: return "too_large";
    case ErrorCode::needs_ocr: return "needs_ocr";
    case ErrorCode::io_error: return "io_error";
    case ErrorCode::timeout: return "timeout";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

std::string Status::to_string() const {
  if (ok()) return "ok";
  std::string s(error_code_name(code_));
  s += ": ";
  s += message_;
  return s;
}

}  // namespace styrkoll
