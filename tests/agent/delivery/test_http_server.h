#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1, port 0, in its own thread, answering a script:
// one scripted answer per request, in order (500 once the script runs out). It records
// every request it read, so a test can check what arrived and in which order.

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace parc::agent::testing {

struct ScriptedAnswer {
  enum class Kind { kRespond, kCloseWithoutAnswer, kNeverAnswer };
  Kind kind = Kind::kRespond;
  int status = 200;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;

  static ScriptedAnswer respond(int status, std::string body,
                                std::vector<std::string> headers = {});
  static ScriptedAnswer ack(std::uint64_t seq, bool send_full = false, int next_report_in_s = 900);
  static ScriptedAnswer closeWithoutAnswer();
  static ScriptedAnswer neverAnswer();
};

struct ReceivedRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
};

class TestHttpServer {
 public:
  explicit TestHttpServer(std::vector<ScriptedAnswer> script);
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::vector<ReceivedRequest> requests() const;

 private:
  void run();
  void serve(int fd);
  bool readRequest(int fd, ReceivedRequest& request);
  void waitForPeerClose(int fd);
  ScriptedAnswer nextAnswer();

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<ScriptedAnswer> script_;     // guarded by mutex_
  std::size_t next_ = 0;                   // guarded by mutex_
  std::vector<ReceivedRequest> requests_;  // guarded by mutex_
  std::thread thread_;
};

// A port on 127.0.0.1 where nothing listens (bound, then closed).
int closedPort();

}  // namespace parc::agent::testing
