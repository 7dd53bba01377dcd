#pragma once
// The real pjlink-sim binary, started on free ports for a test, and its control
// channel.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/integration/process.h"

namespace parc::testing {

std::filesystem::path pjlinkSimBinary();

class PjlinkSim {
 public:
  // Starts pjlink-sim with `args` plus --port 0; waits until it has printed its ports.
  PjlinkSim(const std::filesystem::path& dir, const std::vector<std::string>& args);

  std::uint16_t port() const { return port_; }
  std::string target(const std::string& options = "") const;  // "127.0.0.1:<port> <options>"
  // Sends one control line; returns the answer line ("ok" or "error: …").
  std::string control(const std::string& line) const;
  bool running() { return process_->running(); }

 private:
  std::unique_ptr<Process> process_;
  std::uint16_t port_ = 0, control_port_ = 0;
};

}  // namespace parc::testing
