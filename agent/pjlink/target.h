#pragma once
// A projector the agent polls, as configured: one `projector = …` line,
// "ADDR[:PORT] [password=…] [lamp_life_hours=…] [name=…]". ADDR is an IPv4
// address or a bracketed IPv6 address ("[fd00::40]:4352"): no name lookup, so a
// poll never waits on DNS. name= takes the rest of the line ("name=Salle B13").

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/report.h"
#include "shared/result.h"

namespace parc::agent::pjlink {

inline constexpr std::uint16_t kDefaultPort = 4352;

struct ProjectorTarget {
  std::string host;  // numeric, without brackets
  std::uint16_t port = kDefaultPort;
  OptString password;
  OptInt lamp_life_hours;
  OptString name;

  // As reported: "10.12.3.40", "10.12.3.40:14352", "[fd00::40]:4352" only when the port
  // is not the default.
  std::string address() const;
};

// Pure. Errors quote the offending word and say what was expected.
Result<ProjectorTarget> parseProjectorTarget(std::string_view line);
// Every line, or the first error prefixed with "projector N: ".
Result<std::vector<ProjectorTarget>> parseProjectorTargets(const std::vector<std::string>& lines);

}  // namespace parc::agent::pjlink
