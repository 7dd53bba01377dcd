#include "tests/agent/pjlink/sim_process.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace parc::testing {
namespace {

std::uint16_t portAfter(const std::string& text, const std::string& key) {
  std::istringstream in(text);
  std::string word;
  while (in >> word) {
    if (word == key) {
      long port = 0;
      in >> port;
      return static_cast<std::uint16_t>(port);
    }
  }
  return 0;
}

}  // namespace

std::filesystem::path pjlinkSimBinary() {
  return std::filesystem::path(PARC_BINARY_DIR) / "tools/pjlink-sim/pjlink-sim";
}

PjlinkSim::PjlinkSim(const std::filesystem::path& dir, const std::vector<std::string>& args) {
  std::vector<std::string> all = args;
  all.insert(all.end(), {"--port", "0"});
  std::filesystem::create_directories(dir);
  process_ = std::make_unique<Process>(pjlinkSimBinary(), all, dir / "pjlink-sim");
  // Waits for the two port lines (a start-up wait, not a timed assertion).
  for (int i = 0; i < 1000 && (port_ == 0 || control_port_ == 0); ++i) {
    const std::string out = readFile(dir / "pjlink-sim.out");
    port_ = portAfter(out, "pjlink_port");
    control_port_ = portAfter(out, "control_port");
    if (port_ == 0 || control_port_ == 0) {
      if (!process_->running()) throw std::runtime_error("pjlink-sim exited: " + process_->stderrText());
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  if (port_ == 0 || control_port_ == 0) throw std::runtime_error("pjlink-sim printed no ports");
}

std::string PjlinkSim::target(const std::string& options) const {
  return "127.0.0.1:" + std::to_string(port_) + (options.empty() ? "" : " " + options);
}

std::string PjlinkSim::control(const std::string& line) const {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(control_port_);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return "error: cannot connect to the control port";
  }
  const std::string request = line + "\n";
  (void)::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string answer;
  char c = 0;
  while (::recv(fd, &c, 1, 0) == 1 && c != '\n') answer.push_back(c);
  ::close(fd);
  return answer;
}

}  // namespace parc::testing
