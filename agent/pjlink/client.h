#pragma once
// Polls one projector over PJLink (TCP 4352, class 1 and 2): one connection,
// authenticated when the projector asks for it, the inventory and status queries
// in sequence, every wait bounded.
//
// A projector that cannot be reached is a fact, not an error: the reading says
// reachable=false and why. Per-command ERR1..ERR4 leave that field empty (a laser
// projector answers ERR1 to LAMP; a projector in standby may answer ERR3).

#include <chrono>
#include <cstddef>

#include "agent/pjlink/target.h"
#include "shared/report.h"

namespace parc::agent::pjlink {

struct ClientOptions {
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds reply_timeout{5000};  // per answer: projectors in standby are slow
  std::chrono::milliseconds total_timeout{20000};  // the whole poll of one projector
  std::size_t max_line = 512;
};

struct ProjectorReading {
  Projector inventory;
  ProjectorState state;
};

ProjectorReading pollProjector(const ProjectorTarget& target, const ClientOptions& options = {});

}  // namespace parc::agent::pjlink
