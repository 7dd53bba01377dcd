#include "shared/cert_fingerprint.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cctype>
#include <memory>

namespace parc {
namespace {

constexpr std::string_view kPrefix = "sha256:";
constexpr std::size_t kHexDigits = 64;
constexpr std::size_t kMaxPemBytes = 1 << 20;

std::string toHex(const unsigned char* bytes, unsigned length) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned i = 0; i < length; ++i) {
    out.push_back(kDigits[bytes[i] >> 4]);
    out.push_back(kDigits[bytes[i] & 0x0f]);
  }
  return out;
}

}  // namespace

Result<std::string> certificateFingerprint(std::string_view pem) {
  if (pem.size() > kMaxPemBytes) return makeError("certificate: larger than 1 MiB");
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())),
                                                BIO_free);
  if (!bio) return makeError("certificate: out of memory");
  std::unique_ptr<X509, decltype(&X509_free)> cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr),
                                                   X509_free);
  if (!cert) return makeError("not a PEM certificate (no readable BEGIN CERTIFICATE block)");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  if (X509_digest(cert.get(), EVP_sha256(), digest, &length) != 1) {
    return makeError("certificate: cannot compute its SHA-256 digest");
  }
  return std::string(kPrefix) + toHex(digest, length);
}

Result<std::string> normalizeFingerprint(std::string_view text) {
  const auto bad = [&] {
    return makeError("expected sha256:<64 hex digits>, got \"" + std::string(text.substr(0, 120)) + "\"");
  };
  if (text.size() < kPrefix.size()) return bad();
  for (std::size_t i = 0; i < kPrefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != kPrefix[i]) return bad();
  }
  std::string hex;
  for (const char c : text.substr(kPrefix.size())) {
    if (c == ':') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return bad();
    hex.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (hex.size() != kHexDigits) return bad();
  return std::string(kPrefix) + hex;
}

}  // namespace parc
