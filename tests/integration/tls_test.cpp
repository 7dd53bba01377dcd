// TLS on the real server: agents pin the CA by its fingerprint, plain HTTP and
// weak protocol versions or ciphers get nothing, --plain-http only when asked.

#include <gtest/gtest.h>

#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

class TlsTest : public ::testing::Test {
 protected:
  TlsTest() : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()), server_(dir_.path()) {}

  void SetUp() override {
    park_ = server_.makePark("Ville de Test");
    server_.start();
  }

  // `openssl s_client` against the server with these options; its output and exit code.
  Finished sClient(const std::string& options) {
    const std::string command = "openssl s_client -connect 127.0.0.1:" + std::to_string(server_.port()) +
                                " " + options + " </dev/null";
    return run("/bin/sh", {"-c", command}, dir_.path() / ("s_client-" + std::to_string(++clients_)));
  }

  std::string tokenUses() {
    const std::string list = server_.admin({"token", "list"});
    const auto tab = list.find('\t', list.find('\t', list.find('\t') + 1) + 1);
    return list.substr(tab + 1, list.find('\t', tab + 1) - tab - 1);
  }

  TempDir dir_;
  ParcServer server_;
  ParcServer::Park park_;
  int clients_ = 0;
};

TEST_F(TlsTest, TheServerServesHttpsByDefaultWithItsOwnCa) {
  ASSERT_EQ(server_.url().substr(0, 8), "https://");
  const auto health = httpRequest("GET", server_.url() + "/healthz");
  EXPECT_EQ(health.status, 200) << health.body;
  const auto ca = httpRequest("GET", server_.url() + "/api/v1/ca");
  EXPECT_EQ(ca.status, 200);
  EXPECT_EQ(ca.body, readFile(server_.dataDir() / "ca.pem"));
  EXPECT_EQ(server_.caFingerprint().substr(0, 7), "sha256:");
  EXPECT_EQ(server_.caFingerprint().size(), 7u + 64u);
}

TEST_F(TlsTest, AnAgentEnrollsWithTheRightFingerprintAndReports) {
  ParcAgent agent(dir_.path(), "laptop");
  const auto enrolled = agent.enroll(server_.url(), park_.token);
  ASSERT_EQ(enrolled.exit_code, 0) << enrolled.err;
  EXPECT_EQ(agent.identity()["ca_fingerprint"], server_.caFingerprint());
  EXPECT_EQ(readFile(agent.stateDir() / "ca.pem"), readFile(server_.dataDir() / "ca.pem"));
  const auto sent = agent.once();
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  const json device = server_.getJson("/api/v1/devices/" + agent.identity()["device_id"].get<std::string>(),
                                      park_.api_token);
  EXPECT_TRUE(device.contains("inventory"));
}

TEST_F(TlsTest, AWrongFingerprintIsRefusedAndNothingIsEnrolled) {
  ParcAgent agent(dir_.path(), "laptop");
  std::string wrong = server_.caFingerprint();
  wrong.back() = wrong.back() == '0' ? '1' : '0';
  const auto refused = agent.enroll(server_.url(), park_.token, {"--ca-fingerprint", wrong});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("CA fingerprint mismatch"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find(wrong), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(agent.stateDir() / "identity.json"));
  EXPECT_FALSE(std::filesystem::exists(agent.stateDir() / "ca.pem"));
  EXPECT_EQ(tokenUses(), "0/10");
  EXPECT_TRUE(server_.getJson("/api/v1/devices", park_.api_token)["devices"].empty());
}

TEST_F(TlsTest, HttpsWithoutAFingerprintIsRefused) {
  ParcAgent agent(dir_.path(), "laptop");
  const auto refused = agent.command("enroll", {"--server", server_.url(), "--token", park_.token});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("--ca-fingerprint"), std::string::npos) << refused.err;
  EXPECT_EQ(tokenUses(), "0/10");
}

TEST_F(TlsTest, APlainHttpClientToTheTlsPortGetsNothingUseful) {
  const auto answer = httpRequest("GET", "http://127.0.0.1:" + std::to_string(server_.port()) + "/healthz");
  EXPECT_NE(answer.status, 200);
  EXPECT_EQ(answer.body.find("ok"), std::string::npos) << answer.body;
  ParcAgent agent(dir_.path(), "laptop");
  const auto refused =
      agent.enroll("http://127.0.0.1:" + std::to_string(server_.port()), park_.token);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_EQ(tokenUses(), "0/10");
}

TEST_F(TlsTest, OldProtocolVersionsAndWeakCiphersAreRefused) {
  const auto modern = sClient("-tls1_2");
  EXPECT_NE(modern.out.find("ECDHE-ECDSA-"), std::string::npos) << modern.out << modern.err;
  EXPECT_NE(sClient("-tls1_3").out.find("TLSv1.3"), std::string::npos);
  for (const std::string& weak : std::vector<std::string>{"-tls1_1 -cipher ALL:@SECLEVEL=0", "-tls1 -cipher ALL:@SECLEVEL=0",
                                 "-tls1_2 -cipher AES128-SHA", "-tls1_2 -cipher ECDHE-ECDSA-AES128-SHA",
                                 "-tls1_2 -cipher ECDHE-ECDSA-AES128-SHA256"}) {
    const auto refused = sClient(weak);
    EXPECT_NE(refused.exit_code, 0) << weak;
    EXPECT_NE(refused.out.find("Cipher is (NONE)"), std::string::npos) << weak << ": " << refused.out;
  }
}

TEST_F(TlsTest, TheCaAndItsFingerprintSurviveARestart) {
  ParcAgent agent(dir_.path(), "desktop");
  ASSERT_EQ(agent.enroll(server_.url(), park_.token).exit_code, 0);
  const std::string before = server_.caFingerprint();
  server_.stop();
  server_.start();
  EXPECT_EQ(server_.caFingerprint(), before);
  const auto sent = agent.once();
  EXPECT_EQ(sent.exit_code, 0) << sent.err;
}

TEST_F(TlsTest, PlainHttpOnlyWhenAskedAndThenWithoutPinning) {
  server_.stop();
  server_.start({"--plain-http"});
  ASSERT_EQ(server_.url().substr(0, 7), "http://");
  EXPECT_EQ(httpRequest("GET", server_.url() + "/healthz").status, 200);
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/ca").status, 404);
  ParcAgent agent(dir_.path(), "laptop");
  const auto pinned = agent.enroll(server_.url(), park_.token, {"--ca-fingerprint", "sha256:" + std::string(64, 'a')});
  EXPECT_EQ(pinned.exit_code, 1) << "a fingerprint with an http:// URL must not be silently ignored";
  const auto enrolled = agent.enroll(server_.url(), park_.token);
  ASSERT_EQ(enrolled.exit_code, 0) << enrolled.err;
  EXPECT_EQ(agent.once().exit_code, 0);
}

}  // namespace
}  // namespace parc::testing
