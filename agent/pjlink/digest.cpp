#include "agent/pjlink/digest.h"

#include "agent/pjlink/md5.h"

namespace parc::agent::pjlink {

std::string authDigest(std::string_view random, std::string_view password) {
  const auto md = md5(std::string(random) + std::string(password));
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t byte : md) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 0xf]);
  }
  return out;
}

}  // namespace parc::agent::pjlink
