// The server's TLS files: made at the first start, read back unchanged later,
// renewed by the same CA when needed, refused with the file and the reason.
#include "server/tls/tls_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "server/tls/certificates.h"
#include "shared/crypto.h"

namespace parc::server::tls {
namespace {

namespace fs = std::filesystem;
const TimePoint kNow = *parseRfc3339("2026-11-23T08:00:00Z");

class TlsFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("parc-tls-" + randomHex(8));
    fs::create_directories(dir_);
    settings_.data_dir = dir_;
    settings_.names = {"parc.example.fr", "127.0.0.1"};
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string read(const fs::path& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  static void write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }
  static unsigned mode(const fs::path& path) {
    struct stat st {};
    ::stat(path.c_str(), &st);
    return st.st_mode & 0777;
  }

  fs::path dir_;
  TlsSettings settings_;
};

TEST_F(TlsFilesTest, TheFirstStartMakesTheCaAndServerCertificateWithPrivateKeys) {
  const auto material = loadOrCreateTls(settings_, kNow);
  ASSERT_TRUE(material) << material.error();
  EXPECT_TRUE(material->issued);
  EXPECT_EQ(mode(dir_ / kCaKeyFile), 0600u);
  EXPECT_EQ(mode(dir_ / kServerKeyFile), 0600u);
  EXPECT_EQ(material->ca_pem, read(dir_ / kCaCertFile));
  EXPECT_EQ(material->certificate_chain_pem, read(dir_ / kServerCertFile));
  EXPECT_EQ(material->names, settings_.names);
  EXPECT_EQ(material->ca_fingerprint, inspectCertificate(read(dir_ / kCaCertFile))->fingerprint);
  EXPECT_TRUE(checkSignedBy(material->certificate_chain_pem, material->ca_pem));
  EXPECT_TRUE(checkKeyMatches(material->certificate_chain_pem, material->key_pem));
}

TEST_F(TlsFilesTest, LaterStartsReadTheSameFilesAndKeepTheFingerprint) {
  const auto first = loadOrCreateTls(settings_, kNow);
  ASSERT_TRUE(first);
  const auto second = loadOrCreateTls(settings_, kNow + std::chrono::days(100));
  ASSERT_TRUE(second) << second.error();
  EXPECT_FALSE(second->issued);
  EXPECT_EQ(second->ca_fingerprint, first->ca_fingerprint);
  EXPECT_EQ(second->certificate_chain_pem, first->certificate_chain_pem);
  const auto ca = loadOrCreateCa(settings_, kNow);
  ASSERT_TRUE(ca);
  EXPECT_EQ(*ca, first->ca_pem);
}

TEST_F(TlsFilesTest, NewNamesOrANearExpiryIssueANewCertificateFromTheSameCa) {
  const auto first = loadOrCreateTls(settings_, kNow);
  ASSERT_TRUE(first);
  settings_.names.push_back("parc2.example.fr");
  const auto renamed = loadOrCreateTls(settings_, kNow);
  ASSERT_TRUE(renamed) << renamed.error();
  EXPECT_TRUE(renamed->issued);
  EXPECT_EQ(renamed->names, settings_.names);
  EXPECT_EQ(renamed->ca_fingerprint, first->ca_fingerprint);
  const auto late = loadOrCreateTls(settings_, first->not_after - std::chrono::days(10));
  ASSERT_TRUE(late) << late.error();
  EXPECT_TRUE(late->issued);
  EXPECT_GT(late->not_after, first->not_after);
  EXPECT_EQ(late->ca_fingerprint, first->ca_fingerprint);
}

TEST_F(TlsFilesTest, AnExpiredCaIsRefusedWithAClearError) {
  ASSERT_TRUE(loadOrCreateTls(settings_, kNow));
  const auto refused = loadOrCreateTls(settings_, kNow + std::chrono::days(3660));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("ca.pem: certificate expired on"), std::string::npos) << refused.error();
}

TEST_F(TlsFilesTest, AGarbageOrMissingCaFileIsRefusedNamingIt) {
  ASSERT_TRUE(loadOrCreateTls(settings_, kNow));
  const std::string good = read(dir_ / kCaCertFile);
  for (const std::string& bad : std::vector<std::string>{std::string("garbage"), good.substr(0, good.size() / 2), std::string()}) {
    write(dir_ / kCaCertFile, bad);
    const auto refused = loadOrCreateTls(settings_, kNow);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().find((dir_ / kCaCertFile).string()), std::string::npos) << refused.error();
  }
  write(dir_ / kCaCertFile, good);
  fs::remove(dir_ / kCaKeyFile);
  const auto no_key = loadOrCreateTls(settings_, kNow);
  ASSERT_FALSE(no_key);
  EXPECT_NE(no_key.error().find("ca.key"), std::string::npos) << no_key.error();
}

TEST_F(TlsFilesTest, ConfiguredFilesAreUsedAsTheyAre) {
  const auto ca = createCa("Collectivity CA", kNow);
  const auto server = createServerCertificate(*ca, {"parc.collectivite.fr"}, kNow);
  ASSERT_TRUE(ca && server);
  write(dir_ / "my.pem", server->certificate_pem);
  write(dir_ / "my.key", server->key_pem);
  write(dir_ / "my-ca.pem", ca->certificate_pem);
  settings_.cert_file = dir_ / "my.pem";
  settings_.key_file = dir_ / "my.key";
  settings_.ca_file = dir_ / "my-ca.pem";
  const auto material = loadOrCreateTls(settings_, kNow);
  ASSERT_TRUE(material) << material.error();
  EXPECT_FALSE(material->issued);
  EXPECT_EQ(material->ca_fingerprint, inspectCertificate(ca->certificate_pem)->fingerprint);
  EXPECT_EQ(material->names, std::vector<std::string>{"parc.collectivite.fr"});
  EXPECT_FALSE(fs::exists(dir_ / kCaKeyFile));
}

TEST_F(TlsFilesTest, ConfiguredFilesThatDoNotFitAreRefused) {
  const auto ca = createCa("Collectivity CA", kNow);
  const auto server = createServerCertificate(*ca, {"parc.collectivite.fr"}, kNow, std::chrono::days(10));
  ASSERT_TRUE(ca && server);
  write(dir_ / "my.pem", server->certificate_pem);
  write(dir_ / "my.key", ca->key_pem);  // not the certificate's key
  write(dir_ / "my-ca.pem", ca->certificate_pem);
  settings_.cert_file = dir_ / "my.pem";
  settings_.key_file = dir_ / "my.key";
  settings_.ca_file = dir_ / "my-ca.pem";
  auto refused = loadOrCreateTls(settings_, kNow);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("does not match"), std::string::npos) << refused.error();

  write(dir_ / "my.key", server->key_pem);
  refused = loadOrCreateTls(settings_, kNow + std::chrono::days(30));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("my.pem: certificate expired on"), std::string::npos) << refused.error();

  settings_.ca_file.reset();
  refused = loadOrCreateTls(settings_, kNow);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("all three"), std::string::npos) << refused.error();

  settings_.ca_file = dir_ / "missing.pem";
  refused = loadOrCreateTls(settings_, kNow);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().find("missing.pem"), std::string::npos) << refused.error();
}

TEST(TlsNames, TheDefaultsCoverLoopbackAndAreValid) {
  const auto names = defaultTlsNames();
  for (const char* expected : {"localhost", "127.0.0.1", "::1"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end()) << expected;
  }
  for (const auto& name : names) EXPECT_TRUE(validTlsName(name)) << name;
}

}  // namespace
}  // namespace parc::server::tls
