#pragma once
// A TCP connection that speaks in CR-terminated lines, with every wait bounded:
// non-blocking socket and poll(), a deadline on each call, a bound on the line
// length. A peer that sends megabytes without a CR, or nothing at all, costs at
// most the deadline and the bound.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace parc::agent::pjlink {

using Deadline = std::chrono::steady_clock::time_point;

class LineSocket {
 public:
  // `host` is a numeric IPv4 or IPv6 address.
  static Result<LineSocket> connect(const std::string& host, std::uint16_t port, Deadline deadline);

  LineSocket(LineSocket&& other) noexcept;
  LineSocket& operator=(LineSocket&& other) noexcept;
  LineSocket(const LineSocket&) = delete;
  LineSocket& operator=(const LineSocket&) = delete;
  ~LineSocket();

  Status send(std::string_view bytes, Deadline deadline);
  // The next line without its CR (a LF right after the CR is skipped). Errors:
  // "timed out", "connection closed", "line longer than N bytes".
  Result<std::string> readLine(Deadline deadline, std::size_t max_length);
  bool closedByPeer() const { return closed_; }

 private:
  explicit LineSocket(int fd) : fd_(fd) {}
  Status waitFor(short events, Deadline deadline);

  int fd_ = -1;
  std::string buffer_;
  bool closed_ = false;
};

}  // namespace parc::agent::pjlink
