#pragma once
// MD5 (RFC 1321), only for PJLink authentication (digest.h): a few hundred bytes of
// code instead of mapping libcrypto into every inventory. Pure.

#include <array>
#include <cstdint>
#include <string_view>

namespace parc::agent::pjlink {

std::array<std::uint8_t, 16> md5(std::string_view data);

}  // namespace parc::agent::pjlink
