#include "server/store/hardware_identity.h"

#include <gtest/gtest.h>

namespace parc::server {
namespace {

struct Case {
  const char* input;
  std::optional<std::string> expected;
};

TEST(StoreHardwareIdentityTest, Uuids) {
  const Case cases[] = {
      {"3C1F8A52-1111-4A2B-9C3D-0123456789AB", "3c1f8a52-1111-4a2b-9c3d-0123456789ab"},
      {" 3c1f8a52-1111-4a2b-9c3d-0123456789ab\n", "3c1f8a52-1111-4a2b-9c3d-0123456789ab"},
      {"00000000-0000-0000-0000-000000000000", std::nullopt},
      {"FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", std::nullopt},
      {"03000200-0400-0500-0006-000700080009", std::nullopt},
      {"00020003-0004-0005-0006-000700080009", std::nullopt},
      {"11111111-1111-1111-1111-111111111111", std::nullopt},
      {"Not Settable", std::nullopt},
      {"", std::nullopt},
      {"3c1f8a52-1111-4a2b-9c3d", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(usableUuid(c.input), c.expected) << c.input;
}

TEST(StoreHardwareIdentityTest, Serials) {
  const Case cases[] = {
      {"NXVHPEF00112233", "NXVHPEF00112233"},
      {"  PF2ABCDE ", "PF2ABCDE"},
      {"To be filled by O.E.M.", std::nullopt},
      {"TO BE FILLED BY O.E.M.", std::nullopt},
      {"Default string", std::nullopt},
      {"System Serial Number", std::nullopt},
      {"0", std::nullopt},
      {"None", std::nullopt},
      {"Not Specified", std::nullopt},
      {"123456789", std::nullopt},
      {"", std::nullopt},
      {"   ", std::nullopt},
      {"00000000", std::nullopt},
      {"XXXXXXXX", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(usableSerial(c.input), c.expected) << c.input;
}

TEST(StoreHardwareIdentityTest, Macs) {
  const Case cases[] = {
      {"00:1B:21:3A:4F:01", "00:1b:21:3a:4f:01"},
      {"00-1b-21-3a-4f-01", "00:1b:21:3a:4f:01"},
      {"001b.213a.4f01", "00:1b:21:3a:4f:01"},
      {"001B213A4F01", "00:1b:21:3a:4f:01"},
      {"00:00:00:00:00:00", std::nullopt},
      {"ff:ff:ff:ff:ff:ff", std::nullopt},
      {"00:1b:21:3a:4f", std::nullopt},
      {"zz:1b:21:3a:4f:01", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(normalizeMac(c.input), c.expected) << c.input;
}

}  // namespace
}  // namespace parc::server
