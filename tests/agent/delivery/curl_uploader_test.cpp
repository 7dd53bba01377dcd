#include "agent/delivery/curl_uploader.h"

#include <gtest/gtest.h>

#include "tests/agent/delivery/test_http_server.h"

namespace parc::agent {
namespace {

using namespace std::chrono_literals;
using testing::ScriptedAnswer;
using testing::TestHttpServer;

std::unique_ptr<CurlUploader> makeUploader(const CurlGlobal& global,
                                           std::chrono::milliseconds total = 5s) {
  UploaderOptions options;
  options.agent_version = "1.2.3";
  options.connect_timeout = 2s;
  options.total_timeout = total;
  auto uploader = CurlUploader::create(global, options);
  if (!uploader) throw std::runtime_error(uploader.error());
  return std::move(*uploader);
}

TEST(DeliveryCurlUploader, ParsesRetryAfterSeconds) {
  EXPECT_EQ(parseRetryAfter(" 120\r\n"), 120s);
  EXPECT_EQ(parseRetryAfter("0"), 0s);
  EXPECT_EQ(parseRetryAfter("99999999999"), std::chrono::seconds(7 * 24 * 3600));
  EXPECT_FALSE(parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT"));
  EXPECT_FALSE(parseRetryAfter("-5"));
  EXPECT_FALSE(parseRetryAfter("12s"));
  EXPECT_FALSE(parseRetryAfter(""));
}

TEST(DeliveryCurlUploader, PostsJsonWithBearerAndUserAgent) {
  CurlGlobal global;
  TestHttpServer server({ScriptedAnswer::respond(429, "{\"error\":\"busy\"}", {"Retry-After: 30"}),
                         ScriptedAnswer::respond(202, "{\"ack\":1}")});
  auto uploader = makeUploader(global);
  const HttpOutcome busy =
      uploader->post(server.url() + "/api/v1/reports", "{\"seq\":1}", "s3cret");
  ASSERT_TRUE(busy.transport_ok) << busy.transport_error;
  EXPECT_EQ(busy.status, 429);
  EXPECT_EQ(busy.retry_after, 30s);
  const HttpOutcome ok = uploader->post(server.url() + "/api/v1/reports", "{\"seq\":1}", "");
  EXPECT_EQ(ok.status, 202);
  EXPECT_EQ(ok.body, "{\"ack\":1}");
  EXPECT_FALSE(ok.retry_after);  // not carried over from the previous call

  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].target, "/api/v1/reports");
  EXPECT_EQ(requests[0].body, "{\"seq\":1}");
  EXPECT_EQ(requests[0].headers.at("authorization"), "Bearer s3cret");
  EXPECT_EQ(requests[0].headers.at("content-type"), "application/json");
  EXPECT_EQ(requests[0].headers.at("user-agent"), "parc-agent/1.2.3");
  EXPECT_FALSE(requests[1].headers.contains("authorization"));
  EXPECT_FALSE(requests[1].headers.contains("expect"));
}

TEST(DeliveryCurlUploader, LargeBodyArrivesWhole) {
  CurlGlobal global;
  TestHttpServer server({ScriptedAnswer::respond(202, "{}")});
  auto uploader = makeUploader(global);
  const std::string body(3 * 1024 * 1024 + 17, 'x');
  EXPECT_EQ(uploader->post(server.url() + "/r", body, "t").status, 202);
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(server.requests()[0].body, body);
}

TEST(DeliveryCurlUploader, TransportErrorsAreValues) {
  CurlGlobal global;
  auto uploader = makeUploader(global, 300ms);
  const HttpOutcome refused =
      uploader->post("http://127.0.0.1:" + std::to_string(testing::closedPort()) + "/r", "{}", "");
  EXPECT_FALSE(refused.transport_ok);
  EXPECT_FALSE(refused.transport_error.empty());

  TestHttpServer server({ScriptedAnswer::closeWithoutAnswer(), ScriptedAnswer::neverAnswer()});
  const HttpOutcome closed = uploader->post(server.url() + "/r", "{}", "");
  EXPECT_FALSE(closed.transport_ok);
  const auto start = std::chrono::steady_clock::now();
  const HttpOutcome hung = uploader->post(server.url() + "/r", "{}", "");
  EXPECT_FALSE(hung.transport_ok);
  EXPECT_NE(hung.transport_error.find("imed out"), std::string::npos) << hung.transport_error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
}

}  // namespace
}  // namespace parc::agent
