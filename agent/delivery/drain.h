#pragma once
// Sends what the spool holds, oldest first, until it is empty or the server says stop.
//
//   2xx with {"ack": seq, ...}            removed from the spool, next one
//   401                                   stop: the agent must re-enroll (the report stays)
//   408, 429, 5xx, transport error,       stop: retry later (honouring Retry-After);
//   2xx with a wrong or unreadable ack    the report stays
//   400, 413, 415, 422, or any other 4xx  rejected: moved to rejected/, never retried; next one
//   carrying a Parc error body
//   any other 4xx or 3xx (a wrong URL,    stop: retry later. Rejecting here would empty the
//   a proxy's page)                       spool on a configuration mistake.

#include <chrono>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>

#include "agent/delivery/spool.h"
#include "agent/delivery/uploader.h"
#include "shared/logging.h"

namespace parc::agent {

enum class DrainStop {
  kDrained,        // nothing left (or max_reports sent)
  kRetryLater,     // the server or the network is not taking reports now
  kNeedsReenroll,  // 401: the server does not know this agent
  kSpoolError      // a spooled report could not be read or removed
};

struct DrainTarget {
  std::string server_url;    // "https://parc.example.fr:8443"; "/api/v1/reports" is appended
  std::string agent_secret;  // the bearer token; never logged
  std::size_t max_reports = std::numeric_limits<std::size_t>::max();
};

struct DrainResult {
  std::size_t sent = 0;
  std::size_t rejected = 0;
  DrainStop stopped_reason = DrainStop::kDrained;
  std::optional<std::chrono::seconds> retry_after;
  std::optional<bool> send_full;                       // from the last acknowledgement
  std::optional<std::chrono::seconds> next_report_in;  // from the last acknowledgement
  std::string last_error;
};

std::string reportsUrl(const std::string& server_url);

DrainResult drainSpool(Spool& spool, Uploader& uploader, const DrainTarget& target,
                       const Logger& logger);

}  // namespace parc::agent
