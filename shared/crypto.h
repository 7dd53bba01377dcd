#pragma once
// Hashing and randomness, from OpenSSL.

#include <string>
#include <string_view>

namespace parc {

// Lowercase hex SHA-256 of the bytes (shared/sha256.cpp: no OpenSSL).
std::string sha256Hex(std::string_view bytes);

// `bytes` bytes from OpenSSL's CSPRNG, as lowercase hex. Throws on RNG failure
// (nothing sensible can continue without randomness).
std::string randomHex(std::size_t bytes);

// A random identifier in the UUID v4 text form.
std::string newId();

// Equal-length comparison whose time does not depend on where they differ.
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace parc
