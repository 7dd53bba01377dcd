#pragma once
// What the simulated agents send: enrollment bodies, full inventories built from
// real captured machines (parc-agent inventory output) with per-agent serials,
// UUIDs, MACs and disks, and small state reports, some carrying faults.

#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "shared/result.h"

namespace parc::bench {

struct SimAgent {
  std::size_t index = 0;
  std::string uuid, serial, mac, hostname, disk_serial;
  std::size_t machine = 0;  // which captured inventory it is built from
  std::string agent_id, secret;
  std::uint64_t next_seq = 1;
  bool silent = false;  // a fault: stops reporting
};

enum class Fault { kNone, kFailingDisk, kLampError, kWhiteboardGone };

// A JSON text with placeholders, cut once so rendering is concatenation.
class Template {
 public:
  explicit Template(const std::string& text);
  std::string render(const std::vector<std::string>& values) const;  // in placeholder order
  std::size_t size() const { return size_; }

 private:
  std::vector<std::string> pieces_;
  std::vector<std::size_t> slots_;
  std::size_t size_ = 0;
};

class Workload {
 public:
  // `inventories`: files printed by `parc-agent inventory` (one per captured machine).
  static Result<Workload> load(const std::vector<std::filesystem::path>& inventories);

  std::vector<SimAgent> makeAgents(std::size_t count, std::uint64_t seed) const;
  std::string enrollBody(const SimAgent& agent, const std::string& token) const;
  std::string fullReport(const SimAgent& agent, std::uint64_t seq, std::string_view collected_at) const;
  std::string stateReport(const SimAgent& agent, std::uint64_t seq, std::string_view collected_at,
                          Fault fault, std::uint64_t uptime_s) const;
  std::size_t fullReportBytes() const;

 private:
  std::vector<Template> full_;
};

}  // namespace parc::bench
