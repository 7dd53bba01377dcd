// sha256Hex (shared/sha256.cpp, no OpenSSL) against the FIPS 180-4 examples and
// against OpenSSL's SHA-256 on every length around the block and padding boundaries.

#include <openssl/evp.h>

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "shared/crypto.h"

namespace parc {
namespace {

std::string opensslSha256(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EXPECT_EQ(EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr), 1);
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kDigits[digest[i] >> 4]);
    hex.push_back(kDigits[digest[i] & 0xf]);
  }
  return hex;
}

TEST(Sha256, FipsExamples) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, SameAsOpensslOnEveryLengthUpTo300) {
  std::mt19937 rng(20261123);
  for (std::size_t length = 0; length <= 300; ++length) {
    std::string bytes(length, '\0');
    for (auto& c : bytes) c = static_cast<char>(rng() & 0xff);
    ASSERT_EQ(sha256Hex(bytes), opensslSha256(bytes)) << "length " << length;
  }
}

TEST(Sha256, SameAsOpensslOnLargeBinaryInput) {
  std::string bytes(3 * 1024 * 1024 + 17, '\0');
  std::mt19937 rng(7);
  for (auto& c : bytes) c = static_cast<char>(rng() & 0xff);
  EXPECT_EQ(sha256Hex(bytes), opensslSha256(bytes));
}

}  // namespace
}  // namespace parc
