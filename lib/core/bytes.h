// Compact binary records (the scan cache's documents and token streams):
// unsigned integers as LEB128 varints, signed ones zigzag-encoded, strings
// as a length and their bytes. The reader checks every bound and never
// throws: a damaged record makes a get fail, and the caller refuses it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace styrkoll::core {

class ByteWriter {
 public:
  // Appends to `out`, which must outlive the writer.
  explicit ByteWriter(std::string& out) : out_(out) {}
  void put(std::uint64_t v) {
    while (v >= 0x80) {
      out_ += static_cast<char>(v | 0x80);
      v >>= 7;
    }
    out_ += static_cast<char>(v);
  }
  void put_signed(std::int64_t v) {
    put(v < 0 ? (static_cast<std::uint64_t>(-(v + 1)) << 1) | 1 : static_cast<std::uint64_t>(v) << 1);
  }
  void put(std::string_view s) {
    put(static_cast<std::uint64_t>(s.size()));
    out_.append(s);
  }
  // Disambiguates string literals from the integer overload.
  void put(const char* s) { put(std::string_view(s)); }

 private:
  std::string& out_;
};

class ByteReader {
 public:
  // Reads from `in`, which must outlive the reader and every view it returns.
  explicit ByteReader(std::string_view in) : in_(in) {}
  bool done() const { return pos_ == in_.size(); }
  std::size_t remaining() const { return in_.size() - pos_; }
  // False on a truncated or overlong (more than 64 bits) number.
  bool get(std::uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64 && pos_ < in_.size(); shift += 7) {
      auto b = static_cast<unsigned char>(in_[pos_++]);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return true;
    }
    return false;
  }
  bool get_signed(std::int64_t& v) {
    std::uint64_t u;
    if (!get(u)) return false;
    v = (u & 1) ? -static_cast<std::int64_t>(u >> 1) - 1 : static_cast<std::int64_t>(u >> 1);
    return true;
  }
  // A string as a view of the input.
  bool get(std::string_view& s) {
    std::uint64_t n;
    if (!get(n) || n > remaining()) return false;
    s = in_.substr(pos_, static_cast<std::size_t>(n));
    pos_ += static_cast<std::size_t>(n);
    return true;
  }
  bool get(std::string& s) {
    std::string_view v;
    if (!get(v)) return false;
    s.assign(v);
    return true;
  }
  // A number that must fit an int (document fields: pages, levels, indexes).
  bool get_int(int& v) {
    std::int64_t x;
    if (!get_signed(x) || x < INT32_MIN || x > INT32_MAX) return false;
    v = static_cast<int>(x);
    return true;
  }

 private:
  std::string_view in_;
  std::size_t pos_ = 0;
};

}  // namespace styrkoll::core
