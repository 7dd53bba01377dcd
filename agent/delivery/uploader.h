#pragma once
// The seam between delivery and HTTP: one POST, its outcome as a value. CurlUploader is
// the real one; tests use a real server on 127.0.0.1 or a fake.

#include <chrono>
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

class Uploader {
 public:
  virtual ~Uploader() = default;
  // POSTs `body` as JSON; sends "Authorization: Bearer <token>" when the token is not empty.
  virtual HttpOutcome post(const std::string& url, const std::string& body,
                           const std::string& bearer_token) = 0;
};

}  // namespace parc::agent
