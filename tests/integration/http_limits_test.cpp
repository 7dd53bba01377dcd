// The server's transport limits and error shapes, seen from a client.

#include <gtest/gtest.h>

#include "tests/integration/parc_fixture.h"

namespace parc::testing {
namespace {

using nlohmann::json;

class HttpLimitsTest : public ::testing::Test {
 protected:
  HttpLimitsTest() : dir_("http-limits"), server_(dir_.path()) {}
  void SetUp() override {
    park_ = server_.makePark("Limites");
    server_.start({"--body-limit", "65536"});
  }
  TempDir dir_;
  ParcServer server_;
  ParcServer::Park park_;
};

TEST_F(HttpLimitsTest, HealthzAnswers) {
  const auto answer = httpRequest("GET", server_.url() + "/healthz");
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(json::parse(answer.body)["status"], "ok");
}

TEST_F(HttpLimitsTest, AnOversizedBodyGets413AsJson) {
  const auto answer = httpRequest("POST", server_.url() + "/api/v1/enroll", std::string(70000, 'x'));
  EXPECT_EQ(answer.status, 413);
  EXPECT_EQ(json::parse(answer.body)["error"], "body_too_large");
}

TEST_F(HttpLimitsTest, UnknownRoutesAndWrongMethodsAnswerJson) {
  const auto missing = httpRequest("GET", server_.url() + "/api/v1/nothing");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json::parse(missing.body)["error"], "not_found");
  const auto wrong = httpRequest("DELETE", server_.url() + "/api/v1/reports");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(json::parse(wrong.body)["error"], "method_not_allowed");
}

TEST_F(HttpLimitsTest, ReadingTheInventoryNeedsAValidApiToken) {
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/devices").status, 401);
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/devices", "", {"Authorization: Bearer nope"}).status, 401);
  EXPECT_EQ(httpRequest("GET", server_.url() + "/api/v1/devices", "",
                        {"Authorization: Bearer " + park_.api_token}).status, 200);
}

TEST_F(HttpLimitsTest, AnotherCollectivitysDeviceIsNotFound) {
  const auto other = server_.makePark("Autre");
  ParcAgent agent(dir_.path(), "laptop");
  ASSERT_EQ(agent.enroll(server_.url(), other.token).exit_code, 0);
  const std::string device = agent.identity()["device_id"];
  server_.getJson("/api/v1/devices/" + device, other.api_token, 200);
  const json hidden = server_.getJson("/api/v1/devices/" + device, park_.api_token, 404);
  const json unknown = server_.getJson("/api/v1/devices/00000000-0000-4000-8000-000000000000", park_.api_token, 404);
  EXPECT_EQ(hidden, unknown);
  EXPECT_TRUE(server_.getJson("/api/v1/devices", park_.api_token)["devices"].empty());
}

TEST_F(HttpLimitsTest, BadEnrollmentBodiesNameTheProblem) {
  const auto not_json = httpRequest("POST", server_.url() + "/api/v1/enroll", "{\"token\":");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_EQ(json::parse(not_json.body)["error"], "invalid_request");
  const auto wrong_type = httpRequest("POST", server_.url() + "/api/v1/enroll",
                                      R"({"token":"x","machine":{"macs":"aa:bb"}})");
  EXPECT_EQ(wrong_type.status, 400);
  EXPECT_EQ(json::parse(wrong_type.body)["detail"], "machine.macs: expected an array");
}

}  // namespace
}  // namespace parc::testing
