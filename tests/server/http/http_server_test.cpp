// The transport on its own: deferred answers and streamed bodies, against a real
// HttpServer on 127.0.0.1 and real clients (libcurl, raw sockets).

#include "server/http/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "tests/integration/http_client.h"
#include "tests/integration/raw_client.h"

namespace parc::server {
namespace {

using namespace std::chrono_literals;
using parc::testing::httpRequest;

class HttpServerTest : public ::testing::Test {
 protected:
  void start(HttpHandler handler, HttpLimits limits = {}) {
    server_ = std::make_unique<HttpServer>(limits, std::move(handler), nullLogger());
    auto port = server_->listen("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.error();
    port_ = *port;
    runner_ = std::thread([this] { server_->run(2); });
  }
  void TearDown() override {
    if (server_) server_->stop();
    if (runner_.joinable()) runner_.join();
    for (auto& worker : workers_) worker.join();
  }
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

  std::unique_ptr<HttpServer> server_;
  std::thread runner_;
  std::vector<std::thread> workers_;
  std::uint16_t port_ = 0;
};

TEST_F(HttpServerTest, ADeferredAnswerArrivesWhenTheResponderIsCalled) {
  std::atomic<int> pending{0};
  start([&](const HttpRequest&) {
    HttpResponse response;
    response.deferred = [&](Responder respond) {
      ++pending;
      workers_.emplace_back([respond = std::move(respond), &pending] {
        std::this_thread::sleep_for(50ms);
        --pending;
        respond(HttpResponse{202, "application/json", R"({"ack":1})", {{"X-Later", "yes"}}});
      });
    };
    return response;
  });
  const auto answer = httpRequest("POST", url("/r"), "{}");
  EXPECT_EQ(answer.status, 202);
  EXPECT_EQ(answer.body, R"({"ack":1})");
  EXPECT_NE(answer.headers.find("X-Later: yes"), std::string::npos);
  EXPECT_EQ(pending.load(), 0);
}

TEST_F(HttpServerTest, DeferredAnswersDoNotHoldTheIoThreads) {
  // Two io threads, twenty requests waiting at once: they all get through because
  // waiting for an answer does not occupy a thread.
  std::mutex mutex;
  std::vector<Responder> waiting;
  start([&](const HttpRequest&) {
    HttpResponse response;
    response.deferred = [&](Responder respond) {
      std::lock_guard lock(mutex);
      waiting.push_back(std::move(respond));
    };
    return response;
  });
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int i = 0; i < 20; ++i) {
    clients.emplace_back([&] { ok += httpRequest("POST", url("/r"), "{}").status == 202; });
  }
  for (int tries = 0; tries < 500; ++tries) {
    {
      std::lock_guard lock(mutex);
      if (waiting.size() == 20) break;
    }
    std::this_thread::sleep_for(10ms);
  }
  {
    std::lock_guard lock(mutex);
    ASSERT_EQ(waiting.size(), 20u);
    for (auto& respond : waiting) respond(HttpResponse{202, "application/json", "{}", {}});
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(ok.load(), 20);
}

TEST_F(HttpServerTest, AStreamedBodyArrivesChunkByChunkAndTheConnectionIsReused) {
  start([&](const HttpRequest& request) {
    if (request.path != "/stream") return HttpResponse{200, "text/plain", "after", {}};
    HttpResponse response{200, "text/event-stream", "", {}};
    response.stream = [&](std::shared_ptr<ResponseStream> stream) {
      workers_.emplace_back([stream] {
        for (int i = 0; i < 3; ++i) {
          EXPECT_TRUE(stream->write("data: " + std::to_string(i) + "\n\n"));
          std::this_thread::sleep_for(10ms);
        }
        stream->close();
        EXPECT_FALSE(stream->open());
      });
    };
    return response;
  });
  parc::testing::RawConnection raw("127.0.0.1", port_);
  raw.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
  std::string received;
  for (int i = 0; i < 50 && received.find("0\r\n\r\n") == std::string::npos; ++i) received += raw.receive(100ms);
  EXPECT_NE(received.find("Transfer-Encoding: chunked"), std::string::npos) << received;
  EXPECT_NE(received.find("data: 0\n\n"), std::string::npos);
  EXPECT_NE(received.find("data: 2\n\n"), std::string::npos);
  EXPECT_NE(received.find("\r\n0\r\n\r\n"), std::string::npos) << "the last chunk ends the body";
  raw.send("GET /other HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_NE(raw.receive(1s).find("after"), std::string::npos) << "the connection serves the next request";
}

TEST_F(HttpServerTest, AReaderThatDoesNotReadIsDroppedAndTheProducerToldSo) {
  std::atomic<bool> refused{false};
  std::atomic<bool> done{false};
  HttpLimits limits;
  limits.stream_queue_bytes = 64 * 1024;
  start(
      [&](const HttpRequest& request) {
        if (request.path != "/feed") return HttpResponse{200, "text/plain", "ok", {}};
        HttpResponse response{200, "text/event-stream", "", {}};
        response.stream = [&](std::shared_ptr<ResponseStream> stream) {
          workers_.emplace_back([stream, &refused, &done] {
            const std::string block(8 * 1024, 'x');
            for (int i = 0; i < 100000 && !refused; ++i) {
              if (!stream->write(block)) refused = true;
            }
            done = true;
          });
        };
        return response;
      },
      limits);
  parc::testing::RawConnection raw("127.0.0.1", port_);
  raw.send("GET /feed HTTP/1.1\r\nHost: x\r\n\r\n");  // and never read
  for (int i = 0; i < 500 && !done; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(refused.load()) << "the producer learns the reader is too slow instead of blocking";
  EXPECT_EQ(httpRequest("GET", url("/x")).status, 200) << "others are served meanwhile";
}

TEST_F(HttpServerTest, AProducerCanWaitForTheReaderToCatchUp) {
  std::atomic<std::size_t> sent{0};
  HttpLimits limits;
  limits.stream_queue_bytes = 64 * 1024;
  start(
      [&](const HttpRequest&) {
        HttpResponse response{200, "text/csv", "", {}};
        response.stream = [&](std::shared_ptr<ResponseStream> stream) {
          workers_.emplace_back([stream, &sent] {
            const std::string row(1000, 'r');
            for (int i = 0; i < 2000; ++i) {
              if (!stream->waitWritable(5s) || !stream->write(row + "\n")) return;
              sent += row.size() + 1;
            }
            stream->close();
          });
        };
        return response;
      },
      limits);
  const auto answer = httpRequest("GET", url("/export"));
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body.size(), 2000u * 1001u) << "2 MB through a 64 KiB queue, nothing lost";
  EXPECT_EQ(sent.load(), answer.body.size());
}

}  // namespace
}  // namespace parc::server
