#pragma once
// The simulator's sockets: one PJLink listener that serves one controller at a
// time (like the Sony and Epson units that allow a single connection: a second
// connection is accepted and closed at once, without a greeting), and a text
// control listener taking one setting per line ("erst 020000") and answering
// "ok" or "error: …". Single-threaded, poll() based.

#include <csignal>
#include <cstdint>
#include <memory>
#include <string>

#include "shared/result.h"
#include "tools/pjlink-sim/sim_model.h"

namespace parc::tools::pjlink_sim {

class SimServer {
 public:
  // Port 0 picks a free port.
  static Result<std::unique_ptr<SimServer>> listen(const std::string& bind, std::uint16_t port,
                                                   std::uint16_t control_port, SimModel& model);
  ~SimServer();

  std::uint16_t port() const { return port_; }
  std::uint16_t controlPort() const { return control_port_; }

  // Serves until *stop becomes non-zero (set from a signal handler).
  void run(const volatile std::sig_atomic_t* stop);

 private:
  struct Impl;
  SimServer(std::unique_ptr<Impl> impl, std::uint16_t port, std::uint16_t control_port);

  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0, control_port_ = 0;
};

}  // namespace parc::tools::pjlink_sim
