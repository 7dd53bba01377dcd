#include "agent/pjlink/digest.h"

#include <openssl/evp.h>

#include <stdexcept>

namespace parc::agent::pjlink {

std::string authDigest(std::string_view random, std::string_view password) {
  const std::string input = std::string(random) + std::string(password);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(input.data(), input.size(), md, &length, EVP_md5(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL: MD5 is not available");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kDigits[md[i] >> 4]);
    out.push_back(kDigits[md[i] & 0xf]);
  }
  return out;
}

}  // namespace parc::agent::pjlink
