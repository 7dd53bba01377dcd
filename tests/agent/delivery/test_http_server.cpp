#include "tests/agent/delivery/test_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace parc::agent::testing {
namespace {

constexpr int kPollMs = 20;

int listenOnLoopback(int& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(fd, 16) != 0) {
    ::close(fd);
    throw std::runtime_error("bind/listen on 127.0.0.1 failed");
  }
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  port = ntohs(address.sin_port);
  return fd;
}

bool waitReadable(int fd, const std::atomic<bool>& stop) {
  while (!stop) {
    pollfd entry{fd, POLLIN, 0};
    if (::poll(&entry, 1, kPollMs) > 0) return true;
  }
  return false;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

void parseHead(const std::string& head, ReceivedRequest& request) {
  std::size_t line_end = head.find("\r\n");
  const std::string request_line = head.substr(0, line_end);
  const std::size_t space = request_line.find(' ');
  request.method = request_line.substr(0, space);
  request.target = request_line.substr(space + 1, request_line.rfind(' ') - space - 1);
  while (line_end != std::string::npos && line_end + 2 < head.size()) {
    const std::size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    const std::string line = head.substr(start, line_end - start);
    const std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    request.headers[lower(line.substr(0, colon))] = value;
  }
}

std::string reasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 202:
      return "Accepted";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 413:
      return "Content Too Large";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

void sendAll(int fd, const std::string& bytes) {
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

}  // namespace

ScriptedAnswer ScriptedAnswer::respond(int status, std::string body,
                                       std::vector<std::string> headers) {
  return ScriptedAnswer{Kind::kRespond, status, std::move(headers), std::move(body)};
}

ScriptedAnswer ScriptedAnswer::ack(std::uint64_t seq, bool send_full, int next_report_in_s) {
  return respond(202, "{\"ack\":" + std::to_string(seq) +
                          ",\"next_report_in_s\":" + std::to_string(next_report_in_s) +
                          ",\"send_full\":" + (send_full ? "true" : "false") + "}");
}

ScriptedAnswer ScriptedAnswer::closeWithoutAnswer() {
  return {Kind::kCloseWithoutAnswer, 0, {}, {}};
}
ScriptedAnswer ScriptedAnswer::neverAnswer() { return {Kind::kNeverAnswer, 0, {}, {}}; }

TestHttpServer::TestHttpServer(std::vector<ScriptedAnswer> script) : script_(std::move(script)) {
  listen_fd_ = listenOnLoopback(port_);
  thread_ = std::thread([this] { run(); });
}

TestHttpServer::~TestHttpServer() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
}

std::vector<ReceivedRequest> TestHttpServer::requests() const {
  std::lock_guard lock(mutex_);
  return requests_;
}

ScriptedAnswer TestHttpServer::nextAnswer() {
  std::lock_guard lock(mutex_);
  if (next_ >= script_.size())
    return ScriptedAnswer::respond(500, "{\"error\":\"script_exhausted\"}");
  return script_[next_++];
}

void TestHttpServer::run() {
  while (waitReadable(listen_fd_, stop_)) {
    const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    serve(fd);
    ::close(fd);
  }
}

bool TestHttpServer::readRequest(int fd, ReceivedRequest& request) {
  std::string data;
  std::size_t head_end = std::string::npos;
  std::size_t wanted = 0;
  char buffer[16 * 1024];
  while (head_end == std::string::npos || data.size() < head_end + 4 + wanted) {
    if (!waitReadable(fd, stop_)) return false;
    const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) return false;
    data.append(buffer, static_cast<std::size_t>(got));
    if (head_end == std::string::npos && (head_end = data.find("\r\n\r\n")) != std::string::npos) {
      parseHead(data.substr(0, head_end), request);
      const auto length = request.headers.find("content-length");
      wanted = length == request.headers.end() ? 0 : std::stoul(length->second);
    }
  }
  request.body = data.substr(head_end + 4, wanted);
  return true;
}

void TestHttpServer::waitForPeerClose(int fd) {
  char buffer[1024];
  while (waitReadable(fd, stop_)) {
    if (::recv(fd, buffer, sizeof buffer, 0) <= 0) return;
  }
}

void TestHttpServer::serve(int fd) {
  ReceivedRequest request;
  if (!readRequest(fd, request)) return;
  {
    std::lock_guard lock(mutex_);
    requests_.push_back(request);
  }
  const ScriptedAnswer answer = nextAnswer();
  if (answer.kind == ScriptedAnswer::Kind::kCloseWithoutAnswer) return;
  if (answer.kind == ScriptedAnswer::Kind::kNeverAnswer) return waitForPeerClose(fd);
  std::string response =
      "HTTP/1.1 " + std::to_string(answer.status) + " " + reasonPhrase(answer.status) +
      "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
      std::to_string(answer.body.size()) + "\r\n";
  for (const std::string& header : answer.headers) response += header + "\r\n";
  sendAll(fd, response + "\r\n" + answer.body);
}

int closedPort() {
  int port = 0;
  ::close(listenOnLoopback(port));
  return port;
}

}  // namespace parc::agent::testing
