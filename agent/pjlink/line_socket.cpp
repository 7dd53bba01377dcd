#include "agent/pjlink/line_socket.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <utility>

namespace parc::agent::pjlink {
namespace {

constexpr std::size_t kChunk = 512;

int remainingMs(Deadline deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::steady_clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(std::min<std::int64_t>(left.count(), 1 << 30));
}

std::string lastError(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

struct Address {
  sockaddr_storage storage{};
  socklen_t length = 0;
};

Result<Address> numericAddress(const std::string& host, std::uint16_t port) {
  Address address;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&address.storage);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&address.storage);
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    address.length = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    address.length = sizeof(sockaddr_in6);
  } else {
    return makeError("not a numeric address: " + host);
  }
  return address;
}

}  // namespace

Result<LineSocket> LineSocket::connect(const std::string& host, std::uint16_t port, Deadline deadline) {
  auto address = numericAddress(host, port);
  if (!address) return makeError(address.error());
  const int fd = ::socket(address->storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return makeError(lastError("socket"));
  LineSocket socket(fd);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address->storage), address->length) != 0) {
    if (errno != EINPROGRESS) return makeError(lastError("connect"));
    if (auto ready = socket.waitFor(POLLOUT, deadline); !ready) return makeError("connect: " + ready.error());
    int error = 0;
    socklen_t length = sizeof(error);
    if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) != 0) return makeError(lastError("connect"));
    if (error != 0) return makeError(std::string("connect: ") + std::strerror(error));
  }
  return socket;
}

LineSocket::LineSocket(LineSocket&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), buffer_(std::move(other.buffer_)), closed_(other.closed_) {}

LineSocket& LineSocket::operator=(LineSocket&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    buffer_ = std::move(other.buffer_);
    closed_ = other.closed_;
  }
  return *this;
}

LineSocket::~LineSocket() {
  if (fd_ >= 0) ::close(fd_);
}

Status LineSocket::waitFor(short events, Deadline deadline) {
  while (true) {
    pollfd entry{fd_, events, 0};
    const int ready = ::poll(&entry, 1, remainingMs(deadline));
    if (ready > 0) return {};
    if (ready == 0) return makeError("timed out");
    if (errno != EINTR) return makeError(lastError("poll"));
  }
}

Status LineSocket::send(std::string_view bytes, Deadline deadline) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      bytes.remove_prefix(static_cast<std::size_t>(sent));
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      if (auto ready = waitFor(POLLOUT, deadline); !ready) return makeError("send: " + ready.error());
      continue;
    }
    closed_ = true;
    return makeError(lastError("send"));
  }
  return {};
}

Result<std::string> LineSocket::readLine(Deadline deadline, std::size_t max_length) {
  while (true) {
    if (buffer_.starts_with('\n')) buffer_.erase(0, 1);  // the LF of a CRLF
    if (const auto cr = buffer_.find('\r'); cr != std::string::npos) {
      std::string line = buffer_.substr(0, cr);
      buffer_.erase(0, cr + 1);
      if (line.size() > max_length) return makeError("line longer than " + std::to_string(max_length) + " bytes");
      return line;
    }
    if (buffer_.size() > max_length) {
      return makeError("no CR within " + std::to_string(max_length) + " bytes");
    }
    if (closed_) return makeError("connection closed");
    if (auto ready = waitFor(POLLIN, deadline); !ready) return makeError(ready.error());
    char chunk[kChunk];
    const ssize_t got = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (got > 0) {
      buffer_.append(chunk, static_cast<std::size_t>(got));
    } else if (got == 0) {
      closed_ = true;
    } else if (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) {
      closed_ = true;
      return makeError(lastError("recv"));
    }
  }
}

}  // namespace parc::agent::pjlink
