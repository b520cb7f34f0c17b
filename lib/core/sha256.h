// SHA-256 of a byte string, as lowercase hex (OpenSSL's libcrypto).
#pragma once

#include <string>
#include <string_view>

namespace styrkoll::core {

std::string sha256_hex(std::string_view bytes);

}  // namespace styrkoll::core
