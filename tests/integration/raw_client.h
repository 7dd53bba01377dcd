#pragma once
// Raw TCP for tests that must send what no well-behaved client sends: broken
// chunked encoding, truncated bodies, headers a byte at a time, idle sockets.

#include <chrono>
#include <cstdint>
#include <string>

namespace parc::testing {

class RawConnection {
 public:
  RawConnection(const std::string& host, std::uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool send(const std::string& bytes);
  // What arrives until the peer closes or `timeout` passes.
  std::string receive(std::chrono::milliseconds timeout);
  // True when the peer closed the connection within `timeout`.
  bool closedByPeerWithin(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
};

// The status code of the first HTTP response in `bytes`, or 0.
int statusOf(const std::string& bytes);

}  // namespace parc::testing
