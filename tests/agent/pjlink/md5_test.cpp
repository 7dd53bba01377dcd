// The PJLink MD5 (agent/pjlink/md5.h, no OpenSSL): the RFC 1321 test suite, and
// OpenSSL's MD5 on every length around the block and padding boundaries.

#include <openssl/evp.h>

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "agent/pjlink/md5.h"

namespace parc::agent::pjlink {
namespace {

std::string hex(const unsigned char* data, std::size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0xf]);
  }
  return out;
}

std::string md5Hex(std::string_view text) {
  const auto digest = md5(text);
  return hex(digest.data(), digest.size());
}

TEST(PjlinkMd5, Rfc1321TestSuite) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "d41d8cd98f00b204e9800998ecf8427e"},
      {"a", "0cc175b9c0f1b6a831c399e269772661"},
      {"abc", "900150983cd24fb0d6963f7d28e17f72"},
      {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
      {"abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"},
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
       "d174ab98d277d9f5a5611c2c9f419d9f"},
      {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
       "57edf4a22be3c955ac49da2e2107b67a"},
  };
  for (const auto& [input, expected] : cases) EXPECT_EQ(md5Hex(input), expected) << input;
}

TEST(PjlinkMd5, SameAsOpensslOnEveryLengthUpTo200) {
  std::mt19937 rng(1321);
  for (std::size_t length = 0; length <= 200; ++length) {
    std::string bytes(length, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng() & 0xff);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    ASSERT_EQ(EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_md5(), nullptr), 1);
    ASSERT_EQ(md5Hex(bytes), hex(digest, size)) << "length " << length;
  }
}

}  // namespace
}  // namespace parc::agent::pjlink
