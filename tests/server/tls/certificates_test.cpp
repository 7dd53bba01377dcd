// The CA and server certificates made in memory, read back through OpenSSL.
#include "server/tls/certificates.h"

#include <gtest/gtest.h>

#include "shared/cert_fingerprint.h"

namespace parc::server::tls {
namespace {

const TimePoint kNow = *parseRfc3339("2026-11-23T08:00:00Z");

TEST(Certificates, ACaIsSelfSignedForTenYearsAndMarkedCa) {
  const auto ca = createCa("Parc CA", kNow);
  ASSERT_TRUE(ca) << ca.error();
  const auto info = inspectCertificate(ca->certificate_pem);
  ASSERT_TRUE(info) << info.error();
  EXPECT_TRUE(info->is_ca);
  EXPECT_NE(info->subject.find("CN=Parc CA"), std::string::npos) << info->subject;
  EXPECT_GE(info->not_after - kNow, std::chrono::days(3650));
  EXPECT_LE(info->not_before, kNow);
  EXPECT_TRUE(checkKeyMatches(ca->certificate_pem, ca->key_pem));
  EXPECT_TRUE(checkSignedBy(ca->certificate_pem, ca->certificate_pem));
  EXPECT_NE(ca->key_pem.find("BEGIN PRIVATE KEY"), std::string::npos);
}

TEST(Certificates, AServerCertificateCarriesItsNamesAndIsSignedByTheCa) {
  const auto ca = createCa("Parc CA", kNow);
  ASSERT_TRUE(ca);
  const std::vector<std::string> names = {"parc.example.fr", "localhost", "127.0.0.1", "::1"};
  const auto server = createServerCertificate(*ca, names, kNow);
  ASSERT_TRUE(server) << server.error();
  const auto info = inspectCertificate(server->certificate_pem);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->names, names);
  EXPECT_FALSE(info->is_ca);
  EXPECT_NE(info->subject.find("CN=parc.example.fr"), std::string::npos);
  EXPECT_GE(info->not_after - kNow, std::chrono::days(700));
  EXPECT_LT(info->not_after - kNow, std::chrono::days(800));
  EXPECT_TRUE(checkSignedBy(server->certificate_pem, ca->certificate_pem));
  const auto other_ca = createCa("Other CA", kNow);
  ASSERT_TRUE(other_ca);
  EXPECT_FALSE(checkSignedBy(server->certificate_pem, other_ca->certificate_pem));
  EXPECT_FALSE(checkKeyMatches(server->certificate_pem, ca->key_pem));
}

TEST(Certificates, BadNamesAreRefusedNamingThem) {
  const auto ca = createCa("Parc CA", kNow);
  ASSERT_TRUE(ca);
  for (const std::string& bad : std::vector<std::string>{"", "bad name", "-leading", "x/y", "a..b.", std::string(300, 'a')}) {
    const auto refused = createServerCertificate(*ca, {bad}, kNow);
    ASSERT_FALSE(refused) << bad;
    EXPECT_NE(refused.error().find("tls_names"), std::string::npos) << refused.error();
  }
  EXPECT_FALSE(createServerCertificate(*ca, {}, kNow));
}

TEST(Certificates, NameValidationTable) {
  const std::vector<std::pair<std::string, bool>> table = {
      {"parc.example.fr", true}, {"localhost", true},  {"*.example.fr", true}, {"10.1.2.3", true},
      {"fe80::1", true},         {"::1", true},        {"a*.example.fr", false}, {"exa mple", false},
      {".example.fr", false},    {"example.fr.", false}, {"é.fr", false},       {"", false}};
  for (const auto& [name, valid] : table) EXPECT_EQ(validTlsName(name), valid) << name;
}

TEST(Certificates, GarbageTruncatedAndOversizedPemAreRefused) {
  const auto ca = createCa("Parc CA", kNow);
  ASSERT_TRUE(ca);
  const std::string& pem = ca->certificate_pem;
  const std::vector<std::string> hostile = {
      "", "garbage", std::string("\0\xff\xfe", 3), pem.substr(0, pem.size() / 2),
      "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", ca->key_pem,
      std::string(2 << 20, 'A')};
  for (const auto& text : hostile) {
    const auto info = inspectCertificate(text);
    ASSERT_FALSE(info) << text.substr(0, 40);
    EXPECT_NE(info.error().find("not a PEM certificate"), std::string::npos) << info.error();
    EXPECT_FALSE(certificateFingerprint(text));
  }
  EXPECT_FALSE(checkKeyMatches(pem, "garbage"));
  const KeyAndCertificate broken{"garbage", pem};
  EXPECT_FALSE(createServerCertificate(broken, {"localhost"}, kNow));
}

TEST(Certificates, TheFingerprintIsTheSha256OfTheDer) {
  const auto ca = createCa("Parc CA", kNow);
  ASSERT_TRUE(ca);
  const auto info = inspectCertificate(ca->certificate_pem);
  const auto again = certificateFingerprint(ca->certificate_pem);
  ASSERT_TRUE(info && again);
  EXPECT_EQ(info->fingerprint, *again);
  // Two CAs never share a fingerprint (fresh keys and serials).
  const auto other = createCa("Parc CA", kNow);
  ASSERT_TRUE(other);
  EXPECT_NE(*certificateFingerprint(other->certificate_pem), *again);
}

}  // namespace
}  // namespace parc::server::tls
