#pragma once
// The load engine: lanes of HTTP/1.1 keep-alive connections, each working
// through its own sequence of requests at the times they are scheduled for.
// Latency is measured from the scheduled time, so a server that falls behind
// shows it (no coordinated omission).

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace parc::bench {

using SteadyTime = std::chrono::steady_clock::time_point;

struct LoadRequest {
  std::string target;  // "/api/v1/reports"
  std::string body;
  std::string bearer;  // empty: no Authorization header
  SteadyTime scheduled;
  std::size_t agent = 0;
  std::uint64_t seq = 0;  // the report's sequence number (0: not a report)
  int attempt = 0;        // 0: first sending; n: n-th retry
};

struct LoadResponse {
  int status = 0;
  std::string body;
  std::string retry_after;
};

struct Lane {
  std::function<std::optional<LoadRequest>()> next;
  // `response` is null when the request failed at the transport (then `error` says how).
  std::function<void(const LoadRequest&, const LoadResponse* response, const std::string& error,
                     std::chrono::microseconds latency)>
      done;
};

// HTTPS instead of plain HTTP: the server's chain checked against `ca_file` (the
// server's CA, as agents pin it; no host name check, like the agent), or not checked
// at all (`insecure`).
struct TlsOptions {
  bool enabled = false;
  std::string ca_file;
  bool insecure = false;
};

// Runs every lane to completion on `threads` threads. Lanes reconnect after a
// transport error or a "Connection: close".
void runLanes(const std::string& host, std::uint16_t port, std::vector<Lane>& lanes, unsigned threads,
              const TlsOptions& tls = {});

}  // namespace parc::bench
