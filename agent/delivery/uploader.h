#pragma once
// The seam between delivery and HTTP: one POST, its outcome as a value. CurlUploader is
// the real one (in the network module, agent/net/net_api.h); tests use a real server
// on 127.0.0.1 or a fake.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

namespace parc::agent {

struct HttpOutcome {
  bool transport_ok = false;                        // an HTTP answer was received
  std::string transport_error;                      // why not, when !transport_ok
  long status = 0;                                  // HTTP status, when transport_ok
  std::string body;                                 // the answer's body (bounded)
  std::optional<std::chrono::seconds> retry_after;  // "Retry-After: <seconds>", when given
};

// How https:// requests are verified. There is deliberately no switch to skip
// verification: the pinned CA is the only trust anchor (the system store is not
// used), the peer certificate and the host name are always verified, TLS 1.2 at least.
struct TlsOptions {
  std::string ca_file;  // PEM; empty: https:// requests fail (nothing pinned yet)
};

struct UploaderOptions {
  std::string agent_version;  // User-Agent: parc-agent/<agent_version>
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds total_timeout{std::chrono::seconds(60)};
  std::size_t max_response_bytes = 1024 * 1024;  // the rest of a longer answer is discarded
  TlsOptions tls;
};

class Uploader {
 public:
  virtual ~Uploader() = default;
  // POSTs `body` as JSON; sends "Authorization: Bearer <token>" when the token is not empty.
  virtual HttpOutcome post(const std::string& url, const std::string& body,
                           const std::string& bearer_token) = 0;
};

}  // namespace parc::agent
