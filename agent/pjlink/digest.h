#pragma once
// PJLink authentication: lowercase hex MD5 of (random + password), sent in front
// of the first command. MD5 is what the protocol prescribes; it protects nothing
// beyond keeping the password off the wire.

#include <string>
#include <string_view>

namespace parc::agent::pjlink {

std::string authDigest(std::string_view random, std::string_view password);

}  // namespace parc::agent::pjlink
