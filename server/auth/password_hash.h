#pragma once
// Password hashing with scrypt (OpenSSL), one random salt per password, encoded
// with its parameters so they can be raised later without breaking stored hashes:
//
//   $scrypt$ln=15,r=8,p=1$<salt, hex>$<hash, hex>
//
// N=2^15, r=8, p=1 costs 32 MiB and about 80-100 ms on the 2-core build machine
// (measured with EVP_PBE_scrypt, OpenSSL 3.0): the floor we accept for people's
// passwords; raise kDefaultScrypt when hardware allows.

#include <cstdint>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace parc::server::auth {

struct ScryptParams {
  int log2_n = 15;
  std::uint32_t r = 8;
  std::uint32_t p = 1;
  friend bool operator==(const ScryptParams&, const ScryptParams&) = default;
};

inline constexpr ScryptParams kDefaultScrypt{};

struct PasswordHash {
  ScryptParams params;
  std::string salt;  // raw bytes
  std::string hash;  // raw bytes
};

// Reads the encoded form; refuses unknown schemes, parameters out of bounds and bad hex.
Result<PasswordHash> parsePasswordHash(std::string_view encoded);
std::string encodePasswordHash(const PasswordHash& hash);

// A new encoded hash of `password` with a fresh random salt.
Result<std::string> hashPassword(std::string_view password, const ScryptParams& params = kDefaultScrypt);

// True when `password` matches; the final comparison takes constant time. A
// malformed `encoded` never matches.
bool verifyPassword(std::string_view password, std::string_view encoded);

// True when `encoded` was made with other parameters than `params` (rehash at login).
bool needsRehash(std::string_view encoded, const ScryptParams& params = kDefaultScrypt);

// A random password for a first login: 20 characters without look-alikes.
std::string generatePassword();

}  // namespace parc::server::auth
