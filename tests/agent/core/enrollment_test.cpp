#include "agent/enrollment.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace parc::agent {
namespace {

using nlohmann::json;

class ScriptedUploader : public Uploader {
 public:
  explicit ScriptedUploader(HttpOutcome outcome) : outcome_(std::move(outcome)) {}
  HttpOutcome post(const std::string& url, const std::string& body, const std::string& bearer) override {
    last_url = url;
    last_body = body;
    last_bearer = bearer;
    return outcome_;
  }
  std::string last_url, last_body, last_bearer;

 private:
  HttpOutcome outcome_;
};

Inventory machine() {
  Inventory inventory;
  inventory.system.uuid = "3c1f8a52-0000-4000-8000-000000000001";
  inventory.system.serial = "NXVHPEF0";
  inventory.os.hostname = "salle-b12-poste03";
  inventory.network.push_back(NetInterface{.name = "eth0", .mac = "a4:bb:6d:01:02:03", .type = "wired"});
  inventory.network.push_back(NetInterface{.name = "docker0", .mac = "02:42:ac:11:00:01", .type = "virtual"});
  return inventory;
}

const EnrollmentRequest kRequest{"http://parc:8080", "pe_token", "", "0.1.0"};

TEST(Enrollment, SendsTheHardwareIdentityAndKeepsTheAnswer) {
  ScriptedUploader uploader(HttpOutcome{true, "", 201, R"({"agent_id":"a1","agent_secret":"s1",
      "device_id":"d1","site":{"id":"site1","name":"École Jules Ferry"},"report_interval_s":900})", {}});
  auto identity = enroll(uploader, kRequest, machine(), "2026-11-23T08:00:00Z");
  ASSERT_TRUE(identity.ok()) << identity.error();
  EXPECT_EQ(identity->agent_id, "a1");
  EXPECT_EQ(identity->agent_secret, "s1");
  EXPECT_EQ(identity->site_name, "École Jules Ferry");
  EXPECT_EQ(identity->server, "http://parc:8080");
  EXPECT_EQ(uploader.last_url, "http://parc:8080/api/v1/enroll");
  EXPECT_TRUE(uploader.last_bearer.empty());
  const json body = json::parse(uploader.last_body);
  EXPECT_EQ(body["token"], "pe_token");
  EXPECT_EQ(body["machine"]["uuid"], "3c1f8a52-0000-4000-8000-000000000001");
  EXPECT_EQ(body["machine"]["macs"], json::array({"a4:bb:6d:01:02:03"})) << "virtual NICs are not identity";
}

TEST(Enrollment, ARefusedTokenSaysSo) {
  ScriptedUploader uploader(HttpOutcome{true, "", 401, R"({"error":"invalid_token","detail":"expired"})", {}});
  auto identity = enroll(uploader, kRequest, machine(), "now");
  ASSERT_FALSE(identity.ok());
  EXPECT_NE(identity.error().find("invalid_token"), std::string::npos) << identity.error();
}

TEST(Enrollment, AnUnreachableServerOrAGarbledAnswerIsAnError) {
  ScriptedUploader down(HttpOutcome{false, "Connection refused", 0, "", {}});
  auto refused = enroll(down, kRequest, machine(), "now");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("Connection refused"), std::string::npos);
  ScriptedUploader garbled(HttpOutcome{true, "", 201, R"({"agent_id": 5})", {}});
  EXPECT_FALSE(enroll(garbled, kRequest, machine(), "now").ok());
  ScriptedUploader html(HttpOutcome{true, "", 502, "<html>Bad Gateway</html>", {}});
  auto gateway = enroll(html, kRequest, machine(), "now");
  ASSERT_FALSE(gateway.ok());
  EXPECT_NE(gateway.error().find("502"), std::string::npos);
}

}  // namespace
}  // namespace parc::agent
