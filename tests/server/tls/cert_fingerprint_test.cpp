// Fingerprint spellings people paste: normalised to sha256:<64 lowercase hex>.
#include "shared/cert_fingerprint.h"

#include <gtest/gtest.h>

namespace parc {
namespace {

TEST(CertFingerprint, SpellingsAreNormalised) {
  const std::string hex(64, 'a');
  std::string colons;
  for (int i = 0; i < 32; ++i) colons += std::string(i ? ":" : "") + "AA";
  const std::vector<std::pair<std::string, std::string>> table = {
      {"sha256:" + hex, "sha256:" + hex},
      {"SHA256:" + std::string(64, 'A'), "sha256:" + hex},
      {"sha256:" + colons, "sha256:" + hex},
  };
  for (const auto& [input, expected] : table) {
    const auto normal = normalizeFingerprint(input);
    ASSERT_TRUE(normal) << input << ": " << normal.error();
    EXPECT_EQ(*normal, expected);
  }
}

TEST(CertFingerprint, MalformedFingerprintsAreRefused) {
  for (const std::string& bad : std::vector<std::string>{"", "sha256:", "md5:" + std::string(32, 'a'), std::string(64, 'a'),
                                "sha256:" + std::string(63, 'a'), "sha256:" + std::string(65, 'a'),
                                "sha256:" + std::string(63, 'a') + "g", "sha256 :" + std::string(64, 'a')}) {
    const auto refused = normalizeFingerprint(bad);
    ASSERT_FALSE(refused) << bad;
    EXPECT_NE(refused.error().find("sha256:<64 hex digits>"), std::string::npos);
  }
}

}  // namespace
}  // namespace parc
