// Status and Result: how every fallible Styrkoll C++ call reports failure.
//
// The library does not throw across its public API. A call that can fail
// returns a Status (or a Result<T> holding either a value or a Status).
// Messages are English, name the file concerned when there is one, and are
// meant to be shown to a user as they are.
//
// Thread-safety: Status and Result are plain values; copy them freely.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace styrkoll {

// Expected failure kinds. Stable names (see error_code_name) are used in
// reports and by the C API.
enum class ErrorCode {
  ok = 0,
  unsupported_format,  // not a format we read (image, spreadsheet, .doc ...)
  corrupt,             // the file claims a format but cannot be parsed
  encrypted,           // password protected (PDF user password, encrypted OOXML/ODF)
  empty_file,          // zero bytes, or only whitespace
  too_large,           // over the configured size limit (file or archive member)
  needs_ocr,           // a PDF without a text layer (scanned)
  io_error,            // cannot open or read the file
  timeout,             // over the configured time limit
  invalid_argument,    // the caller passed something unusable
  internal,            // a bug: should never be seen
};

// Stable snake_case name of a code, e.g. "needs_ocr".
std::string_view error_code_name(ErrorCode code);

class Status {
 public:
  Status() = default;  // ok
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok_status() { return Status(); }

  bool ok() const { return code_ == ErrorCode::ok; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // "needs_ocr: scan.pdf: no text layer on 2 of 2 pages"
  std::string to_string() const;

 private:
  ErrorCode code_ = ErrorCode::ok;
  std::string message_;
};

// Either a T or a non-ok Status.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {   // NOLINT: implicit by design
    assert(!status_.ok() && "Result needs a value or a failed Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  // REQUIRES: ok()
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace styrkoll
