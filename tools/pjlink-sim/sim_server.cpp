#include "tools/pjlink-sim/sim_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <optional>
#include <vector>

#include "agent/pjlink/digest.h"
#include "shared/crypto.h"

namespace parc::tools::pjlink_sim {
namespace {

constexpr std::size_t kMaxInput = 1024;                 // a line longer than this closes the connection
constexpr std::int64_t kEndlessBytes = 64LL << 20;      // an endless answer stops after 64 MiB
constexpr std::size_t kGarbageChunk = 64 * 1024;
constexpr std::size_t kDigestLength = 32;

struct Pending {
  SimClock::time_point due;
  std::string bytes;
  bool close_after = false;
  bool endless = false;
};

struct PjlinkConnection {
  int fd = -1;
  std::string in, out;
  std::deque<Pending> pending;
  std::string expected_digest;  // empty: no authentication, or already checked
  bool first_command = true;
  bool closing = false;  // close once `out` is written
  std::int64_t endless_left = 0;
};

struct ControlConnection {
  int fd = -1;
  std::string in, out;
};

Result<int> listenOn(const std::string& bind, std::uint16_t port, std::uint16_t& bound) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  if (inet_pton(AF_INET, bind.c_str(), &address.sin_addr) != 1) return makeError("--bind: not an IPv4 address: " + bind);
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return makeError(std::string("socket: ") + std::strerror(errno));
  const int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 || ::listen(fd, 8) != 0) {
    const std::string error = std::strerror(errno);
    ::close(fd);
    return makeError("cannot listen on " + bind + ":" + std::to_string(port) + ": " + error);
  }
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  bound = ntohs(address.sin_port);
  return fd;
}

int acceptOne(int listener) {
  return ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
}

// Reads what is there; false when the peer closed or failed.
bool receive(int fd, std::string& in) {
  char chunk[4096];
  while (true) {
    const ssize_t got = ::recv(fd, chunk, sizeof(chunk), 0);
    if (got > 0) {
      in.append(chunk, static_cast<std::size_t>(got));
      if (in.size() > kMaxInput * 4) return false;
      continue;
    }
    if (got < 0 && errno == EINTR) continue;
    return got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
}

// Writes what it can; false when the peer is gone.
bool flush(int fd, std::string& out) {
  while (!out.empty()) {
    const ssize_t sent = ::send(fd, out.data(), out.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      out.erase(0, static_cast<std::size_t>(sent));
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    return sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }
  return true;
}

std::optional<std::string> nextLine(std::string& in) {
  while (in.starts_with('\n')) in.erase(0, 1);
  const auto cr = in.find('\r');
  if (cr == std::string::npos) return std::nullopt;
  std::string line = in.substr(0, cr);
  in.erase(0, cr + 1);
  return line;
}

}  // namespace

struct SimServer::Impl {
  SimModel& model;
  int pjlink_listener = -1, control_listener = -1;
  std::optional<PjlinkConnection> active;
  std::vector<ControlConnection> controls;

  explicit Impl(SimModel& m) : model(m) {}
  ~Impl() {
    if (active) ::close(active->fd);
    for (auto& control : controls) ::close(control.fd);
    if (pjlink_listener >= 0) ::close(pjlink_listener);
    if (control_listener >= 0) ::close(control_listener);
  }

  void acceptPjlink() {
    const int fd = acceptOne(pjlink_listener);
    if (fd < 0) return;
    if (active) {  // one controller at a time: the second is closed without a greeting
      ::close(fd);
      return;
    }
    PjlinkConnection connection;
    connection.fd = fd;
    const std::string& password = model.settings().password;
    if (password.empty()) {
      connection.out = "PJLINK 0\r";
    } else {
      const std::string random = randomHex(4);
      connection.expected_digest = agent::pjlink::authDigest(random, password);
      connection.out = "PJLINK 1 " + random + "\r";
    }
    active = std::move(connection);
  }

  void queueAnswer(PjlinkConnection& connection, const std::string& line, SimClock::time_point now) {
    std::string command = line;
    if (connection.first_command && !connection.expected_digest.empty()) {
      const bool good = command.size() >= kDigestLength &&
                        constantTimeEquals(command.substr(0, kDigestLength), connection.expected_digest);
      if (!good) {
        connection.pending.push_back({now, "PJLINK ERRA\r", true, false});
        return;
      }
      command.erase(0, kDigestLength);
    }
    connection.first_command = false;
    Settings& settings = model.settings();
    const SimClock::time_point due = now + settings.slow;
    if (settings.garbage) {
      connection.pending.push_back({due, {}, false, true});
      return;
    }
    std::string reply = model.answer(command, now) + "\r";
    if (settings.drop > 0) {
      --settings.drop;
      connection.pending.push_back({due, reply.substr(0, reply.size() / 2), true, false});
      return;
    }
    connection.pending.push_back({due, std::move(reply), false, false});
  }

  void servePjlink(short revents, SimClock::time_point now) {
    PjlinkConnection& connection = *active;
    if ((revents & (POLLIN | POLLHUP | POLLERR)) && !connection.closing) {
      if (!receive(connection.fd, connection.in)) return closeActive();
      while (auto line = nextLine(connection.in)) queueAnswer(connection, *line, now);
      if (connection.in.size() > kMaxInput) return closeActive();
    }
    while (!connection.pending.empty() && connection.pending.front().due <= now && connection.out.empty() &&
           connection.endless_left == 0 && !connection.closing) {
      Pending next = std::move(connection.pending.front());
      connection.pending.pop_front();
      connection.out = std::move(next.bytes);
      connection.closing = next.close_after;
      if (next.endless) connection.endless_left = kEndlessBytes;
    }
    if (connection.out.empty() && connection.endless_left > 0) {
      const auto size = static_cast<std::size_t>(std::min<std::int64_t>(connection.endless_left, kGarbageChunk));
      connection.out.assign(size, 'x');
      connection.endless_left -= static_cast<std::int64_t>(size);
    }
    if (!flush(connection.fd, connection.out)) return closeActive();
    if (connection.out.empty() && connection.closing) closeActive();
  }

  void closeActive() {
    if (!active) return;
    ::close(active->fd);
    active.reset();
  }

  void serveControl(ControlConnection& control, short revents, SimClock::time_point now) {
    if (revents & (POLLIN | POLLHUP | POLLERR)) {
      if (!receive(control.fd, control.in)) {
        ::close(control.fd);
        control.fd = -1;
        return;
      }
      std::string::size_type newline;
      while ((newline = control.in.find('\n')) != std::string::npos) {
        std::string line = control.in.substr(0, newline);
        control.in.erase(0, newline + 1);
        if (line.ends_with('\r')) line.pop_back();
        if (line == "get") {
          control.out += model.describe(now) + "\n";
        } else if (auto status = model.control(line, now); status) {
          control.out += "ok\n";
        } else {
          control.out += "error: " + status.error() + "\n";
        }
      }
    }
    if (!flush(control.fd, control.out)) {
      ::close(control.fd);
      control.fd = -1;
    }
  }

  int timeoutMs(SimClock::time_point now) const {
    int timeout = 100;  // also how soon a stop request is seen
    if (active && !active->pending.empty()) {
      const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(active->pending.front().due - now);
      timeout = static_cast<int>(std::clamp<std::int64_t>(wait.count() + 1, 0, timeout));
    }
    return timeout;
  }

  void step() {
    std::vector<pollfd> fds{{pjlink_listener, POLLIN, 0}, {control_listener, POLLIN, 0}};
    if (active) {
      const bool writing = !active->out.empty() || active->endless_left > 0;
      fds.push_back({active->fd, static_cast<short>(POLLIN | (writing ? POLLOUT : 0)), 0});
    }
    const std::size_t first_control = fds.size();
    for (const auto& control : controls) {
      fds.push_back({control.fd, static_cast<short>(POLLIN | (control.out.empty() ? 0 : POLLOUT)), 0});
    }
    if (::poll(fds.data(), fds.size(), timeoutMs(SimClock::now())) < 0 && errno != EINTR) return;
    const SimClock::time_point now = SimClock::now();
    for (std::size_t i = 0; i < controls.size(); ++i) serveControl(controls[i], fds[first_control + i].revents, now);
    std::erase_if(controls, [](const ControlConnection& c) { return c.fd < 0; });
    if (active) servePjlink(fds[2].revents, now);
    if (fds[0].revents & POLLIN) acceptPjlink();
    if (fds[1].revents & POLLIN) {
      if (const int fd = acceptOne(control_listener); fd >= 0) controls.push_back({fd, {}, {}});
    }
  }
};

SimServer::SimServer(std::unique_ptr<Impl> impl, std::uint16_t port, std::uint16_t control_port)
    : impl_(std::move(impl)), port_(port), control_port_(control_port) {}

SimServer::~SimServer() = default;

Result<std::unique_ptr<SimServer>> SimServer::listen(const std::string& bind, std::uint16_t port,
                                                     std::uint16_t control_port, SimModel& model) {
  auto impl = std::make_unique<Impl>(model);
  std::uint16_t bound = 0, control_bound = 0;
  auto pjlink = listenOn(bind, port, bound);
  if (!pjlink) return makeError(pjlink.error());
  impl->pjlink_listener = *pjlink;
  auto control = listenOn(bind, control_port, control_bound);
  if (!control) return makeError(control.error());
  impl->control_listener = *control;
  return std::unique_ptr<SimServer>(new SimServer(std::move(impl), bound, control_bound));
}

void SimServer::run(const volatile std::sig_atomic_t* stop) {
  while (*stop == 0) impl_->step();
}

}  // namespace parc::tools::pjlink_sim
