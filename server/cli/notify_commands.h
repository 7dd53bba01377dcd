#pragma once
// parc-server admin notify ...: where a collectivity's alerts are sent.
//
//   notify webhook add --collectivity ID URL --secret S [--min-severity LEVEL] [--site ID]...
//   notify email add --collectivity ID ADDRESS [--min-severity LEVEL] [--site ID]... [--digest DURATION]
//   notify email digest ENDPOINT_ID DURATION   one message per window (0: one per alert)
//   notify list [--collectivity ID]        endpoints, then dead deliveries

#include <iosfwd>
#include <string>
#include <vector>

#include "server/store/store.h"

namespace parc::server {

struct NotifyCommand {
  std::vector<std::string> words;  // after "notify": webhook add URL | email add ADDRESS | list
  OptString collectivity, secret, min_severity;
  OptString digest;  // email: "15m", "1h", "0"
  std::vector<std::string> sites;
};

// Throws std::invalid_argument for a usage error, std::runtime_error for a refusal.
void runNotifyCommand(Store& store, const NotifyCommand& command, std::ostream& out);

}  // namespace parc::server
