// drainSpool through a real CurlUploader against a scripted HTTP server on 127.0.0.1.

#include "agent/delivery/drain.h"

#include <gtest/gtest.h>

#include <fstream>

#include "agent/delivery/curl_uploader.h"
#include "agent/delivery/spool_names.h"
#include "tests/agent/delivery/temp_dir.h"
#include "tests/agent/delivery/test_http_server.h"

namespace parc::agent {
namespace {

using namespace std::chrono_literals;
using testing::ScriptedAnswer;
using testing::TempDir;
using testing::TestHttpServer;

std::string bodyFor(std::uint64_t seq) { return "{\"seq\":" + std::to_string(seq) + "}"; }

class DeliveryDrain : public ::testing::Test {
 protected:
  void SetUp() override {
    auto spool = Spool::open(dir_.path() / "spool");
    ASSERT_TRUE(spool) << spool.error();
    spool_.emplace(std::move(*spool));
    UploaderOptions options;
    options.agent_version = "0.1.0";
    options.connect_timeout = 2s;
    options.total_timeout = 500ms;
    auto uploader = CurlUploader::create(global_, options);
    ASSERT_TRUE(uploader) << uploader.error();
    uploader_ = std::move(*uploader);
  }

  void pushAll(std::initializer_list<std::uint64_t> seqs) {
    for (const std::uint64_t seq : seqs) {
      ASSERT_TRUE(
          spool_->push(seq, seq == 1 ? ReportKind::kFull : ReportKind::kState, bodyFor(seq)));
    }
  }

  DrainResult drain(const std::string& url, std::size_t max_reports = SIZE_MAX) {
    return drainSpool(*spool_, *uploader_, DrainTarget{url, "agent-secret", max_reports},
                      nullLogger());
  }

  std::vector<std::uint64_t> pendingSeqs() const {
    std::vector<std::uint64_t> seqs;
    for (const SpoolEntry& entry : spool_->pending()) seqs.push_back(entry.seq);
    return seqs;
  }

  std::vector<std::string> receivedBodies(const TestHttpServer& server) const {
    std::vector<std::string> bodies;
    for (const auto& request : server.requests()) bodies.push_back(request.body);
    return bodies;
  }

  std::vector<std::string> rejectedFiles() const {
    std::vector<std::string> names;
    for (const auto& file : std::filesystem::directory_iterator(spool_->rejectedDir())) {
      const std::string name = file.path().filename().string();
      if (!name.ends_with(".reason")) names.push_back(name.substr(21));  // without the number
    }
    std::sort(names.begin(), names.end());
    return names;
  }

  TempDir dir_;
  CurlGlobal global_;
  std::optional<Spool> spool_;
  std::unique_ptr<CurlUploader> uploader_;
};

TEST_F(DeliveryDrain, SendsEverythingInSeqOrderAndRemovesWhatWasAcknowledged) {
  pushAll({3, 1, 2});
  TestHttpServer server({ScriptedAnswer::ack(1), ScriptedAnswer::ack(2, false, 600),
                         ScriptedAnswer::ack(3, true, 300)});
  const DrainResult result = drain(server.url() + "/");
  EXPECT_EQ(result.stopped_reason, DrainStop::kDrained);
  EXPECT_EQ(result.sent, 3u);
  EXPECT_EQ(result.rejected, 0u);
  EXPECT_EQ(result.send_full, true);
  EXPECT_EQ(result.next_report_in, 300s);
  EXPECT_TRUE(pendingSeqs().empty());
  EXPECT_EQ(receivedBodies(server), (std::vector<std::string>{bodyFor(1), bodyFor(2), bodyFor(3)}));
  for (const auto& request : server.requests()) {
    EXPECT_EQ(request.target, "/api/v1/reports");
    EXPECT_EQ(request.headers.at("authorization"), "Bearer agent-secret");
  }
}

TEST_F(DeliveryDrain, ServerErrorStopsAndKeepsTheRest) {
  pushAll({1, 2, 3});
  TestHttpServer server(
      {ScriptedAnswer::ack(1), ScriptedAnswer::respond(500, "{\"error\":\"internal\"}")});
  const DrainResult result = drain(server.url());
  EXPECT_EQ(result.stopped_reason, DrainStop::kRetryLater);
  EXPECT_EQ(result.sent, 1u);
  EXPECT_FALSE(result.retry_after);
  EXPECT_NE(result.last_error.find("500"), std::string::npos);
  EXPECT_EQ(pendingSeqs(), (std::vector<std::uint64_t>{2, 3}));
  EXPECT_EQ(receivedBodies(server), (std::vector<std::string>{bodyFor(1), bodyFor(2)}));
}

TEST_F(DeliveryDrain, TooManyRequestsAndUnavailableCarryRetryAfter) {
  pushAll({1, 2});
  TestHttpServer server(
      {ScriptedAnswer::respond(429, "{\"error\":\"rate_limited\"}", {"Retry-After: 120"}),
       ScriptedAnswer::respond(503, "{\"error\":\"unavailable\"}", {"Retry-After: 45"})});
  DrainResult result = drain(server.url());
  EXPECT_EQ(result.stopped_reason, DrainStop::kRetryLater);
  EXPECT_EQ(result.retry_after, 120s);
  result = drain(server.url());
  EXPECT_EQ(result.stopped_reason, DrainStop::kRetryLater);
  EXPECT_EQ(result.retry_after, 45s);
  EXPECT_EQ(result.sent, 0u);
  EXPECT_EQ(pendingSeqs(), (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(receivedBodies(server), (std::vector<std::string>{bodyFor(1), bodyFor(1)}));
}

TEST_F(DeliveryDrain, RefusedReportIsSetAsideAndTheNextOneSent) {
  pushAll({1, 2, 3});
  TestHttpServer server(
      {ScriptedAnswer::ack(1),
       ScriptedAnswer::respond(
           400, R"({"error":"invalid_report","detail":"state.uptime_s: expected a number"})"),
       ScriptedAnswer::respond(413, ""), ScriptedAnswer::ack(4)});
  pushAll({4});
  const DrainResult result = drain(server.url());
  EXPECT_EQ(result.stopped_reason, DrainStop::kDrained);
  EXPECT_EQ(result.sent, 2u);
  EXPECT_EQ(result.rejected, 2u);
  EXPECT_TRUE(pendingSeqs().empty());
  EXPECT_EQ(rejectedFiles(), (std::vector<std::string>{entryFileName(2, ReportKind::kState),
                                                       entryFileName(3, ReportKind::kState)}));
  bool reason_found = false;
  for (const auto& file : std::filesystem::directory_iterator(spool_->rejectedDir())) {
    std::ifstream in(file.path());
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    reason_found |= text.find("state.uptime_s: expected a number") != std::string::npos;
  }
  EXPECT_TRUE(reason_found);
  EXPECT_EQ(receivedBodies(server),
            (std::vector<std::string>{bodyFor(1), bodyFor(2), bodyFor(3), bodyFor(4)}));
  // Never retried: a second drain sends nothing.
  EXPECT_EQ(drain(server.url()).sent, 0u);
  EXPECT_EQ(server.requests().size(), 4u);
}

TEST_F(DeliveryDrain, NotFoundFromSomethingElseKeepsTheSpool) {
  pushAll({1, 2});
  TestHttpServer server({ScriptedAnswer::respond(404, "<html>Not Found</html>")});
  const DrainResult result = drain(server.url());
  EXPECT_EQ(result.stopped_reason, DrainStop::kRetryLater);
  EXPECT_EQ(result.rejected, 0u);
  EXPECT_EQ(pendingSeqs(), (std::vector<std::uint64_t>{1, 2}));
}

TEST_F(DeliveryDrain, UnknownAgentStopsForReenrollmentAndKeepsTheReport) {
  pushAll({1, 2});
  TestHttpServer server(
      {ScriptedAnswer::respond(401, R"({"error":"unknown_agent","reenroll":true})")});
  const DrainResult result = drain(server.url());
  EXPECT_EQ(result.stopped_reason, DrainStop::kNeedsReenroll);
  EXPECT_EQ(result.sent + result.rejected, 0u);
  EXPECT_EQ(pendingSeqs(), (std::vector<std::uint64_t>{1, 2}));
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(result.last_error.find("agent-secret"), std::string::npos);
}

TEST_F(DeliveryDrain, ConnectionClosedWithoutAnswerKeepsTheReport) {
  pushAll({1});
  TestHttpServer server({ScriptedAnswer::closeWithoutAnswer()});
  const DrainResult result = drain(server.url());
  EXPECT_EQ(result.stopped_reason, DrainStop::kRetryLater);
  EXPECT_FALSE(result.last_error.empty());
  EXPECT_EQ(pendingSeqs(), (std::vector<std::uint64_t>{1}));
}

TEST_F(DeliveryDrain, ServerThatNeverAnswersTimesOutAndKeepsTheReport) {
  pushAll({1, 2});
  TestHttpServer server({ScriptedAnswer::neverAnswer()});
  const auto start = std::chrono::steady_clock::now();
  const DrainResult result = drain(server.url());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(result.stopped_reason, DrainStop::kRetryLater);
  EXPECT_NE(result.last_error.find("imed out"), std::string::npos) << result.last_error;
  EXPECT_EQ(pendingSeqs(), (std::vector<std::uint64_t>{1, 2}));
}

TEST_F(DeliveryDrain, NobodyListeningKeepsTheReport) {
  pushAll({1});
  const DrainResult result = drain("http://127.0.0.1:" + std::to_string(testing::closedPort()));
  EXPECT_EQ(result.stopped_reason, DrainStop::kRetryLater);
  EXPECT_EQ(pendingSeqs(), (std::vector<std::uint64_t>{1}));
}

TEST_F(DeliveryDrain, WrongOrUnreadableAckKeepsTheReport) {
  pushAll({1, 2});
  TestHttpServer server({ScriptedAnswer::ack(7), ScriptedAnswer::respond(202, "not json")});
  DrainResult result = drain(server.url());
  EXPECT_EQ(result.stopped_reason, DrainStop::kRetryLater);
  EXPECT_NE(result.last_error.find("acknowledged seq 7"), std::string::npos) << result.last_error;
  result = drain(server.url());
  EXPECT_EQ(result.stopped_reason, DrainStop::kRetryLater);
  EXPECT_EQ(pendingSeqs(), (std::vector<std::uint64_t>{1, 2}));
}

TEST_F(DeliveryDrain, MaxReportsBoundsOneDrain) {
  pushAll({1, 2, 3});
  TestHttpServer server({ScriptedAnswer::ack(1), ScriptedAnswer::ack(2)});
  const DrainResult result = drain(server.url(), 2);
  EXPECT_EQ(result.stopped_reason, DrainStop::kDrained);
  EXPECT_EQ(result.sent, 2u);
  EXPECT_EQ(pendingSeqs(), (std::vector<std::uint64_t>{3}));
}

// A body damaged on disk is sent as it is; the server refuses it and it is set aside.
TEST_F(DeliveryDrain, TruncatedBodyIsDeliveredAsItIsThenSetAside) {
  pushAll({1, 2});
  std::filesystem::resize_file(spool_->pending().front().path, 4);
  auto reopened = Spool::open(dir_.path() / "spool");
  ASSERT_TRUE(reopened);
  spool_.emplace(std::move(*reopened));
  TestHttpServer server(
      {ScriptedAnswer::respond(400, R"({"error":"invalid_report","detail":"bad JSON"})"),
       ScriptedAnswer::ack(2)});
  const DrainResult result = drain(server.url());
  EXPECT_EQ(result.rejected, 1u);
  EXPECT_EQ(result.sent, 1u);
  EXPECT_EQ(receivedBodies(server),
            (std::vector<std::string>{bodyFor(1).substr(0, 4), bodyFor(2)}));
  EXPECT_EQ(rejectedFiles(), (std::vector<std::string>{entryFileName(1, ReportKind::kFull)}));
}

TEST(DeliveryDrainUrl, AppendsTheReportsPath) {
  EXPECT_EQ(reportsUrl("https://parc.example.fr:8443"),
            "https://parc.example.fr:8443/api/v1/reports");
  EXPECT_EQ(reportsUrl("https://parc.example.fr:8443//"),
            "https://parc.example.fr:8443/api/v1/reports");
}

}  // namespace
}  // namespace parc::agent
