#include "core/sha256.h"

#include <openssl/evp.h>

#include <memory>

namespace styrkoll::core {

namespace {

// The digest fetched once and a context per thread: EVP_Digest() looks the
// algorithm up on every call, which cost four times the hashing of the short
// strings a report's fingerprints are made of (16,000 for 2,000 documents).
struct Hasher {
  EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Hasher() {
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
  }
};

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  thread_local Hasher h;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (h.md && h.ctx && EVP_DigestInit_ex(h.ctx, h.md, nullptr) == 1 &&
      EVP_DigestUpdate(h.ctx, bytes.data(), bytes.size()) == 1 && EVP_DigestFinal_ex(h.ctx, digest, &len) == 1) {
  } else {
    EVP_Digest(bytes.data(), bytes.size(), digest, &len, EVP_sha256(), nullptr);
  }
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 15];
  }
  return out;
}

}  // namespace styrkoll::core
