#pragma once
// Uploader over libcurl's easy API. One handle, reused across calls (keeps the connection
// and TLS session when the server allows it); no signals; bounded connect and total time.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "agent/delivery/uploader.h"
#include "shared/result.h"

namespace parc::agent {

// curl_global_init / curl_global_cleanup. main() holds one for the life of the program,
// before any CurlUploader exists and while no other thread runs. Throws on failure
// (main() turns it into one clear line and a non-zero exit).
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

// How https:// requests are verified. There is deliberately no switch to skip
// verification: the pinned CA is the only trust anchor (the system store is not
// used), the peer certificate and the host name are always verified, TLS 1.2 at least.
struct TlsOptions {
  std::string ca_file;  // PEM; empty: https:// requests fail (nothing pinned yet)
};

struct CurlOptions {
  std::string agent_version;  // User-Agent: parc-agent/<agent_version>
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(10)};
  std::chrono::milliseconds total_timeout{std::chrono::seconds(60)};
  std::size_t max_response_bytes = 1024 * 1024;  // the rest of a longer answer is discarded
  TlsOptions tls;
};

// "120" -> 120 s. The HTTP-date form and anything malformed give nullopt.
std::optional<std::chrono::seconds> parseRetryAfter(std::string_view value);

class CurlUploader final : public Uploader {
 public:
  // The CurlGlobal is proof that curl_global_init ran; it must outlive the uploader.
  static Result<std::unique_ptr<CurlUploader>> create(const CurlGlobal& global,
                                                      CurlOptions options);
  ~CurlUploader() override;
  CurlUploader(const CurlUploader&) = delete;
  CurlUploader& operator=(const CurlUploader&) = delete;

  HttpOutcome post(const std::string& url, const std::string& body,
                   const std::string& bearer_token) override;

 private:
  struct Handle;
  CurlUploader(std::unique_ptr<Handle> handle, CurlOptions options);

  std::unique_ptr<Handle> handle_;
  CurlOptions options_;
};

}  // namespace parc::agent
